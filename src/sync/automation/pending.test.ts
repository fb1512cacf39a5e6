import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type AutomationSettings, automationSettingsSchema } from '../../core/automation-config';
import { emptyLibrary } from '../../core/templates';
import type { SyncCalls } from '../../gmail/api/sync-calls';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../../store/db';
import { putTickets, type TicketInput } from '../../store/ticket-store';
import { type AutoReplyOutcome, type AutoReplyRequest, emptyPassSummary, type PassContext } from './context';
import { calendarDaysBetween, PENDING_ACTOR, remindAndClosePending, startOfDayAfter } from './pending';
import { storeEngine, testRecordBook } from './testing';

const MAILBOX = 'support@northwind-shop.example';
/** Monday 23 November 2026, 11:00 in Warsaw (CET, UTC+1). */
const NOW = Date.UTC(2026, 10, 23, 10, 0);

function settingsWith(pending: AutomationSettings['pending']): AutomationSettings {
  return automationSettingsSchema.parse({
    calendars: [
      { id: 'team', name: 'Warsaw', timeZone: 'Europe/Warsaw', hours: [] },
      { id: 'tokyo', name: 'Tokyo', timeZone: 'Asia/Tokyo', hours: [] },
    ],
    sla: { groupCalendars: { Japan: 'tokyo' } },
    pending,
  });
}

let dbCount = 0;
const opened: LabeldeskDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function ticket(threadId: string, extra: Partial<TicketInput> = {}): TicketInput {
  return {
    threadId,
    reference: `#${threadId.toUpperCase().padStart(6, '0').slice(-6)}`,
    subject: 'Gdzie jest moja paczka?',
    requester: { email: 'jan@client.pl', name: 'Jan' },
    status: 'Pending',
    tags: [],
    createdAt: NOW - 30 * 24 * 3_600_000,
    firstResponseAt: NOW - 29 * 24 * 3_600_000,
    labelIds: [],
    hasMetadata: true,
    ...extra,
  };
}

async function setUp(options: {
  settings: AutomationSettings;
  tickets: TicketInput[];
  /** Thread → when it went Pending. */
  since: Record<string, number>;
  /** Threads whose reminder for this episode is already in Gmail. */
  alreadySent?: string[];
}) {
  dbCount += 1;
  const db = await openLabeldeskDatabase(`pending-${dbCount}@northwind-shop.example`);
  opened.push(db);
  await putTickets(db, options.tickets);
  const calls = {} as SyncCalls;
  const records = testRecordBook(db, MAILBOX, () => NOW, calls);
  const { engine, updates } = storeEngine(db);
  const sent: { request: AutoReplyRequest; mail: { subject: string; text: string } }[] = [];
  const summary = emptyPassSummary(NOW);
  const statusAsked: string[] = [];
  const context: PassContext = {
    mailbox: MAILBOX,
    engine,
    db,
    calls,
    records,
    settings: options.settings,
    team: undefined,
    library: emptyLibrary(),
    now: NOW,
    holdsLease: () => true,
    sendAutoReply: async (request): Promise<AutoReplyOutcome> => {
      if (options.alreadySent?.includes(request.ticket.threadId)) return { kind: 'already-sent' };
      const mail = request.build({
        references: [],
        subject: request.ticket.subject,
        customer: { email: 'jan@client.pl', name: 'Jan' },
      });
      sent.push({ request, mail });
      return { kind: 'sent', messageId: `m${sent.length}` };
    },
    memory: {
      statusSince: async (row, status) => {
        statusAsked.push(row.threadId);
        return row.status === status ? options.since[row.threadId] : undefined;
      },
      sentTo: async () => 0,
      noteSent: async () => undefined,
    },
    summary,
    log: () => undefined,
  };
  return { run: () => remindAndClosePending(context), summary, sent, updates, statusAsked };
}

/** An instant given as Warsaw wall-clock time in November (CET, UTC+1). */
const warsaw = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 1, minute);

