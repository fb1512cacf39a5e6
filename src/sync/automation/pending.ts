/**
 * Pending reminders and auto-close (issue 6, PRODUCT.md "Automation"): a ticket left Pending (the team waits
 * for the customer) gets one reminder after `remindAfterDays` and is closed after `closeAfterDays`. Both are
 * off until the team sets them. Days are calendar days in the time zone of the ticket's calendar (its group's,
 * else the SLA default): a ticket set Pending on Monday evening is "one day" Pending from Tuesday 00:00
 * there, not 24 hours later.
 *
 * The reminder goes through `sendAutoReply`, whose thread check makes it once per Pending episode; the close
 * goes through the engine's outbox like an agent's change.
 */
import { tz } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, startOfDay } from 'date-fns';
import { reminderText } from '../../core/auto-mail/texts';
import { calendarFor } from '../../core/automation-config';
import { detectLanguage } from '../../core/language-detect';
import type { TicketRecord } from '../../store/schema';
import type { Automation } from './context';

/** Who closes the ticket, as the activity log says it. */
export const PENDING_ACTOR = 'Labeldesk';

/** Calendar days between two instants in a time zone (Monday 23:59 to Tuesday 00:01 is one). */
export function calendarDaysBetween(from: number, to: number, timeZone: string): number {
  return differenceInCalendarDays(to, from, { in: tz(timeZone) });
}

/** The first instant of the local day `days` calendar days after `from`'s, in a time zone. */
export function startOfDayAfter(from: number, days: number, timeZone: string): number {
  const zone = tz(timeZone);
  return startOfDay(addDays(from, days, { in: zone }), { in: zone }).getTime();
}

export const remindAndClosePending: Automation = async (context) => {
  const { remindAfterDays, closeAfterDays } = context.settings.pending;
  if (remindAfterDays === undefined && closeAfterDays === undefined) return;
  const rows: TicketRecord[] = await context.db.getAllFromIndex('tickets', 'status', 'Pending');
  for (const row of rows) {
    if (!context.holdsLease()) return;
    const since = await context.memory.statusSince(row, 'Pending');
    if (since === undefined) continue;
    const timeZone = calendarFor(context.settings, row.group).timeZone;
    const days = calendarDaysBetween(since, context.now, timeZone);

    if (closeAfterDays !== undefined && days >= closeAfterDays) {
      await context.engine.updateTicket(row.threadId, { status: 'Closed' }, PENDING_ACTOR);
      context.summary.closed += 1;
      context.log({ automation: 'pending', threadId: row.threadId, outcome: 'closed' });
      continue;
    }
    if (remindAfterDays === undefined || days < remindAfterDays) continue;
    const closesAt =
      closeAfterDays === undefined ? undefined : startOfDayAfter(since, closeAfterDays, timeZone);
    const outcome = await context.sendAutoReply({
      ticket: row,
      kind: 'reminder',
      episodeStart: since,
      build: (thread) =>
        reminderText({
          language: detectLanguage(`${thread.subject}\n${row.subject}`).language,
          ...(thread.customer.name ? { customerName: thread.customer.name } : {}),
          reference: row.reference,
          subject: thread.subject,
          ...(closesAt === undefined ? {} : { closesAt }),
          timeZone,
          now: context.now,
        }),
    });
    context.log({ automation: 'pending', threadId: row.threadId, outcome: `reminder ${outcome.kind}` });
    if (outcome.kind === 'sent') context.summary.reminders += 1;
    if (outcome.kind === 'lost-lease') return;
  }
};
