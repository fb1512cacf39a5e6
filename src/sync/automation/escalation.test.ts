import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type AutomationSettings, automationSettingsSchema } from '../../core/automation-config';
import type { NotifyRecord } from '../../core/macros';
import { slaRowFields } from '../../core/sla-policy';
import type { TeamConfig } from '../../core/team-config';
import { emptyLibrary } from '../../core/templates';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../../store/db';
import { putTickets, type TicketInput } from '../../store/ticket-store';
import { emptyPassSummary, type PassContext } from './context';
import { ESCALATION_ACTOR, escalateSla, escalationHorizon } from './escalation';
import { insertOnlyCalls, storeEngine, testRecordBook } from './testing';

const MAILBOX = 'support@northwind-shop.example';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 23 November 2026, 11:00 in Warsaw (CET, UTC+1). */
const MONDAY_11 = Date.UTC(2026, 10, 23, 10, 0);

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

function settingsWith(escalation: Partial<AutomationSettings['sla']['escalation']> = {}): AutomationSettings {
  return automationSettingsSchema.parse({
    calendars: [{ id: 'team', name: 'Warsaw', timeZone: 'Europe/Warsaw', hours: weekdays }],
    // 8 business hours to the first answer: at risk after 6.4.
    sla: { targets: [{ firstResponseHours: 8 }], escalation: { raisePriority: true, ...escalation } },
  });
}

const team: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@northwind-shop.example', groups: ['Billing'], lead: true },
    { name: 'Olga', email: 'olga@northwind-shop.example', groups: ['Shipping'], lead: true },
    { name: 'Dmitri', email: 'dmitri@northwind-shop.example', groups: ['Billing'], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['northwind-shop.example'],
  tags: [],
};

let dbCount = 0;
const opened: LabeldeskDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function ticket(threadId: string, settings: AutomationSettings, extra: Partial<TicketInput>): TicketInput {
  const base: TicketInput = {
    threadId,
    reference: `#${threadId.toUpperCase().padStart(6, '0').slice(-6)}`,
    subject: 'Where is my parcel?',
    requester: { email: 'jan@client.pl', name: 'Jan' },
    status: 'Open',
    tags: [],
    createdAt: MONDAY_11 - HOUR,
    labelIds: [],
    hasMetadata: true,
    ...extra,
  };
  // As the sync engine stores them, unless the test gives its own.
  return 'slaDueAt' in extra ? base : { ...base, ...slaRowFields(base, settings) };
}

