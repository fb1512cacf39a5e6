import { describe, expect, it } from 'vitest';
import {
  inverseOf,
  type Macro,
  type MacroContext,
  macrosSchema,
  notifyRecord,
  notifyRecordSchema,
  planMacro,
  type TicketPatch,
} from './macros';
import type { TeamConfig } from './team-config';
import type { TicketLabelState } from './ticket';

const team: Pick<TeamConfig, 'agents' | 'tags'> = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Dmitri', email: 'dmitri@shop.example', groups: ['Shipping', 'Billing'], lead: false },
  ],
  tags: [{ path: 'Shipping' }, { path: 'Shipping/Late by shipper' }, { path: 'Refund' }],
};

const ticket: TicketLabelState = {
  status: 'Open',
  priority: 'Normal',
  assignee: 'Anna',
  group: 'Billing',
  tags: [{ what: 'Refund' }],
};

const context: MacroContext = { ticket, team, templateIds: new Set(['tpl-late']), me: 'Anna' };

/** The seed's macro (S000 L126): reply, change the group, assign a colleague and notify them. */
const handOver: Macro = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Late parcel: hand to Shipping',
  templateId: 'tpl-late',
  patch: {
    status: 'Pending',
    priority: 'High',
    group: 'Shipping',
    assignee: 'Dmitri',
    addTags: ['Shipping/Late by shipper'],
    removeTags: ['Refund'],
  },
  note: 'Customer says the parcel is 5 days late.',
  notifyAssignee: true,
};

const withPatch = (patch: Macro['patch'], extra: Partial<Macro> = {}): Macro => ({
  ...handOver,
  templateId: undefined,
  note: undefined,
  notifyAssignee: false,
  ...extra,
  patch,
});

