/**
 * SLA policies (issue 6): which target a ticket gets (priority × customer tier), when its clock is due and at
 * risk in business hours, and where it stands. Pure; used by the sync engine (the stored `slaDueAt` /
 * `slaAtRiskAt` of each row), the runner's escalation and the auto-acknowledgement. Not for the content
 * script: it pulls in the time-zone library through business-hours.
 */
import {
  type AutomationSettings,
  type CustomerTier,
  calendarFor,
  DEFAULT_FIRST_RESPONSE_HOURS,
  type SlaPolicy,
  type SlaTarget,
} from './automation-config';
import { addBusinessHours } from './business-hours';
import { AT_RISK_SHARE } from './sla';
import {
  ACTIVE_STATUSES,
  type Requester,
  type TicketPriority,
  type TicketStatus,
  type TicketTag,
  tagPath,
} from './ticket';

export interface SlaClock {
  target: 'first-response' | 'resolution';
  /** When the clock started: the customer's request. */
  startAt: number;
  dueAt: number;
  /** When the policy's at-risk share of the business time is used. */
  atRiskAt: number;
}

export type SlaStanding = 'none' | 'answered' | 'running' | 'at-risk' | 'breached' | 'paused';

interface TierInput {
  requester?: Pick<Requester, 'email'>;
  tags: readonly TicketTag[];
}

interface TargetInput extends TierInput {
  priority?: TicketPriority;
}

export interface SlaTicket extends TargetInput {
  status: TicketStatus;
  group?: string;
  createdAt: number;
  firstResponseAt?: number;
  solvedAt?: number;
}

const lower = (value: string) => value.trim().toLowerCase();

/**
 * VIP when the requester's address is listed, their domain (or a subdomain of it) is listed, or the ticket
 * carries the VIP tag path (or a tag under it: `VIP` matches `VIP/Reseller`). All case-insensitive.
 */
export function customerTier(ticket: TierInput, policy: SlaPolicy): CustomerTier {
  const { vip } = policy;
  const email = ticket.requester ? lower(ticket.requester.email) : '';
  if (email !== '') {
    if (vip.addresses.some((address) => lower(address) === email)) return 'vip';
    const domain = email.slice(email.lastIndexOf('@') + 1);
    for (const listed of vip.domains) {
      const wanted = lower(listed).replace(/^@/, '');
      if (wanted !== '' && (domain === wanted || domain.endsWith(`.${wanted}`))) return 'vip';
    }
  }
  if (vip.tag !== undefined) {
    const wanted = lower(vip.tag);
    for (const tag of ticket.tags) {
      const path = lower(tagPath(tag));
      if (path === wanted || path.startsWith(`${wanted}/`)) return 'vip';
    }
  }
  return 'standard';
}

/**
 * The first target whose priority and tier match (absent fields match anything; a ticket nobody prioritised
 * counts as Normal, as in the queues). No match: 24 business hours to the first response, no resolution target.
 */
export function slaTargetFor(ticket: TargetInput, policy: SlaPolicy): SlaTarget {
  const priority = ticket.priority ?? 'Normal';
  let tier: CustomerTier | undefined;
  for (const target of policy.targets) {
    if (target.priority !== undefined && target.priority !== priority) continue;
    if (target.tier !== undefined) {
      tier ??= customerTier(ticket, policy);
      if (target.tier !== tier) continue;
    }
    return target;
  }
  return { firstResponseHours: DEFAULT_FIRST_RESPONSE_HOURS };
}

/**
 * The clock running on a ticket: the first response while nobody has answered, then the resolution target if
 * the policy has one. Both count business hours from the customer's request in the ticket's group calendar.
 * Undefined when the ticket is finished (Solved, Closed) or no target runs.
 */
export function slaClock(ticket: SlaTicket, settings: AutomationSettings): SlaClock | undefined {
  if (!ACTIVE_STATUSES.has(ticket.status)) return undefined;
  const target = slaTargetFor(ticket, settings.sla);
  const answered = ticket.firstResponseAt !== undefined;
  const hours = answered ? target.resolutionHours : target.firstResponseHours;
  if (hours === undefined) return undefined;
  const calendar = calendarFor(settings, ticket.group);
  const startAt = ticket.createdAt;
  return {
    target: answered ? 'resolution' : 'first-response',
    startAt,
    dueAt: addBusinessHours(startAt, hours, calendar),
    atRiskAt: addBusinessHours(startAt, hours * settings.sla.atRiskShare, calendar),
  };
}

/**
 * Where a stored row's clock stands at `now`. While the status is one the policy pauses on, the clock is
 * neither at risk nor breached. Paused time is NOT credited back: the due time stays where it was, so a
 * ticket that comes back from Pending late may be breached at once (a policy that wants the time back
 * would have to store the paused spans, which the labels do not carry).
 */
export function slaStanding(
  ticket: Pick<SlaTicket, 'status' | 'createdAt' | 'firstResponseAt'> & {
    slaDueAt?: number;
    slaAtRiskAt?: number;
  },
  settings: AutomationSettings | Pick<SlaPolicy, 'pauseWhile'>,
  now: number,
): SlaStanding {
  if (!ACTIVE_STATUSES.has(ticket.status)) return 'none';
  const dueAt = ticket.slaDueAt;
  if (dueAt === undefined) return ticket.firstResponseAt === undefined ? 'none' : 'answered';
  const policy: Pick<SlaPolicy, 'pauseWhile'> & { atRiskShare?: number } =
    'sla' in settings ? settings.sla : settings;
  if ((policy.pauseWhile as readonly TicketStatus[]).includes(ticket.status)) return 'paused';
  if (now >= dueAt) return 'breached';
  const share = policy.atRiskShare ?? AT_RISK_SHARE;
  const atRiskAt = ticket.slaAtRiskAt ?? ticket.createdAt + (dueAt - ticket.createdAt) * share;
  return now >= atRiskAt ? 'at-risk' : 'running';
}

/**
 * When a person will answer a request that arrived at `arrivedAt`: its first-response due time, for the
 * acknowledgement ("a person will answer by Monday 10:00").
 */
export function expectedReplyBy(
  arrivedAt: number,
  ticket: TargetInput & { group?: string },
  settings: AutomationSettings,
): number {
  const target = slaTargetFor(ticket, settings.sla);
  return addBusinessHours(arrivedAt, target.firstResponseHours, calendarFor(settings, ticket.group));
}

/** What the sync engine stores on a ticket row: the running clock's due and at-risk times, or nothing. */
export function slaRowFields(
  ticket: SlaTicket,
  settings: AutomationSettings,
): { slaDueAt?: number; slaAtRiskAt?: number } {
  const clock = slaClock(ticket, settings);
  return clock ? { slaDueAt: clock.dueAt, slaAtRiskAt: clock.atRiskAt } : {};
}
