/**
 * The fault soak's short form (issue 3): 300 ticket changes from two agents, a fifth of Gmail calls failing
 * (429, 500, 503, dropped connections), two service-worker restarts mid-flush. The long form is
 * `npm run bench -- --only soak`; both run `scripts/bench/soak-driver.ts`.
 */
import { expect, it } from 'vitest';
import { runSoak } from '../../scripts/bench/soak-driver';

it('loses no change, converges both agents on Gmail and leaves no duplicate status label', async () => {
  const report = await runSoak({
    changes: 300,
    restartEvery: 150,
    faultRate: 0.2,
    ticketsInPlay: 12,
    // Quota is not what this test is about; the bench runs nearer Gmail's.
    unitsPerMinute: 1_000_000,
    seed: 11,
  });
  // The storm happened: faults of every kind, both restarts.
  expect(report.restarts).toBe(2);
  expect(report.effectiveChanges).toBeGreaterThan(150);
  const { status429, status500, status503, dropped } = report.injectedFaults;
  expect(Math.min(status429, status500, status503, dropped)).toBeGreaterThan(0);
  // And nothing was lost to it.
  expect(report.lostExamples).toEqual([]);
  expect(report.lost).toBe(0);
  expect(report.storeMismatchExamples).toEqual([]);
  expect(report.duplicateStatusLabels).toBe(0);
  expect(report.duplicateSingleValuedLabels).toBe(0);
  expect(report.outboxLeft).toBe(0);
}, 60_000);
