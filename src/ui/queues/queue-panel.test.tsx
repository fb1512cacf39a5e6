// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueIdArgs, TicketRow } from '../../messaging/contract';
import { DeskActions } from '../actions';
import { type FakeHandlers, fakeConnector } from '../connector';
import { queueIdKey } from './queue-labels';
import { QueueMemory, QueueNavigator } from './queue-navigator';
import { QueuePanel, switcherEntries } from './queue-panel';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;

function row(n: number, extra: Partial<TicketRow> = {}): TicketRow {
  return {
    threadId: (0x1000 + n).toString(16),
    reference: `#A${String(n).padStart(5, '0')}`,
    subject: `Order ${n} is late`,
    requester: { email: `customer${n}@example.com`, name: `Customer ${n}` },
    status: 'Open',
    priority: 'Normal',
    tags: [],
    createdAt: NOW - 10 * HOUR,
    slaDueAt: NOW + n * HOUR,
    ...extra,
  };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** Settles until `done` holds (an answer may start the next request only after the last act has ended). */
async function settleUntil(done: () => boolean, what = 'condition', tries = 100): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await settle();
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}

/** Like settleUntil, with real time passing (for the search's debounce). */
async function waitUntil(done: () => boolean, what: string, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

interface Fixture {
  queues: Map<string, TicketRow[]>;
  counts: { queue: QueueIdArgs; count: number }[];
}

function fixture(): Fixture {
  const allOpen = Array.from({ length: 120 }, (_, i) => row(i + 1));
  const mine = [
    row(201, { assignee: 'Anna', slaDueAt: NOW + 3 * HOUR }),
    row(202, { assignee: 'Anna', slaDueAt: NOW - 3 * HOUR }),
  ];
  const queues = new Map<string, TicketRow[]>([
    [queueIdKey({ kind: 'all-open' }), allOpen],
    [queueIdKey({ kind: 'mine', agent: 'Anna' }), mine],
    [queueIdKey({ kind: 'unassigned' }), []],
    [queueIdKey({ kind: 'group', group: 'Billing' }), [row(301, { group: 'Billing' })]],
  ]);
  return {
    queues,
    counts: [
      { queue: { kind: 'unassigned' }, count: 0 },
      { queue: { kind: 'mine', agent: 'anna' }, count: 2 },
      { queue: { kind: 'all-open' }, count: 120 },
      { queue: { kind: 'pending' }, count: 1 },
      { queue: { kind: 'on-hold' }, count: 0 },
      { queue: { kind: 'overdue' }, count: 1 },
      { queue: { kind: 'tag', tag: 'Shipping' }, count: 4 },
      { queue: { kind: 'group', group: 'Billing' }, count: 1 },
    ],
  };
}

function handlers(data: Fixture, overrides: FakeHandlers = {}): FakeHandlers {
  return {
    'queue.counts': () => ({ queues: data.counts }),
    'queue.read': ({ queue, offset = 0, limit = 50 }) => {
      const rows = data.queues.get(queueIdKey(queue)) ?? [];
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'queue.search': ({ text }) => {
      const needle = text.trim().toLowerCase();
      const all = [...data.queues.values()].flat();
      return {
        rows: all.filter((r) =>
          `${r.subject} ${r.reference} ${r.requester?.email}`.toLowerCase().includes(needle),
        ),
      };
    },
    ...overrides,
  };
}

const root = () => document.body.firstElementChild as HTMLElement;
const rows = () => [...root().querySelectorAll<HTMLButtonElement>('.queue-row')];
const choices = () => [...root().querySelectorAll<HTMLButtonElement>('.queue-choice')];
const choice = (name: string) => {
  const found = choices().find((button) => button.querySelector('.queue-choice-name')?.textContent === name);
  if (!found) throw new Error(`no queue ${name}`);
  return found;
};
const calls = (connector: ReturnType<typeof fakeConnector>, method: string) =>
  connector.calls.filter((call) => call.method === method);

function show(
  props: Partial<Parameters<typeof QueuePanel>[0]> & { connector: ReturnType<typeof fakeConnector> },
) {
  document.body.innerHTML = '<div></div>';
  act(() =>
    render(
      <QueuePanel
        actions={new DeskActions()}
        me="Anna"
        now={() => NOW}
        memory={new QueueMemory()}
        {...props}
      />,
      root(),
    ),
  );
}

afterEach(() => {
  if (root()) render(null, root());
  document.body.innerHTML = '';
});

describe('the queue panel', () => {
  it('lists the fixed queues, then groups and tags, each with its count in the accessible name', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector });
    await settleUntil(
      () => choices().some((button) => button.querySelector('.queue-choice-count')),
      'counts',
    );
    expect(choices().map((button) => button.querySelector('.queue-choice-name')?.textContent)).toEqual([
      'queueUnassigned',
      'queueMine',
      'queueAllOpen',
      'queuePending',
      'queueOnHold',
      'queueOverdue',
      'queueGroup Billing',
      'queueTag Shipping',
    ]);
    const fold = root().querySelector<HTMLDetailsElement>('details.queue-named');
    expect(fold?.querySelector('summary')?.textContent).toBe('queueGroupsAndTags');
    expect(fold?.open).toBe(false);
    expect(fold?.contains(choice('queueTag Shipping'))).toBe(true);
    expect(choice('queueAllOpen').getAttribute('aria-label')).toBe('queueNamedCount_other 120 queueAllOpen');
    expect(choice('queueMine').getAttribute('aria-label')).toBe('queueNamedCount_other 2 queueMine');
    expect(choice('queueMine').getAttribute('aria-current')).toBe('true');
    // The visible "name count" stays two words, so it can be part of the name (axe label-content-name-mismatch).
    expect(choice('queueAllOpen').textContent).toBe('queueAllOpen 120');
  });

  it('keeps the groups and tags unfolded while one of them is the chosen queue', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, memory: memoryOn({ kind: 'group', group: 'Billing' }) });
    await settleUntil(() => rows().length === 1, 'the Billing row');
    expect(root().querySelector<HTMLDetailsElement>('details.queue-named')?.open).toBe(true);
    expect(choice('queueGroup Billing').getAttribute('aria-current')).toBe('true');
  });

  it('leaves out Mine when no agent is chosen, and starts on Unassigned', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, me: '' });
    await settleUntil(() => root().querySelector('.queue-empty') !== null, 'the empty Unassigned queue');
    expect(choices().map((button) => button.querySelector('.queue-choice-name')?.textContent)).not.toContain(
      'queueMine',
    );
    expect(choice('queueUnassigned').getAttribute('aria-current')).toBe('true');
    expect(root().querySelector('.queue-empty')?.textContent).toBe('queueEmptyUnassigned');
  });

  it('paints the first page as soon as it answers, before the counts', async () => {
    let answerCounts: () => void = () => {};
    const data = fixture();
    const connector = fakeConnector(
      handlers(data, {
        'queue.counts': () =>
          new Promise((resolve) => {
            answerCounts = () => resolve({ queues: data.counts });
          }),
      }),
    );
    show({ connector });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    expect(root().querySelector('.queue-choice-count')).toBeNull();
    expect(calls(connector, 'queue.read')).toEqual([
      { method: 'queue.read', args: { queue: { kind: 'mine', agent: 'Anna' }, offset: 0, limit: 50 } },
    ]);
    await act(() => answerCounts());
    await settleUntil(() => root().querySelector('.queue-choice-count') !== null, 'counts');
  });

  it('switches queues, reads one page at a time and remembers the choice for the mailbox', async () => {
    const memory = new QueueMemory();
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, memory });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    await act(() => choice('queueAllOpen').click());
    await settleUntil(() => rows().length === 50, 'the first page of All open');
    expect(choice('queueAllOpen').getAttribute('aria-current')).toBe('true');
    expect(root().querySelector('.queue-rows')?.getAttribute('aria-label')).toBe(
      'queueListLabel queueAllOpen',
    );
    expect(root().querySelector('.queue-showing')?.textContent).toBe('queueShowing 50 120');
    expect(memory.get('support@shop.example')).toEqual({ kind: 'all-open' });

    const more = () => root().querySelector<HTMLButtonElement>('.queue-more');
    await act(() => more()?.click());
    await settleUntil(() => rows().length === 100, 'the second page');
    await act(() => more()?.click());
    await settleUntil(() => rows().length === 120, 'the last page');
    expect(more()).toBeNull();
    expect(
      calls(connector, 'queue.read')
        .slice(1)
        .map((call) => call.args),
    ).toEqual([
      { queue: { kind: 'all-open' }, offset: 0, limit: 50 },
      { queue: { kind: 'all-open' }, offset: 50, limit: 50 },
      { queue: { kind: 'all-open' }, offset: 100, limit: 50 },
    ]);
    expect(new Set(rows().map((button) => button.dataset.threadId)).size).toBe(120);

    // Mounted again (a route change), the panel starts on the remembered queue.
    show({ connector, memory });
    await settleUntil(() => rows().length === 50, 'All open again');
    expect(choice('queueAllOpen').getAttribute('aria-current')).toBe('true');
  });

  it('reads one page of a queue of 100,000 tickets, not the queue', async () => {
    const connector = fakeConnector(
      handlers(fixture(), {
        'queue.read': ({ offset = 0, limit = 50 }) => ({
          rows: Array.from({ length: limit }, (_, i) => row(offset + i + 1)),
          total: 100_000,
        }),
      }),
    );
    show({ connector, memory: memoryOn({ kind: 'all-open' }) });
    await settleUntil(() => rows().length === 50, 'the first page');
    expect(calls(connector, 'queue.read').map((call) => call.args)).toEqual([
      { queue: { kind: 'all-open' }, offset: 0, limit: 50 },
    ]);
    expect(root().querySelector('.queue-showing')?.textContent).toBe('queueShowing 50 100,000');
    expect(root().querySelector('.queue-more')?.textContent).toBe('queueShowMore');
  });

  it('shows reference, subject, requester, priority, assignee and SLA due, and says overdue in words', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    const [first, second] = rows();
    expect(first?.getAttribute('aria-label')).toBe(
      '#A00201, ticketPriorityNormal, queueDue in 3 hours, Order 201 is late, Customer 201, Anna',
    );
    expect(first?.classList.contains('is-overdue')).toBe(false);
    expect(second?.getAttribute('aria-label')).toContain('queueDueOverdue 3 hours ago');
    expect(second?.querySelector('.queue-row-due')?.textContent).toBe('queueDueOverdue 3 hours ago');
  });

  it('names each row with its visible text, in the order shown (axe label-content-name-mismatch)', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    // As axe compares them: lower case, no punctuation, single spaces.
    const curate = (text: string) =>
      text
        .toLowerCase()
        .replace(/[\p{P}\p{S}]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    for (const row of rows()) {
      expect(curate(row.getAttribute('aria-label') ?? '')).toContain(curate(row.textContent ?? ''));
    }
  });

  it('keeps hostile subjects as text', async () => {
    const data = fixture();
    data.queues.set(queueIdKey({ kind: 'mine', agent: 'Anna' }), [
      row(1, { subject: '<img src=x onerror=alert(1)>', requester: { email: 'x@example.com' } }),
    ]);
    const connector = fakeConnector(handlers(data));
    show({ connector });
    await settleUntil(() => rows().length === 1, 'the row');
    expect(root().querySelector('img')).toBeNull();
    expect(rows()[0]?.querySelector('.queue-row-subject')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('opens a row by click and by Enter', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    await act(() => rows()[1]?.click());
    expect(connector.opened).toEqual([(0x1000 + 202).toString(16)]);
    rows()[0]?.focus();
    await act(() => {
      rows()[0]?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }),
      );
    });
    expect(connector.opened).toEqual([(0x1000 + 202).toString(16), (0x1000 + 201).toString(16)]);
  });

  it('moves between rows with the arrow keys, Home and End', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, memory: memoryOn({ kind: 'all-open' }) });
    await settleUntil(() => rows().length === 50, 'All open');
    const press = (key: string) =>
      act(() => {
        document.activeElement?.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
        );
      });
    rows()[0]?.focus();
    await press('ArrowDown');
    expect(document.activeElement).toBe(rows()[1]);
    await press('ArrowUp');
    expect(document.activeElement).toBe(rows()[0]);
    await press('ArrowUp');
    expect(document.activeElement).toBe(rows()[0]);
    await press('End');
    expect(document.activeElement).toBe(rows()[49]);
    await press('Home');
    expect(document.activeElement).toBe(rows()[0]);
    for (const button of rows()) expect(button.tabIndex).toBe(0);
  });

  it('says when a queue cannot be read, and tries again', async () => {
    let fail = true;
    const data = fixture();
    const base = handlers(data);
    const connector = fakeConnector({
      ...base,
      'queue.read': (args) => {
        if (fail) throw new Error('The service worker did not answer.');
        return (base['queue.read'] as NonNullable<FakeHandlers['queue.read']>)(args);
      },
    });
    show({ connector });
    await settleUntil(() => root().querySelector('[role="alert"]') !== null, 'the error');
    expect(root().querySelector('[role="alert"] p')?.textContent).toBe(
      'queueLoadFailed The service worker did not answer.',
    );
    fail = false;
    await act(() => root().querySelector<HTMLButtonElement>('[role="alert"] button')?.click());
    await settleUntil(() => rows().length === 2, 'the rows after retrying');
    expect(root().querySelector('[role="alert"]')).toBeNull();
  });

  it('says an empty queue is not known yet before the first sync has finished', async () => {
    const data = fixture();
    const connector = fakeConnector(
      handlers(data, { 'queue.counts': () => ({ queues: data.counts, synced: false }) }),
    );
    show({ connector, me: '' }); // starts on Unassigned, which is empty
    await settleUntil(() => root().textContent?.includes('queueFirstSync') ?? false, 'the first-sync note');
    expect(root().textContent).not.toContain('queueEmptyUnassigned');
  });

  it('says it is loading until the first page answers', async () => {
    const connector = fakeConnector(handlers(fixture(), { 'queue.read': () => new Promise(() => {}) }));
    show({ connector });
    await settle();
    expect(root().querySelector('[role="status"]')?.textContent).toBe('queueLoading');
  });

  it('re-reads the counts and the rows on screen when the store changes', async () => {
    const data = fixture();
    const connector = fakeConnector(handlers(data));
    show({ connector, memory: memoryOn({ kind: 'all-open' }) });
    await settleUntil(() => rows().length === 50, 'All open');
    await act(() => root().querySelector<HTMLButtonElement>('.queue-more')?.click());
    await settleUntil(() => rows().length === 100, 'two pages');
    const readsBefore = calls(connector, 'queue.read').length;
    const countsBefore = calls(connector, 'queue.counts').length;

    const fresh = row(999, { subject: 'Brand new urgent ticket', priority: 'Urgent' });
    data.queues.set(queueIdKey({ kind: 'all-open' }), [fresh, ...(data.queues.get('all-open') ?? [])]);
    data.counts = data.counts.map((entry) =>
      entry.queue.kind === 'all-open' ? { ...entry, count: 121 } : entry,
    );
    await act(() => connector.emit({ threadIds: [fresh.threadId], all: false, notices: [] }));
    await settleUntil(() => rows()[0]?.dataset.threadId === fresh.threadId, 'the new ticket on top');
    expect(calls(connector, 'queue.counts').length).toBeGreaterThan(countsBefore);
    expect(calls(connector, 'queue.read').slice(readsBefore)[0]?.args).toEqual({
      queue: { kind: 'all-open' },
      offset: 0,
      limit: 100,
    });
    await settleUntil(
      () => choice('queueAllOpen').getAttribute('aria-label')?.includes('121') === true,
      'count',
    );
    expect(rows()).toHaveLength(100);
  });

  it('re-reads more than 500 shown rows in reads of at most 500', async () => {
    const connector = fakeConnector(
      handlers(fixture(), {
        'queue.read': ({ offset = 0, limit = 50 }) => ({
          rows: Array.from({ length: limit }, (_, i) => row(offset + i + 1)),
          total: 1_000,
        }),
      }),
    );
    show({ connector, memory: memoryOn({ kind: 'all-open' }), pageSize: 300 });
    await settleUntil(() => rows().length === 300, 'the first page');
    await act(() => root().querySelector<HTMLButtonElement>('.queue-more')?.click());
    await settleUntil(() => rows().length === 600, 'two pages');
    const before = calls(connector, 'queue.read').length;
    await act(() => connector.emit({ threadIds: [], all: true, notices: [] }));
    await settleUntil(() => calls(connector, 'queue.read').length === before + 2, 'the re-read');
    expect(
      calls(connector, 'queue.read')
        .slice(before)
        .map((call) => call.args),
    ).toEqual([
      { queue: { kind: 'all-open' }, offset: 0, limit: 500 },
      { queue: { kind: 'all-open' }, offset: 500, limit: 100 },
    ]);
    await settle();
    expect(rows()).toHaveLength(600);
  });

  it('searches once the typing pauses, and Escape clears the search', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    const box = root().querySelector<HTMLInputElement>('input[type="search"]');
    expect(box?.getAttribute('aria-label')).toBe('queueSearchLabel');
    for (const text of ['O', 'Or', 'Order 11']) {
      await act(() => {
        if (!box) return;
        box.value = text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    await waitUntil(() => calls(connector, 'queue.search').length > 0, 'the search');
    await waitUntil(() => rows().length > 0, 'search results');
    expect(calls(connector, 'queue.search')).toEqual([
      { method: 'queue.search', args: { text: 'Order 11', limit: 50 } },
    ]);
    expect(rows().map((button) => button.querySelector('.queue-row-subject')?.textContent)).toEqual([
      'Order 11 is late',
      'Order 110 is late',
      'Order 111 is late',
      'Order 112 is late',
      'Order 113 is late',
      'Order 114 is late',
      'Order 115 is late',
      'Order 116 is late',
      'Order 117 is late',
      'Order 118 is late',
      'Order 119 is late',
    ]);
    expect(root().querySelector('.queue-switcher')).toBeNull();
    expect(root().querySelector('[role="status"]')?.textContent).toBe('queueSearchFound_other 11');

    await act(() => {
      box?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    await settleUntil(() => rows().length === 2, 'the queue again');
    expect(box?.value).toBe('');
    expect(root().querySelector('.queue-switcher')).not.toBeNull();
  });

  it('says when a search finds nothing', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    const box = root().querySelector<HTMLInputElement>('input[type="search"]');
    await act(() => {
      if (!box) return;
      box.value = 'no such thing';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waitUntil(() => root().querySelector('.queue-empty') !== null, 'the empty search');
    expect(root().querySelector('.queue-empty')?.textContent).toBe('queueEmptySearch');
  });

  it('hands the rows shown to the navigator and focuses the list on "open queue"', async () => {
    const navigator = new QueueNavigator();
    const actions = new DeskActions();
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, navigator, actions });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    expect(navigator.list).toEqual([(0x1000 + 201).toString(16), (0x1000 + 202).toString(16)]);
    await act(() => actions.dispatch({ kind: 'open-queue' }));
    expect(document.activeElement).toBe(rows()[0]);
  });
});

describe('the queue panel opened by the keyboard', () => {
  it('focuses the first row once it has painted', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, focusOnLoad: true });
    await settleUntil(() => rows().length === 2, 'the Mine rows');
    await settle();
    expect(document.activeElement).toBe(rows()[0]);
  });

  it('focuses the chosen queue when the queue is empty', async () => {
    const connector = fakeConnector(handlers(fixture()));
    show({ connector, me: '', focusOnLoad: true });
    await settleUntil(() => root().querySelector('.queue-empty') !== null, 'the empty queue');
    await settle();
    expect(document.activeElement).toBe(choice('queueUnassigned'));
  });
});

describe('switcherEntries', () => {
  it('keeps the fixed queues without counts until they come', () => {
    expect(switcherEntries(undefined, 'Anna').map((entry) => entry.queue.kind)).toEqual([
      'unassigned',
      'mine',
      'all-open',
      'pending',
      'on-hold',
      'overdue',
    ]);
    expect(switcherEntries(undefined, 'Anna').every((entry) => entry.count === undefined)).toBe(true);
  });

  it('ignores another agent’s Mine', () => {
    const entries = switcherEntries([{ queue: { kind: 'mine', agent: 'Bo' }, count: 7 }], 'Anna');
    expect(entries.find((entry) => entry.queue.kind === 'mine')).toEqual({
      queue: { kind: 'mine', agent: 'Anna' },
    });
  });
});

function memoryOn(queue: QueueIdArgs): QueueMemory {
  const memory = new QueueMemory();
  memory.set('support@shop.example', queue);
  return memory;
}
