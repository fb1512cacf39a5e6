import { openThreadHeading, readThreadIdNow, threadIdFromHash, threadIdFromHeading } from './thread-id';

/** The thread open in the tab, as the page shows it. */
export interface ThreadView {
  /** The Gmail REST API's thread id (hex); undefined for `thread-a:` threads, which have none. */
  threadId: string | undefined;
  /** The subject as the page shows it; empty while Gmail is still rendering. */
  subject: string;
}

/**
 * Reads the open thread: the subject heading with its id attributes first; without one, the thread token
 * at the end of the hash route (`#inbox/FMfcgz…`). Undefined when the tab shows a list, not a thread.
 * resolveThreadId (thread-id.ts) adds the last step, a message id through the API.
 */
export function readThreadView(doc: Document): ThreadView | undefined {
  try {
    const heading = openThreadHeading(doc);
    const result = readThreadIdNow(doc);
    // Right after a route change the URL already names the new thread while Gmail still shows the old
    // heading: the URL wins, so the sidebar can load the ticket while Gmail renders the thread.
    const fromUrl = threadIdFromHash(doc.location?.hash ?? '');
    if (typeof fromUrl === 'object' && (!result.ok || result.threadId !== fromUrl.threadId)) {
      const headingId = heading === undefined ? undefined : threadIdFromHeading(heading);
      const stale = typeof headingId === 'object' && headingId.threadId !== fromUrl.threadId;
      if (heading === undefined || stale) return { threadId: fromUrl.threadId, subject: '' };
    }
    if (heading !== undefined) {
      return {
        threadId: result.ok ? result.threadId : undefined,
        subject: heading.textContent?.trim() ?? '',
      };
    }
    if (result.ok) return { threadId: result.threadId, subject: '' };
    return result.failure.kind === 'no-api-id' ? { threadId: undefined, subject: '' } : undefined;
  } catch {
    return undefined; // never into Gmail's page
  }
}

/** `data-legacy-thread-id` (hex) first, else the decimal sync id in `data-thread-perm-id`. */
export function threadIdOfHeading(heading: Element): string | undefined {
  const step = threadIdFromHeading(heading);
  return typeof step === 'object' ? step.threadId : undefined;
}

/** The thread named by the route's last segment, if that segment is a thread token or a legacy hex id. */
export function threadTokenFromHash(
  hash: string,
): { token: string; threadId: string | undefined } | undefined {
  const step = threadIdFromHash(hash);
  if (step === undefined) return undefined;
  const token = hash.replace(/^#/, '').split('?')[0]?.split('/').at(-1) ?? '';
  return { token, threadId: typeof step === 'object' ? step.threadId : undefined };
}
