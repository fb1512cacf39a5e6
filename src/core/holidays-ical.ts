/**
 * Holidays from an iCalendar file (RFC 5545), for a business-hours calendar: the options page's "Import
 * iCalendar (.ics)…". Parsing and recurrence expansion are ical.js's (Mozilla's parser); this module only
 * turns events into whole local days. Only the options page imports it: ical.js stays out of the Gmail tab.
 */
import ICAL from 'ical.js';
import type { Holiday } from './automation-config';

/** Larger files are refused before parsing: a public-holiday calendar for decades is a few hundred KB. */
export const ICS_MAX_BYTES = 1_000_000;
/** A calendar keeps at most this many holidays (calendarSchema's limit). */
export const ICS_MAX_HOLIDAYS = 2_000;
/** One event spans at most this many days (a longer one is a mistake, not a holiday). */
const MAX_EVENT_DAYS = 366;
/** Occurrences looked at per recurring event, whatever the range: a guard against endless rules. */
const MAX_OCCURRENCES = 5_000;

/** Why something in the file was not taken as it was, for the UI to say in its language. */
export type IcsProblem =
  | { kind: 'too-large'; bytes: number }
  /** ical.js refused the file; `line` is where, when the message names the line (1-based, folded lines). */
  | { kind: 'syntax'; line?: number; detail: string }
  | { kind: 'not-calendar' }
  | { kind: 'no-events' }
  /** An event with a time of day: its date as written (in its own zone) is taken as a holiday. */
  | { kind: 'timed'; summary: string; date: string }
  /** A rule that repeats other than yearly: only its first date is taken. */
  | { kind: 'not-yearly'; summary: string; date: string }
  | { kind: 'no-start'; summary: string }
  | { kind: 'bad-event'; summary: string; detail: string }
  | { kind: 'too-many'; limit: number };

export interface IcsImport {
  /** Sorted by date, one per date (the first event's name wins), inside the range. */
  holidays: Holiday[];
  /** Each problem as an English line (logs, tests); the UI translates `details`. */
  problems: string[];
  details: IcsProblem[];
}

export interface YearRange {
  fromYear: number;
  toYear: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoOf = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The date `days` after year-month-day (month 1-12), through UTC so no zone or DST gets in the way. */
function addDays(year: number, month: number, day: number, days: number): string {
  const at = new Date(Date.UTC(year, month - 1, day + days));
  return isoOf(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

const dayIndex = (year: number, month: number, day: number) =>
  Math.round(Date.UTC(year, month - 1, day) / 86_400_000);

/** The problem as one English line. */
export function icsProblemLine(problem: IcsProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return `The file is ${problem.bytes} bytes; at most ${ICS_MAX_BYTES} are read.`;
    case 'syntax':
      return problem.line === undefined
        ? `Not a valid iCalendar file: ${problem.detail}`
        : `Line ${problem.line}: not valid iCalendar: ${problem.detail}`;
    case 'not-calendar':
      return 'The file holds no VCALENDAR.';
    case 'no-events':
      return 'The calendar holds no events.';
    case 'timed':
      return `"${problem.summary}" has a time of day; its date ${problem.date} is taken as a whole day.`;
    case 'not-yearly':
      return `"${problem.summary}" repeats other than yearly; only ${problem.date} is taken.`;
    case 'no-start':
      return `"${problem.summary}" has no start date and is left out.`;
    case 'bad-event':
      return `"${problem.summary}" could not be read: ${problem.detail}`;
    case 'too-many':
      return `Only the first ${problem.limit} holidays are taken.`;
  }
}

/** The 1-based line (of the file as written, folded) where the unfolded content line `wanted` starts. */
function lineOf(text: string, wanted: string): number | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    let logical = lines[i] ?? '';
    let next = i + 1;
    while (next < lines.length && /^[ \t]/.test(lines[next] ?? '')) {
      logical += (lines[next] ?? '').slice(1);
      next++;
    }
    if (logical === wanted || logical.trim() === wanted.trim()) return i + 1;
  }
  return undefined;
}

/** ical.js names a broken line in quotes ('invalid line (no token ";" or ":") "HELLO"'). */
function syntaxProblem(text: string, error: unknown): IcsProblem {
  const detail = error instanceof Error ? error.message : String(error);
  const quoted = /"([^"]*)"\s*$/.exec(detail) ?? /'([^']*)'\s*$/.exec(detail);
  const line = quoted?.[1] !== undefined ? lineOf(text, quoted[1]) : undefined;
  return line === undefined ? { kind: 'syntax', detail } : { kind: 'syntax', line, detail };
}

