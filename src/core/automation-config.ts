// zod/mini like the team config: the options page and the service worker validate with it; the content script
// never imports this module.
import { z } from 'zod/mini';
import { TICKET_PRIORITIES } from './ticket';

/**
 * The team's automation settings (issue 6), shared by every agent and the Node worker as one record in the
 * mailbox (kind 'automation'; the newest wins, like the team config): business-hours calendars and holidays,
 * SLA policies, the auto-acknowledgement, Pending reminders and auto-close, CSAT surveys, rules, and where the
 * automations may run. Everything that sends mail is off until the team turns it on.
 */

/** `HH:MM`, 00:00 to 24:00 (24:00 closes a day that ends at midnight). */
const clockTime = z.string().check(z.regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/));
const isoDate = z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/));
const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/));
const label = z.string().check(z.minLength(1), z.maxLength(200));

/** Whether the runtime knows this IANA time zone (Intl throws a RangeError for one it does not). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.refine(isTimeZone, 'unknown time zone'));

/** One opening interval on a weekday: ISO day numbers, 1 = Monday … 7 = Sunday, in the calendar's zone. */
export const openingHoursSchema = z
  .object({ day: z.number().check(z.int(), z.minimum(1), z.maximum(7)), start: clockTime, end: clockTime })
  .check(z.refine((h) => h.start < h.end, 'an interval must end after it starts'));
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const holidaySchema = z.object({
  /** A whole local day in the calendar's time zone. */
  date: isoDate,
  name: z.optional(z.string().check(z.maxLength(200))),
});
export type Holiday = z.infer<typeof holidaySchema>;

/**
 * A business-hours calendar. No intervals at all means open around the clock (the default calendar of a team
 * that has not set hours: then "24 business hours" are 24 hours, as before issue 6).
 */
export const calendarSchema = z.object({
  id,
  name: label,
  timeZone: timeZoneSchema,
  hours: z.array(openingHoursSchema).check(z.maxLength(70)),
  holidays: z._default(z.array(holidaySchema).check(z.maxLength(2_000)), []),
});
export type BusinessCalendar = z.infer<typeof calendarSchema>;

export const CUSTOMER_TIERS = ['vip', 'standard'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** A target applies to a priority and a tier (absent: any); the first target that matches a ticket wins. */
export const slaTargetSchema = z.object({
  priority: z.optional(z.enum(TICKET_PRIORITIES)),
  tier: z.optional(z.enum(CUSTOMER_TIERS)),
  /** Business hours from the customer's request to the team's first answer. */
  firstResponseHours: z.number().check(z.positive(), z.maximum(10_000)),
  /** Business hours from the request to Solved; absent: no resolution target. */
  resolutionHours: z.optional(z.number().check(z.positive(), z.maximum(100_000))),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const DEFAULT_FIRST_RESPONSE_HOURS = 24;
export const DEFAULT_CALENDAR_ID = 'team';

export const slaPolicySchema = z.object({
  targets: z._default(z.array(slaTargetSchema).check(z.maxLength(40)), [
    { firstResponseHours: DEFAULT_FIRST_RESPONSE_HOURS },
  ]),
  /** The calendar of tickets whose group has none of its own. */
  defaultCalendar: z._default(id, DEFAULT_CALENDAR_ID),
  /** A group's calendar id (for example a second-line group that works other hours). */
  groupCalendars: z._default(z.record(label, id), {}),
  /** A clock is "at risk" once this share of its business time is used. */
  atRiskShare: z._default(z.number().check(z.gt(0), z.lt(1)), 0.8),
  /** Statuses during which no clock is at risk or breached (the team waits for the customer or a third party). */
  pauseWhile: z._default(z.array(z.enum(['Pending', 'On hold'])).check(z.maxLength(2)), [
    'Pending',
    'On hold',
  ]),
  /** Who is a VIP customer: these addresses, these domains, or tickets carrying this tag path. */
  vip: z._default(
    z.object({
      addresses: z._default(z.array(z.string().check(z.maxLength(320))).check(z.maxLength(500)), []),
      domains: z._default(z.array(z.string().check(z.maxLength(253))).check(z.maxLength(200)), []),
      tag: z.optional(z.string().check(z.minLength(1), z.maxLength(400))),
    }),
    { addresses: [], domains: [] },
  ),
  escalation: z._default(
    z.object({
      /** Tell the assignee when their ticket is at risk. */
      notifyAssignee: z._default(z.boolean(), true),
      /** Tell the group's leads (team config `lead`) when a ticket breaches. */
      notifyLead: z._default(z.boolean(), true),
      /** Raise a breached ticket's priority one step (at most to Urgent). */
      raisePriority: z._default(z.boolean(), false),
    }),
    { notifyAssignee: true, notifyLead: true, raisePriority: false },
  ),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const acknowledgementSchema = z.object({
  enabled: z._default(z.boolean(), false),
  /** A library template (variants per language) to send instead of the built-in text. */
  templateId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** At most this many acknowledgements to one sender address in 24 hours: a guard against mail loops. */
  perSenderPerDay: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 3),
});

export const pendingSchema = z.object({
  /** Remind the customer after this many days in Pending; absent: never. */
  remindAfterDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(60))),
  /** Close the ticket after this many days in Pending; absent: never. */
  closeAfterDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(365))),
});

