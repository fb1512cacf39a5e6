import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AutomationSettings,
  type BusinessCalendar,
  defaultAutomationSettings,
  type Rule,
  ruleSchema,
} from './automation-config';
import type { Macro } from './macros';
import {
  applyTicketPatch,
  bodyMatters,
  containsWord,
  languageOf,
  needsBody,
  onShift,
  planRules,
  type RuleFacts,
  type RulesContext,
  ruleMatches,
} from './rules';
import type { TeamConfig } from './team-config';
import { TICKET_PRIORITIES, type TicketLabelState } from './ticket';

/** Weekdays 09:00-17:00 in Warsaw (a Monday in November 2026 is the 23rd). */
const office: BusinessCalendar = {
  id: 'office',
  name: 'Office',
  timeZone: 'Europe/Warsaw',
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: [],
};
const tokyo: BusinessCalendar = {
  id: 'tokyo',
  name: 'Tokyo',
  timeZone: 'Asia/Tokyo',
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
  holidays: [],
};

function settingsWith(extra: Partial<AutomationSettings> = {}): AutomationSettings {
  const base = defaultAutomationSettings();
  return {
    ...base,
    calendars: [...base.calendars, office, tokyo],
    sla: { ...base.sla, defaultCalendar: 'office' },
    ...extra,
  };
}

const team: Pick<TeamConfig, 'agents' | 'tags'> = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Dmitri', email: 'dmitri@shop.example', groups: ['Shipping', 'Billing'], lead: false },
    { name: 'Kasia', email: 'kasia@shop.example', groups: ['Shipping'], lead: false },
    { name: 'Yuki', email: 'yuki@shop.example', groups: ['Japan'], lead: false },
  ],
  tags: [{ path: 'Invoice data' }, { path: 'Shipping/Late by shipper' }, { path: 'VIP' }],
};

/** Monday 23 November 2026, 10:00 in Warsaw (09:00 UTC). */
const MONDAY_10 = Date.UTC(2026, 10, 23, 9, 0);
/** Saturday 28 November 2026, 12:00 UTC. */
const SATURDAY = Date.UTC(2026, 10, 28, 12, 0);

const facts: RuleFacts = {
  from: 'Jan.Kowalski@Client.PL',
  fromName: 'Jan Kowalski',
  domain: 'client.pl',
  subject: 'Faktura do zamówienia 1042',
  body: 'Dzień dobry, proszę o fakturę VAT.',
  language: 'pl',
  hasAttachment: false,
  arrivedAt: MONDAY_10,
};

const rule = (partial: Partial<Rule> & Pick<Rule, 'conditions'>): Rule =>
  ruleSchema.parse({ id: 'r1', name: 'Rule', actions: {}, ...partial });

const blank: TicketLabelState = { status: 'New', tags: [] };

function context(extra: Partial<RulesContext> = {}): RulesContext {
  return {
    settings: settingsWith(),
    team,
    library: { macros: [] },
    now: MONDAY_10,
    load: new Map(),
    current: blank,
    ...extra,
  };
}

describe('containsWord', () => {
  it.each([
    ['Faktura do zamówienia', 'faktura', true],
    ['Fakturę proszę', 'faktura', false],
    ['Where is my ORDER?', 'order', true],
    ['Two orders missing', 'order', false],
    ['reorder please', 'order', false],
    ['Заказ не пришёл', 'заказ', true],
    ['Заказы не пришли', 'заказ', false],
    ['Выставите счет, пожалуйста', 'счёт', true],
    ['СЧЁТ-фактура', 'счет', true],
    ['Zwrot   towaru', 'zwrot towaru', true],
    ['注文した商品が届きません', '届きません', true],
    ['返品について', '返品', true],
    ['ＩＮＶＯＩＣＥ please', 'invoice', true],
    ['ticket #1042 again', '#1042', true],
    ['anything', '   ', false],
  ])('%s contains %s: %s', (text, word, expected) => {
    expect(containsWord(text, word)).toBe(expected);
  });

  it('treats regex characters in a word as text', () => {
    expect(containsWord('price (net) 10', '(net)')).toBe(true);
    expect(containsWord('a+b', 'a.b')).toBe(false);
  });
});

