/**
 * A measured proposal for `src/store/ticket-store.ts`, kept beside the bench and not in the store: the
 * same tickets in a separate database laid out the way the proposal would store them, read the way the
 * proposal would read them, so the bench can show the gain before anyone changes the store.
 *  1. Queue totals kept in a `queueCounts` store (one `get`), because `count` over a key range walks
 *     every entry of the range in Chromium's IndexedDB: O(queue size).
 *  2. A page read with one `getAll(range, limit)` in one transaction (later pages would start after the
 *     last key shown rather than at an offset), instead of a cursor stepped 50 times and a second
 *     transaction.
 *  3. Overdue from its own entries `['due', priorityOrder, dueAt, createdAt, threadId]` for active
 *     tickets with an SLA clock: per priority, the range up to `now` is already in queue order, so a
 *     page reads 50 entries instead of every past-due ticket, finished ones included.
 */
import { NO_DUE_DATE, type QueueId, queueKey, queueKeysOf } from '../../../src/core/queues';
import { ACTIVE_STATUSES, priorityRank } from '../../../src/core/ticket';
import { ticketRecordSchema } from '../../../src/store/schema';
import type { TicketInput } from '../../../src/store/ticket-store';
import { queueBenchTickets } from '../queue-tickets';

type EntryKey = (string | number)[];
const DB_NAME = 'labeldesk-queue-proposal';
const PRIORITY_LEVELS = 4;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function openProposal(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    db.createObjectStore('tickets', { keyPath: 'threadId' });
    db.createObjectStore('queueEntries', { keyPath: 'key' });
    db.createObjectStore('queueCounts');
  };
  return request(req);
}

function entryKeys(ticket: TicketInput): EntryKey[] {
  const order = [3 - priorityRank(ticket.priority), ticket.slaDueAt ?? NO_DUE_DATE, ticket.createdAt];
  const keys: EntryKey[] = queueKeysOf(ticket).map((queue) => [queue, ...order, ticket.threadId]);
  if (ACTIVE_STATUSES.has(ticket.status) && ticket.slaDueAt !== undefined) {
    keys.push(['due', ...order, ticket.threadId]);
  }
  return keys;
}

let opened: Promise<IDBDatabase> | undefined;

/** Fills the proposal's database with the bench's tickets; returns the milliseconds spent writing. */
export async function fillProposal(seed: number, count: number, batchSize: number): Promise<number> {
  opened ??= openProposal();
  const db = await opened;
  const counts = new Map<string, number>();
  let ms = 0;
  for (let from = 0; from < count; from += batchSize) {
    const batch = queueBenchTickets(seed, from, Math.min(batchSize, count - from));
    const start = performance.now();
    const tx = db.transaction(['tickets', 'queueEntries', 'queueCounts'], 'readwrite');
    const tickets = tx.objectStore('tickets');
    const entries = tx.objectStore('queueEntries');
    for (const ticket of batch) {
      tickets.put({ ...ticket, tagKeys: [] });
      for (const key of entryKeys(ticket)) {
        entries.put({ key, threadId: ticket.threadId });
        const queue = key[0] as string;
        counts.set(queue, (counts.get(queue) ?? 0) + 1);
      }
    }
    // New tickets only, so the counters just add up; an update would subtract its old keys' queues too.
    const countStore = tx.objectStore('queueCounts');
    for (const [queue, total] of counts) countStore.put(total, queue);
    await done(tx);
    ms += performance.now() - start;
  }
  return ms;
}

/**
 * The first page of a queue as the proposal reads it, with the queue's total. Overdue's total needs a
 * count of every past-due entry; `countOverdue: false` leaves it out, as a sidebar that refreshes that
 * count once a minute would (total is then -1).
 */
export async function readProposalPage(
  queue: QueueId,
  limit: number,
  now: number,
  countOverdue = true,
): Promise<{ threadIds: string[]; total: number }> {
  opened ??= openProposal();
  const db = await opened;
  const tx = db.transaction(['queueEntries', 'queueCounts', 'tickets']);
  const entries = tx.objectStore('queueEntries');
  const rows: { threadId: string }[] = [];
  let total: number;
  if (queue.kind === 'overdue') {
    // Overdue depends on the clock, so its total is a count of the due ranges (no counter can keep it).
    const ranges = Array.from({ length: PRIORITY_LEVELS }, (_, p) =>
      IDBKeyRange.bound(['due', p], ['due', p, now, []]),
    );
    const counted = countOverdue
      ? Promise.all(ranges.map((range) => request(entries.count(range))))
      : Promise.resolve([-1]);
    for (const range of ranges) {
      if (rows.length >= limit) break;
      rows.push(...(await request(entries.getAll(range, limit - rows.length))));
    }
    total = (await counted).reduce((sum, one) => sum + one, 0);
  } else {
    const key = queueKey(queue);
    const [page, counted] = await Promise.all([
      request(entries.getAll(IDBKeyRange.bound([key], [key, []]), limit)),
      request(tx.objectStore('queueCounts').get(key)),
    ]);
    rows.push(...(page as { threadId: string }[]));
    total = typeof counted === 'number' ? counted : 0;
  }
  const tickets = tx.objectStore('tickets');
  const raws: unknown[] = await Promise.all(rows.map((row) => request(tickets.get(row.threadId))));
  await done(tx);
  const threadIds: string[] = [];
  for (const raw of raws) {
    // Validated like the store validates, so the comparison is fair.
    const parsed = ticketRecordSchema.safeParse(raw);
    if (parsed.success) threadIds.push(parsed.data.threadId);
  }
  return { threadIds, total };
}
