import { describe, expect, it } from 'vitest';
import {
  decodeThreadToken,
  encodeThreadToken,
  GmailIdError,
  messageIdFromPermId,
  permIdFromMessageId,
  permIdFromThreadId,
  threadIdFromPermId,
  threadIdFromToken,
} from './thread-token';

// A real thread seen in Gmail (DESIGN.md section 5): URL token, data-thread-perm-id, API thread id.
const REAL = {
  token: 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM',
  permId: 'thread-f:1750360559522271241',
  hex: '184a87a7b32dd009',
};

/** A deterministic stream of 64-bit numbers (xorshift64), so a failure can be replayed. */
function* random64(seed: bigint, count: number): Generator<bigint> {
  let x = seed;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < count; i++) {
    x ^= (x << 13n) & mask;
    x ^= x >> 7n;
    x ^= (x << 17n) & mask;
    yield x;
  }
}

describe('Gmail thread tokens', () => {
  it('decodes the real token to its sync id and API thread id', () => {
    expect(decodeThreadToken(REAL.token)).toBe(REAL.permId);
    expect(threadIdFromToken(REAL.token)).toBe(REAL.hex);
  });

  it('encodes the real sync id to the token Gmail shows', () => {
    expect(encodeThreadToken(REAL.permId)).toBe(REAL.token);
    expect(encodeThreadToken(permIdFromThreadId(REAL.hex))).toBe(REAL.token);
  });

  it('converts between sync id and hex id', () => {
    expect(threadIdFromPermId(REAL.permId)).toBe(REAL.hex);
    expect(permIdFromThreadId(REAL.hex)).toBe(REAL.permId);
  });

  it('round-trips random 64-bit ids of every length', () => {
    const seen = new Set<number>();
    for (const value of random64(0x9e3779b97f4a7c15n, 500)) {
      for (const id of [value, value >> 20n, value >> 50n]) {
        const hex = id.toString(16);
        const permId = permIdFromThreadId(hex);
        const token = encodeThreadToken(permId);
        expect(token).toMatch(/^[BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz]+$/);
        expect(decodeThreadToken(token)).toBe(permId);
        expect(threadIdFromToken(token)).toBe(hex);
        seen.add(token.length);
      }
    }
    // Ids from 1 to 20 decimal digits give tokens of several lengths, so padding cases are covered.
    expect(seen.size).toBeGreaterThan(3);
  });

  it('round-trips the extremes of 64 bits', () => {
    for (const hex of ['0', '1', 'ffffffffffffffff', '8000000000000000']) {
      expect(threadIdFromToken(encodeThreadToken(permIdFromThreadId(hex)))).toBe(hex);
    }
  });

  it('keeps thread-a ids (no hex form) and message ids', () => {
    const threadA = 'thread-a:r-8226441185826285411';
    expect(decodeThreadToken(encodeThreadToken(threadA))).toBe(threadA);
    expect(threadIdFromToken(encodeThreadToken(threadA))).toBeUndefined();
    const msg = permIdFromMessageId('184a87a7b32dd009');
    expect(msg).toBe('msg-f:1750360559522271241');
    expect(decodeThreadToken(encodeThreadToken(msg))).toBe(msg);
    expect(messageIdFromPermId(msg)).toBe('184a87a7b32dd009');
  });

  it.each([
    ['empty', ''],
    ['a vowel', 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrA'],
    ['a legacy hex id', '184a87a7b32dd009'],
    ['a truncated token', 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvr'],
    ['a changed first letter', 'ZMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM'],
    ['a route word', 'inbox'],
  ])('refuses %s', (_name, token) => {
    expect(() => decodeThreadToken(token)).toThrow(GmailIdError);
  });

  it.each([
    'thread-f:',
    'thread-f:abc',
    'thread-f:18446744073709551616',
    'thread-f:01',
    'msg-f:1',
    ' thread-f:1',
  ])('refuses the sync id %j as a thread id', (permId) => {
    expect(() => threadIdFromPermId(permId)).toThrow(GmailIdError);
  });

  it.each(['', 'xyz', '184A87A7B32DD009', '1184a87a7b32dd009', '-1'])('refuses the hex id %j', (hex) => {
    expect(() => permIdFromThreadId(hex)).toThrow(GmailIdError);
  });

  it('refuses to encode what is not a sync id', () => {
    expect(() => encodeThreadToken('184a87a7b32dd009')).toThrow(GmailIdError);
    expect(() => encodeThreadToken('thread-f:1<script>')).toThrow(GmailIdError);
  });
});
