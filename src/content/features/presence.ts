/**
 * The collision warning's other half (issue 4): this agent's presence on the open ticket, shared through the
 * mailbox so that others see "Anna is replying" within one of their polls. "viewing" when a thread opens,
 * "replying" while a reply or compose for it is open, refreshed every minute while the tab is visible, and
 * "left" (no thread) when the agent moves on. The answer names the others on the same thread, which the
 * sidebar shows at once.
 */

import { watchReplying } from '../../gmail/dom/replying';
import type { GmailRoute } from '../../gmail/dom/route-watcher';
import type { TabConnector } from '../connector';

export interface PresenceContext {
  route: GmailRoute;
  doc: Document;
  connector: TabConnector | undefined;
}

/** Shorter than the records' stale time (3 minutes), so a present agent never looks gone. */
export const HEARTBEAT_MS = 60_000;
/**
 * An agent stepping through tickets with "next ticket" glances at each for a moment: only a ticket kept open
 * this long is announced (each announcement is a 25-unit record). A reply is announced at once.
 */
export const DWELL_MS = 2_000;

/** The thread this tab last announced, so leaving it is announced too (and leaving nothing is not). */
let announcedThread: string | null = null;

export function init(signal: AbortSignal, { route, doc, connector }: PresenceContext): void {
  if (signal.aborted || connector === undefined) return;
  const threadId = route?.threadId ?? null;
  const announce = (state: 'viewing' | 'replying') => {
    if (doc.visibilityState === 'hidden' && state === 'viewing') return;
    announcedThread = threadId;
    connector.call('presence.set', { threadId, state }).then(
      ({ others }) => {
        if (threadId !== null && others.length > 0) connector.emitLocal([threadId]);
      },
      () => undefined, // not signed in yet: the sidebar explains that; presence is best effort
    );
  };
  if (threadId === null) {
    if (announcedThread !== null) announce('viewing'); // tells the others this agent left the ticket
    return;
  }
  let replying = false;
  let dwell: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
    dwell = undefined;
    announce(replying ? 'replying' : 'viewing');
  }, DWELL_MS);
  // Calls back at once with the state now; a reply already open is announced without waiting.
  watchReplying(
    doc,
    threadId,
    (now) => {
      const changed = now !== replying;
      replying = now;
      if (now || (changed && dwell === undefined)) announce(now ? 'replying' : 'viewing');
    },
    signal,
  );
  const heartbeat = setInterval(() => {
    if (dwell === undefined) announce(replying ? 'replying' : 'viewing');
  }, HEARTBEAT_MS);
  signal.addEventListener(
    'abort',
    () => {
      clearInterval(heartbeat);
      if (dwell !== undefined) clearTimeout(dwell);
    },
    { once: true },
  );
}
