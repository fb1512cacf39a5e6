/**
 * The reports' numbers (issue 7), computed from ticket and CSAT facts in one call. Pure and fast: one pass
 * over the facts per metric family, durations in typed arrays, one BusinessClock per calendar, and periods
 * found by binary search, so 100,000 tickets take well under the 300 ms the issue allows.
 *
 * Definitions (each written here once; report-types.ts says what each field holds):
 * - Filters: `group` and `agent` are the ticket's current group and assignee; `tag` matches a tag path or
 *   the "what" above it (`Shipping` matches `Shipping` and `Shipping/Late by shipper`).
 * - In scope: created in [from, to) and matching the filters. `tickets`, `partial`, volume, first response
 *   and the volume ratio's ticket counts count these.
 * - Active: status New, Open, Pending or On hold; done: Solved or Closed.
 * - First response: the first team reply at or after the ticket's creation. Clock time is reply − created;
 *   business time is the open time of the ticket's calendar (`calendarFor(group)`) in [created, reply).
 * - Unanswered: in scope, active, no first response; its wait so far (now − created, or that span's business
 *   time) enters `worst` marked `open`, never the averages, percentiles, targets or histogram.
 * - Closed without reply: in scope, done, no first response.
 * - Solved in the range: at least one solve in [from, to). Reopen and effort count these tickets (filters
 *   apply; the creation date does not matter).
 * - Reopened: a customer message strictly after any solve of the ticket (at any time up to now).
 * - Resolution: done now and the last solve in [from, to): last solve − created (clock and business).
 * - Effort: customer messages + team replies of each ticket solved in the range (the histogram puts a
 *   ticket with none read yet under 1).
 * - Backlog at the end of a local day (the next day's start): created before it and not in a solved
 *   interval then. A solve closes the ticket, a later customer message reopens it; a message at the very
 *   instant of a solve does not reopen it. Computed by one sweep of these events, not a scan per day.
 * - Statistics: mean; median and p90 are nearest-rank percentiles (the value at rank ⌈p/100 × n⌉ of the
 *   sorted values, so the median of 1, 2, 3, 4 is 2); max. Within a target: at or under `hours`. Histogram
 *   buckets include their lower edge and exclude their upper one. `worst`: the 10 longest, longest first,
 *   earlier-created first on a tie.
 * - CSAT: answers with answeredAt in [from, to). The answer's ticket (by threadId) supplies agent, group and
 *   tags for the filters and the breakdowns; an answer whose ticket is unknown counts only in a report
 *   without filters, and in no breakdown. `byAgent`/`byGroup` skip answers whose ticket has no assignee or
 *   group; `byTag` counts each tag path of the ticket and the "what" above it, once per answer. Breakdowns
 *   are ordered by answers, most first, then by key. Comments: answers whose comment is not blank.
 * - Volume ratio, per local calendar month overlapping the range: `tickets` in scope created that month;
 *   `requesters` the distinct requester addresses of filtered tickets with a customer message that month
 *   within the range; a ratio is tickets ÷ the typed-in count, null when the count is missing or zero.
 * - Null means no data (nothing to average or divide by), never zero.
 */
import type { BusinessCalendar } from '../automation-config';
import type { TicketStatus } from '../ticket';
import { type BusinessClock, businessClock } from './business-clock';
import type { CsatFact, MonthlyCounts, ReportScope, TicketFacts } from './facts';
import { periods } from './periods';
import type {
  CsatComment,
  CsatCounts,
  Distribution,
  DurationStats,
  Period,
  Report,
  TicketRef,
} from './report-types';

export interface ReportOptions {
  /** The moment the report is drawn: unanswered waits run to it. */
  now: number;
  /** First-response and resolution targets in hours (default 1, 6 and 24). */
  targetsHours?: readonly number[];
  /** The business calendar of a ticket's group (automation-config.ts's calendarFor). */
  calendarFor: (group: string | undefined) => BusinessCalendar;
  /** Orders and customers typed in per month, for the volume ratio. */
  monthly?: readonly MonthlyCounts[];
}

