import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueKey, queueKeysOf } from '../core/queues';
import { advanceCursor, readCursor } from './cursors';
import { databaseName, type LabeldeskDatabase, openLabeldeskDatabase, SCHEMA_VERSION } from './db';
import {
  claimDueChanges,
  completeChange,
  enqueueChange,
  failChange,
  mergeChanges,
  pendingChanges,
  STALE_SENDING_MS,
} from './outbox';
import type { CorruptRecordReport } from './schema';
import { HOUR, t0, ticket } from './test-tickets';
import {
  countQueues,
  deleteTicket,
  getTicket,
  putTickets,
  putTicketsLeavingOutInvalid,
  readQueue,
  threadsToRebuild,
  ticketsOfRequester,
} from './ticket-store';

let mailbox = 0;
let db: LabeldeskDatabase;

beforeEach(async () => {
  mailbox += 1;
  db = await openLabeldeskDatabase(`support${mailbox}@northwind-shop.example`);
});
afterEach(() => db.close());

describe('the schema', () => {
  it('opens at the current version with one database per mailbox', () => {
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(databaseName('Support@Shop.example')).toBe('labeldesk:support@shop.example');
    expect([...db.objectStoreNames].sort()).toEqual([
      'automationMemory',
      'cursors',
      'meta',
      'outbox',
      'queueCounts',
      'queueEntries',
      'rebuild',
      'records',
      'tickets',
    ]);
  });

  it('upgrades from every earlier version, keeping what was stored and indexing it', async () => {
    for (let from = 1; from < SCHEMA_VERSION; from++) {
      const name = `upgrade-from-${from}@example.com`;
      const old = await openLabeldeskDatabase(name, { version: from });
      // What that version wrote: the ticket row (its queue index is rebuilt by the migration to v3).
      const rows = [
        ticket(1, { status: 'Open', assignee: 'Yuki Tanaka' }),
        { ...ticket(2), hasMetadata: false },
      ];
      if (from < 3) {
        for (const row of rows) await old.put('tickets', { ...row, tagKeys: [] });
      } else {
        // From version 3 on, tickets were written through the store with their queue entries; version 3
        // knew nothing of the pending-metadata key.
        await putTickets(old, rows);
        const waiting = await old.get('tickets', ticket(2).threadId);
        if (waiting && from === 3) {
          delete waiting.metadataPending;
          await old.put('tickets', waiting);
        }
      }
      old.close();
      const current = await openLabeldeskDatabase(name);
      // Version 4 indexes the tickets still waiting for their metadata, and only those.
      expect(await current.getAllKeysFromIndex('tickets', 'metadataPending', 1)).toEqual([
        ticket(2).threadId,
      ]);
      // Version 6 marks every ticket's timeline as still to read, and indexes records by kind.
      expect(await current.getAllKeysFromIndex('tickets', 'timelinePending', 1)).toEqual([
        ticket(1).threadId,
        ticket(2).threadId,
      ]);
      expect(current.transaction('records').store.indexNames.contains('kind')).toBe(true);
      // Version 7 numbers ticket writes for the reports' snapshot; rows written before have no number.
      expect(await current.countFromIndex('tickets', 'changeSeq')).toBe(0);
      await putTickets(current, [ticket(3)]);
      expect(await current.getAllKeysFromIndex('tickets', 'changeSeq')).toEqual([ticket(3).threadId]);
      expect(await getTicket(current, ticket(1).threadId)).toBeDefined();
      expect((await readQueue(current, { kind: 'all-open' }, { limit: 5, now: t0 })).total).toBe(3);
      expect(
        await countQueues(current, [{ kind: 'mine', agent: 'Yuki Tanaka' }, { kind: 'unassigned' }]),
      ).toEqual([1, 2]);
      current.close();
    }
  });
});

describe('writes', () => {
  it('refuse a batch with an invalid ticket, or leave just that ticket out when asked', async () => {
    const bad = ticket(2, { assignee: 'A'.repeat(201) });
    await expect(putTickets(db, [ticket(1), bad])).rejects.toThrow(/Refusing to store an invalid ticket/);
    expect(await db.count('tickets')).toBe(0);
    expect(await putTicketsLeavingOutInvalid(db, [ticket(1), bad, ticket(3)])).toEqual([bad.threadId]);
    expect((await db.getAllKeys('tickets')).sort()).toEqual([ticket(1).threadId, ticket(3).threadId].sort());
    expect((await readQueue(db, { kind: 'all-open' }, { limit: 5, now: t0 })).total).toBe(2);
  });
});

