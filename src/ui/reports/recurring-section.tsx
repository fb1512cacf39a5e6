import type {
  RepeatedComplaint,
  TagSuggestion,
  TagTrend,
  TrendOptions,
} from '../../core/metrics/report-types';
import { t, tn } from '../i18n';
import { CsvButton } from './chart';
import type { DataTable } from './csv';
import { formatCount } from './format';
import { TicketLink } from './tables-section';

/** At most this many tags in the heat map: the busiest ones (the CSV has every tag). */
const HEAT_MAP_TAGS = 25;

/** The threshold in words: the founder decides whether to trust an alert, so it says what it means. */
export function thresholdText(options: TrendOptions): string {
  return t('reportsTrendThreshold', [
    formatCount(options.baselineWeeks),
    formatCount(Math.round(1 / options.alpha)),
    formatCount(options.minCount),
  ]);
}

export function heatMapTable(trends: TagTrend[]): DataTable {
  const weeks = trends[0]?.weeks.map((week) => week.key) ?? [];
  return {
    columns: [t('reportsColumnTag'), ...weeks],
    rows: trends.map((trend) => [trend.tag, ...trend.weeks.map((week) => week.count)]),
  };
}

function reasonText(complaint: RepeatedComplaint): string {
  switch (complaint.reason) {
    case 'complaint':
      return t('reportsRepeatComplaint');
    case 'bad-rating':
      return t('reportsRepeatBadRating');
    case 'same-tag':
      return t('reportsRepeatSameTag', complaint.tag ?? '');
  }
}

export interface RecurringProps {
  trends: TagTrend[];
  complaints: RepeatedComplaint[];
  suggestions: TagSuggestion[];
  options: TrendOptions;
  mailbox: string;
  from: string;
  to: string;
  download?: (fileName: string, text: string) => void;
}

export function RecurringIssues({
  trends,
  complaints,
  suggestions,
  options,
  mailbox,
  from,
  to,
  download,
}: RecurringProps) {
  const alerts = trends.filter((trend) => trend.alert !== null);
  const shown = [...trends]
    .sort((a, b) => b.weeks.reduce((s, w) => s + w.count, 0) - a.weeks.reduce((s, w) => s + w.count, 0))
    .slice(0, HEAT_MAP_TAGS);
  const peak = shown.reduce((max, trend) => Math.max(max, ...trend.weeks.map((w) => w.count)), 0);
  const table = heatMapTable(trends);
  return (
    <section class="ld-recurring" aria-labelledby="ld-recurring-title">
      <h2 id="ld-recurring-title">{t('reportsRecurring')}</h2>

      <div class="ld-table-block" id="ld-alerts">
        <h3>{t('reportsAlerts')}</h3>
        <p class="ld-help">{thresholdText(options)}</p>
        {alerts.length === 0 ? (
          <p>{t('reportsNoAlerts')}</p>
        ) : (
          <ul class="ld-alerts">
            {alerts.map((trend) => (
              <li key={trend.tag} class={trend.alert === 'spike' ? 'ld-spike' : 'ld-drop'}>
                <strong>{trend.alert === 'spike' ? t('reportsSpike') : t('reportsDrop')}</strong>{' '}
                {t('reportsTrendLine', [
                  trend.tag,
                  formatCount(trend.current),
                  formatCount(Math.round(trend.baseline * 10) / 10),
                ])}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div class="ld-table-block" id="ld-heat-map">
        <h3>{t('reportsHeatMap')}</h3>
        {shown.length === 0 ? (
          <p class="ld-help">{t('reportsNoTags')}</p>
        ) : (
          <>
            <p class="ld-help">{t('reportsHeatMapHelp')}</p>
            <div class="ld-table-wrap">
              <table class="ld-data ld-heat">
                <caption>{t('reportsHeatMap')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reportsColumnTag')}</th>
                    {(shown[0]?.weeks ?? []).map((week) => (
                      <th key={week.key} scope="col">
                        {week.key.replace(/^\d{4}-/, '')}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((trend) => (
                    <tr key={trend.tag}>
                      <th scope="row">{trend.tag}</th>
                      {trend.weeks.map((week, i) => {
                        const judged = i === trend.weeks.length - 1 && trend.alert !== null;
                        const level = peak === 0 ? 0 : Math.round((week.count / peak) * 100);
                        return (
                          <td
                            key={week.key}
                            class={`ld-num${judged ? ` ld-${trend.alert}` : ''}`}
                            style={{ '--ld-heat': `${level}%` }}
                          >
                            {formatCount(week.count)}
                            {judged && (
                              <span class="ld-visually-hidden">{` (${trend.alert === 'spike' ? t('reportsSpike') : t('reportsDrop')})`}</span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CsvButton
              table={table}
              fileName={`labeldesk-tag-weeks-${from}-${to}.csv`}
              what={t('reportsHeatMap')}
              download={download}
            />
          </>
        )}
      </div>

      <div class="ld-table-block" id="ld-repeated">
        <h3>{t('reportsRepeated')}</h3>
        <p class="ld-help">{t('reportsRepeatedHelp')}</p>
        {complaints.length === 0 ? (
          <p>{t('reportsNoRepeated')}</p>
        ) : (
          <ul class="ld-repeated">
            {complaints.map((complaint) => (
              <li key={`${complaint.requester}-${complaint.reason}-${complaint.tag ?? ''}`}>
                <strong>{complaint.requester}</strong> · {reasonText(complaint)} ·{' '}
                {tn('reportsTicketCount', complaint.tickets.length)}:{' '}
                {complaint.tickets.map((ticket, i) => (
                  <span key={ticket.threadId}>
                    {i > 0 && ', '}
                    <TicketLink mailbox={mailbox} ticket={ticket} />
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div class="ld-table-block" id="ld-suggested">
        <h3>{t('reportsSuggestedTags')}</h3>
        <p class="ld-help">{t('reportsSuggestedHelp')}</p>
        {suggestions.length === 0 ? (
          <p>{t('reportsNoSuggestions')}</p>
        ) : (
          <ul class="ld-suggested">
            {suggestions.map((suggestion) => (
              <li key={suggestion.name}>
                <strong>{suggestion.name}</strong> · {tn('reportsTicketCount', suggestion.tickets.length)} ·{' '}
                <span class="ld-help-inline">{suggestion.terms.join(', ')}</span>
                <br />
                {suggestion.tickets.slice(0, 5).map((ticket, i) => (
                  <span key={ticket.threadId}>
                    {i > 0 && ' · '}
                    <TicketLink mailbox={mailbox} ticket={ticket} /> {ticket.subject}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
