import type { ElementHandle, KeyInput, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReference } from '../../src/core/ticket-reference';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import {
  aria,
  byName,
  findSidebar,
  type Harness,
  startHarness,
  waitForSidebarText,
  waitUntil,
} from './harness';

/**
 * The queues in the sidebar on Gmail's inbox, in English, driven by accessible names: each queue's button with
 * its count (checked against the labels in the stand-in's mailbox), its rows, the search box, opening a row,
 * multi-select in Gmail's own list with the bulk bar, the next-ticket shortcut, and axe in both themes.
 */

/** The help overlay step runs once the content script mounts it (main.tsx or the sidebar app it renders). */

interface ThreadList {
  threads?: { id: string }[];
}

/** Chooses the option shown as `text` in the select named `name` inside `scope`. */
async function selectByText(scope: ElementHandle<Element>, name: string, text: string): Promise<void> {
  const select = await scope.waitForSelector(aria('combobox', name));
  if (select === null) throw new Error(`No select ${name}`);
  const value = await select.evaluate(
    (element, wanted) =>
      [...(element as HTMLSelectElement).options].find((option) => option.text === wanted)?.value,
    text,
  );
  if (value === undefined) throw new Error(`${name} offers no "${text}"`);
  await select.select(value);
}

/** Presses Alt+Shift+<code>, as the shortcuts are bound. */
async function pressAltShift(page: Page, code: KeyInput): Promise<void> {
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press(code);
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
}