describe('timelines', () => {
  it('are indexed as pending until stored, and kept as given', async () => {
    const timeline = { customer: [t0], team: [t0 + HOUR], solves: [t0 + 2 * HOUR] };
    await putTickets(db, [ticket(1), ticket(2, { timeline })]);
    expect(await db.getAllKeysFromIndex('tickets', 'timelinePending', 1)).toEqual([ticket(1).threadId]);
    expect((await getTicket(db, ticket(2).threadId))?.timeline).toEqual(timeline);
    await putTickets(db, [ticket(1, { timeline })]);
    expect(await db.countFromIndex('tickets', 'timelinePending', 1)).toBe(0);
  });
});

describe('queues', () => {
  it('list a queue by priority, then SLA due, then age', async () => {
    await putTickets(db, [
      ticket(1, { priority: 'Low' }),
      ticket(2, { priority: 'Urgent', slaDueAt: t0 + 5 * HOUR }),
      ticket(3, { priority: 'Urgent', slaDueAt: t0 + 2 * HOUR }),
      ticket(4, {}),
      ticket(5, { priority: 'High' }),
      ticket(6, { status: 'Solved' }),
    ]);
    const page = await readQueue(db, { kind: 'all-open' }, { limit: 10, now: t0 });
    expect(page.tickets.map((t) => t.subject)).toEqual([
      'Ticket 3',
      'Ticket 2',
      'Ticket 5',
      'Ticket 4',
      'Ticket 1',
    ]);
    expect(page.total).toBe(5);
  });

  it('page through a queue and count every queue without reading tickets', async () => {
    await putTickets(
      db,
      Array.from({ length: 30 }, (_, i) =>
        ticket(
          i,
          i % 3 === 0
            ? { assignee: 'Yuki Tanaka', group: 'Billing' }
            : { tags: [{ what: 'Shipping', why: 'Late by shipper' }] },
        ),
      ),
    );
    const second = await readQueue(db, { kind: 'unassigned' }, { limit: 5, offset: 5, now: t0 });
    expect(second.tickets.map((t) => t.subject)).toEqual([
      'Ticket 8',
      'Ticket 10',
      'Ticket 11',
      'Ticket 13',
      'Ticket 14',
    ]);
    expect(
      await countQueues(db, [
        { kind: 'unassigned' },
        { kind: 'mine', agent: 'yuki tanaka' },
        { kind: 'group', group: 'Billing' },
        { kind: 'tag', tag: 'Shipping' },
        { kind: 'tag', tag: 'Shipping/Late by shipper' },
        { kind: 'pending' },
      ]),
    ).toEqual([20, 10, 10, 20, 20, 0]);
  });

  it('move a ticket between queues when it changes, leaving no stale row', async () => {
    await putTickets(db, [ticket(1)]);
    await putTickets(db, [ticket(1, { status: 'Pending', assignee: 'Sam Porter' })]);
    expect((await readQueue(db, { kind: 'all-open' }, { limit: 10, now: t0 })).total).toBe(0);
    expect((await readQueue(db, { kind: 'pending' }, { limit: 10, now: t0 })).total).toBe(1);
    expect((await readQueue(db, { kind: 'unassigned' }, { limit: 10, now: t0 })).total).toBe(0);
    expect((await readQueue(db, { kind: 'mine', agent: 'Sam Porter' }, { limit: 10, now: t0 })).total).toBe(
      1,
    );
  });

  it('list overdue tickets by the clock, leaving finished ones out', async () => {
    await putTickets(db, [
      ticket(1, { slaDueAt: t0 - HOUR }),
      ticket(2, { slaDueAt: t0 + HOUR }),
      ticket(3, { slaDueAt: t0 - 2 * HOUR, status: 'Solved' }),
      ticket(4, { slaDueAt: t0 - 3 * HOUR, priority: 'Urgent' }),
    ]);
    const overdue = await readQueue(db, { kind: 'overdue' }, { limit: 10, now: t0 });
    expect(overdue.tickets.map((t) => t.subject)).toEqual(['Ticket 4', 'Ticket 1']);
    expect((await readQueue(db, { kind: 'overdue' }, { limit: 10, now: t0 + 2 * HOUR })).total).toBe(3);
  });
});

