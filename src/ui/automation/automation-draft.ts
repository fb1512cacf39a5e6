/**
 * The Automation section's form state and its way back to AutomationSettings: the settings themselves, plus
 * what a form needs to keep while typing (VIP lists as text, which calendars are open around the clock), and
 * the schema's issues turned into field ids.
 */
import type { z } from 'zod/mini';
import {
  type AutomationSettings,
  automationSettingsSchema,
  type BusinessCalendar,
  type OpeningHours,
} from '../../core/automation-config';

export interface AutomationDraft {
  settings: AutomationSettings;
  /** One address per line, as typed. */
  vipAddresses: string;
  vipDomains: string;
  /** Calendar ids open around the clock (no hours): a calendar whose days are all closed is not one. */
  alwaysOpen: readonly string[];
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const DEFAULT_INTERVAL = { start: '09:00', end: '17:00' } as const;

export function draftFromSettings(settings: AutomationSettings): AutomationDraft {
  return {
    settings: structuredClone(settings),
    vipAddresses: settings.sla.vip.addresses.join('\n'),
    vipDomains: settings.sla.vip.domains.join('\n'),
    alwaysOpen: settings.calendars.filter((c) => c.hours.length === 0).map((c) => c.id),
  };
}

const lines = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The settings the draft stands for, before the schema checks them. */
export function draftInput(draft: AutomationDraft): AutomationSettings {
  const { settings } = draft;
  return {
    ...settings,
    calendars: settings.calendars.map((calendar) => ({
      ...calendar,
      // Not sorted here: the schema's issue paths must point at the intervals as the form shows them.
      hours: draft.alwaysOpen.includes(calendar.id) ? [] : calendar.hours,
    })),
    sla: {
      ...settings.sla,
      vip: {
        ...settings.sla.vip,
        addresses: lines(draft.vipAddresses).map((a) => a.toLowerCase()),
        domains: lines(draft.vipDomains).map((d) => d.toLowerCase().replace(/^@/, '')),
      },
    },
  };
}

export function sortHours(hours: readonly OpeningHours[]): OpeningHours[] {
  return [...hours].sort((a, b) => a.day - b.day || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The id of the form field a value's path belongs to: `auto-sla-targets-0-firstResponseHours`. */
export const fieldIdOf = (path: readonly PropertyKey[]) =>
  ['auto', ...path.filter((k): k is string | number => typeof k !== 'symbol').map(String)].join('-');

/** What the schema does not say but the form must: every named calendar exists, some day is open. */
export type DraftProblem =
  | { code: 'no-open-day'; path: (string | number)[] }
  | { code: 'calendar-missing'; path: (string | number)[] }
  | { code: 'duplicate-holiday'; path: (string | number)[]; date: string }
  | { code: 'overlap'; path: (string | number)[] };

export function draftProblems(draft: AutomationDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const { settings } = draft;
  const ids = new Set(settings.calendars.map((c) => c.id));
  settings.calendars.forEach((calendar, index) => {
    if (!draft.alwaysOpen.includes(calendar.id) && calendar.hours.length === 0) {
      problems.push({ code: 'no-open-day', path: ['calendars', index, 'hours'] });
    }
    if (!draft.alwaysOpen.includes(calendar.id)) {
      // Intervals of one day must not overlap: two clocks would count the same hour twice.
      calendar.hours.forEach((interval, i) => {
        const clash = calendar.hours.some(
          (other, j) =>
            j < i && other.day === interval.day && other.start < interval.end && interval.start < other.end,
        );
        if (clash) problems.push({ code: 'overlap', path: ['calendars', index, 'hours', i] });
      });
    }
    const seen = new Set<string>();
    calendar.holidays.forEach((holiday, i) => {
      if (seen.has(holiday.date)) {
        problems.push({
          code: 'duplicate-holiday',
          path: ['calendars', index, 'holidays', i, 'date'],
          date: holiday.date,
        });
      }
      seen.add(holiday.date);
    });
  });
  if (!ids.has(settings.sla.defaultCalendar)) {
    problems.push({ code: 'calendar-missing', path: ['sla', 'defaultCalendar'] });
  }
  for (const [group, id] of Object.entries(settings.sla.groupCalendars)) {
    if (!ids.has(id)) problems.push({ code: 'calendar-missing', path: ['sla', 'groupCalendars', group] });
  }
  return problems;
}

export type DraftCheck =
  | { ok: true; settings: AutomationSettings }
  | { ok: false; issues: { path: (string | number)[]; message: string }[] };

/**
 * The draft checked by the shared schema (the worker checks the same) and the form's own rules; `describe`
 * gives a form problem its words in the UI language.
 */
export function checkDraft(
  draft: AutomationDraft,
  errorMap: z.core.$ZodErrorMap,
  describe: (problem: DraftProblem) => string,
  translate: (message: string) => string,
): DraftCheck {
  const parsed = automationSettingsSchema.safeParse(draftInput(draft), { error: errorMap });
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          path: issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
          message: translate(issue.message),
        }))),
    ...draftProblems(draft).map((problem) => ({ path: problem.path, message: describe(problem) })),
  ];
  if (parsed.success && issues.length === 0) return { ok: true, settings: parsed.data };
  return { ok: false, issues };
}

/** A new calendar id not used yet: `cal-2`, `cal-3` … */
export function newCalendarId(calendars: readonly BusinessCalendar[]): string {
  const used = new Set(calendars.map((c) => c.id));
  for (let n = calendars.length + 1; ; n++) if (!used.has(`cal-${n}`)) return `cal-${n}`;
}

/** Monday's intervals for Tuesday to Friday too; the weekend stays as it is. */
export function copyMondayToWeekdays(hours: readonly OpeningHours[]): OpeningHours[] {
  const monday = hours.filter((h) => h.day === 1);
  return sortHours([
    ...hours.filter((h) => h.day === 1 || h.day > 5),
    ...[2, 3, 4, 5].flatMap((day) => monday.map((h) => ({ ...h, day }))),
  ]);
}

/** A time input cannot show 24:00: the form shows midnight as 00:00 and means the end of the day. */
export const endForInput = (end: string) => (end === '24:00' ? '00:00' : end);
export const endFromInput = (value: string) => (value === '00:00' ? '24:00' : value);
