// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type BusinessCalendar, type Rule, ruleSchema } from '../../core/automation-config';
import type { TeamConfig } from '../../core/team-config';
import type { RulePreview } from '../../messaging/contract-automation';
import { waitFor } from '../test-waiting';
import { blankCondition, newRuleId, RulesEditor, ruleControlId, splitList } from './rules-editor';

const TEAM: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Dmitri', email: 'dmitri@shop.example', groups: ['Shipping'], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example'],
  tags: [{ path: 'Invoice data' }],
};
const CALENDARS: BusinessCalendar[] = [
  { id: 'team', name: 'Team', timeZone: 'UTC', hours: [], holidays: [] },
  { id: 'office', name: 'Warsaw office', timeZone: 'Europe/Warsaw', hours: [], holidays: [] },
];
const MACROS = [{ id: '00000000-0000-4000-8000-000000000001', name: 'Billing triage' }];

const rule = (id: string, name: string, extra: Partial<Rule> = {}): Rule =>
  ruleSchema.parse({
    id,
    name,
    conditions: [{ field: 'subject', words: ['invoice'] }],
    actions: {},
    ...extra,
  });

const RULES: Rule[] = [
  rule('invoices', 'Invoices'),
  rule('vip', 'VIP', { conditions: [{ field: 'domain', value: 'bigclient.example' }] }),
  rule('japan', 'Japanese', { conditions: [{ field: 'language', value: 'ja' }], enabled: false }),
];

type PreviewCall = { rule: Rule; resolve(result: RulePreview): void; reject(error: Error): void };

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

const byId = <E extends HTMLElement = HTMLInputElement>(id: string) =>
  document.getElementById(id) as E | null;
const need = <E extends HTMLElement = HTMLInputElement>(id: string) => {
  const element = byId<E>(id);
  if (!element) throw new Error(`no #${id}`);
  return element;
};

