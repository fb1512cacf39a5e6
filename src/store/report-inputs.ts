/**
 * What the reports read from this browser's store (issue 7): every ticket as `TicketFacts` and every CSAT
 * answer as `CsatFact`, in one read-only transaction; and this browser's wish to read ticket timelines.
 */
import type { CsatFact, TicketFacts } from '../core/metrics/facts';
import { CSAT_RATINGS, type CsatRating } from '../core/records';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../core/ticket';
import type { LabeldeskDatabase } from './db';
import {
  decodeCsat,
  decodeFacts,
  encodeCsat,
  encodeFacts,
  type FactsSnapshot,
  validSnapshot,
} from './facts-snapshot';
import { changeSeqOf, TICKET_CHANGE_SEQ, TICKET_DELETED_SEQ } from './ticket-store';

/** The cursors-store entry that says "the reports page asked for timelines here" (kept across restarts). */
const TIMELINES_WANTED = 'reports.timelines';

/** Remembers that this browser wants ticket timelines for this mailbox: polls read them from now on. */
export async function requestTimelines(db: LabeldeskDatabase, now: number): Promise<void> {
  // A cursor-shaped entry (history id 0): the store every version has, validated on read like a cursor.
  await db.put('cursors', { name: TIMELINES_WANTED, historyId: '0', updatedAt: now });
}

/** Whether the reports page asked this browser for timelines (and when), or undefined. */
export async function timelinesRequestedAt(db: LabeldeskDatabase): Promise<number | undefined> {
  const entry = await db.get('cursors', TIMELINES_WANTED);
  return typeof entry?.updatedAt === 'number' ? entry.updatedAt : undefined;
}

export interface ReportInputs {
  facts: TicketFacts[];
  csat: CsatFact[];
  /** Stored rows left out because a field the reports read was malformed (sync rebuilds damaged rows). */
  skipped: number;
  /**
   * Set when the stored facts snapshot is missing, could not be trusted or lags by many rows: these facts
   * as of this change number are worth saving (`saveFactsSnapshot`), off the critical path.
   */
  staleSnapshot?: { seq: number; skippedIds: string[] };
  /** Set when the CSAT snapshot is missing or the store holds another number of answers: save it. */
  staleCsat?: { count: number; skipped: number };
  /** How the tickets were read: from the snapshot and the rows written since, or every row. */
  source: 'snapshot' | 'rows';
}

/** The 'meta' entry holding the reports' facts snapshot (facts-snapshot.ts). */
export const FACTS_SNAPSHOT = 'reports.facts';
const FACTS_SNAPSHOT_SEQ = 'reports.facts.seq';
/** The 'meta' entry holding the CSAT answers' snapshot. */
export const CSAT_SNAPSHOT = 'reports.csat';

/** Rows written since the snapshot beyond which reading it again is worth a new snapshot. */
export const SNAPSHOT_REFRESH_ROWS = 1_000;

/**
 * Every ticket and every CSAT answer, in one read-only transaction. Answers come from their snapshot while
 * the store holds as many as it did, else from a `getAll` of the 'csat' records by their kind index. Tickets come from the facts snapshot
 * patched with the rows written since it (the `changeSeq` index), when the snapshot is valid and no ticket
 * was deleted since it was taken; otherwise from a `getAll` of every row. (No row count: IndexedDB counts
 * by walking the rows.)
 * CSAT answers are a `getAll` of the 'csat' records by their kind index. Rows are checked by hand, field by
 * field, for what the reports read (not parsed with zod: 100,000 rows must convert in well under 200 ms); a
 * malformed row is counted and skipped. A row without its timeline yet is a partial fact: its first
 * message and first reply only.
 */
