/**
 * `npm start`'s automations, without the browser: the demo's customers (scripts/demo-automation.ts) against
 * the demo mailbox and one runner as Anna's browser runs it after each poll. Issue 6: "the demo shows an
 * acknowledgement, an SLA clock and a CSAT answer".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ARRIVAL_SUBJECT, playDemoCustomers } from '../../scripts/demo-automation';
import { AutomationRunner } from '../../src/sync/automation/runner';
import { MAILBOX, useAutomationMailbox } from './harness';
import { autoMails } from './helpers';

// Monday 23 November 2026, 11:00 in Warsaw (the demo's office hours: Mon-Fri 09:00-17:00).
const MONDAY_11_WARSAW = new Date('2026-11-23T10:00:00Z');
const mailbox = useAutomationMailbox({ now: MONDAY_11_WARSAW });
let stopDemo: (() => void) | undefined;
afterEach(() => stopDemo?.());

describe('the demo (npm start)', () => {
  it('acknowledges the new email with the SLA time, sends the survey, and records the answer', async () => {
    const env = mailbox.env();
    const box = () => env.standin.standin.mailbox;
    const anna = await mailbox.agent('anna');
    const runner = new AutomationRunner({
      engine: anna.engine,
      db: anna.db,
      calls: anna.calls,
      mailbox: MAILBOX,
      runner: { id: 'browser:anna', kind: 'browser', agent: 'Anna Kowalska' },
      settleMs: 0,
    });
    await anna.engine.fullSync();
    // The seed's own CSAT answers (older tickets, for the reports) are read by the full sync: not the demo's.
    const seeded = new Set(
      (await anna.db.getAll('records')).filter((r) => r.kind === 'csat').map((r) => r.id),
    );
    const demoAnswers = async () =>
      (await anna.db.getAll('records')).filter((r) => r.kind === 'csat' && !seeded.has(r.id));
    const notes: string[] = [];
    stopDemo = (await playDemoCustomers(box, (n) => notes.push(n), { arrivalDelayMs: 0, pollMs: 20 })).stop;

    // As the service worker does after each poll, until the customers have had their answers.
    const arrivalThread = () =>
      box().listMessages({ q: `subject:"${DEMO_ARRIVAL_SUBJECT}"` })[0]?.threadId ?? undefined;
    let answerRecorded = false;
    for (let round = 0; round < 20 && !answerRecorded; round++) {
      await anna.engine.incrementalSync();
      await anna.engine.fetchMetadata();
      await runner.pass();
      await anna.engine.flushOutbox();
      answerRecorded = (await demoAnswers()).length > 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The acknowledgement: in the customer's thread, in Polish, promising Thursday 11:00 (24 business hours:
    // Monday 6 + Tuesday 8 + Wednesday 8 + Thursday 2), the same instant as the ticket's SLA clock.
    const threadId = arrivalThread();
    if (!threadId) throw new Error('the demo email did not arrive');
    const acks = (await autoMails(env.client, 'ack')).filter((m) => m.threadId === threadId);
    expect(acks).toHaveLength(1);
    const ack = box()
      .threadMessages(threadId)
      .find((m) => m.labelIds.includes('SENT'));
    expect(ack?.text ?? ack?.body).toMatch(/czwart/i);
    expect(ack?.text ?? ack?.body).toContain('11:00');
    const ticket = await anna.db.get('tickets', threadId);
    // The stand-in's clock runs on from Monday 11:00: the email arrived a few seconds after it.
    expect(Math.abs((ticket?.slaDueAt ?? 0) - Date.parse('2026-11-26T10:00:00Z'))).toBeLessThan(60_000);
    expect(ticket?.firstResponseAt).toBeUndefined(); // an acknowledgement is not the team's answer

    // The survey went to the ticket solved three hours ago, and its customer's "good" is recorded.
    expect(answerRecorded).toBe(true);
    const [answer] = await demoAnswers();
    expect(answer).toMatchObject({ rating: 'good', comment: 'Fast and friendly, thank you!' });
    const surveys = await autoMails(env.client, 'survey');
    expect(surveys.map((s) => s.threadId)).toEqual([answer?.kind === 'csat' ? answer.threadId : '']);
    // The answer was archived and labelled, and it is not a ticket.
    const answerMessage = box().listMessages({ q: 'subject:Rating' })[0];
    expect(answerMessage?.labelIds).not.toContain('INBOX');
    expect(await anna.db.get('tickets', answerMessage?.threadId ?? '')).toBeUndefined();
    expect(notes.join('\n')).toMatch(/answered its CSAT survey: good/);
  });
});