export const DEFAULT_TARGET_HOURS: readonly number[] = [1, 6, 24];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Histogram lower edges: <1 h, 1-2 h, 2-4 h, 4-8 h, 8-24 h, 1-2 d, 2-3 d, 3-7 d, 7 d and more. */
const HISTOGRAM_EDGES: readonly number[] = [0, 1, 2, 4, 8, 24, 48, 72, 168].map((hours) => hours * HOUR);
const WORST_COUNT = 10;
/** Effort histogram: 1 … 9 messages, and 10 or more. */
const EFFORT_BUCKETS = 10;
/** A resolution clock reaches at most this far before the range; older tickets use the slow path. */
const CLOCK_LOOKBACK = 400 * DAY;

/** counts[i] += by (typed arrays are fixed length, so the index is always in range here). */
function bump(counts: Int32Array, i: number, by = 1): void {
  counts[i] = (counts[i] as number) + by;
}

function isDone(status: TicketStatus): boolean {
  return status === 'Solved' || status === 'Closed';
}

/** The filter part of the scope (everything but the range) as one test. */
function scopeFilter(scope: ReportScope): ((t: TicketFacts) => boolean) | null {
  const { group, agent, tag } = scope;
  if (group === undefined && agent === undefined && tag === undefined) return null;
  const below = tag === undefined ? '' : `${tag}/`;
  return (t) =>
    (group === undefined || t.group === group) &&
    (agent === undefined || t.assignee === agent) &&
    (tag === undefined || t.tags.some((p) => p === tag || p.startsWith(below)));
}

/**
 * Puts the k-th smallest of `a[lo..hi]` at `a[k]`, smaller or equal ones before it and greater or equal
 * ones after it (Hoare's selection; linear on average), so percentiles need no full sort.
 */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const x = a[lo] as number;
    const y = a[(lo + hi) >> 1] as number;
    const z = a[hi] as number;
    // Median of three as the pivot.
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = a[i] as number;
        a[i] = a[j] as number;
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Nearest-rank ranks as 0-based indexes: ⌈p/100 × n⌉ − 1. */
function rankIndex(percent: number, n: number): number {
  return Math.max(1, Math.ceil((percent * n) / 100)) - 1;
}

/** Distribution of `values[0, n)`; reorders them. */
function distribution(values: Float64Array, n: number): Distribution {
  if (n === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  let sum = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    if (v > max) max = v;
  }
  const k90 = rankIndex(90, n);
  const k50 = rankIndex(50, n);
  select(values, 0, n - 1, k90);
  select(values, 0, k90, k50);
  return { count: n, mean: sum / n, median: values[k50] as number, p90: values[k90] as number, max };
}

function ticketRef(t: TicketFacts): TicketRef {
  const ref: TicketRef = { threadId: t.threadId, reference: t.reference, subject: t.subject };
  if (t.assignee !== undefined) ref.assignee = t.assignee;
  if (t.group !== undefined) ref.group = t.group;
  return ref;
}

/** Durations of one kind (clock or business) and the longest waits, finished into DurationStats. */
class DurationCollector {
  private readonly values: Float64Array;
  private n = 0;
  private readonly worst: { ms: number; ticket: TicketFacts; open: boolean }[] = [];

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  add(ms: number, ticket: TicketFacts): void {
    this.values[this.n++] = ms;
    this.consider(ms, ticket, false);
  }

  /** A wait still running: only a candidate for `worst`. */
  addOpen(ms: number, ticket: TicketFacts): void {
    this.consider(ms, ticket, true);
  }

  private consider(ms: number, ticket: TicketFacts, open: boolean): void {
    const worst = this.worst;
    if (worst.length === WORST_COUNT) {
      const last = worst[WORST_COUNT - 1] as { ms: number; ticket: TicketFacts };
      if (ms < last.ms || (ms === last.ms && ticket.createdAt >= last.ticket.createdAt)) return;
      worst.pop();
    }
    let i = worst.length;
    while (i > 0) {
      const before = worst[i - 1] as { ms: number; ticket: TicketFacts };
      if (before.ms > ms || (before.ms === ms && before.ticket.createdAt <= ticket.createdAt)) break;
      i--;
    }
    worst.splice(i, 0, { ms, ticket, open });
  }

