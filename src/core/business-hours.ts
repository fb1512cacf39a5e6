/**
 * Business-hours maths for SLA clocks, acknowledgements and CSAT surveys (issue 6). Pure; every time is epoch
 * milliseconds. Wall-clock times are turned into instants with @date-fns/tz, so a clock that runs through the
 * night of a DST change counts real elapsed time and ends at the right local time.
 *
 * Runs in the service worker, the Node worker and the options page, never in the Gmail tab's content script
 * (the content script's budget has no room for a time-zone library).
 *
 * Definitions:
 * - A calendar with no opening intervals is open around the clock; its holidays are then ignored (a team
 *   that set no hours has no "days" to close).
 * - A holiday closes the whole local day in the calendar's zone.
 * - Intervals on one weekday may touch or overlap (they are merged); `24:00` closes a day at midnight, and a
 *   day closing at 24:00 followed by one opening at 00:00 is open straight through the night.
 * - A wall-clock time that does not exist (02:30 on a spring-forward night) moves forward like `Date` does
 *   (03:30); an ambiguous one (02:30 on a fall-back night) is its second occurrence.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import type { BusinessCalendar } from './automation-config';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Far more days than any real target needs (100,000 business hours at one open hour a week is ~700,000). */
const MAX_DAYS = 2_000_000;

