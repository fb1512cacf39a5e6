import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageMailbox } from '../contracts';

/**
 * Serves the Gmail-like page under `/mail/`. Returns false when the path is not the page's, so the
 * server can answer 404 as Google does.
 */
export async function handlePageRequest(
  _req: IncomingMessage,
  _res: ServerResponse,
  _url: URL,
  _mailbox: PageMailbox,
): Promise<boolean> {
  return false;
}