async function type(id: string, value: string) {
  const input = need(id);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function choose(id: string, value: string) {
  const select = need<HTMLSelectElement>(id);
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function click(id: string) {
  await act(() => need<HTMLElement>(id).click());
}

function mount(initial: Rule[] = RULES, team: TeamConfig | null = TEAM) {
  const state = { rules: initial, changes: 0 };
  const previews: PreviewCall[] = [];
  function Harness() {
    const [rules, setRules] = useState(initial);
    return (
      <RulesEditor
        rules={rules}
        onChange={(next) => {
          state.rules = next;
          state.changes += 1;
          setRules(next);
        }}
        team={team}
        macros={MACROS}
        calendars={CALENDARS}
        preview={(asked) =>
          new Promise<RulePreview>((resolve, reject) => previews.push({ rule: asked, resolve, reject }))
        }
      />
    );
  }
  root = document.createElement('div');
  document.body.append(root);
  render(<Harness />, root);
  return { state, previews };
}

const names = () => [...document.querySelectorAll('.ld-rules-name')].map((button) => button.textContent);

/** The accessible name of a control, as a screen reader would find it here. */
function accessibleName(element: HTMLElement): string {
  const aria = element.getAttribute('aria-label');
  if (aria) return aria;
  if (element.id) {
    const label = document.querySelector(`label[for="${element.id}"]`);
    if (label?.textContent) return label.textContent;
  }
  const wrapping = element.closest('label');
  if (wrapping?.textContent) return wrapping.textContent;
  return element.tagName === 'BUTTON' ? (element.textContent ?? '') : '';
}

describe('helpers', () => {
  it('splits lists on Latin, full-width and Japanese commas', () => {
    expect(splitList('invoice, faktura ,,счёт、請求書，refund ')).toEqual([
      'invoice',
      'faktura',
      'счёт',
      '請求書',
      'refund',
    ]);
  });

  it('makes rule ids the schema accepts and the list does not have', () => {
    const ids = [0, 0, 0.5].values();
    const id = newRuleId([rule('rule-00000000', 'x')], () => ids.next().value ?? 0.1);
    expect(id).toBe(`rule-${Math.floor(0.5 * 36 ** 8).toString(36)}`);
    expect(ruleSchema.safeParse({ ...rule(id, 'x'), conditions: [blankCondition('time')] }).success).toBe(
      true,
    );
  });
});

describe('ruleControlId', () => {
  it.each<[PropertyKey[], string]>([
    [['name'], 'rules-r1-name'],
    [['conditions', 2, 'words'], 'rules-r1-c2-value'],
    [['conditions', 0, 'calendar'], 'rules-r1-c0-calendar'],
    [['conditions'], 'rules-r1-add-condition'],
    [['actions', 'assign', 'agent'], 'rules-r1-agent'],
    [['actions', 'assign'], 'rules-r1-assign'],
    [['actions', 'tags', 1], 'rules-r1-tags'],
    [['actions', 'group'], 'rules-r1-group'],
    [['actions', 'macroId'], 'rules-r1-macro'],
    [['id'], 'rules-r1-edit'],
  ])('%j points at %s', (path, id) => {
    expect(ruleControlId('r1', path)).toBe(id);
  });

  it('names controls that exist in the open form', async () => {
    mount([rule('r1', 'R', { actions: { assign: { mode: 'agent', agent: 'Anna' } } })]);
    await click('rules-r1-edit');
    for (const path of [
      ['name'],
      ['conditions', 0, 'words'],
      ['actions', 'assign', 'agent'],
      ['actions', 'tags'],
    ]) {
      expect(byId(ruleControlId('r1', path)), path.join('.')).not.toBeNull();
    }
  });
});

describe('RulesEditor', () => {
  it('lists the rules in order, each named and with an on/off switch', async () => {
    const { state } = mount();
    expect(names()).toEqual(['Invoices', 'VIP', 'Japanese']);
    expect(need('rules-japan-enabled').checked).toBe(false);
    expect(need('rules-japan-enabled').getAttribute('aria-label')).toBe('rulesEnabled Japanese');
    await click('rules-japan-enabled');
    expect(state.rules.find((r) => r.id === 'japan')?.enabled).toBe(true);
    await click('rules-invoices-enabled');
    expect(state.rules.find((r) => r.id === 'invoices')?.enabled).toBe(false);
  });

  it('moves rules with named buttons and Alt+arrows, keeps focus and says where the rule went', async () => {
    const { state } = mount();
    expect(need('rules-vip-up').getAttribute('aria-label')).toBe('rulesMoveUp VIP');
    await click('rules-vip-up');
    expect(state.rules.map((r) => r.id)).toEqual(['vip', 'invoices', 'japan']);
    await waitFor('focus on the moved button', () => document.activeElement?.id === 'rules-vip-up');
    expect(need<HTMLElement>('rules-status').textContent).toBe('rulesMoved VIP 1 3');
    // The first rule cannot go up: the button stays focusable and says so.
    expect(need('rules-vip-up').getAttribute('aria-disabled')).toBe('true');
    await click('rules-vip-up');
    expect(state.rules.map((r) => r.id)).toEqual(['vip', 'invoices', 'japan']);

    const nameButton = need<HTMLButtonElement>('rules-invoices-edit');
    await act(() => {
      nameButton.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }),
      );
    });
    expect(state.rules.map((r) => r.id)).toEqual(['vip', 'japan', 'invoices']);
    await waitFor('focus on the name', () => document.activeElement?.id === 'rules-invoices-edit');
    await act(() => {
      nameButton.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(state.rules.map((r) => r.id)).toEqual(['vip', 'japan', 'invoices']);
  });

  it('adds a rule with its form open and the name focused', async () => {
    const { state } = mount([]);
    expect(need<HTMLElement>('rules-none').textContent).toBe('rulesNone');
    await click('rules-add');
    const added = state.rules[0] as Rule;
    expect(added).toMatchObject({ name: '', enabled: true, match: 'all', stop: false });
    await waitFor('focus on the name', () => document.activeElement?.id === `rules-${added.id}-name`);
    await type(`rules-${added.id}-name`, 'Refunds');
    await type(`rules-${added.id}-c0-value`, 'refund, zwrot');
    expect(state.rules[0]?.conditions).toEqual([
      { field: 'subject', words: ['refund', 'zwrot'], not: false },
    ]);
    expect(ruleSchema.safeParse(state.rules[0]).success).toBe(true);
  });

  it('duplicates a rule after itself and deletes with undo', async () => {
    const { state } = mount();
    await click('rules-invoices-duplicate');
    expect(state.rules.map((r) => r.name)).toEqual(['Invoices', 'rulesCopyName Invoices', 'VIP', 'Japanese']);
    const copy = state.rules[1] as Rule;
    expect(copy.id).not.toBe('invoices');
    expect(copy.conditions).toEqual(state.rules[0]?.conditions);

    await click('rules-vip-edit');
    expect(need('rules-vip-edit').getAttribute('aria-expanded')).toBe('true');
    await click('rules-vip-delete');
    expect(state.rules.map((r) => r.id)).not.toContain('vip');
    expect(need<HTMLElement>('rules-status').textContent).toBe('rulesDeleted VIP');
    await waitFor('focus on undo', () => document.activeElement?.id === 'rules-undo');
    await click('rules-undo');
    expect(state.rules.map((r) => r.id)).toEqual(['invoices', copy.id, 'vip', 'japan']);
    expect(byId('rules-undo')).toBeNull();
  });

  it('edits conditions: each field has its own inputs, rows are added and removed', async () => {
    const { state } = mount();
    await click('rules-invoices-edit');
    await choose('rules-invoices-match', 'any');
    await choose('rules-invoices-c0-field', 'domain');
    expect(state.rules[0]?.conditions[0]).toEqual({ field: 'domain', value: '' });
    expect(need('rules-invoices-c0-value').getAttribute('aria-invalid')).toBe('true');
    await type('rules-invoices-c0-value', ' client.pl ');
    await click('rules-invoices-add-condition');
    await choose('rules-invoices-c1-field', 'time');
    await choose('rules-invoices-c1-value', 'in-hours');
    await choose('rules-invoices-c1-calendar', 'office');
    await click('rules-invoices-add-condition');
    await choose('rules-invoices-c2-field', 'body');
    await type('rules-invoices-c2-value', 'VAT');
    await click('rules-invoices-c2-not');
    await click('rules-invoices-add-condition');
    await choose('rules-invoices-c3-field', 'attachment');
    await choose('rules-invoices-c3-value', 'no');
    await click('rules-invoices-add-condition');
    await choose('rules-invoices-c4-field', 'language');
    await choose('rules-invoices-c4-value', 'pl');
    expect(state.rules[0]).toMatchObject({
      match: 'any',
      conditions: [
        { field: 'domain', value: 'client.pl' },
        { field: 'time', value: 'in-hours', calendar: 'office' },
        { field: 'body', words: ['VAT'], not: true },
        { field: 'attachment', value: false },
        { field: 'language', value: 'pl' },
      ],
    });
    await click('rules-invoices-c1-remove');
    expect(state.rules[0]?.conditions.map((c) => c.field)).toEqual([
      'domain',
      'body',
      'attachment',
      'language',
    ]);
    expect(need('rules-invoices-c1-value').value).toBe('VAT');
    expect(ruleSchema.safeParse(state.rules[0]).success).toBe(true);
  });

  it('edits actions: tags, priority, group, assignment, macro and stop', async () => {
    const { state } = mount();
    await click('rules-invoices-edit');
    await type('rules-invoices-tags', 'Invoice data, VIP,');
    expect(need('rules-invoices-tags').value).toBe('Invoice data, VIP,');
    await choose('rules-invoices-priority', 'High');
    await choose('rules-invoices-group', 'Billing');
    await choose('rules-invoices-assign', 'agent');
    expect(state.rules[0]?.actions.assign).toEqual({ mode: 'agent', agent: 'Anna' });
    await choose('rules-invoices-agent', 'Dmitri');
    await choose('rules-invoices-macro', MACROS[0]?.id ?? '');
    await click('rules-invoices-stop');
    expect(state.rules[0]).toMatchObject({
      stop: true,
      actions: {
        tags: ['Invoice data', 'VIP'],
        priority: 'High',
        group: 'Billing',
        assign: { mode: 'agent', agent: 'Dmitri' },
        macroId: MACROS[0]?.id,
      },
    });
    await choose('rules-invoices-assign', 'round-robin');
    expect(byId('rules-invoices-agent')).toBeNull();
    await choose('rules-invoices-priority', '');
    await choose('rules-invoices-assign', '');
    await type('rules-invoices-tags', '');
    expect(state.rules[0]?.actions).toEqual({ group: 'Billing', macroId: MACROS[0]?.id });
    await click('rules-invoices-done');
    expect(byId('rules-invoices-form')).toBeNull();
    await waitFor('focus back on the name', () => document.activeElement?.id === 'rules-invoices-edit');
  });

  it('shows an agent, group or macro the team no longer has instead of hiding it', async () => {
    mount([
      rule('old', 'Old', {
        actions: { group: 'Gone', assign: { mode: 'agent', agent: 'Olga' }, macroId: 'deleted' },
      }),
    ]);
    await click('rules-old-edit');
    expect(need<HTMLSelectElement>('rules-old-agent').value).toBe('Olga');
    expect(need<HTMLSelectElement>('rules-old-agent').getAttribute('aria-invalid')).toBe('true');
    expect(need<HTMLSelectElement>('rules-old-group').selectedOptions[0]?.textContent).toBe(
      'rulesNotInTeam Gone',
    );
    expect(need<HTMLSelectElement>('rules-old-macro').selectedOptions[0]?.textContent).toBe(
      'rulesMacroMissing',
    );
  });

  it('previews the rule on past tickets: loading, the table, the empty state and failures', async () => {
    const { previews } = mount();
    await click('rules-invoices-edit');
    await click('rules-invoices-preview-run');
    expect(need<HTMLElement>('rules-invoices-preview-status').textContent).toBe('rulesPreviewLoading');
    expect(need<HTMLButtonElement>('rules-invoices-preview-run').disabled).toBe(true);
    expect(previews).toHaveLength(1);
    expect(previews[0]?.rule.id).toBe('invoices');
    await act(async () =>
      previews[0]?.resolve({
        examined: 50,
        matches: [
          {
            threadId: 'a1',
            reference: '#0000A1',
            subject: '<b>Invoice</b> 1042',
            createdAt: 1,
            tags: [{ what: 'Invoice data' }],
            priority: 'High',
            group: 'Billing',
            assignee: 'Anna',
            macro: 'Billing triage',
          },
          { threadId: 'a2', reference: '#0000A2', subject: 'Invoice', createdAt: 0 },
        ],
      }),
    );
    const table = await waitFor('the table', () => byId<HTMLTableElement>('rules-invoices-preview-table'));
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'rulesPreviewReference',
      'rulesPreviewSubject',
      'rulesPreviewChange',
    ]);
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(cells).toEqual([
      [
        '#0000A1',
        '<b>Invoice</b> 1042',
        'rulesChangeTags Invoice data; rulesChangePriority ticketPriorityHigh; rulesChangeGroup Billing; rulesChangeAssignee Anna; rulesChangeMacro Billing triage',
      ],
      ['#0000A2', 'Invoice', 'rulesPreviewNothing'],
    ]);
    expect(table.querySelector('b')).toBeNull();
    expect(need<HTMLElement>('rules-invoices-preview-status').textContent).toBe(
      'rulesPreviewMatches_other 2 50',
    );

    // Editing the rule clears a preview of its older version.
    await choose('rules-invoices-priority', 'Low');
    expect(byId('rules-invoices-preview-table')).toBeNull();

    await click('rules-invoices-preview-run');
    await act(async () => previews[1]?.resolve({ examined: 7, matches: [] }));
    await waitFor('the empty state', () =>
      need<HTMLElement>('rules-invoices-preview-status').textContent?.startsWith('rulesPreviewEmpty'),
    );
    expect(need<HTMLElement>('rules-invoices-preview-status').textContent).toBe('rulesPreviewEmpty_other 7');

    await click('rules-invoices-preview-run');
    await act(async () => previews[2]?.reject(new Error('Gmail did not answer')));
    const failed = await waitFor('the failure', () => byId<HTMLElement>('rules-invoices-preview-failed'));
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toContain('rulesPreviewFailed Gmail did not answer');
    await act(() => (failed.querySelector('button') as HTMLButtonElement).click());
    expect(previews).toHaveLength(4);
  });

  it('marks an incomplete rule in the list until it is complete', async () => {
    mount();
    expect(byId('rules-invoices-incomplete')).toBeNull();
    await click('rules-invoices-edit');
    await type('rules-invoices-name', '  ');
    const warning = await waitFor('the warning', () => byId<HTMLElement>('rules-invoices-incomplete'));
    expect(warning.textContent).toBe('rulesIncomplete');
    expect(need('rules-invoices-edit').getAttribute('aria-describedby')).toBe(
      'rules-invoices-incomplete rules-keys-help',
    );
    await type('rules-invoices-name', 'Invoices');
    expect(byId('rules-invoices-incomplete')).toBeNull();
  });

  it('does not preview an incomplete rule', async () => {
    const { previews } = mount();
    await click('rules-invoices-edit');
    await type('rules-invoices-c0-value', '');
    await click('rules-invoices-preview-run');
    expect(previews).toHaveLength(0);
    expect(need<HTMLElement>('rules-invoices-preview-invalid').getAttribute('role')).toBe('alert');
  });

  it('names every control, and uses no positive tabindex', async () => {
    mount();
    await click('rules-invoices-edit');
    await choose('rules-invoices-assign', 'agent');
    await click('rules-invoices-add-condition');
    await choose('rules-invoices-c1-field', 'time');
    const controls = [
      ...document.querySelectorAll<HTMLElement>('#auto-rules input, #auto-rules select, #auto-rules button'),
    ];
    expect(controls.length).toBeGreaterThan(25);
    for (const control of controls) {
      expect(accessibleName(control).trim(), control.id || control.outerHTML).not.toBe('');
      expect(Number(control.getAttribute('tabindex') ?? '0')).toBeLessThanOrEqual(0);
    }
    const ids = controls.map((control) => control.id).filter((id) => id !== '');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('works without a team: no groups or agents to offer', async () => {
    const { state } = mount(RULES, null);
    await click('rules-vip-edit');
    await choose('rules-vip-assign', 'agent');
    expect(state.rules[1]?.actions.assign).toEqual({ mode: 'agent', agent: '' });
    expect(need<HTMLSelectElement>('rules-vip-group').options).toHaveLength(1);
  });
});
