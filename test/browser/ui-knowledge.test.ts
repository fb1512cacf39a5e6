import { mkdir, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { byName, type Harness, startWithSyncedPage, waitUntil } from './harness';

/**
 * The knowledge-base page (English) on the demo mailbox, driven by accessible names: an article created,
 * found by search, edited, saved as shared records and read back after a reload; a hostile body shown inert
 * by the real DOMPurify in Chromium; delete and Undo; the Markdown export read from the downloaded file;
 * axe in both colour schemes, and screenshots at 1440x900 in labeldesk-kb-shots/ in the OS temporary folder.
 */

/** Screenshots for the closing note, outside the repository. */
const SHOTS = join(tmpdir(), 'labeldesk-kb-shots');

describe('the knowledge-base page on the demo mailbox (English)', () => {
  let harness: Harness;
  let page: Page;
  let downloads: string;

  const pageUrl = (hash = '') => `chrome-extension://${harness.extensionId}/src/knowledge/index.html${hash}`;
  const open = async (hash = '') => {
    await page.goto(pageUrl(hash));
    await page.waitForSelector('.ld-kb-toolbar button:not([disabled])', { timeout: 20_000 });
  };
  const listTitles = () =>
    page.$$eval('.ld-kb-item-title', (items) => items.map((item) => item.textContent ?? ''));
  const fieldValue = (selector: string) =>
    page.$eval(selector, (element) => (element as HTMLInputElement).value);
  const status = () =>
    page.$$eval('[role="status"]', (items) => items.map((item) => item.textContent ?? '').join('\n'));
  const fill = async (role: string, name: string, value: string) => {
    const box = await byName(page, role, name);
    await box.click({ count: 3 });
    await box.press('Backspace');
    await box.type(value);
  };
  /** The articles the service worker hands every agent ('kb.list'), not only what the page shows. */
  const stored = () =>
    page.evaluate(async () => {
      const ask = (method: string, args: unknown) =>
        chrome.runtime.sendMessage({ labeldesk: 1, method, args });
      const mailboxes = JSON.stringify(await ask('team.mailboxes', {}));
      const mailbox = /[\w.+-]+@[\w.-]+/.exec(mailboxes)?.[0] ?? '';
      return JSON.stringify(await ask('kb.list', { mailbox }));
    });
  const save = async () => {
    await (await byName(page, 'button', 'Save article')).click();
    await waitUntil(async () => (await status()).includes('Saved.'), 'the article saved', 20_000);
  };

  let closeAll: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ harness, page, downloads, close: closeAll } = await startWithSyncedPage('labeldesk-kb-export-'));
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await closeAll?.();
  });

  it('creates an article, finds it by search, edits and saves it, and sees it after a reload', async () => {
    await open();
    expect(await page.$eval('h1', (element) => element.textContent)).toBe('Knowledge base');
    await (await byName(page, 'button', 'New article')).click();
    await fill('textbox', 'Title', 'Where is my parcel?');
    await fill(
      'textbox',
      'Article text (Markdown)',
      '# Tracking\n\nUse the **tracking link** in your shipping email, or [our page](https://shop.example/track).',
    );
    await page.waitForFunction(
      () => document.querySelector('#kb-preview strong')?.textContent === 'tracking link',
    );
    await (await byName(page, 'radio', 'Published')).click();
    await fill('textbox', 'Public page (https://…)', 'https://shop.example/help/parcel');
    await save();
    expect(await stored()).toContain('"title":"Where is my parcel?"');
    expect(await stored()).toContain('"author":"Anna Kowalska"');
    const articleId = /#article=([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(articleId).toBeDefined();

    await fill('searchbox', 'Search articles', 'parc');
    await waitUntil(async () => (await listTitles()).join() === 'Where is my parcel?', 'the search hit');
    await fill('searchbox', 'Search articles', 'zzzz');
    await waitUntil(async () => (await status()).includes('No article matches.'), 'no match');
    await fill('searchbox', 'Search articles', '');

    await fill('textbox', 'Title', 'Where is my parcel now?');
    await save();

    await page.reload();
    await page.waitForFunction(
      () =>
        (document.getElementById('kb-title') as HTMLInputElement | null)?.value === 'Where is my parcel now?',
      { timeout: 20_000 },
    );
    expect(await listTitles()).toContain('Where is my parcel now?');
    expect(await fieldValue('#kb-url')).toBe('https://shop.example/help/parcel');
    expect(await page.$eval('#kb-preview a', (link) => link.getAttribute('href'))).toBe(
      'https://shop.example/track',
    );
  });

  it('shows a hostile body inert: no script, handler, frame, image or javascript: link in the page', async () => {
    await open();
    await (await byName(page, 'button', 'New article')).click();
    await fill('textbox', 'Title', 'Hostile "quoted" <b>title</b>');
    const body = [
      '<script>window.pwned = 1</script>',
      '<img src=x onerror="window.pwned = 2">',
      '<iframe src="https://evil.example"></iframe>',
      '[click](javascript:window.pwned=3)',
      '<a href="javascript:window.pwned=4" onclick="window.pwned=5">raw</a>',
      '![pixel](https://tracker.example/p.png)',
      '<svg onload="window.pwned=6"></svg>',
    ].join('\n\n');
    // Set as a paste would: typing this much character by character takes long and proves nothing more.
    await page.$eval(
      '#kb-body',
      (element, text) => {
        const area = element as HTMLTextAreaElement;
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      },
      body,
    );
    await page.waitForFunction(() =>
      document.querySelector('#kb-preview')?.textContent?.includes('<script>'),
    );
    const found = await page.$eval('#kb-preview', (preview) => ({
      dangerous: preview.querySelectorAll('script, img, iframe, svg, style, object, embed, form, input')
        .length,
      attributes: [...preview.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes]
          .map((attribute) => attribute.name)
          .filter((name) => /^(on|style|src)/i.test(name)),
      ),
      links: [...preview.querySelectorAll('a')].map((link) => link.getAttribute('href')),
      pwned: (window as { pwned?: number }).pwned,
    }));
    expect(found).toEqual({ dangerous: 0, attributes: [], links: [], pwned: undefined });
    await save();
    const titles = await listTitles();
    expect(titles).toContain('Hostile "quoted" <b>title</b>');
    expect(await page.$$eval('.ld-kb-items b', (bold) => bold.length)).toBe(0);
  });

  it('deletes an article and brings it back with Undo', async () => {
    await open();
    const hostile = await page.waitForSelector('xpath///a[.//span[starts-with(., "Hostile")]]');
    await hostile?.click();
    await (await byName(page, 'button', 'Delete article')).click();
    const undo = await byName(page, 'button', 'Undo');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await waitUntil(
      async () => !(await listTitles()).some((t) => t.startsWith('Hostile')),
      'the article gone',
    );
    expect(await stored()).not.toContain('Hostile');
    await undo.click();
    await waitUntil(async () => (await status()).includes('restored.'), 'the article restored');
    expect((await listTitles()).some((t) => t.startsWith('Hostile'))).toBe(true);
    expect(await stored()).toContain('Hostile');
  });

  it('exports the published articles as one Markdown file', async () => {
    await open();
    await (await byName(page, 'button', 'Export Markdown')).click();
    const file = await waitUntil(
      async () => (await readdir(downloads)).find((name) => name.endsWith('.md')),
      'the Markdown file',
      20_000,
    );
    expect(file).toMatch(/^knowledge-base-\d{4}-\d{2}-\d{2}\.md$/);
    const text = await readFile(join(downloads, file), 'utf8');
    expect(text).toMatch(/^# Knowledge base: /);
    expect(text).toContain('## Where is my parcel now?');
    expect(text).toContain('*Language: English · Owner: Anna Kowalska · Last reviewed: ');
    expect(text).toContain('Public page: <https://shop.example/help/parcel>');
    expect(text).toContain('Use the **tracking link**');
    // The hostile article is a draft: drafts stay out of an export.
    expect(text).not.toContain('Hostile');
  });

  it('passes axe (no serious or critical violation) in the light and the dark colour scheme', async () => {
    await open();
    const parcel = await page.waitForSelector('xpath///a[.//span[.="Where is my parcel now?"]]');
    await parcel?.click();
    await page.waitForSelector('#kb-preview');
    await waitUntil(
      async () => (await page.$('.ld-kb-candidates [role="status"]')) === null,
      'the FAQ candidates',
      30_000,
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, {}, scheme);
      const root = await page.waitForSelector('.ld-kb');
      if (!root) throw new Error('no page');
      await expectAccessible(page, root, `the knowledge base (${scheme})`);
      await page.screenshot({ path: `${SHOTS}/knowledge-${scheme}.png`, fullPage: false });
    }
    await page.screenshot({ path: `${SHOTS}/knowledge-dark-full.png`, fullPage: true });
  });
});
