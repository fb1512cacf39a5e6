import type { MonthlyCounts } from '../../core/metrics/facts';
import type { CsatCounts, Report, TicketRef } from '../../core/metrics/report-types';
import { formatDate, t } from '../i18n';
import { CsvButton, DataTableView } from './chart';
import type { DataTable } from './csv';
import type { HoursMode } from './filters';
import { formatCount, formatDuration, formatShare, hoursOf } from './format';

/** The thread in the team's Gmail, in the mailbox's own account (`authuser`), never by the page's opener. */
export function gmailLink(mailbox: string, threadId: string): string {
  return `https://mail.google.com/mail/?authuser=${encodeURIComponent(mailbox)}#all/${encodeURIComponent(threadId)}`;
}

export function TicketLink({
  mailbox,
  ticket,
}: {
  mailbox: string;
  ticket: Pick<TicketRef, 'threadId' | 'reference'>;
}) {
  return (
    <a href={gmailLink(mailbox, ticket.threadId)} target="_blank" rel="noopener noreferrer">
      {ticket.reference}
    </a>
  );
}

const share = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

export function csatTable(first: string, rows: ({ key: string } & CsatCounts)[]): DataTable {
  return {
    columns: [
      first,
      t('reportsRatingGood'),
      t('reportsRatingOkay'),
      t('reportsRatingBad'),
      t('reportsColumnAnswers'),
      t('reportsColumnShareGood'),
    ],
    rows: rows.map((row) => [row.key, row.good, row.okay, row.bad, row.answers, share(row.shareGood)]),
  };
}

function TableBlock(props: {
  id: string;
  title: string;
  table: DataTable;
  fileName: string;
  empty: string;
  download?: (fileName: string, text: string) => void;
}) {
  return (
    <div class="ld-table-block" id={props.id}>
      <h3>{props.title}</h3>
      {props.table.rows.length === 0 ? (
        <p class="ld-help">{props.empty}</p>
      ) : (
        <>
          <DataTableView table={props.table} caption={props.title} />
          <CsvButton
            table={props.table}
            fileName={props.fileName}
            what={props.title}
            download={props.download}
          />
        </>
      )}
    </div>
  );
}

export interface ReportTablesProps {
  report: Report;
  hours: HoursMode;
  mailbox: string;
  from: string;
  to: string;
  monthly: MonthlyCounts[];
  onMonthly: (counts: MonthlyCounts[]) => void;
  download?: (fileName: string, text: string) => void;
}

function ratingText(rating: 'good' | 'okay' | 'bad'): string {
  return rating === 'good'
    ? t('reportsRatingGood')
    : rating === 'okay'
      ? t('reportsRatingOkay')
      : t('reportsRatingBad');
}

/** At most this many comments drawn; the CSV has them all. */
const COMMENTS_SHOWN = 200;

