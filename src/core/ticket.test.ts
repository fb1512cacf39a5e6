import { describe, expect, it } from 'vitest';
import { newTicket, onCustomerMessage, onTeamReply, priorityRank, type Ticket, withStatus } from './ticket';
import { ticketReference } from './ticket-reference';

const created = Date.UTC(2026, 10, 2, 9, 0);
const base = newTicket({
  threadId: '184a87a7b32dd009',
  subject: 'Заказ #NW-10423 не пришёл',
  createdAt: created,
  requester: { email: 'olga@example.ru', name: 'Ольга' },
});

describe('a new ticket', () => {
  it('starts New, untagged, with its reference derived from the thread id', () => {
    expect(base).toMatchObject({ status: 'New', tags: [], reference: ticketReference('184a87a7b32dd009') });
    expect(base.lastCustomerMessageAt).toBe(created);
  });
});

describe('a customer message', () => {
  it.each([
    ['Solved', 'Open', true],
    ['Pending', 'Open', true],
    ['Open', 'Open', false],
    ['New', 'New', false],
    ['On hold', 'On hold', false],
    ['Closed', 'Closed', false],
  ] as const)('on a %s ticket leaves it %s (reopen: %s)', (from, to, reopened) => {
    const ticket: Ticket = { ...base, status: from, ...(from === 'Solved' ? { solvedAt: created + 1 } : {}) };
    const result = onCustomerMessage(ticket, created + 10);
    expect(result.ticket.status).toBe(to);
    expect(result.reopened).toBe(reopened);
    if (reopened) expect(result.ticket.solvedAt).toBeUndefined();
    expect(result.ticket.lastCustomerMessageAt).toBe(created + 10);
  });

  it('never moves the last customer message back in time (messages can arrive out of order)', () => {
    const later = onCustomerMessage(base, created + 100).ticket;
    expect(onCustomerMessage(later, created + 50).ticket.lastCustomerMessageAt).toBe(created + 100);
  });
});

describe('a team reply', () => {
  it('records the first response once and opens a New ticket', () => {
    const first = onTeamReply(base, created + 3_600_000);
    expect(first).toMatchObject({ status: 'Open', firstResponseAt: created + 3_600_000 });
    expect(onTeamReply(first, created + 7_200_000).firstResponseAt).toBe(created + 3_600_000);
  });

  it('does not change the status of a Pending ticket', () => {
    expect(onTeamReply({ ...base, status: 'Pending' }, created + 5).status).toBe('Pending');
  });
});

describe('status changes', () => {
  it('stamp the solved time once and clear it on reopen', () => {
    const solved = withStatus(base, 'Solved', created + 100);
    expect(solved.solvedAt).toBe(created + 100);
    expect(withStatus(solved, 'Closed', created + 200).solvedAt).toBe(created + 100);
    expect(withStatus(solved, 'Open', created + 300).solvedAt).toBeUndefined();
  });
});

describe('priority rank', () => {
  it('sorts urgent first and treats an unset priority as Normal', () => {
    expect(priorityRank('Urgent')).toBeGreaterThan(priorityRank('High'));
    expect(priorityRank(undefined)).toBe(priorityRank('Normal'));
    expect(priorityRank(undefined)).toBeGreaterThan(priorityRank('Low'));
  });
});