function byteLength(text: string): number {
  // Cheap bound first: UTF-8 is at most 3 bytes per UTF-16 unit.
  return text.length * 3 <= ICS_MAX_BYTES ? text.length : new TextEncoder().encode(text).length;
}

/**
 * Holidays from an .ics file: every all-day event (DTSTART;VALUE=DATE; a DTEND is exclusive, so a two-day
 * event adds two dates), yearly rules expanded for the years of `range` (inclusive), timed events taken as
 * the date they start on with a problem noted. Dates outside the range are left out.
 */
export function holidaysFromIcs(text: string, range: YearRange): IcsImport {
  const details: IcsProblem[] = [];
  const done = (holidays: Holiday[]): IcsImport => ({
    holidays,
    details,
    problems: details.map(icsProblemLine),
  });

  const bytes = byteLength(text);
  if (bytes > ICS_MAX_BYTES) {
    details.push({ kind: 'too-large', bytes });
    return done([]);
  }

  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    details.push(syntaxProblem(text, error));
    return done([]);
  }
  // One calendar parses to ['vcalendar', …]; several to a list of those; an empty file to [].
  const jcals = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  const calendars = (Array.isArray(jcals) ? jcals : [])
    .map((jcal) => new ICAL.Component(jcal as never))
    .filter((component) => component.name === 'vcalendar');
  if (calendars.length === 0) {
    details.push({ kind: 'not-calendar' });
    return done([]);
  }
  const events = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  if (events.length === 0) {
    details.push({ kind: 'no-events' });
    return done([]);
  }

  const from = isoOf(range.fromYear, 1, 1);
  const to = isoOf(range.toYear, 12, 31);
  const found = new Map<string, string | undefined>();
  let full = false;
  const add = (date: string, name: string | undefined) => {
    if (date < from || date > to || found.has(date)) return;
    if (found.size >= ICS_MAX_HOLIDAYS) {
      full = true;
      return;
    }
    found.set(date, name);
  };

  for (const component of events) {
    if (full) break;
    const summaryRaw = component.getFirstPropertyValue('summary');
    const summary = typeof summaryRaw === 'string' ? summaryRaw.trim().slice(0, 200) : '';
    const name = summary === '' ? undefined : summary;
    try {
      if (!component.hasProperty('dtstart')) {
        details.push({ kind: 'no-start', summary });
        continue;
      }
      const event = new ICAL.Event(component);
      const start = event.startDate;
      const startIso = isoOf(start.year, start.month, start.day);
      // How many whole days one occurrence covers: DTEND (exclusive) or DURATION for all-day events.
      let days = 1;
      if (start.isDate) {
        const end = event.endDate;
        if (end !== undefined && end !== null) {
          days = dayIndex(end.year, end.month, end.day) - dayIndex(start.year, start.month, start.day);
        }
        days = Math.min(Math.max(days, 1), MAX_EVENT_DAYS);
      } else {
        details.push({ kind: 'timed', summary, date: startIso });
      }
      const addOccurrence = (year: number, month: number, day: number) => {
        for (let d = 0; d < days; d++) add(addDays(year, month, day, d), name);
      };

      if (!event.isRecurring() || event.isRecurrenceException()) {
        addOccurrence(start.year, start.month, start.day);
        continue;
      }
      const rule = component.getFirstPropertyValue('rrule') as { freq?: string } | null;
      if (rule !== null && rule.freq !== undefined && rule.freq !== 'YEARLY') {
        details.push({ kind: 'not-yearly', summary, date: startIso });
        addOccurrence(start.year, start.month, start.day);
        continue;
      }
      const occurrences = event.iterator();
      for (let n = 0; n < MAX_OCCURRENCES && !full; n++) {
        const next = occurrences.next();
        if (next === null || next === undefined || next.year > range.toYear) break;
        if (next.year >= range.fromYear - 1) addOccurrence(next.year, next.month, next.day);
      }
    } catch (error) {
      details.push({
        kind: 'bad-event',
        summary,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (full) details.push({ kind: 'too-many', limit: ICS_MAX_HOLIDAYS });

  const holidays = [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, holidayName]) => (holidayName === undefined ? { date } : { date, name: holidayName }));
  return done(holidays);
}
