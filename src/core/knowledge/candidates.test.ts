import { describe, expect, it } from 'vitest';
import type { TicketFacts } from '../metrics/facts';
import { faqCandidates } from './candidates';
import { article, DAY, NOW } from './test-articles';

let next = 0;
function ticket(overrides: Partial<TicketFacts> & { daysAgo: number; solvedDaysAgo?: number }): TicketFacts {
  next += 1;
  const { daysAgo, solvedDaysAgo, ...rest } = overrides;
  const createdAt = NOW - daysAgo * DAY;
  return {
    threadId: `a${next.toString(16).padStart(3, '0')}`,
    reference: `#T${next}`,
    subject: `Ticket ${next}`,
    createdAt,
    status: solvedDaysAgo === undefined ? 'Open' : 'Solved',
    tags: [],
    customerMessages: [createdAt],
    teamReplies: [],
    solves: solvedDaysAgo === undefined ? [] : [NOW - solvedDaysAgo * DAY],
    complete: true,
    ...rest,
  };
}

describe('faqCandidates', () => {
  it('proposes tags with three tickets in 90 days, counting both levels, most tickets first', () => {
    const facts = [
      ticket({ daysAgo: 1, tags: ['Shipping/Late by shipper'], solvedDaysAgo: 0 }),
      ticket({ daysAgo: 5, tags: ['Shipping/Late by shipper'], solvedDaysAgo: 2 }),
      ticket({ daysAgo: 10, tags: ['Shipping/Warehouse delays'] }),
      ticket({ daysAgo: 20, tags: ['Shipping/Late by shipper', 'Shipping/Warehouse delays'] }),
      ticket({ daysAgo: 30, tags: ['Returns'], solvedDaysAgo: 29 }),
      ticket({ daysAgo: 31, tags: ['Returns'] }),
      // Too old: outside the 90 days.
      ticket({ daysAgo: 91, tags: ['Returns'], solvedDaysAgo: 90 }),
    ];
    const candidates = faqCandidates(facts, [], NOW);
    expect(candidates.map((c) => [c.tag, c.tickets, c.solved])).toEqual([
      ['Shipping', 4, 2],
      ['Shipping/Late by shipper', 3, 2],
    ]);
    expect(candidates[0]).toMatchObject({ stale: false });
    expect(candidates[0]?.articleId).toBeUndefined();
  });

  it('gives up to five solved examples, newest solve first', () => {
    const facts = Array.from({ length: 8 }, (_, i) =>
      ticket({ daysAgo: 40 - i, tags: ['Payment error'], solvedDaysAgo: i % 2 === 0 ? 30 - i : 10 + i }),
    );
    facts.push(ticket({ daysAgo: 2, tags: ['Payment error'] }));
    const [candidate] = faqCandidates(facts, [], NOW);
    expect(candidate?.tickets).toBe(9);
    expect(candidate?.solved).toBe(8);
    expect(candidate?.examples).toHaveLength(5);
    const solvedAts = candidate?.examples.map((e) => e.solvedAt ?? 0) ?? [];
    expect(solvedAts).toEqual([...solvedAts].sort((a, b) => b - a));
    expect(candidate?.examples[0]).toEqual({
      threadId: facts[1]?.threadId,
      reference: facts[1]?.reference,
      subject: facts[1]?.subject,
      solvedAt: NOW - 11 * DAY,
    });
  });

  it('leaves out a tag a fresh article covers and lists it again when that article is stale', () => {
    const facts = [1, 2, 3].map((d) => ticket({ daysAgo: d, tags: ['Returns'], solvedDaysAgo: 0 }));
    const fresh = article(1, { tags: ['Returns'], lastReviewedAt: NOW - 30 * DAY });
    const stale = article(2, { tags: ['Returns'], lastReviewedAt: NOW - 200 * DAY });
    const staler = article(3, { tags: ['Returns'], lastReviewedAt: NOW - 300 * DAY });
    expect(faqCandidates(facts, [fresh, stale], NOW)).toEqual([]);
    const [candidate] = faqCandidates(facts, [stale, staler], NOW);
    expect(candidate).toMatchObject({ tag: 'Returns', stale: true, articleId: staler.articleId });
    // An article on another tag, or a deleted one, covers nothing.
    const other = article(4, { tags: ['Returns/Wrong size'] });
    const deleted = article(5, { tags: ['Returns'], deleted: true });
    expect(faqCandidates(facts, [other, deleted], NOW)).toMatchObject([{ tag: 'Returns', stale: false }]);
  });

  it('ignores tickets from the future and untagged tickets', () => {
    const facts = [
      ticket({ daysAgo: -1, tags: ['X'] }),
      ticket({ daysAgo: 1, tags: ['X'] }),
      ticket({ daysAgo: 2, tags: ['X'] }),
      ticket({ daysAgo: 3 }),
    ];
    expect(faqCandidates(facts, [], NOW)).toEqual([]);
  });

  it('ties on tickets are ordered by tag', () => {
    const facts = ['B', 'A'].flatMap((tag) => [1, 2, 3].map((d) => ticket({ daysAgo: d, tags: [tag] })));
    expect(faqCandidates(facts, [], NOW).map((c) => c.tag)).toEqual(['A', 'B']);
  });
});
