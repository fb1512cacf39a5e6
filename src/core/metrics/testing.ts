/**
 * Hand-made mailboxes for metric tests (issue 7): a ticket's facts from the few fields a case cares about,
 * CSAT answers, and business calendars. Shared by the tests of report.ts, recurring.ts and the reports page.
 */
import type { BusinessCalendar, OpeningHours } from '../automation-config';
import type { CsatFact, TicketFacts } from './facts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An ISO instant with its zone written out (`2026-11-13T16:00:00+01:00`) as epoch milliseconds. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`);
  return ms;
}

let nextTicket = 1;

/**
 * A ticket's facts: created at `createdAt`, its first customer message then, Open, untagged, read whole.
 * Everything else as given; the thread id and reference are numbered unless given.
 */
export function ticket(init: Partial<TicketFacts> & { createdAt: number }): TicketFacts {
  const n = nextTicket++;
  return {
    threadId: `t${n}`,
    reference: `#T${String(n).padStart(5, '0')}`,
    subject: `Ticket ${n}`,
    status: 'Open',
    tags: [],
    customerMessages: [init.createdAt],
    teamReplies: [],
    solves: [],
    complete: true,
    ...init,
  };
}

/** A CSAT answer for a ticket (or a thread id no ticket has). */
export function answer(
  of: TicketFacts | string,
  rating: CsatFact['rating'],
  answeredAt: number,
  extra: Partial<Pick<CsatFact, 'comment' | 'effort'>> = {},
): CsatFact {
  return { threadId: typeof of === 'string' ? of : of.threadId, rating, answeredAt, ...extra };
}

/** Opening hours on the given ISO weekdays (default Monday to Friday). */
export function weekdayHours(start: string, end: string, days = [1, 2, 3, 4, 5]): OpeningHours[] {
  return days.map((day) => ({ day, start, end }));
}

/** A calendar; no hours means open around the clock. Holidays as `YYYY-MM-DD`. */
export function calendar(
  timeZone: string,
  hours: OpeningHours[] = [],
  holidays: string[] = [],
  id = 'team',
): BusinessCalendar {
  return { id, name: id, timeZone, hours, holidays: holidays.map((date) => ({ date })) };
}
