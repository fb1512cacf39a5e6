/**
 * The reports' facts of every ticket as one compact, columnar value (issue 7's "reports page interactive
 * in 1 s" over 100,000 tickets). Reading 100,000 full ticket rows from IndexedDB takes seconds, most of it
 * the browser rebuilding 100,000 objects with their label lists and nested tags; this value is a few typed
 * arrays and long strings, which IndexedDB clones nearly as fast as it copies bytes. It is a cache: it
 * records the store's change number it was taken at (`seq`), and report-inputs.ts patches it with the rows
 * written since, or reads every row again when it cannot be trusted.
 *
 * Strings are stored joined, with the end offset of each; names used by many tickets (assignees, groups,
 * tag paths) as small tables and an index per ticket; timelines as one array of times per kind with each
 * ticket's end offset. `decodeFacts` checks every length, offset and index before use: a damaged or foreign
 * value decodes to undefined, never to wrong facts.
 */
import type { CsatFact, TicketFacts } from '../core/metrics/facts';
import { CSAT_RATINGS, type CsatRating } from '../core/records';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../core/ticket';

export const SNAPSHOT_FORMAT = 1;

/** Strings joined end to end; `ends[i]` is where string i ends in `text`. */
interface StringColumn {
  text: string;
  ends: Uint32Array;
}

/** Lists of times joined end to end, as StringColumn. */
interface TimesColumn {
  values: Float64Array;
  ends: Uint32Array;
}

export interface FactsSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The store's ticket change number when the rows were read: rows written later have a greater one. */
  seq: number;
  /** Stored rows that were not facts (malformed), by thread id: still left out until written again. */
  skippedIds: string[];
  threadIds: StringColumn;
  references: StringColumn;
  subjects: StringColumn;
  /** '' for a ticket without a known requester (`flags` says which). */
  requesters: StringColumn;
  createdAt: Float64Array;
  /** Index into TICKET_STATUSES. */
  status: Uint8Array;
  /** 0 for none, else 1 + index into TICKET_PRIORITIES. */
  priority: Uint8Array;
  names: string[];
  /** Index into `names`, −1 for none. */
  assignee: Int32Array;
  group: Int32Array;
  tagPaths: string[];
  /** Index into `tagPaths`, each ticket's between the previous ticket's end and its own. */
  tags: Uint32Array;
  tagEnds: Uint32Array;
  customer: TimesColumn;
  team: TimesColumn;
  solves: TimesColumn;
  /** Bit 0: the timeline is complete; bit 1: the requester is known. */
  flags: Uint8Array;
}

const COMPLETE = 1;
const HAS_REQUESTER = 2;

class Dictionary {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

function stringColumn(values: readonly string[]): StringColumn {
  const ends = new Uint32Array(values.length);
  let end = 0;
  for (let i = 0; i < values.length; i++) {
    end += (values[i] as string).length;
    ends[i] = end;
  }
  return { text: values.join(''), ends };
}

function timesColumn(lists: readonly (readonly number[])[]): TimesColumn {
  const ends = new Uint32Array(lists.length);
  let total = 0;
  for (let i = 0; i < lists.length; i++) {
    total += (lists[i] as readonly number[]).length;
    ends[i] = total;
  }
  const values = new Float64Array(total);
  let at = 0;
  for (const list of lists) for (const time of list) values[at++] = time;
  return { values, ends };
}

const STATUS_INDEX = new Map<string, number>(TICKET_STATUSES.map((status, i) => [status, i]));
const PRIORITY_INDEX = new Map<string, number>(TICKET_PRIORITIES.map((priority, i) => [priority, i + 1]));

export function encodeFacts(
  facts: readonly TicketFacts[],
  seq: number,
  skippedIds: readonly string[],
): FactsSnapshot {
  const n = facts.length;
  const names = new Dictionary();
  const paths = new Dictionary();
  const createdAt = new Float64Array(n);
  const status = new Uint8Array(n);
  const priority = new Uint8Array(n);
  const assignee = new Int32Array(n);
  const group = new Int32Array(n);
  const flags = new Uint8Array(n);
  const tagEnds = new Uint32Array(n);
  const tags: number[] = [];
  for (let i = 0; i < n; i++) {
    const fact = facts[i] as TicketFacts;
    createdAt[i] = fact.createdAt;
    status[i] = STATUS_INDEX.get(fact.status) ?? 0;
    priority[i] = fact.priority === undefined ? 0 : (PRIORITY_INDEX.get(fact.priority) ?? 0);
    assignee[i] = fact.assignee === undefined ? -1 : names.of(fact.assignee);
    group[i] = fact.group === undefined ? -1 : names.of(fact.group);
    flags[i] = (fact.complete ? COMPLETE : 0) | (fact.requester === undefined ? 0 : HAS_REQUESTER);
    for (const tag of fact.tags) tags.push(paths.of(tag));
    tagEnds[i] = tags.length;
  }
  return {
    format: SNAPSHOT_FORMAT,
    seq,
    skippedIds: [...skippedIds],
    threadIds: stringColumn(facts.map((fact) => fact.threadId)),
    references: stringColumn(facts.map((fact) => fact.reference)),
    subjects: stringColumn(facts.map((fact) => fact.subject)),
    requesters: stringColumn(facts.map((fact) => fact.requester ?? '')),
    createdAt,
    status,
    priority,
    names: names.list,
    assignee,
    group,
    tagPaths: paths.list,
    tags: Uint32Array.from(tags),
    tagEnds,
    customer: timesColumn(facts.map((fact) => fact.customerMessages)),
    team: timesColumn(facts.map((fact) => fact.teamReplies)),
    solves: timesColumn(facts.map((fact) => fact.solves)),
    flags,
  };
}

type Loose = Record<string, unknown>;

/** Ends that never go back and stop exactly at the column's length. */
function validEnds(ends: unknown, n: number, length: number): ends is Uint32Array {
  if (!(ends instanceof Uint32Array) || ends.length !== n) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i] as number;
    if (end < previous) return false;
    previous = end;
  }
  return previous === length;
}

