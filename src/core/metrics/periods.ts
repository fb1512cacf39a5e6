/**
 * Days, ISO weeks and months of a report's range, counted in the team's time zone: a Warsaw team's
 * Monday starts at 00:00 in Warsaw, also in the week the clocks change. Series are built once per
 * report; `periodIndex` finds a moment's period by binary search, so bucketing 100,000 tickets is cheap.
 */
import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addWeeks,
  format,
  getISOWeek,
  getISOWeekYear,
  startOfDay,
  startOfISOWeek,
  startOfMonth,
} from 'date-fns';
import type { Period } from './report-types';

export type PeriodUnit = 'day' | 'week' | 'month';

/** Hard stop: a range of more than this many periods is refused (a typo of a year 20266). */
export const MAX_PERIODS = 5_000;

function keyOf(unit: PeriodUnit, at: TZDate): string {
  if (unit === 'day') return format(at, 'yyyy-MM-dd');
  if (unit === 'month') return format(at, 'yyyy-MM');
  return `${getISOWeekYear(at)}-W${String(getISOWeek(at)).padStart(2, '0')}`;
}

function startOf(unit: PeriodUnit, at: TZDate): TZDate {
  if (unit === 'day') return startOfDay(at);
  if (unit === 'month') return startOfMonth(at);
  return startOfISOWeek(at);
}

function next(unit: PeriodUnit, at: TZDate): TZDate {
  if (unit === 'day') return addDays(at, 1);
  if (unit === 'month') return addMonths(at, 1);
  return addWeeks(at, 1);
}

/**
 * The periods that overlap [from, to), oldest first. The first starts at or before `from` (a week that
 * began before the range is still that week).
 */
export function periods(unit: PeriodUnit, from: number, to: number, timeZone: string): Period[] {
  const out: Period[] = [];
  if (!(to > from)) return out;
  let at = startOf(unit, new TZDate(from, timeZone));
  while (at.getTime() < to) {
    if (out.length >= MAX_PERIODS) throw new RangeError(`A report covers at most ${MAX_PERIODS} ${unit}s`);
    out.push({ key: keyOf(unit, at), start: at.getTime() });
    at = next(unit, at);
  }
  return out;
}

/** The index of the period holding `at` (starts ascending), or -1 before the first; the last is open-ended. */
export function periodIndex(starts: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as { start: number }).start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
