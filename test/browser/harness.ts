import type { Browser, ElementHandle, Page, WebWorker } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import type { RunningStandin } from '../../scripts/gmail-standin/contracts';
import { startStandin } from '../../scripts/gmail-standin/index';
import {
  assertBuilt,
  chromiumArgs,
  DIST_PATH,
  EXTENSION_ID,
  extensionWorker,
  findChromium,
  GMAIL_INBOX_URL,
  makeChromiumHome,
  type UiLanguage,
} from './chromium';

/**
 * The browser test harness: the demo stand-in in-process, Debian's Chromium in new headless mode with the
 * built `dist/` installed, Google's hosts mapped to the stand-in. The extension under test is the
 * production bundle; tests drive it only through the UI and the stand-in.
 */
export interface Harness {
  browser: Browser;
  standin: RunningStandin;
  extensionId: string;
  /** The service worker, for checks that only read state (never to configure the extension). */
  serviceWorker(): Promise<WebWorker>;
  /** Types the settings into the options page, as an agent would, and waits for "Saved.". */
  configure(settings: { clientId: string; agentName: string }): Promise<void>;
  /**
   * Stores the settings through the service worker, for tests whose subject is not the options page: quicker
   * than typing them, and the content script reads them the same way.
   */
  storeSettings(settings: { clientId: string; agentName: string }): Promise<void>;
  /** A new tab on the stand-in's Gmail inbox, its list rendered. */
  openInbox(): Promise<Page>;
  /**
   * A new tab on a stand-in Gmail page such as `/mail/u/0/?standin-theme=dark#inbox`, once `waitFor` (a
   * selector, the thread list's rows unless told) is there.
   */
  openGmail(pathAndQuery: string, waitFor?: string): Promise<Page>;
  /** A GET on the stand-in's Gmail REST API (`/gmail/v1/users/me/…`), with a token it accepts. */
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Chromium's UI language, which the extension's `chrome.i18n` follows; English unless told. */
  language?: UiLanguage;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  assertBuilt();
  const language = options.language ?? 'en';
  const executablePath = findChromium();
  const standin = await startStandin({ port: 0, tlsPort: 0, seed: 'demo' });
  const home = await makeChromiumHome(language);
  let browser: Browser | undefined;
  try {
    if (standin.tlsPort === undefined) throw new Error('The stand-in started without its TLS port');
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      enableExtensions: true,
      // Wide enough for Gmail's three columns next to the docked sidebar.
      defaultViewport: { width: 1440, height: 900 },
      userDataDir: home.userDataDir,
      env: home.env,
      args: chromiumArgs({ tlsPort: standin.tlsPort, tlsSpki: standin.tlsSpki }, language),
    });
    const extensionId = await browser.installExtension(DIST_PATH);
    if (extensionId !== EXTENSION_ID) {
      throw new Error(`Extension id ${extensionId}, expected ${EXTENSION_ID}: is the manifest key intact?`);
    }
    return makeHarness(browser, standin, extensionId, home.remove);
  } catch (error) {
    await browser?.close();
    await standin.close();
    await home.remove();
    throw error;
  }
}

function makeHarness(
  browser: Browser,
  standin: RunningStandin,
  extensionId: string,
  removeHome: () => Promise<void>,
): Harness {
  const serviceWorker = () => extensionWorker(browser, extensionId);

  return {
    browser,
    standin,
    extensionId,
    serviceWorker,
    async configure(settings) {
      const page = await browser.newPage();
      try {
        await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
        await page.waitForSelector('form[aria-busy="false"]');
        await fillTextbox(page, 'OAuth client id', settings.clientId);
        await fillTextbox(page, 'I am', settings.agentName);
        await page.locator('::-p-aria([name="Save"][role="button"])').click();
        await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Saved.');
      } finally {
        await page.close();
      }
    },
    async storeSettings(settings) {
      const worker = await serviceWorker();
      await worker.evaluate(
        (clientId, agentName) =>
          chrome.storage.sync.set({ 'labeldesk.settings': { clientId, agentName, shortcuts: {} } }),
        settings.clientId,
        settings.agentName,
      );
    },
    async openInbox() {
      const page = await browser.newPage();
      await page.goto(GMAIL_INBOX_URL);
      await page.waitForSelector('tr.zA');
      return page;
    },
    async openGmail(pathAndQuery, waitFor = 'tr.zA') {
      const page = await browser.newPage();
      await page.goto(new URL(pathAndQuery, GMAIL_INBOX_URL).href);
      await page.waitForSelector(waitFor);
      return page;
    },
    async api<T>(path: string) {
      const response = await fetch(`${standin.url}/gmail/v1/users/me/${path.replace(/^\//, '')}`, {
        headers: { Authorization: 'Bearer browser-test' },
      });
      if (!response.ok) throw new Error(`Stand-in API ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      await browser.close();
      await standin.close();
      await removeHome();
    },
  };
}

async function fillTextbox(page: Page, name: string, value: string): Promise<void> {
  const box = await page.locator(`::-p-aria([name="${name}"][role="textbox"])`).waitHandle();
  await box.click({ count: 3 }); // selects what is there, so typing replaces it
  await box.press('Backspace');
  await box.type(value);
}

/** The "Labeldesk" landmark, found by role and name through the accessibility tree (Shadow DOM included). */
export async function findSidebar(page: Page, timeout = 10_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector('::-p-aria([name="Labeldesk"][role="complementary"])', {
    timeout,
  });
  if (handle === null) throw new Error('No Labeldesk landmark');
  return handle;
}

/** Waits until the landmark's visible text satisfies `accept`, and returns that text. */
export async function waitForSidebarText(
  page: Page,
  accept: (text: string) => boolean,
  timeout = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    const sidebar = await findSidebar(page, Math.max(1, deadline - Date.now()));
    text = await sidebar.evaluate((element) => (element as HTMLElement).innerText);
    if (accept(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The Labeldesk sidebar never showed what was expected; it said:\n${text}`);
}
