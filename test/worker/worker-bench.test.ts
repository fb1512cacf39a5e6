import { describe, expect, it } from 'vitest';
import { peakInWindow } from '../../scripts/bench/worker-bench';

describe('the worker bench’s busiest moving minute', () => {
  it('is the largest rise of the unit counter within any 60 seconds', () => {
    const samples = [
      { at: 0, units: 0 },
      { at: 30_000, units: 9_000 },
      { at: 60_000, units: 14_000 },
      { at: 90_000, units: 15_000 },
      { at: 150_000, units: 29_000 },
    ];
    // 90 s → 150 s: 14,000; 0 → 60 s: 14,000; 30 s → 90 s: 6,000.
    expect(peakInWindow(samples)).toBe(14_000);
    // Samples more than a minute apart never count as one minute.
    expect(peakInWindow([...samples, { at: 151_000, units: 30_500 }])).toBe(14_000);
    expect(
      peakInWindow([
        { at: 0, units: 0 },
        { at: 90_000, units: 15_000 },
        { at: 149_000, units: 30_500 },
      ]),
    ).toBe(15_500);
    expect(peakInWindow([])).toBe(0);
  });
});