  finish(targetsHours: readonly number[]): DurationStats {
    const n = this.n;
    const values = this.values;
    const within = new Int32Array(targetsHours.length);
    const limits = targetsHours.map((hours) => hours * HOUR);
    const buckets = new Int32Array(HISTOGRAM_EDGES.length);
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      for (let k = 0; k < limits.length; k++) if (v <= (limits[k] as number)) bump(within, k);
      let b = HISTOGRAM_EDGES.length - 1;
      while (b > 0 && v < (HISTOGRAM_EDGES[b] as number)) b--;
      bump(buckets, b);
    }
    return {
      ...distribution(values, n),
      withinTargets: targetsHours.map((hours, k) => {
        const count = within[k] as number;
        return { hours, count, share: n === 0 ? null : count / n };
      }),
      histogram: HISTOGRAM_EDGES.map((edge, b) => ({
        from: edge,
        to: HISTOGRAM_EDGES[b + 1] ?? null,
        count: buckets[b] as number,
      })),
      worst: this.worst.map((w) => ({ ...ticketRef(w.ticket), ms: w.ms, open: w.open })),
    };
  }
}

function emptyCsat(): CsatCounts {
  return { good: 0, okay: 0, bad: 0, answers: 0, shareGood: null };
}

function countAnswer(counts: CsatCounts, rating: CsatFact['rating']): void {
  counts[rating]++;
  counts.answers++;
}

function finishCsat<T extends CsatCounts>(counts: T): T {
  counts.shareGood = counts.answers === 0 ? null : counts.good / counts.answers;
  return counts;
}

