/**
 * Days, ISO weeks and months of a report's range, counted in the team's time zone: a Warsaw team's
 * Monday starts at 00:00 in Warsaw, also in the week the clocks change. Series are built once per
 * report; `periodIndex` finds a moment's period by binary search, so bucketing 100,000 tickets is cheap.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
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

/** The next period's start: its own local midnight, even after a period that began at 01:00 (no midnight). */
function next(unit: PeriodUnit, at: TZDate): TZDate {
  if (unit === 'day') return startOfDay(addDays(at, 1));
  if (unit === 'month') return startOfMonth(addMonths(at, 1));
  return startOfISOWeek(addWeeks(at, 1));
}

/**
 * The periods that overlap [from, to), oldest first. The first starts at or before `from` (a week that
 * began before the range is still that week).
 */
export function periods(unit: PeriodUnit, from: number, to: number, timeZone: string): Period[] {
  const out: Period[] = [];
  if (!(to > from)) return out;
  if (unit === 'day') return days(from, to, timeZone);
  if (unit === 'week') return weeks(from, to, timeZone);
  let at = startOf(unit, new TZDate(from, timeZone));
  while (at.getTime() < to) {
    if (out.length >= MAX_PERIODS) throw new RangeError(`A report covers at most ${MAX_PERIODS} ${unit}s`);
    out.push({ key: keyOf(unit, at), start: at.getTime() });
    at = next(unit, at);
  }
  return out;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `yyyy-MM-dd` of a local midnight, from its UTC instant and the zone's offset then (minutes). */
function dayKey(start: number, offsetMinutes: number): string {
  const local = new Date(start + offsetMinutes * MINUTE_MS);
  const month = String(local.getUTCMonth() + 1).padStart(2, '0');
  const day = String(local.getUTCDate()).padStart(2, '0');
  return `${local.getUTCFullYear()}-${month}-${day}`;
}

/** ISO 8601 week key (`2026-W47`) of a local date given as its UTC midnight. */
function isoWeekKey(localMidnightUtc: number): string {
  const weekday = (new Date(localMidnightUtc).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(localMidnightUtc + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Weeks are every seventh local midnight from the Monday of the first week. */
function weeks(from: number, to: number, timeZone: string): Period[] {
  const monday = startOfISOWeek(new TZDate(from, timeZone)).getTime();
  const out: Period[] = [];
  const all = days(monday, to, timeZone, MAX_PERIODS * 7);
  for (let i = 0; i < all.length; i += 7) {
    const day = all[i] as Period;
    if (out.length >= MAX_PERIODS) throw new RangeError(`A report covers at most ${MAX_PERIODS} weeks`);
    out.push({ key: isoWeekKey(Date.parse(`${day.key}T00:00:00Z`)), start: day.start });
  }
  return out;
}

/**
 * Days are most of a year's periods and the first report's cost (a TZDate and a format per day): the next
 * local midnight is 24 hours on, moved by the change of the zone's offset in between. Checked: where that
 * instant is not a local midnight (a zone whose clocks change at midnight), the day comes from date-fns.
 */
function days(from: number, to: number, timeZone: string, max = MAX_PERIODS): Period[] {
  const out: Period[] = [];
  let start = startOfDay(new TZDate(from, timeZone)).getTime();
  let offset = tzOffset(timeZone, new Date(start));
  while (start < to) {
    if (out.length >= max) throw new RangeError(`A report covers at most ${max} days`);
    out.push({ key: dayKey(start, offset), start });
    const candidate = start + DAY_MS;
    let nextStart = candidate - (tzOffset(timeZone, new Date(candidate)) - offset) * MINUTE_MS;
    let nextOffset = tzOffset(timeZone, new Date(nextStart));
    if ((nextStart + nextOffset * MINUTE_MS) % DAY_MS !== 0 || nextStart <= start) {
      // After a day that had no midnight (it began at 01:00), the next one begins at its own midnight again.
      nextStart = startOfDay(addDays(new TZDate(start, timeZone), 1)).getTime();
      nextOffset = tzOffset(timeZone, new Date(nextStart));
    }
    start = nextStart;
    offset = nextOffset;
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
