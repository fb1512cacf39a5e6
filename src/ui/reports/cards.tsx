import type { Report } from '../../core/metrics/report-types';
import { t } from '../i18n';
import type { HoursMode } from './filters';
import { formatCount, formatDuration, formatShare } from './format';

function Card({ label, value, detail, id }: { label: string; value: string; detail?: string; id: string }) {
  return (
    <div class="ld-card" data-card={id}>
      <dt>{label}</dt>
      <dd>
        <span class="ld-card-value">{value}</span>
        {detail !== undefined && <span class="ld-card-detail">{detail}</span>}
      </dd>
    </div>
  );
}

/**
 * Quality (how customers felt) beside performance (how fast and how much), as S002 L407 splits them; the
 * hours switch picks clock or business hours for the durations.
 */
export function ReportCards({ report, hours }: { report: Report; hours: HoursMode }) {
  const first = report.firstResponse[hours];
  const resolution = report.resolution[hours];
  const csat = report.csat.total;
  const backlogNow = report.backlog.at(-1)?.open ?? null;
  return (
    <div class="ld-cards">
      <section class="ld-card-group" aria-labelledby="ld-quality-title">
        <h2 id="ld-quality-title">{t('reportsQuality')}</h2>
        <dl>
          <Card
            id="csat"
            label={t('reportsCsatGood')}
            value={formatShare(csat.shareGood)}
            detail={t('reportsCsatAnswers', [formatCount(csat.answers), formatCount(csat.bad)])}
          />
          <Card
            id="effort"
            label={t('reportsEffortScore')}
            value={
              report.csat.effort.mean === null
                ? '—'
                : formatCount(Math.round(report.csat.effort.mean * 10) / 10)
            }
            detail={t('reportsEffortAnswers', formatCount(report.csat.effort.answers))}
          />
          <Card
            id="reopen"
            label={t('reportsReopenRate')}
            value={formatShare(report.reopen.rate)}
            detail={t('reportsReopenDetail', [
              formatCount(report.reopen.reopened),
              formatCount(report.reopen.solved),
            ])}
          />
          <Card
            id="messages"
            label={t('reportsMessagesPerTicket')}
            value={formatCount(report.effort.messages.median)}
            detail={t('reportsMessagesDetail', [
              formatCount(report.effort.messages.p90),
              formatCount(report.effort.messages.count),
            ])}
          />
        </dl>
      </section>
      <section class="ld-card-group" aria-labelledby="ld-performance-title">
        <h2 id="ld-performance-title">{t('reportsPerformance')}</h2>
        <dl>
          <Card id="tickets" label={t('reportsTicketsInRange')} value={formatCount(report.tickets)} />
          <Card id="backlog" label={t('reportsBacklogNow')} value={formatCount(backlogNow)} />
          <Card
            id="first-response"
            label={t('reportsFirstResponseMedian')}
            value={formatDuration(first.median)}
            detail={t('reportsP90', formatDuration(first.p90))}
          />
          <Card
            id="within"
            label={t('reportsWithinTargets')}
            // One target a line, never broken inside ("30% ≤ 6 h").
            value={first.withinTargets
              .map((target) =>
                t('reportsWithinHours', [formatShare(target.share), formatCount(target.hours)]).replaceAll(
                  ' ',
                  '\u00a0',
                ),
              )
              .join('\n')}
            detail={t('reportsAnsweredOf', [
              formatCount(first.count),
              formatCount(report.firstResponse.unanswered),
            ])}
          />
          <Card
            id="longest"
            label={t('reportsLongestWait')}
            value={formatDuration(first.worst[0]?.ms ?? first.max)}
          />
          <Card
            id="resolution"
            label={t('reportsResolutionMedian')}
            value={formatDuration(resolution.median)}
            detail={t('reportsP90', formatDuration(resolution.p90))}
          />
        </dl>
      </section>
    </div>
  );
}
