import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page, WebWorker } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { leaveDemoAutomationsToTheWorker } from '../../scripts/demo-automation';
import type { RunningStandin } from '../../scripts/gmail-standin/contracts';
import { startStandin } from '../../scripts/gmail-standin/index';
import { DEMO_TEAM_CONFIG } from '../../scripts/gmail-standin/seeds/demo-records';
import { DEMO_MAILBOX } from '../../scripts/gmail-standin/seeds/index';
import type { TeamConfig } from '../../src/core/team-config';
import type { TemplateLibrary } from '../../src/core/templates';
import {
  assertBuilt,
  chromiumArgs,
  DEMO_CLIENT_ID,
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
  /** The names of the labels on a thread's messages, read from the stand-in's API. */
  threadLabels(threadId: string): Promise<string[]>;
  /**
   * Publishes a team set-up for the demo mailbox as the options page does (`team.set` from an extension page),
   * for tests whose subject is the sidebar; the mailbox must have been shown in a Gmail tab first.
   */
  publishTeam(config: TeamConfig): Promise<void>;
  /** Publishes the team's reply library (templates, shortcuts, macros) as the options page does. */
  publishLibrary(library: TemplateLibrary): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Chromium's UI language, which the extension's `chrome.i18n` follows; English unless told. */
  language?: UiLanguage;
  /**
   * Another harness's stand-in, for a second agent's browser on the same mailbox; that harness closes it.
   * Without it the harness starts (and closes) its own, seeded with the demo mailbox.
   */
  standin?: RunningStandin;
  /**
   * Whether the browsers may run the mailbox's automations (the demo's settings: any agent's browser). Off
   * unless told: the harness then saves the demo's settings with "only the Node worker runs automations", so
   * a test about the sidebar or the replies counts only its own Gmail calls and notifications, not a
   * runner's lease, rules and escalations. Only for a harness that starts its own stand-in.
   */
  automations?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  assertBuilt();
  const language = options.language ?? 'en';
  const executablePath = findChromium();
  const shared = options.standin;
  let standin: RunningStandin;
  if (shared) standin = shared;
  else {
    const own = await startStandin({ port: 0, tlsPort: 0, seed: 'demo' });
    if (!options.automations) await leaveDemoAutomationsToTheWorker(own.standin.mailbox);
    standin = own;
  }
  const closeStandin = shared === undefined ? () => standin.close() : async () => {};
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
    return makeHarness(browser, standin, extensionId, async () => {
      await closeStandin();
      await home.remove();
    });
  } catch (error) {
    await browser?.close();
    await closeStandin();
    await home.remove();
    throw error;
  }
}

function makeHarness(
  browser: Browser,
  standin: RunningStandin,
  extensionId: string,
  /** Closes what the harness owns besides the browser: its stand-in (unless shared) and its home folder. */
  cleanUp: () => Promise<void>,
): Harness {
  const serviceWorker = () => extensionWorker(browser, extensionId);
  /** A contract call for the demo mailbox from the options page, as its editor makes it. */
  async function callFromOptionsPage(method: string, args: object): Promise<void> {
    const page = await browser.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
      const answer = await page.evaluate(
        (name, mailbox, rest) =>
          chrome.runtime.sendMessage({ labeldesk: 1, method: name, args: { mailbox, ...rest } }),
        method,
        DEMO_MAILBOX.emailAddress,
        args,
      );
      if ((answer as { ok?: unknown } | undefined)?.ok !== true) {
        throw new Error(`${method} failed: ${JSON.stringify(answer)}`);
      }
    } finally {
      await page.close();
    }
  }

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${standin.url}/gmail/v1/users/me/${path.replace(/^\//, '')}`, {
      headers: { Authorization: 'Bearer browser-test' },
    });
    if (!response.ok) throw new Error(`Stand-in API ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

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
    async threadLabels(threadId) {
      const [{ labels }, thread] = await Promise.all([
        api<{ labels: { id: string; name: string }[] }>('labels'),
        api<{ messages: { labelIds?: string[] }[] }>(`threads/${threadId}?format=minimal`),
      ]);
      const names = new Map(labels.map((label) => [label.id, label.name]));
      const ids = new Set(thread.messages.flatMap((message) => message.labelIds ?? []));
      return [...ids].map((id) => names.get(id) ?? id).sort();
    },
    publishTeam: (config) => callFromOptionsPage('team.set', { config }),
    publishLibrary: (library) => callFromOptionsPage('library.set', { library }),
    api,
    async close() {
      await browser.close();
      await cleanUp();
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

/** The ARIA selector for a control by role and accessible name, through the sidebar's Shadow DOM. */
export function aria(role: string, name: string): string {
  const quoted = name.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  return `::-p-aria([name="${quoted}"][role="${role}"])`;
}

/** The control with that role and accessible name, once it is there. */
export async function byName(page: Page, role: string, name: string, timeout = 10_000) {
  return page.locator(aria(role, name)).setTimeout(timeout).waitHandle();
}

/** Polls `check` until it returns something other than undefined or false, and returns that. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeout} ms for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks the thread list's row with that subject, as an agent does, and returns the opened thread's id. */
export async function openThreadBySubject(page: Page, subject: string): Promise<string> {
  const row = await page.waitForSelector(
    `xpath///tr[contains(@class,"zA")]//span[@class="bqe" and .=${xpathString(subject)}]`,
  );
  if (row === null) throw new Error(`No row "${subject}" in the thread list`);
  await row.click();
  const handle = await page.waitForFunction(
    (wanted) => {
      const heading = document.querySelector('h2.hP[data-legacy-thread-id]');
      return heading?.textContent?.trim() === wanted && heading.getAttribute('data-legacy-thread-id');
    },
    {},
    subject,
  );
  const threadId = await handle.jsonValue();
  if (typeof threadId !== 'string') throw new Error(`Opening "${subject}" showed no thread`);
  return threadId;
}

function xpathString(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text
    .split('"')
    .map((part) => `"${part}"`)
    .join(`, '"', `)})`;
}

/** The demo mailbox's team set-up, as its seed publishes it: four agents and a few tags with descriptions. */
export const DEMO_TEAM: TeamConfig = DEMO_TEAM_CONFIG;

/**
 * The harness after Anna's Gmail tab has shown the mailbox and synced it (so the extension's pages know the
 * mailbox), and a 1440x900 page whose downloads land in a fresh temporary folder: the set-up of the pages
 * that read the store and export files (reports, knowledge base). `close` removes the folder too.
 */
export async function startWithSyncedPage(downloadPrefix: string): Promise<{
  harness: Harness;
  page: Page;
  downloads: string;
  close(): Promise<void>;
}> {
  const harness = await startHarness();
  await harness.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
  const gmail = await harness.openInbox();
  await waitForSidebarText(gmail, (text) => /All open\n[1-9]/.test(text), 40_000);
  await gmail.close();
  const page = await harness.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  const downloads = await mkdtemp(join(tmpdir(), downloadPrefix));
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: downloads,
    eventsEnabled: true,
  });
  return {
    harness,
    page,
    downloads,
    async close() {
      await harness.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}