export const csatSchema = z.object({
  enabled: z._default(z.boolean(), false),
  /** Hours after Solved; the send never waits past the end of the next working day. */
  delayHours: z._default(z.number().check(z.minimum(0), z.maximum(24)), 2),
  /** Add the optional Customer Effort question ("How easy was it to get help?"). */
  effortQuestion: z._default(z.boolean(), false),
  /** The tag (what/why path) a ticket rated bad gets: the follow-up queue. */
  followUpTag: z._default(z.string().check(z.minLength(1), z.maxLength(400)), 'CSAT/Follow up'),
});

const words = z
  .array(z.string().check(z.minLength(1), z.maxLength(200)))
  .check(z.minLength(1), z.maxLength(50));

/** What a rule looks at in a new ticket's first message. */
export const ruleConditionSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('sender'), value: z.string().check(z.minLength(1), z.maxLength(320)) }),
  z.object({ field: z.literal('domain'), value: z.string().check(z.minLength(1), z.maxLength(253)) }),
  /** Any of the words appears (whole words, case-insensitive); `not` turns it into "none of the words". */
  z.object({ field: z.literal('subject'), words, not: z._default(z.boolean(), false) }),
  z.object({ field: z.literal('body'), words, not: z._default(z.boolean(), false) }),
  z.object({ field: z.literal('language'), value: z.enum(['en', 'ru', 'pl', 'ja']) }),
  z.object({ field: z.literal('attachment'), value: z.boolean() }),
  /** Arrived inside or outside a calendar's hours (the SLA default calendar when none is named). */
  z.object({
    field: z.literal('time'),
    value: z.enum(['in-hours', 'out-of-hours']),
    calendar: z.optional(id),
  }),
]);
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const ruleAssignSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('agent'), agent: label }),
  /** Among the agents of the rule's group (or every agent) who are on shift now. */
  z.object({ mode: z.literal('round-robin') }),
  z.object({ mode: z.literal('least-loaded') }),
]);
export type RuleAssign = z.infer<typeof ruleAssignSchema>;

export const ruleSchema = z.object({
  id,
  name: label,
  enabled: z._default(z.boolean(), true),
  match: z._default(z.enum(['all', 'any']), 'all'),
  conditions: z.array(ruleConditionSchema).check(z.minLength(1), z.maxLength(20)),
  actions: z.object({
    tags: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(400))).check(z.maxLength(20))),
    priority: z.optional(z.enum(TICKET_PRIORITIES)),
    group: z.optional(label),
    assign: z.optional(ruleAssignSchema),
    /** A library macro's id, applied after the fields above (its reply is never sent by a rule). */
    macroId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  }),
  /** Later rules are not tried once this one matched. */
  stop: z._default(z.boolean(), false),
});
export type Rule = z.infer<typeof ruleSchema>;

export const RUNNER_MODES = ['any', 'worker'] as const;

export const automationSettingsSchema = z.object({
  calendars: z._default(
    z.array(calendarSchema).check(
      z.maxLength(20),
      z.refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'calendar ids must differ'),
    ),
    [{ id: DEFAULT_CALENDAR_ID, name: 'Team', timeZone: 'UTC', hours: [], holidays: [] }],
  ),
  /** Agent name → calendar id: when the agent is on shift, for rules that assign. Absent: always on shift. */
  shifts: z._default(z.record(label, id), {}),
  sla: z._default(slaPolicySchema, {
    targets: [{ firstResponseHours: DEFAULT_FIRST_RESPONSE_HOURS }],
    defaultCalendar: DEFAULT_CALENDAR_ID,
    groupCalendars: {},
    atRiskShare: 0.8,
    pauseWhile: ['Pending', 'On hold'],
    vip: { addresses: [], domains: [] },
    escalation: { notifyAssignee: true, notifyLead: true, raisePriority: false },
  }),
  acknowledgement: z._default(acknowledgementSchema, { enabled: false, perSenderPerDay: 3 }),
  pending: z._default(pendingSchema, {}),
  csat: z._default(csatSchema, {
    enabled: false,
    delayHours: 2,
    effortQuestion: false,
    followUpTag: 'CSAT/Follow up',
  }),
  rules: z._default(
    z.array(ruleSchema).check(
      z.maxLength(200),
      z.refine((list) => new Set(list.map((r) => r.id)).size === list.length, 'rule ids must differ'),
    ),
    [],
  ),
  /**
   * Where automations run: 'any' lets an agent's browser or the Node worker hold the runner lease (one at a
   * time); 'worker' leaves them to the Node worker alone, and browsers only sync.
   */
  runner: z._default(z.enum(RUNNER_MODES), 'any'),
});
export type AutomationSettings = z.infer<typeof automationSettingsSchema>;

/** The settings of a mailbox whose team has saved none: SLA of 24 hours around the clock, nothing sent. */
export function defaultAutomationSettings(): AutomationSettings {
  return automationSettingsSchema.parse({});
}

/** The calendar a ticket's clock runs on: its group's, else the policy's default, else around the clock. */
export function calendarFor(settings: AutomationSettings, group: string | undefined): BusinessCalendar {
  const wanted =
    (group !== undefined ? settings.sla.groupCalendars[group] : undefined) ?? settings.sla.defaultCalendar;
  return (
    settings.calendars.find((c) => c.id === wanted) ??
    settings.calendars[0] ?? {
      id: DEFAULT_CALENDAR_ID,
      name: 'Team',
      timeZone: 'UTC',
      hours: [],
      holidays: [],
    }
  );
}
