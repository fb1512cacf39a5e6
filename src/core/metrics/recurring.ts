/**
 * Recurring issues (issue 7, PRODUCT.md "Reports"): tag trends judged against each tag's own recent
 * baseline, so "would a spike stop you in your tracks?" (S002 L453-457) gets a number, and customers who
 * complain again, since only 4-10% of unhappy customers write at all (S000 L92-100). Pure: facts in, shapes
 * of ./report-types.ts out.
 */
import { STARTER_LANGUAGES, STARTER_TAGS } from '../starter-tags';
import type { CsatFact, ReportScope, TicketFacts } from './facts';
import { periodIndex, periods } from './periods';
import type { Period, RepeatedComplaint, TagTrend, TicketRef, TrendOptions } from './report-types';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export const DEFAULT_TREND_OPTIONS: Readonly<TrendOptions> = { baselineWeeks: 8, alpha: 0.01, minCount: 3 };

/**
 * A tag never seen in its baseline still gets a mean above zero, or its first ticket would be "impossible"
 * (p = 0): half a ticket over the whole baseline span, e.g. 0.0625 a week over 8 weeks.
 */
export const ZERO_BASELINE_PRIOR = 0.5;

// ---------------------------------------------------------------------------------------------------------
// Poisson tails, in log space so a mean of 500 or a count of 2,000 neither overflows nor underflows.

const LOG_FACTORIALS: number[] = [0];

/** ln(n!) exactly summed below 256, Stirling's series (error < 1e-15 relative) above. */
export function logFactorial(n: number): number {
  if (n < 256) {
    for (let i = LOG_FACTORIALS.length; i <= n; i++) {
      LOG_FACTORIALS[i] = (LOG_FACTORIALS[i - 1] as number) + Math.log(i);
    }
    return LOG_FACTORIALS[n] as number;
  }
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (
    n * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI * n) +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
  );
}

function logPmf(k: number, mean: number): number {
  return -mean + k * Math.log(mean) - logFactorial(k);
}

/** Sum of the pmf from k upward, while the terms shrink (k ≥ mean), starting from its log. */
function sumUp(k: number, mean: number): number {
  let term = Math.exp(logPmf(k, mean));
  let sum = 0;
  for (let j = k; term > 0 && term > sum * 1e-17; j++) {
    sum += term;
    term *= mean / (j + 1);
  }
  return sum;
}

/** Sum of the pmf from k downward to 0, while the terms shrink (k ≤ mean). */
function sumDown(k: number, mean: number): number {
  let term = Math.exp(logPmf(k, mean));
  let sum = 0;
  for (let j = k; j >= 0 && term > 0 && term > sum * 1e-17; j--) {
    sum += term;
    term *= j / mean;
  }
  return sum;
}

/** P(X ≥ k) for X ~ Poisson(mean). The small tail is summed directly, never as 1 minus something. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (!(mean > 0)) return 0;
  if (k >= mean) return Math.min(1, sumUp(k, mean));
  return Math.max(0, 1 - sumDown(k - 1, mean));
}

/** P(X ≤ k) for X ~ Poisson(mean). */
export function poissonLowerTail(k: number, mean: number): number {
  if (k < 0) return 0;
  if (!(mean > 0)) return 1;
  if (k <= mean) return Math.min(1, sumDown(k, mean));
  return Math.max(0, 1 - sumUp(k + 1, mean));
}

// ---------------------------------------------------------------------------------------------------------
// Tag trends

function withDefaults(options?: Partial<TrendOptions>): TrendOptions {
  return {
    baselineWeeks: Math.max(1, Math.round(options?.baselineWeeks ?? DEFAULT_TREND_OPTIONS.baselineWeeks)),
    alpha: options?.alpha ?? DEFAULT_TREND_OPTIONS.alpha,
    minCount: options?.minCount ?? DEFAULT_TREND_OPTIONS.minCount,
  };
}

/** The mean a baseline is judged with: the observed one, or the zero-baseline prior when it is lower. */
function judgedMean(baseline: number, baselineWeeks: number): number {
  return Math.max(baseline, ZERO_BASELINE_PRIOR / baselineWeeks);
}