function breakdown(map: Map<string, CsatCounts>): ({ key: string } & CsatCounts)[] {
  return [...map]
    .map(([key, counts]) => ({ key, ...finishCsat(counts) }))
    .sort((a, b) => b.answers - a.answers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function countIn(map: Map<string, CsatCounts>, key: string, rating: CsatFact['rating']): void {
  let counts = map.get(key);
  if (counts === undefined) {
    counts = emptyCsat();
    map.set(key, counts);
  }
  countAnswer(counts, rating);
}

const RATING_ORDER: Record<CsatFact['rating'], number> = { bad: 0, okay: 1, good: 2 };

/** Index of the first value > x in ascending `sorted`. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The report's days, weeks and months. periods() steps through date-fns in the zone, which costs tens of
 * milliseconds for a year of days; the page asks for the same range again with every filter, so the last
 * few series are kept.
 */
const seriesMemo = new Map<string, Period[]>();
const SERIES_MEMO_SIZE = 12;

function series(unit: 'day' | 'week' | 'month', from: number, to: number, timeZone: string): Period[] {
  const key = `${unit} ${from} ${to} ${timeZone}`;
  let found = seriesMemo.get(key);
  if (found === undefined) {
    found = periods(unit, from, to, timeZone);
    if (seriesMemo.size >= SERIES_MEMO_SIZE) seriesMemo.delete(seriesMemo.keys().next().value as string);
    seriesMemo.set(key, found);
  }
  return found;
}

/** Ends of the days: each day's end is the next day's start; the last one's is found in the zone. */
function dayEnds(days: readonly Period[], timeZone: string): Float64Array {
  const ends = new Float64Array(days.length);
  for (let i = 1; i < days.length; i++) ends[i - 1] = (days[i] as Period).start;
  const last = days[days.length - 1];
  if (last !== undefined) {
    // Any day is shorter than 50 hours, so the second period of this span is the next day.
    const next = series('day', last.start, last.start + 50 * HOUR, timeZone)[1] as Period;
    ends[days.length - 1] = next.start;
  }
  return ends;
}

/**
 * What a report needs from a facts array beyond one ticket at a time: each requester as a number (distinct
 * counts without string sets) and where each thread is (CSAT answers find their ticket). Built on the first
 * report over an array and kept while the array lives: the facts are read-only input.
 */
interface FactsIndex {
  length: number;
  requesterIds: Int32Array;
  requesters: number;
  byThread: Map<string, number>;
  /** Per CSAT array: each answer's ticket index, −1 for an unknown thread. */
  answers: WeakMap<readonly CsatFact[], Int32Array>;
}

const factsIndexes = new WeakMap<readonly TicketFacts[], FactsIndex>();

function factsIndex(facts: readonly TicketFacts[]): FactsIndex {
  const cached = factsIndexes.get(facts);
  if (cached !== undefined && cached.length === facts.length) return cached;
  const ids = new Map<string, number>();
  const requesterIds = new Int32Array(facts.length);
  const byThread = new Map<string, number>();
  for (let i = 0; i < facts.length; i++) {
    const t = facts[i] as TicketFacts;
    byThread.set(t.threadId, i);
    const requester = t.requester;
    if (requester === undefined) {
      requesterIds[i] = -1;
      continue;
    }
    let id = ids.get(requester);
    if (id === undefined) {
      id = ids.size;
      ids.set(requester, id);
    }
    requesterIds[i] = id;
  }
  const index = {
    length: facts.length,
    requesterIds,
    requesters: ids.size,
    byThread,
    answers: new WeakMap(),
  };
  factsIndexes.set(facts, index);
  return index;
}

/** Each answer's ticket index in the facts (−1: unknown thread), kept while both arrays live. */
function answerTickets(index: FactsIndex, csat: readonly CsatFact[]): Int32Array {
  const cached = index.answers.get(csat);
  if (cached !== undefined && cached.length === csat.length) return cached;
  const tickets = Int32Array.from(csat, (a) => index.byThread.get(a.threadId) ?? -1);
  index.answers.set(csat, tickets);
  return tickets;
}

/** Period starts as numbers, for bucketing by binary search without reading objects. */
function startsOf(list: readonly Period[]): Float64Array {
  return Float64Array.from(list, (p) => p.start);
}

/** Distinct (requester, month) pairs counted per month: one bit per pair. */
class MonthlyRequesters {
  readonly counts: Int32Array;
  private readonly words: number;
  private readonly seen: Uint32Array;

  constructor(months: number, requesters: number) {
    this.counts = new Int32Array(months);
    this.words = Math.ceil(months / 32);
    this.seen = new Uint32Array(this.words * requesters);
  }

  add(requester: number, month: number): void {
    const word = requester * this.words + (month >> 5);
    const bit = 1 << (month & 31);
    const current = this.seen[word] as number;
    if ((current & bit) === 0) {
      this.seen[word] = current | bit;
      bump(this.counts, month);
    }
  }
}

export function computeReport(
  facts: readonly TicketFacts[],
  csat: readonly CsatFact[],
  scope: ReportScope,
  options: ReportOptions,
): Report {
  const { from, to, timeZone } = scope;
  const { now } = options;
  const targetsHours = options.targetsHours ?? DEFAULT_TARGET_HOURS;
  const filter = scopeFilter(scope);
  const index = factsIndex(facts);
  const n = facts.length;

  // The filtered tickets, whatever their creation date (resolution, reopen and backlog reach back).
  let matches: Uint8Array | null = null;
  if (filter !== null) {
    matches = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (filter(facts[i] as TicketFacts)) matches[i] = 1;
  }

  // Business clocks: one per calendar, from the earliest creation a resolution starts at to now.
  let clockFrom = from;
  for (let i = 0; i < n; i++) {
    const t = facts[i] as TicketFacts;
    if (t.createdAt >= clockFrom || (matches !== null && matches[i] === 0)) continue;
    const last = t.solves[t.solves.length - 1];
    if (last !== undefined && last >= from && last < to && isDone(t.status)) clockFrom = t.createdAt;
  }
  clockFrom = Math.max(clockFrom, from - CLOCK_LOOKBACK);
  const clockTo = Math.max(to, now);
  const clocksByCalendar = new Map<BusinessCalendar, BusinessClock>();
  const clocksByGroup = new Map<string | undefined, BusinessClock>();
  const clockOf = (group: string | undefined): BusinessClock => {
    let clock = clocksByGroup.get(group);
    if (clock === undefined) {
      const calendar = options.calendarFor(group);
      clock = clocksByCalendar.get(calendar);
      if (clock === undefined) {
        clock = businessClock(calendar, clockFrom, clockTo);
        clocksByCalendar.set(calendar, clock);
      }
      clocksByGroup.set(group, clock);
    }
    return clock;
  };

  const days = series('day', from, to, timeZone);
  const weeks = series('week', from, to, timeZone);
  const months = series('month', from, to, timeZone);
  const dayStarts = startsOf(days);
  const weekStarts = startsOf(weeks);
  const monthStarts = startsOf(months);
  const dayCounts = new Int32Array(days.length);
  const weekCounts = new Int32Array(weeks.length);
  const monthCounts = new Int32Array(months.length);
  let tickets = 0;
  let partial = 0;
  let unanswered = 0;
  let closedWithoutReply = 0;
  const frClock = new DurationCollector(n);
  const frBusiness = new DurationCollector(n);
  const resClock = new DurationCollector(n);
  const resBusiness = new DurationCollector(n);
  const effortValues = new Float64Array(n);
  const effortHistogram = new Int32Array(EFFORT_BUCKETS);
  let solved = 0;
  let reopened = 0;
  // Backlog: +1 when created or reopened, −1 when solved, each at the first day whose end is after it.
  const ends = dayEnds(days, timeZone);
  const lastEnd = days.length > 0 ? (ends[days.length - 1] as number) : from;
  const backlogDelta = new Int32Array(days.length + 1);
  const requesters = new MonthlyRequesters(months.length, index.requesters);

  // One pass over the facts for every ticket metric: each ticket's fields are read while they are at hand.
  for (let i = 0; i < n; i++) {
    if (matches !== null && matches[i] === 0) continue;
    const t = facts[i] as TicketFacts;
    const created = t.createdAt;
    const { solves, customerMessages } = t;

    // Volume and first response: created in the range.
    if (created >= from && created < to) {
      tickets++;
      if (!t.complete) partial++;
      bump(dayCounts, upperBound(dayStarts, created) - 1);
      bump(weekCounts, upperBound(weekStarts, created) - 1);
      bump(monthCounts, upperBound(monthStarts, created) - 1);
      let reply: number | undefined;
      for (const r of t.teamReplies) {
        if (r >= created) {
          reply = r;
          break;
        }
      }
      if (reply !== undefined) {
        frClock.add(reply - created, t);
        frBusiness.add(clockOf(t.group).between(created, reply), t);
      } else if (isDone(t.status)) {
        closedWithoutReply++;
      } else {
        unanswered++;
        const waited = Math.max(now, created);
        frClock.addOpen(waited - created, t);
        frBusiness.addOpen(clockOf(t.group).between(created, waited), t);
      }
    }

    // Resolution, reopen and effort: solved in the range. Solves ascend, so most tickets are ruled out
    // by the first and the last.
    const lastSolve = solves[solves.length - 1];
    if (lastSolve !== undefined && lastSolve >= from && (solves[0] as number) < to) {
      let inRange = false;
      for (const s of solves) {
        if (s >= from && s < to) {
          inRange = true;
          break;
        }
      }
      if (inRange) {
        const messages = customerMessages.length + t.teamReplies.length;
        effortValues[solved] = messages;
        bump(effortHistogram, Math.min(Math.max(messages, 1), EFFORT_BUCKETS) - 1);
        solved++;
        const lastMessage = customerMessages[customerMessages.length - 1];
        if (lastMessage !== undefined && lastMessage > (solves[0] as number)) reopened++;
        if (lastSolve < to && isDone(t.status)) {
          resClock.add(Math.max(0, lastSolve - created), t);
          resBusiness.add(clockOf(t.group).between(created, lastSolve), t);
        }
      }
    }

    // Backlog.
    if (days.length > 0 && created < lastEnd) {
      bump(backlogDelta, upperBound(ends, created));
      if (solves.length > 0) {
        let open = true;
        let m = 0;
        for (const s of solves) {
          if (s >= lastEnd) break;
          // Messages up to the solve's instant come first; one while solved reopens the ticket.
          while (m < customerMessages.length && (customerMessages[m] as number) <= s) {
            const at = customerMessages[m] as number;
            if (!open && at > created) {
              open = true;
              bump(backlogDelta, upperBound(ends, at));
            }
            m++;
          }
          if (open) {
            open = false;
            bump(backlogDelta, upperBound(ends, s), -1);
          }
        }
        if (!open) {
          for (; m < customerMessages.length; m++) {
            const at = customerMessages[m] as number;
            if (at >= lastEnd) break;
            if (at > created) {
              bump(backlogDelta, upperBound(ends, at));
              break;
            }
          }
        }
      }
    }

    // Requesters writing in each month of the range.
    const requester = index.requesterIds[i] as number;
    const lastMessage = customerMessages[customerMessages.length - 1];
    if (requester >= 0 && lastMessage !== undefined && lastMessage >= from && created < to) {
      for (const at of customerMessages) {
        if (at < from) continue;
        if (at >= to) break;
        requesters.add(requester, upperBound(monthStarts, at) - 1);
      }
    }
  }

  const backlog: (Period & { open: number })[] = [];
  let running = 0;
  for (let d = 0; d < days.length; d++) {
    running += backlogDelta[d] as number;
    backlog.push({ ...(days[d] as Period), open: running });
  }

  // CSAT: answers in the range, with their tickets found through the index.
  const total = emptyCsat();
  const csatWeeks = weeks.map((w) => ({ ...w, ...emptyCsat() }));
  const byAgent = new Map<string, CsatCounts>();
  const byGroup = new Map<string, CsatCounts>();
  const byTag = new Map<string, CsatCounts>();
  const comments: CsatComment[] = [];
  let effortAnswers = 0;
  let effortSum = 0;
  const ticketOfAnswer = answerTickets(index, csat);
  for (let k = 0; k < csat.length; k++) {
    const a = csat[k] as CsatFact;
    if (a.answeredAt < from || a.answeredAt >= to) continue;
    const at = ticketOfAnswer[k] as number;
    const t = at < 0 ? undefined : facts[at];
    if (matches !== null && (at < 0 || matches[at] === 0)) continue;
    countAnswer(total, a.rating);
    const week = csatWeeks[upperBound(weekStarts, a.answeredAt) - 1];
    if (week) countAnswer(week, a.rating);
    if (a.effort !== undefined) {
      effortAnswers++;
      effortSum += a.effort;
    }
    if (t?.assignee !== undefined) countIn(byAgent, t.assignee, a.rating);
    if (t?.group !== undefined) countIn(byGroup, t.group, a.rating);
    if (t !== undefined && t.tags.length > 0) {
      const keys = new Set<string>();
      for (const path of t.tags) {
        keys.add(path);
        const slash = path.indexOf('/');
        if (slash > 0) keys.add(path.slice(0, slash));
      }
      for (const key of keys) countIn(byTag, key, a.rating);
    }
    if (a.comment !== undefined && a.comment.trim() !== '') {
      const comment: CsatComment = {
        threadId: a.threadId,
        reference: t?.reference ?? '',
        rating: a.rating,
        comment: a.comment,
        answeredAt: a.answeredAt,
      };
      if (t?.assignee !== undefined) comment.assignee = t.assignee;
      if (t?.group !== undefined) comment.group = t.group;
      comments.push(comment);
    }
  }
  comments.sort(
    (x, y) =>
      RATING_ORDER[x.rating] - RATING_ORDER[y.rating] ||
      y.answeredAt - x.answeredAt ||
      (x.threadId < y.threadId ? -1 : x.threadId > y.threadId ? 1 : 0),
  );

  const typed = new Map((options.monthly ?? []).map((m) => [m.month, m]));
  const volumeRatio = months.map((month, m) => {
    const count = monthCounts[m] as number;
    const orders = typed.get(month.key)?.orders ?? null;
    const customers = typed.get(month.key)?.customers ?? null;
    return {
      month: month.key,
      tickets: count,
      requesters: requesters.counts[m] as number,
      orders,
      customers,
      ticketsPerOrder: orders ? count / orders : null,
      ticketsPerCustomer: customers ? count / customers : null,
    };
  });

  return {
    scope,
    tickets,
    partial,
    volume: {
      days: days.map((d, k) => ({ ...d, tickets: dayCounts[k] as number })),
      weeks: weeks.map((w, k) => ({ ...w, tickets: weekCounts[k] as number })),
    },
    firstResponse: {
      clock: frClock.finish(targetsHours),
      business: frBusiness.finish(targetsHours),
      unanswered,
      closedWithoutReply,
    },
    resolution: { clock: resClock.finish(targetsHours), business: resBusiness.finish(targetsHours) },
    reopen: { solved, reopened, rate: solved === 0 ? null : reopened / solved },
    backlog,
    effort: {
      messages: distribution(effortValues, solved),
      histogram: Array.from(effortHistogram, (count, k) => ({ messages: k + 1, tickets: count })),
    },
    csat: {
      total: finishCsat(total),
      effort: { answers: effortAnswers, mean: effortAnswers === 0 ? null : effortSum / effortAnswers },
      weeks: csatWeeks.map(finishCsat),
      byAgent: breakdown(byAgent),
      byGroup: breakdown(byGroup),
      byTag: breakdown(byTag),
      comments,
    },
    volumeRatio,
  };
}
