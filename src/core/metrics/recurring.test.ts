import { describe, expect, it } from 'vitest';
import type { CsatFact, ReportScope, TicketFacts } from './facts';
import {
  alertBounds,
  explainThreshold,
  isComplaintTag,
  judgeWeek,
  logFactorial,
  poissonLowerTail,
  poissonUpperTail,
  repeatedComplaints,
  tagTrends,
} from './recurring';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Monday 2 November 2026, 00:00 UTC: week 2026-W45. */
const MONDAY = Date.parse('2026-11-02T00:00:00Z');

let serial = 0;
function ticket(createdAt: number, tags: string[], extra: Partial<TicketFacts> = {}): TicketFacts {
  serial++;
  return {
    threadId: `t${serial}`,
    reference: `#R${serial}`,
    subject: `Subject ${serial}`,
    createdAt,
    status: 'Open',
    tags,
    customerMessages: [createdAt],
    teamReplies: [],
    solves: [],
    complete: true,
    ...extra,
  };
}

/** `perWeek[i]` tickets tagged `tag` in week i, the last being the judged week (weeks end at MONDAY). */
function weekly(tag: string, perWeek: number[], extra: Partial<TicketFacts> = {}): TicketFacts[] {
  const start = MONDAY - (perWeek.length - 1) * WEEK;
  const out: TicketFacts[] = [];
  perWeek.forEach((count, week) => {
    for (let i = 0; i < count; i++)
      out.push(ticket(start + week * WEEK + ((i * 3_600_000) % WEEK), [tag], extra));
  });
  return out;
}

/** Now: Wednesday of the week after the judged one, so the judged week is the one starting MONDAY. */
const NOW = MONDAY + WEEK + 2 * DAY;
const SCOPE: ReportScope = { from: MONDAY - 8 * WEEK, to: MONDAY + 2 * WEEK, timeZone: 'UTC' };

