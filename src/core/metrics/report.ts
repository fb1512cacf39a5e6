/**
 * The reports' numbers (issue 7), computed from ticket and CSAT facts in one call. Pure and fast: the facts
 * are read once into columns (typed arrays, cached per facts array, so a filter change scans numbers, not
 * 100,000 objects), then one pass over the columns for every ticket metric, durations in typed arrays with
 * percentiles by selection, one BusinessClock per calendar, and periods found by binary search.
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

/** CsatCounts of entry k of `counts[k * 3 + rating]` (RATINGS order). */
function csatCounts(counts: Int32Array, k: number): CsatCounts {
  const good = counts[k * 3] as number;
  const okay = counts[k * 3 + 1] as number;
  const bad = counts[k * 3 + 2] as number;
  const answers = good + okay + bad;
  return { good, okay, bad, answers, shareGood: answers === 0 ? null : good / answers };
}

/** Counts per key from `counts[key * 3 + rating]` (RATINGS order), keys with answers only, most first. */
function breakdown(names: readonly string[], counts: Int32Array): ({ key: string } & CsatCounts)[] {
  const out: ({ key: string } & CsatCounts)[] = [];
  for (let k = 0; k < names.length; k++) {
    const entry = csatCounts(counts, k);
    if (entry.answers > 0) out.push({ key: names[k] as string, ...entry });
  }
  return out.sort((a, b) => b.answers - a.answers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Ratings as numbers: the index in counts and in CsatCounts' order. */
const RATINGS: readonly CsatFact['rating'][] = ['good', 'okay', 'bad'];

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
 * A facts array as columns: what every report reads of each ticket, computed once per array and kept while
 * the array lives (the facts are read-only input; the page recomputes on every filter change). A report then
 * scans typed arrays instead of chasing 100,000 objects and their arrays. Times absent are NaN.
 */
interface FactsColumns {
  length: number;
  created: Float64Array;
  /** The first team reply at or after creation. */
  firstReply: Float64Array;
  firstSolve: Float64Array;
  lastSolve: Float64Array;
  /** Solves of ticket i: solves[solveFrom[i] … solveFrom[i + 1]). */
  solveFrom: Int32Array;
  solves: Float64Array;
  /** Customer messages of ticket i: customerAt[messageFrom[i] … messageFrom[i + 1]). */
  messageFrom: Int32Array;
  customerAt: Float64Array;
  /** Backlog changes of ticket i, in time order: +1 created or reopened, −1 solved. */
  eventFrom: Int32Array;
  eventAt: Float64Array;
  eventDelta: Int8Array;
  /** Customer messages + team replies. */
  messages: Int32Array;
  /** 1: Solved or Closed now. */
  done: Uint8Array;
  /** 1: the customer wrote after the first solve. */
  reopened: Uint8Array;
  complete: Uint8Array;
  /** Interned current group and assignee (−1: none). */
  group: Int32Array;
  groups: Map<string, number>;
  groupNames: string[];
  assignee: Int32Array;
  assignees: Map<string, number>;
  assigneeNames: string[];
  /** Per ticket: the requester's number, −1 without one, −2 not interned yet (interned on first need). */
  requester: Int32Array;
  requesters: Map<string, number>;
  /** Tag filter → which tickets match it; a few kept. */
  tagMatches: Map<string, Uint8Array>;
  /** Per CSAT array: the answers as columns. */
  answers: WeakMap<readonly CsatFact[], AnswerColumns>;
}

/** A CSAT array as columns, joined to its tickets. */
interface AnswerColumns {
  length: number;
  answeredAt: Float64Array;
  /** Index in RATINGS. */
  rating: Uint8Array;
  /** The answer's ticket index in the facts, −1 for an unknown thread. */
  ticket: Int32Array;
  /** Tag keys of answer k's ticket (each path and the "what" above it, once): tagKeys[tagFrom[k] … tagFrom[k + 1]). */
  tagFrom: Int32Array;
  tagKeys: Int32Array;
  tagNames: string[];
}

const TAG_MATCHES_KEPT = 32;
const columnsOfFacts = new WeakMap<readonly TicketFacts[], FactsColumns>();

function intern(map: Map<string, number>, names: string[] | null, value: string | undefined): number {
  if (value === undefined) return -1;
  let id = map.get(value);
  if (id === undefined) {
    id = map.size;
    map.set(value, id);
    names?.push(value);
  }
  return id;
}

function columnsOf(facts: readonly TicketFacts[]): FactsColumns {
  const cached = columnsOfFacts.get(facts);
  if (cached !== undefined && cached.length === facts.length) return cached;
  const n = facts.length;
  const created = new Float64Array(n);
  const firstReply = new Float64Array(n);
  const firstSolve = new Float64Array(n);
  const lastSolve = new Float64Array(n);
  const solveFrom = new Int32Array(n + 1);
  const messageFrom = new Int32Array(n + 1);
  const eventFrom = new Int32Array(n + 1);
  const messages = new Int32Array(n);
  const done = new Uint8Array(n);
  const reopened = new Uint8Array(n);
  const complete = new Uint8Array(n);
  const group = new Int32Array(n);
  const assignee = new Int32Array(n);
  const groups = new Map<string, number>();
  const groupNames: string[] = [];
  const assignees = new Map<string, number>();
  const assigneeNames: string[] = [];
  const solves: number[] = [];
  const customerAt: number[] = [];
  const eventAt: number[] = [];
  const eventDelta: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = facts[i] as TicketFacts;
    const at = t.createdAt;
    const cm = t.customerMessages;
    const ts = t.solves;
    created[i] = at;
    let reply = Number.NaN;
    for (const r of t.teamReplies) {
      if (r >= at) {
        reply = r;
        break;
      }
    }
    firstReply[i] = reply;
    const first = ts.length > 0 ? (ts[0] as number) : Number.NaN;
    firstSolve[i] = first;
    lastSolve[i] = ts.length > 0 ? (ts[ts.length - 1] as number) : Number.NaN;
    for (const s of ts) solves.push(s);
    solveFrom[i + 1] = solves.length;
    for (const m of cm) customerAt.push(m);
    messageFrom[i + 1] = customerAt.length;
    messages[i] = cm.length + t.teamReplies.length;
    done[i] = isDone(t.status) ? 1 : 0;
    const lastMessage = cm[cm.length - 1];
    reopened[i] = lastMessage !== undefined && lastMessage > first ? 1 : 0;
    complete[i] = t.complete ? 1 : 0;
    group[i] = intern(groups, groupNames, t.group);
    assignee[i] = intern(assignees, assigneeNames, t.assignee);

    // Backlog changes: messages up to a solve's instant come first; one while solved reopens the ticket.
    eventAt.push(at);
    eventDelta.push(1);
    let open = true;
    let m = 0;
    for (const s of ts) {
      for (; m < cm.length && (cm[m] as number) <= s; m++) {
        const message = cm[m] as number;
        if (!open && message > at) {
          open = true;
          eventAt.push(message);
          eventDelta.push(1);
        }
      }
      if (open) {
        open = false;
        eventAt.push(s);
        eventDelta.push(-1);
      }
    }
    for (; !open && m < cm.length; m++) {
      const message = cm[m] as number;
      if (message > at) {
        open = true;
        eventAt.push(message);
        eventDelta.push(1);
      }
    }
    eventFrom[i + 1] = eventAt.length;
  }
  const columns: FactsColumns = {
    length: n,
    created,
    firstReply,
    firstSolve,
    lastSolve,
    solveFrom,
    solves: Float64Array.from(solves),
    messageFrom,
    customerAt: Float64Array.from(customerAt),
    eventFrom,
    eventAt: Float64Array.from(eventAt),
    eventDelta: Int8Array.from(eventDelta),
    messages,
    done,
    reopened,
    complete,
    group,
    groups,
    groupNames,
    assignee,
    assignees,
    assigneeNames,
    requester: new Int32Array(n).fill(-2),
    requesters: new Map(),
    tagMatches: new Map(),
    answers: new WeakMap(),
  };
  columnsOfFacts.set(facts, columns);
  return columns;
}

function requesterOf(columns: FactsColumns, facts: readonly TicketFacts[], i: number): number {
  const known = columns.requester[i] as number;
  if (known !== -2) return known;
  const id = intern(columns.requesters, null, (facts[i] as TicketFacts).requester);
  columns.requester[i] = id;
  return id;
}

/** Which tickets carry `tag` or a path below it. */
function tagMatches(columns: FactsColumns, facts: readonly TicketFacts[], tag: string): Uint8Array {
  let found = columns.tagMatches.get(tag);
  if (found === undefined) {
    const below = `${tag}/`;
    found = new Uint8Array(facts.length);
    for (let i = 0; i < facts.length; i++) {
      for (const path of (facts[i] as TicketFacts).tags) {
        if (path === tag || path.startsWith(below)) {
          found[i] = 1;
          break;
        }
      }
    }
    if (columns.tagMatches.size >= TAG_MATCHES_KEPT) columns.tagMatches.clear();
    columns.tagMatches.set(tag, found);
  }
  return found;
}

/** The tickets the scope's filters keep, or null without filters. */
function filterMask(
  columns: FactsColumns,
  facts: readonly TicketFacts[],
  scope: ReportScope,
): Uint8Array | null {
  const { group, agent, tag } = scope;
  if (group === undefined && agent === undefined && tag === undefined) return null;
  const n = columns.length;
  const mask = tag === undefined ? new Uint8Array(n).fill(1) : tagMatches(columns, facts, tag).slice();
  // A group or agent no ticket has keeps nothing (−2 matches no interned id or −1).
  const groupId = group === undefined ? null : (columns.groups.get(group) ?? -2);
  const agentId = agent === undefined ? null : (columns.assignees.get(agent) ?? -2);
  for (let i = 0; i < n; i++) {
    if (
      (groupId !== null && columns.group[i] !== groupId) ||
      (agentId !== null && columns.assignee[i] !== agentId)
    ) {
      mask[i] = 0;
    }
  }
  return mask;
}

/**
 * The answers as columns, each joined to its ticket: looked up among the answers' threads (answers are far
 * fewer than tickets), with the ticket's tag keys interned.
 */
function answerColumns(
  columns: FactsColumns,
  facts: readonly TicketFacts[],
  csat: readonly CsatFact[],
): AnswerColumns {
  const cached = columns.answers.get(csat);
  if (cached !== undefined && cached.length === csat.length) return cached;
  const count = csat.length;
  const ticket = new Int32Array(count).fill(-1);
  const byThread = new Map<string, number[]>();
  for (let k = 0; k < count; k++) {
    const threadId = (csat[k] as CsatFact).threadId;
    const list = byThread.get(threadId);
    if (list === undefined) byThread.set(threadId, [k]);
    else list.push(k);
  }
  if (byThread.size > 0) {
    for (let i = 0; i < facts.length; i++) {
      const list = byThread.get((facts[i] as TicketFacts).threadId);
      if (list !== undefined) for (const k of list) ticket[k] = i;
    }
  }
  const tagFrom = new Int32Array(count + 1);
  const tagKeys: number[] = [];
  const tagIds = new Map<string, number>();
  const tagNames: string[] = [];
  const keys = new Set<string>();
  for (let k = 0; k < count; k++) {
    const i = ticket[k] as number;
    if (i >= 0) {
      keys.clear();
      for (const path of (facts[i] as TicketFacts).tags) {
        keys.add(path);
        const slash = path.indexOf('/');
        if (slash > 0) keys.add(path.slice(0, slash));
      }
      for (const key of keys) tagKeys.push(intern(tagIds, tagNames, key));
    }
    tagFrom[k + 1] = tagKeys.length;
  }
  const result: AnswerColumns = {
    length: count,
    answeredAt: Float64Array.from(csat, (a) => a.answeredAt),
    rating: Uint8Array.from(csat, (a) => RATINGS.indexOf(a.rating)),
    ticket,
    tagFrom,
    tagKeys: Int32Array.from(tagKeys),
    tagNames,
  };
  columns.answers.set(csat, result);
  return result;
}

/** Period starts as numbers, for bucketing by binary search without reading objects. */
function startsOf(list: readonly Period[]): Float64Array {
  return Float64Array.from(list, (p) => p.start);
}

/** For each day, the index of the week or month holding it (every week and month starts at a day's start). */
function periodOfDay(dayStarts: Float64Array, starts: Float64Array): Int32Array {
  return Int32Array.from(dayStarts, (start) => upperBound(starts, start) - 1);
}

/** Above this many 32-bit words the month × requester bits give way to a set of pairs (decades of months). */
const MAX_REQUESTER_WORDS = 4_000_000;

/** Distinct (requester, month) pairs counted per month: one bit per pair. */
class MonthlyRequesters {
  readonly counts: Int32Array;
  private readonly words: number;
  private readonly seen: Uint32Array | null;
  private readonly pairs = new Set<number>();

  /** `maxRequesters` bounds the requester numbers (the facts' length will do). */
  constructor(
    private readonly months: number,
    maxRequesters: number,
  ) {
    this.counts = new Int32Array(months);
    this.words = Math.ceil(months / 32);
    const size = this.words * maxRequesters;
    this.seen = size <= MAX_REQUESTER_WORDS ? new Uint32Array(size) : null;
  }

  add(requester: number, month: number): void {
    if (this.seen === null) {
      const pair = requester * this.months + month;
      if (!this.pairs.has(pair)) {
        this.pairs.add(pair);
        bump(this.counts, month);
      }
      return;
    }
    const word = requester * this.words + (month >> 5);
    const bit = 1 << (month & 31);
    const current = this.seen[word] as number;
    if ((current & bit) === 0) {
      this.seen[word] = current | bit;
      bump(this.counts, month);
    }
  }
}

/**
 * Every number of one report. `facts` and `csat` are read-only input: columns built from an array are kept
 * (weakly) for the next report over the same array, so hand over a new array when the facts change.
 */
export function computeReport(
  facts: readonly TicketFacts[],
  csat: readonly CsatFact[],
  scope: ReportScope,
  options: ReportOptions,
): Report {
  const { from, to, timeZone } = scope;
  const { now } = options;
  const targetsHours = options.targetsHours ?? DEFAULT_TARGET_HOURS;
  const c = columnsOf(facts);
  const n = c.length;
  const mask = filterMask(c, facts, scope);
  const { created: createdAt, firstReply, firstSolve, lastSolve, done } = c;

  // Business clocks: one per calendar, from the earliest creation a resolution starts at to now.
  let clockFrom = from;
  for (let i = 0; i < n; i++) {
    const created = createdAt[i] as number;
    if (created >= clockFrom || (mask !== null && mask[i] === 0)) continue;
    const last = lastSolve[i] as number;
    if (last >= from && last < to && done[i] === 1) clockFrom = created;
  }
  clockFrom = Math.max(clockFrom, from - CLOCK_LOOKBACK);
  const clockTo = Math.max(to, now);
  const clocksByCalendar = new Map<BusinessCalendar, BusinessClock>();
  // Index: interned group + 1 (0: no group).
  const clocksByGroup: (BusinessClock | undefined)[] = [];
  const clockOf = (groupId: number): BusinessClock => {
    let clock = clocksByGroup[groupId + 1];
    if (clock === undefined) {
      const calendar = options.calendarFor(groupId < 0 ? undefined : c.groupNames[groupId]);
      clock = clocksByCalendar.get(calendar);
      if (clock === undefined) {
        clock = businessClock(calendar, clockFrom, clockTo);
        clocksByCalendar.set(calendar, clock);
      }
      clocksByGroup[groupId + 1] = clock;
    }
    return clock;
  };

  const days = series('day', from, to, timeZone);
  const weeks = series('week', from, to, timeZone);
  const months = series('month', from, to, timeZone);
  const dayStarts = startsOf(days);
  const weekStarts = startsOf(weeks);
  const monthStarts = startsOf(months);
  const weekOfDay = periodOfDay(dayStarts, weekStarts);
  const monthOfDay = periodOfDay(dayStarts, monthStarts);
  const dayCounts = new Int32Array(days.length);
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
  // Backlog: each change counts from the first day whose end is after it.
  const ends = dayEnds(days, timeZone);
  const firstEnd = days.length > 0 ? (ends[0] as number) : from;
  const lastEnd = days.length > 0 ? (ends[days.length - 1] as number) : from;
  const backlogDelta = new Int32Array(days.length + 1);
  const requesters = new MonthlyRequesters(months.length, n);

  // One pass over the columns for every ticket metric.
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const created = createdAt[i] as number;

    // Volume and first response: created in the range.
    if (created >= from && created < to) {
      tickets++;
      if (c.complete[i] === 0) partial++;
      const day = upperBound(dayStarts, created) - 1;
      bump(dayCounts, day);
      bump(monthCounts, monthOfDay[day] as number);
      const reply = firstReply[i] as number;
      const ticket = facts[i] as TicketFacts;
      if (!Number.isNaN(reply)) {
        frClock.add(reply - created, ticket);
        frBusiness.add(clockOf(c.group[i] as number).between(created, reply), ticket);
      } else if (done[i] === 1) {
        closedWithoutReply++;
      } else {
        unanswered++;
        const waited = Math.max(now, created);
        frClock.addOpen(waited - created, ticket);
        frBusiness.addOpen(clockOf(c.group[i] as number).between(created, waited), ticket);
      }
    }

    // Resolution, reopen and effort: solved in the range (NaN fails both tests: never solved).
    const last = lastSolve[i] as number;
    const first = firstSolve[i] as number;
    if (last >= from && first < to) {
      let inRange = first >= from;
      for (let k = c.solveFrom[i] as number, end = c.solveFrom[i + 1] as number; !inRange && k < end; k++) {
        const s = c.solves[k] as number;
        inRange = s >= from && s < to;
      }
      if (inRange) {
        const count = c.messages[i] as number;
        effortValues[solved] = count;
        bump(effortHistogram, Math.min(Math.max(count, 1), EFFORT_BUCKETS) - 1);
        solved++;
        if (c.reopened[i] === 1) reopened++;
        if (last < to && done[i] === 1) {
          const ticket = facts[i] as TicketFacts;
          resClock.add(Math.max(0, last - created), ticket);
          resBusiness.add(clockOf(c.group[i] as number).between(created, last), ticket);
        }
      }
    }

    // Backlog.
    if (created < lastEnd) {
      for (let k = c.eventFrom[i] as number, end = c.eventFrom[i + 1] as number; k < end; k++) {
        const at = c.eventAt[k] as number;
        if (at >= lastEnd) break;
        bump(backlogDelta, at < firstEnd ? 0 : upperBound(ends, at), c.eventDelta[k] as number);
      }
    }

    // Requesters writing in each month of the range.
    const messageEnd = c.messageFrom[i + 1] as number;
    if (created < to && messageEnd > 0 && (c.customerAt[messageEnd - 1] as number) >= from) {
      const requester = requesterOf(c, facts, i);
      for (let k = c.messageFrom[i] as number; requester >= 0 && k < messageEnd; k++) {
        const at = c.customerAt[k] as number;
        if (at < from) continue;
        if (at >= to) break;
        requesters.add(requester, monthOfDay[upperBound(dayStarts, at) - 1] as number);
      }
    }
  }

  const backlog: (Period & { open: number })[] = [];
  let running = 0;
  for (let d = 0; d < days.length; d++) {
    running += backlogDelta[d] as number;
    backlog.push({ ...(days[d] as Period), open: running });
  }
  const weekCounts = new Int32Array(weeks.length);
  for (let d = 0; d < days.length; d++) bump(weekCounts, weekOfDay[d] as number, dayCounts[d] as number);

  // CSAT: answers in the range, with their tickets found through the columns.
  const answers = answerColumns(c, facts, csat);
  const totalCounts = new Int32Array(3);
  const weekRatings = new Int32Array(weeks.length * 3);
  const agentRatings = new Int32Array(c.assigneeNames.length * 3);
  const groupRatings = new Int32Array(c.groupNames.length * 3);
  const tagRatings = new Int32Array(answers.tagNames.length * 3);
  const comments: CsatComment[] = [];
  let effortAnswers = 0;
  let effortSum = 0;
  for (let k = 0; k < answers.length; k++) {
    const answeredAt = answers.answeredAt[k] as number;
    if (answeredAt < from || answeredAt >= to) continue;
    const i = answers.ticket[k] as number;
    if (mask !== null && (i < 0 || mask[i] === 0)) continue;
    const rating = answers.rating[k] as number;
    bump(totalCounts, rating);
    bump(weekRatings, (upperBound(weekStarts, answeredAt) - 1) * 3 + rating);
    if (i >= 0) {
      const agentId = c.assignee[i] as number;
      if (agentId >= 0) bump(agentRatings, agentId * 3 + rating);
      const groupId = c.group[i] as number;
      if (groupId >= 0) bump(groupRatings, groupId * 3 + rating);
      for (let j = answers.tagFrom[k] as number; j < (answers.tagFrom[k + 1] as number); j++) {
        bump(tagRatings, (answers.tagKeys[j] as number) * 3 + rating);
      }
    }
    const a = csat[k] as CsatFact;
    if (a.effort !== undefined) {
      effortAnswers++;
      effortSum += a.effort;
    }
    if (a.comment !== undefined && a.comment.trim() !== '') {
      const t = i < 0 ? undefined : facts[i];
      const comment: CsatComment = {
        threadId: a.threadId,
        reference: t?.reference ?? '',
        rating: a.rating,
        comment: a.comment,
        answeredAt,
      };
      if (t?.assignee !== undefined) comment.assignee = t.assignee;
      if (t?.group !== undefined) comment.group = t.group;
      comments.push(comment);
    }
  }
  comments.sort(
    (x, y) =>
      RATINGS.indexOf(y.rating) - RATINGS.indexOf(x.rating) ||
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
      total: csatCounts(totalCounts, 0),
      effort: { answers: effortAnswers, mean: effortAnswers === 0 ? null : effortSum / effortAnswers },
      weeks: weeks.map((w, k) => ({ ...w, ...csatCounts(weekRatings, k) })),
      byAgent: breakdown(c.assigneeNames, agentRatings),
      byGroup: breakdown(c.groupNames, groupRatings),
      byTag: breakdown(answers.tagNames, tagRatings),
      comments,
    },
    volumeRatio,
  };
}