describe('ruleMatches', () => {
  const settings = settingsWith();
  it.each<[string, Rule['conditions'], boolean]>([
    ['sender, any case', [{ field: 'sender', value: 'jan.kowalski@client.pl' }], true],
    ['another sender', [{ field: 'sender', value: 'anna@client.pl' }], false],
    ['domain', [{ field: 'domain', value: 'client.pl' }], true],
    ['domain with @', [{ field: 'domain', value: '@CLIENT.pl' }], true],
    ['parent domain', [{ field: 'domain', value: 'pl' }], true],
    ['look-alike domain', [{ field: 'domain', value: 'ent.pl' }], false],
    ['subject word', [{ field: 'subject', words: ['invoice', 'faktura'], not: false }], true],
    ['subject none of', [{ field: 'subject', words: ['faktura'], not: true }], false],
    ['subject none of, absent', [{ field: 'subject', words: ['refund'], not: true }], true],
    ['body word', [{ field: 'body', words: ['VAT'], not: false }], true],
    ['language', [{ field: 'language', value: 'pl' }], true],
    ['other language', [{ field: 'language', value: 'ru' }], false],
    ['no attachment', [{ field: 'attachment', value: false }], true],
    ['attachment', [{ field: 'attachment', value: true }], false],
    ['in hours (SLA default calendar)', [{ field: 'time', value: 'in-hours' }], true],
    ['out of hours', [{ field: 'time', value: 'out-of-hours' }], false],
    ['in Tokyo hours (18:00 there)', [{ field: 'time', value: 'in-hours', calendar: 'tokyo' }], false],
    ['a deleted calendar', [{ field: 'time', value: 'out-of-hours', calendar: 'gone' }], false],
  ])('%s', (_name, conditions, expected) => {
    expect(ruleMatches(rule({ conditions }), facts, settings)).toBe(expected);
  });

  it('matches all or any', () => {
    const conditions: Rule['conditions'] = [
      { field: 'domain', value: 'client.pl' },
      { field: 'language', value: 'ja' },
    ];
    expect(ruleMatches(rule({ conditions }), facts, settings)).toBe(false);
    expect(ruleMatches(rule({ conditions, match: 'any' }), facts, settings)).toBe(true);
  });

  it('never matches on facts that were not read, not even "none of the words"', () => {
    const unread: RuleFacts = {
      from: facts.from,
      domain: facts.domain,
      subject: facts.subject,
      arrivedAt: SATURDAY,
    };
    for (const conditions of [
      [{ field: 'body', words: ['VAT'], not: false }],
      [{ field: 'body', words: ['VAT'], not: true }],
      [{ field: 'language', value: 'pl' }],
      [{ field: 'attachment', value: false }],
    ] as Rule['conditions'][]) {
      expect(ruleMatches(rule({ conditions }), unread, settings)).toBe(false);
    }
    expect(
      ruleMatches(rule({ conditions: [{ field: 'time', value: 'out-of-hours' }] }), unread, settings),
    ).toBe(true);
  });
});

describe('needsBody', () => {
  it('asks for bodies only for enabled rules on body, language or attachment', () => {
    expect(needsBody([rule({ conditions: [{ field: 'subject', words: ['x'], not: false }] })])).toBe(false);
    expect(needsBody([rule({ conditions: [{ field: 'attachment', value: true }] })])).toBe(true);
    expect(needsBody([rule({ conditions: [{ field: 'language', value: 'ja' }] })])).toBe(true);
    expect(
      needsBody([rule({ conditions: [{ field: 'body', words: ['x'], not: false }], enabled: false })]),
    ).toBe(false);
  });
});

describe('bodyMatters', () => {
  const settings = settingsWith();
  const unread: RuleFacts = {
    from: facts.from,
    domain: facts.domain,
    subject: facts.subject,
    arrivedAt: MONDAY_10,
  };
  const withBody = (match: 'all' | 'any', domain: string, enabled = true) =>
    rule({
      match,
      enabled,
      conditions: [
        { field: 'domain', value: domain },
        { field: 'body', words: ['VAT'], not: false },
      ],
    });
  it.each<[string, Rule[], boolean]>([
    ['all, the other conditions hold', [withBody('all', 'client.pl')], true],
    ['all, another condition fails already', [withBody('all', 'other.example')], false],
    ['any, another condition holds already', [withBody('any', 'client.pl')], false],
    ['any, nothing holds yet', [withBody('any', 'other.example')], true],
    ['a disabled rule', [withBody('all', 'client.pl', false)], false],
    ['no body condition', [rule({ conditions: [{ field: 'domain', value: 'client.pl' }] })], false],
    ['only body conditions', [rule({ conditions: [{ field: 'attachment', value: true }] })], true],
  ])('%s', (_name, rules, expected) => {
    expect(bodyMatters(rules, unread, settings)).toBe(expected);
  });
});

