/** For the store's unit tests: a time to start from and a valid ticket per number. */
import { ticketReference } from '../core/ticket-reference';
import type { TicketInput } from './ticket-store';

export const HOUR = 3_600_000;
export const t0 = Date.UTC(2026, 10, 20, 9, 0);

/** Ticket n: a Gmail-shaped thread id, its reference, Open, created n seconds after t0. */
export function ticket(n: number, fields: Partial<TicketInput> = {}): TicketInput {
  const threadId = (0x19a0000000000000n + BigInt(n)).toString(16);
  return {
    threadId,
    reference: ticketReference(threadId),
    subject: `Ticket ${n}`,
    status: 'Open',
    tags: [],
    createdAt: t0 + n * 1000,
    labelIds: ['INBOX'],
    hasMetadata: true,
    ...fields,
  };
}
