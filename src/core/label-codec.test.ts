import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLabelCodec, hasControlCharacter, LabelNameError } from './label-codec';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketLabelState } from './ticket';

const codec = createLabelCodec();

describe('encode', () => {
  it('writes the scheme of DESIGN.md section 1 under the default prefix', () => {
    const state: TicketLabelState = {
      status: 'On hold',
      priority: 'Urgent',
      assignee: 'Anna Kowalska',
      group: 'Billing',
      tags: [{ what: 'Payments', why: 'Payment error' }, { what: 'Complaint' }],
    };
    expect(codec.encode(state)).toEqual([
      'Helpdesk/Status/On hold',
      'Helpdesk/Priority/Urgent',
      'Helpdesk/Assignee/Anna Kowalska',
      'Helpdesk/Group/Billing',
      'Helpdesk/Tag/Payments/Payment error',
      'Helpdesk/Tag/Complaint',
    ]);
  });

  it('follows a configured prefix, nested or not', () => {
    expect(createLabelCodec('Support').statusLabel('New')).toBe('Support/Status/New');
    expect(createLabelCodec('Ops/Desk').encode({ status: 'Solved', tags: [] })).toEqual([
      'Ops/Desk/Status/Solved',
    ]);
  });

  it.each([
    ['a slash in an agent name would nest the label', () => codec.assigneeLabel('Sales/EU')],
    ['an empty group', () => codec.groupLabel('')],
    ['leading space', () => codec.tagLabel({ what: ' Shipping' })],
    ['a control character', () => codec.tagLabel({ what: 'Ship\u0007ping' })],
    ['a name past Gmail’s length limit', () => codec.assigneeLabel('x'.repeat(230))],
    ['an empty prefix', () => createLabelCodec('')],
    ['a prefix ending in a slash', () => createLabelCodec('Helpdesk/')],
  ])('refuses %s', (_why, make) => {
    expect(make).toThrow(LabelNameError);
  });

  it('lists the labels a mailbox needs before its first ticket', () => {
    const labels = codec.staticLabels();
    expect(labels).toHaveLength(TICKET_STATUSES.length + TICKET_PRIORITIES.length + 1);
    expect(labels).toContain('Helpdesk/Status/On hold');
    expect(labels).toContain('Helpdesk/.records');
  });
});

describe('decode', () => {
  it('reads the state back, ignoring labels that are not ours', () => {
    const decoded = codec.decode([
      'INBOX',
      'UNREAD',
      'Customers/VIP',
      'Helpdesk/Status/Pending',
      'Helpdesk/Group/Shipping',
      'Helpdesk/Tag/Shipping/Late by shipper',
      'Helpdesk/.records',
    ]);
    expect(decoded.state).toEqual({
      status: 'Pending',
      group: 'Shipping',
      tags: [{ what: 'Shipping', why: 'Late by shipper' }],
    });
    expect(decoded.unreadable).toEqual([]);
  });

  it('is not a ticket without a status label', () => {
    expect(codec.decode(['INBOX', 'Helpdesk/Tag/Complaint']).state).toBeNull();
  });

  it('reads names whose case was changed by hand, since Gmail treats them as the same label', () => {
    const decoded = codec.decode(['helpdesk/status/on HOLD', 'HELPDESK/priority/high']);
    expect(decoded.state).toMatchObject({ status: 'On hold', priority: 'High' });
  });

  it('reports labels under the prefix that do not follow the scheme, and guesses nothing', () => {
    const decoded = codec.decode([
      'Helpdesk/Status/Waiting',
      'Helpdesk/Status/Open',
      'Helpdesk/Stat/Open',
      'Helpdesk/Priority/Meh',
      'Helpdesk/Tag/a/b/c',
      'Helpdesk/Assignee',
      'Helpdesk/Tag//x',
    ]);
    expect(decoded.state).toEqual({ status: 'Open', tags: [] });
    expect(decoded.unreadable).toEqual([
      'Helpdesk/Status/Waiting',
      'Helpdesk/Stat/Open',
      'Helpdesk/Priority/Meh',
      'Helpdesk/Tag/a/b/c',
      'Helpdesk/Assignee',
      'Helpdesk/Tag//x',
    ]);
  });

  it('does not claim a label that merely starts with the prefix text', () => {
    expect(codec.owns('Helpdesk2/Status/Open')).toBe(false);
    expect(codec.owns('Helpdesk/Status/Open')).toBe(true);
  });
});