export function ReportTables({
  report,
  hours,
  mailbox,
  from,
  to,
  monthly,
  onMonthly,
  download,
}: ReportTablesProps) {
  const file = (name: string) => `labeldesk-${name}-${from}-${to}.csv`;
  const comments = report.csat.comments;
  const commentsTable: DataTable = {
    columns: [
      t('reportsColumnRating'),
      t('reportsColumnComment'),
      t('reportsColumnTicket'),
      t('reportsColumnAgent'),
      t('reportsColumnGroup'),
      t('reportsColumnDate'),
    ],
    rows: comments.map((c) => [
      ratingText(c.rating),
      c.comment,
      c.reference,
      c.assignee ?? null,
      c.group ?? null,
      new Date(c.answeredAt).toISOString(),
    ]),
  };
  const worst = report.firstResponse[hours].worst;
  const worstTable: DataTable = {
    columns: [
      t('reportsColumnTicket'),
      t('reportsColumnSubject'),
      t('reportsColumnWaitHours'),
      t('reportsColumnStillWaiting'),
      t('reportsColumnAgent'),
      t('reportsColumnGroup'),
    ],
    rows: worst.map((w) => [
      w.reference,
      w.subject,
      hoursOf(w.ms),
      w.open ? t('reportsYes') : t('reportsNo'),
      w.assignee ?? null,
      w.group ?? null,
    ]),
  };
  const ratioTable: DataTable = {
    columns: [
      t('reportsColumnMonth'),
      t('reportsColumnTickets'),
      t('reportsColumnRequesters'),
      t('reportsColumnOrders'),
      t('reportsColumnCustomers'),
      t('reportsColumnPerOrder'),
      t('reportsColumnPerCustomer'),
    ],
    rows: report.volumeRatio.map((m) => [
      m.month,
      m.tickets,
      m.requesters,
      m.orders,
      m.customers,
      m.ticketsPerOrder === null ? null : Math.round(m.ticketsPerOrder * 1000) / 1000,
      m.ticketsPerCustomer === null ? null : Math.round(m.ticketsPerCustomer * 1000) / 1000,
    ]),
  };
  const setCount = (month: string, field: 'orders' | 'customers', raw: string) => {
    const value = raw.trim() === '' ? undefined : Number(raw);
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 1_000_000_000)) return;
    const rest = monthly.filter((m) => m.month !== month);
    const current: MonthlyCounts = { ...(monthly.find((m) => m.month === month) ?? { month }) };
    if (value === undefined) delete current[field];
    else current[field] = value;
    onMonthly([...rest, current].sort((a, b) => a.month.localeCompare(b.month)));
  };

  return (
    <section class="ld-tables" aria-labelledby="ld-tables-title">
      <h2 id="ld-tables-title">{t('reportsDetails')}</h2>
      <div class="ld-table-grid">
        <TableBlock
          id="ld-csat-agent"
          title={t('reportsCsatByAgent')}
          table={csatTable(t('reportsColumnAgent'), report.csat.byAgent)}
          fileName={file('csat-by-agent')}
          empty={t('reportsNoAnswers')}
          download={download}
        />
        <TableBlock
          id="ld-csat-group"
          title={t('reportsCsatByGroup')}
          table={csatTable(t('reportsColumnGroup'), report.csat.byGroup)}
          fileName={file('csat-by-group')}
          empty={t('reportsNoAnswers')}
          download={download}
        />
        <TableBlock
          id="ld-csat-tag"
          title={t('reportsCsatByTag')}
          table={csatTable(t('reportsColumnTag'), report.csat.byTag)}
          fileName={file('csat-by-tag')}
          empty={t('reportsNoAnswers')}
          download={download}
        />
      </div>

      <div class="ld-table-block" id="ld-comments">
        <h3>{t('reportsComments')}</h3>
        <p class="ld-help">{t('reportsCommentsHelp')}</p>
        {comments.length === 0 ? (
          <p class="ld-help">{t('reportsNoComments')}</p>
        ) : (
          <>
            <ul class="ld-comments">
              {comments.slice(0, COMMENTS_SHOWN).map((c) => (
                <li key={`${c.threadId}-${c.answeredAt}`} class={`ld-rating-${c.rating}`}>
                  <span class="ld-rating">{ratingText(c.rating)}</span>
                  <blockquote>{c.comment}</blockquote>
                  <span class="ld-comment-meta">
                    <TicketLink mailbox={mailbox} ticket={c} />
                    {c.assignee ? ` · ${c.assignee}` : ''}
                    {` · ${formatDate(c.answeredAt)}`}
                  </span>
                </li>
              ))}
            </ul>
            {comments.length > COMMENTS_SHOWN && (
              <p class="ld-help">{t('reportsCommentsMore', formatCount(comments.length - COMMENTS_SHOWN))}</p>
            )}
            <CsvButton
              table={commentsTable}
              fileName={file('csat-comments')}
              what={t('reportsComments')}
              download={download}
            />
          </>
        )}
      </div>

      <div class="ld-table-block" id="ld-worst">
        <h3>{hours === 'business' ? t('reportsWorstWaitsBusiness') : t('reportsWorstWaits')}</h3>
        {worst.length === 0 ? (
          <p class="ld-help">{t('reportsNoWaits')}</p>
        ) : (
          <>
            <DataTableView table={worstTable} caption={t('reportsWorstWaits')}>
              {worst.map((w) => (
                <tr key={w.threadId}>
                  <th scope="row">
                    <TicketLink mailbox={mailbox} ticket={w} />
                  </th>
                  <td class="ld-subject">{w.subject}</td>
                  <td class="ld-num">{formatDuration(w.ms)}</td>
                  <td>{w.open ? t('reportsYes') : t('reportsNo')}</td>
                  <td>{w.assignee ?? '—'}</td>
                  <td>{w.group ?? '—'}</td>
                </tr>
              ))}
            </DataTableView>
            <CsvButton
              table={worstTable}
              fileName={file('worst-waits')}
              what={t('reportsWorstWaits')}
              download={download}
            />
          </>
        )}
      </div>

      <div class="ld-table-block" id="ld-ratio">
        <h3>{t('reportsVolumeRatio')}</h3>
        <p class="ld-help">{t('reportsVolumeRatioHelp')}</p>
        <DataTableView table={ratioTable} caption={t('reportsVolumeRatio')}>
          {report.volumeRatio.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              <td class="ld-num">{formatCount(m.tickets)}</td>
              <td class="ld-num">{formatCount(m.requesters)}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  aria-label={t('reportsOrdersIn', m.month)}
                  value={m.orders ?? ''}
                  onChange={(event) => setCount(m.month, 'orders', event.currentTarget.value)}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  aria-label={t('reportsCustomersIn', m.month)}
                  value={m.customers ?? ''}
                  onChange={(event) => setCount(m.month, 'customers', event.currentTarget.value)}
                />
              </td>
              <td class="ld-num">{formatShare(m.ticketsPerOrder)}</td>
              <td class="ld-num">{formatShare(m.ticketsPerCustomer)}</td>
            </tr>
          ))}
        </DataTableView>
        <CsvButton
          table={ratioTable}
          fileName={file('volume-ratio')}
          what={t('reportsVolumeRatio')}
          download={download}
        />
      </div>
    </section>
  );
}
