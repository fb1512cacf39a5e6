import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AutomationSettings,
  defaultAutomationSettings,
  type Rule,
  ruleSchema,
} from '../../core/automation-config';
import type { TeamConfig } from '../../core/team-config';
import { emptyLibrary } from '../../core/templates';
import { GmailApiError } from '../../gmail/api/errors';
import { base64Url, type SyncCalls } from '../../gmail/api/sync-calls';
import type { BatchResult, GmailCall } from '../../gmail/api/transport';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../../store/db';
import type { StoredSharedRecord } from '../../store/schema';
import { putTickets, type TicketInput } from '../../store/ticket-store';
import { emptyPassSummary, type PassContext } from './context';
import { applyRules, messageText, RULES_ACTOR, RULES_WINDOW_MS } from './rules';
import { insertOnlyCalls, storeEngine, testRecordBook } from './testing';

const MAILBOX = 'support@northwind-shop.example';
/** Monday 23 November 2026, 10:00 UTC. */
const NOW = Date.UTC(2026, 10, 23, 10, 0);

const team: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@northwind-shop.example', groups: ['Billing'], lead: true },
    { name: 'Dmitri', email: 'dmitri@northwind-shop.example', groups: ['Billing'], lead: false },
    { name: 'Kasia', email: 'kasia@northwind-shop.example', groups: ['Shipping'], lead: false },
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

function ticket(threadId: string, extra: Partial<TicketInput> = {}): TicketInput {
  return {
    threadId,
    reference: `#${threadId.toUpperCase().padStart(6, '0').slice(-6)}`,
    subject: 'Hello',
    requester: { email: 'jan@client.pl', name: 'Jan' },
    status: 'New',
    tags: [],
    createdAt: NOW - 60 * 60_000,
    labelIds: [],
    hasMetadata: true,
    ...extra,
  };
}

/** A full message as Gmail's format=full gives it: multipart/mixed with a text part and maybe a file. */
function fullMessage(id: string, text: string, file?: string) {
  return {
    id,
    payload: {
      mimeType: 'multipart/mixed',
      filename: '',
      parts: [
        {
          mimeType: 'multipart/alternative',
          filename: '',
          parts: [
            { mimeType: 'text/plain', filename: '', body: { data: base64Url(text) } },
            { mimeType: 'text/html', filename: '', body: { data: base64Url(`<p>${text}</p>`) } },
          ],
        },
        ...(file
          ? [{ mimeType: 'application/pdf', filename: file, body: { attachmentId: 'ANGjdJ_x' } }]
          : []),
      ],
    },
  };
}

async function setUp(options: {
  tickets: TicketInput[];
  rules: Partial<Rule>[];
  bodies?: Record<string, ReturnType<typeof fullMessage> | 'gone'>;
  settings?: Partial<AutomationSettings>;
}) {
  dbCount += 1;
  const db = await openLabeldeskDatabase(`rules-${dbCount}@northwind-shop.example`);
  opened.push(db);
  await putTickets(db, options.tickets);
  const bodyReads: string[] = [];
  const calls = {
    transport: {
      batch: async (list: readonly GmailCall<never>[]): Promise<BatchResult<unknown>[]> =>
        list.map((call) => {
          const id = call.path.split('/').pop() as string;
          bodyReads.push(id);
          expect(call.query?.format).toBe('full');
          const body = options.bodies?.[id];
          if (body === undefined || body === 'gone') {
            return { ok: false, error: new GmailApiError(404, 'Not Found', 'notFound', 'NOT_FOUND') };
          }
          return { ok: true, value: body };
        }),
    },
    insertMessage: insertOnlyCalls().insertMessage,
  } as unknown as SyncCalls;
  const records = testRecordBook(db, MAILBOX, () => NOW, calls);
  const { engine, updates } = storeEngine(db);
  const summary = emptyPassSummary(NOW);
  const logs: { automation: string; threadId?: string; outcome: string }[] = [];
  const settings: AutomationSettings = {
    ...defaultAutomationSettings(),
    ...options.settings,
    rules: options.rules.map((rule, index) =>
      ruleSchema.parse({ id: `rule-${index}`, name: `Rule ${index}`, actions: {}, ...rule }),
    ),
  };
  const context: PassContext = {
    mailbox: MAILBOX,
    engine,
    db,
    calls,
    records,
    settings,
    team,
    library: emptyLibrary(),
    now: NOW,
    holdsLease: () => true,
    sendAutoReply: async () => ({ kind: 'skipped', reason: 'rules never send' }),
    memory: { statusSince: async () => undefined, sentTo: async () => 0, noteSent: async () => undefined },
    summary,
    log: (event) => logs.push(event),
  };
  const activity = async () =>
    (await db.getAll('records')).filter(
      (r): r is StoredSharedRecord & { kind: 'activity' } => r.kind === 'activity',
    );
  return { db, context, updates, bodyReads, logs, activity, summary };
}

