import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTA_OPTIONS, QuotaBudget } from './quota-budget';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('QuotaBudget', () => {
  it('lets a burst through, then spaces calls at the current rate', () => {
    const c = clock();
    const budget = new QuotaBudget(c.now, {
      ...DEFAULT_QUOTA_OPTIONS,
      initialUnitsPerSecond: 100,
      increasePerSecond: 0,
    });
    // 100 units of burst: ten threads.get (10 units each) go at once.
    expect(Array.from({ length: 10 }, () => budget.reserve(10))).toEqual(Array(10).fill(0));
    // The next ones wait 100 ms apiece: 10 units at 100 units a second.
    expect([budget.reserve(10), budget.reserve(10)]).toEqual([100, 200]);
    c.advance(200);
    expect(budget.reserve(10)).toBe(100);
  });

  it('never spends faster than Gmail’s per-user rate over a long run', () => {
    const c = clock();
    const budget = new QuotaBudget(c.now, { ...DEFAULT_QUOTA_OPTIONS, initialUnitsPerSecond: 250 });
    let spent = 0;
    let t = 0;
    // Ask for 10 units whenever the budget allows, for a simulated minute.
    while (t < 60_000) {
      const wait = budget.reserve(10);
      t += wait;
      c.advance(wait);
      budget.onSuccess(10);
      spent += 10;
    }
    expect(spent / 60).toBeLessThanOrEqual(250 + 250 / 60 + 1);
    expect(budget.unitsPerSecond).toBeLessThanOrEqual(250);
  });

  it('halves on a 429, holds every call for the backoff, and recovers with success', () => {
    const c = clock();
    const budget = new QuotaBudget(c.now);
    budget.onRateLimited(2_000);
    expect(budget.unitsPerSecond).toBe(50);
    expect(budget.reserve(1)).toBeGreaterThanOrEqual(2_000);
    budget.onRateLimited(0);
    budget.onRateLimited(0);
    budget.onRateLimited(0);
    budget.onRateLimited(0);
    expect(budget.unitsPerSecond).toBe(DEFAULT_QUOTA_OPTIONS.minUnitsPerSecond);
    for (let i = 0; i < 1_000; i++) budget.onSuccess(10);
    expect(budget.unitsPerSecond).toBeGreaterThan(50);
  });

  it('gives clients that share one quota converging shares (AIMD)', () => {
    // Two clients: one starts greedy. Whenever their sum passes 250 units a second Gmail says 429 to both.
    const c = clock();
    const a = new QuotaBudget(c.now, { ...DEFAULT_QUOTA_OPTIONS, initialUnitsPerSecond: 240 });
    const b = new QuotaBudget(c.now, { ...DEFAULT_QUOTA_OPTIONS, initialUnitsPerSecond: 10 });
    for (let step = 0; step < 5_000; step++) {
      if (a.unitsPerSecond + b.unitsPerSecond > 250) {
        a.onRateLimited(0);
        b.onRateLimited(0);
      } else {
        a.onSuccess(10);
        b.onSuccess(10);
      }
    }
    const ratio = a.unitsPerSecond / b.unitsPerSecond;
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  });
});
