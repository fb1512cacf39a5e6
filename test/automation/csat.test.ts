/**
 * CSAT against the demo stand-in (CSAT on, 2 hours after Solved). The stand-in's clock starts on a Friday
 * 15:30 in Warsaw and is moved forward to cross the delay.
 */
import { describe, expect, it } from 'vitest';
import { AutomationRunner } from '../../src/sync/automation/runner';
import { control } from '../sync/sync-harness';
import { type Agent, MAILBOX, useAutomationMailbox } from './harness';
import { autoMails, bodyOf, deliver, labelNamesOf } from './helpers';

const FRIDAY = new Date('2026-11-20T14:30:00Z');
const mailbox = useAutomationMailbox({ now: FRIDAY });
const HOUR = 3_600_000;

function runnerOf(agent: Agent, id: string) {
  return new AutomationRunner({
    engine: agent.engine,
    db: agent.db,
    calls: agent.calls,
    mailbox: MAILBOX,
    runner: { id, kind: 'worker' },
    settleMs: 0,
    renewEveryMs: 0,
  });
}

async function syncAndPass(agent: Agent, runner: AutomationRunner) {
  await agent.engine.incrementalSync();
  await agent.engine.flushOutbox();
  const result = await runner.pass();
  await agent.engine.flushOutbox();
  return result;
}

const advance = (ms: number) => control(mailbox.env().url, 'clock', { advanceMs: ms });