function validStrings(value: unknown, n: number): value is StringColumn {
  if (typeof value !== 'object' || value === null) return false;
  const { text, ends } = value as Loose;
  return typeof text === 'string' && validEnds(ends, n, text.length);
}

function validTimes(value: unknown, n: number): value is TimesColumn {
  if (typeof value !== 'object' || value === null) return false;
  const { values, ends } = value as Loose;
  if (!(values instanceof Float64Array) || !validEnds(ends, n, values.length)) return false;
  for (let i = 0; i < values.length; i++) {
    const time = values[i] as number;
    if (!(time >= 0 && time <= Number.MAX_SAFE_INTEGER)) return false;
  }
  return true;
}

function validNames(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

/** Every index in [low, high). */
function within(values: ArrayLike<number>, low: number, high: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < low || v >= high) return false;
  }
  return true;
}

/** The snapshot's shape, every column's length and every offset and index checked; undefined when any fails. */
export function validSnapshot(value: unknown): value is FactsSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Loose;
  if (s.format !== SNAPSHOT_FORMAT || typeof s.seq !== 'number' || !Number.isSafeInteger(s.seq)) return false;
  if (!validNames(s.skippedIds)) return false;
  const { createdAt, status, priority, assignee, group, flags, tags, names, tagPaths } = s;
  if (!(createdAt instanceof Float64Array)) return false;
  const n = createdAt.length;
  if (!within(createdAt, 0, Number.MAX_SAFE_INTEGER)) return false;
  if (!(status instanceof Uint8Array) || status.length !== n || !within(status, 0, TICKET_STATUSES.length))
    return false;
  if (!(priority instanceof Uint8Array) || priority.length !== n) return false;
  if (!within(priority, 0, TICKET_PRIORITIES.length + 1)) return false;
  if (!(flags instanceof Uint8Array) || flags.length !== n) return false;
  if (!validNames(names) || !validNames(tagPaths)) return false;
  for (const column of [assignee, group]) {
    if (!(column instanceof Int32Array) || column.length !== n || !within(column, -1, names.length))
      return false;
  }
  if (!(tags instanceof Uint32Array) || !within(tags, 0, tagPaths.length)) return false;
  if (!validEnds(s.tagEnds, n, tags.length)) return false;
  for (const column of [s.threadIds, s.references, s.subjects, s.requesters]) {
    if (!validStrings(column, n)) return false;
  }
  return validTimes(s.customer, n) && validTimes(s.team, n) && validTimes(s.solves, n);
}

function stringsOf(column: StringColumn): string[] {
  const out = new Array<string>(column.ends.length);
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    const end = column.ends[i] as number;
    out[i] = column.text.slice(start, end);
    start = end;
  }
  return out;
}

const NONE: readonly never[] = Object.freeze([]);

/** Ticket i's times. Most tickets have one to three: array literals, far faster than growing an array. */
function timesOf(column: TimesColumn, i: number): readonly number[] {
  const start = i === 0 ? 0 : (column.ends[i - 1] as number);
  const v = column.values;
  switch ((column.ends[i] as number) - start) {
    case 0:
      return NONE;
    case 1:
      return [v[start] as number];
    case 2:
      return [v[start] as number, v[start + 1] as number];
    case 3:
      return [v[start] as number, v[start + 1] as number, v[start + 2] as number];
    default:
      return Array.from(v.subarray(start, column.ends[i] as number));
  }
}

