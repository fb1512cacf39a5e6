// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyToolsApi, TicketToolsProps } from '../../content/reply-tools-api';
import type { StoreEvent, TicketContext, TicketLookup, TicketView } from '../../messaging/contract';
import { LabeldeskError } from '../../messaging/errors';
import { DeskActions } from '../actions';
import { type FakeHandlers, fakeConnector } from '../connector';
import { SidebarFrame } from '../sidebar';
import {
  button,
  byLabel,
  CONTEXT,
  choose,
  HOUR,
  NOW,
  press,
  settle,
  statusText,
  TEAM,
  TICKET,
  typeInto,
  useEnglish,
  waitFor,
} from './testing';
import { TicketPanel } from './ticket-panel';
import { applyPatch } from './ticket-patch';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());

const container = () => document.body.firstElementChild as HTMLElement;

afterEach(() => {
  act(() => render(null, container()));
  document.body.innerHTML = '';
});

/** A promise the test settles by hand, to look at the panel while a call is still running. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function lookup(ticket: TicketView = TICKET): TicketLookup {
  return { kind: 'ticket', ticket };
}

/** The service worker's side as the panel sees it: a store of one ticket that applies patches. */
function desk(overrides: FakeHandlers = {}, initial: TicketView = TICKET) {
  let stored = { ...initial };
  const connector = fakeConnector({
    'ticket.get': () => lookup(stored),
    'ticket.context': () => CONTEXT,
    'team.get': () => TEAM,
    'ticket.update': ({ patch }) => {
      stored = applyPatch(stored, patch); // the store applies the patch and keeps it in the outbox
      return { ticket: stored };
    },
    ...overrides,
  });
  return {
    connector,
    updates: () =>
      connector.calls
        .filter((call) => call.method === 'ticket.update')
        .map((call) => (call.args as { patch: unknown }).patch),
    set(ticket: TicketView) {
      stored = ticket;
    },
  };
}

/** Shows the ticket, lets the worker push one notice about it, and answers the alert the panel shows. */
async function alertAfterNotice(notice: StoreEvent['notices'][number]): Promise<string> {
  const store = desk();
  await show({ connector: store.connector });
  await waitFor(() => select('Status'));
  await act(() => store.connector.emit({ threadIds: [TICKET.threadId], all: false, notices: [notice] }));
  return container().querySelector('[role="alert"]')?.textContent ?? '';
}

async function show(
  props: Partial<Parameters<typeof TicketPanel>[0]> & Pick<Parameters<typeof TicketPanel>[0], 'connector'>,
) {
  document.body.innerHTML = '<div></div>';
  const actions = props.actions ?? new DeskActions();
  act(() =>
    render(
      <SidebarFrame>
        <TicketPanel
          threadId={TICKET.threadId}
          pageSubject="Where is my order"
          now={() => NOW}
          {...props}
          actions={actions}
        />
      </SidebarFrame>,
      container(),
    ),
  );
  return actions;
}

const select = (name: string) => byLabel(container(), name) as HTMLSelectElement;

