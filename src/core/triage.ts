/**
 * What sync does on its own when mail arrives (issue 3, "Which threads are tickets"): a new customer thread
 * becomes a New ticket, and a customer's new message on a Solved or Pending ticket reopens it. Pure
 * decisions; the sync engine applies them through the outbox like any agent's change.
 */
import type { TicketLabelState } from './ticket';
import { decideTicket, type MessageHeader, type TicketRule } from './ticket-rule';

export interface ArrivedMessage {
  labelIds: readonly string[];
  headers: readonly MessageHeader[];
}

/** A thread with no status label whose first message the rule accepts becomes a New ticket. */
export function newTicketState(
  firstMessage: ArrivedMessage,
  threadLabelIds: readonly string[],
  rule: TicketRule,
): TicketLabelState | null {
  const decision = decideTicket(
    { labelIds: threadLabelIds, firstMessageHeaders: firstMessage.headers },
    rule,
  );
  return decision.ticket ? { status: 'New', tags: [] } : null;
}

/**
 * The state after a message arrives on an existing ticket, or null when nothing changes. Only a person
 * outside the team reopens: the team's own replies, auto-replies, bounces and our own records do not.
 */
export function stateAfterArrival(
  current: TicketLabelState,
  message: ArrivedMessage,
  rule: TicketRule,
): TicketLabelState | null {
  if (current.status !== 'Solved' && current.status !== 'Pending') return null;
  if (message.labelIds.includes('SENT') || message.labelIds.includes('DRAFT')) return null;
  // The message must pass the same rule a new ticket does (outside the team, written by a person).
  const decision = decideTicket(
    { labelIds: ['INBOX', ...message.labelIds], firstMessageHeaders: message.headers },
    { ...rule, inboxOnly: false },
  );
  if (!decision.ticket) return null;
  return { ...current, status: 'Open' };
}