describe('languageOf', () => {
  it('reads the language from the subject and body, none from nothing', () => {
    expect(languageOf('注文', '商品が届きません')).toBe('ja');
    expect(languageOf('Заказ', 'Где мой заказ?')).toBe('ru');
    expect(languageOf('', '12345')).toBeUndefined();
  });
});

describe('onShift', () => {
  it('follows the agent shift calendar; no shift is always on', () => {
    const settings = settingsWith({ shifts: { anna: 'office', Yuki: 'tokyo', Kasia: 'deleted' } });
    expect(onShift('Anna', settings, MONDAY_10)).toBe(true);
    expect(onShift('Anna', settings, SATURDAY)).toBe(false);
    expect(onShift('Yuki', settings, MONDAY_10)).toBe(false);
    expect(onShift('Dmitri', settings, SATURDAY)).toBe(true);
    expect(onShift('Kasia', settings, SATURDAY)).toBe(true);
  });
});

describe('planRules', () => {
  const invoice = rule({
    id: 'invoice',
    name: 'Invoices to Billing',
    conditions: [{ field: 'subject', words: ['faktura', 'invoice'], not: false }],
    actions: { tags: ['invoice data'], priority: 'High', group: 'billing' },
  });
  const polish = rule({
    id: 'polish',
    name: 'Polish to Kasia',
    conditions: [{ field: 'language', value: 'pl' }],
    actions: { tags: ['VIP'], priority: 'Low', assign: { mode: 'agent', agent: 'kasia' } },
  });

  it('applies matching rules in order: later fields override, tags accumulate, names as the team spells them', () => {
    const plan = planRules([invoice, polish], facts, context());
    expect(plan.applied).toEqual(['invoice', 'polish']);
    expect(plan.patch).toEqual({
      priority: 'Low',
      group: 'Billing',
      assignee: 'Kasia',
      addTags: [{ what: 'Invoice data' }, { what: 'VIP' }],
    });
    expect(plan.assignee).toBe('Kasia');
    expect(plan.notes).toEqual([]);
  });

  it('stops after a matching rule with stop, and skips disabled and unmatched rules', () => {
    const stopper = { ...invoice, stop: true };
    expect(planRules([stopper, polish], facts, context()).applied).toEqual(['invoice']);
    const other = rule({
      id: 'other',
      conditions: [{ field: 'domain', value: 'other.example' }],
      stop: true,
    });
    expect(planRules([other, { ...invoice, enabled: false }, polish], facts, context()).applied).toEqual([
      'polish',
    ]);
  });

  it('leaves out what the ticket already has', () => {
    const current: TicketLabelState = {
      status: 'New',
      priority: 'High',
      group: 'Billing',
      tags: [{ what: 'Invoice data' }],
    };
    expect(planRules([invoice], facts, context({ current })).patch).toEqual({});
  });

  it('assigns round-robin among the group agents on shift, after the last one assigned', () => {
    const rr = rule({
      id: 'rr',
      conditions: [{ field: 'domain', value: 'client.pl' }],
      actions: { group: 'Billing', assign: { mode: 'round-robin' } },
    });
    expect(planRules([rr], facts, context()).assignee).toBe('Anna');
    expect(planRules([rr], facts, context({ lastAssigned: 'Anna' })).assignee).toBe('Dmitri');
    expect(planRules([rr], facts, context({ lastAssigned: 'dmitri' })).assignee).toBe('Anna');
    // Dmitri is off shift on Saturday: Anna again (her shift is not set, so she is always on).
    const settings = settingsWith({ shifts: { Dmitri: 'office' } });
    expect(planRules([rr], facts, context({ settings, now: SATURDAY, lastAssigned: 'Anna' })).assignee).toBe(
      'Anna',
    );
  });

  it('round-robins over every agent when the rule sets no group', () => {
    const rr = rule({
      id: 'rr',
      conditions: [{ field: 'domain', value: 'client.pl' }],
      actions: { assign: { mode: 'round-robin' } },
    });
    expect(planRules([rr], facts, context({ lastAssigned: 'Kasia' })).assignee).toBe('Yuki');
    expect(planRules([rr], facts, context({ lastAssigned: 'Yuki' })).assignee).toBe('Anna');
  });

  it('leaves the ticket unassigned and says why when nobody of the group is on shift', () => {
    const rr = rule({
      id: 'rr',
      conditions: [{ field: 'domain', value: 'client.pl' }],
      actions: { group: 'Shipping', assign: { mode: 'least-loaded' } },
    });
    const settings = settingsWith({ shifts: { Dmitri: 'office', Kasia: 'office' } });
    const plan = planRules([rr], facts, context({ settings, now: SATURDAY }));
    expect(plan.patch).toEqual({ group: 'Shipping' });
    expect(plan.assignee).toBeUndefined();
    expect(plan.notes).toEqual([{ ruleId: 'rr', code: 'nobody-on-shift', group: 'Shipping' }]);
  });

  it('assigns the least-loaded agent on shift, ties by name', () => {
    const ll = rule({
      id: 'll',
      conditions: [{ field: 'domain', value: 'client.pl' }],
      actions: { group: 'Billing', assign: { mode: 'least-loaded' } },
    });
    expect(
      planRules(
        [ll],
        facts,
        context({
          load: new Map([
            ['Anna', 3],
            ['Dmitri', 1],
          ]),
        }),
      ).assignee,
    ).toBe('Dmitri');
    expect(
      planRules(
        [ll],
        facts,
        context({
          load: new Map([
            ['Anna', 2],
            ['Dmitri', 2],
          ]),
        }),
      ).assignee,
    ).toBe('Anna');
    expect(planRules([ll], facts, context({ load: new Map([['Anna', 2]]) })).assignee).toBe('Dmitri');
  });

  it('says why it did not assign an agent who left the team, or with no team', () => {
    const gone = rule({
      id: 'gone',
      conditions: [{ field: 'domain', value: 'client.pl' }],
      actions: { assign: { mode: 'agent', agent: 'Olga' }, priority: 'High' },
    });
    expect(planRules([gone], facts, context()).notes).toEqual([
      { ruleId: 'gone', code: 'agent-unknown', agent: 'Olga' },
    ]);
    const none = planRules([gone], facts, context({ team: null }));
    expect(none.notes).toEqual([{ ruleId: 'gone', code: 'no-team' }]);
    expect(none.patch).toEqual({ priority: 'High' });
  });

  const lateMacro: Macro = {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Late parcel',
    templateId: 'tpl-deleted-since',
    patch: { status: 'Pending', group: 'Shipping', addTags: ['Shipping/Late by shipper'], assignee: 'me' },
    note: 'never sent by a rule',
    notifyAssignee: true,
  };

  it('merges a macro field changes after the rule fields, without its reply, note or "me"', () => {
    const late = rule({
      id: 'late',
      conditions: [{ field: 'subject', words: ['faktura'], not: false }],
      actions: { group: 'Billing', assign: { mode: 'agent', agent: 'Anna' }, macroId: lateMacro.id },
    });
    const plan = planRules([late], facts, context({ library: { macros: [lateMacro] } }));
    expect(plan.macroId).toBe(lateMacro.id);
    expect(plan.patch).toEqual({
      status: 'Pending',
      group: 'Shipping',
      assignee: 'Anna',
      addTags: [{ what: 'Shipping', why: 'Late by shipper' }],
    });
    expect(plan.assignee).toBe('Anna');
  });

  it('notes a macro that is gone or refused, and applies the rest', () => {
    const missing = rule({
      id: 'missing',
      conditions: [{ field: 'domain', value: 'client.pl' }],
      actions: { priority: 'Urgent', macroId: 'nope' },
    });
    const plan = planRules([missing], facts, context());
    expect(plan.patch).toEqual({ priority: 'Urgent' });
    expect(plan.notes).toEqual([{ ruleId: 'missing', code: 'macro-missing', macroId: 'nope' }]);
    const unknownTag: Macro = { ...lateMacro, patch: { addTags: ['Not in taxonomy'] } };
    const refused = planRules(
      [{ ...missing, actions: { macroId: unknownTag.id } }],
      facts,
      context({ library: { macros: [unknownTag] } }),
    );
    expect(refused.notes).toEqual([
      { ruleId: 'missing', code: 'macro-refused', macroId: unknownTag.id, problems: ['tag-unknown'] },
    ]);
  });
});

