import type { TicketContext, TicketRow } from '../../messaging/contract';
import { useDomId } from '../dom-id';
import { formatDate, type MessageKey, t, tn } from '../i18n';
import { statusLabel } from './labels';

export interface CustomerHistoryProps {
  history: TicketContext['history'];
  /** The requester's domain, named in the heading of the company's tickets. */
  domain: string | undefined;
  notesCount: number;
  onOpen(threadId: string): void;
}

const RATING_KEYS: Record<TicketContext['history']['ratings'][number]['rating'], MessageKey> = {
  good: 'ticketRatingGood',
  okay: 'ticketRatingOkay',
  bad: 'ticketRatingBad',
};

/** The customer's earlier tickets, those of their company, their ratings: 75% expect agents to know them. */
export function CustomerHistory({ history, domain, notesCount, onOpen }: CustomerHistoryProps) {
  const id = useDomId();
  return (
    <section class="history" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('ticketHistoryHeading')}</h4>
      <p class="history-notes">{tn('ticketNotesCount', notesCount)}</p>
      <h5>{t('ticketHistorySender')}</h5>
      <TicketRows rows={history.sameSender} onOpen={onOpen} />
      <h5>{domain ? t('ticketHistoryDomain', domain) : t('ticketHistoryDomainUnknown')}</h5>
      <TicketRows rows={history.sameDomain} onOpen={onOpen} />
      <h5>{t('ticketHistoryRatings')}</h5>
      {history.ratings.length === 0 ? (
        <p class="empty">{t('ticketNoRatings')}</p>
      ) : (
        <ul class="ratings">
          {[...history.ratings]
            .sort((a, b) => b.at - a.at)
            .map((rating) => (
              <li key={`${rating.threadId}-${rating.at}`}>
                <span class={`badge rating-${rating.rating}`}>{t(RATING_KEYS[rating.rating])}</span>{' '}
                <span class="history-date">{formatDate(rating.at)}</span>
                {rating.comment && <q class="rating-comment">{rating.comment}</q>}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

function TicketRows({ rows, onOpen }: { rows: readonly TicketRow[]; onOpen(threadId: string): void }) {
  if (rows.length === 0) return <p class="empty">{t('ticketHistoryNone')}</p>;
  return (
    <ul class="history-rows">
      {rows.map((row) => (
        <li key={row.threadId}>
          <button type="button" class="history-row" onClick={() => onOpen(row.threadId)}>
            <span class="history-reference">{row.reference}</span>
            <span class="history-subject">{row.subject}</span>
            <span class="history-meta">
              {statusLabel(row.status)} · {formatDate(row.createdAt)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
