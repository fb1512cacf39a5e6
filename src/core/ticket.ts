/**
 * The ticket model. A ticket is a Gmail thread plus the helpdesk state its labels carry
 * (DESIGN.md section 1); nothing here knows about labels, IndexedDB or the browser.
 */
import { ticketReference } from './ticket-reference';

export const TICKET_STATUSES = ['New', 'Open', 'Pending', 'On hold', 'Solved', 'Closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Ordered from least to most urgent, so a rank comparison sorts queues. */
export const TICKET_PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Statuses in which the team still owes the customer something. */
export const ACTIVE_STATUSES: ReadonlySet<TicketStatus> = new Set(['New', 'Open', 'Pending', 'On hold']);

/**
 * A tag says what the ticket is about and, optionally, why (PRODUCT.md "Tagging strategy"):
 * `Shipping` or `Shipping/Late by shipper`.
 */
export interface TicketTag {
  what: string;
  why?: string;
}

export interface Requester {
  email: string;
  name?: string;
}

/** The part of a ticket that lives in Gmail labels and so is shared by every agent. */
export interface TicketLabelState {
  status: TicketStatus;
  priority?: TicketPriority;
  assignee?: string;
  group?: string;
  tags: TicketTag[];
}

export interface Ticket extends TicketLabelState {
  threadId: string;
  reference: string;
  subject: string;
  requester?: Requester;
  /** Epoch milliseconds. */
  createdAt: number;
  firstResponseAt?: number;
  lastCustomerMessageAt?: number;
  solvedAt?: number;
}

export function newTicket(init: {
  threadId: string;
  subject: string;
  createdAt: number;
  requester?: Requester;
}): Ticket {
  return {
    threadId: init.threadId,
    reference: ticketReference(init.threadId),
    subject: init.subject,
    createdAt: init.createdAt,
    ...(init.requester ? { requester: init.requester } : {}),
    lastCustomerMessageAt: init.createdAt,
    status: 'New',
    tags: [],
  };
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isTicketPriority(value: string): value is TicketPriority {
  return (TICKET_PRIORITIES as readonly string[]).includes(value);
}

export function priorityRank(priority: TicketPriority | undefined): number {
  // A ticket nobody prioritised counts as Normal: it must not sink below Low ones.
  return TICKET_PRIORITIES.indexOf(priority ?? 'Normal');
}

export function tagPath(tag: TicketTag): string {
  return tag.why === undefined ? tag.what : `${tag.what}/${tag.why}`;
}

export function sameTag(a: TicketTag, b: TicketTag): boolean {
  return a.what === b.what && a.why === b.why;
}

/**
 * A customer's new message. Solved and Pending tickets go back to Open (PRODUCT.md "Tickets"); the
 * caller learns whether it was a reopen, which reports count and which cancels a scheduled survey.
 */
export function onCustomerMessage(ticket: Ticket, at: number): { ticket: Ticket; reopened: boolean } {
  const reopened = ticket.status === 'Solved' || ticket.status === 'Pending';
  const next: Ticket = { ...ticket, lastCustomerMessageAt: Math.max(ticket.lastCustomerMessageAt ?? 0, at) };
  if (reopened) {
    next.status = 'Open';
    delete next.solvedAt;
  }
  return { ticket: next, reopened };
}

/** The team's reply: the first one sets the first-response time; a New ticket becomes Open. */
export function onTeamReply(ticket: Ticket, at: number): Ticket {
  const next: Ticket = { ...ticket };
  if (next.firstResponseAt === undefined || at < next.firstResponseAt) next.firstResponseAt = at;
  if (next.status === 'New') next.status = 'Open';
  return next;
}

/** A status change made by an agent, keeping the solved timestamp honest. */
export function withStatus(ticket: Ticket, status: TicketStatus, at: number): Ticket {
  const next: Ticket = { ...ticket, status };
  if (status === 'Solved' || status === 'Closed') next.solvedAt = ticket.solvedAt ?? at;
  else delete next.solvedAt;
  return next;
}
