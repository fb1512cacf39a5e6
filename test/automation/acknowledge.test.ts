/**
 * The auto-acknowledgement against the demo stand-in (its automation record has the acknowledgement on, Warsaw
 * office hours 9–17 on weekdays, a 24-business-hour first response). The stand-in's clock is a Friday
 * afternoon, 15:30 in Warsaw: 1.5 hours that day, then Monday and Tuesday make 17.5, so the promise is
 * Wednesday 15:30.
 */
import { describe, expect, it } from 'vitest';
import { AutomationRunner } from '../../src/sync/automation/runner';
import { type Agent, MAILBOX, useAutomationMailbox } from './harness';
import { autoMails, bodyOf, deliver } from './helpers';

const FRIDAY = new Date('2026-11-20T14:30:00Z');
const mailbox = useAutomationMailbox({ now: FRIDAY });

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

async function syncAndPass(agent: Agent, runner: AutomationRunner) {
  await agent.engine.incrementalSync();
  await agent.engine.flushOutbox();
  return runner.pass();
}

describe('auto-acknowledgement', () => {
  it('promises the right time in English, Russian, Polish and Japanese, once, and never to machines or the team', async () => {
    const { client } = mailbox.env();
    const anna = await mailbox.agent('anna');
    const runner = runnerOf(anna, 'browser-anna');
    await anna.engine.fullSync();
    const customers = {
      en: await deliver(
        client,
        { From: 'Mary Smith <mary@example.com>', Subject: 'Where is my parcel?' },
        'Hello, my order has not arrived yet. Could you check it please? Thank you.',
      ),
      ru: await deliver(
        client,
        { From: 'Иван Петров <ivan@example.ru>', Subject: 'Где мой заказ?' },
        'Здравствуйте! Мой заказ до сих пор не пришёл. Проверьте, пожалуйста.',
      ),
      pl: await deliver(
        client,
        { From: 'Jan Nowak <jan@firma.example.pl>', Subject: 'Zamówienie nie dotarło' },
        'Dzień dobry, moje zamówienie jeszcze nie dotarło. Proszę o sprawdzenie. Pozdrawiam',
      ),
      ja: await deliver(
        client,
        { From: '佐藤 花子 <hanako@example.jp>', Subject: '注文が届きません' },
        'お世話になっております。注文した商品がまだ届いていません。確認していただけますか。',
      ),
    };
    const machines = [
      await deliver(client, {
        From: 'ooo@client.example',
        Subject: 'Out of office',
        'Auto-Submitted': 'auto-replied',
      }),
      await deliver(client, {
        From: 'news@shop.example',
        Subject: 'Our November deals',
        'List-Unsubscribe': '<mailto:unsub@shop.example>',
      }),
      await deliver(client, {
        From: 'MAILER-DAEMON@mx.example',
        Subject: 'Undelivered Mail Returned to Sender',
        'Content-Type': 'multipart/report; report-type=delivery-status; boundary=x',
      }),
      await deliver(client, {
        From: 'Sam Porter <sam@northwind-shop.example>',
        Subject: 'Test from the team',
      }),
    ];
    const first = await syncAndPass(anna, runner);
    expect(first.holder).toBe(true);
    const acks = await autoMails(client, 'ack');
    expect(acks.map((a) => a.threadId).sort()).toEqual(
      Object.values(customers)
        .map((c) => c.threadId)
        .sort(),
    );
    for (const machine of machines) expect(acks.some((a) => a.threadId === machine.threadId)).toBe(false);
    expect(first.summary?.acknowledged).toBe(4);

    const expected = {
      en: ['Wednesday 15:30', 'A member of our support team will reply by'],
      ru: ['среда, 15:30', 'Ожидаемое время ответа'],
      pl: ['środa, 15:30', 'Przewidywany termin odpowiedzi'],
      ja: ['水曜日 15:30', '担当者より'],
    } as const;
    for (const [language, customer] of Object.entries(customers) as [
      keyof typeof expected,
      { threadId: string },
    ][]) {
      const ack = acks.find((a) => a.threadId === customer.threadId);
      if (!ack) throw new Error(`no acknowledgement in ${language}`);
      const text = await bodyOf(client, ack.id);
      for (const words of expected[language]) expect(text).toContain(words);
      // A reply in the customer's thread: Re: the same subject, In-Reply-To the customer's message.
      expect(ack.subject).toMatch(/^Re: /);
      expect(ack.inReplyTo).toMatch(/@mail\.example>$/);
      expect(ack.auto).toMatch(/^ack; ref=#[0-9A-Z]{6}$/);
    }
    // The acknowledgement is no answer by a person: the SLA clock keeps running.
    await anna.engine.incrementalSync();
    const ticket = await anna.db.get('tickets', customers.en.threadId);
    expect(ticket?.firstResponseAt).toBeUndefined();
    // The stand-in's clock runs on from Friday 15:30:00 while the test delivers: due Wednesday 15:30 and those seconds.
    const due = ticket?.slaDueAt ?? 0;
    expect(due - Date.parse('2026-11-25T14:30:00Z')).toBeGreaterThanOrEqual(0);
    expect(due - Date.parse('2026-11-25T14:30:00Z')).toBeLessThan(60_000);

    // Never twice: another pass of this runner, and a second runner that takes over, send nothing more.
    await syncAndPass(anna, runner);
    await runner.release();
    const yuki = await mailbox.agent('yuki');
    await yuki.engine.fullSync();
    const other = runnerOf(yuki, 'browser-yuki');
    const taken = await syncAndPass(yuki, other);
    expect(taken.holder).toBe(true);
    expect(taken.summary?.acknowledged).toBe(0);
    expect(await autoMails(client, 'ack')).toHaveLength(4);
  });

  it('stops acknowledging one sender after the daily limit (a mail loop guard)', async () => {
    const { client } = mailbox.env();
    const anna = await mailbox.agent('anna');
    const runner = runnerOf(anna, 'browser-anna');
    await anna.engine.fullSync();
    for (let i = 0; i < 5; i++) {
      await deliver(client, { From: 'loop@example.com', Subject: `Question number ${i + 1}` });
    }
    const pass = await syncAndPass(anna, runner);
    expect(pass.summary?.acknowledged).toBe(3); // perSenderPerDay defaults to 3
    expect(pass.summary?.skipped).toBeGreaterThanOrEqual(2);
    expect((await autoMails(client, 'ack')).filter((a) => a.to.includes('loop@example.com'))).toHaveLength(3);
  });
});
