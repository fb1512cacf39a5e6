/**
 * The automation runner of the Node worker: src/sync/automation/runner.ts's AutomationRunner with
 * kind 'worker', so the worker and the agents' browsers share one lease per mailbox.
 */
import type { PassRunner, RunnerDeps } from './worker';

export function createAutomationRunner(_deps: RunnerDeps): PassRunner | undefined {
  // Wired once src/sync/automation/runner.ts lands.
  return undefined;
}
