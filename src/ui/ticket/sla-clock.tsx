import { ACTIVE_STATUSES } from '../../core/ticket';
import type { TicketView } from '../../messaging/contract';
import { formatDateTime, formatRelative, t } from '../i18n';

/** At this share of the time between creation and due, the ticket is at risk (PRODUCT.md "Tickets"). */
export const AT_RISK_SHARE = 0.8;

export type SlaState =
  | { kind: 'none' }
  | { kind: 'answered'; at: number }
  | { kind: 'due'; dueAt: number }
  | { kind: 'paused'; dueAt: number }
  | { kind: 'at-risk'; dueAt: number }
  | { kind: 'breached'; dueAt: number };

type SlaFields = Pick<TicketView, 'status' | 'createdAt' | 'slaDueAt' | 'slaAtRiskAt' | 'firstResponseAt'>;

/**
 * Where the ticket stands against its first-response target at `now`. At risk from the row's business-time
 * `slaAtRiskAt` when the sync engine stored one, else at 80% of the clock time. Pending and On hold show
 * "paused": the default SLA policy's pause statuses (the sidebar does not load the team's policy, which the
 * runner's escalation follows).
 */
export function slaState(ticket: SlaFields, now: number): SlaState {
  if (!ACTIVE_STATUSES.has(ticket.status)) return { kind: 'none' };
  if (ticket.firstResponseAt !== undefined) return { kind: 'answered', at: ticket.firstResponseAt };
  const dueAt = ticket.slaDueAt;
  if (dueAt === undefined) return { kind: 'none' };
  if (ticket.status === 'Pending' || ticket.status === 'On hold') return { kind: 'paused', dueAt };
  if (now >= dueAt) return { kind: 'breached', dueAt };
  const span = dueAt - ticket.createdAt;
  if (
    ticket.slaAtRiskAt !== undefined
      ? now >= ticket.slaAtRiskAt
      : span <= 0 || (now - ticket.createdAt) / span >= AT_RISK_SHARE
  )
    return { kind: 'at-risk', dueAt };
  return { kind: 'due', dueAt };
}

/** The SLA badge: a word and a sentence, never colour alone. */
export function SlaClock({ ticket, now }: { ticket: SlaFields; now: number }) {
  const state = slaState(ticket, now);
  switch (state.kind) {
    case 'none':
      return null;
    case 'answered':
      return (
        <p class="sla sla-answered">
          <span class="badge badge-ok">{t('ticketSlaAnswered')}</span>{' '}
          <time dateTime={new Date(state.at).toISOString()} title={formatDateTime(state.at)}>
            {formatRelative(state.at, now)}
          </time>
        </p>
      );
    case 'due':
      return (
        <p class="sla sla-due">
          <span class="badge">{t('ticketSlaOnTrack')}</span>{' '}
          {t('ticketSlaDue', formatRelative(state.dueAt, now))}
        </p>
      );
    case 'paused':
      return (
        <p class="sla">
          <span class="badge">{t('slaPaused')}</span>
        </p>
      );
    case 'at-risk':
      return (
        <p class="sla sla-at-risk">
          <span class="badge badge-warning">{t('ticketSlaAtRisk')}</span>{' '}
          {t('ticketSlaDue', formatRelative(state.dueAt, now))}
        </p>
      );
    case 'breached':
      return (
        <p class="sla sla-breached">
          <span class="badge badge-danger">{t('ticketSlaBreached', formatRelative(state.dueAt, now))}</span>
        </p>
      );
  }
}
