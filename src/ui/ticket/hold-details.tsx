import { useEffect, useState } from 'preact/hooks';
import type { TicketHold } from '../../messaging/contract';
import { useDomId } from '../dom-id';
import { formatDate, t } from '../i18n';

export interface HoldDetailsProps {
  hold: TicketHold | undefined;
  now: number;
  onSave(waitingFor: string | null, promisedBy: number | null): void;
}

/** `yyyy-mm-dd` of a date input, as the end of that day in local time: a promise "by the 25th" holds all day. */
export function promisedByFromInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  return new Date(year, month - 1, day, 23, 59, 59, 999).getTime();
}

export function promisedByToInput(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Waiting for" and "Promised by" of an On-hold ticket; each field saves when the agent leaves it. */
export function HoldDetails({ hold, now, onSave }: HoldDetailsProps) {
  const id = useDomId();
  const [waitingFor, setWaitingFor] = useState(hold?.waitingFor ?? '');
  useEffect(() => setWaitingFor(hold?.waitingFor ?? ''), [hold?.waitingFor]);
  const promisedBy = hold?.promisedBy;
  const overdue = promisedBy !== undefined && promisedBy < now;

  const save = (nextWaitingFor: string, nextPromisedBy: number | null) => {
    const trimmed = nextWaitingFor.trim();
    const waiting = trimmed === '' ? null : trimmed;
    if (waiting === (hold?.waitingFor ?? null) && nextPromisedBy === (hold?.promisedBy ?? null)) return;
    onSave(waiting, nextPromisedBy);
  };

  return (
    <fieldset class="hold">
      <legend>{t('ticketHoldHeading')}</legend>
      <div class="field">
        <label for={`${id}-waiting`}>{t('ticketFieldWaitingFor')}</label>
        <input
          id={`${id}-waiting`}
          type="text"
          maxLength={500}
          value={waitingFor}
          onInput={(event) => setWaitingFor(event.currentTarget.value)}
          onChange={(event) => save(event.currentTarget.value, promisedBy ?? null)}
        />
      </div>
      <div class="field">
        <label for={`${id}-promised`}>{t('ticketFieldPromisedBy')}</label>
        <input
          id={`${id}-promised`}
          type="date"
          value={promisedByToInput(promisedBy)}
          aria-describedby={overdue ? `${id}-overdue` : undefined}
          aria-invalid={overdue || undefined}
          onChange={(event) => save(waitingFor, promisedByFromInput(event.currentTarget.value))}
        />
        {overdue && (
          <p id={`${id}-overdue`} class="warning-text">
            <span class="badge badge-danger">{t('ticketPromiseBrokenBadge')}</span>{' '}
            {t('ticketPromisePassed', formatDate(promisedBy))}
          </p>
        )}
      </div>
    </fieldset>
  );
}