describe('the ticket panel', () => {
  it('paints the ticket as soon as ticket.get answers, before notes, history and the team', async () => {
    const context = deferred<TicketContext>();
    const team = deferred<typeof TEAM>();
    const { connector } = desk({ 'ticket.context': () => context.promise, 'team.get': () => team.promise });
    await show({ connector });
    await waitFor(() => container().querySelector('.ticket-reference'), 'the reference');
    const text = container().textContent ?? '';
    expect(text).toContain('#K7Q2XM');
    expect(text).toContain('Where is my order #1042?');
    expect(text).toContain('Jan Kowalski');
    expect(text).toContain('jan.kowalski@firma.example');
    for (const name of ['Status', 'Priority', 'Assignee', 'Group', 'Tags', 'Internal note']) {
      expect(byLabel(container(), name), name).not.toBeNull();
    }
    expect(select('Status').value).toBe('Open');
    expect(statusText(container())).toContain('Loading notes and history…');
    expect(connector.calls[0]?.method).toBe('ticket.get');
    await act(() => {
      context.resolve(CONTEXT);
      team.resolve(TEAM);
    });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'), 'the notes');
  });

  it('shows "Loading…" with the page subject while ticket.get runs', async () => {
    const answer = deferred<TicketLookup>();
    const { connector } = desk({ 'ticket.get': () => answer.promise });
    await show({ connector });
    await settle();
    expect(container().querySelector('h3')?.textContent).toBe('Where is my order');
    expect(statusText(container())).toContain('Loading the ticket from Gmail…');
    await act(() => answer.resolve(lookup()));
    await waitFor(() => select('Status'));
  });

  it('shows a change at once, sends only the touched field, and says when Gmail has it', async () => {
    const update = deferred<{ ticket: TicketView }>();
    const store = desk({ 'ticket.update': () => update.promise });
    await show({ connector: store.connector });
    await waitFor(() => select('Status'));
    await choose(select('Status'), 'Pending');
    expect(select('Status').value).toBe('Pending');
    expect(store.updates()).toEqual([{ status: 'Pending' }]);
    expect(statusText(container())).toContain('Saving…');

    await act(() => update.resolve({ ticket: { ...TICKET, status: 'Pending', pendingSync: true } }));
    await settle();
    expect(statusText(container())).toContain('Saving…');

    // The outbox flushed: the service worker pushes a store event and the stored ticket says so.
    store.set({ ...TICKET, status: 'Pending', pendingSync: false });
    await act(() => store.connector.emit({ threadIds: [TICKET.threadId], all: false, notices: [] }));
    await waitFor(() => statusText(container()).includes('Saved to Gmail'), '"Saved to Gmail"');
    expect(select('Status').value).toBe('Pending');
  });

  it('says "Saved to Gmail" when a change from before the panel opened arrives', async () => {
    const store = desk({}, { ...TICKET, pendingSync: true });
    await show({ connector: store.connector });
    await waitFor(() => statusText(container()).includes('Saving…'), '"Saving…"');
    store.set({ ...TICKET, pendingSync: false });
    await act(() => store.connector.emit({ threadIds: [TICKET.threadId], all: false, notices: [] }));
    await waitFor(() => statusText(container()).includes('Saved to Gmail'), '"Saved to Gmail"');
  });

  it('undoes the second of two changes made before a render to the first', async () => {
    const store = desk();
    const actions = await show({ connector: store.connector });
    await waitFor(() => select('Status'));
    await act(() => {
      actions.dispatch({ kind: 'set-status', status: 'Pending' });
      actions.dispatch({ kind: 'set-status', status: 'Solved' });
    });
    await act(() => actions.dispatch({ kind: 'undo' }));
    expect(store.updates()).toEqual([{ status: 'Pending' }, { status: 'Solved' }, { status: 'Pending' }]);
  });

  it('clears a field with null and names the new value in the toast', async () => {
    const store = desk();
    await show({ connector: store.connector });
    await waitFor(() => select('Assignee'));
    await choose(select('Assignee'), '');
    await choose(select('Priority'), 'Urgent');
    await waitFor(() =>
      container().querySelector('.undo-toast')?.textContent?.includes('Priority set to Urgent'),
    );
    expect(store.updates()).toEqual([{ assignee: null }, { priority: 'Urgent' }]);
    expect(select('Assignee').value).toBe('');
    expect(select('Priority').value).toBe('Urgent');
  });

  it('undoes a change with the inverse patch, from the toast and with Ctrl+Z', async () => {
    const store = desk();
    await show({ connector: store.connector });
    await waitFor(() => select('Status'));
    await choose(select('Status'), 'Solved');
    const undo = await waitFor(() => button(container(), 'Undo'), 'the Undo button');
    expect(undo.closest('[role="status"]')?.textContent).toContain('Status set to Solved');
    await act(() => undo.click());
    await settle();
    expect(store.updates()).toEqual([{ status: 'Solved' }, { status: 'Open' }]);
    expect(select('Status').value).toBe('Open');
    expect(container().querySelector('.undo-toast')?.textContent).toContain('Change undone');

    await choose(select('Group'), 'Billing');
    await settle();
    await press(select('Group'), 'z', { ctrlKey: true });
    await settle();
    expect(store.updates()).toEqual([
      { status: 'Solved' },
      { status: 'Open' },
      { group: 'Billing' },
      { group: null },
    ]);
    expect(select('Group').value).toBe('');
  });

  it('takes the undo toast away after its time', async () => {
    const store = desk();
    await show({ connector: store.connector, undoMs: 5 });
    await waitFor(() => select('Status'));
    await choose(select('Status'), 'Pending');
    expect(button(container(), 'Undo')).not.toBeNull();
    await waitFor(() => button(container(), 'Undo') === null, 'the toast to go');
    expect(container().querySelector('.undo-toast')?.textContent).toBe('');
  });

  describe('with the reply tools', () => {
    /** Reply tools that render nothing and hand the test the props they were given. */
    function fakeReplyTools() {
      const renders: (TicketToolsProps | false)[] = [];
      const slots: HTMLElement[] = [];
      const api: ReplyToolsApi = {
        renderTicketTools(slot, props) {
          slots.push(slot);
          renders.push(props);
          if (props) slot.textContent = 'reply tools here';
        },
        renderBulkTools() {},
        watchCompose() {},
      };
      return { api, renders, slots, last: () => renders.filter((p) => p !== false).at(-1) };
    }

    it('renders them into their slot with the ticket shown, and lets them change it with an undo offer', async () => {
      const store = desk();
      const tools = fakeReplyTools();
      const heard: string[] = [];
      await show({ connector: store.connector, replyTools: async () => tools.api });
      await waitFor(() => tools.last()?.ticket.status === 'Open', 'the tools to get the ticket');
      expect(container().textContent).toContain('reply tools here');
      act(
        () =>
          void tools
            .last()
            ?.applyPatch({ status: 'Pending', group: 'Billing' }, 'Applied “Ask for details”', {
              onUndo: () => heard.push('undone'),
              onKept: () => heard.push('kept'),
            }),
      );
      // On screen at once, in the same render: the tools see it too.
      expect(select('Status').value).toBe('Pending');
      expect(tools.last()?.ticket.group).toBe('Billing');
      expect(container().querySelector('.undo-toast')?.textContent).toContain('Applied “Ask for details”');
      await settle();
      expect(store.updates()).toEqual([{ status: 'Pending', group: 'Billing' }]);
      await act(() => button(container(), 'Undo')?.click());
      await settle();
      expect(store.updates()).toEqual([
        { status: 'Pending', group: 'Billing' },
        { status: 'Open', group: null },
      ]);
      expect(heard).toEqual(['undone']);
    });

    it('tells the tools a change was kept when its offer times out, when another change comes, or on leaving', async () => {
      const store = desk();
      const tools = fakeReplyTools();
      const heard: string[] = [];
      const hooks = (name: string) => ({
        onUndo: () => heard.push(`${name} undone`),
        onKept: () => heard.push(`${name} kept`),
      });
      await show({ connector: store.connector, replyTools: async () => tools.api, undoMs: 20 });
      await waitFor(() => tools.last(), 'the tools');
      act(() => void tools.last()?.applyPatch({ priority: 'High' }, 'first', hooks('first')));
      await waitFor(() => heard.includes('first kept'), 'the offer to time out');
      act(() => void tools.last()?.applyPatch({}, 'reply only', hooks('second')));
      expect(container().querySelector('.undo-toast')?.textContent).toContain('reply only');
      await choose(select('Status'), 'Solved');
      expect(heard).toEqual(['first kept', 'second kept']);
      act(() => void tools.last()?.applyPatch({ priority: 'Low' }, 'third', hooks('third')));
      act(() => render(null, container()));
      expect(heard).toEqual(['first kept', 'second kept', 'third kept']);
      // The reply-only macro sent nothing for the labels.
      expect(store.updates()).toEqual([{ priority: 'High' }, { status: 'Solved' }, { priority: 'Low' }]);
      expect(tools.renders.at(-1)).toBe(false);
    });

    it('says so, with a retry, when the reply tools cannot be loaded', async () => {
      const store = desk();
      const tools = fakeReplyTools();
      let attempts = 0;
      await show({
        connector: store.connector,
        replyTools: async () => {
          attempts += 1;
          if (attempts === 1) throw new LabeldeskError('unreachable', 'no answer');
          return tools.api;
        },
      });
      const alert = await waitFor(
        () =>
          [...container().querySelectorAll('[role="alert"]')].find((e) =>
            e.textContent?.includes('reply tools'),
          ),
        'the failure',
      );
      expect(alert.textContent).toContain('The reply tools did not load');
      await act(() => button(alert as HTMLElement, 'Try again')?.click());
      await waitFor(() => tools.last(), 'the tools after the retry');
    });
  });

  it('undoes a tag it added by removing only that tag', async () => {
    const store = desk();
    await show({ connector: store.connector });
    const input = await waitFor(() => byLabel(container(), 'Tags'));
    await typeInto(input, 'Refund/Double charge');
    await press(input, 'Enter');
    await act(() => button(container(), 'Undo')?.click());
    expect(store.updates()).toEqual([
      { addTags: [{ what: 'Refund', why: 'Double charge' }] },
      { removeTags: [{ what: 'Refund', why: 'Double charge' }] },
    ]);
  });

  it('rolls a failed change back and says why', async () => {
    const store = desk({
      'ticket.update': () => Promise.reject(new LabeldeskError('gmail-api', 'Quota exceeded')),
    });
    await show({ connector: store.connector });
    await waitFor(() => select('Status'));
    await choose(select('Status'), 'Closed');
    const alert = await waitFor(() => container().querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toBe(
      'Not saved, the change was undone: Gmail did not answer as expected: Quota exceeded',
    );
    expect(select('Status').value).toBe('Open');
    expect(button(container(), 'Undo')).toBeNull();
    expect(statusText(container())).not.toContain('Saving…');
  });

  it('adds a tag from the taxonomy by keyboard and removes one by its chip', async () => {
    const store = desk();
    await show({ connector: store.connector });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'));
    const input = byLabel(container(), 'Tags') as HTMLInputElement;
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await typeInto(input, 'ship');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = container().querySelector(`[id="${input.getAttribute('aria-controls')}"]`);
    expect(listbox?.getAttribute('role')).toBe('listbox');
    const options = [...(listbox?.querySelectorAll('[role="option"]') ?? [])].map((o) => o.textContent);
    // The tag the ticket has is not offered again; the description shows beside the path.
    expect(options).toEqual(['Shipping/Warehouse delaysOur warehouse shipped late']);

    await press(input, 'ArrowDown');
    const active = input.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(container().querySelector(`[id="${active}"]`)?.getAttribute('aria-selected')).toBe('true');
    await press(input, 'Enter');
    expect(store.updates()).toEqual([{ addTags: [{ what: 'Shipping', why: 'Warehouse delays' }] }]);
    expect(input.value).toBe('');
    await waitFor(() => button(container(), 'Remove tag Shipping/Warehouse delays'), 'the new chip');

    await act(() => button(container(), 'Remove tag Shipping/Late by shipper')?.click());
    expect(store.updates()[1]).toEqual({ removeTags: [{ what: 'Shipping', why: 'Late by shipper' }] });
    expect(button(container(), 'Remove tag Shipping/Late by shipper')).toBeNull();
  });

  it('closes the tag list with Escape, then clears the text, and moves with the arrows', async () => {
    const store = desk();
    await show({ connector: store.connector });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'));
    const input = byLabel(container(), 'Tags') as HTMLInputElement;
    await press(input, 'ArrowDown');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const first = input.getAttribute('aria-activedescendant');
    await press(input, 'ArrowDown');
    const second = input.getAttribute('aria-activedescendant');
    expect(second).not.toBe(first);
    await press(input, 'ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(first);
    await press(input, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    await typeInto(input, 'zzz');
    await press(input, 'Escape');
    expect(input.value).toBe('');
    expect(store.updates()).toEqual([]);
  });

  it('posts a note with an @mention completed from the team, and shows it at once', async () => {
    const added = deferred<{
      id: string;
      author: string;
      body: string;
      mentions: string[];
      createdAt: number;
    }>();
    const store = desk({ 'note.add': () => added.promise });
    await show({ connector: store.connector });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'));
    const note = byLabel(container(), 'Internal note') as HTMLTextAreaElement;
    await typeInto(note, 'Customer called again, @pi');
    const listbox = container().querySelector(`[id="${note.getAttribute('aria-controls')}"]`);
    expect(listbox?.hasAttribute('hidden')).toBe(false);
    expect(listbox?.textContent).toBe('@Piotr Nowak');
    await press(note, 'Enter');
    expect(note.value).toBe('Customer called again, @Piotr Nowak ');
    expect(listbox?.hasAttribute('hidden')).toBe(true);

    await act(() => button(container(), 'Add note')?.click());
    expect(store.connector.calls.find((call) => call.method === 'note.add')?.args).toEqual({
      threadId: TICKET.threadId,
      body: 'Customer called again, @Piotr Nowak',
    });
    const sending = await waitFor(() => container().querySelector('.note.sending'), 'the note being sent');
    expect(sending.querySelector('.mention')?.textContent).toBe('@Piotr Nowak');
    expect(note.value).toBe('');

    await act(() =>
      added.resolve({
        id: 'n2',
        author: 'Anna',
        body: 'Customer called again, @Piotr Nowak',
        mentions: ['Piotr Nowak'],
        createdAt: NOW,
      }),
    );
    await waitFor(() => container().querySelector('.note.sending') === null);
    expect([...container().querySelectorAll('.note .mention')].map((m) => m.textContent)).toEqual([
      '@Anna',
      '@Piotr Nowak',
    ]);
  });

  it('keeps the text of a note that failed and says why', async () => {
    const store = desk({ 'note.add': () => Promise.reject(new LabeldeskError('unreachable', 'no answer')) });
    await show({ connector: store.connector });
    const note = (await waitFor(() => byLabel(container(), 'Internal note'))) as HTMLTextAreaElement;
    await typeInto(note, 'Refund approved');
    await act(() => button(container(), 'Add note')?.click());
    await waitFor(() => container().querySelector('[role="alert"]'));
    expect(container().querySelector('[role="alert"]')?.textContent).toContain('The note was not added');
    expect(note.value).toBe('Refund approved');
    expect(container().querySelector('.note.sending')).toBeNull();
  });

  it('offers "Make ticket" on a thread that is not one', async () => {
    const store = desk({
      'ticket.get': () => ({
        kind: 'not-ticket',
        threadId: TICKET.threadId,
        subject: 'Lunch on Friday?',
        messageCount: 2,
      }),
      'ticket.make': () => ({ ticket: { ...TICKET, status: 'New' } }),
    });
    await show({ connector: store.connector });
    const make = await waitFor(() => button(container(), 'Make ticket'), 'Make ticket');
    expect(container().querySelector('h3')?.textContent).toBe('Lunch on Friday?');
    expect(container().textContent).toContain('This conversation is not a ticket.');
    await act(() => make.click());
    await waitFor(() => select('Status'));
    expect(select('Status').value).toBe('New');
    expect(store.connector.calls.map((call) => call.method)).toContain('ticket.make');
  });

  it('re-reads the ticket and its context when a store event names it, not for other threads', async () => {
    const store = desk();
    await show({ connector: store.connector });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'));
    const reads = () => store.connector.calls.filter((call) => call.method === 'ticket.get').length;
    expect(reads()).toBe(1);
    store.set({ ...TICKET, status: 'Pending', assignee: 'Yuki' });
    await act(() => store.connector.emit({ threadIds: ['aaaaaaaaaaaaaaaa'], all: false, notices: [] }));
    await settle();
    expect(reads()).toBe(1);
    await act(() => store.connector.emit({ threadIds: [TICKET.threadId], all: false, notices: [] }));
    await waitFor(() => select('Status').value === 'Pending', 'the new status');
    expect(select('Assignee').value).toBe('Yuki');
    expect(store.connector.calls.filter((call) => call.method === 'ticket.context').length).toBe(2);
    await act(() => store.connector.emit({ threadIds: [], all: true, notices: [] }));
    await settle();
    expect(reads()).toBe(3);
  });

  it('warns that a colleague is replying, from the context', async () => {
    const store = desk({
      'ticket.context': () => ({
        ...CONTEXT,
        presence: [
          { agent: 'Piotr Nowak', threadId: TICKET.threadId, state: 'replying', at: NOW },
          { agent: 'Yuki', threadId: TICKET.threadId, state: 'viewing', at: NOW },
          { agent: 'Anna', threadId: TICKET.threadId, state: 'viewing', at: NOW },
        ],
      }),
    });
    await show({ connector: store.connector });
    const banner = await waitFor(() => container().querySelector('.collision-replying'), 'the banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('Piotr Nowak is replying');
    expect(banner.textContent).toContain('Yuki has this ticket open');
    expect(banner.textContent).not.toContain('Anna'); // me, from team.get
  });

  it('renders hostile subjects, names and notes as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const store = desk({
      'ticket.context': () => ({
        ...CONTEXT,
        notes: [{ id: 'x', author: hostile, body: `${hostile} @Anna`, mentions: ['Anna'], createdAt: NOW }],
      }),
    });
    store.set({ ...TICKET, subject: hostile, requester: { email: 'x@evil.example', name: hostile } });
    await show({ connector: store.connector, pageSubject: hostile });
    await waitFor(() => container().querySelector('.note'));
    expect(container().querySelector('img')).toBeNull();
    expect(container().querySelector('h3')?.textContent).toBe(hostile);
    expect(container().querySelector('.note-body')?.textContent).toBe(`${hostile} @Anna`);
    expect(container().querySelector('.requester-name')?.textContent).toBe(hostile);
  });

  it('follows the keyboard actions: set status, assign to me, focus note and tags, undo', async () => {
    const store = desk({ 'team.get': () => ({ ...TEAM, me: 'Yuki' }) });
    const actions = await show({ connector: store.connector });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'));
    await act(() => actions.dispatch({ kind: 'set-status', status: 'Pending' }));
    await act(() => actions.dispatch({ kind: 'assign-to-me' }));
    await settle();
    expect(store.updates()).toEqual([{ status: 'Pending' }, { assignee: 'Yuki' }]);
    expect(select('Assignee').value).toBe('Yuki');
    await act(() => actions.dispatch({ kind: 'undo' }));
    expect(store.updates()[2]).toEqual({ assignee: 'Anna' });
    await act(() => actions.dispatch({ kind: 'focus-note' }));
    expect(document.activeElement).toBe(byLabel(container(), 'Internal note'));
    await act(() => actions.dispatch({ kind: 'focus-tags' }));
    expect(document.activeElement).toBe(byLabel(container(), 'Tags'));
  });

  it('asks who I am before "assign to me" when nobody chose', async () => {
    const store = desk({ 'team.get': () => ({ ...TEAM, me: '' }) });
    const actions = await show({ connector: store.connector });
    await waitFor(() => container().textContent?.includes('Carrier says Friday'));
    await act(() => actions.dispatch({ kind: 'assign-to-me' }));
    expect(store.updates()).toEqual([]);
    expect(container().querySelector('[role="alert"]')?.textContent).toContain('Choose who you are');
  });

  it('offers only Unassigned and me before the team is set up, and a way to set it up', async () => {
    const store = desk({ 'team.get': () => ({ mailbox: TEAM.mailbox, config: null, me: '' }) }, {
      ...TICKET,
      assignee: undefined,
      group: undefined,
    } as TicketView);
    await show({ connector: store.connector, me: 'Anna' });
    const setUp = await waitFor(() => button(container(), 'Set up the team'), 'the set-up button');
    expect([...select('Assignee').options].map((o) => o.textContent)).toEqual(['Unassigned', 'Anna (me)']);
    expect([...select('Group').options].map((o) => o.textContent)).toEqual(['No group']);
    await act(() => setUp.click());
    expect(store.connector.opened).toEqual(['options']);
  });

  it('saves "waiting for" and "promised by" of an On-hold ticket and flags a broken promise', async () => {
    const promisedBy = NOW - 24 * HOUR;
    const store = desk(
      {
        'ticket.hold': ({ waitingFor, promisedBy: by }) => ({
          ticket: {
            ...TICKET,
            status: 'On hold',
            hold: { ...(waitingFor ? { waitingFor } : {}), ...(by ? { promisedBy: by } : {}) },
          },
        }),
      },
      { ...TICKET, status: 'On hold', hold: { waitingFor: 'the warehouse', promisedBy } },
    );
    await show({ connector: store.connector });
    const waiting = (await waitFor(() => byLabel(container(), 'Waiting for'))) as HTMLInputElement;
    expect(waiting.value).toBe('the warehouse');
    const promised = byLabel(container(), 'Promised by') as HTMLInputElement;
    expect(promised.getAttribute('aria-invalid')).toBe('true');
    expect(container().textContent).toContain('has passed');

    await typeInto(waiting, 'the carrier (DHL)');
    await act(() => {
      waiting.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => {
      promised.value = '2026-11-30';
      promised.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    const holds = store.connector.calls
      .filter((call) => call.method === 'ticket.hold')
      .map((call) => call.args);
    expect(holds).toEqual([
      { threadId: TICKET.threadId, waitingFor: 'the carrier (DHL)', promisedBy },
      {
        threadId: TICKET.threadId,
        waitingFor: 'the carrier (DHL)',
        promisedBy: new Date(2026, 10, 30, 23, 59, 59, 999).getTime(),
      },
    ]);
    expect(promised.getAttribute('aria-invalid')).toBeNull();
    expect(container().textContent).not.toContain('has passed');
  });

  it('keeps keys typed in its text fields from Gmail, but not the keys of other controls', async () => {
    await show({ connector: desk().connector });
    await waitFor(() => select('Status'));
    const reachedPage: string[] = [];
    const listener = (event: KeyboardEvent) => reachedPage.push(event.key);
    document.addEventListener('keydown', listener);
    try {
      await press(byLabel(container(), 'Internal note'), 'c');
      await press(byLabel(container(), 'Tags'), 'j');
      await press(select('Status'), 'k');
    } finally {
      document.removeEventListener('keydown', listener);
    }
    expect(reachedPage).toEqual(['k']);
  });

  it('starts afresh on another thread', async () => {
    const store = desk({
      'ticket.get': ({ threadId }) =>
        threadId === TICKET.threadId
          ? lookup()
          : { kind: 'not-ticket', threadId, subject: 'Another thread', messageCount: 1 },
    });
    const actions = new DeskActions();
    await show({ connector: store.connector, actions });
    await waitFor(() => select('Status'));
    act(() =>
      render(
        <SidebarFrame>
          <TicketPanel
            connector={store.connector}
            actions={actions}
            threadId="aaaaaaaaaaaaaaaa"
            pageSubject="Another"
            now={() => NOW}
          />
        </SidebarFrame>,
        container(),
      ),
    );
    await waitFor(() => button(container(), 'Make ticket'), 'the other thread');
    expect(container().querySelector('h3')?.textContent).toBe('Another thread');
  });

  it("says when another agent's change to the same field won", async () => {
    const alert = await alertAfterNotice({
      kind: 'change-overridden',
      threadId: TICKET.threadId,
      field: 'status',
      yours: 'Solved',
      theirs: 'Open',
    });
    expect(alert).toBe('Another agent changed status at the same time; their change was kept.');
  });

  it('says Gmail refused a change for good in a whole sentence (the notice names no field)', async () => {
    expect(await alertAfterNotice({ kind: 'change-rejected', threadId: TICKET.threadId })).toBe(
      'Gmail refused your last change to this ticket, so it shows what Gmail holds. Make the change again if it is still needed.',
    );
  });

  it('re-reads on new settings: the newer reason replaces "paste your client id", then the ticket shows', async () => {
    let failure: LabeldeskError | undefined = new LabeldeskError('not-configured', 'no client id');
    const store = desk({
      'ticket.get': () => (failure ? Promise.reject(failure) : { kind: 'ticket', ticket: TICKET }),
    });
    await show({ connector: store.connector });
    await waitFor(
      () => container().textContent?.includes("Paste your organisation's OAuth client id"),
      'the ask',
    );
    // The options page saved a client id: the worker tells every tab to re-read; a sign-in is missing now.
    failure = new LabeldeskError('auth-required', 'silent sign-in failed');
    await act(() => store.connector.emit({ threadIds: [], all: true, notices: [] }));
    await waitFor(
      () => container().textContent?.includes('Sign in to let Labeldesk read this mailbox'),
      'sign in',
    );
    expect(container().textContent).not.toContain('OAuth client id');
    failure = undefined;
    await act(() => store.connector.emit({ threadIds: [], all: true, notices: [] }));
    await waitFor(() => select('Status'), 'the ticket');
  });

  it('says a change held at the label limit waits, and is not rejected', async () => {
    const alert = await alertAfterNotice({ kind: 'change-waiting', threadId: TICKET.threadId });
    expect(alert).toContain('Gmail refused to create a label this change needs');
    expect(alert).toContain('sends it once there is room');
    expect(alert).not.toMatch(/reject/i);
  });

  it('offers to load notes and history again when they failed', async () => {
    let fail = true;
    const store = desk({
      'ticket.context': () => (fail ? Promise.reject(new LabeldeskError('unreachable', 'asleep')) : CONTEXT),
    });
    await show({ connector: store.connector });
    const alert = await waitFor(() => container().querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toContain('Notes and history could not be loaded');
    expect(select('Status').value).toBe('Open'); // the ticket itself still works
    fail = false;
    await act(() => button(container(), 'Try again')?.click());
    await waitFor(() => container().textContent?.includes('Carrier says Friday'), 'the notes');
    expect(container().querySelector('[role="alert"]')).toBeNull();
  });

  it('puts the hold details back when saving them failed', async () => {
    const store = desk(
      { 'ticket.hold': () => Promise.reject(new LabeldeskError('gmail-api', 'Quota')) },
      { ...TICKET, status: 'On hold', hold: { waitingFor: 'the warehouse' } },
    );
    await show({ connector: store.connector });
    const waiting = (await waitFor(() => byLabel(container(), 'Waiting for'))) as HTMLInputElement;
    await typeInto(waiting, 'the carrier');
    await act(() => {
      waiting.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => container().querySelector('[role="alert"]'), 'the alert');
    expect(waiting.value).toBe('the warehouse');
  });

  it('hides the hold fields on other statuses', async () => {
    await show({ connector: desk().connector });
    await waitFor(() => select('Status'));
    expect(byLabel(container(), 'Waiting for')).toBeNull();
  });

  it('opens an earlier ticket of the customer in Gmail', async () => {
    const store = desk();
    await show({ connector: store.connector });
    const row = await waitFor(() => container().querySelector<HTMLButtonElement>('.history-row'));
    expect(row.textContent).toContain('#AB12CD');
    expect(row.textContent).toContain('Closed');
    expect(container().textContent).toContain('No ratings yet');
    expect(container().textContent).toContain('Tickets from firma.example');
    expect(container().textContent).toContain('1 internal note');
    await act(() => row.click());
    expect(store.connector.opened).toEqual(['18000000000000a1']);
  });
});