/** Whether `current` against a per-week `baseline` is a spike, a drop or neither, and its one-sided p. */
export function judgeWeek(
  current: number,
  baseline: number,
  options?: Partial<TrendOptions>,
): { alert: TagTrend['alert']; pValue: number } {
  const o = withDefaults(options);
  const mean = judgedMean(baseline, o.baselineWeeks);
  if (current > mean) {
    const pValue = poissonUpperTail(current, mean);
    return { alert: pValue < o.alpha && current >= o.minCount ? 'spike' : null, pValue };
  }
  const pValue = poissonLowerTail(current, mean);
  return { alert: pValue < o.alpha && baseline >= o.minCount ? 'drop' : null, pValue };
}

/**
 * The rule as numbers for the reports page to word in the user's language: "flagged when a week this
 * unusual would happen by chance less than once in 1/alpha tag-weeks", with the baseline length, the
 * smallest count a spike needs, and the prior used for a tag with an empty baseline.
 */
export function explainThreshold(options?: Partial<TrendOptions>): {
  alpha: number;
  baselineWeeks: number;
  minCount: number;
  /** How many tag-weeks in which one false alarm is expected: 1 / alpha (100 for 0.01). */
  oneFalseAlarmIn: number;
  /** Tickets per whole baseline span assumed for a tag never seen in it. */
  zeroBaselinePrior: number;
} {
  const o = withDefaults(options);
  return {
    alpha: o.alpha,
    baselineWeeks: o.baselineWeeks,
    minCount: o.minCount,
    oneFalseAlarmIn: o.alpha > 0 ? Math.round(1 / o.alpha) : Number.POSITIVE_INFINITY,
    zeroBaselinePrior: ZERO_BASELINE_PRIOR,
  };
}

/**
 * For a tag whose baseline is `baseline` tickets a week: the smallest weekly count flagged as a spike and
 * the largest flagged as a drop (null when no count would be), so the page can say "10 or more is unusual".
 */
export function alertBounds(
  baseline: number,
  options?: Partial<TrendOptions>,
): { spikeAt: number | null; dropAt: number | null } {
  const o = withDefaults(options);
  const mean = judgedMean(baseline, o.baselineWeeks);
  let spikeAt: number | null = null;
  for (let k = Math.max(o.minCount, Math.floor(mean) + 1); k < mean * 10 + 100; k++) {
    if (poissonUpperTail(k, mean) < o.alpha) {
      spikeAt = k;
      break;
    }
  }
  let dropAt: number | null = null;
  if (baseline >= o.minCount) {
    for (let k = Math.floor(mean); k >= 0; k--) {
      if (k < mean && poissonLowerTail(k, mean) < o.alpha) {
        dropAt = k;
        break;
      }
    }
  }
  return { spikeAt, dropAt };
}

function passesFilters(fact: TicketFacts, scope: ReportScope): boolean {
  if (scope.group !== undefined && fact.group !== scope.group) return false;
  if (scope.agent !== undefined && fact.assignee !== scope.agent) return false;
  return true;
}

/** The tag paths a ticket counts under: each path as labelled and its `what` (the part before the slash). */
function countedTags(tags: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const path of tags) {
    out.add(path);
    const slash = path.indexOf('/');
    if (slash > 0) out.add(path.slice(0, slash));
  }
  return out;
}

/**
 * Weekly counts per tag path and per `what` (`Shipping` and `Shipping/Late by shipper`), and whether the
 * last full ISO week before `now` that ends inside the scope's range is unlikely against the
 * `baselineWeeks` weeks before it (Poisson with the baseline mean; see judgeWeek). The baseline may reach
 * before `scope.from`, so pass the facts of those weeks too; weeks before the first ticket of `facts` are
 * left out of the baseline (a new mailbox has no history, not a history of zeros). Group and agent filters
 * apply; `scope.tag` does not (every tag is judged). Alerts first, smallest pValue first, then the busiest.
 */
