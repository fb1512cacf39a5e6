/**
 * Writes DOM snapshots of the stand-in's Gmail-like page to test/fixtures/gmail/, for the DOM adapter's tests:
 * - `gmail-2026-11-23-<view>.html`, one per Gmail layout (thread list with rows checked, thread, reply open,
 *   reading pane, pop-out compose, dark theme, compact density, a second account, a delegated mailbox), each
 *   with the page's stylesheet inlined so a test DOM computes the colours and heights Gmail would paint;
 * - `standin-<view>.html` (inbox, thread, reply), the first snapshots, without styles, kept for their tests.
 * Each file starts with a comment naming the URL it was taken at; the tests load it at that URL.
 * Run: `npx tsx scripts/gmail-standin/page/write-fixtures.ts` (needs Chromium; CHROMIUM_PATH overrides).
 * The snapshots are the DOM after the client script ran, with scripts removed, so a test DOM loads them
 * without fetching or running anything.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchPageChromium } from '../../../test/browser/chromium';
import { startStandin } from '../index';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/gmail');
/** A fixed clock, so the demo mailbox (ids, dates) is the same at every run. */
const DEMO_NOW = new Date('2026-11-20T09:00:00Z');
/** The day these layouts were taken, in the fixture names (refined-github style). */
const FIXTURE_DATE = '2026-11-23';
const GMAIL = 'https://mail.google.com';
/** An opaque delegation token, shaped like Gmail's (`/mail/u/0/d/AEoRXRT…/`). */
const DELEGATION_TOKEN = 'AEoRXRTstandinDelegatedMailbox0';

async function markupOf(page: Page, css?: string): Promise<string> {
  return page.evaluate((inlineCss) => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const element of root.querySelectorAll('script')) element.remove();
    for (const link of root.querySelectorAll('link[rel=stylesheet]')) {
      if (inlineCss === null) {
        link.remove();
      } else {
        const style = document.createElement('style');
        style.setAttribute('data-standin-css', '');
        style.textContent = inlineCss;
        link.replaceWith(style);
      }
    }
    return `<!doctype html>\n${root.outerHTML}\n`;
  }, css ?? null);
}

async function snapshot(page: Page, view: string, note: string): Promise<void> {
  const markup = await markupOf(page);
  const file = join(FIXTURES, `standin-${view}.html`);
  await writeFile(
    file,
    `<!-- Gmail stand-in page, ${note}. Written by scripts/gmail-standin/page/write-fixtures.ts. -->\n${markup}`,
  );
  console.log(`wrote ${file} (${markup.length} characters)`);
}

async function layoutSnapshot(page: Page, css: string, view: string, note: string): Promise<void> {
  const markup = await markupOf(page, css);
  const file = join(FIXTURES, `gmail-${FIXTURE_DATE}-${view}.html`);
  await writeFile(
    file,
    `<!-- URL: ${page.url()} -->\n<!-- Gmail layout "${view}" on the stand-in's page: ${note}. Written by scripts/gmail-standin/page/write-fixtures.ts. -->\n${markup}`,
  );
  console.log(`wrote ${file} (${markup.length} characters)`);
}

/** A fresh load of `url` (path, switches and hash), waiting for the client to show `ready`. */
async function open(page: Page, url: string, ready: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${GMAIL}${url}`, { waitUntil: 'load' });
  await page.waitForSelector(`div[role=main] ${ready}`);
}

async function main(): Promise<void> {
  const css = await readFile(join(import.meta.dirname, 'gmail.css'), 'utf8');
  const standin = await startStandin({ port: 0, tlsPort: 0, seed: 'demo', now: DEMO_NOW });
  const { browser, home } = await launchPageChromium({
    tlsPort: standin.tlsPort ?? 0,
    tlsSpki: standin.tlsSpki,
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await open(page, '/mail/u/0/#inbox', 'tr.zA');

    // A conversation with a reply in it, so the thread view shows more than one message. It is picked before
    // anything opens a thread (opening marks it read) and used by every thread layout below.
    const row = await page.waitForSelector('tr.zA:has(.bx0)');
    if (!row) throw new Error('no thread with several messages in the demo inbox');
    const threadHref = await row.evaluate((tr) => tr.getAttribute('data-standin-href') ?? '');
    await snapshot(page, 'inbox', 'the demo inbox (#inbox), thread list');

    // The list with two rows checked through their checkboxes, for multi-select.
    for (const index of [1, 3]) {
      await page.click(`div[role=main] tr.zA:nth-child(${index}) [role=checkbox]`);
    }
    await page.waitForFunction(() => document.querySelectorAll('tr.zA.x7').length === 2);
    await layoutSnapshot(page, css, 'thread-list', 'the inbox list with the first and third rows checked');

    await open(page, `/mail/u/0/${threadHref}`, 'h2.hP');
    await snapshot(page, 'thread', 'a demo thread (#inbox/<token>) with several messages');
    await layoutSnapshot(page, css, 'thread', 'a thread with several messages (#inbox/<token>)');

    await page.click('div[role=main] .standin-reply-bar [data-standin-action=reply]');
    const body = await page.waitForSelector('div[role=main] .M9 [g_editable="true"]');
    await body?.type('Thank you for your message. ');
    await snapshot(page, 'reply', 'the same thread with the inline reply open and some text typed');
    await layoutSnapshot(
      page,
      css,
      'reply',
      'the same thread with the inline reply open and some text typed',
    );

    await open(page, `/mail/u/0/?standin-reading-pane=right${threadHref}`, 'h2.hP');
    await layoutSnapshot(
      page,
      css,
      'preview-pane',
      'reading pane on the right: the inbox list with the thread beside it',
    );

    await open(page, `/mail/u/0/?standin-reply=popout${threadHref}`, 'h2.hP');
    await page.click('div[role=main] .standin-reply-bar [data-standin-action=reply]');
    const popout = await page.waitForSelector('.dw [role=dialog] [g_editable="true"]');
    await popout?.type('Your parcel left today. ');
    await page.click('[gh=cm]');
    await page.waitForFunction(() => document.querySelectorAll('.dw [role=dialog]').length === 2);
    await layoutSnapshot(
      page,
      css,
      'popout-compose',
      'the thread with its reply popped out ("Re: …") and a New Message window beside it',
    );

    await open(page, '/mail/u/0/?standin-theme=dark#inbox', 'tr.zA');
    await layoutSnapshot(page, css, 'dark', 'the inbox list in the dark theme');

    await open(page, '/mail/u/0/?standin-density=compact#inbox', 'tr.zA');
    await layoutSnapshot(page, css, 'compact', 'the inbox list in compact density');

    await open(page, '/mail/u/1/#inbox', 'tr.zA');
    await layoutSnapshot(page, css, 'account-1', 'the inbox of the second signed-in account (/mail/u/1/)');

    await open(page, `/mail/u/0/d/${DELEGATION_TOKEN}/${threadHref}`, 'h2.hP');
    await layoutSnapshot(page, css, 'delegated', 'a thread of a delegated mailbox (/mail/u/0/d/<token>/)');
  } finally {
    await browser.close();
    await standin.close();
    await home.remove();
  }
}

await main();
