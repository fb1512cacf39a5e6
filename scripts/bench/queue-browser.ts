/**
 * Runs the store code in Debian's Chromium: bundles `queue-page/entry.ts` with Vite's JS API, serves it
 * from 127.0.0.1 (IndexedDB needs a real origin) and opens it in headless Chromium. Shared by
 * `npm run bench -- --only queue` and the browser test `test/browser/store-queue.test.ts`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { type ChromiumHome, findChromium, makeChromiumHome } from '../../test/browser/chromium';

const ENTRY = join(import.meta.dirname, 'queue-page/entry.ts');
const BUNDLE_NAME = 'queue-page.js';
const INDEX_HTML = `<!doctype html><meta charset="utf-8"><title>Labeldesk queue bench</title>
<script type="module" src="/${BUNDLE_NAME}"></script>`;

export interface QueuePage {
  readonly page: Page;
  /** Closes Chromium and starts it again on the same profile: the next read finds the database cold. */
  restartBrowser(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The store bench page's code as one file: an ES module for the bench page, or a classic script (`iife`) that
 * another page can evaluate, such as the extension's own options page (the sidebar bench seeds the
 * extension's IndexedDB that way).
 */
export async function bundleEntry(outDir: string, format: 'es' | 'iife' = 'es'): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    // The extension's vite.config.ts (crx plugin, Preact) has nothing to do with this page.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: { entry: ENTRY, formats: [format], name: 'labeldeskQueuePage', fileName: () => BUNDLE_NAME },
    },
  });
  return readFile(join(outDir, BUNDLE_NAME), 'utf8');
}

function serve(bundle: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === `/${BUNDLE_NAME}`) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(bundle);
    } else if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(INDEX_HTML);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  // A page that sits in the background must not be throttled in the middle of a measurement.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
];

async function launchOnPage(home: ChromiumHome, url: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    // One evaluate fills 100,000 tickets or runs a round of reads: longer than puppeteer's 180 s default.
    protocolTimeout: 30 * 60_000,
    userDataDir: home.userDataDir,
    env: home.env,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(url);
    await page.waitForFunction(() => window.labeldeskQueueBench !== undefined, { timeout: 15_000 });
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Starts Chromium on the bench page, with `window.labeldeskQueueBench` ready to call. */
export async function openQueuePage(): Promise<QueuePage> {
  const home = await makeChromiumHome();
  let server: Server | undefined;
  try {
    server = await serve(await bundleEntry(join(home.dir, 'queue-page')));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    let opened = await launchOnPage(home, url);
    const running = server;
    return {
      get page() {
        return opened.page;
      },
      async restartBrowser() {
        await opened.browser.close();
        opened = await launchOnPage(home, url);
        return opened.page;
      },
      async close() {
        await opened.browser.close();
        await new Promise((resolve) => running.close(resolve));
        await home.remove();
      },
    };
  } catch (error) {
    server?.close();
    await home.remove();
    throw error;
  }
}
