import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAutomationSettings, type Rule, ruleSchema } from '../core/automation-config';
import type { TeamConfig } from '../core/team-config';
import { emptyLibrary, type TemplateLibrary } from '../core/templates';
import { rulePreviewSchema } from '../messaging/contract-automation';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../store/db';
import { putTickets, type TicketInput } from '../store/ticket-store';
import type { MessageText } from '../sync/automation/rules';
import type { DeskServices } from './desk';
import { previewRule, rulesPreviewHandler } from './rules-preview';

const NOW = Date.UTC(2026, 10, 23, 10, 0);
const HOUR = 60 * 60_000;

const team: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@northwind-shop.example', groups: ['Billing'], lead: true },
    { name: 'Dmitri', email: 'dmitri@northwind-shop.example', groups: ['Billing'], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: [],
  tags: [],
};

const macroId = '00000000-0000-4000-8000-00000000000a';
const library: TemplateLibrary = {
  ...emptyLibrary(),
  macros: [{ id: macroId, name: 'Billing triage', patch: { priority: 'High' }, notifyAssignee: false }],
};

let count = 0;
const opened: LabeldeskDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function ticket(
  threadId: string,
  subject: string,
  hoursAgo: number,
  extra: Partial<TicketInput> = {},
): TicketInput {
  return {
    threadId,
    reference: `#${threadId.toUpperCase().padStart(6, '0')}`,
    subject,
    requester: { email: 'jan@client.pl' },
    status: 'Solved',
    assignee: 'Anna',
    group: 'Billing',
    tags: [{ what: 'Invoice data' }],
    createdAt: NOW - hoursAgo * HOUR,
    labelIds: [],
    hasMetadata: true,
    ...extra,
  };
}

async function store(tickets: TicketInput[]) {
  count += 1;
  const db = await openLabeldeskDatabase(`preview-${count}@northwind-shop.example`);
  opened.push(db);
  await putTickets(db, tickets);
  return db;
}

const rule = (partial: Partial<Rule>): Rule =>
  ruleSchema.parse({ id: 'preview', name: 'Preview', conditions: [], actions: {}, ...partial });

const invoiceRule = rule({
  conditions: [{ field: 'subject', words: ['invoice'], not: false }],
  actions: {
    tags: ['Invoice data'],
    group: 'Billing',
    assign: { mode: 'round-robin' },
    macroId,
  },
  enabled: false,
  stop: true,
});

describe('previewRule', () => {
  it('shows what the rule would set on the newest tickets as they arrived, newest first, changing nothing', async () => {
    const db = await store([
      ticket('a1', 'Invoice 1', 5),
      ticket('a2', 'Parcel late', 4),
      ticket('a3', 'Invoice 2', 3),
      ticket('a4', 'Invoice 3', 2),
      ticket('a5', 'Invoice, no metadata', 1, { hasMetadata: false }),
    ]);
    const before = await db.getAll('tickets');
    const preview = await previewRule(
      db,
      invoiceRule,
      defaultAutomationSettings(),
      team,
      library,
      3,
      undefined,
      NOW,
    );
    expect(rulePreviewSchema.parse(preview)).toEqual(preview);
    expect(preview.examined).toBe(3);
    // a1 is older than the newest three; a2 does not match; round-robin hands a3 to Anna, then a4 to Dmitri.
    expect(preview.matches).toEqual([
      {
        threadId: 'a4',
        reference: '#0000A4',
        subject: 'Invoice 3',
        requester: 'jan@client.pl',
        createdAt: NOW - 2 * HOUR,
        tags: [{ what: 'Invoice data' }],
        priority: 'High',
        group: 'Billing',
        assignee: 'Dmitri',
        macro: 'Billing triage',
      },
      expect.objectContaining({ threadId: 'a3', assignee: 'Anna' }),
    ]);
    expect(await db.getAll('tickets')).toEqual(before);
  });

  it('reads bodies only when allowed and the rule looks at them; unread bodies match nothing', async () => {
    const db = await store([ticket('b1', 'Hello', 2), ticket('b2', 'Hello', 1)]);
    const bodyRule = rule({
      conditions: [{ field: 'attachment', value: true }],
      actions: { priority: 'Low' },
    });
    const asked: string[][] = [];
    const readBody = async (ids: readonly string[]) => {
      asked.push([...ids]);
      return new Map<string, MessageText | null>([
        ['b1', { body: 'see attached', hasAttachment: true }],
        ['b2', null],
      ]);
    };
    const settings = defaultAutomationSettings();
    const withBodies = await previewRule(db, bodyRule, settings, team, library, 10, readBody, NOW);
    expect(withBodies.matches.map((row) => row.threadId)).toEqual(['b1']);
    expect(asked).toEqual([['b2', 'b1']]);

    const without = await previewRule(db, bodyRule, settings, team, library, 10, undefined, NOW);
    expect(without).toEqual({ examined: 2, matches: [] });
    const tooMany = await previewRule(db, bodyRule, settings, team, library, 500, readBody, NOW);
    expect(tooMany.matches).toEqual([]);
    const subjectOnly = rule({ conditions: [{ field: 'subject', words: ['hello'], not: false }] });
    await previewRule(db, subjectOnly, settings, team, library, 10, readBody, NOW);
    expect(asked).toHaveLength(1);
  });

  it('says so when no recent ticket matches', async () => {
    const db = await store([]);
    expect(await previewRule(db, invoiceRule, defaultAutomationSettings(), null, library, 50)).toEqual({
      examined: 0,
      matches: [],
    });
  });
});

describe('rulesPreviewHandler', () => {
  it('uses the settings, team and library in force and reads bodies only for small previews', async () => {
    const db = await store([ticket('c1', 'Invoice', 1)]);
    const bodyCalls: number[] = [];
    const calls = {
      transport: {
        batch: async (list: readonly unknown[]) => {
          bodyCalls.push(list.length);
          return list.map(() => ({
            ok: true,
            value: { id: 'c1', payload: { mimeType: 'text/plain', filename: '', body: { data: 'eA' } } },
          }));
        },
      },
    };
    const records = {
      automation: async () => undefined,
      config: async () => team,
      library: async () => ({ library }),
    };
    const services = {
      mailboxFor: async () => ({ engine: { records }, db, calls }),
      now: () => NOW,
    } as unknown as Pick<DeskServices, 'mailboxFor' | 'now'>;
    const bodyRule = rule({
      conditions: [{ field: 'attachment', value: false }],
      actions: { assign: { mode: 'agent', agent: 'dmitri' } },
    });
    const small = await rulesPreviewHandler(services, {
      mailbox: 'support@x.example',
      rule: bodyRule,
      limit: 200,
    });
    expect(small.matches.map((row) => row.assignee)).toEqual(['Dmitri']);
    expect(bodyCalls).toEqual([1]);
    const large = await rulesPreviewHandler(services, {
      mailbox: 'support@x.example',
      rule: bodyRule,
      limit: 201,
    });
    expect(large.matches).toEqual([]);
    expect(bodyCalls).toEqual([1]);
  });
});
