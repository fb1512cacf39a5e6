// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { playAnswer } from '../../../test/fixtures/hostile/api';
import { addresses, allTexts, apiAnswers, names, pwned } from '../../../test/fixtures/hostile/corpus';
import { toLabeldeskError } from '../../background/handlers';
import type { QueueIdArgs, TicketRow } from '../../messaging/contract';
import { DeskActions } from '../actions';
import { fakeConnector } from '../connector';
import { useEnglish } from '../ticket/testing';
import { QueueMemory } from './queue-navigator';
import { QueuePanel } from './queue-panel';

/**
 * Issue 8, hostile input in the queue list: every corpus text as a row's subject, requester, assignee, group
 * and tag, and as the names of group and tag queues in the switcher; and every bad Gmail answer as the
 * queue's failure. Nothing runs, no element or handler comes from the data, every row renders its subject as
 * text, and a failure is a message.
 */
let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());

const NOW = Date.UTC(2026, 10, 23, 12);
const at = <T,>(list: readonly T[], i: number): T => list[i % list.length] as T;
const root = () => document.body.firstElementChild as HTMLElement;
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
async function waitFor<T>(what: string, read: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== null && value !== undefined && value !== false) return value;
    await settle();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const FOREIGN =
  'script, iframe, img, svg, math, object, embed, style, link, meta, base, video, details, form';
const OWN = new Set(['DETAILS.queue-named', 'FORM.bulk-bar']);
function assertInert() {
  expect(pwned(window), 'a payload ran').toBe(false);
  expect(
    [...root().querySelectorAll(FOREIGN)]
      .map((e) => `${e.tagName}.${e.className}`)
      .filter((e) => !OWN.has(e)),
    'elements from the data',
  ).toEqual([]);
  for (const element of root().querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
    }
  }
}

const rows: TicketRow[] = allTexts.map((c, i) => ({
  threadId: (0x10000 + i).toString(16),
  reference: `#H${String(i).padStart(5, '0')}`,
  subject: c.value,
  requester: { email: at(addresses, i).value, name: at(names, i).value },
  status: 'Open',
  priority: 'Normal',
  assignee: at(names, i + 1).value,
  group: at(names, i + 2).value,
  tags: [{ what: c.value.slice(0, 200) || 'x', why: at(names, i).value.slice(0, 200) || 'y' }],
  createdAt: NOW - 3_600_000,
  slaDueAt: NOW + i * 60_000,
}));

const counts: { queue: QueueIdArgs; count: number }[] = [
  { queue: { kind: 'all-open' }, count: rows.length },
  ...names.slice(0, 10).map((n) => ({ queue: { kind: 'group' as const, group: n.value || 'g' }, count: 1 })),
  ...names.slice(10, 20).map((n) => ({ queue: { kind: 'tag' as const, tag: n.value || 't' }, count: 1 })),
];

function show(connector: ReturnType<typeof fakeConnector>) {
  document.body.innerHTML = '<div></div>';
  act(() =>
    render(
      <QueuePanel
        connector={connector}
        actions={new DeskActions()}
        me="Anna"
        now={() => NOW}
        memory={new QueueMemory()}
        pageSize={500}
      />,
      root(),
    ),
  );
}

afterEach(() => {
  if (root()) act(() => render(null, root()));
  document.body.innerHTML = '';
  document.title = '';
});

describe('hostile text in the queue list', () => {
  it(`shows ${rows.length} hostile rows as text, inert`, async () => {
    const connector = fakeConnector({
      'queue.counts': () => ({ queues: counts }),
      'queue.read': ({ offset = 0, limit = 500 }) => ({
        rows: rows.slice(offset, offset + limit),
        total: rows.length,
      }),
      'queue.search': () => ({ rows }),
    });
    show(connector);
    const shown = await waitFor('the rows', () => {
      const found = root().querySelectorAll('.queue-row');
      return found.length === rows.length && found;
    });
    await waitFor('the counts', () => root().querySelector('.queue-choice-count'));
    assertInert();
    for (const [i, row] of [...shown].entries()) {
      const subject = rows[i]?.subject ?? '';
      // The subject is there as typed (or cut for the row, never turned into markup); a blank one is named so.
      if (subject.trim() === '') continue;
      expect(row.textContent ?? '').toContain(subject.slice(0, 40));
    }
  });

  it.each(apiAnswers.filter((a) => a.expected !== 'ok').map((a) => [a.id, a] as const))(
    '%s as the queue read shows a message with Try again',
    async (_, answer) => {
      const outcome = await playAnswer(answer);
      if (outcome.ok) throw new Error('the answer was accepted');
      const error = toLabeldeskError(outcome.error);
      const connector = fakeConnector({
        'queue.counts': () => ({ queues: counts }),
        'queue.read': () => Promise.reject(error),
        'queue.search': () => ({ rows: [] }),
      });
      show(connector);
      const alert = await waitFor('the failure', () => root().querySelector('[role=alert]'));
      expect(alert.querySelector('p')?.textContent).toBe(`Could not load the queue: ${error.message}`);
      expect(alert.querySelector('button')?.textContent).toBe('Try again');
      assertInert();
    },
  );
});
