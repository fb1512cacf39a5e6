/**
 * An SLA breach across a weekend and a DST change, on the stand-in's clock (issue 6, "Numbers and proofs").
 * The demo team's calendar is the Warsaw office, Mon-Fri 09:00-17:00; Europe/Warsaw moves to summer time in
 * the night of Sunday 28 March 2027. A ticket from Friday 26 March 15:00 (CET, UTC+1) with 24 business hours
 * to its first answer is due Friday 2 + Monday 8 + Tuesday 8 + Wednesday 6 hours: Wednesday 31 March 15:00
 * CEST (UTC+2), 13:00 UTC. Counting in UTC alone would say 14:00 UTC, an hour late.
 */
import { describe, expect, it } from 'vitest';
import type { NotifyRecord } from '../../src/core/macros';
import { escalateSla } from '../../src/sync/automation/escalation';
import { AutomationRunner } from '../../src/sync/automation/runner';
import { control } from '../sync/sync-harness';
import { MAILBOX, useAutomationMailbox } from './harness';
import { deliver } from './helpers';

const FRIDAY_15_WARSAW = new Date('2027-03-26T14:00:00Z');
const DUE = Date.parse('2027-03-31T13:00:00Z');
const mailbox = useAutomationMailbox({ now: FRIDAY_15_WARSAW });

describe('the SLA on the stand-in clock', () => {
  it('breaches across a weekend and the spring DST change at 15:00 Warsaw time, and the lead hears then, not before', async () => {
    const env = mailbox.env();
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    const runner = new AutomationRunner({
      engine: anna.engine,
      db: anna.db,
      calls: anna.calls,
      mailbox: MAILBOX,
      runner: { id: 'browser:anna', kind: 'browser', agent: 'Anna Kowalska' },
      settleMs: 0,
      // Each pass renews the lease, which is how a runner reads Gmail's (the stand-in's) clock.
      renewEveryMs: 0,
      automations: [escalateSla],
    });
    const { threadId } = await deliver(env.client, {
      From: 'Jan Nowak <jan@firma.example.pl>',
      Subject: 'Brak faktury',
    });
    await anna.engine.incrementalSync();
    const ticket = await anna.db.get('tickets', threadId);
    // The mail arrived a moment after 15:00 (the stand-in's clock runs on).
    expect(Math.abs((ticket?.slaDueAt ?? 0) - DUE)).toBeLessThan(60_000);
    expect(Math.abs((ticket?.slaDueAt ?? 0) - Date.parse('2027-03-31T14:00:00Z'))).toBeGreaterThan(3_000_000);

    const breachesOf = async () =>
      (await anna.db.getAll('records')).filter(
        (r): r is typeof r & NotifyRecord =>
          r.kind === 'notify' && r.threadId === threadId && r.reason === 'sla-breached',
      );
    const passAt = async (at: number) => {
      await control(env.url, 'clock', { set: new Date(at).toISOString() });
      await anna.engine.incrementalSync();
      await runner.pass();
    };
    // Two minutes before the due time (and after the weekend and the clock change): not breached yet.
    await passAt((ticket?.slaDueAt ?? DUE) - 2 * 60_000);
    expect(await breachesOf()).toHaveLength(0);
    // Two minutes after: the lead (Anna, the demo's lead; the ticket has no group) is told, once.
    await passAt((ticket?.slaDueAt ?? DUE) + 2 * 60_000);
    const breaches = await breachesOf();
    expect(breaches.map((r) => [r.to, r.dueAt])).toEqual([['Anna Kowalska', ticket?.slaDueAt]]);
    await passAt((ticket?.slaDueAt ?? DUE) + 5 * 60_000);
    expect(await breachesOf()).toHaveLength(1);
  });
});
