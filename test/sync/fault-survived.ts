/** What every fault scenario's report must show, whatever was injected: nothing lost, copies equal, outboxes empty. */
import { expect } from 'vitest';
import type { FaultReport } from '../../scripts/faults/harness';

export function expectSurvived(report: FaultReport): void {
  expect(report.lost).toEqual([]);
  expect(report.mismatches).toEqual([]);
  expect(report.survived.outboxLeft).toBe(0);
  expect(report.ok).toBe(true);
}
