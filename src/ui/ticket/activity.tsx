import { useId } from 'preact/hooks';
import type { ActivityView } from '../../messaging/contract';
import { formatDateTime, formatRelative, type MessageKey, t } from '../i18n';
import { valueLabel } from './labels';

const FIELD_KEYS: Record<'status' | 'priority' | 'assignee' | 'group', MessageKey> = {
  status: 'ticketActivityFieldStatus',
  priority: 'ticketActivityFieldPriority',
  assignee: 'ticketActivityFieldAssignee',
  group: 'ticketActivityFieldGroup',
};

/** One change as a sentence: "Anna changed status from Open to Pending". */
export function activitySentence(entry: ActivityView): string {
  const { actor, field } = entry;
  const from = entry.from === undefined || entry.from === '' ? undefined : valueLabel(field, entry.from);
  const to = entry.to === undefined || entry.to === '' ? undefined : valueLabel(field, entry.to);
  switch (field) {
    case 'ticket':
      return t('ticketActivityMade', actor);
    case 'tags':
      if (to !== undefined) return t('ticketActivityTagAdded', [actor, to]);
      return t('ticketActivityTagRemoved', [actor, from ?? '']);
    case 'hold':
      return to === undefined ? t('ticketActivityHoldCleared', actor) : t('ticketActivityHold', [actor, to]);
    default: {
      const name = t(FIELD_KEYS[field]);
      if (to === undefined) return t('ticketActivityCleared', [actor, name]);
      if (from === undefined) return t('ticketActivitySet', [actor, name, to]);
      return t('ticketActivityChanged', [actor, name, from, to]);
    }
  }
}

/** Who changed what, and when: newest first. */
export function Activity({ activity, now }: { activity: readonly ActivityView[]; now: number }) {
  const id = useId();
  const entries = [...activity].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <section class="activity" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('ticketActivityHeading')}</h4>
      {entries.length === 0 ? (
        <p class="empty">{t('ticketNoActivity')}</p>
      ) : (
        <ol class="activity-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span class="activity-text">{activitySentence(entry)}</span>{' '}
              <time
                class="activity-time"
                dateTime={new Date(entry.createdAt).toISOString()}
                title={formatDateTime(entry.createdAt)}
              >
                {formatRelative(entry.createdAt, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
