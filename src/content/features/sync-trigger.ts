/**
 * Asks the service worker to sync now when the agent comes back to the Gmail tab or changes view
 * (issue 3: "an immediate poll when the Gmail tab gains focus or the user acts"). Between those, the
 * worker's alarm polls. The answer tells the sidebar's sync line whether background sync works (a tab
 * opened while it fails hears no store event about it); other failures are the sidebar's to explain.
 */
import { readMailbox } from '../../gmail/dom/mailbox';
import type { SyncProblem } from '../../messaging/contract-results';
import type { LabeldeskError } from '../../messaging/errors';
import { callBackground } from '../../messaging/sender';
import { setSyncHealth } from '../../ui/ticket/sync-health';

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
    () => setSyncHealth(null),
    // Only a failed poll names its problem; a worker that did not answer says nothing about the sync.
    (error: Partial<LabeldeskError>) => {
      const problem = error.details?.sync;
      if (problem) setSyncHealth(problem as SyncProblem);
    },
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
