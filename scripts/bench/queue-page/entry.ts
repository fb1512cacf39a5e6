/**
 * The page side of the queue benchmark: the real store code (`src/store/*`) running in Chromium's own
 * IndexedDB. Bundled by `queue-browser.ts`; Node drives it through `window.labeldeskQueueBench`.
 * Timings are taken here with `performance.now()`, so the DevTools round trip is not in them.
 */
import { type QueueId, queueKey } from '../../../src/core/queues';
import { databaseName, type LabeldeskDatabase, openLabeldeskDatabase } from '../../../src/store/db';
import { countQueues, putTickets, readQueue, type TicketInput } from '../../../src/store/ticket-store';
import { queueBenchTickets } from '../queue-tickets';
import { fillProposal, readProposalPage } from './proposal';

export type ListedQueueId = Exclude<QueueId, { kind: 'overdue' }>;

export interface FillResult {
  tickets: number;
  /** Time inside `putTickets`, summed over the batches. */
  ms: number;
  /** The same plus generating the tickets in the page. */
  wallMs: number;
  /** Wall time of each `putTickets` batch, in order. */
  batchMs: number[];
}

export interface QueueRead {
  queue: QueueId;
  offset: number;
}

export interface ColdRead {
  openMs: number;
  readMs: number;
  rows: number;
}

export interface QueueBenchApi {
  fill(args: { mailbox: string; seed: number; count: number; batchSize: number }): Promise<FillResult>;
  /** Stores tickets sent from Node: the test changes some and checks the queues follow. */
  put(args: { mailbox: string; tickets: TicketInput[] }): Promise<void>;
  readQueueIds(args: {
    mailbox: string;
    queue: QueueId;
    limit: number;
    offset: number;
    now: number;
  }): Promise<{ threadIds: string[]; total: number }>;
  countQueues(args: { mailbox: string; queues: ListedQueueId[] }): Promise<number[]>;
  /** Times each read in order; returns milliseconds and the rows each read returned. */
  timeReads(args: {
    mailbox: string;
    reads: QueueRead[];
    limit: number;
    now: number;
  }): Promise<{ ms: number[]; rows: number[] }>;
  timeCounts(args: { mailbox: string; queues: ListedQueueId[]; runs: number }): Promise<number[]>;
  /** Closes this page's connection, opens the database again and reads one page: a sidebar just opened. */
  coldRead(args: { mailbox: string; queue: QueueId; limit: number; now: number }): Promise<ColdRead>;
  /**
   * Where a `readQueue` call spends its time, step by step, with the same IndexedDB requests it makes:
   * count the queue's range, walk 50 entries, get their tickets (or, for overdue, read every ticket
   * whose SLA due time has passed). Median of `runs` for each step.
   */
  profileRead(args: {
    mailbox: string;
    queue: QueueId;
    limit: number;
    now: number;
    runs: number;
  }): Promise<ReadProfile>;
  /** The store change proposed in `proposal.ts`, filled with the same tickets; returns write ms. */
  proposalFill(args: { seed: number; count: number; batchSize: number }): Promise<number>;
  proposalReadIds(args: {
    queue: QueueId;
    limit: number;
    now: number;
  }): Promise<{ threadIds: string[]; total: number }>;
  proposalTimeReads(args: {
    queues: QueueId[];
    limit: number;
    now: number;
    countOverdue: boolean;
  }): Promise<number[]>;
  deleteDatabase(mailbox: string): Promise<void>;
}

export interface ReadProfile {
  /** `count` over the queue's key range (the page's `total`). */
  countMs: number;
  /** Opening a cursor and walking `limit` entries. */
  entriesMs: number;
  /** Getting the page's tickets by thread id, without validation. */
  ticketsMs: number;
  /** Overdue only: `getAll` on the SLA-due index up to now, and how many records it returned. */
  dueGetAllMs: number;
  dueRecords: number;
}

declare global {
  interface Window {
    labeldeskQueueBench: QueueBenchApi;
  }
}

const connections = new Map<string, Promise<LabeldeskDatabase>>();

function database(mailbox: string): Promise<LabeldeskDatabase> {
  let db = connections.get(mailbox);
  if (db === undefined) {
    db = openLabeldeskDatabase(mailbox);
    connections.set(mailbox, db);
  }
  return db;
}

async function closeDatabase(mailbox: string): Promise<void> {
  const db = connections.get(mailbox);
  connections.delete(mailbox);
  if (db !== undefined) (await db).close();
}

