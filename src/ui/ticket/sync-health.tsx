import { useEffect, useState } from 'preact/hooks';
import type { SyncProblem } from '../../messaging/contract-results';
import type { Connector } from '../connector';
import { type MessageKey, t } from '../i18n';

/**
 * Background sync's health as this tab last heard it: from the service worker's store events (sent when it
 * changes) and from the answers to the tab's own `sync.now` (src/content/features/sync-trigger.ts). Kept
 * for the tab, not for a panel: the next thread's panel shows it at once.
 */
let heard: SyncProblem | null = null;
const shown = new Set<(problem: SyncProblem | null) => void>();

export function setSyncHealth(problem: SyncProblem | null): void {
  heard = problem;
  for (const show of shown) show(problem);
}

/** Each problem has its own text (the reason and what to do), e.g. `syncFailing_storage_full`. */
export const syncProblemKey = (problem: SyncProblem) =>
  `syncFailing_${problem.replace(/-/g, '_')}` as MessageKey;

/** One quiet line while background sync fails (why, and what to do); gone once it works again. */
export function SyncHealth({ connector }: { connector: Connector }) {
  const [problem, setProblem] = useState(heard);
  useEffect(() => {
    shown.add(setProblem);
    setProblem(heard);
    const stop = connector.subscribe((event) => event.sync !== undefined && setSyncHealth(event.sync));
    return () => {
      shown.delete(setProblem);
      stop();
    };
  }, [connector]);
  return problem ? (
    <p role="status" class="notice">
      {t(syncProblemKey(problem))}
    </p>
  ) : null;
}
