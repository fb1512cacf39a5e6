import type { ActivityView } from '../../messaging/contract';
import { useDomId } from '../dom-id';
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
      return tagSentence(actor, entry.from, entry.to);
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

/** A tags record holds the ticket's tags before and after, one per line. */
function tagList(joined: string | undefined): string[] {
  return joined === undefined || joined === '' ? [] : joined.split('\n');
}

/** What a tags change added and removed: the difference of the lists before and after. */
function tagSentence(actor: string, from: string | undefined, to: string | undefined): string {
  const before = tagList(from);
  const after = tagList(to);
  const added = after.filter((tag) => !before.includes(tag));
  const removed = before.filter((tag) => !after.includes(tag));
  const sentences: string[] = [];
  if (added.length > 0) sentences.push(t('ticketActivityTagAdded', [actor, added.join(', ')]));
  if (removed.length > 0) sentences.push(t('ticketActivityTagRemoved', [actor, removed.join(', ')]));
  // The same tags in another order or case: still say what the record holds.
  return sentences.join('; ') || t('ticketActivityTagAdded', [actor, to ?? '']);
}

/** Who changed what, and when: newest first. */
export function Activity({ activity, now }: { activity: readonly ActivityView[]; now: number }) {
  const id = useDomId();
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
