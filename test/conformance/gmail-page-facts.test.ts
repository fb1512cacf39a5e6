/**
 * Every Gmail page fact the stand-in's page reproduces, each checked in Chromium on the served page
 * (`https://mail.google.com/mail/u/0/` mapped to the stand-in's TLS port, the demo seed) against the same
 * mailbox read through the official Gmail client. Each test names its source:
 *
 * - [design] DESIGN.md section 5, "Gmail page facts the DOM adapter starts from".
 * - [arsenal] URL tokens: https://github.com/ArsenalRecon/GmailURLDecoder (GmailURLDecoder.py, README).
 * - [inboxsdk-thread] h2 with data-thread-perm-id + data-legacy-thread-id, messages as children of .h7's parent:
 *   https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/views/gmail-thread-view.ts
 * - [inboxsdk-message] [data-message-id] with data-legacy-message-id, sender `td.gF span[email]` with `name`,
 *   recipients `.hb span[email]`, date `.ads .gK .g3[title]`, body `div.ii.gt`, More `tr.acZ div.T-I.J-J5-Ji.aap.L3[role=button][aria-haspopup]`:
 *   https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/views/gmail-message-view.ts
 * - [inboxsdk-getter] companion side panel `.brC-brG`, its icon strip `.brC-aT5-aOt-Jw[role=navigation][aria-label="Side panel"]`,
 *   compose button `[gh=cm]`, left nav `.aeN`, toolbar `[gh=tm]`/`[gh=mtb]`:
 *   https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/gmail-element-getter.ts
 * - [gmailjs] `div[role=main]`, `div[role=navigation] [title]` nav links, `.hP` subject, `[gh=tl]` list:
 *   https://github.com/KartikTalwar/gmail.js/blob/master/src/gmail.js
 * - [flowcrypt] Gmail driven by Puppeteer: `[aria-label="Search mail"]` + Enter, `[data-tooltip="Reply"]`,
 *   `div[aria-label="Message Body"]`, `[data-tooltip^="Send"]`, `.h7:last-child`, `/FMfcg…` tokens in URLs:
 *   https://github.com/FlowCrypt/flowcrypt-browser/blob/master/test/source/tests/gmail.ts
 * - [title] Gmail's tab title "Inbox (8,484) - name@gmail.com - Gmail" and "Inbox - name@gmail.com - Gmail"
 *   when nothing is unread, as quoted in public test code that reads real Gmail tabs (found with the code search).
 *
 * The page's other layouts (a second account `/mail/u/1/`, a delegated mailbox `/mail/u/0/d/<token>/`, dark theme,
 * compact density, the reading pane `[gh=tl].aia`, pop-out compose `.dw .nH > .nH > .no [role=dialog]`, row
 * checkboxes with `.x7`) are checked with the DOM adapter in gmail-dom-layouts.test.ts; their sources are listed
 * in src/gmail/dom/selectors.ts, mailbox.ts and look.ts.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeThreadToken,
  encodeThreadToken,
  permIdFromMessageId,
  permIdFromThreadId,
} from '../../src/gmail/dom/thread-token';
import { type ChromiumHome, launchPageChromium } from '../browser/chromium';
import { rawMessage, type Standin, startTestStandin } from './standin-harness';

const MAILBOX = 'support@northwind-shop.example';
const GMAIL = 'https://mail.google.com/mail/u/0/';

let standin: Standin;
let client: gmail_v1.Gmail;
let browser: Browser;
let page: Page;
let home: ChromiumHome | undefined;

async function open(hash: string): Promise<void> {
  // A goto that only changes the hash stays in the same document, where the previous view's elements
  // would satisfy the next wait and then be replaced under the click: always start from a fresh load.
  await page.goto('about:blank');
  await page.goto(`${GMAIL}${hash}`, { waitUntil: 'load' });
  await page.waitForFunction(
    (expected) => document.querySelector('[data-standin-view]') !== null && location.hash === expected,
    {},
    hash === '' ? '#inbox' : hash,
  );
}

/** Waits until the client has swapped in the view for the current hash. */
async function viewFor(selector: string): Promise<void> {
  await page.waitForSelector(`div[role=main] ${selector}`, { timeout: 10_000 });
}

function attr(selector: string, name: string): Promise<string | null> {
  return page.$eval(selector, (element, attribute) => element.getAttribute(attribute), name);
}

async function inboxThreadIds(): Promise<string[]> {
  const listed = await client.users.threads.list({ userId: 'me', labelIds: ['INBOX'], maxResults: 50 });
  return (listed.data.threads ?? []).map((thread) => thread.id ?? '');
}

