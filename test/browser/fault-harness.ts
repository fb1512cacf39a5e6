import type { Browser, CDPSession, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { leaveDemoAutomationsToTheWorker } from '../../scripts/demo-automation';
import type { RunningStandin } from '../../scripts/gmail-standin/contracts';
import { startStandin } from '../../scripts/gmail-standin/index';
import { DEMO_MAILBOX } from '../../scripts/gmail-standin/seeds/index';
import {
  assertBuilt,
  type ChromiumHome,
  chromiumArgs,
  DEMO_CLIENT_ID,
  DIST_PATH,
  EXTENSION_ID,
  extensionWorker,
  findChromium,
  GMAIL_INBOX_URL,
  makeChromiumHome,
} from './chromium';
import { waitForSidebarText, waitUntil } from './harness';

/**
 * The fault tests' browser: like harness.ts's, but its profile outlives a Chromium restart (the browser is
 * closed and launched again on the same user data dir, as an agent's computer restarts), and it reaches the
 * places faults live: the service worker (stopped through CDP), the extension's IndexedDB (read from an
 * extension page, never written), the content script's messages to the worker, and the stand-in's controls.
 * A second agent's fault browser shares the first one's stand-in (`startFaultBrowser({ standin, agentName })`)
 * on a profile of its own, so a test can check the three copies: both stores and Gmail.
 */

export const MAILBOX = DEMO_MAILBOX.emailAddress;
export const DATABASE = `labeldesk:${MAILBOX.toLowerCase()}`;
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
/**
 * An extension document that runs nothing of its own (the manifest, shown as text): reading the store from
 * it never wakes the service worker, which an extension page's own calls would.
 */
const EXTENSION_PAGE = `${EXTENSION_ORIGIN}/manifest.json`;

/** A ticket's single-valued fields, as the store has them or as Gmail's labels say. */
export interface TicketFields {
  status: string;
  priority?: string;
  assignee?: string;
  group?: string;
}

export interface OutboxEntry {
  seq: number;
  threadId: string;
  add: string[];
  remove: string[];
  attempts: number;
  sendingSince?: number;
}

export interface FaultBrowser {
  standin: RunningStandin;
  /** The agent this browser's settings name. */
  agentName: string;
  browser: Browser;
  /** The Gmail tab, its mailbox synced once. */
  gmail: Page;
  /** Closes Chromium and launches it again on the same profile; `gmail` is a new tab afterwards. */
  restart(): Promise<void>;
  /** The stand-in's fault set-up (`{}` clears it). */
  faults(spec: object): Promise<void>;
  /** Requests and units per API method so far. */
  stats(): Promise<{ byMethod: Record<string, { requests: number; quotaUnits: number }> }>;
  /** A GET on the stand-in's Gmail API with a token it accepts. */
  api<T>(path: string): Promise<T>;
  /** A POST on the stand-in's Gmail API (another agent, or Gmail's own UI, changing the mailbox). */
  apiPost<T>(path: string, body: object): Promise<T>;
  /** The label id of a label name, read from the stand-in. */
  labelId(name: string): Promise<string>;
  /** Every ticket in Gmail (a thread with a status label) and its fields, from the labels. */
  gmailTickets(): Promise<Map<string, TicketFields>>;
  /** Every ticket in the extension's IndexedDB, and the outbox; `undefined` when there is no database. */
  store(): Promise<{ tickets: Map<string, TicketFields>; outbox: OutboxEntry[] } | undefined>;
  /** A contract call as the Gmail tab's content script makes it (its isolated world, its tab as sender). */
  fromGmailTab<T>(method: string, args: object): Promise<T>;
  /** Runs a function in an extension page (the extension's origin, its IndexedDB and chrome.* APIs). */
  inExtensionPage<T>(fn: string): Promise<T>;
  /** Stops every service worker through CDP, as Chrome does to an idle or killed worker. */
  stopServiceWorker(): Promise<void>;
  /**
   * Makes every IndexedDB write in the service worker fail as Chromium fails it when the origin is over its
   * quota (a QuotaExceededError DOMException with an empty message), or stops doing so. Chromium does not
   * enforce `Storage.overrideQuotaForOrigin` on an extension's origin (a web origin gets QuotaExceededError
   * at once; the extension's wrote 200 KB past it), so the test injects the browser's error where the
   * browser would raise it. The worker keeps it until it is stopped (DevTools keeps it alive meanwhile).
   */
  storageFull(full: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface FaultBrowserOptions {
  /**
   * Another fault browser's stand-in, for a second agent's browser on the same mailbox: this browser neither
   * starts nor closes it. Without it the browser starts (and closes) its own, seeded with the demo mailbox.
   */
  standin?: RunningStandin;
  /** The agent this browser's settings name ("I am"), one of the demo team's; Anna Kowalska unless told. */
  agentName?: string;
}

export async function startFaultBrowser(options: FaultBrowserOptions = {}): Promise<FaultBrowser> {
  assertBuilt();
  const shared = options.standin;
  let standin: RunningStandin;
  if (shared) standin = shared;
  else {
    const own = await startStandin({ port: 0, tlsPort: 0, seed: 'demo' });
    // The browsers only sync and carry their outboxes: no automation pass adds its own modifies to the counts.
    await leaveDemoAutomationsToTheWorker(own.standin.mailbox);
    standin = own;
  }
  const closeStandin = shared === undefined ? () => standin.close() : async () => {};
  // Its own home and profile: its own IndexedDB, outbox, settings and service worker.
  const home = await makeChromiumHome('en');
  let browser: Browser | undefined;
  let gmail: Page;
  try {
    browser = await launch(standin, home, true);
    const worker = await extensionWorker(browser);
    await worker.evaluate(
      (clientId, agentName) =>
        chrome.storage.sync.set({ 'labeldesk.settings': { clientId, agentName, shortcuts: {} } }),
      DEMO_CLIENT_ID,
      options.agentName ?? 'Anna Kowalska',
    );
    gmail = await openSyncedInbox(browser);
  } catch (error) {
    await browser?.close().catch(() => {});
    await closeStandin();
    await home.remove();
    throw error;
  }
  const state = { browser, gmail };

  async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${standin.url}/gmail/v1/users/me/${path.replace(/^\//, '')}`, {
      ...init,
      headers: { Authorization: 'Bearer fault-test', 'Content-Type': 'application/json' },
    });
    if (!response.ok) throw new Error(`Stand-in API ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function labels(): Promise<{ id: string; name: string }[]> {
    return (await api<{ labels: { id: string; name: string }[] }>('labels')).labels;
  }

  async function inExtensionPage<T>(fn: string): Promise<T> {
    const page = await state.browser.newPage();
    try {
      await page.goto(EXTENSION_PAGE);
      return (await page.evaluate(fn)) as T;
    } finally {
      await page.close();
    }
  }

  const fault: FaultBrowser = {
    standin,
    agentName: options.agentName ?? 'Anna Kowalska',
    get browser() {
      return state.browser;
    },
    get gmail() {
      return state.gmail;
    },
    async restart() {
      await state.browser.close();
      state.browser = await launch(standin, home, false);
      state.gmail = await openInbox(state.browser);
    },
    async faults(spec) {
      const response = await fetch(`${standin.url}/__standin/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(spec),
      });
      if (!response.ok) throw new Error(`faults: ${response.status} ${await response.text()}`);
    },
    async stats() {
      return (await fetch(`${standin.url}/__standin/stats`)).json();
    },
    api: (path) => api(path),
    apiPost: (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) }),
    async labelId(name) {
      const found = (await labels()).find((label) => label.name === name);
      if (!found) throw new Error(`No label ${name}`);
      return found.id;
    },
    async gmailTickets() {
      const tickets = new Map<string, TicketFields>();
      const fieldLabels = (await labels()).filter((label) =>
        /^Helpdesk\/(Status|Priority|Assignee|Group)\//.test(label.name),
      );
      // Statuses first, so every ticket exists before its other fields are filled in.
      fieldLabels.sort((a, b) => Number(!a.name.includes('/Status/')) - Number(!b.name.includes('/Status/')));
      for (const label of fieldLabels) {
        const [, category, ...rest] = label.name.split('/');
        const value = rest.join('/');
        const listed = await api<{ threads?: { id: string }[] }>(
          `threads?labelIds=${encodeURIComponent(label.id)}&maxResults=500`,
        );
        for (const { id } of listed.threads ?? []) {
          if (category === 'Status') tickets.set(id, { status: value });
          const ticket = tickets.get(id);
          if (!ticket) continue;
          if (category === 'Priority') ticket.priority = value;
          if (category === 'Assignee') ticket.assignee = value;
          if (category === 'Group') ticket.group = value;
        }
      }
      return tickets;
    },
    async store() {
      const read = await inExtensionPage<
        { tickets: [string, TicketFields][]; outbox: OutboxEntry[] } | undefined
      >(readStoreSource(DATABASE));
      return read && { tickets: new Map(read.tickets), outbox: read.outbox };
    },
    async fromGmailTab<T>(method: string, args: object): Promise<T> {
      const session = await state.gmail.createCDPSession();
      try {
        const contextId = await contentScriptContext(session);
        const expression = `chrome.runtime.sendMessage(${JSON.stringify({ labeldesk: 1, method, args })})`;
        const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
          expression,
          contextId,
          awaitPromise: true,
          returnByValue: true,
        });
        if (exceptionDetails) throw new Error(`${method}: ${exceptionDetails.text}`);
        const answer = result.value as { ok: boolean; result?: T; error?: unknown };
        if (!answer?.ok) throw new Error(`${method} failed: ${JSON.stringify(answer)}`);
        return answer.result as T;
      } finally {
        await session.detach();
      }
    },
    inExtensionPage,
    async stopServiceWorker() {
      const page = await state.browser.newPage();
      try {
        const session = await page.createCDPSession();
        await session.send('ServiceWorker.enable');
        await session.send('ServiceWorker.stopAllWorkers');
        await session.detach();
      } finally {
        await page.close();
      }
    },
    async storageFull(full) {
      const worker = await extensionWorker(state.browser);
      await worker.evaluate((on) => {
        const scope = globalThis as typeof globalThis & { labeldeskStorageFull?: boolean };
        if (scope.labeldeskStorageFull === undefined) {
          for (const method of ['put', 'add'] as const) {
            const original = IDBObjectStore.prototype[method];
            IDBObjectStore.prototype[method] = function (
              this: IDBObjectStore,
              ...args: [unknown, IDBValidKey?]
            ) {
              if (scope.labeldeskStorageFull) throw new DOMException('', 'QuotaExceededError');
              return original.apply(this, args);
            };
          }
        }
        scope.labeldeskStorageFull = on;
      }, full);
    },
    async close() {
      await state.browser.close().catch(() => {});
      await closeStandin();
      await home.remove();
    },
  };
  return fault;
}