describe('remindAndClosePending', () => {
  it('reminds after N calendar days, closes after M, once per episode, and leaves others alone', async () => {
    const { run, summary, sent, updates, statusAsked } = await setUp({
      settings: settingsWith({ remindAfterDays: 3, closeAfterDays: 7 }),
      tickets: [
        ticket('a1'),
        ticket('b2'),
        ticket('c3'),
        ticket('d4'),
        ticket('e5', { status: 'Open' }),
        ticket('f6'),
      ],
      since: {
        a1: warsaw(19, 18), // Thursday evening: 4 days
        b2: warsaw(21, 0, 30), // Saturday 00:30: 2 days in Warsaw (3 in UTC, where it is still Friday)
        c3: warsaw(16, 9), // last Monday: 7 days
        f6: warsaw(20, 10), // Friday: 3 days, but the reminder is already in the thread
      },
      alreadySent: ['f6'],
    });
    await run();

    expect(sent.map((s) => s.request.ticket.threadId)).toEqual(['a1']);
    const [reminder] = sent;
    expect(reminder?.request.kind).toBe('reminder');
    expect(reminder?.request.episodeStart).toBe(warsaw(19, 18));
    // In the customer's language (Polish), with the reference and the day it closes: Thursday 26 November.
    expect(reminder?.mail.text).toContain('#0000A1');
    expect(reminder?.mail.text).toContain('czekamy na Państwa odpowiedź');
    expect(reminder?.mail.text).toMatch(/26/);
    expect(updates).toEqual([{ threadId: 'c3', patch: { status: 'Closed' }, agent: PENDING_ACTOR }]);
    expect(summary.reminders).toBe(1);
    expect(summary.closed).toBe(1);
    // Only Pending tickets are read.
    expect(statusAsked.sort()).toEqual(['a1', 'b2', 'c3', 'd4', 'f6']);
  });

  it('counts days in the calendar of the ticket’s group', async () => {
    // Sunday 17:00 in Warsaw is Monday 01:00 in Tokyo: one day Pending in Warsaw, none in Tokyo.
    const since = warsaw(22, 17);
    const { run, sent } = await setUp({
      settings: settingsWith({ remindAfterDays: 1 }),
      tickets: [ticket('a1'), ticket('b2', { group: 'Japan' })],
      since: { a1: since, b2: since },
    });
    await run();
    expect(sent.map((s) => s.request.ticket.threadId)).toEqual(['a1']);
  });

  it('does nothing while both are off (the default)', async () => {
    const { run, sent, updates, statusAsked } = await setUp({
      settings: settingsWith({}),
      tickets: [ticket('a1')],
      since: { a1: warsaw(1, 10) },
    });
    await run();
    expect([sent, updates, statusAsked]).toEqual([[], [], []]);
  });

  it('closes without a reminder when only closing is on', async () => {
    const { run, sent, updates, summary } = await setUp({
      settings: settingsWith({ closeAfterDays: 2 }),
      tickets: [ticket('a1'), ticket('b2')],
      since: { a1: warsaw(21, 12), b2: warsaw(22, 12) },
    });
    await run();
    expect(sent).toEqual([]);
    expect(updates.map((u) => u.threadId)).toEqual(['a1']);
    expect(summary.closed).toBe(1);
  });
});

describe('calendar days in a time zone', () => {
  it.each([
    ['Monday 23:59 to Tuesday 00:01 in Warsaw', warsaw(23, 23, 59), warsaw(24, 0, 1), 'Europe/Warsaw', 1],
    ['the same instants in Tokyo (both Tuesday)', warsaw(23, 23, 59), warsaw(24, 0, 1), 'Asia/Tokyo', 0],
    // The night the clocks go back is 25 hours long and still one day.
    [
      'over the October change in Warsaw',
      Date.UTC(2026, 9, 24, 22, 30),
      Date.UTC(2026, 9, 25, 23, 30),
      'Europe/Warsaw',
      1,
    ],
  ])('%s', (_, from, to, zone, days) => {
    expect(calendarDaysBetween(from, to, zone)).toBe(days);
  });

  it('the close day starts at local midnight', () => {
    expect(startOfDayAfter(warsaw(19, 18), 7, 'Europe/Warsaw')).toBe(warsaw(26, 0));
  });
});
