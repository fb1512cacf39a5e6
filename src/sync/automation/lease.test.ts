import { describe, expect, it } from 'vitest';
import { foldLeases, type LeaseEntry, leaseEntryOf, leaseMessage } from './lease';

const TTL = 5 * 60_000;
/** A Gmail-like id whose time is `ms` (the high bits), with a counter in the low 20. */
const idAt = (ms: number, n = 0) => ((BigInt(ms) << 20n) + BigInt(n)).toString(16);
const entry = (runner: string, ms: number, n = 0): LeaseEntry => ({
  messageId: idAt(ms, n),
  time: ms,
  runner,
  kind: 'browser',
});

describe('foldLeases', () => {
  const t0 = 1_800_000_000_000;
  it('the earliest claim after an expired lease wins; later claims inside the epoch are ignored', () => {
    const { epoch, ignored } = foldLeases([entry('b', t0 + 10), entry('a', t0), entry('c', t0 + 20)], TTL);
    expect(epoch).toMatchObject({ runner: 'a', since: t0, expiresAt: t0 + TTL });
    expect(ignored.map((e) => e.runner)).toEqual(['b', 'c']);
  });

  it('renewals extend the epoch; a claim after it expired starts the next one', () => {
    const renewed = foldLeases([entry('a', t0), entry('b', t0 + 1), entry('a', t0 + 60_000)], TTL);
    expect(renewed.epoch).toMatchObject({
      runner: 'a',
      renewedAt: t0 + 60_000,
      expiresAt: t0 + 60_000 + TTL,
    });
    const next = foldLeases([entry('a', t0), entry('b', t0 + TTL), entry('a', t0 + TTL + 5)], TTL);
    expect(next.epoch).toMatchObject({ runner: 'b', since: t0 + TTL });
    expect(next.ignored.map((e) => e.runner)).toEqual(['a']);
  });

  it('orders by id, not by the order Gmail listed them in', () => {
    const same = [entry('x', t0, 2), entry('y', t0, 1)];
    expect(foldLeases(same, TTL).epoch?.runner).toBe('y');
  });
});

describe('lease messages', () => {
  it('round-trip the runner, its kind and a non-ASCII agent name through ASCII headers', () => {
    const raw = leaseMessage(
      { id: 'browser-1', kind: 'worker', agent: '田中 ゆき' },
      'support@shop.example',
      'abc',
      new Date(0),
    );
    expect(/^[\x20-\x7e\r\n]*$/.test(raw)).toBe(true);
    const runnerHeader = /X-Labeldesk-Runner: (.*)\r\n/.exec(raw)?.[1];
    const parsed = leaseEntryOf('19a0000000000001', 'runner-lease; v=1', runnerHeader);
    expect(parsed).toMatchObject({ runner: 'browser-1', kind: 'worker', agent: '田中 ゆき' });
  });

  it('refuse what is not a well-formed lease', () => {
    expect(leaseEntryOf('19a0', 'note; v=1', 'id=a; kind=browser')).toBeNull();
    expect(leaseEntryOf('19a0', 'runner-lease; v=1', 'id=a b; kind=browser')).toBeNull();
    expect(leaseEntryOf('19a0', 'runner-lease; v=1', 'id=a; kind=robot')).toBeNull();
    expect(leaseEntryOf('not-hex', 'runner-lease; v=1', 'id=a; kind=browser')).toBeNull();
    expect(leaseEntryOf('19a0', 'runner-lease; v=1', 'id=a; kind=browser; agent=%%%')).toMatchObject({
      runner: 'a',
    });
  });
});