describe('the queue index', () => {
  it('keeps every count equal to its entries through many puts and deletes', async () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const statuses = ['New', 'Open', 'Pending', 'On hold', 'Solved'] as const;
    const agents = [undefined, 'Anna', 'Yuki'];
    for (let round = 0; round < 30; round++) {
      const batch = Array.from({ length: 10 }, () => {
        const assignee = agents[rand(3)];
        return ticket(rand(40), {
          status: statuses[rand(5)] ?? 'Open',
          ...(assignee ? { assignee } : {}),
          ...(rand(2) ? { slaDueAt: t0 + (rand(10) - 5) * HOUR } : {}),
          tags: rand(2) ? [{ what: 'Shipping' }] : [],
        });
      });
      await putTickets(db, batch);
      if (rand(3) === 0) await deleteTicket(db, ticket(rand(40)).threadId);
    }
    const queues = [
      { kind: 'all-open' },
      { kind: 'pending' },
      { kind: 'on-hold' },
      { kind: 'unassigned' },
      { kind: 'mine', agent: 'Anna' },
      { kind: 'mine', agent: 'Yuki' },
      { kind: 'tag', tag: 'Shipping' },
    ] as const;
    const counted = await countQueues(db, queues);
    const all = await db.getAll('tickets');
    const expected = queues.map((q) => all.filter((t) => queueKeysOf(t).includes(queueKey(q))).length);
    expect(counted).toEqual(expected);
    expect(counted.some((n) => n > 0)).toBe(true);
  });

  it('pages through overdue tickets across priorities', async () => {
    await putTickets(db, [
      ticket(1, { priority: 'Low', slaDueAt: t0 - HOUR }),
      ticket(2, { priority: 'Urgent', slaDueAt: t0 - HOUR }),
      ticket(3, { priority: 'High', slaDueAt: t0 - 2 * HOUR }),
      ticket(4, { priority: 'High', slaDueAt: t0 - 3 * HOUR }),
      ticket(5, { slaDueAt: t0 - 4 * HOUR }),
      ticket(6, { priority: 'Urgent', slaDueAt: t0 + HOUR }),
    ]);
    const read = async (offset: number, limit: number) =>
      (await readQueue(db, { kind: 'overdue' }, { limit, offset, now: t0 })).tickets.map((t) => t.subject);
    expect(await read(0, 10)).toEqual(['Ticket 2', 'Ticket 4', 'Ticket 3', 'Ticket 5', 'Ticket 1']);
    expect(await read(2, 2)).toEqual(['Ticket 3', 'Ticket 5']);
    expect(await read(4, 2)).toEqual(['Ticket 1']);
  });
});

describe('a damaged record', () => {
  it('is reported without its content, removed, and queued for a rebuild instead of reaching the UI', async () => {
    await putTickets(db, [ticket(1)]);
    const threadId = ticket(1).threadId;
    await db.put('tickets', {
      ...ticket(1),
      status: 'Lost',
      subject: 'secret customer text',
      tagKeys: [],
    } as never);
    const reports: CorruptRecordReport[] = [];
    expect(await getTicket(db, threadId, (r) => reports.push(r))).toBeUndefined();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.problems.join(' ')).toContain('status');
    expect(JSON.stringify(reports)).not.toContain('secret customer text');
    expect(await threadsToRebuild(db)).toEqual([threadId]);
    expect((await readQueue(db, { kind: 'all-open' }, { limit: 10, now: t0 })).total).toBe(0);
    // The rebuilt record clears the mark.
    await putTickets(db, [ticket(1)]);
    expect(await threadsToRebuild(db)).toEqual([]);
  });

  it('is refused on write, so the store never holds what it would reject on read', async () => {
    await expect(putTickets(db, [ticket(1, { reference: 'not a reference' })])).rejects.toThrow(/reference/);
    expect(await getTicket(db, ticket(1).threadId)).toBeUndefined();
  });
});

