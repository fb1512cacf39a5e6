/**
 * The SLA clock until issue 6 brings per-team policies and business hours: the team owes a first answer
 * within 24 hours of the customer's request (S004 L63-67, PRODUCT.md "Automation"), counted in clock
 * hours. A ticket that has its first answer, or is finished, has no clock running.
 */
import { ACTIVE_STATUSES, type Ticket } from './ticket';

export const DEFAULT_FIRST_RESPONSE_MS = 24 * 3_600_000;
/** A clock is "at risk" once this share of its time is used (issue 4: "for example 80%"). */
export const AT_RISK_SHARE = 0.8;

export type SlaState = 'none' | 'answered' | 'running' | 'at-risk' | 'breached';

/** When the first response is due, or undefined when no clock runs. */
export function firstResponseDue(
  ticket: Pick<Ticket, 'status' | 'createdAt' | 'firstResponseAt'>,
  targetMs = DEFAULT_FIRST_RESPONSE_MS,
): number | undefined {
  if (!ACTIVE_STATUSES.has(ticket.status) || ticket.firstResponseAt !== undefined) return undefined;
  return ticket.createdAt + targetMs;
}

/**
 * Where the ticket's clock stands at `now`. A row that carries `slaAtRiskAt` (stored by the sync engine from
 * the team's SLA policy, in business hours) is at risk from that instant; an older row without it, at 80% of
 * the clock time. Pausing while Pending or On hold needs the policy: see `slaStanding` in sla-policy.ts.
 */
export function slaState(
  ticket: Pick<Ticket, 'status' | 'createdAt' | 'firstResponseAt'> & {
    slaDueAt?: number;
    slaAtRiskAt?: number;
  },
  now: number,
): SlaState {
  if (!ACTIVE_STATUSES.has(ticket.status)) return 'none';
  if (ticket.slaDueAt === undefined) return ticket.firstResponseAt === undefined ? 'none' : 'answered';
  if (now >= ticket.slaDueAt) return 'breached';
  if (ticket.slaAtRiskAt !== undefined) return now >= ticket.slaAtRiskAt ? 'at-risk' : 'running';
  const span = ticket.slaDueAt - ticket.createdAt;
  if (span > 0 && now - ticket.createdAt >= span * AT_RISK_SHARE) return 'at-risk';
  return 'running';
}