export function tagTrends(
  facts: readonly TicketFacts[],
  scope: ReportScope,
  now: number,
  options?: Partial<TrendOptions>,
): TagTrend[] {
  const o = withDefaults(options);
  const limit = Math.min(now, scope.to);
  if (!(limit > scope.from)) return [];
  // Enough weeks around the limit to find the last full one and its baseline, DST weeks included.
  const around = periods('week', limit - (o.baselineWeeks + 2) * WEEK_MS, limit + 8 * DAY_MS, scope.timeZone);
  let judged = -1;
  for (let i = around.length - 2; i >= 0; i--) {
    if ((around[i + 1] as Period).start <= limit) {
      judged = i;
      break;
    }
  }
  if (judged < 0) return [];
  const judgedEnd = (around[judged + 1] as Period).start;
  if (!(judgedEnd > scope.from)) return [];

  let earliest = Number.POSITIVE_INFINITY;
  for (const fact of facts) if (fact.createdAt < earliest) earliest = fact.createdAt;
  let first = Math.max(0, judged - o.baselineWeeks);
  // A week that ended before the mailbox's first ticket is not part of the history.
  while (first < judged && (around[first + 1] as Period).start <= earliest) first++;
  const weeks = around.slice(first, judged + 1);
  const baselineCount = weeks.length - 1;
  const windowStart = (weeks[0] as Period).start;

  const counts = new Map<string, number[]>();
  for (const fact of facts) {
    if (fact.createdAt < windowStart || fact.createdAt >= judgedEnd || fact.tags.length === 0) continue;
    if (!passesFilters(fact, scope)) continue;
    const index = periodIndex(weeks, fact.createdAt);
    if (index < 0) continue;
    for (const tag of countedTags(fact.tags)) {
      let row = counts.get(tag);
      if (!row) {
        row = new Array<number>(weeks.length).fill(0);
        counts.set(tag, row);
      }
      row[index] = (row[index] as number) + 1;
    }
  }

  const out: TagTrend[] = [];
  for (const [tag, row] of counts) {
    const current = row[row.length - 1] as number;
    let sum = 0;
    for (let i = 0; i < baselineCount; i++) sum += row[i] as number;
    const baseline = baselineCount > 0 ? sum / baselineCount : 0;
    // Without a single baseline week there is nothing to compare with: shown, never flagged.
    const verdict =
      baselineCount > 0
        ? judgeWeek(current, baseline, { ...o, baselineWeeks: baselineCount })
        : { alert: null, pValue: 1 };
    out.push({
      tag,
      weeks: weeks.map((week, i) => ({ ...week, count: row[i] as number })),
      baseline,
      current,
      alert: verdict.alert,
      pValue: verdict.pValue,
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.alert !== null) - Number(a.alert !== null) ||
      (a.alert !== null ? a.pValue - b.pValue : 0) ||
      b.current - a.current ||
      (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Repeated complaints

/** The starter complaint tag in every language (`Complaint`, `Жалоба`, `Skarga`, `苦情`), lower case. */
const COMPLAINT_TAGS: ReadonlySet<string> = (() => {
  const index = STARTER_TAGS.en.findIndex((tag) => tag.path === 'Complaint');
  const names = new Set<string>();
  for (const language of STARTER_LANGUAGES) {
    const path = STARTER_TAGS[language][index]?.path;
    if (path) names.add(path.toLowerCase());
  }
  return names;
})();

function whatOf(path: string): string {
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(0, slash) : path;
}

export function isComplaintTag(path: string): boolean {
  return COMPLAINT_TAGS.has(whatOf(path).trim().toLowerCase());
}

function refOf(fact: TicketFacts): TicketRef & { createdAt: number } {
  const ref: TicketRef & { createdAt: number } = {
    threadId: fact.threadId,
    reference: fact.reference,
    subject: fact.subject,
    createdAt: fact.createdAt,
  };
  if (fact.assignee !== undefined) ref.assignee = fact.assignee;
  if (fact.group !== undefined) ref.group = fact.group;
  return ref;
}

const newestFirst = (
  a: { createdAt: number; threadId: string },
  b: { createdAt: number; threadId: string },
) => b.createdAt - a.createdAt || (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0);

/**
 * Customers who came back: within the `windowDays` days ending at `scope.to`, one requester with at least
 * 2 complaint-tagged tickets ('complaint'), 2 tickets rated bad ('bad-rating', by when the rating was
 * given), or 3 tickets under one tag path ('same-tag': the most specific path that has 3; complaint tags
 * are left to 'complaint'). A requester can be flagged for more than one reason. Group and agent filters
 * apply, `scope.from` and `scope.tag` do not. Newest first, by each group's newest ticket.
 */
export function repeatedComplaints(
  facts: readonly TicketFacts[],
  csat: readonly CsatFact[],
  scope: ReportScope,
  options?: { windowDays?: number },
): RepeatedComplaint[] {
  const windowStart = scope.to - (options?.windowDays ?? 90) * DAY_MS;
  const inWindow = (at: number) => at >= windowStart && at < scope.to;
  // The few threads rated bad in the window first, so one pass over the facts finds their tickets.
  const ratedBad = new Set<string>();
  for (const answer of csat)
    if (answer.rating === 'bad' && inWindow(answer.answeredAt)) ratedBad.add(answer.threadId);

  const byRequester = new Map<string, TicketFacts[]>();
  const badByRequester = new Map<string, Map<string, TicketFacts>>();
  for (const fact of facts) {
    if (!fact.requester || !passesFilters(fact, scope)) continue;
    if (ratedBad.has(fact.threadId)) {
      let rated = badByRequester.get(fact.requester);
      if (!rated) {
        rated = new Map();
        badByRequester.set(fact.requester, rated);
      }
      rated.set(fact.threadId, fact);
    }
    if (!inWindow(fact.createdAt)) continue;
    const list = byRequester.get(fact.requester);
    if (list) list.push(fact);
    else byRequester.set(fact.requester, [fact]);
  }

  const out: RepeatedComplaint[] = [];
  const add = (
    requester: string,
    reason: RepeatedComplaint['reason'],
    tickets: TicketFacts[],
    tag?: string,
  ) => {
    const entry: RepeatedComplaint = { requester, reason, tickets: tickets.map(refOf).sort(newestFirst) };
    if (tag !== undefined) entry.tag = tag;
    out.push(entry);
  };

  const complaintTag = new Map<string, boolean>();
  const isComplaint = (tag: string) => {
    let known = complaintTag.get(tag);
    if (known === undefined) {
      known = isComplaintTag(tag);
      complaintTag.set(tag, known);
    }
    return known;
  };
  /** Requesters with one complaint-tagged ticket: a bad rating on another ticket makes it a repeat. */
  const singleComplaint = new Map<string, TicketFacts>();
  for (const [requester, tickets] of byRequester) {
    const complaints = tickets.filter((fact) => fact.tags.some(isComplaint));
    if (complaints.length === 1) singleComplaint.set(requester, complaints[0] as TicketFacts);
    // Most customers write once: nothing else to repeat.
    if (tickets.length < 2) continue;
    if (complaints.length >= 2) add(requester, 'complaint', complaints);

    const byTag = new Map<string, TicketFacts[]>();
    for (const fact of tickets) {
      for (const tag of countedTags(fact.tags)) {
        if (isComplaint(tag)) continue;
        let list = byTag.get(tag);
        if (!list) {
          list = [];
          byTag.set(tag, list);
        }
        list.push(fact);
      }
    }
    const repeated = [...byTag].filter(([, list]) => list.length >= 3).map(([tag]) => tag);
    for (const tag of repeated.sort()) {
      // `Shipping` is implied when `Shipping/Late by shipper` has three tickets on its own.
      const deeper = repeated.some((other) => other.startsWith(`${tag}/`));
      if (!deeper) add(requester, 'same-tag', byTag.get(tag) as TicketFacts[], tag);
    }
  }
  for (const [requester, rated] of badByRequester) {
    if (rated.size >= 2) add(requester, 'bad-rating', [...rated.values()]);
    // One complaint and one bad rating of another ticket: the customer has complained twice.
    const complaint = singleComplaint.get(requester);
    if (rated.size === 1 && complaint && !rated.has(complaint.threadId)) {
      add(requester, 'complaint', [complaint, ...rated.values()]);
    }
  }

  const newestOf = (entry: RepeatedComplaint) => entry.tickets[0]?.createdAt ?? 0;
  const reasonRank: Record<RepeatedComplaint['reason'], number> = {
    complaint: 0,
    'bad-rating': 1,
    'same-tag': 2,
  };
  return out.sort(
    (a, b) =>
      newestOf(b) - newestOf(a) ||
      (a.requester < b.requester ? -1 : a.requester > b.requester ? 1 : 0) ||
      reasonRank[a.reason] - reasonRank[b.reason] ||
      ((a.tag ?? '') < (b.tag ?? '') ? -1 : 1),
  );
}