describe('CSAT surveys', () => {
  it('sends the survey after the delay and not before, and none when the customer reopened first', async () => {
    const { client } = mailbox.env();
    const worker = await mailbox.agent('worker');
    const runner = runnerOf(worker, 'worker-1');
    await worker.engine.fullSync();
    const solved = await deliver(
      client,
      { From: 'Mary Smith <mary@example.com>', Subject: 'Broken zipper' },
      'The zipper broke after one day.',
    );
    const reopened = await deliver(
      client,
      { From: 'Piotr Zieliński <piotr@example.pl>', Subject: 'Zwrot pieniędzy' },
      'Dzień dobry, kiedy dostanę zwrot?',
    );
    await syncAndPass(worker, runner);
    for (const { threadId } of [solved, reopened]) {
      await worker.engine.updateTicket(threadId, { status: 'Solved' }, 'Anna Kowalska');
    }
    const seen = await syncAndPass(worker, runner);
    expect(seen.summary?.surveys).toBe(0);

    await advance(1 * HOUR);
    // The customer writes again before the survey would go: the ticket reopens, and its survey is off.
    await deliver(
      client,
      {
        From: 'Piotr Zieliński <piotr@example.pl>',
        Subject: 'Re: Zwrot pieniędzy',
        'In-Reply-To': reopened.messageId,
        References: reopened.messageId,
      },
      'Jeszcze jedno pytanie.',
      { threadId: reopened.threadId },
    );
    const early = await syncAndPass(worker, runner);
    expect(early.summary?.surveys).toBe(0);
    expect((await worker.db.get('tickets', reopened.threadId))?.status).toBe('Open');

    await advance(1 * HOUR + 5 * 60_000);
    const due = await syncAndPass(worker, runner);
    expect(due.summary?.surveys).toBe(1);
    const surveys = await autoMails(client, 'survey');
    expect(surveys.map((s) => s.threadId)).toEqual([solved.threadId]);
    expect(surveys[0]?.auto).toMatch(/^survey; ref=#[0-9A-Z]{6}; token=ld-[0-9a-f]{10}$/);
    const text = await bodyOf(client, surveys[0]?.id as string);
    expect(text).toContain('The zipper broke after one day.'); // the conversation is quoted
    // Once per solve.
    await advance(HOUR);
    expect((await syncAndPass(worker, runner)).summary?.surveys).toBe(0);
    expect(await autoMails(client, 'survey')).toHaveLength(1);
  });

  it('records answers from Gmail, Outlook, Apple Mail and phone clients, labels and archives them, and never makes them tickets', async () => {
    const { client } = mailbox.env();
    const worker = await mailbox.agent('worker');
    const runner = runnerOf(worker, 'worker-1');
    await worker.engine.fullSync();
    const customer = await deliver(
      client,
      { From: 'Ewa Wiśniewska <ewa@example.pl>', Subject: 'Reklamacja butów' },
      'Buty się rozkleiły.',
    );
    await syncAndPass(worker, runner);
    await worker.engine.updateTicket(customer.threadId, { status: 'Solved' }, 'Anna Kowalska');
    await syncAndPass(worker, runner);
    await advance(3 * HOUR);
    await syncAndPass(worker, runner);
    const [survey] = await autoMails(client, 'survey');
    if (!survey) throw new Error('no survey');
    const ref = /ref=(#[0-9A-Z]{6})/.exec(survey.auto)?.[1] as string;
    const token = /token=(ld-[0-9a-f]+)/.exec(survey.auto)?.[1] as string;
    const from = 'Ewa Wiśniewska <ewa@example.pl>';
    const encoded = `=?UTF-8?B?${Buffer.from(`AW: [${ref}] Rating: okay (${token})`).toString('base64')}?=`;
    const answers = [
      // Gmail (the mailto link as is)
      {
        Subject: `[${ref}] Rating: good (${token})`,
        body: 'Bardzo szybko, dziękuję!\n\n-- Chcą Państwo coś dodać? Prosimy pisać nad tą linią. --',
      },
      // Outlook
      {
        Subject: `RE: [${ref}] Rating: okay (${token})`,
        body: 'Could be faster.\n\n________________________________\nFrom: Support <support@northwind-shop.example>\nSent: Friday, November 20, 2026 17:40\nSubject: Survey',
      },
      // Apple Mail
      {
        Subject: `Re: [${ref}] Rating: good (${token})`,
        body: 'Thanks!\n\nOn 20 Nov 2026, at 17:40, Support <support@northwind-shop.example> wrote:\n\n> How did we do?',
      },
      // A phone client in German, the subject RFC 2047-encoded
      { Subject: encoded, body: 'Gesendet von meinem iPhone' },
      // Polish Outlook, a bad rating with a comment
      { Subject: `Odp: [${ref}] Rating: bad (${token})`, body: 'Nadal czekam na zwrot.\n\nPozdrawiam\nEwa' },
    ];
    const delivered = [];
    for (const answer of answers)
      delivered.push(await deliver(client, { From: from, Subject: answer.Subject }, answer.body));
    const pass = await syncAndPass(worker, runner);
    expect(pass.summary?.answersRecorded).toBe(5);
    for (const { threadId } of delivered) {
      expect(await worker.db.get('tickets', threadId)).toBeUndefined();
      const names = await labelNamesOf(client, threadId);
      expect(names).toContain('Helpdesk/CSAT');
      expect(names).not.toContain('INBOX');
    }
    const records = await worker.engine.records?.csat(customer.threadId);
    expect(records?.map((r) => r.rating)).toEqual(['good', 'okay', 'good', 'okay', 'bad']);
    expect(records?.[0]?.comment).toBe('Bardzo szybko, dziękuję!');
    expect(records?.[4]?.comment).toContain('Nadal czekam na zwrot.');
    for (const record of records ?? []) expect(record.comment ?? '').not.toContain('How did we do');
    // The bad rating puts the ticket in the follow-up queue; the answers did not reopen it.
    await worker.engine.incrementalSync();
    const ticket = await worker.db.get('tickets', customer.threadId);
    expect(ticket?.status).toBe('Solved');
    expect(ticket?.tags).toContainEqual({ what: 'CSAT', why: 'Follow up' });
    expect(await worker.engine.records?.csatOfRequester('ewa@example.pl')).toHaveLength(5);
    // Read once: another pass records nothing more.
    expect((await syncAndPass(worker, runner)).summary?.answersRecorded).toBe(0);
  });
});
