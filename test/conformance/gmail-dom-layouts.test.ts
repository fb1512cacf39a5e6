/**
 * The DOM adapter (src/gmail/dom) run in Chromium on every Gmail layout the stand-in's page renders, against
 * the same mailbox read through the official Gmail client: real layout (heights, painted colours) where the
 * unit tests only have happy-dom's declared styles. The facts each layout reproduces and their public sources
 * are listed in src/gmail/dom/selectors.ts, mailbox.ts and look.ts; the layouts are chosen by URL as
 * scripts/gmail-standin/page/layout.ts describes.
 */
import { join } from 'node:path';
import type { gmail_v1 } from '@googleapis/gmail';
import type { Browser, Page } from 'puppeteer-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumHome, launchPageChromium } from '../browser/chromium';
import { type Standin, startTestStandin } from './standin-harness';

const MAILBOX = 'support@northwind-shop.example';
const GMAIL = 'https://mail.google.com';
const DOM = join(import.meta.dirname, '../../src/gmail/dom');

let standin: Standin;
let client: gmail_v1.Gmail;
let browser: Browser;
let page: Page;
let home: ChromiumHome | undefined;
let adapter = '';

/** The adapter's public functions as one script, put on `window.__labeldeskDom` in the page. */
async function bundleAdapter(): Promise<string> {
  const entry = `
    export { readGmailLook } from '${DOM}/look';
    export { readMailbox, checkMailboxForWrites } from '${DOM}/mailbox';
    export { readSelectedThreads } from '${DOM}/selection';
    export { isReplying } from '${DOM}/replying';
    export { resolveThreadId } from '${DOM}/thread-id';
  `;
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        // Vite resolves the lib entry against its root; the entry is this module's text, not a file.
        name: 'labeldesk-dom-entry',
        enforce: 'pre',
        resolveId: (id) => (id.endsWith('labeldesk-dom-entry') ? '\0labeldesk-dom-entry' : undefined),
        load: (id) => (id === '\0labeldesk-dom-entry' ? entry : undefined),
      },
    ],
    build: {
      write: false,
      minify: false,
      lib: { entry: 'labeldesk-dom-entry', formats: ['iife'], name: '__labeldeskDom' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((file) => file.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('the adapter did not bundle');
  return chunk.code;
}

/** A fresh load of `url`, waiting for `ready` in the main region, with the adapter injected. */
async function open(url: string, ready: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${GMAIL}${url}`, { waitUntil: 'load' });
  await page.waitForSelector(`div[role=main] ${ready}`, { timeout: 10_000 });
  await page.evaluate(`${adapter}\nwindow.__labeldeskDom = __labeldeskDom;`);
}

function inPage<T>(expression: string): Promise<T> {
  return page.evaluate(
    `(async () => { const dom = window.__labeldeskDom; return ${expression}; })()`,
  ) as Promise<T>;
}

async function inboxThreadIds(): Promise<string[]> {
  const listed = await client.users.threads.list({ userId: 'me', labelIds: ['INBOX'], maxResults: 50 });
  return (listed.data.threads ?? []).map((thread) => thread.id ?? '');
}

/** The demo inbox's first thread with several messages, as the list links it (`#inbox/<token>`). */
async function threadWithReplies(): Promise<{ href: string; threadId: string }> {
  await open('/mail/u/0/#inbox', 'tr.zA');
  return page.$eval('tr.zA:has(.bx0)', (tr) => ({
    href: tr.getAttribute('data-standin-href') ?? '',
    threadId: tr.querySelector('[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id') ?? '',
  }));
}

beforeAll(async () => {
  adapter = await bundleAdapter();
  ({ standin, client } = await startTestStandin({ seed: 'demo', tlsPort: 0 }));
  if (standin.tlsPort === undefined) throw new Error('the stand-in started without its TLS port');
  ({ browser, home } = await launchPageChromium({ tlsPort: standin.tlsPort, tlsSpki: standin.tlsSpki }));
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
  await home?.remove();
});

describe('accounts and delegated mailboxes', () => {
  it('/mail/u/1/ is the second account: index 1, the mailbox from the account button, the API inbox listed', async () => {
    await open('/mail/u/1/#inbox', 'tr.zA');
    expect(await inPage('dom.readMailbox(document)')).toEqual({
      address: MAILBOX,
      accountIndex: 1,
      delegated: false,
      signedInAs: MAILBOX,
      source: 'account-button',
    });
    const shown = await page.$$eval('tr.zA [data-legacy-thread-id]', (spans) =>
      spans.map((span) => span.getAttribute('data-legacy-thread-id')),
    );
    expect(shown).toEqual(await inboxThreadIds());
  });

  it('/mail/u/0/d/<token>/ is a delegated mailbox: its address from the title, writes only with its own token', async () => {
    await open('/mail/u/0/d/AEoRXRTconformance0/#inbox', 'tr.zA');
    const mailbox = await inPage<Record<string, unknown>>('dom.readMailbox(document)');
    expect(mailbox).toMatchObject({
      address: MAILBOX,
      delegated: true,
      delegationToken: 'AEoRXRTconformance0',
      source: 'title',
    });
    const profile = await client.users.getProfile({ userId: 'me' });
    expect(
      await inPage(
        `dom.checkMailboxForWrites(dom.readMailbox(document), ${JSON.stringify(profile.data.emailAddress)})`,
      ),
    ).toEqual({ ok: true, address: MAILBOX });
    expect(
      await inPage(`dom.checkMailboxForWrites(dom.readMailbox(document), 'ada@northwind-shop.example')`),
    ).toMatchObject({ ok: false, reason: 'delegated' });
  });
});

describe('theme and density, as Gmail paints them', () => {
  it('[inboxsdk-styles] the dark theme paints .bkK > .nH rgb(32, 33, 36): dark', async () => {
    await open('/mail/u/0/?standin-theme=dark#inbox', 'tr.zA');
    expect(await page.$eval('.bkK > .nH', (main) => getComputedStyle(main).backgroundColor)).toBe(
      'rgb(32, 33, 36)',
    );
    expect(await inPage('dom.readGmailLook(document)')).toEqual({ theme: 'dark', density: 'default' });
  });

  it('[inboxsdk-styles] compact density has 24 px nav items .aim and shorter rows: compact', async () => {
    await open('/mail/u/0/?standin-density=compact#inbox', 'tr.zA');
    expect(await page.$eval('.aim', (item) => item.getBoundingClientRect().height)).toBe(24);
    expect(await page.$eval('tr.zA', (row) => row.getBoundingClientRect().height)).toBeLessThanOrEqual(32);
    expect(await inPage('dom.readGmailLook(document)')).toEqual({ theme: 'light', density: 'compact' });
  });

  it('the default layout is light with 32 px nav items and 40 px rows', async () => {
    await open('/mail/u/0/#inbox', 'tr.zA');
    expect(await page.$eval('.aim', (item) => item.getBoundingClientRect().height)).toBe(32);
    expect(await page.$eval('tr.zA', (row) => row.getBoundingClientRect().height)).toBe(40);
    expect(await inPage('dom.readGmailLook(document)')).toEqual({ theme: 'light', density: 'default' });
  });
});

describe('multi-select in the thread list', () => {
  it('[row-selection] a row checkbox sets aria-checked and .x7; the adapter reads the checked threads', async () => {
    await open('/mail/u/0/#inbox', 'tr.zA');
    const ids = await inboxThreadIds();
    await page.click('tr.zA:nth-child(2) [role=checkbox]');
    await page.click('tr.zA:nth-child(5) [role=checkbox]');
    expect(await page.$$eval('tr.zA.x7', (rows) => rows.length)).toBe(2);
    expect(await page.$$eval('tr.zA [role=checkbox][aria-checked=true]', (boxes) => boxes.length)).toBe(2);
    expect(await inPage('dom.readSelectedThreads(document)')).toEqual([ids[1], ids[4]]);
    await page.click('tr.zA:nth-child(2) [role=checkbox]');
    expect(await inPage('dom.readSelectedThreads(document)')).toEqual([ids[4]]);
  });

  it("the toolbar's checkbox selects every row of the page", async () => {
    await open('/mail/u/0/#inbox', 'tr.zA');
    await page.click('[gh=mtb] [role=checkbox]');
    expect(await inPage('dom.readSelectedThreads(document)')).toEqual(await inboxThreadIds());
  });
});

describe('the reading pane and replies', () => {
  it('[gmailjs] with the reading pane on, [gh=tl] has .aia and the row opens beside the list', async () => {
    const { threadId } = await threadWithReplies();
    await open('/mail/u/0/?standin-reading-pane=right#inbox', 'tr.zA');
    expect(await page.$('div[role=main] [gh=tl].aia')).not.toBeNull();
    await page.$eval(`tr.zA:has([data-legacy-thread-id="${threadId}"]) .y6`, (subject) =>
      (subject as HTMLElement).click(),
    );
    await page.waitForSelector('div[role=main] .standin-reading-pane h2.hP');
    expect(await page.$$eval('div[role=main] tr.zA', (rows) => rows.length)).toBeGreaterThan(0);
    expect(await inPage('dom.resolveThreadId(document)')).toEqual({
      ok: true,
      threadId,
      source: 'legacy-attribute',
    });
  });

  it('[design] an inline reply open under the thread is replying', async () => {
    const { href, threadId } = await threadWithReplies();
    await open(`/mail/u/0/${href}`, 'h2.hP');
    expect(await inPage(`dom.isReplying(document, ${JSON.stringify(threadId)})`)).toBe(false);
    await page.click('div[role=main] .standin-reply-bar [data-standin-action=reply]');
    await page.waitForSelector('div[role=main] .M9 [g_editable="true"]');
    expect(await inPage(`dom.isReplying(document, ${JSON.stringify(threadId)})`)).toBe(true);
  });

  it('[compose-html] a popped-out reply is a [role=dialog] in .dw .nH > .nH > .no whose subjectbox names the thread; Send sends it', async () => {
    const { href, threadId } = await threadWithReplies();
    await open(`/mail/u/0/?standin-reply=popout${href}`, 'h2.hP');
    const subject = await page.$eval('h2.hP', (h2) => h2.textContent ?? '');
    await page.click('div[role=main] .standin-reply-bar [data-standin-action=reply]');
    const body =
      '.dw .nH > .nH > .no [role=dialog] [g_editable="true"][role=textbox][aria-label="Message Body"]';
    await page.waitForSelector(body);
    expect(
      await page.$eval(
        '.dw [role=dialog] input[name=subjectbox]',
        (input) => (input as HTMLInputElement).value,
      ),
    ).toBe(/^re:/i.test(subject) ? subject : `Re: ${subject}`);
    expect(await inPage(`dom.isReplying(document, ${JSON.stringify(threadId)})`)).toBe(true);
    // A new message from Compose opens beside it and is no reply.
    await page.click('[gh=cm]');
    await page.waitForFunction(() => document.querySelectorAll('.dw [role=dialog]').length === 2);

    const before = (await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' })).data
      .messages?.length;
    await page.type(body, 'Sent from the pop-out.');
    await page.click('.dw [role=dialog][data-standin-reply] [data-standin-action=send]');
    await page.waitForFunction(() => document.querySelectorAll('.dw [role=dialog]').length === 1);
    const after = await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
    expect(after.data.messages?.length).toBe((before ?? 0) + 1);
    await page.waitForFunction(
      (count) => document.querySelectorAll('div[role=main] div.adn.ads').length === count,
      {},
      (before ?? 0) + 1,
    );
    expect(await inPage(`dom.isReplying(document, ${JSON.stringify(threadId)})`)).toBe(false);
  });
});
