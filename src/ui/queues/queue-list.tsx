/**
 * The rows of a queue or a search: one button per ticket, each reachable by Tab; arrow keys, Home and End move
 * between rows, Enter or a click opens the thread in Gmail. A row does no work beyond formatting its own
 * fields, so a page of 500 rows paints as fast as 50.
 */
import { isOverdue } from '../../core/queues';
import type { TicketRow } from '../../messaging/contract';
import { formatRelative, t } from '../i18n';
import { priorityLabel } from './queue-labels';

export interface QueueListProps {
  rows: readonly TicketRow[];
  /** The list's accessible name ("Tickets in All open"). */
  label: string;
  now: number;
  onOpen(threadId: string): void;
}

export function QueueList({ rows, label, now, onOpen }: QueueListProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as Element | null)?.closest?.('.queue-row');
    if (!(row instanceof HTMLElement)) return;
    if (event.key === 'Enter') {
      // Handled here rather than by the button's own activation, so the row opens once in every browser.
      event.preventDefault();
      const threadId = row.dataset.threadId;
      if (threadId) onOpen(threadId);
      return;
    }
    const list = event.currentTarget as HTMLElement;
    const all = [...list.querySelectorAll<HTMLElement>('.queue-row')];
    const index = all.indexOf(row);
    const target =
      event.key === 'ArrowDown'
        ? all[index + 1]
        : event.key === 'ArrowUp'
          ? all[index - 1]
          : event.key === 'Home'
            ? all[0]
            : event.key === 'End'
              ? all[all.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    // Gmail's own j/k and arrow handling must not move its thread list as well.
    event.stopPropagation();
    target.focus();
  };

  return (
    // The list handles the keys its row buttons send up, to move focus between them.
    <ul class="queue-rows" aria-label={label} onKeyDown={onKeyDown}>
      {rows.map((row) => (
        <li key={row.threadId}>
          <QueueRowButton row={row} now={now} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}

function QueueRowButton({
  row,
  now,
  onOpen,
}: {
  row: TicketRow;
  now: number;
  onOpen(threadId: string): void;
}) {
  const subject = row.subject.trim() === '' ? t('queueNoSubject') : row.subject;
  const requester = row.requester?.name?.trim() || row.requester?.email || '';
  const priority = row.priority ? priorityLabel(row.priority) : '';
  const assignee = row.assignee ?? t('queueRowUnassigned');
  const overdue = isOverdue(row, now);
  const due =
    row.slaDueAt === undefined
      ? ''
      : t(overdue ? 'queueDueOverdue' : 'queueDue', formatRelative(row.slaDueAt, now));
  // The name lists the fields with commas, in the order they are shown on the row's three lines, so the
  // visible text is part of the name (WCAG 2.5.3, axe label-content-name-mismatch): an agent using voice
  // control says what they see.
  const name = [row.reference, priority, due, subject, requester, assignee].filter(Boolean).join(', ');
  return (
    <button
      type="button"
      class={`queue-row${overdue ? ' is-overdue' : ''}`}
      data-thread-id={row.threadId}
      aria-label={name}
      onClick={() => onOpen(row.threadId)}
    >
      {/* The spaces keep the words apart in the visible text that the name is compared with. */}
      <span class="queue-row-line">
        <span class="queue-row-reference">{row.reference}</span>{' '}
        {priority && (
          <span class={`queue-row-priority priority-${row.priority?.toLowerCase()}`}>{priority}</span>
        )}{' '}
        {due && <span class={overdue ? 'queue-row-due is-overdue' : 'queue-row-due'}>{due}</span>}
      </span>{' '}
      <span class="queue-row-subject">{subject}</span>{' '}
      <span class="queue-row-line queue-row-people">
        <span class="queue-row-requester">{requester}</span>{' '}
        <span class="queue-row-assignee">{assignee}</span>
      </span>
    </button>
  );
}
