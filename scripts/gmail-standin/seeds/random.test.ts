import { describe, expect, it } from 'vitest';
import { s10CheckDigit, trackingNumber } from './demo';
import { createRandom } from './random';

describe('seeded random source', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps int, between and pick within their bounds and reaches both ends of int', () => {
    const random = createRandom(7);
    const ints = new Set<number>();
    for (let index = 0; index < 2_000; index += 1) {
      const value = random.int(1, 5);
      ints.add(value);
      const float = random.between(2, 3);
      expect(float).toBeGreaterThanOrEqual(2);
      expect(float).toBeLessThan(3);
      expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    }
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses to pick from nothing', () => {
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });
});

describe('tracking numbers', () => {
  it('computes the S10 check digit as the UPU standard does', () => {
    // Weighted sums by hand: 200 -> 11 - 2 = 9; 204 -> 11 - 6 = 5; 12 -> 10, written 0; 0 -> 11, written 5.
    expect(s10CheckDigit([4, 7, 3, 1, 2, 4, 8, 2])).toBe(9);
    expect(s10CheckDigit([1, 2, 3, 4, 5, 6, 7, 8])).toBe(5);
    expect(s10CheckDigit([0, 0, 0, 0, 4, 0, 0, 0])).toBe(0);
    expect(s10CheckDigit([0, 0, 0, 0, 0, 0, 0, 0])).toBe(5);
  });

  it('prints two letters, eight digits, the check digit and PL', () => {
    const random = createRandom(3);
    for (let index = 0; index < 50; index += 1) {
      const tracking = trackingNumber(random);
      expect(tracking).toMatch(/^[A-Z]{2}\d{9}PL$/);
      const serial = [...tracking.slice(2, 10)].map(Number);
      expect(Number(tracking[10])).toBe(s10CheckDigit(serial));
    }
  });
});