async function launch(standin: RunningStandin, home: ChromiumHome, install: boolean): Promise<Browser> {
  if (standin.tlsPort === undefined) throw new Error('The stand-in started without its TLS port');
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    enableExtensions: true,
    defaultViewport: { width: 1440, height: 900 },
    userDataDir: home.userDataDir,
    env: home.env,
    args: chromiumArgs({ tlsPort: standin.tlsPort, tlsSpki: standin.tlsSpki }),
  });
  try {
    // An unpacked extension loaded through CDP does not come back by itself with the profile: loading it
    // again from the same folder keeps its id (the manifest key), and so its IndexedDB and storage.
    const id = await browser.installExtension(DIST_PATH);
    if (id !== EXTENSION_ID) throw new Error(`Extension id ${id}, expected ${EXTENSION_ID}`);
    if (!install) await extensionWorker(browser);
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function openInbox(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(GMAIL_INBOX_URL);
  await page.waitForSelector('tr.zA');
  return page;
}

async function openSyncedInbox(browser: Browser): Promise<Page> {
  const page = await openInbox(browser);
  await waitForSidebarText(page, (text) => /All open\n[1-9]/.test(text), 40_000);
  return page;
}

/** The content script's isolated world in a Gmail tab: the context Chrome names after the extension. */
async function contentScriptContext(session: CDPSession): Promise<number> {
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await session.send('Runtime.enable');
  const found = await waitUntil(
    async () =>
      contexts.find(
        (context) => context.auxData?.type === 'isolated' && context.origin.startsWith(EXTENSION_ORIGIN),
      ),
    "the content script's isolated world",
    5_000,
  );
  return found.id;
}

/**
 * Source of a function, run in an extension page, that reads tickets and outbox without creating anything:
 * a database that does not exist is reported as absent rather than opened (opening would create it empty).
 */
function readStoreSource(name: string): string {
  return `(async () => {
    const name = ${JSON.stringify(name)};
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(name)) return undefined;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains('tickets')) return { tickets: [], outbox: [] };
      const all = (store) => new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tickets = (await all('tickets')).map((t) => [t.threadId, {
        status: t.status,
        ...(t.priority ? { priority: t.priority } : {}),
        ...(t.assignee ? { assignee: t.assignee } : {}),
        ...(t.group ? { group: t.group } : {}),
      }]);
      const outbox = (await all('outbox')).map((c) => ({
        seq: c.seq, threadId: c.threadId, add: c.add, remove: c.remove, attempts: c.attempts,
        ...(c.sendingSince !== undefined ? { sendingSince: c.sendingSince } : {}),
      }));
      return { tickets, outbox };
    } finally {
      db.close();
    }
  })()`;
}

/** Where the store and Gmail disagree, one line per ticket (empty: they are equal). */
export function differences(
  gmail: ReadonlyMap<string, TicketFields>,
  store: ReadonlyMap<string, TicketFields>,
): string[] {
  const out: string[] = [];
  for (const [threadId, expected] of gmail) {
    const stored = store.get(threadId);
    if (!stored) out.push(`${threadId}: in Gmail (${expected.status}), not in the store`);
    else if (JSON.stringify(sorted(stored)) !== JSON.stringify(sorted(expected)))
      out.push(`${threadId}: store ${JSON.stringify(stored)} Gmail ${JSON.stringify(expected)}`);
  }
  for (const threadId of store.keys())
    if (!gmail.has(threadId)) out.push(`${threadId}: in the store, not a ticket in Gmail`);
  return out;
}

function sorted(fields: TicketFields): [string, string | undefined][] {
  return Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * One compact line for the run's report: the scenario, what was injected, what survived, and (when the
 * scenario ended with them checked equal) how many tickets the three copies (two browsers and Gmail) hold.
 */
export function report(
  scenario: string,
  facts: Record<string, string | number | boolean>,
  equalTickets?: number,
): void {
  const parts = Object.entries(facts).map(([key, value]) => `${key}=${value}`);
  const copies = equalTickets === undefined ? '' : `; 3 copies equal (A, B, Gmail): ${equalTickets} tickets`;
  console.info(`[fault] ${scenario}: ${parts.join(' ')}${copies}`);
}
