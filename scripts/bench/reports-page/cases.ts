/** The report scopes the reports bench times, the same in Node and in Chromium. */
import type { ReportScope } from '../../../src/core/metrics/facts';
import { BENCH_NOW, BENCH_TIME_ZONE, BENCH_YEAR_FROM } from './facts';

const DAY = 86_400_000;
const last90 = { from: BENCH_NOW - 90 * DAY, to: BENCH_NOW, timeZone: BENCH_TIME_ZONE };

export const REPORT_CASES: readonly { name: string; scope: ReportScope }[] = [
  { name: '90 days', scope: last90 },
  { name: 'year', scope: { from: BENCH_YEAR_FROM, to: BENCH_NOW, timeZone: BENCH_TIME_ZONE } },
  { name: '90 days, group Technical', scope: { ...last90, group: 'Technical' } },
  { name: '90 days, agent Anna', scope: { ...last90, agent: 'Anna' } },
  { name: '90 days, tag Shipping', scope: { ...last90, tag: 'Shipping' } },
  {
    name: 'year, group + agent + tag',
    scope: {
      from: BENCH_YEAR_FROM,
      to: BENCH_NOW,
      timeZone: BENCH_TIME_ZONE,
      group: 'Billing',
      agent: 'Anna',
      tag: 'Billing',
    },
  },
];