export async function readReportInputs(db: LabeldeskDatabase): Promise<ReportInputs> {
  const tx = db.transaction(['tickets', 'records', 'meta'], 'readonly');
  const tickets = tx.objectStore('tickets');
  const meta = tx.objectStore('meta');
  const done = tx.done;
  try {
    const kinds = tx.objectStore('records').index('kind');
    const [snapshot, seqValue, deletedValue, csatSnapshot, csatCount] = await Promise.all([
      meta.get(FACTS_SNAPSHOT),
      meta.get(TICKET_CHANGE_SEQ),
      meta.get(TICKET_DELETED_SEQ),
      meta.get(CSAT_SNAPSHOT),
      kinds.count('csat'),
    ]);
    const seq = changeSeqOf(seqValue);
    // Answers are only ever added: the snapshot holds them all while the count is the same.
    const kept = decodeCsat(csatSnapshot);
    let csat: { facts: CsatFact[]; skipped: number };
    let staleCsat: ReportInputs['staleCsat'];
    if (kept !== undefined && kept.count === csatCount) csat = { facts: kept.answers, skipped: kept.skipped };
    else {
      csat = csatFactsOf(await kinds.getAll('csat'));
      staleCsat = { count: csatCount, skipped: csat.skipped };
    }
    // A snapshot is patched only when no ticket was deleted since it was taken (deletes are rare).
    const usable =
      validSnapshot(snapshot) && snapshot.seq <= seq && changeSeqOf(deletedValue) <= snapshot.seq;
    const patched = usable
      ? patchSnapshot(
          snapshot,
          await tickets.index('changeSeq').getAll(IDBKeyRange.lowerBound(snapshot.seq, true)),
        )
      : undefined;
    let inputs: ReportInputs;
    if (patched) {
      const { facts, skippedIds, changed } = patched;
      inputs = { facts, csat: csat.facts, skipped: skippedIds.length + csat.skipped, source: 'snapshot' };
      if (changed >= SNAPSHOT_REFRESH_ROWS) inputs.staleSnapshot = { seq, skippedIds };
    } else {
      const { facts, skippedIds } = ticketFactsOf(await tickets.getAll());
      inputs = { facts, csat: csat.facts, skipped: skippedIds.length + csat.skipped, source: 'rows' };
      inputs.staleSnapshot = { seq, skippedIds };
    }
    if (staleCsat) inputs.staleCsat = staleCsat;
    await done;
    return inputs;
  } catch (error) {
    await done.catch(() => {});
    throw error;
  }
}

/**
 * The snapshot's facts with the rows written since it put in, by thread id (a row written again replaces
 * its fact, or its place among the skipped rows); undefined when the snapshot does not decode.
 */
function patchSnapshot(
  snapshot: FactsSnapshot,
  rows: readonly unknown[],
): { facts: TicketFacts[]; skippedIds: string[]; changed: number } | undefined {
  const facts = decodeFacts(snapshot);
  if (facts === undefined) return undefined;
  if (rows.length === 0) return { facts, skippedIds: snapshot.skippedIds, changed: 0 };
  const written = new Set<string>();
  for (const row of rows) {
    const id = (row as Loose | null)?.threadId;
    if (typeof id !== 'string') return undefined;
    written.add(id);
  }
  const kept = facts.filter((fact) => !written.has(fact.threadId));
  const fresh = ticketFactsOf(rows);
  for (const fact of fresh.facts) kept.push(fact);
  const skippedIds = snapshot.skippedIds.filter((id) => !written.has(id)).concat(fresh.skippedIds);
  return { facts: kept, skippedIds, changed: rows.length };
}

/**
 * Saves facts read by `readReportInputs` as the snapshot the next read starts from. A newer snapshot
 * already stored is kept: a page that read earlier never replaces what a later read saw.
 */
export async function saveFactsSnapshot(
  db: LabeldeskDatabase,
  facts: readonly TicketFacts[],
  at: { seq: number; skippedIds: readonly string[] },
): Promise<boolean> {
  const value = encodeFacts(facts, at.seq, at.skippedIds);
  const tx = db.transaction('meta', 'readwrite');
  // The stored snapshot's number sits beside it: checking it does not read megabytes back. One of the same
  // number holds the same tickets (every write and delete moves the number): replacing it does no harm.
  const newer = changeSeqOf(await tx.store.get(FACTS_SNAPSHOT_SEQ)) > at.seq;
  if (!newer)
    await Promise.all([tx.store.put(value, FACTS_SNAPSHOT), tx.store.put(at.seq, FACTS_SNAPSHOT_SEQ)]);
  await tx.done;
  return !newer;
}

/** Saves the CSAT answers read by `readReportInputs` (with its `staleCsat`) for the next read. */
export async function saveCsatSnapshot(
  db: LabeldeskDatabase,
  answers: readonly CsatFact[],
  at: { count: number; skipped: number },
): Promise<void> {
  await db.put('meta', encodeCsat(answers, at.count, at.skipped), CSAT_SNAPSHOT);
}

const STATUSES: ReadonlySet<string> = new Set(TICKET_STATUSES);
const PRIORITIES: ReadonlySet<string> = new Set(TICKET_PRIORITIES);
const RATINGS: ReadonlySet<string> = new Set(CSAT_RATINGS);

type Loose = Record<string, unknown>;

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isTimes(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isTime(item)) return false;
  return true;
}

