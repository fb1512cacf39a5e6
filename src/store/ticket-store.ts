/**
 * Tickets in IndexedDB, and the sorted queue index beside them. Writes keep both in one transaction, so a
 * queue never lists a ticket that is not (or no longer) there.
 */

import type { IDBPObjectStore, StoreNames } from 'idb';
import { emailDomain, isPublicMailDomain, normalizeEmail } from '../core/mail-address';
import { type QueueId, queueKey } from '../core/queues';
import { tagPath } from '../core/ticket';
import type { LabeldeskDatabase } from './db';
import { DUE_QUEUE, reindexTickets } from './queue-index';
import {
  type CorruptRecordReport,
  type LabeldeskDB,
  type QueueEntry,
  type TicketRecord,
  ticketRecordSchema,
} from './schema';

export type TicketInput = Omit<
  TicketRecord,
  'requesterEmail' | 'requesterDomain' | 'tagKeys' | 'metadataPending' | 'timelinePending' | 'changeSeq'
>;

/** The 'meta' entry holding the number of the last write to the tickets (every row stores its write's). */
export const TICKET_CHANGE_SEQ = 'tickets.changeSeq';

/** The 'meta' entry holding the change number of the last ticket delete (the reports' snapshot checks it). */
export const TICKET_DELETED_SEQ = 'tickets.deletedSeq';

