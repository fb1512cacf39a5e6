import { teamGroups, uniqueNames } from '../../core/team-config';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
} from '../../core/ticket';
import type { TeamView, TicketPatchArgs, TicketView } from '../../messaging/contract';
import { useDomId } from '../dom-id';
import { t } from '../i18n';
import { priorityLabel, statusLabel } from './labels';

export interface TicketFieldsProps {
  ticket: Pick<TicketView, 'status' | 'priority' | 'assignee' | 'group'>;
  /** Undefined while `team.get` runs. */
  team: TeamView | undefined;
  me: string | undefined;
  onChange(patch: TicketPatchArgs): void;
  onOpenOptions(): void;
}

/** Status, priority, assignee and group as native selects: each change is a patch of that one field. */
export function TicketFields({ ticket, team, me, onChange, onOpenOptions }: TicketFieldsProps) {
  const id = useDomId();
  const config = team?.config ?? null;
  // The team's agents and groups first, then those the mailbox already has labels for.
  const labels = team?.labels;
  const agents = withCurrent(
    uniqueNames([
      ...(config ? config.agents.map((agent) => agent.name) : me ? [me] : []),
      ...(labels?.assignees ?? []),
    ]),
    ticket.assignee,
  );
  const groups = withCurrent(
    uniqueNames([...teamGroups(config ?? undefined), ...(labels?.groups ?? [])]),
    ticket.group,
  );

  return (
    <div class="ticket-fields">
      <div class="field">
        <label for={`${id}-status`}>{t('ticketFieldStatus')}</label>
        <select
          id={`${id}-status`}
          value={ticket.status}
          onChange={(event) => onChange({ status: event.currentTarget.value as TicketStatus })}
        >
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-priority`}>{t('ticketFieldPriority')}</label>
        <select
          id={`${id}-priority`}
          value={ticket.priority ?? ''}
          onChange={(event) => onChange({ priority: (event.currentTarget.value as TicketPriority) || null })}
        >
          <option value="">{t('ticketNoPriority')}</option>
          {TICKET_PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabel(priority)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-assignee`}>{t('ticketFieldAssignee')}</label>
        <select
          id={`${id}-assignee`}
          value={ticket.assignee ?? ''}
          onChange={(event) => onChange({ assignee: event.currentTarget.value || null })}
        >
          <option value="">{t('ticketUnassigned')}</option>
          {agents.map((agent) => (
            <option key={agent} value={agent}>
              {agent === me ? t('ticketAgentMe', agent) : agent}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-group`}>{t('ticketFieldGroup')}</label>
        <select
          id={`${id}-group`}
          value={ticket.group ?? ''}
          onChange={(event) => onChange({ group: event.currentTarget.value || null })}
        >
          <option value="">{t('ticketNoGroup')}</option>
          {groups.map((group) => (
            <option key={group} value={group}>
              {group}
            </option>
          ))}
        </select>
      </div>
      {team !== undefined && config === null && (
        <p class="hint">
          {t('ticketTeamNotSetUp')}{' '}
          <button type="button" class="link-button" onClick={onOpenOptions}>
            {t('ticketSetUpTeam')}
          </button>
        </p>
      )}
    </div>
  );
}

/** The list with the ticket's current value kept, even when the team config no longer names it. */
function withCurrent(values: readonly string[], current: string | undefined): string[] {
  return current === undefined || values.includes(current) ? [...values] : [current, ...values];
}
