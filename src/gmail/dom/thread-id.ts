/**
 * Which thread the tab shows, as the Gmail REST API names it (hex), from the most direct evidence to the
 * least: the heading's `data-legacy-thread-id`, the `thread-f:` sync id in its `data-thread-perm-id`, the
 * URL token, and last a message id of the thread looked up through the API (DESIGN.md section 5).
 * Never throws: a page Gmail changed gives a typed failure naming what was tried.
 */
import { GmailSelectorError, gmailSelectors, queryAllGmail } from './selectors';
import { GmailIdError, messageIdFromPermId, threadIdFromPermId, threadIdFromToken } from './thread-token';

export type ThreadIdSource = 'legacy-attribute' | 'perm-id' | 'url-token' | 'url-legacy-id' | 'message-api';

export type ThreadIdFailureKind =
  /** The tab shows a list (or nothing Gmail-like): there is no thread to name. */
  | 'no-thread'
  /** A thread is open but only as a `thread-a:` id (a thread Gmail has not synced yet): no API id exists. */
  | 'no-api-id'
  /** The page shows a thread but none of the steps found its id (Gmail's page changed). */
  | 'not-found';

export interface ThreadIdFailure {
  kind: ThreadIdFailureKind;
  /** The selectors that matched nothing, for the log and the "Gmail's page changed" notice. */
  missing: GmailSelectorError[];
  /** The message lookup's error, when it was tried and failed. */
  lookupError?: unknown;
}

export type ThreadIdResult =
  | { ok: true; threadId: string; source: ThreadIdSource }
  | { ok: false; failure: ThreadIdFailure };

/** The API's thread of a hex message id (the lead wires this to the 'thread.ofMessage' method). */
export type ThreadOfMessage = (messageId: string) => Promise<string | undefined>;

export interface ResolveThreadIdOptions {
  ofMessage?: ThreadOfMessage;
  /** Defaults to the document's own location. */
  hash?: string;
}

const HEX_ID = /^[0-9a-f]{1,16}$/i;
/** Gmail still opens a thread by its legacy hex id in the URL (`#inbox/184a87a7b32dd009`). */
const LEGACY_URL_ID = /^[0-9a-f]{12,16}$/;
const TOKEN = /^[B-DF-HJ-NP-TV-XZb-df-hj-np-tv-xz]{16,}$/;

type Step = { threadId: string; source: ThreadIdSource } | 'no-api-id' | undefined;

/** A heading Gmail keeps in the DOM but hides (a view left behind) is not the open thread. */
export function isShown(element: Element): boolean {
  try {
    return typeof element.checkVisibility === 'function' ? element.checkVisibility() : true;
  } catch {
    return true;
  }
}

/** The open thread's subject heading, if the tab shows one. */
export function openThreadHeading(doc: Document): HTMLElement | undefined {
  return queryAllGmail(doc, gmailSelectors.threadSubject).find(isShown);
}

/** Step 1 and 2: the heading's attributes. */
export function threadIdFromHeading(heading: Element): Step {
  const legacy = heading.getAttribute('data-legacy-thread-id');
  if (legacy !== null && HEX_ID.test(legacy)) {
    return { threadId: legacy.toLowerCase(), source: 'legacy-attribute' };
  }
  const permId = heading.getAttribute('data-thread-perm-id');
  if (permId === null) return undefined;
  if (permId.startsWith('thread-a:')) return 'no-api-id';
  try {
    return { threadId: threadIdFromPermId(permId), source: 'perm-id' };
  } catch (error) {
    if (error instanceof GmailIdError) return undefined;
    throw error;
  }
}