window.labeldeskQueueBench = {
  async fill({ mailbox, seed, count, batchSize }) {
    const db = await database(mailbox);
    const batchMs: number[] = [];
    const start = performance.now();
    for (let from = 0; from < count; from += batchSize) {
      // Generating is outside the timed part: the bench measures the store, not the fixture.
      const batch = queueBenchTickets(seed, from, Math.min(batchSize, count - from));
      const batchStart = performance.now();
      await putTickets(db, batch);
      batchMs.push(performance.now() - batchStart);
    }
    const ms = batchMs.reduce((sum, one) => sum + one, 0);
    return { tickets: count, ms, batchMs, wallMs: performance.now() - start };
  },

  async put({ mailbox, tickets }) {
    await putTickets(await database(mailbox), tickets);
  },

  async readQueueIds({ mailbox, queue, limit, offset, now }) {
    const page = await readQueue(await database(mailbox), queue, { limit, offset, now });
    return { threadIds: page.tickets.map((ticket) => ticket.threadId), total: page.total };
  },

  async countQueues({ mailbox, queues }) {
    return countQueues(await database(mailbox), queues);
  },

  async timeReads({ mailbox, reads, limit, now }) {
    const db = await database(mailbox);
    const ms: number[] = [];
    const rows: number[] = [];
    for (const { queue, offset } of reads) {
      const start = performance.now();
      const page = await readQueue(db, queue, { limit, offset, now });
      ms.push(performance.now() - start);
      rows.push(page.tickets.length);
    }
    return { ms, rows };
  },

  async timeCounts({ mailbox, queues, runs }) {
    const db = await database(mailbox);
    const ms: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await countQueues(db, queues);
      ms.push(performance.now() - start);
    }
    return ms;
  },

  async coldRead({ mailbox, queue, limit, now }) {
    await closeDatabase(mailbox);
    const openStart = performance.now();
    const db = await database(mailbox);
    const readStart = performance.now();
    const page = await readQueue(db, queue, { limit, offset: 0, now });
    return {
      openMs: readStart - openStart,
      readMs: performance.now() - readStart,
      rows: page.tickets.length,
    };
  },

  async profileRead({ mailbox, queue, limit, now, runs }) {
    const db = await database(mailbox);
    const samples = { countMs: [] as number[], entriesMs: [] as number[], ticketsMs: [] as number[] };
    const due: number[] = [];
    let dueRecords = 0;
    for (let run = 0; run < runs; run++) {
      if (queue.kind === 'overdue') {
        const start = performance.now();
        dueRecords = (await db.getAllFromIndex('tickets', 'slaDue', IDBKeyRange.upperBound(now))).length;
        due.push(performance.now() - start);
        continue;
      }
      const key = queueKey(queue);
      const range = IDBKeyRange.bound([key], [key, []]);
      let start = performance.now();
      await db.count('queueEntries', range);
      samples.countMs.push(performance.now() - start);
      start = performance.now();
      const tx = db.transaction('queueEntries');
      const threadIds: string[] = [];
      let cursor = await tx.store.openCursor(range);
      while (cursor && threadIds.length < limit) {
        threadIds.push(cursor.value.threadId);
        cursor = await cursor.continue();
      }
      await tx.done;
      samples.entriesMs.push(performance.now() - start);
      start = performance.now();
      const ticketTx = db.transaction('tickets');
      await Promise.all(threadIds.map((id) => ticketTx.store.get(id)));
      await ticketTx.done;
      samples.ticketsMs.push(performance.now() - start);
    }
    const median = (values: number[]) =>
      values.length === 0 ? 0 : ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number);
    return {
      countMs: median(samples.countMs),
      entriesMs: median(samples.entriesMs),
      ticketsMs: median(samples.ticketsMs),
      dueGetAllMs: median(due),
      dueRecords,
    };
  },

  proposalFill({ seed, count, batchSize }) {
    return fillProposal(seed, count, batchSize);
  },

  proposalReadIds({ queue, limit, now }) {
    return readProposalPage(queue, limit, now);
  },

  async proposalTimeReads({ queues, limit, now, countOverdue }) {
    const ms: number[] = [];
    for (const queue of queues) {
      const start = performance.now();
      await readProposalPage(queue, limit, now, countOverdue);
      ms.push(performance.now() - start);
    }
    return ms;
  },

  async deleteDatabase(mailbox) {
    await closeDatabase(mailbox);
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(databaseName(mailbox));
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  },
};
