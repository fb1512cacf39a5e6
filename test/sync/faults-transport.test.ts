/**
 * Fault tests, short form (issue 8): network loss mid-batch, a 429 storm, 500/503 bursts, an expired history
 * cursor, a service worker killed mid-sync and mid-flush, a browser restarted with a full outbox. Each runs
 * two agents against its own stand-in (scripts/faults/scenarios.ts) and asserts its report: the fault really
 * happened, nothing was lost, and both stores equal Gmail. The long form is `npm run faults`.
 */
import { describe, expect, it } from 'vitest';
import { SHORT } from '../../scripts/faults/harness';
import {
  expiredHistoryCursor,
  networkLossMidBatch,
  rateLimitStorm,
  restartWithFullOutbox,
  serverErrorBursts,
  workerKilled,
} from '../../scripts/faults/scenarios';
import { expectSurvived } from './fault-survived';

describe('fault scenarios (short form)', () => {
  it('network loss mid-batch: lost requests and lost answers of batchModify lose no change', async () => {
    const report = await networkLossMidBatch(SHORT);
    expect(report.injected.batchRequestsLost).toBeGreaterThan(0);
    expect(report.injected.batchAnswersLost).toBeGreaterThan(0);
    expectSurvived(report);
  });

  it('429 storm: the transport backs off exponentially under the cap, halves its share, loses nothing', async () => {
    const report = await rateLimitStorm(SHORT);
    expect(report.injected.status429).toBeGreaterThan(0);
    expect(report.survived.backoffs).toBeGreaterThan(0);
    expect(report.survived.maxBackoffMs).toBeGreaterThan(1_000);
    expect(report.survived.maxBackoffMs).toBeLessThanOrEqual(64_000);
    expectSurvived(report);
  });

  it('500/503 bursts: both kinds answered, every change arrives after the bursts', async () => {
    const report = await serverErrorBursts(SHORT);
    expect(report.injected.status500).toBeGreaterThan(0);
    expect(report.injected.status503).toBeGreaterThan(0);
    expectSurvived(report);
  });

  it('expired history cursor: 404 runs a full sync that keeps the unsent changes', async () => {
    const report = await expiredHistoryCursor(SHORT);
    expect(report.injected.status404).toBeGreaterThan(0);
    expect(report.survived.fullSyncTickets).toBeGreaterThan(0);
    expect(report.survived.unsentKeptThroughResync).toBeGreaterThan(0);
    expectSurvived(report);
  });

  it('service worker killed mid-sync and mid-flush: a new engine on the same store finishes the work', async () => {
    const report = await workerKilled(SHORT);
    expect(report.injected.killedMidFlush).toBeGreaterThan(0);
    expect(report.injected.killedMidSync).toBeGreaterThan(0);
    expectSurvived(report);
  });

  it('browser restarted with a full outbox: every persisted change is sent by the new engine', async () => {
    const report = await restartWithFullOutbox(SHORT);
    expect(report.injected.outboxBefore).toBeGreaterThan(0);
    expect(report.injected.triedAndFailed).toBeGreaterThan(0);
    expect(report.survived.outboxAfterRestart).toBe(report.injected.outboxBefore);
    expectSurvived(report);
  });
});
