/** The runner itself: settings that change the SLA of stored rows, fencing in the middle of a pass, status. */
import { describe, expect, it } from 'vitest';
import { defaultAutomationSettings } from '../../src/core/automation-config';
import type { Automation } from '../../src/sync/automation/context';
import { AutomationRunner } from '../../src/sync/automation/runner';
import { type Agent, MAILBOX, useAutomationMailbox } from './harness';
import { autoMails, deliver } from './helpers';

const FRIDAY = new Date('2026-11-20T14:30:00Z');
const mailbox = useAutomationMailbox({ now: FRIDAY });

function runnerOf(
  agent: Agent,
  id: string,
  extra: Partial<ConstructorParameters<typeof AutomationRunner>[0]> = {},
) {
  return new AutomationRunner({
    engine: agent.engine,
    db: agent.db,
    calls: agent.calls,
    mailbox: MAILBOX,
    runner: { id, kind: 'browser' },
    settleMs: 0,
    renewEveryMs: 0,
    ...extra,
  });
}

describe('automation runner', () => {
  it('recomputes every stored row’s SLA when a poll reads a new automation record', async () => {
    const { client } = mailbox.env();
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const { threadId } = await deliver(client, { From: 'mary@example.com', Subject: 'Help' });
    await anna.engine.incrementalSync();
    const before = (await anna.db.get('tickets', threadId))?.slaDueAt ?? 0;
    // Warsaw hours, 24 business hours: Wednesday 15:30.
    expect(before - Date.parse('2026-11-25T14:30:00Z')).toBeLessThan(60_000);
    // Yuki saves settings with no business hours: 24 hours around the clock.
    await yuki.engine.records?.setAutomation(defaultAutomationSettings(), 'Yuki Tanaka');
    await anna.engine.incrementalSync();
    const after = await anna.db.get('tickets', threadId);
    expect((after?.slaDueAt ?? 0) - (after?.createdAt ?? 0)).toBe(24 * 3_600_000);
    expect((after?.slaAtRiskAt ?? 0) - (after?.createdAt ?? 0)).toBe(69_120_000);
  });

  it('a holder paused in the middle of a pass sends nothing more', async () => {
    const { client } = mailbox.env();
    let pausedFor = 0;
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    await deliver(client, { From: 'Mary Smith <mary@example.com>', Subject: 'Where is my parcel?' });
    await anna.engine.incrementalSync();
    const { acknowledge } = await import('../../src/sync/automation/acknowledge');
    // The process "sleeps" for four minutes between the lease check and the acknowledgement.
    const sleep: Automation = async () => {
      pausedFor = 4 * 60_000;
    };
    const runner = runnerOf(anna, 'paused', {
      monotonic: () => performance.now() + pausedFor,
      automations: [sleep, acknowledge],
    });
    const pass = await runner.pass();
    expect(pass.holder).toBe(true);
    expect(pass.summary?.acknowledged).toBe(0);
    expect(await autoMails(client, 'ack')).toHaveLength(0);
    // Awake again, the next pass renews the lease and sends.
    const next = await runnerOf(anna, 'paused', { automations: [acknowledge] }).pass();
    expect(next.summary?.acknowledged).toBe(1);
  });

  it('reports who holds the lease, and in mode worker a browser never claims', async () => {
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const ra = runnerOf(anna, 'browser-anna', { automations: [] });
    expect((await ra.pass()).holder).toBe(true);
    expect(ra.status()).toMatchObject({
      mode: 'any',
      thisBrowser: true,
      holder: { runner: 'browser-anna', kind: 'browser' },
    });
    await yuki.engine.records?.setAutomation(
      { ...defaultAutomationSettings(), runner: 'worker' },
      'Yuki Tanaka',
    );
    await anna.engine.incrementalSync();
    expect((await ra.pass()).holder).toBe(false);
    expect(ra.status()).toMatchObject({ mode: 'worker', thisBrowser: false });
    const worker = new AutomationRunner({
      engine: yuki.engine,
      db: yuki.db,
      calls: yuki.calls,
      mailbox: MAILBOX,
      runner: { id: 'worker-1', kind: 'worker' },
      settleMs: 0,
      renewEveryMs: 0,
      automations: [],
    });
    expect((await worker.pass()).holder).toBe(true);
    expect(worker.status().holder).toMatchObject({ runner: 'worker-1', kind: 'worker' });
  });
});