async function setUp(options: {
  settings: AutomationSettings;
  tickets: (settings: AutomationSettings) => TicketInput[];
  team?: TeamConfig;
}) {
  dbCount += 1;
  const db = await openLabeldeskDatabase(`escalation-${dbCount}@northwind-shop.example`);
  opened.push(db);
  await putTickets(db, options.tickets(options.settings));
  const calls = insertOnlyCalls();
  let now = MONDAY_11;
  const records = testRecordBook(db, MAILBOX, () => now, calls);
  // Like the engine: the change goes to the store, with the SLA fields the new state gives.
  const { engine, updates } = storeEngine(db, options.settings);
  const logs: { automation: string; threadId?: string; outcome: string }[] = [];
  const pass = async (at: number) => {
    now = at;
    const summary = emptyPassSummary(at);
    const context: PassContext = {
      mailbox: MAILBOX,
      engine,
      db,
      calls,
      records,
      settings: options.settings,
      team: options.team ?? team,
      library: emptyLibrary(),
      now: at,
      holdsLease: () => true,
      sendAutoReply: async () => ({ kind: 'skipped', reason: 'escalation never sends' }),
      memory: { statusSince: async () => undefined, sentTo: async () => 0, noteSent: async () => undefined },
      summary,
      log: (event) => logs.push(event),
    };
    await escalateSla(context);
    return summary;
  };
  // Sorted: records written in one pass share a time, and their ids are random.
  const told = async () =>
    (await records.notifications())
      .map((r: NotifyRecord) => [r.threadId, r.to, r.reason, r.dueAt] as const)
      .sort((a, b) => (a[3] ?? 0) - (b[3] ?? 0) || `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
  return { db, pass, told, updates, logs };
}

// Business hours at Monday 11:00: a ticket from Friday 12:00 has used 5 + 2 = 7 of 8 (at risk, due Monday
// 12:00); one from Thursday 12:00 was due Friday 12:00 (breached).
const FRIDAY_12 = Date.UTC(2026, 10, 20, 11, 0);
const THURSDAY_12 = Date.UTC(2026, 10, 19, 11, 0);
const MONDAY_12 = Date.UTC(2026, 10, 23, 11, 0);

describe('escalateSla', () => {
  it('tells the assignee at risk, the group lead (or every lead) on a breach, and raises the priority once', async () => {
    const settings = settingsWith();
    const { pass, told, updates, logs } = await setUp({
      settings,
      tickets: (s) => [
        ticket('a1', s, { createdAt: FRIDAY_12, assignee: 'Dmitri', group: 'Billing' }),
        ticket('b2', s, { createdAt: THURSDAY_12, assignee: 'Dmitri', group: 'Billing' }),
        ticket('c3', s, { createdAt: THURSDAY_12, priority: 'High' }),
        ticket('d4', s, { createdAt: THURSDAY_12, status: 'Pending', assignee: 'Dmitri' }),
        ticket('e5', s, { createdAt: MONDAY_11 - HOUR, assignee: 'Dmitri' }),
        ticket('f6', s, { createdAt: THURSDAY_12, status: 'Solved' }),
        ticket('a7', s, { createdAt: THURSDAY_12, firstResponseAt: THURSDAY_12 + HOUR }),
        ticket('b8', s, { createdAt: THURSDAY_12, priority: 'Urgent', group: 'Nobody leads' }),
      ],
    });
    const summary = await pass(MONDAY_11);
    expect(await told()).toEqual([
      ['b2', 'Anna', 'sla-breached', FRIDAY_12],
      ['b8', 'Anna', 'sla-breached', FRIDAY_12],
      ['b8', 'Olga', 'sla-breached', FRIDAY_12],
      ['c3', 'Anna', 'sla-breached', FRIDAY_12],
      ['c3', 'Olga', 'sla-breached', FRIDAY_12],
      ['a1', 'Dmitri', 'sla-at-risk', MONDAY_12],
    ]);
    expect(updates).toEqual([
      { threadId: 'b2', patch: { priority: 'High' }, agent: ESCALATION_ACTOR },
      { threadId: 'c3', patch: { priority: 'Urgent' }, agent: ESCALATION_ACTOR },
    ]);
    expect(summary.escalated).toBe(4);
    // In the index's order: due time, then thread id.
    expect(logs.map((l) => [l.threadId, l.outcome])).toEqual([
      ['b2', 'sla-breached'],
      ['b8', 'sla-breached'],
      ['c3', 'sla-breached'],
      ['a1', 'sla-at-risk'],
    ]);

    // The next pass finds every record: nobody is told twice and nothing goes up again.
    const again = await pass(MONDAY_11 + 5 * 60_000);
    expect(again.escalated).toBe(0);
    expect(await told()).toHaveLength(6);
    expect(updates).toHaveLength(2);

    // An hour later the first ticket breaches: now its lead hears, and it goes up.
    const later = await pass(MONDAY_12 + 60_000);
    expect(later.escalated).toBe(1);
    expect((await told()).slice(5)).toEqual([
      ['a1', 'Anna', 'sla-breached', MONDAY_12],
      ['a1', 'Dmitri', 'sla-at-risk', MONDAY_12],
    ]);
    expect(updates.slice(2)).toEqual([
      { threadId: 'a1', patch: { priority: 'High' }, agent: ESCALATION_ACTOR },
    ]);
  });

  it('leaves breaches older than a day of business hours to the Overdue queue: a first run sends no flood', async () => {
    const settings = settingsWith();
    const { pass, told } = await setUp({
      settings,
      tickets: (s) => [
        // Due Friday 12:00 a week earlier: 5 working days ago.
        ticket('c1', s, { createdAt: THURSDAY_12 - 7 * DAY, assignee: 'Dmitri', group: 'Billing' }),
        ticket('c2', s, { createdAt: THURSDAY_12, assignee: 'Dmitri', group: 'Billing' }),
      ],
    });
    await pass(MONDAY_11);
    expect((await told()).map(([threadId]) => threadId)).toEqual(['c2']);
  });

  it('follows the policy: no assignee notice, no lead notice, no raise', async () => {
    const settings = settingsWith({ notifyAssignee: false, notifyLead: false, raisePriority: false });
    const { pass, told, updates } = await setUp({
      settings,
      tickets: (s) => [
        ticket('a1', s, { createdAt: FRIDAY_12, assignee: 'Dmitri' }),
        ticket('b2', s, { createdAt: THURSDAY_12, assignee: 'Dmitri' }),
      ],
    });
    expect((await pass(MONDAY_11)).escalated).toBe(0);
    expect(await told()).toEqual([]);
    expect(updates).toEqual([]);
  });

  it('raises once even when there is no lead to tell (a record nobody is shown marks it)', async () => {
    const settings = settingsWith({ notifyLead: true });
    const { pass, told, updates } = await setUp({
      settings,
      team: { ...team, agents: team.agents.map((a) => ({ ...a, lead: false })) },
      tickets: (s) => [ticket('b2', s, { createdAt: THURSDAY_12 })],
    });
    await pass(MONDAY_11);
    await pass(MONDAY_11 + 60_000);
    await pass(MONDAY_11 + 120_000);
    expect(await told()).toEqual([['b2', ESCALATION_ACTOR, 'sla-breached', FRIDAY_12]]);
    expect(updates).toEqual([{ threadId: 'b2', patch: { priority: 'High' }, agent: ESCALATION_ACTOR }]);
  });

  it('reads only rows whose due time is within reach of the index, not the whole store', async () => {
    const settings = settingsWith();
    // A stale row: created long ago, but stored with a due time far ahead; read, it would breach.
    const { pass, told } = await setUp({
      settings,
      tickets: (s) => [ticket('c3', s, { createdAt: THURSDAY_12, slaDueAt: MONDAY_11 + 30 * 24 * HOUR })],
    });
    expect((await pass(MONDAY_11)).escalated).toBe(0);
    expect(await told()).toEqual([]);
  });

  it('the horizon is the longest target’s remaining share in the slowest calendar', () => {
    const settings = settingsWith();
    // 24 hours (the default floor) × 0.2 = 4.8 business hours from Monday 11:00: Monday 15:48 CET.
    expect(escalationHorizon({ settings, now: MONDAY_11 })).toBe(Date.UTC(2026, 10, 23, 14, 48));
  });
});
