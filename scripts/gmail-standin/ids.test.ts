import { describe, expect, it } from 'vitest';
import { draftIdFor, IdFactory, isMessageId } from './ids';

describe('IdFactory', () => {
  it('makes 16 hex digits whose high bits are the date', () => {
    const date = Date.UTC(2022, 10, 22, 12);
    const id = new IdFactory().messageId(date);
    expect(isMessageId(id)).toBe(true);
    expect(Number(BigInt(`0x${id}`) >> 20n)).toBe(date);
  });

  it('reads the real pair from DESIGN.md section 5 as a date in November 2022', () => {
    const ms = Number(BigInt('0x184a87a7b32dd009') >> 20n);
    expect(new Date(ms).toISOString().slice(0, 7)).toBe('2022-11');
  });

  it('never repeats an id for the same millisecond', () => {
    const ids = new IdFactory();
    const made = new Set(Array.from({ length: 1000 }, () => ids.messageId(1_700_000_000_000)));
    expect(made.size).toBe(1000);
  });

  it('makes draft ids like Gmail’s r-prefixed decimals', () => {
    expect(draftIdFor('184a87a7b32dd009')).toMatch(/^r-?\d+$/);
  });
});
