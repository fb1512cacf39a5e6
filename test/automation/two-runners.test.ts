/**
 * THE NUMBER (issue 6): two runners (two engines, two fake-indexeddb databases) against one demo mailbox, 500
 * new customer tickets arriving in five waves while both pass at the same time and the lease changes hands:
 * exactly 500 acknowledgements, none to the seed's auto-replies or newsletters; then all 500 solved, the
 * clock moved past the CSAT delay: exactly 500 surveys.
 *
 * 500 acknowledgements and 500 surveys are 1,000 sends of 100 units: about 125,000 units, more than eight
 * minutes of Gmail's 15,000 units a minute. So that the test runs in well under two minutes, the stand-in's
 * quota is raised to 1,000,000 units a minute and each client's budget to 5,000 units a second; the units
 * spent are printed (and they are what the same work costs against Gmail).
 */
import { describe, expect, it } from 'vitest';
import { AutomationRunner } from '../../src/sync/automation/runner';
import { control, standinStats } from '../sync/sync-harness';
import { type Agent, MAILBOX, useAutomationMailbox } from './harness';
import { autoMails, deliver } from './helpers';

const FRIDAY = new Date('2026-11-20T14:30:00Z');
const mailbox = useAutomationMailbox({
  now: FRIDAY,
  tuning: { unitsPerMinute: 1_000_000, maxConcurrentPerUser: 40 },
});
const TICKETS = 500;
const WAVES = 5;
const FAST = 5_000;

function runnerOf(agent: Agent, id: string) {
  return new AutomationRunner({
    engine: agent.engine,
    db: agent.db,
    calls: agent.calls,
    mailbox: MAILBOX,
    runner: { id, kind: 'browser', agent: agent.name },
    settleMs: 20,
    renewEveryMs: 0,
  });
}

const LANGUAGES = [
  { subject: 'Where is my order', body: 'Hello, my order has not arrived yet. Could you please check?' },
  { subject: 'Где мой заказ', body: 'Здравствуйте! Мой заказ до сих пор не пришёл.' },
  { subject: 'Zamówienie nie dotarło', body: 'Dzień dobry, moje zamówienie jeszcze nie dotarło. Pozdrawiam' },
  { subject: '注文が届きません', body: '注文した商品がまだ届いていません。確認していただけますか。' },
];

describe('two runners, one mailbox', () => {
  it('500 new tickets: exactly 500 acknowledgements, then exactly 500 surveys', async () => {
    const { client, url } = mailbox.env();
    const agents = [
      await mailbox.agent('anna', { unitsPerSecond: FAST }),
      await mailbox.agent('yuki', { unitsPerSecond: FAST }),
    ];
    const runners = [
      runnerOf(agents[0] as Agent, 'browser-anna'),
      runnerOf(agents[1] as Agent, 'browser-yuki'),
    ];
    await Promise.all(agents.map((a) => a.engine.fullSync()));
    const before = await standinStats(url);
    const started = Date.now();

    /** A runner whose browser is closed passes no more until it comes back. */
    let closed = -1;
    const round = async () => {
      await Promise.all(
        agents.map(async (a) => {
          await a.engine.incrementalSync();
          await a.engine.flushOutbox();
        }),
      );
      return Promise.all(runners.map((r, i) => (i === closed ? { holder: false, summary: null } : r.pass())));
    };

    const threads = new Set<string>();
    const holders = new Set<string>();
    let passUnits = 0;
    for (let wave = 0; wave < WAVES; wave++) {
      const per = TICKETS / WAVES;
      for (let i = 0; i < per; i += 8) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(8, per - i) }, (_, j) => {
            const n = wave * per + i + j;
            const lang = LANGUAGES[n % LANGUAGES.length] as (typeof LANGUAGES)[number];
            return deliver(
              client,
              { From: `Customer ${n} <customer-${n}@example.com>`, Subject: `${lang.subject} ${n}` },
              lang.body,
            );
          }),
        );
        for (const m of batch) threads.add(m.threadId);
      }
      // Both runners pass at the same time: the lease lets exactly one of them send.
      const results = await round();
      expect(results.filter((r) => r.holder)).toHaveLength(1);
      for (const [index, result] of results.entries()) {
        if (result.holder) holders.add(index === 0 ? 'anna' : 'yuki');
        passUnits += result.summary?.unitsUsed ?? 0;
      }
      // After the second wave the holder's browser closes (handing the lease over): the other runner takes
      // over at once, without waiting for the lease to expire; after the third wave the browser is back.
      if (wave === 1) {
        closed = results.findIndex((r) => r.holder);
        await runners[closed]?.release();
      }
      if (wave === 2) closed = -1;
    }
    // A last round catches mail that reached one engine's history after its pass.
    await round();
    const acks = await autoMails(client, 'ack');
    expect(threads.size).toBe(TICKETS);
    expect(acks).toHaveLength(TICKETS);
    expect(new Set(acks.map((a) => a.threadId))).toEqual(threads);
    expect(holders).toEqual(new Set(['anna', 'yuki']));
    const ackStats = await standinStats(url);

    // Every ticket solved (by Anna's browser), the runners see it, then the clock passes the 2-hour delay.
    const anna = agents[0] as Agent;
    for (const threadId of threads)
      await anna.engine.updateTicket(threadId, { status: 'Solved' }, 'Anna Kowalska');
    await anna.engine.flushOutbox();
    await round();
    expect(await autoMails(client, 'survey')).toHaveLength(0);
    await control(url, 'clock', { advanceMs: 2 * 3_600_000 + 60_000 });
    for (let i = 0; i < 3; i++) {
      const results = await round();
      expect(results.filter((r) => r.holder)).toHaveLength(1);
      for (const result of results) passUnits += result.summary?.unitsUsed ?? 0;
    }
    const surveys = await autoMails(client, 'survey');
    expect(surveys).toHaveLength(TICKETS);
    expect(new Set(surveys.map((s) => s.threadId))).toEqual(threads);
    expect(await autoMails(client, 'ack')).toHaveLength(TICKETS);

    const after = await standinStats(url);
    const spent = (a: typeof after, b: typeof before) => a.quotaUnits - b.quotaUnits;
    console.log(
      `two runners, ${TICKETS} tickets: ${acks.length} acknowledgements, ${surveys.length} surveys; ` +
        `units charged by the stand-in: ${spent(ackStats, before)} for the acknowledgement phase, ` +
        `${spent(after, before)} in all (runner passes reported ${passUnits}); ` +
        `sends: ${after.byMethod['gmail.users.messages.send']?.requests ?? 0}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }, 150_000);
});
