/**
 * Sync in the real service worker with Chromium's real IndexedDB: opening Gmail makes the worker sync the
 * mailbox into its store, and a label changed elsewhere (another agent, Gmail itself) reaches the store
 * on the next poll, which the tab asks for when it gains focus.
 */
import { auth, gmail } from '@googleapis/gmail';
import type { Page, WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from './chromium';
import { type Harness, startHarness } from './harness';

const MAILBOX = 'support@northwind-shop.example';

/** Reads the worker's IndexedDB with the platform API (read-only: the test never writes there). */
async function storedTickets(
  worker: WebWorker,
): Promise<{ threadId: string; status: string; subject: string }[]> {
  return worker.evaluate(
    (name) =>
      new Promise<{ threadId: string; status: string; subject: string }[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('tickets')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('tickets').objectStore('tickets').getAll();
          request.onsuccess = () => {
            resolve(
              request.result.map((t) => ({ threadId: t.threadId, status: t.status, subject: t.subject })),
            );
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    `labeldesk:${MAILBOX}`,
  );
}

async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out; last value: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

describe('sync in the service worker', () => {
  let harness: Harness;
  let page: Page;
  let official: ReturnType<typeof gmail>;

  beforeAll(async () => {
    harness = await startHarness();
    const oauth = new auth.OAuth2();
    oauth.setCredentials({ access_token: 'another-agent' });
    official = gmail({ version: 'v1', rootUrl: `${harness.standin.url}/`, auth: oauth, retry: false });
    await harness.configure({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    page = await harness.openInbox();
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Threads that carry a Helpdesk status label in Gmail, and that status. */
  async function statusesInGmail(): Promise<Map<string, string>> {
    const labels = (await official.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const out = new Map<string, string>();
    for (const label of labels.filter((l) => l.name?.startsWith('Helpdesk/Status/'))) {
      const listed = await official.users.threads.list({
        userId: 'me',
        labelIds: [label.id as string],
        maxResults: 500,
      });
      for (const thread of listed.data.threads ?? [])
        out.set(thread.id as string, label.name?.split('/')[2] ?? '');
    }
    return out;
  }

  it('fills the worker’s IndexedDB with every ticket when Gmail opens, subjects included', async () => {
    const expected = await statusesInGmail();
    expect(expected.size).toBeGreaterThan(10);
    const worker = await harness.serviceWorker();
    const tickets = await waitFor(
      () => storedTickets(worker),
      (list) => list.length === expected.size && list.every((t) => t.subject !== ''),
    );
    for (const ticket of tickets) expect(ticket.status).toBe(expected.get(ticket.threadId));
  });

  it('picks up a label changed by another agent when the tab gains focus', async () => {
    const worker = await harness.serviceWorker();
    const [ticket] = (await storedTickets(worker)).filter((t) => t.status !== 'Solved');
    if (!ticket) throw new Error('no unsolved ticket in the demo');
    const labels = (await official.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const id = (name: string) => labels.find((l) => l.name === name)?.id as string;
    await official.users.threads.modify({
      userId: 'me',
      id: ticket.threadId,
      requestBody: {
        addLabelIds: [id('Helpdesk/Status/Solved')],
        removeLabelIds: [id(`Helpdesk/Status/${ticket.status}`)],
      },
    });
    // Past the content script's guard against double polls, bring the tab back to the front.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const after = await waitFor(
      () => storedTickets(worker),
      (list) => list.find((t) => t.threadId === ticket.threadId)?.status === 'Solved',
      // Well inside the 30-second alarm: the focus, not the alarm, must have asked for this poll.
      5_000,
    );
    expect(after.find((t) => t.threadId === ticket.threadId)?.status).toBe('Solved');
  });

  it('keeps a poll alarm so the worker syncs without a tab asking', async () => {
    const worker = await harness.serviceWorker();
    const alarm = await worker.evaluate(() => chrome.alarms.get('labeldesk-sync'));
    expect(alarm?.periodInMinutes).toBe(0.5);
  });
});
