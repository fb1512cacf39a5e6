import { ACTIVE_STATUSES } from '../../core/ticket';
import type { TicketView } from '../../messaging/contract';
import { formatDateTime, formatRelative, t } from '../i18n';

/** At this share of the time between creation and due, the ticket is at risk (PRODUCT.md "Tickets"). */
export const AT_RISK_SHARE = 0.8;

export type SlaState =
  | { kind: 'none' }
  | { kind: 'answered'; at: number }
  | { kind: 'due'; dueAt: number }
  | { kind: 'at-risk'; dueAt: number }
  | { kind: 'breached'; dueAt: number };

/** Where the ticket stands against its first-response target at `now`. */
export function slaState(
  ticket: Pick<TicketView, 'status' | 'createdAt' | 'slaDueAt' | 'firstResponseAt'>,
  now: number,
): SlaState {
  if (!ACTIVE_STATUSES.has(ticket.status)) return { kind: 'none' };
  if (ticket.firstResponseAt !== undefined) return { kind: 'answered', at: ticket.firstResponseAt };
  const dueAt = ticket.slaDueAt;
  if (dueAt === undefined) return { kind: 'none' };
  if (now >= dueAt) return { kind: 'breached', dueAt };
  const span = dueAt - ticket.createdAt;
  if (span <= 0 || (now - ticket.createdAt) / span >= AT_RISK_SHARE) return { kind: 'at-risk', dueAt };
  return { kind: 'due', dueAt };
}

/** The SLA badge: a word and a sentence, never colour alone. */
export function SlaClock({
  ticket,
  now,
}: {
  ticket: Pick<TicketView, 'status' | 'createdAt' | 'slaDueAt' | 'firstResponseAt'>;
  now: number;
}) {
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