/** A small seeded generator (mulberry32), so every run draws the same "random" weeks. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poissonDraw(mean: number, next: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

describe('Poisson tails', () => {
  // Reference values from scipy.stats.poisson (sf(k-1) for P(X ≥ k), cdf(k) for P(X ≤ k)).
  it.each([
    ['P(X ≥ 15 | 4)', poissonUpperTail(15, 4), 1.993172748270997e-5],
    ['P(X ≥ 10 | 2)', poissonUpperTail(10, 2), 4.649807501726386e-5],
    ['P(X ≥ 2 | 0.0625)', poissonUpperTail(2, 0.0625), 0.0018736207606819767],
    ['P(X ≥ 200 | 100)', poissonUpperTail(200, 100), 9.343150072988544e-19],
    ['P(X ≥ 1 | 1e-9)', poissonUpperTail(1, 1e-9), 9.999999995000006e-10],
    ['P(X ≤ 0 | 10)', poissonLowerTail(0, 10), 4.539992976248486e-5],
    ['P(X ≤ 2 | 3)', poissonLowerTail(2, 3), 0.42319008112684364],
    ['P(X ≤ 60 | 100)', poissonLowerTail(60, 100), 1.0812218170244006e-5],
    ['P(X ≤ 5 | 5)', poissonLowerTail(5, 5), 0.615960654833063],
  ])('%s', (_name, actual, expected) => {
    expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-9);
  });

  it('has the edges a probability must have', () => {
    expect(poissonUpperTail(0, 4)).toBe(1);
    expect(poissonLowerTail(-1, 4)).toBe(0);
    expect(poissonUpperTail(3, 0)).toBe(0);
    expect(poissonLowerTail(3, 0)).toBe(1);
    // The two tails of one split add up to one.
    expect(poissonUpperTail(7, 6.5) + poissonLowerTail(6, 6.5)).toBeCloseTo(1, 12);
    expect(poissonUpperTail(5000, 4800)).toBeGreaterThan(0.001);
    expect(poissonUpperTail(5000, 4800)).toBeLessThan(0.01);
  });

  it('computes ln(n!) across the table and Stirling ranges', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 12);
    let sum = 0;
    for (let i = 1; i <= 300; i++) sum += Math.log(i);
    expect(Math.abs(logFactorial(300) - sum) / sum).toBeLessThan(1e-13);
  });
});

describe('judgeWeek and the threshold', () => {
  it('flags a 4-a-week tag that jumps to 15, and 10 → 0 as a drop', () => {
    expect(judgeWeek(15, 4).alert).toBe('spike');
    expect(judgeWeek(0, 10).alert).toBe('drop');
    expect(judgeWeek(5, 4).alert).toBeNull();
  });

  it('does not flag 0 → 2 (too few tickets) but flags 0 → 3 against the zero-baseline prior', () => {
    const two = judgeWeek(2, 0);
    expect(two.alert).toBeNull();
    expect(two.pValue).toBeLessThan(0.01);
    expect(judgeWeek(3, 0).alert).toBe('spike');
    // Nothing to lose: a baseline under minCount never drops.
    expect(judgeWeek(0, 2).alert).toBeNull();
  });

  it('gives the UI numbers to word the rule with', () => {
    expect(explainThreshold()).toEqual({
      alpha: 0.01,
      baselineWeeks: 8,
      minCount: 3,
      oneFalseAlarmIn: 100,
      zeroBaselinePrior: 0.5,
    });
    expect(explainThreshold({ alpha: 0.05, baselineWeeks: 4 })).toMatchObject({
      alpha: 0.05,
      oneFalseAlarmIn: 20,
    });
    const bounds = alertBounds(4);
    expect(bounds.spikeAt).toBe(10); // P(X ≥ 10 | 4) ≈ 0.0081, P(X ≥ 9 | 4) ≈ 0.021
    expect(bounds.dropAt).toBeNull(); // P(X = 0 | 4) ≈ 0.018: even an empty week is not unlikely enough
    expect(alertBounds(10).dropAt).toBe(2); // P(X ≤ 2 | 10) ≈ 0.0028, P(X ≤ 3 | 10) ≈ 0.010
    expect(alertBounds(0).spikeAt).toBe(3);
  });
});

describe('tagTrends', () => {
  it('judges the last full week and both tag levels, spikes first', () => {
    const facts = [
      ...weekly('Shipping/Late by shipper', [4, 4, 4, 4, 4, 4, 4, 4, 15]),
      ...weekly('Shipping/Damaged in transit', [1, 1, 1, 1, 1, 1, 1, 1, 1]),
      ...weekly('Returns and exchanges', [10, 10, 10, 10, 10, 10, 10, 10, 0]),
      ...weekly('Invoice data', [2, 3, 2, 3, 2, 3, 2, 3, 3]),
    ];
    const trends = tagTrends(facts, SCOPE, NOW);
    const byTag = new Map(trends.map((trend) => [trend.tag, trend]));

    const late = byTag.get('Shipping/Late by shipper');
    expect(late?.alert).toBe('spike');
    expect(late?.baseline).toBe(4);
    expect(late?.current).toBe(15);
    expect(late?.weeks).toHaveLength(9);
    expect(late?.weeks.at(-1)?.key).toBe('2026-W45');
    expect(late?.weeks[0]?.key).toBe('2026-W37');

    const shipping = byTag.get('Shipping');
    expect(shipping?.baseline).toBe(5);
    expect(shipping?.current).toBe(16);
    expect(shipping?.alert).toBe('spike');

    expect(byTag.get('Returns and exchanges')?.alert).toBe('drop');
    expect(byTag.get('Invoice data')?.alert).toBeNull();
    expect(byTag.get('Shipping/Damaged in transit')?.alert).toBeNull();

    // Alerts first by p-value, then by the judged week's count.
    expect(trends.map((trend) => trend.tag)).toEqual([
      'Shipping/Late by shipper', // p ≈ 2.0e-5
      'Returns and exchanges', // p ≈ 4.5e-5
      'Shipping', // 5 → 16, p ≈ 6.9e-5
      'Invoice data',
      'Shipping/Damaged in transit',
    ]);
    const pValues = trends.filter((trend) => trend.alert).map((trend) => trend.pValue);
    expect(pValues).toEqual([...pValues].sort((a, b) => a - b));
  });

  it('does not judge the week still running, nor one past the range', () => {
    const facts = [
      ...weekly('Complaint', [4, 4, 4, 4, 4, 4, 4, 4, 4]),
      ...Array.from({ length: 40 }, (_, i) => ticket(MONDAY + WEEK + i * 60_000, ['Complaint'])),
    ];
    // NOW is in the week of the 40: it is not full yet, so the 4 before it is judged.
    const running = tagTrends(facts, SCOPE, MONDAY + WEEK + 2 * DAY);
    expect(running[0]?.weeks.at(-1)?.key).toBe('2026-W45');
    expect(running[0]?.alert).toBeNull();
    // Once that week is over it is judged...
    expect(tagTrends(facts, SCOPE, MONDAY + 2 * WEEK)[0]?.alert).toBe('spike');
    // ...but not when the range ends before it.
    expect(tagTrends(facts, { ...SCOPE, to: MONDAY + WEEK }, MONDAY + 3 * WEEK)[0]?.alert).toBeNull();
    // A range shorter than a full week judges nothing.
    expect(tagTrends(facts, { ...SCOPE, from: MONDAY + WEEK, to: MONDAY + WEEK + DAY }, NOW)).toEqual([]);
  });

  it('counts ISO weeks in the team zone: a Sunday-evening ticket in Tokyo is already Monday', () => {
    const sundayEvening = MONDAY - 6 * 3_600_000; // Sunday 18:00 UTC = Monday 03:00 in Tokyo
    const facts = [ticket(MONDAY - 4 * WEEK, ['Shipping']), ticket(sundayEvening, ['Shipping'])];
    const utc = tagTrends(facts, SCOPE, NOW)[0];
    const tokyo = tagTrends(facts, { ...SCOPE, timeZone: 'Asia/Tokyo' }, NOW)[0];
    expect(utc?.current).toBe(0);
    expect(tokyo?.current).toBe(1);
    expect(tokyo?.weeks.at(-1)?.start).toBe(MONDAY - 9 * 3_600_000);
  });

  it('applies the group and agent filters and ignores the tag filter', () => {
    const facts = [
      ...weekly('Shipping', [4, 4, 4, 4, 4, 4, 4, 4, 15], {
        group: 'Support',
        assignee: 'ania@shop.example',
      }),
      ...weekly('Shipping', [4, 4, 4, 4, 4, 4, 4, 4, 4], { group: 'Sales' }),
    ];
    expect(tagTrends(facts, SCOPE, NOW)[0]?.current).toBe(19);
    expect(tagTrends(facts, { ...SCOPE, group: 'Support' }, NOW)[0]?.alert).toBe('spike');
    expect(tagTrends(facts, { ...SCOPE, group: 'Sales' }, NOW)[0]?.alert).toBeNull();
    expect(tagTrends(facts, { ...SCOPE, agent: 'ania@shop.example' }, NOW)[0]?.current).toBe(15);
    expect(tagTrends(facts, { ...SCOPE, tag: 'Returns' }, NOW)[0]?.current).toBe(19);
  });

  it('leaves weeks before the first ticket out of the baseline, and judges nothing without a baseline', () => {
    const facts = weekly('Shipping', [4, 4, 15]);
    const trend = tagTrends(facts, SCOPE, NOW)[0];
    expect(trend?.weeks).toHaveLength(3);
    expect(trend?.baseline).toBe(4);
    expect(trend?.alert).toBe('spike');
    const first = tagTrends(weekly('Shipping', [15]), SCOPE, NOW)[0];
    expect(first?.weeks).toHaveLength(1);
    expect(first?.alert).toBeNull();
    expect(first?.pValue).toBe(1);
  });

  it('rarely alarms on a steady tag: false alarms near alpha over many seeded tags', () => {
    for (const mean of [1, 4, 12]) {
      const next = random(mean * 7919);
      const facts: TicketFacts[] = [];
      const tags = 1500;
      for (let t = 0; t < tags; t++) {
        const perWeek = Array.from({ length: 9 }, () => poissonDraw(mean, next));
        facts.push(...weekly(`Tag ${t}`, perWeek));
      }
      const alarms = tagTrends(facts, SCOPE, NOW).filter((trend) => trend.alert !== null).length;
      // alpha 0.01 for each of a spike and a drop; the baseline is itself estimated, so allow some slack.
      expect(alarms / tags).toBeLessThan(0.025);
    }
  });
});

describe('repeatedComplaints', () => {
  const to = Date.parse('2026-11-20T00:00:00Z');
  const scope: ReportScope = { from: to - 30 * DAY, to, timeZone: 'UTC' };
  const ago = (days: number) => to - days * DAY;

  it('recognises the starter complaint tag in all four languages', () => {
    for (const tag of [
      'Complaint',
      'complaint/Service quality',
      'Жалоба/Качество товара',
      'Skarga',
      '苦情/対応品質',
    ]) {
      expect(isComplaintTag(tag)).toBe(true);
    }
    expect(isComplaintTag('Shipping/Complaint')).toBe(false);
  });

  it('flags two complaints, two bad ratings and three tickets under one tag, newest first', () => {
    const a = 'anna@example.com';
    const b = 'boris@example.ru';
    const c = 'celina@example.pl';
    const facts = [
      ticket(ago(60), ['Complaint/Service quality'], { requester: a }),
      ticket(ago(5), ['Жалоба'], { requester: a }),
      ticket(ago(10), ['Shipping'], { requester: b }),
      ticket(ago(120), ['Shipping'], { requester: b, threadId: 'old-b' }),
      ticket(ago(20), [], { requester: b, threadId: 'b2' }),
      ticket(ago(3), ['Shipping/Late by shipper'], { requester: c }),
      ticket(ago(4), ['Shipping/Late by shipper'], { requester: c }),
      ticket(ago(8), ['Shipping/Late by shipper'], { requester: c }),
      ticket(ago(9), ['Shipping/Damaged in transit'], { requester: c }),
    ];
    const b1 = facts[2]?.threadId as string;
    const csat: CsatFact[] = [
      { threadId: b1, rating: 'bad', answeredAt: ago(9) },
      { threadId: 'old-b', rating: 'bad', answeredAt: ago(2) },
      { threadId: 'b2', rating: 'good', answeredAt: ago(19) },
    ];
    const flagged = repeatedComplaints(facts, csat, scope);
    expect(flagged.map((entry) => [entry.requester, entry.reason, entry.tag])).toEqual([
      [c, 'same-tag', 'Shipping/Late by shipper'],
      [a, 'complaint', undefined],
      // The ticket was created before the window; its bad rating came inside it.
      [b, 'bad-rating', undefined],
    ]);
    expect(flagged[0]?.tickets.map((t) => t.createdAt)).toEqual([ago(3), ago(4), ago(8)]);
    expect(flagged[1]?.tickets).toHaveLength(2);
    expect(flagged[2]?.tickets.map((t) => t.threadId)).toEqual([b1, 'old-b']);
  });

  it('keeps to the window, the filters and the thresholds', () => {
    const a = 'anna@example.com';
    const facts = [
      ticket(ago(100), ['Complaint'], { requester: a }),
      ticket(ago(5), ['Complaint'], { requester: a, group: 'Support' }),
      ticket(ago(6), ['Shipping'], { requester: 'x@example.com' }),
      ticket(ago(7), ['Shipping'], { requester: 'x@example.com' }),
      ticket(ago(1), ['Complaint'], { group: 'Support' }),
      ticket(ago(2), ['Complaint'], { group: 'Support' }),
    ];
    expect(repeatedComplaints(facts, [], scope)).toEqual([]);
    const wide = repeatedComplaints(facts, [], scope, { windowDays: 120 });
    expect(wide.map((entry) => entry.reason)).toEqual(['complaint']);
    expect(repeatedComplaints(facts, [], { ...scope, group: 'Support' }, { windowDays: 120 })).toEqual([]);
  });

  it('counts one complaint and a bad rating of another ticket as complaining twice', () => {
    const m = 'marcus@example.com';
    const complaint = ticket(ago(12), ['Complaint/Slow response'], { requester: m, threadId: 'm1' });
    const rated = ticket(ago(30), ['Returns and exchanges'], { requester: m, threadId: 'm2' });
    const flagged = repeatedComplaints(
      [complaint, rated],
      [{ threadId: 'm2', rating: 'bad', answeredAt: ago(20) }],
      scope,
      {
        windowDays: 60,
      },
    );
    expect(flagged.map((entry) => [entry.requester, entry.reason])).toEqual([[m, 'complaint']]);
    expect(flagged[0]?.tickets.map((t) => t.threadId)).toEqual(['m1', 'm2']);
    // The bad rating of the complaint itself is one complaint, not two.
    const same = [{ threadId: 'm1', rating: 'bad' as const, answeredAt: ago(10) }];
    expect(repeatedComplaints([complaint, rated], same, scope, { windowDays: 60 })).toEqual([]);
  });

  it('reports a parent tag only when no single child tag repeats', () => {
    const c = 'celina@example.pl';
    const facts = [
      ticket(ago(3), ['Shipping/Late by shipper'], { requester: c }),
      ticket(ago(4), ['Shipping/Damaged in transit'], { requester: c }),
      ticket(ago(5), ['Shipping'], { requester: c }),
    ];
    const flagged = repeatedComplaints(facts, [], scope);
    expect(flagged.map((entry) => entry.tag)).toEqual(['Shipping']);
    expect(flagged[0]?.tickets[0]).toMatchObject({
      reference: expect.stringMatching(/^#R/),
      createdAt: ago(3),
    });
  });
});
