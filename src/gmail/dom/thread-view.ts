import { gmailSelectors, queryAllGmail, queryGmail } from './selectors';
import { GmailIdError, threadIdFromPermId, threadIdFromToken } from './thread-token';

/** The thread open in the tab, as the page shows it. */
export interface ThreadView {
  /** The Gmail REST API's thread id (hex); undefined for `thread-a:` threads, which have none. */
  threadId: string | undefined;
  /** The subject as the page shows it; empty while Gmail is still rendering. */
  subject: string;
}

const HEX_THREAD_ID = /^[0-9a-f]{1,16}$/i;

/**
 * Reads the open thread: the subject heading with its id attributes first; without one, the thread token
 * at the end of the hash route (`#inbox/FMfcgz…`). Undefined when the tab shows a list, not a thread.
 */
export function readThreadView(doc: Document): ThreadView | undefined {
  const heading = queryAllGmail(doc, gmailSelectors.threadSubject).find(isShown);
  if (heading !== undefined) {
    return { threadId: threadIdOfHeading(heading), subject: heading.textContent?.trim() ?? '' };
  }
  const token = threadTokenFromHash(doc.location.hash);
  if (token === undefined) return undefined;
  return { threadId: token.threadId, subject: '' };
}

/** `data-legacy-thread-id` (hex) first, else the decimal sync id in `data-thread-perm-id`. */
export function threadIdOfHeading(heading: Element): string | undefined {
  const legacy = heading.getAttribute('data-legacy-thread-id');
  if (legacy !== null && HEX_THREAD_ID.test(legacy)) return legacy.toLowerCase();
  const permId = heading.getAttribute('data-thread-perm-id');
  if (permId === null) return undefined;
  try {
    return threadIdFromPermId(permId);
  } catch (error) {
    if (error instanceof GmailIdError) return undefined; // a thread-a: id has no hex form
    throw error;
  }
}

/** The thread named by the route's last segment, if that segment is a thread token. */
export function threadTokenFromHash(
  hash: string,
): { token: string; threadId: string | undefined } | undefined {
  const segments = hash.replace(/^#/, '').split(/[/?]/);
  if (segments.length < 2) return undefined; // `#inbox`, `#starred`: a list
  const last = segments.at(-1) ?? '';
  // Tokens are long runs of Gmail's consonant alphabet; label names and searches rarely are.
  if (!/^[B-DF-HJ-NP-TV-XZb-df-hj-np-tv-xz]{16,}$/.test(last)) return undefined;
  try {
    return { token: last, threadId: threadIdFromToken(last) };
  } catch (error) {
    if (error instanceof GmailIdError) return undefined;
    throw error;
  }
}

const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * The address of the mailbox open in the tab: from the account button's label, else from the page title
 * (`Inbox (3) - support@shop.example - Gmail`). Both are localised, so only the address is matched.
 */
export function readMailboxAddress(doc: Document): string | undefined {
  const label = queryGmail(doc, gmailSelectors.accountButton)?.getAttribute('aria-label') ?? '';
  const match = EMAIL.exec(label) ?? EMAIL.exec(doc.title);
  return match?.[0].toLowerCase();
}

/** A heading Gmail keeps in the DOM but hides (a view left behind) is not the open thread. */
function isShown(element: Element): boolean {
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : true;
}
