// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketLookup, TicketPatchArgs, TicketView } from '../../messaging/contract';
import { type FakeHandlers, fakeConnector } from '../connector';
import { BulkBar, buildPatch, tagOfPath, undoPlan } from './bulk-bar';

function ticket(threadId: string, extra: Partial<TicketView> = {}): TicketView {
  return {
    threadId,
    reference: '#ABC123',
    subject: 'Refund',
    status: 'Open',
    tags: [],
    createdAt: 1_700_000_000_000,
    pendingSync: false,
    hasMetadata: true,
    ...extra,
  };
}

const TICKETS = new Map<string, TicketView>([
  ['a1', ticket('a1', { status: 'New' })],
  ['b2', ticket('b2', { status: 'Open', assignee: 'Bo', tags: [{ what: 'Shipping' }] })],
  ['c3', ticket('c3', { status: 'New' })],
]);

function handlers(
  updates: { threadIds: string[]; patch: TicketPatchArgs }[],
  extra: FakeHandlers = {},
): FakeHandlers {
  return {
    'team.get': () => ({
      mailbox: 'support@shop.example',
      me: 'Anna',
      config: {
        agents: [
          { name: 'Anna', email: 'anna@shop.example', groups: [], lead: false },
          { name: 'Bo', email: 'bo@shop.example', groups: [], lead: true },
        ],
        labelPrefix: 'Helpdesk',
        teamDomains: [],
        tags: [{ path: 'Shipping' }, { path: 'Shipping/Late by shipper' }],
      },
    }),
    'ticket.get': ({ threadId }): TicketLookup => {
      const found = TICKETS.get(threadId);
      return found
        ? { kind: 'ticket', ticket: found }
        : { kind: 'not-ticket', threadId, subject: 'Newsletter', messageCount: 1 };
    },
    'tickets.bulkUpdate': ({ threadIds, patch }) => {
      updates.push({ threadIds: [...threadIds], patch });
      return {
        updated: threadIds.filter((id) => TICKETS.has(id)),
        notTickets: threadIds.filter((id) => !TICKETS.has(id)),
      };
    },
    ...extra,
  };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
async function settleUntil(done: () => boolean, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await settle();
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}

const root = () => document.body.firstElementChild as HTMLElement;
const byLabel = (text: string) => {
  const label = [...root().querySelectorAll('label')].find((candidate) => candidate.textContent === text);
  const control = label && root().querySelector<HTMLSelectElement>(`[id="${label.htmlFor}"]`);
  if (!control) throw new Error(`no control labelled ${text}`);
  return control;
};
const choose = (label: string, value: string) =>
  act(() => {
    const select = byLabel(label);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
const applyButton = () => root().querySelector<HTMLButtonElement>('button.bulk-apply');
const report = () => root().querySelector('.bulk-report[role="status"]')?.textContent ?? '';

function show(connector: ReturnType<typeof fakeConnector>, selected: string[], undoLimit?: number) {
  document.body.innerHTML = '<div></div>';
  act(() =>
    render(
      <BulkBar
        connector={connector}
        selectedThreadIds={selected}
        me="Anna"
        {...(undoLimit === undefined ? {} : { undoLimit })}
      />,
      root(),
    ),
  );
}

afterEach(() => {
  if (root()) render(null, root());
  document.body.innerHTML = '';
});

describe('the bulk bar', () => {
  it('says how many are selected and names every control', async () => {
    const connector = fakeConnector(handlers([]));
    show(connector, ['a1', 'b2', 'ff']);
    await settleUntil(() => root().querySelectorAll('select').length === 4, 'the tag controls');
    expect(root().querySelector('form')?.getAttribute('aria-label')).toBe('queueBulkLabel');
    expect(root().querySelector('.bulk-count')?.textContent).toBe('queueBulkSelected_other 3');
    for (const label of ['queueBulkStatus', 'queueBulkAssignee', 'queueBulkAddTag', 'queueBulkRemoveTag']) {
      expect(byLabel(label).tagName).toBe('SELECT');
    }
    expect([...byLabel('queueBulkAssignee').options].map((option) => option.textContent)).toEqual([
      'queueBulkNoChange',
      'queueBulkAssignToMe',
      'queueBulkUnassign',
      'Bo',
    ]);
    expect(applyButton()?.disabled).toBe(true);
  });

  it('shows nothing when nothing is selected', () => {
    show(fakeConnector(handlers([])), []);
    expect(root().innerHTML).toBe('');
  });

  it('sends one patch for all selected threads, reports updated and not-tickets, and undoes per ticket', async () => {
    const updates: { threadIds: string[]; patch: TicketPatchArgs }[] = [];
    const connector = fakeConnector(handlers(updates));
    show(connector, ['a1', 'b2', 'c3', 'ff']);
    await settleUntil(() => root().querySelectorAll('select').length === 4, 'the tag controls');
    await choose('queueBulkStatus', 'Solved');
    await choose('queueBulkAssignee', byLabel('queueBulkAssignee').options[1]?.value ?? '');
    expect(applyButton()?.disabled).toBe(false);
    await act(() => root().querySelector('form')?.requestSubmit());
    await settleUntil(() => report() !== '', 'the report');

    expect(updates).toEqual([
      { threadIds: ['a1', 'b2', 'c3', 'ff'], patch: { status: 'Solved', assignee: 'Anna' } },
    ]);
    expect(connector.calls.filter((call) => call.method === 'ticket.get')).toHaveLength(4);
    expect(report()).toBe('queueBulkUpdated_other 3. queueBulkNotTickets_one 1');
    expect(byLabel('queueBulkStatus').value).toBe('');

    await act(() => root().querySelector<HTMLButtonElement>('.bulk-undo')?.click());
    await settleUntil(() => report().startsWith('queueBulkUndone'), 'the undo');
    expect(updates.slice(1)).toEqual([
      { threadIds: ['a1', 'c3'], patch: { status: 'New', assignee: null } },
      { threadIds: ['b2'], patch: { status: 'Open', assignee: 'Bo' } },
    ]);
    expect(report()).toBe('queueBulkUndone_other 3');
    expect(root().querySelector('.bulk-undo')).toBeNull();
  });

  it('adds and removes tags, and clears the assignee with "Unassigned"', async () => {
    const updates: { threadIds: string[]; patch: TicketPatchArgs }[] = [];
    const connector = fakeConnector(handlers(updates));
    show(connector, ['a1', 'b2']);
    await settleUntil(() => root().querySelectorAll('select').length === 4, 'the tag controls');
    await choose('queueBulkAddTag', 'Shipping/Late by shipper');
    await choose('queueBulkRemoveTag', 'Shipping');
    await choose('queueBulkAssignee', byLabel('queueBulkAssignee').options[2]?.value ?? '');
    await act(() => root().querySelector('form')?.requestSubmit());
    await settleUntil(() => report() !== '', 'the report');
    expect(updates[0]?.patch).toEqual({
      assignee: null,
      addTags: [{ what: 'Shipping', why: 'Late by shipper' }],
      removeTags: [{ what: 'Shipping' }],
    });
    await act(() => root().querySelector<HTMLButtonElement>('.bulk-undo')?.click());
    await settleUntil(() => report().startsWith('queueBulkUndone'), 'the undo');
    expect(updates.slice(1)).toEqual([
      { threadIds: ['a1'], patch: { removeTags: [{ what: 'Shipping', why: 'Late by shipper' }] } },
      {
        threadIds: ['b2'],
        patch: {
          assignee: 'Bo',
          removeTags: [{ what: 'Shipping', why: 'Late by shipper' }],
          addTags: [{ what: 'Shipping' }],
        },
      },
    ]);
  });

  it('offers no undo above the limit, says so, and reads no ticket first', async () => {
    const updates: { threadIds: string[]; patch: TicketPatchArgs }[] = [];
    const connector = fakeConnector(handlers(updates));
    show(connector, ['a1', 'b2', 'c3'], 2);
    await choose('queueBulkStatus', 'Pending');
    await act(() => root().querySelector('form')?.requestSubmit());
    await settleUntil(() => report() !== '', 'the report');
    expect(connector.calls.filter((call) => call.method === 'ticket.get')).toEqual([]);
    expect(report()).toBe('queueBulkUpdated_other 3. queueBulkNoUndo 2');
    expect(root().querySelector('.bulk-undo')).toBeNull();
  });

  it('says when the change failed', async () => {
    const connector = fakeConnector(
      handlers([], {
        'tickets.bulkUpdate': () => {
          throw new Error('Gmail refused the change.');
        },
      }),
    );
    show(connector, ['a1']);
    await choose('queueBulkStatus', 'Closed');
    await act(() => root().querySelector('form')?.requestSubmit());
    await settleUntil(() => root().querySelector('[role="alert"]') !== null, 'the alert');
    expect(root().querySelector('[role="alert"]')?.textContent).toBe(
      'queueBulkFailed Gmail refused the change.',
    );
  });

  it('works without the team set-up: status and assignee only', async () => {
    const connector = fakeConnector(
      handlers([], {
        'team.get': () => {
          throw new Error('no team');
        },
      }),
    );
    show(connector, ['a1']);
    await settle();
    expect(root().querySelectorAll('select')).toHaveLength(2);
  });
});

describe('bulk patches', () => {
  it.each([
    [{ status: '', assignee: '', addTag: '', removeTag: '' }, undefined],
    [{ status: 'On hold', assignee: '', addTag: '', removeTag: '' }, { status: 'On hold' }],
    [{ status: '', assignee: 'Bo', addTag: '', removeTag: '' }, { assignee: 'Bo' }],
    [
      { status: '', assignee: '', addTag: 'A/b/c', removeTag: 'A/b/c' },
      { addTags: [{ what: 'A', why: 'b/c' }] },
    ],
  ])('%j → %j', (chosen, patch) => {
    expect(buildPatch(chosen, 'Anna')).toEqual(patch);
  });

  it('reads tag paths', () => {
    expect(tagOfPath('Returns')).toEqual({ what: 'Returns' });
    expect(tagOfPath('Shipping/Late by shipper')).toEqual({ what: 'Shipping', why: 'Late by shipper' });
  });

  it('needs no undo for tickets the change did not alter', () => {
    const before = new Map([['a1', ticket('a1', { status: 'Solved', tags: [{ what: 'Returns' }] })]]);
    expect(undoPlan({ status: 'Solved', addTags: [{ what: 'Returns' }] }, before, ['a1'])).toEqual([]);
  });
});
