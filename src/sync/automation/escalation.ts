/**
 * SLA escalation (issue 6, PRODUCT.md "Automation"): a ticket at risk tells its assignee; a breached ticket
 * tells the leads of its group and, if the policy says so, goes up one priority. Notifications are shared
 * notify records (macros.ts), which each agent's browser shows after its next poll.
 *
 * Cheap on a big mailbox: only rows from the tickets store's `slaDue` index whose due time is close enough
 * for the at-risk time to have passed are read, never the whole store. Once only: before writing, the
 * mailbox's notify records are checked for the same ticket, reason and due time (per recipient), so a second
 * pass, a second runner after a hand-over, or a restart does not tell anyone twice. A priority raise changes
 * the target and so can start a new clock; that clock escalates on its own terms (at most up to Urgent).
 */
import { calendarFor, DEFAULT_FIRST_RESPONSE_HOURS } from '../../core/automation-config';
import { addBusinessHours, businessMsBetween } from '../../core/business-hours';
import { slaClock } from '../../core/sla-policy';
import { TICKET_PRIORITIES, type TicketStatus } from '../../core/ticket';
import type { TicketRecord } from '../../store/schema';
import type { Automation, PassContext } from './context';

/** Who the notify records come from, and who changes the priority (the activity log says so). */
export const ESCALATION_ACTOR = 'Labeldesk';
/** What a notify record names instead of a macro (old browsers show it as the macro's name). */
export const ESCALATION_SOURCE = 'SLA';

type Reason = 'sla-at-risk' | 'sla-breached';

/**
 * An escalation is news for this long after its moment (the at-risk or due instant), counted in the ticket's
 * business hours: a breach from Friday noon still tells the lead on Monday morning, but a runner that starts
 * on a mailbox whose old tickets breached weeks ago (a first run, a Node worker back after a holiday) does not
 * send a flood of notifications about them; the Overdue queue lists those.
 */
export const ESCALATION_NEWS_HOURS = 24;

const key = (threadId: string, reason: Reason, dueAt: number, to: string) =>
  `${threadId}|${reason}|${dueAt}|${to.toLowerCase()}`;

/**
 * The latest due time a ticket at risk by `now` can have: its at-risk time has passed, so at most
 * (1 - atRiskShare) of the longest target is left, counted in the slowest calendar.
 */
export function escalationHorizon(context: Pick<PassContext, 'settings' | 'now'>): number {
  const { settings, now } = context;
  let longest = DEFAULT_FIRST_RESPONSE_HOURS;
  for (const target of settings.sla.targets) {
    longest = Math.max(longest, target.firstResponseHours, target.resolutionHours ?? 0);
  }
  const left = longest * (1 - settings.sla.atRiskShare);
  const calendars = [...settings.calendars, calendarFor(settings, undefined)];
  return Math.max(...calendars.map((calendar) => addBusinessHours(now, left, calendar)));
}

/** The team leads told about a breach: the group's, else (no group, or a group without one) every lead. */
function leadsFor(context: PassContext, group: string | undefined): string[] {
  const leads = (context.team?.agents ?? []).filter((agent) => agent.lead);
  const ofGroup = group === undefined ? [] : leads.filter((agent) => agent.groups.includes(group));
  return (ofGroup.length > 0 ? ofGroup : leads).map((agent) => agent.name);
}

export const escalateSla: Automation = async (context) => {
  const { settings, now } = context;
  const policy = settings.sla;
  const paused = new Set<TicketStatus>(policy.pauseWhile);
  const rows: TicketRecord[] = await context.db.getAllFromIndex(
    'tickets',
    'slaDue',
    IDBKeyRange.upperBound(escalationHorizon(context)),
  );
  if (rows.length === 0) return;
  const told = new Set(
    (await context.records.notifications())
      .filter((record) => record.reason !== undefined && record.reason !== 'macro')
      .map((record) => key(record.threadId, record.reason as Reason, record.dueAt ?? 0, record.to)),
  );

  for (const row of rows) {
    if (paused.has(row.status)) continue;
    const clock = slaClock(row, settings);
    if (!clock || now < clock.atRiskAt) continue;
    if (!context.holdsLease()) return;
    const reason: Reason = now >= clock.dueAt ? 'sla-breached' : 'sla-at-risk';
    const moment = reason === 'sla-breached' ? clock.dueAt : clock.atRiskAt;
    if (businessMsBetween(moment, now, calendarFor(settings, row.group)) > ESCALATION_NEWS_HOURS * 3_600_000)
      continue;
    let recipients: string[] = [];
    if (reason === 'sla-at-risk') {
      if (policy.escalation.notifyAssignee && row.assignee !== undefined) recipients = [row.assignee];
    } else if (policy.escalation.notifyLead) {
      recipients = leadsFor(context, row.group);
    }
    const priority = row.priority ?? 'Normal';
    const raise =
      reason === 'sla-breached' && policy.escalation.raisePriority && priority !== 'Urgent'
        ? TICKET_PRIORITIES[TICKET_PRIORITIES.indexOf(priority) + 1]
        : undefined;
    // A raise with nobody to tell still leaves a record (to the actor, whom no browser shows): the marker
    // that this clock's breach was handled.
    if (raise !== undefined && recipients.length === 0) recipients = [ESCALATION_ACTOR];
    const fresh = recipients.filter((to) => !told.has(key(row.threadId, reason, clock.dueAt, to)));
    // Handled before when any recipient was told already: the raise then happened too.
    const handledBefore = fresh.length < recipients.length;
    if (fresh.length === 0) continue;
    for (const to of fresh) {
      await context.records.addNotify({
        to,
        from: ESCALATION_ACTOR,
        threadId: row.threadId,
        macro: ESCALATION_SOURCE,
        reason,
        dueAt: clock.dueAt,
      });
      told.add(key(row.threadId, reason, clock.dueAt, to));
    }
    if (raise !== undefined && !handledBefore) {
      await context.engine.updateTicket(row.threadId, { priority: raise }, ESCALATION_ACTOR);
    }
    context.summary.escalated += 1;
    context.log({ automation: 'escalation', threadId: row.threadId, outcome: reason });
  }
};