describe('repair', () => {
  it('leaves a valid thread alone', () => {
    const names = ['INBOX', 'Helpdesk/Status/Open', 'Helpdesk/Assignee/Sam Porter'];
    expect(codec.repair(names)).toEqual({
      state: { status: 'Open', assignee: 'Sam Porter', tags: [] },
      remove: [],
      decisive: true,
    });
  });

  it('keeps the status added last according to history order (DESIGN.md section 1)', () => {
    const names = ['Helpdesk/Status/Open', 'Helpdesk/Status/Solved'];
    const addedAt = new Map([
      ['Helpdesk/Status/Open', '120045'],
      ['Helpdesk/Status/Solved', '120031'],
    ]);
    expect(codec.repair(names, addedAt)).toEqual({
      state: { status: 'Open', tags: [] },
      remove: ['Helpdesk/Status/Solved'],
      decisive: true,
    });
  });

  it('never lets New beat a status a person chose, even when New was added last', () => {
    const names = ['Helpdesk/Status/New', 'Helpdesk/Status/Pending'];
    const addedAt = new Map([
      ['Helpdesk/Status/Pending', '500'],
      ['Helpdesk/Status/New', '501'],
    ]);
    expect(codec.repair(names, addedAt)).toEqual({
      state: { status: 'Pending', tags: [] },
      remove: ['Helpdesk/Status/New'],
      decisive: true,
    });
    expect(codec.repair(names).decisive).toBe(true);
  });

  it('compares history ids as numbers, not strings', () => {
    const names = ['Helpdesk/Assignee/Anna Kowalska', 'Helpdesk/Assignee/Yuki Tanaka'];
    const addedAt = new Map([
      ['Helpdesk/Assignee/Anna Kowalska', '99999'],
      ['Helpdesk/Assignee/Yuki Tanaka', '100000'],
    ]);
    expect(codec.repair(['Helpdesk/Status/Open', ...names], addedAt).remove).toEqual([
      'Helpdesk/Assignee/Anna Kowalska',
    ]);
  });

  it('without complete evidence, applies the fixed precedence and says it is not decisive', () => {
    const repair = codec.repair(
      [
        'Helpdesk/Status/Solved',
        'Helpdesk/Status/Open',
        'Helpdesk/Priority/Low',
        'Helpdesk/Priority/High',
        'Helpdesk/Group/Shipping',
        'Helpdesk/Group/Billing',
      ],
      new Map([['Helpdesk/Status/Solved', '5']]),
    );
    expect(repair.decisive).toBe(false);
    // Work stays visible: the active status and the higher priority win; names by code point.
    expect(repair.state).toMatchObject({ status: 'Open', priority: 'High', group: 'Billing' });
    expect(repair.remove.sort()).toEqual([
      'Helpdesk/Group/Shipping',
      'Helpdesk/Priority/Low',
      'Helpdesk/Status/Solved',
    ]);
  });

  it('removes a second spelling of the same label only when it conflicts', () => {
    const repair = codec.repair(['Helpdesk/Status/Open', 'Helpdesk/Tag/Shipping', 'helpdesk/tag/shipping']);
    expect(repair.remove).toEqual([]);
    expect(repair.state?.tags).toEqual([{ what: 'Shipping' }]);
  });

  const statusArb = fc.constantFrom(...TICKET_STATUSES);
  const nameArb = fc.constantFrom(
    'Anna Kowalska',
    'Dmitri Sokolov',
    'Yuki Tanaka',
    'Sam Porter',
    'Émile',
    'Ölaf',
  );

  it('gives every browser the same answer whatever order the labels arrive in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(statusArb, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(nameArb, { maxLength: 4 }),
        fc.option(fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 10, maxLength: 10 })),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (statuses, assignees, historyIds, shuffle) => {
          const names = [
            ...statuses.map((s) => codec.statusLabel(s)),
            ...assignees.map((a) => codec.assigneeLabel(a)),
          ];
          const addedAt = historyIds
            ? new Map(names.map((n, i) => [n, String(historyIds[i % historyIds.length])]))
            : undefined;
          const shuffled = [...names].sort(() => (shuffle.next().value as number) - 0.5);
          const a = codec.repair(names, addedAt);
          const b = codec.repair(shuffled, addedAt);
          expect(b.state).toEqual(a.state);
          expect([...b.remove].sort()).toEqual([...a.remove].sort());
          // The invariants hold after the repair is applied.
          const after = names.filter((n) => !a.remove.includes(n));
          expect(codec.decode(after).seen.Status).toHaveLength(1);
          expect(codec.decode(after).seen.Assignee.length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('diff', () => {
  it('is one modify that touches only Helpdesk labels', () => {
    const current = ['INBOX', 'STARRED', 'Label_99', 'Helpdesk/Status/New', 'Helpdesk/Tag/Shipping'];
    const change = codec.diff(current, {
      status: 'Open',
      assignee: 'Yuki Tanaka',
      tags: [{ what: 'Shipping' }, { what: 'Complaint' }],
    });
    expect(change).toEqual({
      add: ['Helpdesk/Status/Open', 'Helpdesk/Assignee/Yuki Tanaka', 'Helpdesk/Tag/Complaint'],
      remove: ['Helpdesk/Status/New'],
    });
  });

  it('takes every ticket label off when the thread stops being a ticket, but never the records label', () => {
    expect(codec.diff(['Helpdesk/Status/Open', 'Helpdesk/.records', 'Helpdesk/Foo'], null)).toEqual({
      add: [],
      remove: ['Helpdesk/Status/Open'],
    });
  });

  it('round-trips any state through labels', () => {
    const segment = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => s.trim() === s && !s.includes('/') && !hasControlCharacter(s));
    fc.assert(
      fc.property(
        statusArbitrary(),
        fc.option(fc.constantFrom(...TICKET_PRIORITIES), { nil: undefined }),
        fc.option(segment, { nil: undefined }),
        fc.option(segment, { nil: undefined }),
        fc.uniqueArray(fc.record({ what: segment, why: fc.option(segment, { nil: undefined }) }), {
          maxLength: 5,
          selector: (t) => `${t.what}/${t.why ?? ''}`.toLowerCase(),
        }),
        (status, priority, assignee, group, rawTags) => {
          const tags = rawTags.map((t) =>
            t.why === undefined ? { what: t.what } : { what: t.what, why: t.why },
          );
          const state: TicketLabelState = { status, tags };
          if (priority) state.priority = priority;
          if (assignee) state.assignee = assignee;
          if (group) state.group = group;
          const decoded = codec.decode(codec.encode(state));
          expect(decoded.unreadable).toEqual([]);
          expect(decoded.state?.status).toBe(status);
          expect(decoded.state?.priority).toBe(priority);
          expect(decoded.state?.assignee).toBe(assignee);
          expect(decoded.state?.group).toBe(group);
          expect(new Set(decoded.state?.tags.map((t) => `${t.what}/${t.why ?? ''}`))).toEqual(
            new Set(tags.map((t) => `${t.what}/${t.why ?? ''}`)),
          );
          expect(codec.diff(codec.encode(state), state)).toEqual({ add: [], remove: [] });
        },
      ),
    );
  });
});

function statusArbitrary() {
  return fc.constantFrom(...TICKET_STATUSES);
}
