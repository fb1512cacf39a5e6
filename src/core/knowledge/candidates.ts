/**
 * FAQ candidates (issue 7; S004 L103-107: "analyse customers' requests and closed tickets; where they
 * repeat, write it up in the FAQ"): the tags that came back at least three times in the last 90 days, with
 * solved tickets whose replies an article can be written from. A tag an article already covers is proposed
 * again only when that article is stale, as "review it".
 */
import type { FaqCandidate } from '../../messaging/contract-replies';
import type { TicketFacts } from '../metrics/facts';
import { type ArticleRecord, isStale } from './articles';

export const CANDIDATE_WINDOW_DAYS = 90;
export const CANDIDATE_MIN_TICKETS = 3;
export const CANDIDATE_EXAMPLES = 5;

const isSolved = (ticket: TicketFacts) => ticket.status === 'Solved' || ticket.status === 'Closed';

/** The tag paths a ticket counts for: each tag and its first level (`Shipping/Late` counts for `Shipping`). */
function tagLevels(tags: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const tag of tags) {
    out.add(tag);
    const slash = tag.indexOf('/');
    if (slash > 0) out.add(tag.slice(0, slash));
  }
  return out;
}

/**
 * Tags with at least CANDIDATE_MIN_TICKETS tickets created in the last CANDIDATE_WINDOW_DAYS, most tickets
 * first (ties by tag), each with up to CANDIDATE_EXAMPLES solved tickets, newest solve first. A tag listed in
 * an article's tags is left out while one such article is fresh; when all are stale it is listed with the
 * one reviewed longest ago (stale: true, articleId set).
 */
export function faqCandidates(
  facts: readonly TicketFacts[],
  articles: readonly ArticleRecord[],
  now: number,
): FaqCandidate[] {
  const since = now - CANDIDATE_WINDOW_DAYS * 86_400_000;
  const byTag = new Map<string, TicketFacts[]>();
  for (const ticket of facts) {
    if (ticket.createdAt < since || ticket.createdAt > now) continue;
    for (const tag of tagLevels(ticket.tags)) {
      const list = byTag.get(tag);
      if (list) list.push(ticket);
      else byTag.set(tag, [ticket]);
    }
  }
  const live = articles.filter((a) => !a.deleted);
  const out: FaqCandidate[] = [];
  for (const [tag, tickets] of byTag) {
    if (tickets.length < CANDIDATE_MIN_TICKETS) continue;
    const covering = live.filter((a) => a.tags.includes(tag));
    if (covering.some((a) => !isStale(a, now))) continue;
    const oldest = covering.sort(
      (a, b) => a.lastReviewedAt - b.lastReviewedAt || (a.articleId < b.articleId ? -1 : 1),
    )[0];
    const solved = tickets.filter(isSolved);
    const lastSolve = (t: TicketFacts) => t.solves[t.solves.length - 1];
    const examples = [...solved]
      .sort(
        (a, b) =>
          (lastSolve(b) ?? b.createdAt) - (lastSolve(a) ?? a.createdAt) || (a.threadId < b.threadId ? -1 : 1),
      )
      .slice(0, CANDIDATE_EXAMPLES)
      .map((t) => {
        const solvedAt = lastSolve(t);
        return {
          threadId: t.threadId,
          reference: t.reference,
          subject: t.subject,
          ...(solvedAt !== undefined ? { solvedAt } : {}),
        };
      });
    out.push({
      tag,
      tickets: tickets.length,
      solved: solved.length,
      examples,
      ...(oldest ? { articleId: oldest.articleId } : {}),
      stale: oldest !== undefined,
    });
  }
  return out.sort((a, b) => b.tickets - a.tickets || a.tag.localeCompare(b.tag));
}
