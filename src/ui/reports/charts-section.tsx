import { useMemo } from 'preact/hooks';
import type { HistogramBucket, Report } from '../../core/metrics/report-types';
import { t } from '../i18n';
import { ChartFigure, type ChartSpec } from './chart';
import type { DataTable } from './csv';
import type { HoursMode } from './filters';
import { formatCount, formatDuration, formatShare, hoursOf } from './format';

/** Days up to about a quarter; weeks beyond, so a year's chart is 52 bars, not 365. */
const DAILY_UP_TO_DAYS = 92;

export interface ChartData {
  id: string;
  title: string;
  summary: string;
  spec: ChartSpec;
  table: DataTable;
}

export function bucketLabel(bucket: HistogramBucket): string {
  return bucket.to === null
    ? t('reportsAtLeast', formatDuration(bucket.from))
    : `${formatDuration(bucket.from)} – ${formatDuration(bucket.to)}`;
}

/** The charts' numbers, built once per report: the canvas, the table and the CSV all read these. */
export function chartsOf(report: Report, hours: HoursMode): ChartData[] {
  const seconds = (ms: number) => Math.round(ms / 1000);
  const daily = report.volume.days.length <= DAILY_UP_TO_DAYS;
  const volume = daily ? report.volume.days : report.volume.weeks;
  const busiest = volume.reduce<(typeof volume)[number] | undefined>(
    (best, period) => (best === undefined || period.tickets > best.tickets ? period : best),
    undefined,
  );
  const periodColumn = daily ? t('reportsColumnDay') : t('reportsColumnWeek');
  const charts: ChartData[] = [];

  charts.push({
    id: 'ld-chart-volume',
    title: daily ? t('reportsVolumePerDay') : t('reportsVolumePerWeek'),
    summary: t('reportsVolumeSummary', [
      formatCount(report.tickets),
      busiest?.key ?? '—',
      formatCount(busiest?.tickets ?? 0),
    ]),
    spec: {
      kind: 'bars',
      x: volume.map((period) => seconds(period.start)),
      series: [
        {
          label: t('reportsColumnTickets'),
          values: volume.map((period) => period.tickets),
          colour: 'accent',
        },
      ],
    },
    table: {
      columns: [periodColumn, t('reportsColumnTickets')],
      rows: volume.map((period) => [period.key, period.tickets]),
    },
  });

  const backlog = report.backlog;
  const most = backlog.reduce((max, day) => Math.max(max, day.open), 0);
  charts.push({
    id: 'ld-chart-backlog',
    title: t('reportsBacklogOverTime'),
    summary: t('reportsBacklogSummary', [
      formatCount(backlog[0]?.open ?? 0),
      formatCount(backlog.at(-1)?.open ?? 0),
      formatCount(most),
    ]),
    spec: {
      kind: 'line',
      x: backlog.map((day) => seconds(day.start)),
      series: [{ label: t('reportsColumnOpen'), values: backlog.map((day) => day.open), colour: 'accent' }],
    },
    table: {
      columns: [t('reportsColumnDay'), t('reportsColumnOpen')],
      rows: backlog.map((day) => [day.key, day.open]),
    },
  });

  const weeks = report.csat.weeks;
  const total = report.csat.total;
  charts.push({
    id: 'ld-chart-csat',
    title: t('reportsCsatOverTime'),
    summary: t('reportsCsatSummary', [
      formatCount(total.good),
      formatCount(total.okay),
      formatCount(total.bad),
      formatShare(total.shareGood),
    ]),
    spec: {
      kind: 'line',
      x: weeks.map((week) => seconds(week.start)),
      series: [
        { label: t('reportsRatingGood'), values: weeks.map((week) => week.good), colour: 'ok' },
        { label: t('reportsRatingOkay'), values: weeks.map((week) => week.okay), colour: 'warning' },
        { label: t('reportsRatingBad'), values: weeks.map((week) => week.bad), colour: 'danger' },
      ],
    },
    table: {
      columns: [
        t('reportsColumnWeek'),
        t('reportsRatingGood'),
        t('reportsRatingOkay'),
        t('reportsRatingBad'),
        t('reportsColumnAnswers'),
        t('reportsColumnShareGood'),
      ],
      rows: weeks.map((week) => [
        week.key,
        week.good,
        week.okay,
        week.bad,
        week.answers,
        week.shareGood === null ? null : Math.round(week.shareGood * 1000) / 10,
      ]),
    },
  });

  const first = report.firstResponse[hours];
  const labels = first.histogram.map(bucketLabel);
  charts.push({
    id: 'ld-chart-first-response',
    title:
      hours === 'business' ? t('reportsFirstResponseHistogramBusiness') : t('reportsFirstResponseHistogram'),
    summary: t('reportsFirstResponseSummary', [
      formatCount(first.count),
      formatDuration(first.median),
      formatDuration(first.p90),
    ]),
    spec: {
      kind: 'bars',
      x: labels.map((_, i) => i),
      labels,
      axisLabels: first.histogram.map((bucket) =>
        bucket.to === null ? `≥ ${formatDuration(bucket.from)}` : formatDuration(bucket.from),
      ),
      series: [
        { label: t('reportsColumnTickets'), values: first.histogram.map((b) => b.count), colour: 'accent' },
      ],
    },
    table: {
      columns: [
        t('reportsColumnWait'),
        t('reportsColumnFromHours'),
        t('reportsColumnToHours'),
        t('reportsColumnTickets'),
      ],
      rows: first.histogram.map((bucket, i) => [
        labels[i] ?? '',
        hoursOf(bucket.from),
        hoursOf(bucket.to),
        bucket.count,
      ]),
    },
  });

  const effort = report.effort;
  const messageLabels = effort.histogram.map((row) => (row.messages >= 10 ? '10+' : String(row.messages)));
  charts.push({
    id: 'ld-chart-messages',
    title: t('reportsMessagesHistogram'),
    summary: t('reportsMessagesSummary', [
      formatCount(effort.messages.count),
      formatCount(effort.messages.median),
    ]),
    spec: {
      kind: 'bars',
      x: messageLabels.map((_, i) => i),
      labels: messageLabels,
      series: [
        {
          label: t('reportsColumnTickets'),
          values: effort.histogram.map((row) => row.tickets),
          colour: 'accent',
        },
      ],
    },
    table: {
      columns: [t('reportsColumnMessages'), t('reportsColumnTickets')],
      rows: effort.histogram.map((row, i) => [messageLabels[i] ?? '', row.tickets]),
    },
  });
  return charts;
}

export function ReportCharts(props: {
  report: Report;
  hours: HoursMode;
  /** `2026-10-01` and `2026-10-31`, for the files' names. */
  from: string;
  to: string;
  download?: (fileName: string, text: string) => void;
}) {
  const { report, hours, from, to, download } = props;
  const charts = useMemo(() => chartsOf(report, hours), [report, hours]);
  return (
    <section class="ld-charts" aria-labelledby="ld-charts-title">
      <h2 id="ld-charts-title">{t('reportsCharts')}</h2>
      <div class="ld-chart-grid">
        {charts.map((chart) => (
          <ChartFigure
            key={chart.id}
            {...chart}
            fileName={`labeldesk-${chart.id.replace(/^ld-chart-/, '')}-${from}-${to}.csv`}
            download={download}
          />
        ))}
      </div>
    </section>
  );
}
