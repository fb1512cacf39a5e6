/** The words of queues and ticket fields, through `t()`, shared by the queue panel, its rows and the bulk bar. */
import { queueKey } from '../../core/queues';
import type { QueueIdArgs } from '../../messaging/contract';
import { t } from '../i18n';

// Statuses and priorities read the same in the queues as in the ticket panel: one set of words.
export { priorityLabel, statusLabel } from '../ticket/labels';

export function queueLabel(queue: QueueIdArgs): string {
  switch (queue.kind) {
    case 'unassigned':
      return t('queueUnassigned');
    case 'mine':
      return t('queueMine');
    case 'all-open':
      return t('queueAllOpen');
    case 'pending':
      return t('queuePending');
    case 'on-hold':
      return t('queueOnHold');
    case 'overdue':
      return t('queueOverdue');
    case 'group':
      return t('queueGroup', queue.group);
    case 'tag':
      return t('queueTag', queue.tag);
  }
}

export function emptyQueueText(queue: QueueIdArgs): string {
  switch (queue.kind) {
    case 'unassigned':
      return t('queueEmptyUnassigned');
    case 'mine':
      return t('queueEmptyMine');
    case 'all-open':
      return t('queueEmptyAllOpen');
    case 'pending':
      return t('queueEmptyPending');
    case 'on-hold':
      return t('queueEmptyOnHold');
    case 'overdue':
      return t('queueEmptyOverdue');
    case 'group':
      return t('queueEmptyGroup');
    case 'tag':
      return t('queueEmptyTag');
  }
}

/** A stable string per queue, for keys and comparisons ("overdue" has no store key of its own). */
export function queueIdKey(queue: QueueIdArgs): string {
  return queue.kind === 'overdue' ? 'overdue' : queueKey(queue);
}

export function sameQueue(a: QueueIdArgs, b: QueueIdArgs): boolean {
  return queueIdKey(a) === queueIdKey(b);
}

const KIND_ORDER: readonly QueueIdArgs['kind'][] = [
  'unassigned',
  'mine',
  'all-open',
  'pending',
  'on-hold',
  'overdue',
  'group',
  'tag',
];

/** The switcher's order: the fixed queues as PRODUCT.md lists them, then groups, then tags, each by name. */
export function compareQueues(a: QueueIdArgs, b: QueueIdArgs): number {
  const byKind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (byKind !== 0) return byKind;
  return queueLabel(a).localeCompare(queueLabel(b));
}
