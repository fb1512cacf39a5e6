/**
 * Asks the service worker to sync now when the agent comes back to the Gmail tab or changes view
 * (issue 3: "an immediate poll when the Gmail tab gains focus or the user acts"). Between those, the
 * worker's alarm polls. A failure is the sidebar's to explain (sign-in, settings), so it is not shown here.
 */
import { readMailbox } from '../../gmail/dom/mailbox';
import { callBackground } from '../../messaging/sender';

/** Route changes come in bursts (hash, then heading): one poll per burst is enough. */
export const ROUTE_INTERVAL_MS = 15_000;
/** Coming back to the tab is a deliberate act: poll unless one just ran. */
export const FOCUS_INTERVAL_MS = 2_000;
let lastRequest = 0;

export function requestSync(
  doc: Document,
  minIntervalMs: number,
  now = Date.now(),
): Promise<void> | undefined {
  if (now - lastRequest < minIntervalMs) return undefined;
  const mailbox = readMailbox(doc).address;
  if (mailbox === undefined) return undefined;
  lastRequest = now;
  return callBackground('sync.now', { mailbox }).then(
    () => undefined,
    () => undefined,
  );
}

export function init(signal: AbortSignal, { doc }: { doc: Document }): void {
  if (signal.aborted) return;
  requestSync(doc, ROUTE_INTERVAL_MS);
  const onFocus = () => {
    if (doc.visibilityState === 'visible') requestSync(doc, FOCUS_INTERVAL_MS);
  };
  doc.defaultView?.addEventListener('focus', onFocus, { signal });
  doc.addEventListener('visibilitychange', onFocus, { signal });
}
