import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueuePage, type QueuePage } from '../../scripts/bench/queue-browser';
import type { ListedQueueId } from '../../scripts/bench/queue-page/entry';
import {
  QUEUE_BENCH_AGENTS,
  QUEUE_BENCH_GROUPS,
  QUEUE_BENCH_NOW,
  queueBenchTickets,
} from '../../scripts/bench/queue-tickets';
import type { QueueId } from '../../src/core/queues';
import type { TicketInput } from '../../src/store/ticket-store';

/**
 * The store's queues in Chromium's real IndexedDB (the unit tests use fake-indexeddb): 2,000 seeded tickets
 * stored through `putTickets`, every queue read page by page through `readQueue` and counted through
 * `countQueues`, against the same tickets filtered and sorted in plain memory here.
 */

const MAILBOX = 'queue-test@shop.example';
const SEED = 11;
const TICKETS = 2_000;
const PAGE_ROWS = 50;

const ACTIVE = new Set(['New', 'Open', 'Pending', 'On hold']);
/** Urgent first; a ticket with no priority counts as Normal. */
const PRIORITY_ORDER: Record<string, number> = { Urgent: 0, High: 1, Normal: 2, Low: 3 };

/** Which tickets a queue shows, written out from PRODUCT.md's queue rules rather than the store's code. */
function belongs(queue: QueueId, ticket: TicketInput): boolean {
  if (!ACTIVE.has(ticket.status)) return false;
  const lower = (text: string | undefined) => text?.toLowerCase();
  switch (queue.kind) {
    case 'all-open':
      return ticket.status === 'New' || ticket.status === 'Open';
    case 'pending':
      return ticket.status === 'Pending';
    case 'on-hold':
      return ticket.status === 'On hold';
    case 'unassigned':
      return ticket.assignee === undefined;
    case 'mine':
      return lower(ticket.assignee) === lower(queue.agent);
    case 'group':
      return lower(ticket.group) === lower(queue.group);
    case 'tag':
      return ticket.tags.some(
        (tag) =>
          tag.what.toLowerCase() === queue.tag.toLowerCase() ||
          (tag.why !== undefined && `${tag.what}/${tag.why}`.toLowerCase() === queue.tag.toLowerCase()),
      );
    case 'overdue':
      return ticket.slaDueAt !== undefined && ticket.slaDueAt <= QUEUE_BENCH_NOW;
  }
}

/** Priority, then SLA due (none last), then oldest, then thread id: the order every browser must agree on. */
function queueOrder(a: TicketInput, b: TicketInput): number {
  return (
    (PRIORITY_ORDER[a.priority ?? 'Normal'] ?? 2) - (PRIORITY_ORDER[b.priority ?? 'Normal'] ?? 2) ||
    (a.slaDueAt ?? Number.MAX_SAFE_INTEGER) - (b.slaDueAt ?? Number.MAX_SAFE_INTEGER) ||
    a.createdAt - b.createdAt ||
    (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0)
  );
}

function expectedQueue(tickets: readonly TicketInput[], queue: QueueId): string[] {
  return tickets
    .filter((ticket) => belongs(queue, ticket))
    .sort(queueOrder)
    .map((ticket) => ticket.threadId);
}

const LISTED: ListedQueueId[] = [
  { kind: 'all-open' },
  { kind: 'pending' },
  { kind: 'on-hold' },
  { kind: 'unassigned' },
  ...QUEUE_BENCH_AGENTS.map((agent) => ({ kind: 'mine' as const, agent })),
  // Agents and groups are matched without regard to case, as Gmail label names are.
  { kind: 'mine', agent: 'ANNA@shop.example' },
  ...QUEUE_BENCH_GROUPS.map((group) => ({ kind: 'group' as const, group })),
  { kind: 'tag', tag: 'Shipping' },
  { kind: 'tag', tag: 'shipping/late by shipper' },
  { kind: 'tag', tag: 'Refund/Damaged item' },
  { kind: 'tag', tag: 'VIP' },
];
const ALL_QUEUES: QueueId[] = [...LISTED, { kind: 'overdue' }];

async function readWholeQueue(
  page: Page,
  queue: QueueId,
): Promise<{ threadIds: string[]; totals: number[] }> {
  const threadIds: string[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const read = await page.evaluate((args) => window.labeldeskQueueBench.readQueueIds(args), {
      mailbox: MAILBOX,
      queue,
      limit: PAGE_ROWS,
      offset,
      now: QUEUE_BENCH_NOW,
    });
    expect(read.threadIds.length).toBeLessThanOrEqual(PAGE_ROWS);
    threadIds.push(...read.threadIds);
    totals.push(read.total);
    if (read.threadIds.length < PAGE_ROWS) return { threadIds, totals };
  }
}

describe("store queues in Chromium's IndexedDB", () => {
  let bench: QueuePage;
  let tickets: TicketInput[];

  beforeAll(async () => {
    tickets = queueBenchTickets(SEED, 0, TICKETS);
    bench = await openQueuePage();
    const fill = await bench.page.evaluate((args) => window.labeldeskQueueBench.fill(args), {
      mailbox: MAILBOX,
      seed: SEED,
      count: TICKETS,
      batchSize: 500,
    });
    expect(fill.batchMs).toHaveLength(TICKETS / 500);
  });

  afterAll(async () => {
    await bench?.close();
  });

  it('the seeded mailbox fills every kind of queue', () => {
    for (const queue of ALL_QUEUES) expect(expectedQueue(tickets, queue).length).toBeGreaterThan(PAGE_ROWS);
  });

  it('pages every queue in priority, then SLA due order, with the same tickets as a plain filter', async () => {
    for (const queue of ALL_QUEUES) {
      const expected = expectedQueue(tickets, queue);
      const read = await readWholeQueue(bench.page, queue);
      expect(read.threadIds, JSON.stringify(queue)).toEqual(expected);
      expect(new Set(read.totals), JSON.stringify(queue)).toEqual(new Set([expected.length]));
    }
  });

  it('counts the queue list like a plain filter', async () => {
    const counts = await bench.page.evaluate((args) => window.labeldeskQueueBench.countQueues(args), {
      mailbox: MAILBOX,
      queues: LISTED,
    });
    expect(counts).toEqual(LISTED.map((queue) => expectedQueue(tickets, queue).length));
  });

  it('moves changed tickets between queues and leaves no stale entry behind', async () => {
    // Anna's first 60 open tickets are solved, the next 60 go to Bram with a new priority and group.
    const annas = tickets.filter(
      (ticket) => ticket.assignee === QUEUE_BENCH_AGENTS[0] && ACTIVE.has(ticket.status),
    );
    const changed: TicketInput[] = [
      ...annas.slice(0, 60).map((ticket) => ({ ...ticket, status: 'Solved' as const })),
      ...annas.slice(60, 120).map((ticket) => ({
        ...ticket,
        assignee: QUEUE_BENCH_AGENTS[1],
        priority: 'Urgent' as const,
        group: 'Returns',
      })),
    ];
    expect(changed).toHaveLength(120);
    await bench.page.evaluate((args) => window.labeldeskQueueBench.put(args), {
      mailbox: MAILBOX,
      tickets: changed,
    });
    const byId = new Map(tickets.map((ticket) => [ticket.threadId, ticket]));
    for (const ticket of changed) byId.set(ticket.threadId, ticket);
    const now = [...byId.values()];
    for (const queue of ALL_QUEUES) {
      const read = await readWholeQueue(bench.page, queue);
      expect(read.threadIds, JSON.stringify(queue)).toEqual(expectedQueue(now, queue));
    }
  });
});