beforeAll(async () => {
  ({ standin, client } = await startTestStandin({ seed: 'demo', tlsPort: 0 }));
  if (standin.tlsPort === undefined) throw new Error('the stand-in started without its TLS port');
  ({ browser, home } = await launchPageChromium({ tlsPort: standin.tlsPort, tlsSpki: standin.tlsSpki }));
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
  await home?.remove();
});

describe('the page and its chrome', () => {
  it('[design] is served at https://mail.google.com/mail/u/0/ and an empty hash becomes #inbox', async () => {
    await page.goto(GMAIL, { waitUntil: 'load' });
    await page.waitForFunction(() => location.hash === '#inbox');
    expect(new URL(page.url()).host).toBe('mail.google.com');
  });

  it('[title] titles the inbox "Inbox (<unread threads>) - <address> - Gmail"', async () => {
    await open('#inbox');
    const inbox = await client.users.labels.get({ userId: 'me', id: 'INBOX' });
    const unread = inbox.data.threadsUnread ?? 0;
    expect(unread).toBeGreaterThan(0);
    expect(await page.title()).toBe(`Inbox (${unread.toLocaleString('en-US')}) - ${MAILBOX} - Gmail`);
  });

  it('[design] shows the mailbox in the account button a[aria-label*="@"]', async () => {
    const label = await attr('a[aria-label*="@"]', 'aria-label');
    expect(label).toBe(`Google Account: Northwind Support (${MAILBOX})`);
    expect(label?.match(/[\w.+-]+@[\w.-]+/)?.[0]).toBe(MAILBOX);
  });

  it('[gmailjs] has one div[role=main] and nav links div[role=navigation] a[title] for Inbox, Starred, Sent and nested labels', async () => {
    expect(await page.$$eval('div[role=main]', (mains) => mains.length)).toBe(1);
    const titles = await page.$$eval('div[role=navigation] a[title]', (links) =>
      links.map((a) => a.getAttribute('title')),
    );
    expect(titles).toEqual(
      expect.arrayContaining(['Inbox', 'Starred', 'Sent', 'Helpdesk', 'Helpdesk/Status']),
    );
    const userLabels = (await client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const helpdesk = userLabels.filter(
      (label) => label.type === 'user' && label.name?.startsWith('Helpdesk/'),
    );
    expect(helpdesk.length).toBeGreaterThan(5);
    for (const label of helpdesk) expect(titles).toContain(label.name);
  });

  it('[inboxsdk-getter] has the compose button, the toolbar, the side panel strip, and no role=complementary of its own', async () => {
    expect(await page.$('.aeN[role=navigation] [gh=cm][role=button]')).not.toBeNull();
    expect(await page.$('div[role=main] [gh=tm] [gh=mtb]')).not.toBeNull();
    expect(await page.$('.brC-aT5-aOt-Jw[role=navigation][aria-label="Side panel"]')).not.toBeNull();
    expect(await page.$('.brC-brG')).not.toBeNull();
    // The extension's sidebar is the page's only complementary landmark (DESIGN.md section 7).
    expect(await page.$$eval('[role=complementary]', (found) => found.length)).toBe(0);
  });

  it('[flowcrypt] searches from form[role=search] input[aria-label="Search mail"] into #search/<query>', async () => {
    await open('#inbox');
    await page.type('form[role=search] input[aria-label="Search mail"]', 'refund');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#search/refund');
    await viewFor('[data-standin-view=list]');
    const shown = await page.$$eval('tr.zA [data-legacy-thread-id]', (spans) =>
      spans.map((span) => span.getAttribute('data-legacy-thread-id')),
    );
    const found = await client.users.threads.list({ userId: 'me', q: 'refund', maxResults: 50 });
    expect(shown).toEqual((found.data.threads ?? []).map((thread) => thread.id));
    expect(shown.length).toBeGreaterThan(0);
    expect(await page.title()).toBe(`Search results - ${MAILBOX} - Gmail`);
  });
});

describe('the thread list', () => {
  it('[design] lists tr.zA rows holding [data-thread-id="#thread-f:<dec>"][data-legacy-thread-id=<hex>], in the API order', async () => {
    await open('#inbox');
    const rows = await page.$$eval('div[role=main] [gh=tl] tr.zA', (trs) =>
      trs.map((tr) => {
        const ids = tr.querySelectorAll('[data-thread-id][data-legacy-thread-id]');
        return {
          count: ids.length,
          syncId: ids[0]?.getAttribute('data-thread-id') ?? '',
          legacyId: ids[0]?.getAttribute('data-legacy-thread-id') ?? '',
        };
      }),
    );
    expect(rows.map((row) => row.legacyId)).toEqual(await inboxThreadIds());
    for (const row of rows) {
      expect(row.count).toBe(1);
      expect(row.syncId).toBe(`#${permIdFromThreadId(row.legacyId.replace(/^0+/, ''))}`);
    }
  });

  it('[design] marks unread rows zE and read rows yO, as the API has UNREAD', async () => {
    const rows = await page.$$eval('tr.zA', (trs) =>
      trs.map((tr) => ({
        id: tr.querySelector('[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id') ?? '',
        unread: tr.classList.contains('zE'),
        read: tr.classList.contains('yO'),
      })),
    );
    for (const row of rows.slice(0, 12)) {
      const thread = await client.users.threads.get({ userId: 'me', id: row.id, format: 'minimal' });
      const unread = (thread.data.messages ?? []).some((message) => message.labelIds?.includes('UNREAD'));
      expect({ id: row.id, unread: row.unread, read: row.read }).toEqual({
        id: row.id,
        unread,
        read: !unread,
      });
    }
    expect(rows.some((row) => row.unread)).toBe(true);
    expect(rows.some((row) => row.read)).toBe(true);
  });

  it('[gmailjs] lists a nested label at #label/<name> with exactly the API threads of that label', async () => {
    const labels = (await client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const open_ = labels.find((label) => label.name === 'Helpdesk/Status/Open');
    expect(open_?.id).toBeDefined();
    await open('#label/Helpdesk%2FStatus%2FOpen');
    await viewFor('[data-standin-view=list]');
    const shown = await page.$$eval('tr.zA [data-legacy-thread-id]', (spans) =>
      spans.map((span) => span.getAttribute('data-legacy-thread-id')),
    );
    const listed = await client.users.threads.list({
      userId: 'me',
      labelIds: [open_?.id ?? ''],
      maxResults: 50,
    });
    expect(shown).toEqual((listed.data.threads ?? []).map((thread) => thread.id));
    expect(await page.title()).toMatch(
      /^Helpdesk\/Status\/Open( \([\d,]+\))? - support@northwind-shop\.example - Gmail$/,
    );
  });
});

describe('the thread view', () => {
  let threadId = '';

  it("[arsenal] opens a row at #inbox/<token>, the token a base-40 transcoding of the row's thread-f sync id", async () => {
    await open('#inbox');
    const row = await page.$('tr.zA.zE');
    if (!row) throw new Error('the demo inbox has no unread thread');
    const syncId = await row.$eval('[data-thread-id]', (span) => span.getAttribute('data-thread-id') ?? '');
    threadId = await row.$eval(
      '[data-legacy-thread-id]',
      (span) => span.getAttribute('data-legacy-thread-id') ?? '',
    );
    await row.$eval('.y6', (subject) => (subject as HTMLElement).click());
    await viewFor('h2.hP');
    const token = new URL(page.url()).hash.split('/')[1] ?? '';
    expect(token).toMatch(/^[BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz]{32,}$/);
    expect(`#${decodeThreadToken(token)}`).toBe(syncId);
    expect(encodeThreadToken(syncId.slice(1))).toBe(token);
  });

  it('[inboxsdk-thread] heads the thread with h2.hP[data-legacy-thread-id][data-thread-perm-id="thread-f:<dec>"]', async () => {
    expect(await attr('div[role=main] h2.hP', 'data-legacy-thread-id')).toBe(threadId);
    expect(await attr('div[role=main] h2.hP', 'data-thread-perm-id')).toBe(
      permIdFromThreadId(threadId.replace(/^0+/, '')),
    );
    const thread = await client.users.threads.get({
      userId: 'me',
      id: threadId,
      format: 'metadata',
      metadataHeaders: ['Subject'],
    });
    const subject = thread.data.messages?.[0]?.payload?.headers?.find((h) => h.name === 'Subject')?.value;
    expect(await page.$eval('h2.hP', (h2) => h2.textContent)).toBe(subject);
    expect(await page.title()).toBe(`${subject} - ${MAILBOX} - Gmail`);
  });

  it('[inboxsdk-message] renders each message as div.adn.ads[data-message-id="#msg-f:<dec>"][data-legacy-message-id] in .h7, with the sender in td.gF span.gD[email][name]', async () => {
    const messages = await page.$$eval('div[role=main] .h7 > div.adn.ads', (divs) =>
      divs.map((div) => ({
        syncId: div.getAttribute('data-message-id'),
        legacyId: div.getAttribute('data-legacy-message-id') ?? '',
        senderEmail: div.querySelector('td.gF span.gD[email][name]')?.getAttribute('email'),
        hasDate: div.querySelector('.gK .g3[title]') !== null,
        hasBody: div.querySelector('div.ii.gt') !== null,
        hasMore: div.querySelector('tr.acZ div.T-I.J-J5-Ji.aap.L3[role=button][aria-haspopup]') !== null,
      })),
    );
    const thread = await client.users.threads.get({
      userId: 'me',
      id: threadId,
      format: 'metadata',
      metadataHeaders: ['From'],
    });
    const apiMessages = thread.data.messages ?? [];
    expect(messages.map((message) => message.legacyId)).toEqual(apiMessages.map((message) => message.id));
    messages.forEach((message, i) => {
      expect(message.syncId).toBe(`#${permIdFromMessageId(message.legacyId.replace(/^0+/, ''))}`);
      const from = apiMessages[i]?.payload?.headers?.find((h) => h.name === 'From')?.value ?? '';
      expect(from.toLowerCase()).toContain(`${message.senderEmail}`.toLowerCase());
      expect(message).toMatchObject({ hasDate: true, hasBody: true, hasMore: true });
    });
  });

  it('[design] opening a thread marks it read, as Gmail does', async () => {
    const thread = await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
    expect((thread.data.messages ?? []).some((message) => message.labelIds?.includes('UNREAD'))).toBe(false);
  });

  it('[flowcrypt] replies inline: [data-tooltip="Reply"] opens .M9 with .Ap [g_editable=true][contenteditable][role=textbox][aria-label="Message Body"], Send sends through the API', async () => {
    const before = await page.$$eval('div.adn.ads', (divs) => divs.length);
    await page.click('div[role=main] .h7:last-child [role=button][data-tooltip="Reply"]');
    const body =
      'div[role=main] .M9 .Ap div[g_editable="true"][contenteditable="true"][role="textbox"][aria-label="Message Body"]';
    await page.waitForSelector(body);
    await page.type(body, 'Thank you for writing. Your parcel left our warehouse today.');
    await page.click('div[role=main] .M9 div[role=button][data-tooltip^="Send"]');
    await page.waitForFunction(
      (count) => document.querySelectorAll('div.adn.ads').length === count + 1,
      {},
      before,
    );
    const thread = await client.users.threads.get({
      userId: 'me',
      id: threadId,
      format: 'metadata',
      metadataHeaders: ['In-Reply-To', 'From'],
    });
    const sent = thread.data.messages?.at(-1);
    expect(sent?.labelIds).toContain('SENT');
    expect(sent?.payload?.headers?.find((h) => h.name === 'In-Reply-To')?.value).toMatch(/^<.+>$/);
    expect(
      await page.$eval('.h7:last-child div.adn.ads', (div) => div.getAttribute('data-legacy-message-id')),
    ).toBe(sent?.id);
    expect(await page.$eval('.h7:last-child .a3s', (div) => div.textContent)).toContain(
      'Your parcel left our warehouse today.',
    );
  });

  it('[design] opens the same thread under #label/<name>/<token> and #search/<query>/<token>, and by its legacy hex id', async () => {
    const token = encodeThreadToken(permIdFromThreadId(threadId.replace(/^0+/, '')));
    for (const hash of [
      `#search/anything/${token}`,
      `#label/Helpdesk%2FStatus%2FNew/${token}`,
      `#inbox/${threadId}`,
    ]) {
      await open(hash);
      await viewFor('h2.hP');
      expect(await attr('div[role=main] h2.hP', 'data-legacy-thread-id')).toBe(threadId);
    }
  });

  it("[gmailjs] goes back to the list with the toolbar's back arrow", async () => {
    const token = encodeThreadToken(permIdFromThreadId(threadId.replace(/^0+/, '')));
    await open(`#inbox/${token}`);
    await viewFor('h2.hP');
    await page.click('div[role=main] [gh=tm] [role=button][aria-label="Back to Inbox"]');
    await page.waitForFunction(() => location.hash === '#inbox');
    await viewFor('tr.zA');
    expect(await page.$('div[role=main] h2.hP')).toBeNull();
  });
});

describe('mail content stays text', () => {
  it('[design] a hostile subject, sender name and HTML body arriving through the API never run', async () => {
    const subject = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await client.users.messages.insert({
      userId: 'me',
      internalDateSource: 'dateHeader',
      requestBody: {
        labelIds: ['INBOX', 'UNREAD'],
        raw: rawMessage({
          From: '"<b onmouseover=alert(1)>Eve</b>" <eve@attacker.example>',
          To: MAILBOX,
          Subject: subject,
          Date: new Date().toUTCString(),
          'Message-ID': '<hostile-1@attacker.example>',
        }),
      },
    });
    await open('#search/from%3Aeve%40attacker.example');
    await viewFor('tr.zA');
    expect(await page.$eval('tr.zA [data-legacy-thread-id]', (span) => span.textContent)).toBe(subject);
    await page.click('tr.zA .y6');
    await viewFor('h2.hP');
    expect(await page.$eval('h2.hP', (h2) => h2.textContent)).toBe(subject);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(
      await page.$$eval(
        'div[role=main] img, div[role=main] script, div[role=main] b',
        (found) => found.length,
      ),
    ).toBe(0);
  });
});