describe('planRules properties', () => {
  const words = ['faktura', 'refund', 'order', 'заказ', '注文'];
  const conditionArb = fc.oneof(
    fc.record({
      field: fc.constant('subject' as const),
      words: fc.subarray(words, { minLength: 1 }),
      not: fc.boolean(),
    }),
    fc.record({ field: fc.constant('domain' as const), value: fc.constantFrom('client.pl', 'shop.example') }),
    fc.record({ field: fc.constant('language' as const), value: fc.constantFrom('en', 'pl', 'ru', 'ja') }),
    fc.record({ field: fc.constant('time' as const), value: fc.constantFrom('in-hours', 'out-of-hours') }),
  );
  const ruleArb = (id: string) =>
    fc
      .record({
        enabled: fc.boolean(),
        match: fc.constantFrom('all', 'any'),
        conditions: fc.array(conditionArb, { minLength: 1, maxLength: 3 }),
        stop: fc.boolean(),
        actions: fc.record(
          {
            tags: fc.subarray(['VIP', 'Invoice data', 'Shipping/Late by shipper'], { minLength: 1 }),
            priority: fc.constantFrom(...TICKET_PRIORITIES),
            group: fc.constantFrom('Billing', 'Shipping'),
            assign: fc.oneof(
              fc.constant({ mode: 'round-robin' as const }),
              fc.constant({ mode: 'least-loaded' as const }),
              fc.record({
                mode: fc.constant('agent' as const),
                agent: fc.constantFrom('Anna', 'Yuki', 'Olga'),
              }),
            ),
          },
          { requiredKeys: [] },
        ),
      })
      .map((partial) => rule({ id, name: id, ...partial }));
  const rulesArb = fc
    .integer({ min: 0, max: 5 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(`r${i}`))));
  const factsArb = fc.record({
    from: fc.constantFrom('jan@client.pl', 'anna@shop.example'),
    domain: fc.constantFrom('client.pl', 'shop.example'),
    subject: fc.constantFrom('Faktura 1', 'Where is my order', '注文について', 'Заказ'),
    language: fc.constantFrom('en', 'pl', 'ru', 'ja'),
    arrivedAt: fc.constantFrom(MONDAY_10, SATURDAY),
  });
  const settings = settingsWith({ shifts: { Dmitri: 'office' } });

  it('planning again on the planned state changes nothing (idempotent)', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, fc.constantFrom(MONDAY_10, SATURDAY), (rules, ticketFacts, now) => {
        const ctx = context({ settings, now, lastAssigned: 'Anna', load: new Map([['Kasia', 1]]) });
        const first = planRules(rules, ticketFacts, ctx);
        const after = applyTicketPatch(blank, first.patch);
        const second = planRules(rules, ticketFacts, { ...ctx, current: after });
        expect(second.patch).toEqual({});
        expect(second.applied).toEqual(first.applied);
      }),
    );
  });

  it('applies matching enabled rules in list order, up to and including the first that stops', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, (rules, ticketFacts) => {
        const plan = planRules(rules, ticketFacts, context({ settings }));
        const expected: string[] = [];
        for (const r of rules) {
          if (!r.enabled || !ruleMatches(r, ticketFacts, settings)) continue;
          expected.push(r.id);
          if (r.stop) break;
        }
        expect(plan.applied).toEqual(expected);
      }),
    );
  });

  it('a single field comes from the last applied rule that sets it; tags are the union', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, (rules, ticketFacts) => {
        const plan = planRules(rules, ticketFacts, context({ settings }));
        const applied = rules.filter((r) => plan.applied.includes(r.id));
        const lastPriority = applied.filter((r) => r.actions.priority !== undefined).pop()?.actions.priority;
        expect(plan.patch.priority).toBe(lastPriority);
        const tags = new Set(applied.flatMap((r) => r.actions.tags ?? []).map((p) => p.toLowerCase()));
        const added = (plan.patch.addTags ?? []).map((t) =>
          (t.why ? `${t.what}/${t.why}` : t.what).toLowerCase(),
        );
        expect(new Set(added)).toEqual(tags);
      }),
    );
  });
});