/** A stored change number, or 0 when absent or not one. */
export function changeSeqOf(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

export type CorruptionListener = (report: CorruptRecordReport) => void;

function toRecord(ticket: TicketInput): TicketRecord {
  const {
    metadataPending: _pending,
    timelinePending: _timeline,
    changeSeq: _seq,
    ...fields
  } = ticket as TicketInput & { metadataPending?: 1; timelinePending?: 1; changeSeq?: number };
  const record: TicketRecord = { ...fields, tagKeys: [] };
  if (!ticket.hasMetadata) record.metadataPending = 1;
  if (!ticket.timeline) record.timelinePending = 1;
  const tagKeys = new Set<string>();
  for (const tag of ticket.tags) {
    tagKeys.add(tag.what.toLowerCase());
    tagKeys.add(tagPath(tag).toLowerCase());
  }
  record.tagKeys = [...tagKeys];
  if (ticket.requester) {
    record.requesterEmail = normalizeEmail(ticket.requester.email);
    record.requesterDomain = emailDomain(ticket.requester.email);
  }
  return record;
}

export async function putTickets(db: LabeldeskDatabase, tickets: readonly TicketInput[]): Promise<void> {
  // Validate everything before the transaction opens: one bad ticket writes nothing and aborts nothing.
  const validated = tickets.map((ticket) => {
    const parsed = ticketRecordSchema.safeParse(toRecord(ticket));
    if (!parsed.success) {
      throw new TypeError(
        `Refusing to store an invalid ticket ${ticket.threadId}: ${describeIssues(parsed.error)}`,
      );
    }
    return parsed.data;
  });
  await writeRecords(db, validated);
}

/**
 * As putTickets, but a ticket the store refuses is left out, and its thread id returned, instead of
 * failing the whole write: one thread Gmail lets through and the store cannot hold (a hostile name, a label
 * made by hand) must not stop a poll for every other ticket.
 */
export async function putTicketsLeavingOutInvalid(
  db: LabeldeskDatabase,
  tickets: readonly TicketInput[],
): Promise<string[]> {
  const refused: string[] = [];
  const validated: TicketRecord[] = [];
  for (const ticket of tickets) {
    const parsed = ticketRecordSchema.safeParse(toRecord(ticket));
    if (parsed.success) validated.push(parsed.data);
    else refused.push(ticket.threadId);
  }
  await writeRecords(db, validated);
  return refused;
}

async function writeRecords(db: LabeldeskDatabase, validated: readonly TicketRecord[]): Promise<void> {
  // The same ticket twice in one call: the last one wins, as two calls in a row would leave it. Indexing
  // both against the same old entries would leave both sets of entries and count them twice.
  const records = [...new Map(validated.map((record) => [record.threadId, record])).values()];
  // A database opened at a version before 7 (by a migration test) has no change numbers to keep.
  const numbered = db.objectStoreNames.contains('meta');
  const stores: StoreNames<LabeldeskDB>[] = ['tickets', 'queueEntries', 'queueCounts', 'rebuild'];
  if (numbered) stores.push('meta');
  const tx = db.transaction(stores, 'readwrite');
  // Every row of this write gets the next change number, in the same transaction as the rows.
  const meta = numbered ? tx.objectStore('meta') : undefined;
  const seq = meta ? changeSeqOf(await meta.get(TICKET_CHANGE_SEQ)) + 1 : undefined;
  await Promise.all([
    meta?.put(seq, TICKET_CHANGE_SEQ),
    ...records.flatMap((record) => [
      tx.objectStore('tickets').put(seq === undefined ? record : { ...record, changeSeq: seq }),
      tx.objectStore('rebuild').delete(record.threadId),
    ]),
    reindexTickets(
      tx,
      records.map((record) => ({ threadId: record.threadId, record })),
    ),
    tx.done,
  ]);
}

export async function deleteTicket(db: LabeldeskDatabase, threadId: string): Promise<void> {
  const numbered = db.objectStoreNames.contains('meta');
  const stores: StoreNames<LabeldeskDB>[] = ['tickets', 'queueEntries', 'queueCounts'];
  if (numbered) stores.push('meta');
  const tx = db.transaction(stores, 'readwrite');
  // A delete moves the change number and marks it: a reports snapshot older than a delete is not patched.
  const meta = numbered ? tx.objectStore('meta') : undefined;
  const seq = meta ? changeSeqOf(await meta.get(TICKET_CHANGE_SEQ)) + 1 : undefined;
  await Promise.all([
    meta?.put(seq, TICKET_CHANGE_SEQ),
    meta?.put(seq, TICKET_DELETED_SEQ),
    reindexTickets(tx, [{ threadId, record: undefined }]),
    tx.objectStore('tickets').delete(threadId),
    tx.done,
  ]);
}

/**
 * Reads a ticket. A record that fails validation is reported, removed, and queued for a rebuild from the
 * mailbox; the caller sees "not there yet", never a malformed ticket.
 */
export async function getTicket(
  db: LabeldeskDatabase,
  threadId: string,
  onCorrupt?: CorruptionListener,
): Promise<TicketRecord | undefined> {
  const raw: unknown = await db.get('tickets', threadId);
  if (raw === undefined) return undefined;
  return validateOrQuarantine(db, threadId, raw, onCorrupt);
}

export async function getTickets(
  db: LabeldeskDatabase,
  threadIds: readonly string[],
  onCorrupt?: CorruptionListener,
): Promise<TicketRecord[]> {
  const tx = db.transaction('tickets');
  const raws: unknown[] = await Promise.all(threadIds.map((id) => tx.store.get(id)));
  await tx.done;
  const out: TicketRecord[] = [];
  for (const [i, raw] of raws.entries()) {
    if (raw === undefined) continue;
    const record = await validateOrQuarantine(db, threadIds[i] as string, raw, onCorrupt);
    if (record) out.push(record);
  }
  return out;
}

async function validateOrQuarantine(
  db: LabeldeskDatabase,
  threadId: string,
  raw: unknown,
  onCorrupt?: CorruptionListener,
): Promise<TicketRecord | undefined> {
  const parsed = ticketRecordSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const report: CorruptRecordReport = {
    store: 'tickets',
    key: threadId,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`),
    at: Date.now(),
  };
  await deleteTicket(db, threadId);
  await db.put('rebuild', report, threadId);
  onCorrupt?.(report);
  return undefined;
}

/** Threads to fetch again because their stored copy was damaged. */
export async function threadsToRebuild(db: LabeldeskDatabase): Promise<string[]> {
  return (await db.getAllKeys('rebuild')).map(String);
}

export interface QueuePage {
  tickets: TicketRecord[];
  total: number;
}

/**
 * One page of a queue, in queue order. The first page is one `getAll` of the queue's range and the total is
 * one counter read, so a page costs the same in a queue of 50 or of 50,000 tickets. `offset` pages on.
 */
export async function readQueue(
  db: LabeldeskDatabase,
  queue: QueueId,
  options: { limit: number; offset?: number; now: number; onCorrupt?: CorruptionListener },
): Promise<QueuePage> {
  const offset = options.offset ?? 0;
  const tx = db.transaction(['queueEntries', 'queueCounts']);
  const entries: EntryStore = tx.objectStore('queueEntries');
  let page: QueueEntry[];
  let total: number;
  if (queue.kind === 'overdue') {
    // Due entries sort by priority, then due time: per priority, the overdue ones are a prefix.
    const ranges = [0, 1, 2, 3].map((p) =>
      IDBKeyRange.bound([DUE_QUEUE, p], [DUE_QUEUE, p, options.now, []]),
    );
    const counts = await Promise.all(ranges.map((range) => entries.count(range)));
    total = counts.reduce((a, b) => a + b, 0);
    page = [];
    let skip = offset;
    for (const [i, range] of ranges.entries()) {
      if (page.length >= options.limit) break;
      const inRange = counts[i] ?? 0;
      if (skip >= inRange) {
        skip -= inRange;
        continue;
      }
      page.push(...(await readRange(entries, range, skip, options.limit - page.length)));
      skip = 0;
    }
  } else {
    const key = queueKey(queue);
    // Arrays sort after every number and string in IndexedDB, so [key, []] bounds every entry of the queue.
    const range = IDBKeyRange.bound([key], [key, []]);
    [total, page] = await Promise.all([
      tx
        .objectStore('queueCounts')
        .get(key)
        .then((n) => n ?? 0),
      readRange(entries, range, offset, options.limit),
    ]);
  }
  await tx.done;
  const tickets = await getTickets(
    db,
    page.map((e) => e.threadId),
    options.onCorrupt,
  );
  return { tickets, total };
}

type EntryStore = IDBPObjectStore<
  LabeldeskDB,
  ('queueEntries' | 'queueCounts')[],
  'queueEntries',
  'readonly'
>;

async function readRange(
  entries: EntryStore,
  range: IDBKeyRange,
  offset: number,
  limit: number,
): Promise<QueueEntry[]> {
  if (offset === 0) return entries.getAll(range, limit);
  const out: QueueEntry[] = [];
  let cursor = await entries.openCursor(range);
  if (cursor) cursor = await cursor.advance(offset);
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Counts for the queue list: one counter read each, no entry or ticket is walked. */
export async function countQueues(
  db: LabeldeskDatabase,
  queues: readonly Exclude<QueueId, { kind: 'overdue' }>[],
): Promise<number[]> {
  const tx = db.transaction('queueCounts');
  const counts = await Promise.all(queues.map((q) => tx.store.get(queueKey(q)).then((n) => n ?? 0)));
  await tx.done;
  return counts;
}

/** Earlier tickets of the same requester and of their domain, newest first (the customer history). */
export async function ticketsOfRequester(
  db: LabeldeskDatabase,
  email: string,
  onCorrupt?: CorruptionListener,
): Promise<{ sameSender: TicketRecord[]; sameDomain: TicketRecord[] }> {
  const normal = normalizeEmail(email);
  const [sender, domain] = await Promise.all([
    db.getAllKeysFromIndex('tickets', 'requester', normal),
    // Everyone at gmail.com is not one customer: only company domains make a shared history.
    isPublicMailDomain(emailDomain(normal))
      ? Promise.resolve([])
      : db.getAllKeysFromIndex('tickets', 'requesterDomain', emailDomain(normal)),
  ]);
  const senderSet = new Set(sender.map(String));
  const [sameSender, sameDomain] = await Promise.all([
    getTickets(db, [...senderSet], onCorrupt),
    getTickets(
      db,
      domain.map(String).filter((id) => !senderSet.has(id)),
      onCorrupt,
    ),
  ]);
  const newestFirst = (a: TicketRecord, b: TicketRecord) => b.createdAt - a.createdAt;
  return { sameSender: sameSender.sort(newestFirst), sameDomain: sameDomain.sort(newestFirst) };
}

function describeIssues(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`).join('; ');
}

/**
 * Tickets whose reference, subject or requester (address or name) contain the text, newest first among the
 * first `limit` found. Reads the tickets in chunks of 2,000 (a `getAll` per chunk is far faster than a cursor)
 * and stops once enough are found; a reference (`#K7Q2XM` or `k7q2xm`) is one index-free match.
 */
export async function searchTickets(
  db: LabeldeskDatabase,
  text: string,
  limit: number,
  onCorrupt?: CorruptionListener,
): Promise<TicketRecord[]> {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [];
  const reference = needle.replace(/^#/, '').toUpperCase();
  const found: TicketRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const chunk = await db.getAll('tickets', range, 2_000);
    for (const raw of chunk) {
      const matches =
        raw.reference.slice(1) === reference ||
        raw.subject.toLowerCase().includes(needle) ||
        (raw.requester?.email.toLowerCase().includes(needle) ?? false) ||
        (raw.requester?.name?.toLowerCase().includes(needle) ?? false);
      if (!matches) continue;
      const checked = ticketRecordSchema.safeParse(raw);
      if (!checked.success) {
        await getTickets(db, [raw.threadId], onCorrupt); // sets the damaged copy aside, as every read does
        continue;
      }
      found.push(checked.data);
      if (found.length >= limit) break;
    }
    if (found.length >= limit || chunk.length < 2_000) break;
    after = chunk.at(-1)?.threadId;
  }
  return found.sort((a, b) => b.createdAt - a.createdAt);
}