/** A calendar turned into numbers once, with a cache of each local day's open intervals as instants. */
interface PreparedCalendar {
  timeZone: string;
  aroundTheClock: boolean;
  /** Index 0 = Monday … 6 = Sunday: merged [start, end) minutes after local midnight, 0…1440. */
  weekdays: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Local days (days since 1970-01-01 in the calendar's zone) that are closed. */
  holidays: ReadonlySet<number>;
  /** Open time of one week without holidays or a DST change. */
  weekMs: number;
  /** Local day → flat [start, end, start, end, …] instants; bounded, cleared when full. */
  days: Map<number, readonly number[]>;
  /** Local day → whether the week from it is a plain week (see plainWeek); bounded like `days`. */
  weeks: Map<number, boolean>;
}

const DAY_CACHE_LIMIT = 8_192;
const preparedCalendars = new WeakMap<BusinessCalendar, PreparedCalendar>();

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function prepare(calendar: BusinessCalendar): PreparedCalendar {
  const cached = preparedCalendars.get(calendar);
  if (cached) return cached;
  const weekdays: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  for (const h of calendar.hours) {
    const start = minutesOf(h.start);
    const end = minutesOf(h.end);
    if (end > start) weekdays[h.day - 1]?.push([start, end]);
  }
  let weekMinutes = 0;
  const merged = weekdays.map((list) => {
    list.sort((a, b) => a[0] - b[0]);
    const out: Array<[number, number]> = [];
    for (const [start, end] of list) {
      const last = out[out.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else out.push([start, end]);
    }
    for (const [start, end] of out) weekMinutes += end - start;
    return out;
  });
  const holidays = new Set<number>();
  for (const holiday of calendar.holidays ?? []) {
    const [y, m, d] = holiday.date.split('-').map(Number);
    if (y !== undefined && m !== undefined && d !== undefined) holidays.add(Date.UTC(y, m - 1, d) / DAY);
  }
  const result: PreparedCalendar = {
    timeZone: calendar.timeZone,
    aroundTheClock: weekMinutes === 0,
    weekdays: merged,
    holidays,
    weekMs: weekMinutes * MINUTE,
    days: new Map(),
    weeks: new Map(),
  };
  preparedCalendars.set(calendar, result);
  return result;
}

/** The local day (days since 1970-01-01 in the zone) that contains the instant `at`. */
function localDay(at: number, timeZone: string): number {
  return Math.floor((at + tzOffset(timeZone, new Date(at)) * MINUTE) / DAY);
}

/** The instant of `minutes` after local midnight of `day` (1440 = the next midnight). */
function instant(day: number, minutes: number, timeZone: string): number {
  const date = new Date(day * DAY);
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    0,
    minutes,
    timeZone,
  ).getTime();
}

/** ISO weekday index 0 = Monday … 6 = Sunday of a local day (1970-01-01 was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The open intervals of one local day as flat [start, end, …] instants; empty on holidays and closed days. */
function openOn(calendar: PreparedCalendar, day: number): readonly number[] {
  const cached = calendar.days.get(day);
  if (cached) return cached;
  const out: number[] = [];
  if (!calendar.holidays.has(day)) {
    for (const [start, end] of calendar.weekdays[weekdayIndex(day)] ?? []) {
      out.push(instant(day, start, calendar.timeZone), instant(day, end, calendar.timeZone));
    }
  }
  if (calendar.days.size >= DAY_CACHE_LIMIT) calendar.days.clear();
  calendar.days.set(day, out);
  return out;
}

/**
 * Whether the seven local days from `day` can be counted as one nominal week: no holiday among them and no
 * UTC offset change anywhere near them (checked a day either side, which covers any zone's offset).
 */
function plainWeek(calendar: PreparedCalendar, day: number): boolean {
  const cached = calendar.weeks.get(day);
  if (cached !== undefined) return cached;
  let plain =
    tzOffset(calendar.timeZone, new Date((day - 1) * DAY)) ===
    tzOffset(calendar.timeZone, new Date((day + 8) * DAY));
  for (let d = day; plain && d < day + 7; d++) if (calendar.holidays.has(d)) plain = false;
  if (calendar.weeks.size >= DAY_CACHE_LIMIT) calendar.weeks.clear();
  calendar.weeks.set(day, plain);
  return plain;
}

function tooFar(): never {
  throw new RangeError('business-hours calendar has no open time in reach');
}

/** Whether the calendar is open at `at`. */
export function isOpen(at: number, calendar: BusinessCalendar): boolean {
  const cal = prepare(calendar);
  if (cal.aroundTheClock) return true;
  const open = openOn(cal, localDay(at, cal.timeZone));
  for (let i = 0; i < open.length; i += 2) {
    if ((open[i] as number) <= at && at < (open[i + 1] as number)) return true;
  }
  return false;
}

/** The first open instant at or after `at` (`at` itself when open). */
export function nextOpening(at: number, calendar: BusinessCalendar): number {
  const cal = prepare(calendar);
  if (cal.aroundTheClock) return at;
  const first = localDay(at, cal.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const open = openOn(cal, day);
    for (let i = 0; i < open.length; i += 2) {
      if ((open[i + 1] as number) > at) return Math.max(open[i] as number, at);
    }
  }
  return tooFar();
}

/**
 * The instant when `hours` of open time have passed after `start`. Walks interval by interval, and whole
 * weeks at a time when no holiday or DST change is in the way, so a long target costs a few steps.
 */
export function addBusinessHours(start: number, hours: number, calendar: BusinessCalendar): number {
  const cal = prepare(calendar);
  let remaining = Math.round(hours * HOUR);
  if (cal.aroundTheClock || remaining <= 0) return start + Math.max(0, remaining);
  let at = start;
  const first = localDay(start, cal.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    // Past the first (partial) day every earlier interval is used up, so whole weeks can be skipped.
    while (day > first && remaining > cal.weekMs && plainWeek(cal, day)) {
      remaining -= cal.weekMs;
      day += 7;
      at = Number.NEGATIVE_INFINITY;
    }
    const open = openOn(cal, day);
    for (let i = 0; i < open.length; i += 2) {
      const end = open[i + 1] as number;
      if (end <= at) continue;
      const from = Math.max(open[i] as number, at);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
      at = end;
    }
  }
  return tooFar();
}

/** Open time between `from` and `to` in milliseconds (0 when `to` is not after `from`). */
export function businessMsBetween(from: number, to: number, calendar: BusinessCalendar): number {
  if (to <= from) return 0;
  const cal = prepare(calendar);
  if (cal.aroundTheClock) return to - from;
  const first = localDay(from, cal.timeZone);
  const last = localDay(to, cal.timeZone);
  let total = 0;
  for (let day = first; day <= last; day++) {
    // A whole week before `to`'s day, past the partial first day, counts as a nominal week.
    while (day > first && day + 7 <= last && plainWeek(cal, day)) {
      total += cal.weekMs;
      day += 7;
    }
    const open = openOn(cal, day);
    for (let i = 0; i < open.length; i += 2) {
      const start = Math.max(open[i] as number, from);
      const end = Math.min(open[i + 1] as number, to);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/**
 * The open intervals overlapping [from, to), clipped to it, ascending, as flat [start, end, start, end, …]
 * instants (intervals of neighbouring days may touch). For reports (metrics/business-clock.ts), which sum
 * them once instead of walking the calendar per ticket; the days are the ones businessMsBetween walks.
 */
export function openIntervals(from: number, to: number, calendar: BusinessCalendar): number[] {
  if (to <= from) return [];
  const cal = prepare(calendar);
  if (cal.aroundTheClock) return [from, to];
  const out: number[] = [];
  const last = localDay(to, cal.timeZone);
  for (let day = localDay(from, cal.timeZone); day <= last; day++) {
    const open = openOn(cal, day);
    for (let i = 0; i < open.length; i += 2) {
      const start = Math.max(open[i] as number, from);
      const end = Math.min(open[i + 1] as number, to);
      if (end > start) out.push(start, end);
    }
  }
  return out;
}

/**
 * The close of the first working day that starts after `at`. A working day is a local day with opening
 * hours that is not a holiday; it starts at its first opening and closes at its last closing. So a ticket
 * solved during Monday's hours (Monday already started) gets Tuesday's close, one solved on Monday before
 * opening or on Sunday gets Monday's close: "no later than one working day" (S003 lines 49-63). Around the
 * clock every local day is a working day from midnight to midnight.
 */
export function endOfNextWorkingDay(at: number, calendar: BusinessCalendar): number {
  const cal = prepare(calendar);
  const first = localDay(at, cal.timeZone);
  if (cal.aroundTheClock) return instant(first + 1, 1440, cal.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const open = openOn(cal, day);
    if (open.length > 0 && (open[0] as number) > at) return open[open.length - 1] as number;
  }
  return tooFar();
}

/** When a CSAT survey goes out: `delayHours` clock hours after Solved, but no later than one working day. */
export function csatSendAt(solvedAt: number, delayHours: number, calendar: BusinessCalendar): number {
  return Math.min(solvedAt + delayHours * HOUR, endOfNextWorkingDay(solvedAt, calendar));
}
