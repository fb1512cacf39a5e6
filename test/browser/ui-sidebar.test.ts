import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReference } from '../../src/core/ticket-reference';
import { expectAccessible, runAxe } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import {
  aria,
  byName,
  DEMO_TEAM,
  findSidebar,
  type Harness,
  openThreadBySubject,
  startHarness,
  waitForSidebarText,
  waitUntil,
} from './harness';

/**
 * The ticket sidebar in English, driven only by accessible names on the stand-in's Gmail page: every field,
 * tags, notes, undo, the SLA clock, the customer's history and "Make ticket", each change checked where it
 * lands (the thread's labels in the stand-in's mailbox), then axe-core on the sidebar in both themes.
 */

const SUBJECT = 'Are the celadon cups dishwasher safe?'; // New, group Sales, tag Pre-sales, nobody assigned
const REPEAT_CUSTOMER = 'Charged twice for order #NW-10634!'; // Marcus Reid, who wrote three times before
const NEWSLETTER = 'Black Friday: 40% off shipping boxes';

describe('the ticket sidebar, by accessible name (English)', () => {
  let harness: Harness;
  let page: Page;
  let threadId: string;

  const labels = () => harness.threadLabels(threadId);
  /** Waits until the thread's labels in the mailbox satisfy `accept`, and returns them. */
  const labelsBecome = (accept: (names: string[]) => boolean, what: string) =>
    waitUntil(async () => {
      const names = await labels();
      return accept(names) && names;
    }, `the thread's labels to show ${what}`);

  beforeAll(async () => {
    harness = await startHarness();
    await harness.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    page = await harness.openInbox();
    // The first sync fills the store that the customer history reads; the queue counts say when it is done.
    await waitForSidebarText(page, (text) => /All open\n[1-9]/.test(text), 40_000);
    await harness.publishTeam(DEMO_TEAM);
    threadId = await openThreadBySubject(page, SUBJECT);
    await waitForSidebarText(
      page,
      (text) => text.includes(ticketReference(threadId)) && text.includes('Activity'),
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('sets Status, and Undo in the toast puts it back', async () => {
    expect(await labels()).toContain('Helpdesk/Status/New');
    await (await byName(page, 'combobox', 'Status')).select('Open');
    await labelsBecome(
      (names) => names.includes('Helpdesk/Status/Open') && !names.includes('Helpdesk/Status/New'),
      'Status/Open',
    );
    await waitForSidebarText(
      page,
      (text) => text.includes('Status set to Open') && text.includes('Saved to Gmail'),
    );

    await (await byName(page, 'button', 'Undo')).click();
    await labelsBecome(
      (names) => names.includes('Helpdesk/Status/New') && !names.includes('Helpdesk/Status/Open'),
      'Status/New again',
    );
    await waitForSidebarText(page, (text) => text.includes('Change undone'));
    const status = await byName(page, 'combobox', 'Status');
    expect(await status.evaluate((select) => (select as HTMLSelectElement).value)).toBe('New');
  });

  it('sets Priority, Assignee and Group, each a label on the thread', async () => {
    await (await byName(page, 'combobox', 'Priority')).select('High');
    await labelsBecome((names) => names.includes('Helpdesk/Priority/High'), 'Priority/High');

    const assignee = await byName(page, 'combobox', 'Assignee');
    // The team's agents are offered, this browser's agent marked as me.
    const offered = await assignee.evaluate((select) =>
      [...(select as HTMLSelectElement).options].map((option) => option.text),
    );
    expect(offered).toEqual(
      expect.arrayContaining(['Unassigned', 'Anna Kowalska (me)', 'Dmitri Sokolov', 'Yuki Tanaka']),
    );
    await assignee.select('Dmitri Sokolov');
    await labelsBecome(
      (names) => names.includes('Helpdesk/Assignee/Dmitri Sokolov'),
      'Assignee/Dmitri Sokolov',
    );

    await (await byName(page, 'combobox', 'Group')).select('Tech');
    await labelsBecome(
      (names) => names.includes('Helpdesk/Group/Tech') && !names.includes('Helpdesk/Group/Sales'),
      'Group/Tech instead of Group/Sales',
    );
  });

  it('adds a tag picked from the suggestions and removes one by "Remove tag …"', async () => {
    const tags = await byName(page, 'combobox', 'Tags');
    await tags.click();
    await tags.type('late');
    const option = await waitUntil(async () => {
      for (const candidate of await page.$$('::-p-aria([role="option"])')) {
        const name = await candidate.evaluate((element) => element.textContent ?? '');
        if (name.startsWith('Shipping/Late by shipper')) return candidate;
      }
      return undefined;
    }, 'the suggestion Shipping/Late by shipper');
    expect((await page.accessibility.snapshot({ root: option }))?.name).toBe(
      'Shipping/Late by shipper The carrier has the parcel and is late.',
    );
    expect(await tags.evaluate((input) => input.getAttribute('aria-expanded'))).toBe('true');
    await option.click();
    await labelsBecome((names) => names.includes('Helpdesk/Tag/Shipping/Late by shipper'), 'the picked tag');

    await (await byName(page, 'button', 'Remove tag Pre-sales')).click();
    await labelsBecome((names) => !names.includes('Helpdesk/Tag/Pre-sales'), 'Pre-sales removed');
    expect(await page.$(aria('button', 'Remove tag Pre-sales'))).toBeNull();
  });

  it('adds an internal note with an @mention picked from the suggestions', async () => {
    const note = await byName(page, 'textbox', 'Internal note');
    await note.click();
    await note.type('Asked the warehouse; @yu');
    const mentions = await byName(page, 'listbox', 'Colleagues to mention');
    await (await mentions.waitForSelector(aria('option', '@Yuki Tanaka')))?.click();
    expect(await note.evaluate((box) => (box as HTMLTextAreaElement).value)).toBe(
      'Asked the warehouse; @Yuki Tanaka ',
    );
    await note.type('please confirm the glaze.');
    await (await byName(page, 'button', 'Add note')).click();

    const body = 'Asked the warehouse; @Yuki Tanaka please confirm the glaze.';
    const notes = await byName(page, 'region', 'Internal notes');
    await waitUntil(
      () =>
        notes.evaluate(
          (section, wanted) =>
            (section as HTMLElement).innerText.includes(wanted) && !section.querySelector('.note.sending'),
          body,
        ),
      'the note to be saved',
    );
    const mention = await notes.evaluate((section) => section.querySelector('.mention')?.textContent);
    expect(mention).toBe('@Yuki Tanaka');
    expect(await note.evaluate((box) => (box as HTMLTextAreaElement).value)).toBe('');
  });

  it('keeps "Waiting for" and "Promised by" of an On-hold ticket, and lists the changes under Activity', async () => {
    await (await byName(page, 'combobox', 'Status')).select('On hold');
    await labelsBecome((names) => names.includes('Helpdesk/Status/On hold'), 'Status/On hold');
    await byName(page, 'group', 'Waiting on someone else');
    const waiting = await byName(page, 'textbox', 'Waiting for');
    await waiting.click();
    await waiting.type('The kiln supplier');
    await page.keyboard.press('Tab'); // the field saves when the agent leaves it
    // A date input has no textbox role; its label names it all the same.
    const promised = await page.waitForSelector('::-p-aria(Promised by)');
    await promised?.evaluate((input) => {
      (input as HTMLInputElement).value = '2026-12-01';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitForSidebarText(page, (text) => text.includes('Saved to Gmail'));

    // A fresh panel (the thread opened again) reads them back from the mailbox.
    await page.goto(`${new URL(page.url()).origin}/mail/u/0/#inbox`);
    await page.waitForSelector('tr.zA');
    await openThreadBySubject(page, SUBJECT);
    const reread = await byName(page, 'textbox', 'Waiting for', 20_000);
    await waitUntil(
      async () =>
        (await reread.evaluate((input) => (input as HTMLInputElement).value)) === 'The kiln supplier',
      'Waiting for to be read back',
    );
    const date = await page.waitForSelector('::-p-aria(Promised by)');
    expect(await date?.evaluate((input) => (input as HTMLInputElement).value)).toBe('2026-12-01');
    const activity = await byName(page, 'region', 'Activity');
    const listed = await waitUntil(async () => {
      const text = await activity.evaluate((section) => (section as HTMLElement).innerText);
      return text.includes('Anna Kowalska') && text;
    }, 'the activity to list the changes');
    expect(listed).toContain('Anna Kowalska changed status from New to On hold');
    expect(listed).toContain('Anna Kowalska added tag Shipping/Late by shipper');
    expect(listed).toContain('Anna Kowalska removed tag Pre-sales');
    expect(listed).toContain('Anna Kowalska set assignee to Dmitri Sokolov');
    // Back to New, as the later tests expect.
    await (await byName(page, 'combobox', 'Status')).select('New');
    await labelsBecome((names) => names.includes('Helpdesk/Status/New'), 'Status/New');
  });

  it('shows the SLA clock', async () => {
    const text = await waitForSidebarText(page, (shown) => /On time|At risk|Breached|Answered/.test(shown));
    expect(text).toMatch(/(On time|At risk)\s+Due (in|tomorrow)|Breached|Answered/);
  });

  it("lists the customer's earlier tickets and opens one", async () => {
    await page.goto(`${new URL(page.url()).origin}/mail/u/0/#inbox`);
    await page.waitForSelector('tr.zA');
    const repeatId = await openThreadBySubject(page, REPEAT_CUSTOMER);
    await waitForSidebarText(page, (text) => text.includes(ticketReference(repeatId)));
    const history = await byName(page, 'region', 'Customer history');
    const earlier = await waitUntil(
      () =>
        history.evaluate((section) =>
          [...section.querySelectorAll('button.history-row')].map((button) => button.textContent ?? ''),
        ),
      'the earlier tickets',
    ).then((rows) => (rows.length >= 2 ? rows : Promise.reject(new Error(`Only ${rows.length} earlier`))));
    expect(earlier.length).toBeGreaterThanOrEqual(2);

    const first = await history.$('button.history-row');
    const before = page.url();
    await first?.click();
    await page.waitForFunction((url) => location.href !== url, {}, before);
    const opened = await waitUntil(async () => {
      const shown = await page.evaluate(
        () => document.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') ?? undefined,
      );
      return shown !== repeatId && shown;
    }, 'the earlier ticket to open');
    await waitForSidebarText(page, (text) => text.includes(ticketReference(opened)));
  });

  it('makes a ticket of a newsletter with "Make ticket"', async () => {
    await page.goto(`${new URL(page.url()).origin}/mail/u/0/#inbox`);
    await page.waitForSelector('tr.zA');
    const newsletterId = await openThreadBySubject(page, NEWSLETTER);
    await waitForSidebarText(page, (text) => text.includes('This conversation is not a ticket.'));
    expect((await harness.threadLabels(newsletterId)).some((name) => name.startsWith('Helpdesk/'))).toBe(
      false,
    );

    await (await byName(page, 'button', 'Make ticket')).click();
    await byName(page, 'combobox', 'Status');
    await waitUntil(
      async () => (await harness.threadLabels(newsletterId)).includes('Helpdesk/Status/New'),
      'the new ticket to carry Status/New',
    );
    await waitForSidebarText(page, (text) => text.includes(ticketReference(newsletterId)));
  });

  it('passes axe (no serious or critical violation) on the ticket sidebar in the light and the dark theme', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${new URL(page.url()).origin}/mail/u/0/?standin-theme=${theme}#inbox`);
      await page.waitForSelector('tr.zA');
      const id = await openThreadBySubject(page, SUBJECT);
      await waitForSidebarText(
        page,
        (text) => text.includes(ticketReference(id)) && text.includes('Activity'),
      );
      const shown = await page.evaluate(
        () =>
          document
            .querySelector('labeldesk-sidebar')
            ?.shadowRoot?.querySelector('.labeldesk-root')
            ?.getAttribute('data-theme') ?? null,
      );
      expect(shown).toBe(theme);
      await expectAccessible(page, await findSidebar(page), `the ticket sidebar (${theme})`);
    }
  });

  it("passes axe on the queues and the ticket with Gmail's compact density, dark", async () => {
    await page.goto(
      `${new URL(page.url()).origin}/mail/u/0/?standin-theme=dark&standin-density=compact#inbox`,
    );
    await page.waitForSelector('tr.zA');
    const root = () =>
      page.evaluate(() => {
        const element = document
          .querySelector('labeldesk-sidebar')
          ?.shadowRoot?.querySelector('.labeldesk-root');
        return `${element?.getAttribute('data-theme')} ${element?.getAttribute('data-density')}`;
      });
    await waitUntil(async () => (await root()) === 'dark compact', 'the sidebar to follow dark, compact');
    await expectAccessible(page, await byName(page, 'region', 'Queues'), 'the queues (dark, compact)');
    const id = await openThreadBySubject(page, SUBJECT);
    await waitForSidebarText(page, (text) => text.includes(ticketReference(id)) && text.includes('Activity'));
    await expectAccessible(page, await findSidebar(page), 'the ticket sidebar (dark, compact)');
  });

  it('reaches every control with Tab, each showing a focus ring', async () => {
    await waitForSidebarText(page, (text) => text.includes('Activity'));
    /** The sidebar's focused element: its accessible name (from Chromium's tree) and whether it shows a ring. */
    const focused = async () => {
      const element = (
        await page.evaluateHandle(
          () => document.querySelector('labeldesk-sidebar')?.shadowRoot?.activeElement ?? null,
        )
      ).asElement();
      if (element === null) return null;
      const name = (await page.accessibility.snapshot({ root: element, interestingOnly: false }))?.name ?? '';
      const look = await element.evaluate((focus) => {
        const style = getComputedStyle(focus as Element);
        const ring =
          (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1) ||
          style.boxShadow !== 'none';
        return { ring, tabIndex: (focus as HTMLElement).tabIndex };
      });
      return { name, ...look };
    };
    await (await byName(page, 'combobox', 'Status')).focus(); // the first control, where Tab starts
    const seen = [await focused()];
    for (let step = 0; step < 80; step++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (now === null) break; // focus has left the sidebar
      seen.push(now);
    }
    const names = seen.map((entry) => entry?.name);
    console.info('Tab order in the sidebar:', names.join(' → '));
    // ("Add note" is disabled while the note is empty, so Tab passes it by.)
    for (const name of ['Status', 'Priority', 'Assignee', 'Group', 'Tags', 'Internal note']) {
      expect(names).toContain(name);
    }
    // Every stop after the first (focused by script, not by keyboard) shows :focus-visible's ring.
    expect(seen.slice(1).filter((entry) => entry?.ring !== true)).toEqual([]);
    expect(seen.filter((entry) => (entry?.tabIndex ?? 0) > 0)).toEqual([]);
  });

  it('would fail on a serious violation inside the Shadow DOM (the axe check is not blind there)', async () => {
    const sidebar = await findSidebar(page);
    await sidebar.evaluate((aside) => {
      const planted = document.createElement('p');
      planted.id = 'planted';
      // Faint text on the sidebar's own background, whichever theme is shown (about 2:1 either way).
      const dark = aside.closest('[data-theme]')?.getAttribute('data-theme') === 'dark';
      planted.style.color = dark ? '#4a4a4a' : '#bbbbbb';
      planted.textContent = 'Grey on grey';
      aside.querySelector('h2')?.after(planted);
    });
    try {
      const report = await runAxe(page, sidebar);
      expect(report.blocking.map((finding) => finding.id)).toContain('color-contrast');
    } finally {
      await sidebar.evaluate((aside) => aside.querySelector('#planted')?.remove());
    }
  });
});