describe('messageText', () => {
  it('takes the plain part, else the HTML words, and sees named files', () => {
    expect(messageText(fullMessage('1', 'Dzień dobry, faktura w załączniku', 'faktura.pdf').payload)).toEqual(
      {
        body: 'Dzień dobry, faktura w załączniku',
        hasAttachment: true,
      },
    );
    expect(
      messageText({
        mimeType: 'text/html',
        filename: '',
        body: { data: base64Url('<style>p{}</style><p>Where&nbsp;is <b>my</b> order?</p>') },
      }).body.replace(/\s+/g, ' '),
    ).toBe(' Where is my order? ');
    expect(messageText(undefined)).toEqual({ body: '', hasAttachment: false });
  });
});

describe('applyRules', () => {
  it('applies the rules to new tickets once, through the outbox, and records each run', async () => {
    const { context, updates, activity, summary, bodyReads } = await setUp({
      tickets: [
        ticket('a1', { subject: 'Invoice for order 1042', createdAt: NOW - 2 * 60 * 60_000 }),
        ticket('a2', { subject: 'Invoice again', createdAt: NOW - 60 * 60_000 }),
        ticket('a3', { subject: 'Where is my parcel?' }),
        ticket('a4', { subject: 'Invoice, old', createdAt: NOW - RULES_WINDOW_MS - 1 }),
        ticket('a5', { subject: 'Invoice, already open', status: 'Open' }),
        ticket('a6', { subject: 'Invoice, no metadata yet', hasMetadata: false }),
      ],
      rules: [
        {
          name: 'Invoices',
          conditions: [{ field: 'subject', words: ['invoice'], not: false }],
          actions: { tags: ['Invoice data'], group: 'Billing', assign: { mode: 'round-robin' } },
        },
      ],
    });
    await applyRules(context);
    expect(bodyReads).toEqual([]);
    expect(updates).toEqual([
      {
        threadId: 'a1',
        patch: { group: 'Billing', assignee: 'Anna', addTags: [{ what: 'Invoice data' }] },
        agent: RULES_ACTOR,
      },
      {
        threadId: 'a2',
        patch: { group: 'Billing', assignee: 'Dmitri', addTags: [{ what: 'Invoice data' }] },
        agent: RULES_ACTOR,
      },
    ]);
    const records = await activity();
    expect(records.map((r) => [r.threadId, r.actor, r.field, r.to]).sort()).toEqual([
      ['a1', RULES_ACTOR, 'assignee', 'Anna'],
      ['a1', RULES_ACTOR, 'ticket', 'Invoices'],
      ['a2', RULES_ACTOR, 'assignee', 'Dmitri'],
      ['a2', RULES_ACTOR, 'ticket', 'Invoices'],
    ]);
    expect(summary.rulesApplied).toBe(2);

    // A second pass finds every ticket seen: nothing changes twice.
    await applyRules(context);
    expect(updates).toHaveLength(2);
    expect(await activity()).toHaveLength(4);
  });

  it('goes on round-robin after the last agent the rules assigned, as the records say', async () => {
    const { context, updates, db } = await setUp({
      tickets: [ticket('b1', { subject: 'Invoice' })],
      rules: [
        {
          conditions: [{ field: 'subject', words: ['invoice'], not: false }],
          actions: { group: 'Billing', assign: { mode: 'round-robin' } },
        },
      ],
    });
    await db.put('records', {
      kind: 'activity',
      id: '00000000-0000-4000-8000-000000000001',
      threadId: 'c9',
      actor: RULES_ACTOR,
      field: 'assignee',
      to: 'Anna',
      createdAt: NOW - 1_000,
      messageId: 'f1',
    });
    await applyRules(context);
    expect(updates[0]?.patch.assignee).toBe('Dmitri');
  });

  it('assigns the least-loaded agent by open tickets in the store', async () => {
    const { context, updates } = await setUp({
      tickets: [
        ticket('d1', { subject: 'Invoice' }),
        ticket('d2', { subject: 'Invoice', createdAt: NOW - 30 * 60_000 }),
        ticket('e1', { status: 'Open', assignee: 'Anna', createdAt: NOW - RULES_WINDOW_MS * 2 }),
        ticket('e2', { status: 'Solved', assignee: 'Dmitri', createdAt: NOW - RULES_WINDOW_MS * 2 }),
        ticket('e3', { status: 'Pending', assignee: 'Dmitri', createdAt: NOW - RULES_WINDOW_MS * 2 }),
      ],
      rules: [
        {
          conditions: [{ field: 'subject', words: ['invoice'], not: false }],
          actions: { group: 'Billing', assign: { mode: 'least-loaded' } },
        },
      ],
    });
    await applyRules(context);
    // Anna 1, Dmitri 1 (Solved does not count): Anna by name; then Anna 2, Dmitri 1: Dmitri.
    expect(updates.map((u) => u.patch.assignee)).toEqual(['Anna', 'Dmitri']);
  });

  it('reads bodies only when a rule needs them, one full get per ticket, and a gone message matches nothing', async () => {
    const { context, updates, bodyReads, logs } = await setUp({
      tickets: [ticket('f1'), ticket('f2'), ticket('f3')],
      bodies: {
        f1: fullMessage('f1', 'Proszę o fakturę VAT', 'zamowienie.pdf'),
        f2: fullMessage('f2', '注文した商品が届きません'),
        f3: 'gone',
      },
      rules: [
        { name: 'Polish', conditions: [{ field: 'language', value: 'pl' }], actions: { priority: 'High' } },
        {
          name: 'Files',
          conditions: [{ field: 'attachment', value: true }],
          actions: { tags: ['Has file'] },
        },
        {
          name: 'Japanese',
          conditions: [{ field: 'body', words: ['届きません'], not: false }],
          actions: { group: 'Japan' },
        },
      ],
    });
    await applyRules(context);
    expect(bodyReads.sort()).toEqual(['f1', 'f2', 'f3']);
    expect(updates).toEqual([
      { threadId: 'f1', patch: { priority: 'High', addTags: [{ what: 'Has file' }] }, agent: RULES_ACTOR },
      { threadId: 'f2', patch: { group: 'Japan' }, agent: RULES_ACTOR },
    ]);
    // Logs name rules and threads, never a word of the mail.
    expect(JSON.stringify(logs)).not.toMatch(/fakturę|届きません|Hello/);

    // The unmatched ticket is not read again while the rules stay the same.
    await applyRules(context);
    expect(bodyReads).toHaveLength(3);
  });

  it('reads no body whose words could not change the outcome', async () => {
    const { context, updates, bodyReads } = await setUp({
      tickets: [
        ticket('c1', { requester: { email: 'jan@client.pl' } }),
        ticket('c2', { requester: { email: 'mary@elsewhere.example' } }),
      ],
      bodies: { c1: fullMessage('c1', 'Proszę o fakturę VAT'), c2: fullMessage('c2', 'VAT please') },
      rules: [
        {
          conditions: [
            { field: 'domain', value: 'client.pl' },
            { field: 'body', words: ['VAT'], not: false },
          ],
          actions: { tags: ['VAT'] },
        },
      ],
    });
    await applyRules(context);
    expect(bodyReads).toEqual(['c1']);
    expect(updates.map((u) => u.threadId)).toEqual(['c1']);
  });

  it('leaves the ticket unassigned and logs why when nobody is on shift', async () => {
    const closed = {
      id: 'office',
      name: 'Office',
      timeZone: 'UTC',
      hours: [{ day: 6, start: '09:00', end: '17:00' }],
      holidays: [],
    };
    const base = defaultAutomationSettings();
    const { context, updates, logs, activity } = await setUp({
      tickets: [ticket('b7', { subject: 'Invoice' })],
      settings: { calendars: [...base.calendars, closed], shifts: { Anna: 'office', Dmitri: 'office' } },
      rules: [
        {
          conditions: [{ field: 'subject', words: ['invoice'], not: false }],
          actions: { group: 'Billing', assign: { mode: 'round-robin' } },
        },
      ],
    });
    await applyRules(context);
    expect(updates).toEqual([{ threadId: 'b7', patch: { group: 'Billing' }, agent: RULES_ACTOR }]);
    expect(logs).toContainEqual({ automation: 'rules', threadId: 'b7', outcome: 'rule-0: nobody-on-shift' });
    expect((await activity()).map((r) => r.field)).toEqual(['ticket']);
  });

  it('stops when the lease is gone and does nothing without enabled rules', async () => {
    const { context, updates } = await setUp({
      tickets: [ticket('b8', { subject: 'Invoice' })],
      rules: [
        { conditions: [{ field: 'subject', words: ['invoice'], not: false }], actions: { priority: 'Low' } },
      ],
    });
    await applyRules({ ...context, holdsLease: () => false });
    expect(updates).toEqual([]);
    await applyRules({
      ...context,
      settings: { ...context.settings, rules: context.settings.rules.map((r) => ({ ...r, enabled: false })) },
    });
    expect(updates).toEqual([]);
    await applyRules(context);
    expect(updates).toHaveLength(1);
  });
});
