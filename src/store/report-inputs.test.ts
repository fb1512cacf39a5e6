import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketFacts } from '../core/metrics/facts';
import { type LabeldeskDatabase, openLabeldeskDatabase } from './db';
import {
  FACTS_SNAPSHOT,
  readReportInputs,
  requestTimelines,
  SNAPSHOT_REFRESH_ROWS,
  saveCsatSnapshot,
  saveFactsSnapshot,
  ticketFactsOf,
  timelinesRequestedAt,
} from './report-inputs';
import type { StoredSharedRecord } from './schema';
import { HOUR, t0, ticket } from './test-tickets';
import { deleteTicket, putTickets } from './ticket-store';

let mailbox = 0;
let db: LabeldeskDatabase;

beforeEach(async () => {
  mailbox += 1;
  db = await openLabeldeskDatabase(`reports${mailbox}@northwind-shop.example`);
});
afterEach(() => db.close());

function csat(threadId: string, n: number, fields: Record<string, unknown> = {}): StoredSharedRecord {
  return {
    kind: 'csat',
    id: `de300000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    threadId,
    rating: 'good',
    answerMessageId: threadId,
    answeredAt: t0 + 5 * HOUR,
    createdAt: t0 + 5 * HOUR,
    messageId: `m${n}`,
    ...fields,
  } as StoredSharedRecord;
}

describe('readReportInputs', () => {
  it('turns rows into ticket facts: complete with a timeline, partial without, tags as paths', async () => {
    const solved = ticket(1, {
      status: 'Solved',
      priority: 'High',
      assignee: 'Yuki Tanaka',
      group: 'Shipping',
      requester: { email: 'Ewa.Nowak@Example.PL', name: 'Ewa' },
      tags: [{ what: 'Shipping', why: 'Late by shipper' }, { what: 'Pre-sales' }],
      firstResponseAt: t0 + HOUR,
      timeline: {
        customer: [t0 + 1000, t0 + 3 * HOUR],
        team: [t0 + HOUR, t0 + 4 * HOUR],
        solves: [t0 + 4 * HOUR],
      },
    });
    const partial = ticket(2, { firstResponseAt: t0 + 2 * HOUR });
    const fresh = ticket(3, { status: 'New', hasMetadata: false });
    await putTickets(db, [solved, partial, fresh]);
    const { facts, csat: answers, skipped } = await readReportInputs(db);
    expect(skipped).toBe(0);
    expect(answers).toEqual([]);
    const byId = new Map(facts.map((f) => [f.threadId, f]));
    expect(byId.get(solved.threadId)).toEqual({
      threadId: solved.threadId,
      reference: solved.reference,
      subject: 'Ticket 1',
      requester: 'ewa.nowak@example.pl',
      createdAt: t0 + 1000,
      status: 'Solved',
      priority: 'High',
      assignee: 'Yuki Tanaka',
      group: 'Shipping',
      tags: ['Shipping/Late by shipper', 'Pre-sales'],
      customerMessages: [t0 + 1000, t0 + 3 * HOUR],
      teamReplies: [t0 + HOUR, t0 + 4 * HOUR],
      solves: [t0 + 4 * HOUR],
      complete: true,
    });
    expect(byId.get(partial.threadId)).toMatchObject({
      customerMessages: [t0 + 2000],
      teamReplies: [t0 + 2 * HOUR],
      solves: [],
      complete: false,
    });
    expect(byId.get(fresh.threadId)).toMatchObject({ teamReplies: [], complete: false, status: 'New' });
    expect(byId.get(fresh.threadId)).not.toHaveProperty('requester');
  });

  it('reads the CSAT answers by kind, leaving notes and malformed rows out and counting them', async () => {
    const a = ticket(1);
    await putTickets(db, [a]);
    await db.put('tickets', {
      ...(await db.get('tickets', a.threadId)),
      threadId: 'bad',
      status: 'Lost',
    } as never);
    await db.put('records', csat(a.threadId, 1, { rating: 'bad', comment: 'Too slow', effort: 2 }));
    await db.put('records', csat(a.threadId, 2));
    await db.put('records', csat(a.threadId, 3, { rating: 'meh' }));
    await db.put('records', {
      kind: 'note',
      id: 'de300000-0000-4000-8000-000000000009',
      threadId: a.threadId,
      author: 'Anna',
      body: 'not an answer',
      mentions: [],
      createdAt: t0,
      messageId: 'n1',
    });
    const { facts, csat: answers, skipped } = await readReportInputs(db);
    expect(facts.map((f) => f.threadId)).toEqual([a.threadId]);
    expect(skipped).toBe(2);
    expect(answers).toEqual([
      { threadId: a.threadId, rating: 'bad', effort: 2, comment: 'Too slow', answeredAt: t0 + 5 * HOUR },
      { threadId: a.threadId, rating: 'good', answeredAt: t0 + 5 * HOUR },
    ]);
  });

  it('converts rows by hand, sharing the tag lists of tickets with one tag', () => {
    const base = ticket(0);
    const rows = Array.from({ length: 1_000 }, (_, n) => ({
      ...base,
      threadId: n.toString(16).padStart(16, '0'),
      requester: { email: `Customer${n % 50}@Example.com` },
      requesterEmail: `customer${n % 50}@example.com`,
      tags: [{ what: 'Shipping', why: 'Late by shipper' }],
      tagKeys: ['shipping', 'shipping/late by shipper'],
    }));
    const { facts, skipped } = ticketFactsOf(rows);
    expect(skipped).toBe(0);
    expect(facts).toHaveLength(1_000);
    expect(facts[51]?.requester).toBe('customer1@example.com');
    expect(facts[0]?.tags).toEqual(['Shipping/Late by shipper']);
    expect(facts[999]?.tags).toBe(facts[0]?.tags);
  });
});

describe('the facts snapshot', () => {
  const timeline = { customer: [t0, t0 + 3 * HOUR], team: [t0 + HOUR], solves: [t0 + 2 * HOUR] };
  const sorted = (facts: TicketFacts[]) => [...facts].sort((a, b) => a.threadId.localeCompare(b.threadId));

  async function saveSnapshot() {
    const inputs = await readReportInputs(db);
    if (!inputs.staleSnapshot) throw new Error('expected a snapshot to save');
    expect(await saveFactsSnapshot(db, inputs.facts, inputs.staleSnapshot)).toBe(true);
    return inputs;
  }

  it('is saved after a read of every row, then read with the rows written since', async () => {
    await putTickets(db, [
      ticket(1, { timeline, tags: [{ what: 'Billing' }], assignee: 'Anna' }),
      ticket(2),
      ticket(3, { requester: { email: 'Jan@Example.pl' } }),
    ]);
    const first = await saveSnapshot();
    expect(first.source).toBe('rows');

    const again = await readReportInputs(db);
    expect(again.source).toBe('snapshot');
    expect(again.staleSnapshot).toBeUndefined();
    expect(sorted(again.facts)).toEqual(sorted(first.facts));

    // A ticket changed and one added since the snapshot: read from their rows, the rest from the snapshot.
    await putTickets(db, [ticket(2, { status: 'Solved', timeline }), ticket(4, { group: 'Returns' })]);
    const patched = await readReportInputs(db);
    expect(patched.source).toBe('snapshot');
    const everyRow = ticketFactsOf(await db.getAll('tickets')).facts;
    expect(sorted(patched.facts)).toEqual(sorted(everyRow));
    expect(patched.facts.find((f) => f.threadId === ticket(2).threadId)).toMatchObject({
      status: 'Solved',
      complete: true,
    });
  });

  it('is not trusted when a ticket it holds was deleted, damaged, or older than the store', async () => {
    await putTickets(db, [ticket(1), ticket(2)]);
    await saveSnapshot();
    // Deleted (and another added): every row is read again.
    await deleteTicket(db, ticket(1).threadId);
    expect((await readReportInputs(db)).source).toBe('rows');
    await putTickets(db, [ticket(3)]);
    const afterDelete = await readReportInputs(db);
    expect(afterDelete.source).toBe('rows');
    expect(afterDelete.facts.map((f) => f.threadId).sort()).toEqual([ticket(2).threadId, ticket(3).threadId]);

    // Saved again after that read, it is used again (the delete moved the change number).
    await saveSnapshot();
    expect((await readReportInputs(db)).source).toBe('snapshot');

    // Damaged: a column cut short.
    const stored = (await db.get('meta', FACTS_SNAPSHOT)) as Record<string, unknown>;
    await db.put('meta', { ...stored, createdAt: new Float64Array(1) }, FACTS_SNAPSHOT);
    const damaged = await readReportInputs(db);
    expect(damaged.source).toBe('rows');
    expect(damaged.facts).toHaveLength(2);
  });

  it('keeps leaving out a malformed row it skipped until that row is written again', async () => {
    await putTickets(db, [ticket(1), ticket(2)]);
    const row = await db.get('tickets', ticket(2).threadId);
    await db.put('tickets', { ...row, status: 'Lost' } as never);
    const first = await saveSnapshot();
    expect(first.skipped).toBe(1);
    const again = await readReportInputs(db);
    expect(again).toMatchObject({ source: 'snapshot', skipped: 1 });
    await putTickets(db, [ticket(2)]);
    const fixed = await readReportInputs(db);
    expect(fixed).toMatchObject({ source: 'snapshot', skipped: 0 });
    expect(fixed.facts.map((f) => f.threadId).sort()).toEqual([ticket(1).threadId, ticket(2).threadId]);
  });

  it('asks to be saved again when many rows changed, and never replaces a newer one', async () => {
    await putTickets(db, [ticket(1)]);
    const old = await saveSnapshot();
    await putTickets(
      db,
      Array.from({ length: SNAPSHOT_REFRESH_ROWS }, (_, n) => ticket(n + 10)),
    );
    const many = await readReportInputs(db);
    expect(many.source).toBe('snapshot');
    expect(many.facts).toHaveLength(SNAPSHOT_REFRESH_ROWS + 1);
    if (!many.staleSnapshot) throw new Error('expected a snapshot to save');
    expect(await saveFactsSnapshot(db, many.facts, many.staleSnapshot)).toBe(true);
    // A page that read before the change finishes saving last: the newer snapshot stays. One that read the
    // same state may replace it (the same number means the same tickets).
    expect(await saveFactsSnapshot(db, many.facts, many.staleSnapshot)).toBe(true);
    if (!old.staleSnapshot) throw new Error('expected a snapshot');
    expect(await saveFactsSnapshot(db, old.facts, old.staleSnapshot)).toBe(false);
    const latest = await readReportInputs(db);
    expect(latest).toMatchObject({ source: 'snapshot' });
    expect(latest.staleSnapshot).toBeUndefined();
    expect(latest.facts).toHaveLength(SNAPSHOT_REFRESH_ROWS + 1);
  });
});

describe('the CSAT snapshot', () => {
  it('is read while the store holds as many answers, and read again when one is added', async () => {
    const a = ticket(1);
    await putTickets(db, [a]);
    await db.put('records', csat(a.threadId, 1, { rating: 'bad', comment: 'Too slow', effort: 2 }));
    await db.put('records', csat(a.threadId, 2, { rating: 'meh' }));
    const first = await readReportInputs(db);
    expect(first.staleCsat).toEqual({ count: 2, skipped: 1 });
    if (!first.staleCsat) throw new Error('expected answers to save');
    await saveCsatSnapshot(db, first.csat, first.staleCsat);

    const again = await readReportInputs(db);
    expect(again.staleCsat).toBeUndefined();
    expect(again.csat).toEqual(first.csat);
    expect(again.skipped).toBe(1);

    await db.put('records', csat(a.threadId, 3, { answeredAt: t0 + 9 * HOUR }));
    const added = await readReportInputs(db);
    expect(added.staleCsat).toEqual({ count: 3, skipped: 1 });
    expect(added.csat.map((c) => c.answeredAt).sort()).toEqual([t0 + 5 * HOUR, t0 + 9 * HOUR]);
  });
});

describe('timeline requests', () => {
  it('are remembered in the mailbox’s store', async () => {
    expect(await timelinesRequestedAt(db)).toBeUndefined();
    await requestTimelines(db, t0);
    expect(await timelinesRequestedAt(db)).toBe(t0);
  });
});
