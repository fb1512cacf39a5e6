import { describe, expect, it } from 'vitest';
import { InvalidThreadIdError, ticketReference } from './ticket-reference';

describe('ticketReference', () => {
  it('is six Crockford base32 characters after a hash sign', () => {
    expect(ticketReference('184a87a7b32dd009')).toMatch(/^#[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('is the same in every browser: a pure function of the thread id', () => {
    expect(ticketReference('184a87a7b32dd009')).toBe(ticketReference('184A87A7B32DD009'));
    expect(ticketReference('184a87a7b32dd009')).toMatchInlineSnapshot(`"#7351EA"`);
  });

  it('separates threads whose ids differ only in the low bits', () => {
    const base = 0x184a87a7b32dd000n;
    const refs = new Set<string>();
    for (let i = 0n; i < 10_000n; i++) refs.add(ticketReference((base + i).toString(16)));
    // 30 bits of reference: a few collisions among 10,000 would be expected by chance; none is likely.
    expect(refs.size).toBeGreaterThanOrEqual(9_995);
  });

  it.each(['', 'xyz', '184a87a7b32dd0091', '12 34', 'thread-f:1750360559522271241'])(
    'refuses %j, which is no thread id',
    (bad) => {
      expect(() => ticketReference(bad)).toThrow(InvalidThreadIdError);
    },
  );
});
