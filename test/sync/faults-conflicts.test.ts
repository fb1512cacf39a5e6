/**
 * Fault tests, short form (issue 8): two agents editing the same ticket in the same second, labels renamed
 * and deleted by hand in Gmail, and a mailbox at Gmail's label limit. Each runs two agents against its own
 * stand-in (scripts/faults/scenarios.ts) and asserts its report: the fault really happened, nothing was
 * lost, and both stores equal Gmail. The long form is `npm run faults`.
 */
import { describe, expect, it } from 'vitest';
import { SHORT } from '../../scripts/faults/harness';
import { atLabelLimit, labelRenamedOrDeleted, sameTicketSameSecond } from '../../scripts/faults/scenarios';
import { expectSurvived } from './fault-survived';

describe('fault scenarios (short form)', () => {
  it('two agents editing the same ticket in the same second: the later by history wins everywhere, the loser is told', async () => {
    const report = await sameTicketSameSecond(SHORT);
    expect(report.injected.races).toBeGreaterThan(0);
    expect(report.survived.overriddenNotices).toBeGreaterThan(0);
    expectSurvived(report);
  });

  it('a label renamed and a label deleted by hand in Gmail: both stores follow Gmail, refused changes are told', async () => {
    const report = await labelRenamedOrDeleted(SHORT);
    expect(report.injected.pendingWhenEdited).toBeGreaterThan(0);
    expect(report.survived.rejectedNotices).toBeGreaterThan(0);
    expectSurvived(report);
  });

  it("a mailbox at Gmail's label limit: the change needing a new label waits with the reason, the rest is sent", async () => {
    const report = await atLabelLimit(SHORT);
    expect(report.injected.labelCreatesRefused).toBeGreaterThan(0);
    expect(report.survived.heldInOutbox).toBeGreaterThan(0);
    expect(report.survived.heldWithReason).toBe(report.survived.heldInOutbox);
    expect(report.survived.agentTold).toBeGreaterThan(0);
    // Told once per held change ('change-waiting'), not at every flush (it was 94 'change-rejected' in the long run).
    expect(report.survived.agentTold).toBeLessThanOrEqual(Number(report.survived.heldInOutbox));
    expectSurvived(report);
  });
});
