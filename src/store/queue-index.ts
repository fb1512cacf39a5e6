/**
 * The queue index: one sorted entry per (queue, ticket), and a counter per queue, both written in the
 * ticket's own transaction. Besides the queues of `core/queues.ts`, active tickets with an SLA clock have
 * an entry in the `due` pseudo-queue, ordered by priority then due time, so "Overdue" reads only the
 * entries already due, one priority at a time, instead of every ticket past its SLA.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { NO_DUE_DATE, queueKeysOf } from '../core/queues';
import { ACTIVE_STATUSES, priorityRank } from '../core/ticket';
import type { LabeldeskDB, QueueEntry, QueueEntryKey, TicketRecord } from './schema';

export const DUE_QUEUE = 'due';

export function queueEntriesOf(record: TicketRecord): QueueEntry[] {
  const priorityOrder = 3 - priorityRank(record.priority);
  const dueAt = record.slaDueAt ?? NO_DUE_DATE;
  const queues = queueKeysOf(record);
  if (record.slaDueAt !== undefined && ACTIVE_STATUSES.has(record.status)) queues.push(DUE_QUEUE);
  return queues.map((queue) => ({
    key: [queue, priorityOrder, dueAt, record.createdAt, record.threadId] satisfies QueueEntryKey,
    threadId: record.threadId,
  }));
}

type WriteTx = IDBPTransaction<LabeldeskDB, StoreNames<LabeldeskDB>[], 'readwrite' | 'versionchange'>;

/**
 * Replaces the entries of several tickets in one transaction (none for a ticket given as undefined: it is
 * gone) and adjusts each queue's count once, after every ticket's change is known: counts read and written
 * per ticket would race inside the transaction and lose updates.
 */
export async function reindexTickets(
  tx: WriteTx,
  tickets: readonly { threadId: string; record: TicketRecord | undefined }[],
): Promise<void> {
  const entries = tx.objectStore('queueEntries');
  const counts = tx.objectStore('queueCounts');
  const delta = new Map<string, number>();
  await Promise.all(
    tickets.map(async ({ threadId, record }) => {
      const oldKeys = await entries.index('threadId').getAllKeys(threadId);
      const next = record ? queueEntriesOf(record) : [];
      for (const key of oldKeys) delta.set(key[0], (delta.get(key[0]) ?? 0) - 1);
      for (const entry of next) delta.set(entry.key[0], (delta.get(entry.key[0]) ?? 0) + 1);
      await Promise.all(oldKeys.map((key) => entries.delete(key)));
      await Promise.all(next.map((entry) => entries.put(entry)));
    }),
  );
  await Promise.all(
    [...delta].map(async ([queue, change]) => {
      if (change === 0) return;
      const current = (await counts.get(queue)) ?? 0;
      await counts.put(Math.max(0, current + change), queue);
    }),
  );
}

/** Rebuilds every entry and count from the tickets (a migration, or a repair after damage). */
export function rebuildQueueIndex(tx: WriteTx): Promise<void> {
  const entries = tx.objectStore('queueEntries');
  const counts = tx.objectStore('queueCounts');
  return (async () => {
    await entries.clear();
    await counts.clear();
    const totals = new Map<string, number>();
    let cursor = await tx.objectStore('tickets').openCursor();
    while (cursor) {
      for (const entry of queueEntriesOf(cursor.value)) {
        await entries.put(entry);
        totals.set(entry.key[0], (totals.get(entry.key[0]) ?? 0) + 1);
      }
      cursor = await cursor.continue();
    }
    for (const [queue, total] of totals) await counts.put(total, queue);
  })();
}