function optionalText(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/** Stored ticket rows as the reports' facts; exported for the speed test. */
export function ticketFactsOf(rows: readonly unknown[]): {
  facts: TicketFacts[];
  skipped: number;
  /** The thread ids of the skipped rows (a row is stored under its thread id; one without is left out). */
  skippedIds: string[];
} {
  const facts: TicketFacts[] = [];
  const tagPaths = new TagPaths();
  const skippedIds: string[] = [];
  let skipped = 0;
  for (const raw of rows) {
    const fact = ticketFact(raw, tagPaths);
    if (fact) {
      facts.push(fact);
      continue;
    }
    skipped += 1;
    const id = (raw as Loose | null)?.threadId;
    if (typeof id === 'string') skippedIds.push(id);
  }
  return { facts, skipped, skippedIds };
}

function ticketFact(raw: unknown, tagPaths: TagPaths): TicketFacts | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const row = raw as Loose;
  const { threadId, reference, subject, status, createdAt, priority, assignee, group, requester } = row;
  if (typeof threadId !== 'string' || typeof reference !== 'string' || typeof subject !== 'string')
    return undefined;
  if (typeof status !== 'string' || !STATUSES.has(status) || !isTime(createdAt)) return undefined;
  if (priority !== undefined && (typeof priority !== 'string' || !PRIORITIES.has(priority))) return undefined;
  if (!optionalText(assignee) || !optionalText(group)) return undefined;
  const tags = tagPaths.of(row.tags);
  if (!tags) return undefined;
  const fact: TicketFacts = {
    threadId,
    reference,
    subject,
    createdAt,
    status: status as TicketStatus,
    tags,
    customerMessages: NONE,
    teamReplies: NONE,
    solves: NONE,
    complete: false,
  };
  if (requester !== undefined) {
    // The store keeps the address normalised (lower case) for its index: no string work per row.
    const normal = row.requesterEmail;
    const email =
      typeof requester === 'object' && requester !== null ? (requester as Loose).email : undefined;
    if (typeof email !== 'string') return undefined;
    fact.requester = typeof normal === 'string' ? normal : email.trim().toLowerCase();
  }
  if (priority !== undefined) fact.priority = priority as TicketPriority;
  if (assignee !== undefined) fact.assignee = assignee;
  if (group !== undefined) fact.group = group;
  const timeline = row.timeline;
  if (timeline !== undefined) {
    if (typeof timeline !== 'object' || timeline === null) return undefined;
    const { customer, team, solves } = timeline as Loose;
    if (!isTimes(customer) || !isTimes(team) || !isTimes(solves)) return undefined;
    fact.customerMessages = customer;
    fact.teamReplies = team;
    fact.solves = solves;
    fact.complete = true;
  } else {
    fact.customerMessages = [createdAt];
    const firstResponseAt = row.firstResponseAt;
    if (firstResponseAt !== undefined && !isTime(firstResponseAt)) return undefined;
    if (firstResponseAt !== undefined) fact.teamReplies = [firstResponseAt];
  }
  return fact;
}

/** Shared by every fact that has none: the facts are read-only, and 100,000 empty arrays are not free. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * `{what, why}` tags as paths (`Shipping` or `Shipping/Late by shipper`), or undefined when malformed. Paths
 * and one-tag lists are made once per conversion and shared (most tickets carry one of a few tags).
 */
class TagPaths {
  private readonly paths = new Map<string, Map<string | undefined, string>>();
  private readonly single = new Map<string, readonly string[]>();

  of(value: unknown): readonly string[] | undefined {
    if (!Array.isArray(value)) return undefined;
    if (value.length === 0) return NONE;
    if (value.length === 1) {
      const path = this.path(value[0]);
      if (path === undefined) return undefined;
      let list = this.single.get(path);
      if (!list) {
        list = [path];
        this.single.set(path, list);
      }
      return list;
    }
    const paths: string[] = [];
    for (const tag of value) {
      const path = this.path(tag);
      if (path === undefined) return undefined;
      paths.push(path);
    }
    return paths;
  }

  private path(tag: unknown): string | undefined {
    if (typeof tag !== 'object' || tag === null) return undefined;
    const { what, why } = tag as Loose;
    if (typeof what !== 'string' || !optionalText(why)) return undefined;
    let byWhy = this.paths.get(what);
    if (!byWhy) {
      byWhy = new Map();
      this.paths.set(what, byWhy);
    }
    let path = byWhy.get(why);
    if (path === undefined) {
      path = why === undefined ? what : `${what}/${why}`;
      byWhy.set(why, path);
    }
    return path;
  }
}

/** Stored 'csat' records as the reports' facts; exported for tests. */
export function csatFactsOf(records: readonly unknown[]): { facts: CsatFact[]; skipped: number } {
  const facts: CsatFact[] = [];
  let skipped = 0;
  for (const raw of records) {
    const row = (typeof raw === 'object' && raw !== null ? raw : {}) as Loose;
    const { threadId, rating, effort, comment, answeredAt } = row;
    const valid =
      row.kind === 'csat' &&
      typeof threadId === 'string' &&
      typeof rating === 'string' &&
      RATINGS.has(rating) &&
      isTime(answeredAt) &&
      (effort === undefined || (typeof effort === 'number' && effort >= 1 && effort <= 5)) &&
      optionalText(comment);
    if (!valid) {
      skipped += 1;
      continue;
    }
    const fact: CsatFact = { threadId, rating: rating as CsatRating, answeredAt };
    if (effort !== undefined) fact.effort = effort;
    if (comment !== undefined) fact.comment = comment;
    facts.push(fact);
  }
  return { facts, skipped };
}
