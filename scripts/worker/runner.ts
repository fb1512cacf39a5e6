/**
 * The automation runner of the Node worker: src/sync/automation/runner.ts's AutomationRunner with kind
 * 'worker', so the worker and the agents' browsers share one lease per mailbox. A worker may hold the lease
 * in either runner mode ('any' or 'worker'); its automation events go to the log as ids and outcomes only.
 */
import { AutomationRunner } from '../../src/sync/automation/runner';
import type { PassRunner, RunnerDeps } from './worker';

export function createAutomationRunner(deps: RunnerDeps): PassRunner {
  return new AutomationRunner({
    engine: deps.engine,
    db: deps.db,
    calls: deps.calls,
    mailbox: deps.mailbox,
    runner: { id: deps.runnerId, kind: 'worker' },
    log: (event) =>
      deps.log.info('automation', {
        automation: event.automation,
        threadId: event.threadId ?? null,
        outcome: event.outcome,
      }),
  });
}