describe('the queues in the sidebar, by accessible name (English)', () => {
  let harness: Harness;
  let page: Page;

  /** Thread ids carrying a label, read from the stand-in's API. */
  const threadsLabelled = async (name: string): Promise<string[]> => {
    const { labels } = await harness.api<{ labels: { id: string; name: string }[] }>('labels');
    const label = labels.find((candidate) => candidate.name === name);
    if (label === undefined) return [];
    const list = await harness.api<ThreadList>(
      `threads?labelIds=${encodeURIComponent(label.id)}&maxResults=500`,
    );
    return (list.threads ?? []).map((thread) => thread.id);
  };

  /** The queue buttons' accessible names, as the accessibility tree has them. */
  const queueButtonNames = async (): Promise<string[]> => {
    const panel = await byName(page, 'region', 'Queues');
    const snapshot = await page.accessibility.snapshot({ root: panel });
    const names: string[] = [];
    const walk = (node: { role?: string; name?: string; children?: unknown[] } | null | undefined) => {
      if (!node) return;
      if (node.role === 'button' && node.name && /, \d+ tickets?$/.test(node.name)) names.push(node.name);
      for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
    };
    walk(snapshot);
    return names;
  };

  const countOf = async (queue: string): Promise<number> => {
    const name = (await queueButtonNames()).find((candidate) => candidate.startsWith(`${queue}, `));
    if (name === undefined) throw new Error(`No queue button for ${queue}`);
    return Number(/, (\d+) tickets?$/.exec(name)?.[1]);
  };

  const rowsIn = async (queue: string): Promise<ElementHandle<Element>[]> => {
    const list = await byName(page, 'list', `Tickets in ${queue}`);
    return list.$$('::-p-aria([role="button"])');
  };
  const rowThreadIds = async (queue: string): Promise<string[]> =>
    Promise.all(
      (await rowsIn(queue)).map((row) =>
        row.evaluate((button) => button.getAttribute('data-thread-id') ?? ''),
      ),
    );

  const backToInbox = async () => {
    await page.goto(`${new URL(page.url()).origin}/mail/u/0/#inbox`);
    await page.waitForSelector('tr.zA');
    await byName(page, 'region', 'Queues');
  };

  beforeAll(async () => {
    harness = await startHarness();
    await harness.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    page = await harness.openInbox();
    // The counts appear once the first sync has filled the store.
    await waitForSidebarText(page, (text) => /All open\n[1-9]/.test(text), 40_000);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('names each queue button with its count, and the counts agree with the mailbox', async () => {
    const names = await queueButtonNames();
    for (const queue of ['Unassigned', 'Mine', 'All open', 'Pending', 'On hold', 'Overdue']) {
      expect(names.some((name) => name.startsWith(`${queue}, `))).toBe(true);
    }
    expect(await countOf('Pending')).toBe((await threadsLabelled('Helpdesk/Status/Pending')).length);
    expect(await countOf('On hold')).toBe((await threadsLabelled('Helpdesk/Status/On hold')).length);
    const openOrNew =
      (await threadsLabelled('Helpdesk/Status/New')).length +
      (await threadsLabelled('Helpdesk/Status/Open')).length;
    expect(await countOf('All open')).toBe(openOrNew);
    const annas = new Set(await threadsLabelled('Helpdesk/Assignee/Anna Kowalska'));
    const active = [
      ...(await threadsLabelled('Helpdesk/Status/New')),
      ...(await threadsLabelled('Helpdesk/Status/Open')),
      ...(await threadsLabelled('Helpdesk/Status/Pending')),
      ...(await threadsLabelled('Helpdesk/Status/On hold')),
    ];
    expect(await countOf('Mine')).toBe(active.filter((id) => annas.has(id)).length);
  });

  it('switches queues: the chosen queue shows its rows', async () => {
    const pending = await threadsLabelled('Helpdesk/Status/Pending');
    const name = (await queueButtonNames()).find((candidate) => candidate.startsWith('Pending, '));
    await (await byName(page, 'button', name ?? 'Pending')).click();
    const shown = await waitUntil(async () => {
      const ids = await rowThreadIds('Pending');
      return ids.length === pending.length && ids;
    }, 'the Pending rows');
    expect([...shown].sort()).toEqual([...pending].sort());
    const button = await byName(page, 'button', name ?? 'Pending');
    expect(await button.evaluate((element) => element.getAttribute('aria-current'))).toBe('true');

    const onHold = await threadsLabelled('Helpdesk/Status/On hold');
    const onHoldName = (await queueButtonNames()).find((candidate) => candidate.startsWith('On hold, '));
    await (await byName(page, 'button', onHoldName ?? 'On hold')).click();
    const held = await waitUntil(async () => {
      const ids = await rowThreadIds('On hold');
      return ids.length === onHold.length && ids;
    }, 'the On hold rows');
    expect([...held].sort()).toEqual([...onHold].sort());
  });

  it('finds a ticket by its reference in "Search tickets" and opens it from its row', async () => {
    const { threads } = await harness.api<ThreadList>(`threads?q=${encodeURIComponent('subject:celadon')}`);
    const wanted = threads?.[0]?.id;
    if (wanted === undefined) throw new Error('No celadon thread in the demo mailbox');
    const reference = ticketReference(wanted);

    const search = await byName(page, 'searchbox', 'Search tickets').catch(() =>
      byName(page, 'textbox', 'Search tickets'),
    );
    await search.click();
    await search.type(reference);
    // The results replace the queue: one list, named by what was found, with the one ticket in it.
    const found = await byName(page, 'list', '1 ticket found');
    const rows = await found.$$('::-p-aria([role="button"])');
    expect(rows).toHaveLength(1);
    const row = rows[0] as ElementHandle<Element>;
    expect(await row.evaluate((element) => element.getAttribute('data-thread-id'))).toBe(wanted);
    const rowName = (await page.accessibility.snapshot({ root: row }))?.name ?? '';
    expect(rowName.startsWith(reference)).toBe(true);
    expect(rowName).toContain('Are the celadon cups dishwasher safe?');

    const hashBefore = await page.evaluate(() => location.hash);
    await row.click();
    await page.waitForFunction((before) => location.hash !== before, {}, hashBefore);
    await page.waitForFunction(
      (id) => document.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') === id,
      {},
      wanted,
    );
    await waitForSidebarText(page, (text) => text.includes(reference) && text.includes('Status'));
  });

  it('opens the next ticket of the queue with Alt+Shift+J', async () => {
    await backToInbox();
    const pendingName = (await queueButtonNames()).find((candidate) => candidate.startsWith('Pending, '));
    await (await byName(page, 'button', pendingName ?? 'Pending')).click();
    const ids = await waitUntil(async () => {
      const shown = await rowThreadIds('Pending');
      return shown.length >= 2 && shown;
    }, 'two Pending rows');
    const [first, second] = ids as [string, string];
    await (await rowsIn('Pending'))[0]?.click();
    await page.waitForFunction(
      (id) => document.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') === id,
      {},
      first,
    );
    await waitForSidebarText(page, (text) => text.includes(ticketReference(first)));
    // Focus on Gmail's page, not in a text box: the shortcut is for the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pressAltShift(page, 'KeyJ');
    await page.waitForFunction(
      (id) => document.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') === id,
      {},
      second,
    );
    await waitForSidebarText(page, (text) => text.includes(ticketReference(second)));
  });

  it('opens the shortcut help with Alt+Shift+/', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pressAltShift(page, 'Slash');
    const dialog = await byName(page, 'dialog', 'Keyboard shortcuts');
    const listed = await dialog.evaluate((element) => (element as HTMLElement).innerText);
    expect(listed).toContain('Next ticket');
    expect(listed).toContain('Alt+Shift+J');
    await expectAccessible(page, dialog, 'the shortcut help');
    await (await dialog.waitForSelector(aria('button', 'Close')))?.click();
    await waitUntil(
      async () => (await page.$(aria('dialog', 'Keyboard shortcuts'))) === null,
      'the help to close',
    );
  });

  it("sets Status, Assignee and a tag on two threads ticked in Gmail's list through the bulk bar", async () => {
    await backToInbox();
    const rows = await page.$$('tr.zA');
    const picked: string[] = [];
    for (const row of rows) {
      const labels = await row.evaluate((element) =>
        [...element.querySelectorAll('.standin-chip')].map((chip) => chip.getAttribute('title') ?? ''),
      );
      if (!labels.includes('Helpdesk/Status/New')) continue;
      const id = await row.evaluate(
        (element) =>
          element.querySelector('[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id') ?? '',
      );
      await (await row.waitForSelector(aria('checkbox', 'Select')))?.click();
      picked.push(id);
      if (picked.length === 2) break;
    }
    expect(picked).toHaveLength(2);
    for (const id of picked) expect(await harness.threadLabels(id)).toContain('Helpdesk/Status/New');

    const bulk = await byName(page, 'form', 'Bulk actions');
    // The bar counts the ticks it observes in Gmail's list: the second one may land a moment later.
    await page
      .waitForFunction(
        (form) => (form as HTMLElement).innerText.includes('2 selected'),
        { timeout: 10_000 },
        bulk,
      )
      .catch(() => undefined);
    expect(await bulk.evaluate((form) => (form as HTMLElement).innerText)).toContain('2 selected');
    await (await bulk.waitForSelector(aria('combobox', 'Status')))?.select('Pending');
    await selectByText(bulk, 'Assignee', 'Assign to me');
    await selectByText(bulk, 'Add tag', 'Shipping/Late by shipper');
    await (await bulk.waitForSelector(aria('button', 'Apply')))?.click();
    await waitForSidebarText(page, (text) => text.includes('2 tickets updated'));
    await expectAccessible(page, await findSidebar(page), 'the bulk bar and the queues');
    for (const id of picked) {
      await waitUntil(async () => {
        const names = await harness.threadLabels(id);
        return (
          names.includes('Helpdesk/Status/Pending') &&
          !names.includes('Helpdesk/Status/New') &&
          names.includes('Helpdesk/Assignee/Anna Kowalska') &&
          names.includes('Helpdesk/Tag/Shipping/Late by shipper')
        );
      }, `thread ${id} to be Pending, Anna's, tagged Shipping/Late by shipper`);
    }
  });

  it('passes axe (no serious or critical violation) on the queue panel in the light and the dark theme', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${new URL(page.url()).origin}/mail/u/0/?standin-theme=${theme}#inbox`);
      await page.waitForSelector('tr.zA');
      await findSidebar(page);
      const panel = await byName(page, 'region', 'Queues');
      await waitUntil(async () => (await rowsIn(await chosenQueueName())).length > 0, 'queue rows');
      const shown = await page.evaluate(
        () =>
          document
            .querySelector('labeldesk-sidebar')
            ?.shadowRoot?.querySelector('.labeldesk-root')
            ?.getAttribute('data-theme') ?? null,
      );
      expect(shown).toBe(theme);
      await expectAccessible(page, panel, `the queue panel (${theme})`);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await pressAltShift(page, 'Slash');
      const help = await byName(page, 'dialog', 'Keyboard shortcuts');
      await expectAccessible(page, help, `the shortcut help (${theme})`);
      await (await help.waitForSelector(aria('button', 'Close')))?.click();
    }
  });

  /** The chosen queue's name, from its button (aria-current). */
  const chosenQueueName = async (): Promise<string> => {
    const panel = await byName(page, 'region', 'Queues');
    const name = await panel.evaluate(
      (section) => section.querySelector('[aria-current="true"] .queue-choice-name')?.textContent ?? '',
    );
    return name;
  };
});
