import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import { aria, byName, type Harness, startHarness, waitForSidebarText, waitUntil } from './harness';

/**
 * The reply library on the options page (English), driven by accessible names: a template edited and saved
 * with one 'library.set' comes back after a reload (the worker's library record); a broken library file is
 * refused with the line and column of the mistake and changes nothing; axe in both colour schemes.
 */

const RECORDS_LABEL = 'Helpdesk/.records';

/** Missing comma at the end of line 4: the parser stops at line 5, column 3 ("shortcuts"). */
const BROKEN_LIBRARY_FILE = `{
  "labeldesk": "reply-library",
  "version": 1,
  "templates": []
  "shortcuts": [{ "abbreviation": "evil", "expansion": "x" }]
}
`;

const EDITED_NAME = 'Order not received (checked with the courier)';

describe('the reply library on the options page (English)', () => {
  let harness: Harness;
  let page: Page;

  /** How many library records the mailbox holds, from the stand-in's API. */
  const libraryRecords = async (): Promise<number> => {
    const { labels } = await harness.api<{ labels: { id: string; name: string }[] }>('labels');
    const records = labels.find((label) => label.name === RECORDS_LABEL);
    if (records === undefined) return 0;
    const { messages = [] } = await harness.api<{ messages?: { id: string }[] }>(
      `messages?labelIds=${encodeURIComponent(records.id)}&maxResults=500`,
    );
    const subjects = await Promise.all(
      messages.map(async ({ id }) => {
        const message = await harness.api<{ payload: { headers: { name: string; value: string }[] } }>(
          `messages/${id}?format=metadata&metadataHeaders=Subject`,
        );
        return message.payload.headers.find((header) => header.name === 'Subject')?.value ?? '';
      }),
    );
    return subjects.filter((subject) => subject === 'Labeldesk templates').length;
  };

  const statusText = (scope: ElementHandle<Element>) =>
    scope.evaluate((element) =>
      [...element.querySelectorAll('[role="status"]')].map((status) => status.textContent ?? '').join('\n'),
    );

  const openOptions = async () => {
    await page.goto(`chrome-extension://${harness.extensionId}/src/options/index.html`);
    const library = await byName(page, 'region', 'Reply library', 20_000);
    await library.waitForSelector('#lib-save', { timeout: 20_000 });
    return library;
  };

  beforeAll(async () => {
    harness = await startHarness();
    await harness.configure({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    // The options page edits the library of mailboxes a Gmail tab has shown; the tab signs in and syncs.
    const gmail = await harness.openInbox();
    await waitForSidebarText(gmail, (text) => /All open\n[1-9]/.test(text), 40_000);
    await gmail.close();
    page = await harness.browser.newPage();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('edits a template, saves the library for the whole team, and reads it back after a reload', async () => {
    let library = await openOptions();
    // A mailbox without a library is offered the starter replies; the demo may ship them already.
    const starter = await page.$(aria('button', 'Add the starter replies'));
    if (starter !== null) {
      await starter.click();
      await waitUntil(
        async () => (await statusText(library)).includes('Saved.'),
        'the starter replies saved',
        20_000,
      );
    }
    await (await byName(page, 'button', 'Order not received')).click();
    const name = await byName(page, 'textbox', 'Template name');
    await name.click({ count: 3 });
    await name.press('Backspace');
    await name.type(EDITED_NAME);
    // The preview renders the English variant with sample values, as text.
    const preview = await page.waitForSelector('[id$="-en-preview"]');
    expect(await preview?.evaluate((element) => element.textContent)).toContain('Jane');

    const before = await libraryRecords();
    await (await byName(page, 'button', 'Save library')).click();
    await waitUntil(async () => (await statusText(library)).includes('Saved.'), 'the library saved', 20_000);
    await waitUntil(async () => (await libraryRecords()) > before, 'a new library record in the mailbox');

    library = await openOptions();
    await byName(page, 'button', EDITED_NAME);
    const savedBy = await library.$eval('#lib-saved-by', (element) => element.textContent ?? '');
    expect(savedBy).toContain('Last saved by Anna Kowalska');
  });

  it('refuses a broken library file with the line and column of the mistake, changing nothing', async () => {
    const before = await libraryRecords();
    const path = join(await mkdtemp(join(tmpdir(), 'labeldesk-library-')), 'replies-broken.json');
    await writeFile(path, BROKEN_LIBRARY_FILE);
    const input = await page.waitForSelector('#lib-import');
    expect((await page.accessibility.snapshot({ root: input ?? undefined }))?.name).toBe('Import library…');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(path);

    const text = await waitUntil(async () => {
      const alert = await page.$('#lib-import-problems');
      return alert ? alert.evaluate((element) => (element as HTMLElement).innerText) : undefined;
    }, 'the import problems');
    expect(text).toContain('replies-broken.json was not imported, nothing was changed:');
    expect(text).toContain('line 5, column 3: a comma is missing');
    // The library is as it was: the edited template is there, no shortcut came in, no record was written.
    await byName(page, 'button', EDITED_NAME);
    expect(await page.$(aria('button', 'Remove shortcut evil'))).toBeNull();
    expect(await libraryRecords()).toBe(before);
  });

  it('passes axe (no serious or critical violation) in the light and the dark colour scheme', async () => {
    // With a template open, so its form, variables and preview are checked too.
    await (await byName(page, 'button', EDITED_NAME)).click();
    await byName(page, 'textbox', 'Template name');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, {}, scheme);
      const library = await byName(page, 'region', 'Reply library');
      await expectAccessible(page, library, `the reply library (${scheme})`);
    }
  });
});
