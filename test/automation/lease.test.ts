/** One runner per mailbox: the lease kept in the mailbox, raced by several runners against one stand-in. */
import { describe, expect, it } from 'vitest';
import { RunnerLease } from '../../src/sync/automation/lease';
import { control } from '../sync/sync-harness';
import { useAutomationMailbox } from './harness';

const mailbox = useAutomationMailbox();

function leaseOf(
  agent: Awaited<ReturnType<typeof mailbox.agent>>,
  id: string,
  extra: Partial<ConstructorParameters<typeof RunnerLease>[0]> = {},
) {
  const records = agent.engine.records;
  if (!records) throw new Error('no records');
  return new RunnerLease({
    calls: agent.calls,
    mailbox: 'support@northwind-shop.example',
    recordsLabelId: () => records.recordsLabelId(),
    runner: { id, kind: 'browser', agent: 'Anna Kowalska' },
    settleMs: 50,
    renewEveryMs: 0,
    ...extra,
  });
}

describe('runner lease', () => {
  it('two runners racing: exactly one holds, and it keeps holding over renewals', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    const [la, lb] = [leaseOf(a, 'browser-anna'), leaseOf(b, 'browser-yuki')];
    const first = await Promise.all([la.acquire(), lb.acquire()]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const holder = first[0] ? la : lb;
    for (let i = 0; i < 3; i++) {
      const round = await Promise.all([la.acquire(), lb.acquire()]);
      expect(round.filter(Boolean)).toHaveLength(1);
      expect(holder.holds()).toBe(true);
    }
    expect(la.current?.runner).toBe(lb.current?.runner);
  });

  it('three runners racing: one holder, every runner agrees who it is', async () => {
    const agents = [await mailbox.agent('anna'), await mailbox.agent('yuki'), await mailbox.agent('piotr')];
    const leases = agents.map((agent, i) => leaseOf(agent, `runner-${i}`));
    for (let round = 0; round < 3; round++) {
      const held = await Promise.all(leases.map((l) => l.acquire()));
      expect(held.filter(Boolean)).toHaveLength(1);
      expect(new Set(leases.map((l) => l.current?.runner)).size).toBe(1);
    }
  });

  it('a holder that disappears is replaced once its lease has expired (the stand-in clock moved past the TTL)', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    const [la, lb] = [leaseOf(a, 'gone'), leaseOf(b, 'stays')];
    expect(await la.acquire()).toBe(true);
    expect(await lb.acquire()).toBe(false);
    // 'gone' renews no more. Before the TTL has passed the standby still stands by, however often it looks.
    await control(mailbox.env().url, 'clock', { advanceMs: 4 * 60_000 });
    expect(await lb.acquire()).toBe(false);
    await control(mailbox.env().url, 'clock', { advanceMs: 60_000 + 1_000 });
    expect(await lb.acquire()).toBe(true);
    expect(lb.current?.runner).toBe('stays');
    // The old holder, back, sees the new epoch and does not hold.
    expect(await la.acquire()).toBe(false);
    expect(la.current?.runner).toBe('stays');
  });

  it('a paused holder stops sending before its lease can pass to another runner', async () => {
    let pausedFor = 0;
    const a = await mailbox.agent('anna');
    const la = leaseOf(a, 'paused', { monotonic: () => performance.now() + pausedFor });
    expect(await la.acquire()).toBe(true);
    expect(la.holds()).toBe(true);
    pausedFor = 2 * 60_000; // the process slept
    expect(la.holds()).toBe(true);
    pausedFor = 3 * 60_000 + 1;
    expect(la.holds()).toBe(false);
  });

  it('release hands over at once, and a browser in worker mode never claims', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    const [la, lb] = [leaseOf(a, 'leaving'), leaseOf(b, 'next')];
    expect(await la.acquire()).toBe(true);
    expect(await lb.acquire(false)).toBe(false);
    await la.release();
    expect(await lb.acquire()).toBe(true);
    expect(await la.acquire(false)).toBe(false);
    expect(lb.holds()).toBe(true);
  });
});
