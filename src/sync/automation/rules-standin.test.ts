/**
 * Rules end to end against the demo stand-in: the demo's rule sends invoice questions in any of the four
 * languages to Billing, round-robin; a second rule published here reads message bodies and attachments. The
 * runner's pass applies them through the outbox, so the labels are in Gmail, and a second pass (or a second
 * runner) changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { type Agent, MAILBOX, useAutomationMailbox } from '../../../test/automation/harness';
import { deliver } from '../../../test/automation/helpers';
import { composeRaw } from '../../../test/conformance/standin-harness';
import { type AutomationSettings, ruleSchema } from '../../core/automation-config';
import { createLabelCodec } from '../../core/label-codec';
import { RecordBook } from '../record-book';
import { RULES_ACTOR } from './rules';
import { AutomationRunner } from './runner';

/** Monday 23 November 2026, 11:00 in Warsaw. */
const MONDAY = new Date('2026-11-23T10:00:00Z');
const mailbox = useAutomationMailbox({ now: MONDAY });

function runnerOf(agent: Agent, id: string) {
  return new AutomationRunner({
    engine: agent.engine,
    db: agent.db,
    calls: agent.calls,
    mailbox: MAILBOX,
    runner: { id, kind: 'browser', agent: 'Anna Kowalska' },
    settleMs: 0,
    renewEveryMs: 0,
  });
}

async function gmailLabels(threadId: string): Promise<string[]> {
  const { client } = mailbox.env();
  const [thread, labels] = await Promise.all([
    client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' }),
    client.users.labels.list({ userId: 'me' }),
  ]);
  const names = new Map((labels.data.labels ?? []).map((label) => [label.id, label.name]));
  return (thread.data.messages?.[0]?.labelIds ?? []).map((id) => names.get(id) ?? id).sort();
}

describe('rules against the stand-in', () => {
  it('routes new tickets by subject, body and attachment into Gmail labels, once', async () => {
    const { client } = mailbox.env();
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    const records = anna.engine.records;
    if (!records) throw new Error('no record book');
    const demo = (await records.automation())?.settings as AutomationSettings;
    expect(demo.rules.map((rule) => rule.id)).toEqual(['invoices-to-billing']);
    // Written as the mailbox's clock would date it (the real clock may be behind the stand-in's), so it is newest.
    const later = new RecordBook({
      db: anna.db,
      calls: anna.calls,
      codec: createLabelCodec(),
      mailbox: MAILBOX,
      recordsLabelId: () => records.recordsLabelId(),
      now: () => MONDAY.getTime() + 60_000,
    });
    await later.setAutomation(
      {
        ...demo,
        rules: [
          ...demo.rules,
          ruleSchema.parse({
            id: 'urgent-files',
            name: 'Urgent words or a file',
            match: 'any',
            conditions: [
              { field: 'body', words: ['pilne', 'urgent'] },
              { field: 'attachment', value: true },
            ],
            actions: { priority: 'Urgent', tags: ['Needs a look'] },
          }),
        ],
      },
      'Anna Kowalska',
    );

    const faktura = await deliver(
      client,
      { From: 'Jan Nowak <jan@firma.example.pl>', Subject: 'Faktura do zamówienia 1042' },
      'Dzień dobry, to pilne: proszę o fakturę.',
    );
    const schet = await deliver(
      client,
      { From: 'Иван <ivan@example.ru>', Subject: 'Нужен счет' },
      'Пришлите счёт.',
    );
    const parcel = await deliver(
      client,
      { From: 'Mary <mary@example.com>', Subject: 'Where is my parcel' },
      'Hi',
    );
    const withFile = await client.users.messages.insert({
      userId: 'me',
      internalDateSource: 'receivedTime',
      requestBody: {
        raw: await composeRaw({
          from: 'Ken <ken@example.jp>',
          to: MAILBOX,
          subject: '写真を送ります',
          text: '破損した商品の写真です。',
          attachments: [{ filename: 'photo.jpg', content: Buffer.from('not really a photo') }],
        }),
        labelIds: ['INBOX', 'UNREAD'],
      },
    });

    await anna.engine.incrementalSync();
    const runner = runnerOf(anna, 'browser-anna');
    const pass = await runner.pass();
    expect(pass.holder).toBe(true);
    expect(pass.summary?.rulesApplied).toBe(4);
    await anna.engine.flushOutbox();

    expect(await gmailLabels(faktura.threadId)).toEqual(
      expect.arrayContaining([
        'Helpdesk/Group/Billing',
        'Helpdesk/Assignee/Anna Kowalska',
        'Helpdesk/Priority/Urgent',
        'Helpdesk/Tag/Needs a look',
      ]),
    );
    expect(await gmailLabels(schet.threadId)).toEqual(
      expect.arrayContaining(['Helpdesk/Group/Billing', 'Helpdesk/Assignee/Dmitri Sokolov']),
    );
    expect(await gmailLabels(withFile.data.threadId as string)).toEqual(
      expect.arrayContaining(['Helpdesk/Priority/Urgent', 'Helpdesk/Tag/Needs a look']),
    );
    expect((await gmailLabels(parcel.threadId)).filter((name) => !name.includes('Status'))).toEqual([
      'INBOX',
      'UNREAD',
    ]);

    const runs = (await anna.db.getAll('records')).flatMap((record) =>
      record.kind === 'activity' && record.actor === RULES_ACTOR && record.field === 'ticket'
        ? [record.threadId]
        : [],
    );
    expect(runs.sort()).toEqual([faktura.threadId, schet.threadId, withFile.data.threadId as string].sort());

    // Seen is shared through the mailbox: another runner that takes over changes nothing.
    await runner.release();
    const yuki = await mailbox.agent('yuki');
    await yuki.engine.fullSync();
    const other = await runnerOf(yuki, 'browser-yuki').pass();
    expect(other.holder).toBe(true);
    expect(other.summary?.rulesApplied).toBe(0);
  });
});
