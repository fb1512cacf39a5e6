/**
 * Queues: the lists agents work from (PRODUCT.md "Team work"). A queue is a named filter over tickets,
 * sorted by priority, then by SLA due (PRODUCT.md "Tickets": priority first, S004 L43-47).
 *
 * Membership that does not depend on the clock is expressed as queue keys, so the store can keep one
 * sorted index per queue and read a page without scanning every ticket. "Overdue" depends on the clock
 * and is answered from the SLA-due index instead.
 */
import { ACTIVE_STATUSES, priorityRank, type Ticket, type TicketStatus, tagPath } from './ticket';

export type QueueId =
  | { kind: 'unassigned' }
  | { kind: 'mine'; agent: string }
  | { kind: 'all-open' }
  | { kind: 'pending' }
  | { kind: 'on-hold' }
  | { kind: 'overdue' }
  | { kind: 'group'; group: string }
  | { kind: 'tag'; tag: string };

/** Statuses of "All open": the tickets the team must act on now. */
const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set(['New', 'Open']);

/** A stable string for a clock-independent queue, used as the first part of the store's index key. */
export function queueKey(queue: Exclude<QueueId, { kind: 'overdue' }>): string {
  switch (queue.kind) {
    case 'mine':
      return `mine:${queue.agent.toLowerCase()}`;
    case 'group':
      return `group:${queue.group.toLowerCase()}`;
    case 'tag':
      return `tag:${queue.tag.toLowerCase()}`;
    default:
      return queue.kind;
  }
}

export type QueueFields = Pick<Ticket, 'status' | 'assignee' | 'group' | 'tags'>;

/** Every clock-independent queue the ticket belongs to. Finished tickets belong to none. */
export function queueKeysOf(ticket: QueueFields): string[] {
  if (!ACTIVE_STATUSES.has(ticket.status)) return [];
  const keys: string[] = [];
  if (OPEN_STATUSES.has(ticket.status)) keys.push(queueKey({ kind: 'all-open' }));
  if (ticket.status === 'Pending') keys.push(queueKey({ kind: 'pending' }));
  if (ticket.status === 'On hold') keys.push(queueKey({ kind: 'on-hold' }));
  if (ticket.assignee === undefined) keys.push(queueKey({ kind: 'unassigned' }));
  else keys.push(queueKey({ kind: 'mine', agent: ticket.assignee }));
  if (ticket.group !== undefined) keys.push(queueKey({ kind: 'group', group: ticket.group }));
  const tagKeys = new Set<string>();
  for (const tag of ticket.tags) {
    // A what/why tag also files the ticket under its "what", so "Shipping" shows every shipping ticket.
    tagKeys.add(queueKey({ kind: 'tag', tag: tag.what }));
    if (tag.why !== undefined) tagKeys.add(queueKey({ kind: 'tag', tag: tagPath(tag) }));
  }
  keys.push(...tagKeys);
  return keys;
}

/** A ticket with no SLA clock sorts after every ticket that has one. */
export const NO_DUE_DATE = Number.MAX_SAFE_INTEGER;

/**
 * The sort key inside a queue: higher priority first, then the earliest SLA due, then the oldest,
 * then the thread id so the order is total and the same in every browser.
 */
export function queueSortKey(
  ticket: Pick<Ticket, 'priority' | 'createdAt' | 'threadId'> & { slaDueAt?: number },
): [number, number, number, string] {
  return [
    3 - priorityRank(ticket.priority),
    ticket.slaDueAt ?? NO_DUE_DATE,
    ticket.createdAt,
    ticket.threadId,
  ];
}

export function compareQueueOrder(
  a: Parameters<typeof queueSortKey>[0],
  b: Parameters<typeof queueSortKey>[0],
): number {
  const ka = queueSortKey(a);
  const kb = queueSortKey(b);
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] as number | string;
    const y = kb[i] as number | string;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

export function isOverdue(ticket: Pick<Ticket, 'status'> & { slaDueAt?: number }, now: number): boolean {
  return ACTIVE_STATUSES.has(ticket.status) && ticket.slaDueAt !== undefined && ticket.slaDueAt <= now;
}
