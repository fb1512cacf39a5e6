/**
 * A deterministic helpdesk mailbox for the queue benchmark and its browser test: the same seed gives the
 * same tickets in Node and in the page, so the test can compute the expected queues without the store.
 * The mix follows a busy shared inbox: most tickets finished, a few agents, some unassigned work, groups,
 * what/why tags, SLA clocks on the active ones and customers who write more than once.
 */
import type { TicketPriority, TicketStatus, TicketTag } from '../../src/core/ticket';
import { ticketReference } from '../../src/core/ticket-reference';
import type { TicketInput } from '../../src/store/ticket-store';

/** The bench's clock: SLA due times fall on both sides of it, so "overdue" is never empty. */
export const QUEUE_BENCH_NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

export const QUEUE_BENCH_AGENTS = [
  'anna@shop.example',
  'bram@shop.example',
  'chen@shop.example',
  'dana@shop.example',
] as const;

export const QUEUE_BENCH_GROUPS = ['Billing', 'Shipping', 'Returns', 'Technical'] as const;

const TAG_VOCABULARY: readonly TicketTag[] = [
  { what: 'Shipping' },
  { what: 'Shipping', why: 'Late by shipper' },
  { what: 'Shipping', why: 'Wrong address' },
  { what: 'Refund' },
  { what: 'Refund', why: 'Damaged item' },
  { what: 'Invoice' },
  { what: 'Login' },
  { what: 'Login', why: 'Password reset' },
  { what: 'Bug' },
  { what: 'Feature request' },
  { what: 'VIP' },
  { what: 'Complaint' },
];

const COMPANY_DOMAINS = ['acme.example', 'globex.example', 'initech.example', 'umbrella.example'];
const PUBLIC_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com'];
const SUBJECTS = ['Where is my order', 'Refund please', 'Cannot log in', 'Invoice question', 'Broken item'];

/** Weighted choices: [value, weight] with weights summing to 100. */
const STATUS_MIX: readonly (readonly [TicketStatus, number])[] = [
  ['New', 10],
  ['Open', 20],
  ['Pending', 10],
  ['On hold', 5],
  ['Solved', 30],
  ['Closed', 25],
];
const PRIORITY_MIX: readonly (readonly [TicketPriority | undefined, number])[] = [
  [undefined, 40],
  ['Low', 10],
  ['Normal', 25],
  ['High', 18],
  ['Urgent', 7],
];

/** mulberry32: small, fast and good enough to spread tickets over queues; the same in every engine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(random: () => number, mix: readonly (readonly [T, number])[]): T {
  let roll = random() * 100;
  for (const [value, weight] of mix) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (mix[mix.length - 1] as readonly [T, number])[0];
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

const HOUR = 3_600_000;
/** Customers write about five tickets each over 100,000 tickets; a fixed pool keeps slices independent. */
const CUSTOMERS = 20_000;
const DAY = 24 * HOUR;

/**
 * Tickets `from` up to `from + count` of the seeded mailbox. Generating in slices gives the same tickets
 * as generating all at once, so the page can fill 100,000 tickets a batch at a time.
 */
export function queueBenchTickets(seed: number, from: number, count: number): TicketInput[] {
  const tickets: TicketInput[] = [];
  for (let i = from; i < from + count; i++) {
    // One generator per ticket keeps slices independent of each other.
    const random = seededRandom((seed * 0x9e3779b1) ^ (i * 0x85ebca6b));
    const status = weighted(random, STATUS_MIX);
    const priority = weighted(random, PRIORITY_MIX);
    const assigneeRoll = Math.floor(random() * 5);
    const assignee = assigneeRoll < QUEUE_BENCH_AGENTS.length ? QUEUE_BENCH_AGENTS[assigneeRoll] : undefined;
    const group = random() < 0.8 ? pick(random, QUEUE_BENCH_GROUPS) : undefined;
    const tags: TicketTag[] = [];
    const tagCount = Math.floor(random() * 4);
    for (let t = 0; t < tagCount; t++) {
      const tag = pick(random, TAG_VOCABULARY);
      if (!tags.some((other) => other.what === tag.what && other.why === tag.why)) tags.push(tag);
    }
    const createdAt = QUEUE_BENCH_NOW - Math.floor(random() * 180 * DAY);
    const active = status !== 'Solved' && status !== 'Closed';
    // Active tickets mostly run an SLA clock; about a quarter of those are already past due.
    const slaDueAt =
      random() < (active ? 0.9 : 0.3)
        ? active
          ? QUEUE_BENCH_NOW + Math.floor((random() - 0.25) * 72 * HOUR)
          : createdAt + Math.floor(random() * 72 * HOUR)
        : undefined;
    const customer = Math.floor(random() * CUSTOMERS);
    const domain =
      customer % 3 === 0 ? pick(random, COMPANY_DOMAINS) : PUBLIC_DOMAINS[customer % PUBLIC_DOMAINS.length];
    const threadId = `19${i.toString(16).padStart(14, '0')}`;
    const ticket: TicketInput = {
      threadId,
      reference: ticketReference(threadId),
      subject: `${pick(random, SUBJECTS)} (${i})`,
      requester: { email: `customer${customer}@${domain}`, name: `Customer ${customer}` },
      status,
      tags,
      createdAt,
      lastCustomerMessageAt: createdAt + Math.floor(random() * DAY),
      labelIds: ['INBOX', `Label_status_${status}`],
      historyId: String(1_000_000 + i),
      hasMetadata: true,
    };
    if (priority !== undefined) ticket.priority = priority;
    if (assignee !== undefined) ticket.assignee = assignee;
    if (group !== undefined) ticket.group = group;
    if (slaDueAt !== undefined) ticket.slaDueAt = slaDueAt;
    if (!active) ticket.solvedAt = createdAt + Math.floor(random() * 3 * DAY);
    tickets.push(ticket);
  }
  return tickets;
}
