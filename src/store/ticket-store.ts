/**
 * Tickets in IndexedDB, and the sorted queue index beside them. Writes keep both in one transaction, so a
 * queue never lists a ticket that is not (or no longer) there.
 */
import { emailDomain, isPublicMailDomain, normalizeEmail } from '../core/mail-address';
import {
  compareQueueOrder,
  isOverdue,
  NO_DUE_DATE,
  type QueueId,
  queueKey,
  queueKeysOf,
} from '../core/queues';
import { priorityRank, tagPath } from '../core/ticket';
import type { LabeldeskDatabase } from './db';
import {
  type CorruptRecordReport,
  type QueueEntry,
  type QueueEntryKey,
  type TicketRecord,
  ticketRecordSchema,
} from './schema';

export type TicketInput = Omit<TicketRecord, 'requesterEmail' | 'requesterDomain' | 'tagKeys'>;

export type CorruptionListener = (report: CorruptRecordReport) => void;

function toRecord(ticket: TicketInput): TicketRecord {
  const record: TicketRecord = { ...ticket, tagKeys: [] };
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

function entriesOf(record: TicketRecord): QueueEntry[] {
  const order = [
    3 - priorityRank(record.priority),
    record.slaDueAt ?? NO_DUE_DATE,
    record.createdAt,
  ] as const;
  return queueKeysOf(record).map((queue) => ({
    key: [queue, order[0], order[1], order[2], record.threadId] satisfies QueueEntryKey,
    threadId: record.threadId,
  }));
}

export async function putTickets(db: LabeldeskDatabase, tickets: readonly TicketInput[]): Promise<void> {
  // Validate everything before the transaction opens: one bad ticket writes nothing and aborts nothing.
  const records = tickets.map((ticket) => {
    const parsed = ticketRecordSchema.safeParse(toRecord(ticket));
    if (!parsed.success) {
      throw new TypeError(
        `Refusing to store an invalid ticket ${ticket.threadId}: ${describeIssues(parsed.error)}`,
      );
    }
    return parsed.data;
  });
  const tx = db.transaction(['tickets', 'queueEntries', 'rebuild'], 'readwrite');
  const ticketStore = tx.objectStore('tickets');
  const entryStore = tx.objectStore('queueEntries');
  const byThread = entryStore.index('threadId');
  const writes = records.map(async (record) => {
    const oldKeys = await byThread.getAllKeys(record.threadId);
    await Promise.all(oldKeys.map((key) => entryStore.delete(key)));
    await Promise.all([
      ticketStore.put(record),
      ...entriesOf(record).map((entry) => entryStore.put(entry)),
      tx.objectStore('rebuild').delete(record.threadId),
    ]);
  });
  await Promise.all([...writes, tx.done]);
}

export async function deleteTicket(db: LabeldeskDatabase, threadId: string): Promise<void> {
  const tx = db.transaction(['tickets', 'queueEntries'], 'readwrite');
  const entryStore = tx.objectStore('queueEntries');
  const oldKeys = await entryStore.index('threadId').getAllKeys(threadId);
  await Promise.all([
    ...oldKeys.map((key) => entryStore.delete(key)),
    tx.objectStore('tickets').delete(threadId),
  ]);
  await tx.done;
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

/** One page of a queue, in queue order. `offset` pages through it. */
export async function readQueue(
  db: LabeldeskDatabase,
  queue: QueueId,
  options: { limit: number; offset?: number; now: number; onCorrupt?: CorruptionListener },
): Promise<QueuePage> {
  if (queue.kind === 'overdue') return readOverdue(db, options);
  const key = queueKey(queue);
  // Arrays sort after every number and string in IndexedDB, so [key, []] bounds every entry of the queue.
  const range = IDBKeyRange.bound([key], [key, []]);
  const tx = db.transaction('queueEntries');
  const total = await tx.store.count(range);
  const entries: QueueEntry[] = [];
  let cursor = await tx.store.openCursor(range);
  if (cursor && (options.offset ?? 0) > 0) cursor = await cursor.advance(options.offset ?? 0);
  while (cursor && entries.length < options.limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  await tx.done;
  const tickets = await getTickets(
    db,
    entries.map((e) => e.threadId),
    options.onCorrupt,
  );
  return { tickets, total };
}

async function readOverdue(
  db: LabeldeskDatabase,
  options: { limit: number; offset?: number; now: number; onCorrupt?: CorruptionListener },
): Promise<QueuePage> {
  const due = await db.getAllFromIndex('tickets', 'slaDue', IDBKeyRange.upperBound(options.now));
  const valid: TicketRecord[] = [];
  for (const raw of due) {
    const record = await validateOrQuarantine(
      db,
      String((raw as { threadId?: unknown }).threadId),
      raw,
      options.onCorrupt,
    );
    if (record && isOverdue(record, options.now)) valid.push(record);
  }
  valid.sort(compareQueueOrder);
  const offset = options.offset ?? 0;
  return { tickets: valid.slice(offset, offset + options.limit), total: valid.length };
}

/** Counts for the queue list, one index count each: no ticket is read. */
export async function countQueues(
  db: LabeldeskDatabase,
  queues: readonly Exclude<QueueId, { kind: 'overdue' }>[],
): Promise<number[]> {
  const tx = db.transaction('queueEntries');
  const counts = await Promise.all(
    queues.map((q) => {
      const key = queueKey(q);
      return tx.store.count(IDBKeyRange.bound([key], [key, []]));
    }),
  );
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