describe('planMacro', () => {
  it('plans the seed macro as one patch, a reply, a note and a notification', () => {
    expect(planMacro(handOver, context)).toEqual({
      ok: true,
      patch: {
        status: 'Pending',
        priority: 'High',
        group: 'Shipping',
        assignee: 'Dmitri',
        addTags: [{ what: 'Shipping', why: 'Late by shipper' }],
        removeTags: [{ what: 'Refund' }],
      },
      reply: { templateId: 'tpl-late' },
      note: 'Customer says the parcel is 5 days late.',
      notify: { agent: 'Dmitri' },
    });
  });

  it.each<[string, Macro['patch'], Partial<MacroContext>, TicketPatch]>([
    ['leaves out what is already so', { status: 'Open', group: 'Billing', addTags: ['Refund'] }, {}, {}],
    ["'me' is who applies the macro", { assignee: 'me' }, { me: 'Dmitri' }, { assignee: 'Dmitri' }],
    [
      'names come out as the team spells them',
      { assignee: 'dmitri', group: 'shipping' },
      {},
      {
        assignee: 'Dmitri',
        group: 'Shipping',
      },
    ],
    [
      'null clears a field',
      { assignee: null, group: null, priority: null },
      {},
      {
        assignee: null,
        group: null,
        priority: null,
      },
    ],
    [
      'removes a tag as the ticket spells it',
      { removeTags: ['refund', 'Shipping'] },
      {},
      {
        removeTags: [{ what: 'Refund' }],
      },
    ],
    [
      'without a taxonomy, tags are free',
      { addTags: ['Anything/At all'] },
      { team: { ...team, tags: [] } },
      { addTags: [{ what: 'Anything', why: 'At all' }] },
    ],
  ])('%s', (_name, patch, extra, expected) => {
    expect(planMacro(withPatch(patch), { ...context, ...extra })).toEqual({ ok: true, patch: expected });
  });

  it.each<[string, Macro, Partial<MacroContext>, unknown[]]>([
    [
      'an agent who left the team',
      withPatch({ assignee: 'Olga' }),
      {},
      [{ code: 'agent-unknown', field: 'patch.assignee', value: 'Olga' }],
    ],
    [
      "'me' when who applies it is not known",
      withPatch({ assignee: 'me' }),
      { me: undefined },
      [{ code: 'me-unknown', field: 'patch.assignee', value: 'me' }],
    ],
    [
      "'me' when that agent is not in the team",
      withPatch({ assignee: 'Me' }),
      { me: 'Olga' },
      [{ code: 'me-unknown', field: 'patch.assignee', value: 'Me' }],
    ],
    [
      'a deleted template',
      { ...handOver, templateId: 'tpl-gone' },
      {},
      [{ code: 'template-missing', field: 'templateId', value: 'tpl-gone' }],
    ],
    [
      'a group nobody is in',
      withPatch({ group: 'Returns' }),
      {},
      [{ code: 'group-unknown', field: 'patch.group', value: 'Returns' }],
    ],
    [
      'a tag outside the taxonomy',
      withPatch({ addTags: ['Shipping/Lost'] }),
      {},
      [{ code: 'tag-unknown', field: 'patch.addTags', value: 'Shipping/Lost' }],
    ],
    [
      'a tag both added and removed',
      withPatch({ addTags: ['Refund'], removeTags: ['refund'] }),
      {},
      [{ code: 'tag-conflict', field: 'patch.removeTags', value: 'Refund' }],
    ],
    [
      'every problem at once, and nothing planned',
      {
        ...handOver,
        templateId: 'tpl-gone',
        patch: { ...handOver.patch, assignee: 'Olga', group: 'Returns' },
      },
      {},
      [
        { code: 'template-missing', field: 'templateId', value: 'tpl-gone' },
        { code: 'group-unknown', field: 'patch.group', value: 'Returns' },
        { code: 'agent-unknown', field: 'patch.assignee', value: 'Olga' },
      ],
    ],
  ])('refuses %s', (_name, macro, extra, problems) => {
    expect(planMacro(macro, { ...context, ...extra })).toEqual({ ok: false, problems });
  });

  it('refuses a stored macro of the wrong shape, naming the field', () => {
    const result = planMacro({ ...handOver, patch: { status: 'Done' } }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toMatchObject([{ code: 'macro-invalid', field: 'patch.status' }]);
  });

  it.each<[string, Macro['patch'], string | undefined, string | undefined]>([
    ['the new assignee is notified', { assignee: 'Dmitri' }, 'Anna', 'Dmitri'],
    ['not the agent who takes the ticket', { assignee: 'me' }, 'Dmitri', undefined],
    ['nobody when the ticket stays with its assignee', { assignee: 'Anna' }, 'Dmitri', undefined],
    ['nobody when the ticket is unassigned', { assignee: null }, 'Dmitri', undefined],
    ['nobody when the assignee is not changed', { status: 'Solved' }, 'Dmitri', undefined],
  ])('notify: %s', (_name, patch, me, agent) => {
    const plan = planMacro(withPatch(patch, { notifyAssignee: true }), { ...context, me });
    expect(plan.ok && plan.notify).toEqual(agent === undefined ? undefined : { agent });
  });

  it('accepts template ids as a list', () => {
    expect(planMacro(handOver, { ...context, templateIds: ['tpl-late'] }).ok).toBe(true);
  });
});

describe('inverseOf', () => {
  it('undoes the seed macro on the ticket it was applied to', () => {
    const plan = planMacro(handOver, context);
    if (!plan.ok) throw new Error('the macro must apply');
    expect(inverseOf(plan.patch, ticket)).toEqual({
      status: 'Open',
      priority: 'Normal',
      assignee: 'Anna',
      group: 'Billing',
      addTags: [{ what: 'Refund' }],
      removeTags: [{ what: 'Shipping', why: 'Late by shipper' }],
    });
  });

  it.each<[string, TicketPatch, TicketLabelState, TicketPatch]>([
    ['an empty patch', {}, ticket, {}],
    [
      'fields that were empty are cleared',
      { priority: 'Urgent', assignee: 'Dmitri', group: 'Shipping' },
      { status: 'New', tags: [] },
      { priority: null, assignee: null, group: null },
    ],
    [
      'a tag the ticket already had stays',
      { addTags: [{ what: 'Refund' }], removeTags: [{ what: 'Shipping' }] },
      ticket,
      {},
    ],
  ])('%s', (_name, patch, before, expected) => {
    expect(inverseOf(patch, before)).toEqual(expected);
  });
});

describe('macro lists', () => {
  it('accepts distinct macros and fills notifyAssignee', () => {
    const { notifyAssignee: _, ...bare } = handOver;
    expect(macrosSchema.parse([bare])[0]?.notifyAssignee).toBe(false);
  });

  it.each<[string, unknown[], (string | number)[]]>([
    ['a repeated id', [handOver, { ...handOver, name: 'Other' }], [1, 'id']],
    [
      'a repeated name, ignoring case',
      [
        handOver,
        { ...handOver, id: '00000000-0000-4000-8000-000000000002', name: handOver.name.toUpperCase() },
      ],
      [1, 'name'],
    ],
    ['a tag path of three parts', [withPatch({ addTags: ['a/b/c'] })], [0, 'patch', 'addTags', 0]],
    ['an empty name', [{ ...handOver, name: ' ' }], [0, 'name']],
  ])('refuses %s', (_name, input, path) => {
    const parsed = macrosSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});

describe('notify records', () => {
  it('builds a record the schema accepts', () => {
    const record = notifyRecord({
      to: 'Dmitri',
      from: 'Anna',
      threadId: '18c2f0a1b2c3d4e5',
      macroName: handOver.name,
      now: 1_700_000_000_000,
      id: '00000000-0000-4000-8000-00000000000a',
    });
    expect(record).toEqual({
      kind: 'notify',
      id: '00000000-0000-4000-8000-00000000000a',
      to: 'Dmitri',
      from: 'Anna',
      threadId: '18c2f0a1b2c3d4e5',
      macro: handOver.name,
      createdAt: 1_700_000_000_000,
    });
    expect(notifyRecordSchema.safeParse(record).success).toBe(true);
  });

  it('carries an SLA reason and due time, and still reads records written without them', () => {
    const base = {
      kind: 'notify',
      id: '00000000-0000-4000-8000-00000000000b',
      to: 'Anna',
      from: 'Labeldesk',
      threadId: '18c2f0a1b2c3d4e5',
      macro: 'SLA',
      createdAt: 1_700_000_000_000,
    };
    const sla = { ...base, reason: 'sla-breached', dueAt: 1_700_000_000_000 };
    expect(notifyRecordSchema.parse(sla)).toEqual(sla);
    expect(notifyRecordSchema.parse(base)).toEqual(base);
    expect(notifyRecordSchema.safeParse({ ...base, reason: 'sla-late' }).success).toBe(false);
    expect(notifyRecordSchema.safeParse({ ...base, dueAt: -1 }).success).toBe(false);
  });

  it('draws a random id when none is given, and refuses a bad thread id', () => {
    const init = { to: 'Dmitri', from: 'Anna', threadId: 'abc', macroName: 'M', now: 1 };
    expect(notifyRecord(init).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => notifyRecord({ ...init, threadId: 'not hex' })).toThrow();
  });
});