describe('customer history', () => {
  it('finds earlier tickets of the sender and of their company, but not of everyone at a free mail provider', async () => {
    await putTickets(db, [
      ticket(1, { requester: { email: 'Jan@Firma.pl' }, createdAt: t0 }),
      ticket(2, { requester: { email: 'jan@firma.pl' }, createdAt: t0 + HOUR }),
      ticket(3, { requester: { email: 'ewa@firma.pl' } }),
      ticket(4, { requester: { email: 'a@gmail.com' } }),
      ticket(5, { requester: { email: 'b@gmail.com' } }),
    ]);
    const history = await ticketsOfRequester(db, 'JAN@firma.pl');
    expect(history.sameSender.map((t) => t.subject)).toEqual(['Ticket 2', 'Ticket 1']);
    expect(history.sameDomain.map((t) => t.subject)).toEqual(['Ticket 3']);
    expect((await ticketsOfRequester(db, 'a@gmail.com')).sameDomain).toEqual([]);
  });
});

describe('the outbox', () => {
  const thread = ticket(1).threadId;

  it('merges quick changes to one thread into one modify', async () => {
    await enqueueChange(
      db,
      { threadId: thread, add: ['Helpdesk/Status/Open'], remove: ['Helpdesk/Status/New'] },
      t0,
    );
    await enqueueChange(
      db,
      { threadId: thread, add: ['Helpdesk/Status/Solved'], remove: ['Helpdesk/Status/Open'] },
      t0 + 1,
    );
    const pending = await pendingChanges(db, thread);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      add: ['Helpdesk/Status/Solved'],
      remove: ['Helpdesk/Status/New', 'Helpdesk/Status/Open'],
    });
  });

  it('never merges into a change that is being sent, so a later click is not lost with it', async () => {
    await enqueueChange(db, { threadId: thread, add: ['A'], remove: [] }, t0);
    const [claimed] = await claimDueChanges(db, t0, 20);
    await enqueueChange(db, { threadId: thread, add: ['B'], remove: [] }, t0 + 1);
    expect(await pendingChanges(db, thread)).toHaveLength(2);
    // The second waits for the first: one thread's changes go out in order.
    expect(await claimDueChanges(db, t0 + 2, 20)).toEqual([]);
    await completeChange(db, claimed?.seq ?? -1);
    expect((await claimDueChanges(db, t0 + 3, 20)).map((c) => c.add)).toEqual([['B']]);
  });

  it('retries after a failure at the time the caller chose, and reclaims changes whose sender died', async () => {
    await enqueueChange(db, { threadId: thread, add: ['A'], remove: [] }, t0);
    const [first] = await claimDueChanges(db, t0, 20);
    await failChange(db, first?.seq ?? -1, '429 rateLimitExceeded', t0 + 5_000);
    expect(await claimDueChanges(db, t0 + 4_999, 20)).toEqual([]);
    const [retry] = await claimDueChanges(db, t0 + 5_000, 20);
    expect(retry).toMatchObject({ attempts: 1, lastError: '429 rateLimitExceeded' });
    // The service worker is killed while sending: the mark goes stale and the change is sent again.
    expect(await claimDueChanges(db, t0 + 5_000 + STALE_SENDING_MS - 1, 20)).toEqual([]);
    expect(await claimDueChanges(db, t0 + 5_000 + STALE_SENDING_MS, 20)).toHaveLength(1);
  });

  it('survives closing and reopening the database (a browser restart)', async () => {
    await enqueueChange(db, { threadId: thread, add: ['A'], remove: [] }, t0);
    db.close();
    db = await openLabeldeskDatabase(`support${mailbox}@northwind-shop.example`);
    expect(await pendingChanges(db, thread)).toHaveLength(1);
  });

  it('merges as applying one change after the other', () => {
    expect(mergeChanges({ add: ['A', 'B'], remove: ['C'] }, { add: ['C'], remove: ['B', 'D'] })).toEqual({
      add: ['A', 'C'],
      remove: ['B', 'D'],
    });
  });
});

describe('cursors', () => {
  it('only move forward, compared as numbers', async () => {
    expect(await advanceCursor(db, 'history', '99999', t0)).toBe(true);
    expect(await advanceCursor(db, 'history', '100000', t0)).toBe(true);
    expect(await advanceCursor(db, 'history', '99999', t0)).toBe(false);
    expect((await readCursor(db, 'history'))?.historyId).toBe('100000');
  });

  it('forget a damaged cursor, which only costs a full sync', async () => {
    await db.put('cursors', { name: 'history', historyId: 'x', updatedAt: 1 });
    expect(await readCursor(db, 'history')).toBeUndefined();
  });
});
