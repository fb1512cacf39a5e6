/** The words the ticket panel uses for the model's values, in the UI language. */
import type { TicketPriority, TicketStatus } from '../../core/ticket';
import { tagPath } from '../../core/ticket';
import type { ActivityView, TicketPatchArgs } from '../../messaging/contract';
import { LabeldeskError } from '../../messaging/errors';
import { type MessageKey, t } from '../i18n';

const STATUS_KEYS: Record<TicketStatus, MessageKey> = {
  New: 'ticketStatusNew',
  Open: 'ticketStatusOpen',
  Pending: 'ticketStatusPending',
  'On hold': 'ticketStatusOnHold',
  Solved: 'ticketStatusSolved',
  Closed: 'ticketStatusClosed',
};

const PRIORITY_KEYS: Record<TicketPriority, MessageKey> = {
  Low: 'ticketPriorityLow',
  Normal: 'ticketPriorityNormal',
  High: 'ticketPriorityHigh',
  Urgent: 'ticketPriorityUrgent',
};

export function statusLabel(status: TicketStatus): string {
  return t(STATUS_KEYS[status]);
}

export function priorityLabel(priority: TicketPriority): string {
  return t(PRIORITY_KEYS[priority]);
}

/** A stored value as the agent reads it: statuses and priorities translated, names as they are. */
export function valueLabel(field: ActivityView['field'], value: string): string {
  if (field === 'status' && Object.hasOwn(STATUS_KEYS, value)) return statusLabel(value as TicketStatus);
  if (field === 'priority' && Object.hasOwn(PRIORITY_KEYS, value))
    return priorityLabel(value as TicketPriority);
  return value;
}

/** One line for the undo toast: what the agent just did. */
export function describePatch(patch: TicketPatchArgs): string {
  const parts: string[] = [];
  if (patch.status !== undefined) parts.push(t('ticketChangedStatus', statusLabel(patch.status)));
  if (patch.priority !== undefined) {
    parts.push(
      patch.priority === null
        ? t('ticketChangedPriorityCleared')
        : t('ticketChangedPriority', priorityLabel(patch.priority)),
    );
  }
  if (patch.assignee !== undefined) {
    parts.push(
      patch.assignee === null ? t('ticketChangedUnassigned') : t('ticketChangedAssignee', patch.assignee),
    );
  }
  if (patch.group !== undefined) {
    parts.push(patch.group === null ? t('ticketChangedGroupCleared') : t('ticketChangedGroup', patch.group));
  }
  for (const tag of patch.addTags ?? []) parts.push(t('ticketChangedTagAdded', tagPath(tag)));
  for (const tag of patch.removeTags ?? []) parts.push(t('ticketChangedTagRemoved', tagPath(tag)));
  return parts.join(' · ');
}

/** Why a call failed, in words the agent can act on. */
export function errorText(error: LabeldeskError): string {
  switch (error.code) {
    case 'not-configured':
      return t('errorNotConfigured');
    case 'auth-required':
      return t('errorAuthRequired');
    case 'auth-failed':
      return t('errorAuthFailed', error.message);
    case 'mailbox-mismatch':
      return t('errorMailboxMismatch');
    case 'extension-reloaded':
      return t('errorReloadGmail');
    case 'gmail-api':
      return t('errorGmailApi', error.message);
    case 'storage-full':
      return t('errorStorageFull');
    default:
      return t('errorOther', error.message);
  }
}

export function asLabeldeskError(error: unknown): LabeldeskError {
  if (error instanceof LabeldeskError) return error;
  return new LabeldeskError('internal', error instanceof Error ? error.message : String(error));
}