/** Step 3: the route's last segment, a token (`#inbox/FMfcgz…`) or a legacy hex id. */
export function threadIdFromHash(hash: string): Step {
  const segments = hash.replace(/^#/, '').split('?')[0]?.split('/') ?? [];
  if (segments.length < 2) return undefined; // `#inbox`, `#starred`: a list
  const last = segments.at(-1) ?? '';
  if (LEGACY_URL_ID.test(last)) return { threadId: last, source: 'url-legacy-id' };
  // Tokens are long runs of Gmail's consonant alphabet; label names and searches rarely are.
  if (!TOKEN.test(last)) return undefined;
  try {
    const threadId = threadIdFromToken(last);
    return threadId === undefined ? 'no-api-id' : { threadId, source: 'url-token' };
  } catch (error) {
    if (error instanceof GmailIdError) return undefined;
    throw error;
  }
}

/** The hex API ids of the open thread's messages, newest last. */
export function messageIdsOfThread(root: ParentNode): string[] {
  const ids: string[] = [];
  for (const message of queryAllGmail(root, gmailSelectors.message)) {
    const legacy = message.getAttribute('data-legacy-message-id');
    if (legacy !== null && HEX_ID.test(legacy)) {
      ids.push(legacy.toLowerCase());
      continue;
    }
    const permId = message.getAttribute('data-message-id')?.replace(/^#/, '');
    if (permId === undefined) continue;
    try {
      ids.push(messageIdFromPermId(permId));
    } catch (error) {
      if (!(error instanceof GmailIdError)) throw error;
    }
  }
  return ids;
}

/** The synchronous part of the chain (steps 1 to 3), for code that runs on every DOM change. */
export function readThreadIdNow(doc: Document, hash = doc.location?.hash ?? ''): ThreadIdResult {
  const missing: GmailSelectorError[] = [];
  let sawThreadA = false;
  const heading = openThreadHeading(doc);
  if (heading === undefined) missing.push(new GmailSelectorError(gmailSelectors.threadSubject));
  else {
    const step = threadIdFromHeading(heading);
    if (step === 'no-api-id') sawThreadA = true;
    else if (step !== undefined) return { ok: true, ...step };
  }
  const fromUrl = threadIdFromHash(hash);
  if (fromUrl === 'no-api-id') sawThreadA = true;
  else if (fromUrl !== undefined) return { ok: true, ...fromUrl };
  if (sawThreadA) return { ok: false, failure: { kind: 'no-api-id', missing } };
  return { ok: false, failure: { kind: heading === undefined ? 'no-thread' : 'not-found', missing } };
}

/**
 * The whole chain: the page first, then a message of the thread through the API. `no-thread` only when
 * nothing on the page suggests an open thread (no heading, no thread in the URL, no message).
 */
export async function resolveThreadId(
  doc: Document,
  { ofMessage, hash }: ResolveThreadIdOptions = {},
): Promise<ThreadIdResult> {
  let now: ThreadIdResult;
  try {
    now = readThreadIdNow(doc, hash ?? doc.location?.hash ?? '');
  } catch (error) {
    return { ok: false, failure: { kind: 'not-found', missing: [], lookupError: error } };
  }
  if (now.ok) return now;
  let messageIds: string[];
  try {
    messageIds = messageIdsOfThread(queryAllGmail(doc, gmailSelectors.mainRegion)[0] ?? doc);
  } catch (error) {
    return { ok: false, failure: { ...now.failure, kind: 'not-found', lookupError: error } };
  }
  if (messageIds.length === 0) {
    const missing = [...now.failure.missing, new GmailSelectorError(gmailSelectors.message)];
    return { ok: false, failure: { ...now.failure, missing } };
  }
  if (ofMessage === undefined) {
    return {
      ok: false,
      failure: { ...now.failure, kind: now.failure.kind === 'no-api-id' ? 'no-api-id' : 'not-found' },
    };
  }
  try {
    // The newest message, then the oldest: one or two API calls, never one per message.
    const newest = messageIds.at(-1);
    const oldest = messageIds[0];
    const tries = [newest, oldest].filter(
      (id, i, all): id is string => id !== undefined && all.indexOf(id) === i,
    );
    for (const messageId of tries) {
      const threadId = await ofMessage(messageId);
      if (threadId !== undefined && HEX_ID.test(threadId)) {
        return { ok: true, threadId: threadId.toLowerCase(), source: 'message-api' };
      }
    }
    return { ok: false, failure: { ...now.failure, kind: 'not-found' } };
  } catch (lookupError) {
    return { ok: false, failure: { ...now.failure, kind: 'not-found', lookupError } };
  }
}

/**
 * True when Gmail has rendered a thread (its messages are on the page) but the heading gives no id the
 * adapter knows: Gmail's page changed. The sidebar then says so (locale key `domPageChangedUrl`) and keeps
 * working from the URL token or the message lookup. False while a thread is still rendering and on lists.
 */
export function isThreadViewChanged(doc: Document): boolean {
  try {
    const now = readThreadIdNow(doc);
    if (now.ok && (now.source === 'legacy-attribute' || now.source === 'perm-id')) return false;
    if (!now.ok && now.failure.kind === 'no-api-id') return false; // a thread-a: thread, as Gmail shows it
    const main = queryAllGmail(doc, gmailSelectors.mainRegion)[0] ?? doc;
    return messageIdsOfThread(main).length > 0;
  } catch {
    return true;
  }
}
