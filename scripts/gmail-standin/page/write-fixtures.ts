/**
 * Writes DOM snapshots of the stand-in's Gmail-like page to `test/fixtures/gmail/standin-<view>.html`, for the
 * DOM adapter's selector tests: the inbox list, an open thread, and the same thread with the inline reply open.
 * Run: `npx tsx scripts/gmail-standin/page/write-fixtures.ts` (needs Chromium; CHROMIUM_PATH overrides).
 * The snapshots are the DOM after the client script ran, with scripts and stylesheets removed so a test DOM
 * loads them without fetching anything.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchPageChromium } from '../../../test/browser/chromium';
import { startStandin } from '../index';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/gmail');
/** A fixed clock, so the demo mailbox (ids, dates) is the same at every run. */
const DEMO_NOW = new Date('2026-11-20T09:00:00Z');

async function snapshot(page: Page, view: string, note: string): Promise<void> {
  const markup = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const element of root.querySelectorAll('script, link[rel=stylesheet]')) element.remove();
    return `<!doctype html>\n${root.outerHTML}\n`;
  });
  const file = join(FIXTURES, `standin-${view}.html`);
  await writeFile(
    file,
    `<!-- Gmail stand-in page, ${note}. Written by scripts/gmail-standin/page/write-fixtures.ts. -->\n${markup}`,
  );
  console.log(`wrote ${file} (${markup.length} characters)`);
}

async function main(): Promise<void> {
  const standin = await startStandin({ port: 0, tlsPort: 0, seed: 'demo', now: DEMO_NOW });
  const { browser, home } = await launchPageChromium({
    tlsPort: standin.tlsPort ?? 0,
    tlsSpki: standin.tlsSpki,
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto('https://mail.google.com/mail/u/0/#inbox', { waitUntil: 'load' });
    await page.waitForSelector('div[role=main] tr.zA');
    await snapshot(page, 'inbox', 'the demo inbox (#inbox), thread list');

    // A conversation with a reply in it, so the thread view shows more than one message.
    const row = await page.waitForSelector('tr.zA:has(.bx0)');
    if (!row) throw new Error('no thread with several messages in the demo inbox');
    await row.$eval('.y6', (subject) => (subject as HTMLElement).click());
    await page.waitForSelector('div[role=main] h2.hP');
    await snapshot(page, 'thread', 'a demo thread (#inbox/<token>) with several messages');

    await page.click('div[role=main] .standin-reply-bar [data-standin-action=reply]');
    const body = await page.waitForSelector('div[role=main] .M9 [g_editable="true"]');
    await body?.type('Thank you for your message. ');
    await snapshot(page, 'reply', 'the same thread with the inline reply open and some text typed');
  } finally {
    await browser.close();
    await standin.close();
    await home.remove();
  }
}

await main();
