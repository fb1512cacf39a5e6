import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReference } from '../../src/core/ticket-reference';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import {
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
 * The sidebar with Chromium's UI in Russian: its controls are found by the names in
 * public/_locales/ru/messages.json (read here, not copied), a status change reaches Gmail, dates are written
 * the Russian way, and axe finds no serious or critical violation.
 */

interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
const RU: Record<string, LocaleEntry> = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../public/_locales/ru/messages.json'), 'utf8'),
);

/** A Russian message with its substitutions, as chrome.i18n.getMessage fills them. */
function ru(key: string, ...substitutions: string[]): string {
  const entry = RU[key];
  if (entry === undefined) throw new Error(`No Russian message ${key}`);
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    if (content === undefined) return whole;
    return content.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
  });
}

const SUBJECT = 'Возврат товара'; // New, priority Low, group Billing

describe('the sidebar in Russian, by the names in the Russian locale', () => {
  let harness: Harness;
  let page: Page;
  let threadId: string;

  beforeAll(async () => {
    harness = await startHarness({ language: 'ru' });
    await harness.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    page = await harness.openInbox();
    await findSidebar(page, 20_000);
    await harness.publishTeam(DEMO_TEAM);
    threadId = await openThreadBySubject(page, SUBJECT);
    await waitForSidebarText(
      page,
      (text) => text.includes(ticketReference(threadId)) && text.includes(ru('ticketActivityHeading')),
      20_000,
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("gives the extension Chromium's Russian messages, and the sidebar says it is in Russian", async () => {
    const worker = await harness.serviceWorker();
    const [own, status] = await worker.evaluate(() => [
      chrome.i18n.getMessage('appLanguage'),
      chrome.i18n.getMessage('ticketFieldStatus'),
    ]);
    expect(own).toBe('ru');
    expect(status).toBe(ru('ticketFieldStatus'));
    const sidebar = await findSidebar(page);
    expect(await sidebar.evaluate((aside) => aside.getAttribute('lang'))).toBe('ru');
  });

  it('names every field of the ticket in Russian', async () => {
    for (const key of [
      'ticketFieldStatus',
      'ticketFieldPriority',
      'ticketFieldAssignee',
      'ticketFieldGroup',
    ]) {
      await byName(page, 'combobox', ru(key));
    }
    await byName(page, 'combobox', ru('ticketFieldTags'));
    await byName(page, 'textbox', ru('ticketFieldNote'));
    await byName(page, 'button', ru('ticketAddNote'));
    // None of the English names is left.
    expect(ru('ticketFieldStatus')).not.toBe('Status');
    const text = await waitForSidebarText(page, (shown) => shown.includes(ru('ticketFieldStatus')));
    for (const english of ['Status', 'Priority', 'Assignee', 'Internal note', 'Customer history']) {
      expect(text).not.toContain(english);
    }
  });

  it('changes the status through the Russian "Status" select, and Gmail gets the label', async () => {
    const status = await byName(page, 'combobox', ru('ticketFieldStatus'));
    const offered = await status.evaluate((select) =>
      [...(select as HTMLSelectElement).options].map((option) => option.text),
    );
    expect(offered).toContain(ru('ticketStatusOpen'));
    await status.select('Open');
    await waitUntil(async () => {
      const names = await harness.threadLabels(threadId);
      return names.includes('Helpdesk/Status/Open') && !names.includes('Helpdesk/Status/New');
    }, 'the thread to carry Status/Open');
    await waitForSidebarText(
      page,
      (text) =>
        text.includes(ru('ticketChangedStatus', ru('ticketStatusOpen'))) && text.includes(ru('ticketSaved')),
    );
  });

  it('writes dates in Russian', async () => {
    const sidebar = await findSidebar(page);
    const created = await sidebar.evaluate((aside) => {
      const time = aside.querySelector('.ticket-facts time');
      return { iso: time?.getAttribute('datetime') ?? '', shown: time?.textContent ?? '' };
    });
    expect(created.shown).toBe(
      new Intl.DateTimeFormat('ru', { dateStyle: 'medium' }).format(new Date(created.iso)),
    );
    expect(created.shown).toMatch(/[а-я]/); // the month's name, in Cyrillic
    // The SLA clock says when in words, in Russian ("через 3 часа", "вчера").
    const sla = await sidebar.evaluate((aside) => aside.querySelector('.sla')?.textContent ?? '');
    expect(sla).toMatch(/[а-яё]/i);
  });

  it('shows the options page in Russian, lang=ru, and axe passes there in both colour schemes', async () => {
    const options = await harness.browser.newPage();
    try {
      await options.goto(`chrome-extension://${harness.extensionId}/src/options/index.html`);
      await options.waitForSelector('form[aria-busy="false"]');
      await byName(options, 'heading', ru('optionsTitle'));
      await byName(options, 'button', ru('teamSave'), 20_000);
      expect(await options.evaluate(() => document.documentElement.lang)).toBe('ru');
      for (const scheme of ['light', 'dark'] as const) {
        await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await options.waitForFunction(
          (wanted) => document.documentElement.dataset.theme === wanted,
          {},
          scheme,
        );
        const body = await options.waitForSelector('body');
        if (body === null) throw new Error('No body');
        await expectAccessible(options, body, `the options page in Russian (${scheme})`);
      }
    } finally {
      await options.close();
    }
  });

  it('passes axe (no serious or critical violation) on the Russian sidebar in both themes', async () => {
    await expectAccessible(page, await findSidebar(page), 'the ticket sidebar in Russian (light)');
    await page.goto(`${new URL(page.url()).origin}/mail/u/0/?standin-theme=dark#inbox`);
    await page.waitForSelector('tr.zA');
    await byName(page, 'region', ru('queueTitle'));
    await expectAccessible(page, await findSidebar(page), 'the queues in Russian (dark)');
    const id = await openThreadBySubject(page, SUBJECT);
    await waitForSidebarText(
      page,
      (text) => text.includes(ticketReference(id)) && text.includes(ru('ticketActivityHeading')),
    );
    await expectAccessible(page, await findSidebar(page), 'the ticket sidebar in Russian (dark)');
  });
});