/** The facts a snapshot holds, in its order; undefined when the value is not a valid snapshot. */
export function decodeFacts(value: unknown): TicketFacts[] | undefined {
  if (!validSnapshot(value)) return undefined;
  const s = value;
  const threadIds = stringsOf(s.threadIds);
  const references = stringsOf(s.references);
  const subjects = stringsOf(s.subjects);
  const requesters = stringsOf(s.requesters);
  // One list per distinct tag combination: most tickets share one of a few, and facts are read-only.
  const tagLists = new Map<string, readonly string[]>();
  const single = s.tagPaths.map((path) => [path]);
  const facts = new Array<TicketFacts>(threadIds.length);
  let tagStart = 0;
  for (let i = 0; i < facts.length; i++) {
    const tagEnd = s.tagEnds[i] as number;
    let tags: readonly string[] = NONE;
    if (tagEnd === tagStart + 1) {
      tags = single[s.tags[tagStart] as number] as readonly string[];
    } else if (tagEnd > tagStart) {
      const ids = s.tags.subarray(tagStart, tagEnd).join(',');
      let list = tagLists.get(ids);
      if (list === undefined) {
        list = Array.from(s.tags.subarray(tagStart, tagEnd), (k) => s.tagPaths[k] as string);
        tagLists.set(ids, list);
      }
      tags = list;
    }
    tagStart = tagEnd;
    const flags = s.flags[i] as number;
    const fact: TicketFacts = {
      threadId: threadIds[i] as string,
      reference: references[i] as string,
      subject: subjects[i] as string,
      createdAt: s.createdAt[i] as number,
      status: TICKET_STATUSES[s.status[i] as number] as TicketStatus,
      tags,
      customerMessages: timesOf(s.customer, i),
      teamReplies: timesOf(s.team, i),
      solves: timesOf(s.solves, i),
      complete: (flags & COMPLETE) !== 0,
    };
    if (flags & HAS_REQUESTER) fact.requester = requesters[i] as string;
    const priority = s.priority[i] as number;
    if (priority > 0) fact.priority = TICKET_PRIORITIES[priority - 1] as TicketPriority;
    const assignee = s.assignee[i] as number;
    if (assignee >= 0) fact.assignee = s.names[assignee] as string;
    const group = s.group[i] as number;
    if (group >= 0) fact.group = s.names[group] as string;
    facts[i] = fact;
  }
  return facts;
}

/**
 * Every CSAT answer's facts, columnar as the tickets' (a year holds tens of thousands of answers). Answers
 * are records that are only ever added, so the snapshot is current while the store holds as many 'csat'
 * records as it did (`count`, the kind index's count when they were read).
 */
export interface CsatSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  count: number;
  /** Records left out as malformed (counted in `count`). */
  skipped: number;
  threadIds: StringColumn;
  /** Index into CSAT_RATINGS. */
  rating: Uint8Array;
  /** 0 for none, else the 1-5 answer. */
  effort: Uint8Array;
  /** '' for none (`hasComment` says which). */
  comments: StringColumn;
  hasComment: Uint8Array;
  answeredAt: Float64Array;
}

const RATING_INDEX = new Map<string, number>(CSAT_RATINGS.map((rating, i) => [rating, i]));

export function encodeCsat(answers: readonly CsatFact[], count: number, skipped: number): CsatSnapshot {
  const n = answers.length;
  const rating = new Uint8Array(n);
  const effort = new Uint8Array(n);
  const hasComment = new Uint8Array(n);
  const answeredAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const answer = answers[i] as CsatFact;
    rating[i] = RATING_INDEX.get(answer.rating) ?? 0;
    effort[i] = answer.effort ?? 0;
    hasComment[i] = answer.comment === undefined ? 0 : 1;
    answeredAt[i] = answer.answeredAt;
  }
  return {
    format: SNAPSHOT_FORMAT,
    count,
    skipped,
    threadIds: stringColumn(answers.map((answer) => answer.threadId)),
    rating,
    effort,
    comments: stringColumn(answers.map((answer) => answer.comment ?? '')),
    hasComment,
    answeredAt,
  };
}

/** The answers a CSAT snapshot holds; undefined when the value is not a valid one (every part checked). */
export function decodeCsat(
  value: unknown,
): { answers: CsatFact[]; count: number; skipped: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Loose;
  const { count, skipped, rating, effort, hasComment, answeredAt } = s;
  if (s.format !== SNAPSHOT_FORMAT || !Number.isSafeInteger(count) || !Number.isSafeInteger(skipped))
    return undefined;
  if (!(answeredAt instanceof Float64Array) || !within(answeredAt, 0, Number.MAX_SAFE_INTEGER))
    return undefined;
  const n = answeredAt.length;
  if (!(rating instanceof Uint8Array) || rating.length !== n || !within(rating, 0, CSAT_RATINGS.length))
    return undefined;
  if (!(effort instanceof Uint8Array) || effort.length !== n || !within(effort, 0, 6)) return undefined;
  if (!(hasComment instanceof Uint8Array) || hasComment.length !== n) return undefined;
  if (!validStrings(s.threadIds, n) || !validStrings(s.comments, n)) return undefined;
  const threadIds = stringsOf(s.threadIds);
  const comments = stringsOf(s.comments);
  const answers = new Array<CsatFact>(n);
  for (let i = 0; i < n; i++) {
    const answer: CsatFact = {
      threadId: threadIds[i] as string,
      rating: CSAT_RATINGS[rating[i] as number] as CsatRating,
      answeredAt: answeredAt[i] as number,
    };
    const score = effort[i] as number;
    if (score > 0) answer.effort = score;
    if (hasComment[i]) answer.comment = comments[i] as string;
    answers[i] = answer;
  }
  return { answers, count: count as number, skipped: skipped as number };
}
