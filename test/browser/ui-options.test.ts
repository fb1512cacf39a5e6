import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import { aria, byName, type Harness, startHarness, waitForSidebarText, waitUntil } from './harness';

/**
 * The options page in English, driven by accessible names: the team set-up (agents, "I am", starter tags)
 * saved for the whole team lands as a config record in the mailbox; a broken JSON file is refused with the
 * line and column of the mistake and changes nothing; axe in the light and the dark colour scheme.
 */

const RECORDS_LABEL = 'Helpdesk/.records';

/** Missing comma at the end of line 5: the parser stops at line 6, column 5 ("tags"). */
const BROKEN_TEAM_FILE = `{
  "labeldesk": "team-config",
  "version": 1,
  "config": {
    "agents": [{ "name": "Eve Mallory", "email": "eve@elsewhere.example" }]
    "tags": []
  }
}
`;

interface MessageList {
  messages?: { id: string }[];
}

describe('the options page, by accessible name (English)', () => {
  let harness: Harness;
  let page: Page;

  /** Subjects of the messages under the records label, from the stand-in's API. */
  const recordSubjects = async (): Promise<string[]> => {
    const { labels } = await harness.api<{ labels: { id: string; name: string }[] }>('labels');
    const records = labels.find((label) => label.name === RECORDS_LABEL);
    if (records === undefined) return [];
    const { messages = [] } = await harness.api<MessageList>(
      `messages?labelIds=${encodeURIComponent(records.id)}&maxResults=500`,
    );
    return Promise.all(
      messages.map(async ({ id }) => {
        const message = await harness.api<{ payload: { headers: { name: string; value: string }[] } }>(
          `messages/${id}?format=metadata&metadataHeaders=Subject`,
        );
        return message.payload.headers.find((header) => header.name === 'Subject')?.value ?? '';
      }),
    );
  };
  const configRecords = async () =>
    (await recordSubjects()).filter((subject) => subject === 'Labeldesk config').length;

  /** Types into a text box found by name inside `scope`, replacing what was there. */
  const fill = async (scope: ElementHandle<Element> | Page, name: string, value: string) => {
    const box = await scope.waitForSelector(aria('textbox', name));
    if (box === null) throw new Error(`No text box ${name}`);
    await box.click({ count: 3 });
    await box.press('Backspace');
    await box.type(value);
  };

  const statusText = (scope: ElementHandle<Element>) =>
    scope.evaluate((element) =>
      [...element.querySelectorAll('[role="status"]')].map((status) => status.textContent ?? '').join('\n'),
    );

  beforeAll(async () => {
    harness = await startHarness();
    await harness.configure({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    // The options page sets up the mailboxes a Gmail tab has shown; the tab signs in and syncs.
    const gmail = await harness.openInbox();
    await waitForSidebarText(gmail, (text) => /All open\n[1-9]/.test(text), 40_000);
    page = await harness.browser.newPage();
    await page.goto(`chrome-extension://${harness.extensionId}/src/options/index.html`);
    await page.waitForSelector('form[aria-busy="false"]');
    await byName(page, 'button', 'Save for the whole team', 20_000);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the team set-up the mailbox has, adds an agent, picks "I am" among them, adds starter tags and saves it for the whole team', async () => {
    // The demo mailbox comes with its team set-up (a seeded config record): the form shows its agents.
    const seeded = await configRecords();
    expect(seeded).toBe(1);
    await byName(page, 'group', 'Anna Kowalska');
    await byName(page, 'group', 'Dmitri Sokolov');

    await (await byName(page, 'button', 'Add agent')).click();
    const added = await byName(page, 'group', 'Agent 5');
    await fill(added, 'Name', 'Piotr Nowak');
    await fill(added, 'Email address', 'piotr@northwind-shop.example');
    await fill(added, 'Groups', 'Tech');
    await (await added.waitForSelector(aria('checkbox', 'Team lead')))?.click();
    // The fieldset is named after the agent once the name is typed.
    await byName(page, 'group', 'Piotr Nowak');
    await byName(page, 'button', 'Remove Piotr Nowak');

    // "I am" becomes a choice among the agents.
    const iAm = await byName(page, 'combobox', 'I am');
    const offered = await iAm.evaluate((select) =>
      [...(select as HTMLSelectElement).options].map((option) => option.value),
    );
    expect(offered).toEqual(expect.arrayContaining(['Anna Kowalska', 'Dmitri Sokolov', 'Piotr Nowak']));
    await iAm.select('Dmitri Sokolov');
    await (await byName(page, 'button', 'Save')).click();
    const you = await byName(page, 'region', 'You');
    await waitUntil(
      async () => (await statusText(you)).includes('Saved.'),
      '"Saved." for the personal settings',
    );
    const stored = await (await harness.serviceWorker()).evaluate(() =>
      chrome.storage.sync.get('labeldesk.settings'),
    );
    expect(stored['labeldesk.settings']).toMatchObject({ agentName: 'Dmitri Sokolov' });

    await (await byName(page, 'button', 'Add starter tags')).click();
    const team = await byName(page, 'region', 'Team set-up');
    await waitUntil(
      async () => /Added \d+ starter tags?/.test(await statusText(team)),
      'the starter tags note',
    );
    const firstTag = await byName(page, 'textbox', 'Tag 1');
    expect(await firstTag.evaluate((input) => (input as HTMLInputElement).value)).not.toBe('');

    await (await byName(page, 'button', 'Save for the whole team')).click();
    await waitUntil(
      async () => (await statusText(team)).includes('Saved for the whole team.'),
      'the team set-up to be saved',
      20_000,
    );
    await waitUntil(
      async () => (await configRecords()) === seeded + 1,
      'a new "Labeldesk config" record in the mailbox',
    );
  });

  it('refuses a broken JSON file with the line and column of the mistake, changing nothing', async () => {
    const before = await configRecords();
    const path = join(await mkdtemp(join(tmpdir(), 'labeldesk-import-')), 'team-broken.json');
    await writeFile(path, BROKEN_TEAM_FILE);
    const input = await page.waitForSelector('input[type="file"]');
    expect((await page.accessibility.snapshot({ root: input ?? undefined }))?.name).toBe('Import from JSON…');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(path);

    const text = await waitUntil(async () => {
      for (const alert of await page.$$('::-p-aria([role="alert"])')) {
        const shown = await alert.evaluate((element) => (element as HTMLElement).innerText);
        if (shown.includes('was not imported')) return shown;
      }
      return undefined;
    }, 'the import problems');
    expect(text).toContain('team-broken.json was not imported, nothing was changed:');
    expect(text).toContain('line 6, column 5: a comma is missing');

    // The form still holds what was typed, and no record was written.
    await byName(page, 'group', 'Anna Kowalska');
    await byName(page, 'group', 'Dmitri Sokolov');
    expect(await page.$(aria('group', 'Eve Mallory'))).toBeNull();
    expect(await configRecords()).toBe(before);
  });

  it('re-binds "Next ticket" in the shortcut editor, and Gmail follows the new keys', async () => {
    await (await byName(page, 'button', 'Change the shortcut for Next ticket')).click();
    // While recording, the button says so; the keys pressed next become the shortcut.
    await byName(page, 'button', 'Press the new keys for Next ticket, or Esc to cancel');
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyX');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    const change = await byName(page, 'button', 'Change the shortcut for Next ticket');
    const row = await change.evaluateHandle((button) => button.closest('tr') as Element);
    expect(await row.evaluate((tr) => (tr as HTMLElement).innerText)).toContain('Alt+Shift+X');
    await (await byName(page, 'button', 'Save shortcuts')).click();
    const editor = await byName(page, 'region', 'Keyboard shortcuts');
    await waitUntil(
      async () => (await statusText(editor)).includes('Shortcuts saved.'),
      '"Shortcuts saved."',
    );
    const stored = await (await harness.serviceWorker()).evaluate(() =>
      chrome.storage.sync.get('labeldesk.settings'),
    );
    const shortcuts = (stored['labeldesk.settings'] as { shortcuts: Record<string, string> }).shortcuts;
    expect(Object.values(shortcuts)).toContain('Alt+Shift+KeyX');

    // A Gmail tab opened now reads the new binding: Alt+Shift+X moves to the next ticket of the queue.
    const gmail = await harness.openInbox();
    const pending = await byName(gmail, 'region', 'Queues', 20_000);
    await waitForSidebarText(gmail, (text) => /Pending\n[2-9]/.test(text), 20_000);
    const pendingButton = await waitUntil(async () => {
      for (const button of await pending.$$('::-p-aria([role="button"])')) {
        const name = (await gmail.accessibility.snapshot({ root: button }))?.name ?? '';
        if (name.startsWith('Pending, ')) return button;
      }
      return undefined;
    }, 'the Pending queue button');
    await pendingButton.click();
    const rows = await (await byName(gmail, 'list', 'Tickets in Pending')).$$('::-p-aria([role="button"])');
    const [first, second] = await Promise.all(
      rows
        .slice(0, 2)
        .map((button) => button.evaluate((element) => element.getAttribute('data-thread-id') ?? '')),
    );
    await rows[0]?.click();
    await gmail.waitForFunction(
      (id) => document.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') === id,
      {},
      first,
    );
    await gmail.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await gmail.keyboard.down('Alt');
    await gmail.keyboard.down('Shift');
    await gmail.keyboard.press('KeyX');
    await gmail.keyboard.up('Shift');
    await gmail.keyboard.up('Alt');
    await gmail.waitForFunction(
      (id) => document.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') === id,
      {},
      second,
    );
    await gmail.close();
  });

  it('passes axe (no serious or critical violation) in the light and the dark colour scheme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      // The page follows the system setting through matchMedia's change event.
      await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, {}, scheme);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background === 'rgb(255, 255, 255)').toBe(scheme === 'light');
      const body = await page.waitForSelector('body');
      if (body === null) throw new Error('No body');
      await expectAccessible(page, body, `the options page (${scheme}, background ${background})`);
    }
  });
});
