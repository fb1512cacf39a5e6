/**
 * Fault tests in real Chromium (issue 8): the service worker stopped mid-flush and mid-sync, the browser
 * restarted with a full outbox, IndexedDB over its quota, the database deleted under the running extension.
 * One stand-in and one browser profile for the whole file, scenario after scenario; each ends with the
 * outbox empty and the store equal to Gmail, and prints one `[fault]` line: what was injected, what survived.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE,
  differences,
  type FaultBrowser,
  MAILBOX,
  report,
  startFaultBrowser,
  type TicketFields,
} from './fault-harness';
import { byName, waitForSidebarText, waitUntil } from './harness';

const MODIFY = 'gmail.users.threads.modify';
const T0 = Date.now();
/** Progress lines with the time since start, for `FAULT_DEBUG=1` runs only; the `[fault]` lines always print. */
const step = (what: string) =>
  process.env.FAULT_DEBUG && console.info(`${((Date.now() - T0) / 1000).toFixed(1)}s ${what}`);

describe('faults in the browser', () => {
  let fb: FaultBrowser;

  beforeAll(async () => {
    fb = await startFaultBrowser();
  });

  afterAll(async () => {
    await fb?.close();
  });

  const modifies = async () => (await fb.stats()).byMethod[MODIFY]?.requests ?? 0;

  /** Threads (sorted) whose Gmail status is one of `statuses`, the first `count` of them. */
  async function ticketsIn(statuses: string[], count: number): Promise<string[]> {
    const tickets = await fb.gmailTickets();
    const ids = [...tickets]
      .filter(([, fields]) => statuses.includes(fields.status))
      .map(([id]) => id)
      .sort();
    expect(ids.length).toBeGreaterThanOrEqual(count);
    return ids.slice(0, count);
  }

  /** The status labels a thread carries in Gmail: exactly one once a change landed once and cleanly. */
  async function statusLabels(threadId: string): Promise<string[]> {
    const [{ labels }, thread] = await Promise.all([
      fb.api<{ labels: { id: string; name: string }[] }>('labels'),
      fb.api<{ messages: { labelIds?: string[] }[] }>(`threads/${threadId}?format=minimal`),
    ]);
    const names = new Map(labels.map((label) => [label.id, label.name]));
    const ids = new Set(thread.messages.flatMap((message) => message.labelIds ?? []));
    return [...ids].map((id) => names.get(id) ?? id).filter((name) => name.startsWith('Helpdesk/Status/'));
  }

  /** Opens the inbox's first thread in the Gmail tab, as an agent clicks it; returns the page and thread id. */
  async function openFirstThread(): Promise<{ page: Page; threadId: string }> {
    const page = fb.gmail;
    await page.bringToFront();
    await page.evaluate(() => {
      window.location.hash = '#inbox';
    });
    await (await page.waitForSelector('tr.zA'))?.click();
    const heading = await page.waitForSelector('h2.hP[data-legacy-thread-id]');
    const threadId = await heading?.evaluate((h) => h.getAttribute('data-legacy-thread-id'));
    if (!threadId) throw new Error('No thread opened');
    return { page, threadId };
  }

  /**
   * Waits until the outbox is empty and the store equals Gmail, asking the worker to sync (as the Gmail tab
   * does when it gains focus) while it is not; returns the store's tickets.
   */
  async function settled(timeout: number): Promise<Map<string, TicketFields>> {
    let last = '';
    const check = async (): Promise<Map<string, TicketFields> | undefined> => {
      // A worker stopped mid-answer never answers: the next round asks again.
      const asked = await Promise.race([
        fb.fromGmailTab('sync.now', { mailbox: MAILBOX }).then(
          (answer) => JSON.stringify(answer),
          (error: unknown) => String(error).slice(0, 200),
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5_000)),
      ]);
      step(`sync.now: ${asked}`);
      const store = await fb.store();
      if (!store) last = 'no database';
      else if (store.outbox.length > 0) last = `${store.outbox.length} in the outbox`;
      else {
        const diff = differences(await fb.gmailTickets(), store.tickets);
        if (diff.length === 0) return store.tickets;
        last = diff.slice(0, 3).join('; ');
      }
      return undefined;
    };
    try {
      return await waitUntil(check, 'the store to equal Gmail', timeout);
    } catch (error) {
      throw new Error(`${String(error)} (last: ${last})`);
    }
  }

  it('loses nothing when the service worker is stopped mid-flush and mid-sync', async () => {
    const threads = await ticketsIn(['New', 'Open'], 30);
    const before = await modifies();
    const historyReads = async () => (await fb.stats()).byMethod['gmail.users.history.list']?.requests ?? 0;
    // Each modify takes 150 ms, so a batch of 20 is on the wire for 3 s.
    await fb.faults({ [MODIFY]: { latencyMs: 150 } });
    const started = Date.now();
    const bulk = await fb.fromGmailTab<{ updated: string[] }>('tickets.bulkUpdate', {
      mailbox: MAILBOX,
      threadIds: threads,
      patch: { status: 'Pending' },
    });
    expect(bulk.updated).toHaveLength(30);
    // Stop the worker once the first batch is partly through Gmail.
    await waitUntil(async () => (await modifies()) >= before + 5, 'the first batch on the wire', 10_000);
    await fb.stopServiceWorker();
    const atFirstStop = (await modifies()) - before;
    const store = await fb.store();
    const claimed = store?.outbox.filter((c) => c.sendingSince !== undefined).length ?? 0;
    expect(store?.outbox).toHaveLength(30);
    step(`first stop: ${atFirstStop} modifies through, ${claimed} claimed`);

    // The next event (the tab asks for a sync) starts a worker, which sends the outbox and then reads the
    // history, slowly: stop it again in the middle of that read.
    await fb.faults({ [MODIFY]: { latencyMs: 50 }, 'gmail.users.history.list': { latencyMs: 4_000 } });
    const readsBefore = await historyReads();
    void fb.fromGmailTab('sync.now', { mailbox: MAILBOX }).catch(() => undefined);
    await waitUntil(
      async () => (await fb.store())?.outbox.length === 0,
      'the restarted worker to send the outbox',
      20_000,
    );
    const resentBy = Date.now() - started;
    await fb.stopServiceWorker();
    const readsAtSecondStop = (await historyReads()) - readsBefore;
    step('second stop');

    await fb.faults({});
    const tickets = await settled(60_000);
    for (const threadId of threads) {
      expect(tickets.get(threadId)?.status).toBe('Pending');
      expect(await statusLabels(threadId)).toEqual(['Helpdesk/Status/Pending']);
    }
    report('worker stopped mid-flush, then mid-sync', {
      changes: 30,
      modifiesBeforeStop: atFirstStop,
      claimedByStoppedWorker: claimed,
      outboxEmptyAfterMs: resentBy,
      historyReadsDoneAtSecondStop: readsAtSecondStop,
      modifiesInAll: (await modifies()) - before,
      landed: threads.length,
      storeEqualsGmail: true,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }, 90_000);

  it('sends a full outbox after the browser restarts', async () => {
    const tickets = await fb.gmailTickets();
    const threads = [...tickets]
      .filter(([, fields]) => fields.priority !== 'Urgent')
      .map(([id]) => id)
      .sort()
      .slice(0, 20);
    expect(threads).toHaveLength(20);
    const before = await modifies();
    const started = Date.now();
    // Gmail refuses every modify: the changes stay in the outbox, each tried and waiting its next turn.
    await fb.faults({ [MODIFY]: { errorRate: 1, statuses: [503] } });
    const bulk = await fb.fromGmailTab<{ updated: string[] }>('tickets.bulkUpdate', {
      mailbox: MAILBOX,
      threadIds: threads,
      patch: { priority: 'Urgent' },
    });
    expect(bulk.updated).toHaveLength(20);
    // Close the browser while the worker is in its retry loop, every change refused at least once.
    await waitUntil(async () => (await modifies()) - before >= 40, 'every change refused twice', 30_000);
    const queued = (await fb.store())?.outbox ?? [];
    expect(queued).toHaveLength(20);
    const refused = (await modifies()) - before;
    step(`outbox full: ${queued.length}, ${refused} modifies refused`);

    await fb.restart();
    // Still refused after the restart: what comes back is the outbox the profile kept, not a resend.
    const afterRestart = (await fb.store())?.outbox ?? [];
    expect(afterRestart.map((c) => c.threadId).sort()).toEqual(threads);
    step('restarted');

    await fb.faults({});
    const store = await settled(60_000);
    for (const threadId of threads) expect(store.get(threadId)?.priority).toBe('Urgent');
    report('browser restarted with a full outbox', {
      changes: 20,
      refusedModifies: refused,
      outboxAfterRestart: afterRestart.length,
      claimedWhenClosed: queued.filter((c) => c.sendingSince !== undefined).length,
      modifiesInAll: (await modifies()) - before,
      landed: threads.filter((id) => store.get(id)?.priority === 'Urgent').length,
      storeEqualsGmail: true,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }, 120_000);

  it('tells the agent when IndexedDB is over its quota, and catches up once there is room', async () => {
    const started = Date.now();
    await fb.storageFull(true);
    // Another agent changes ten tickets in Gmail: the next sync must write them.
    const others = await ticketsIn(['Solved'], 10);
    const open = await fb.labelId('Helpdesk/Status/Open');
    const solved = await fb.labelId('Helpdesk/Status/Solved');
    for (const id of others)
      await fb.apiPost(`threads/${id}/modify`, { addLabelIds: [open], removeLabelIds: [solved] });
    // The poll fails, and says why in a code the UI can put in words (the tab's own poll stays quiet).
    const syncAnswer = await fb.fromGmailTab('sync.now', { mailbox: MAILBOX }).then(
      () => 'answered',
      (error: unknown) => String(error),
    );
    expect(syncAnswer).toContain('"code":"storage-full"');

    // The agent changes a ticket in the sidebar: the change is undone, and the sidebar says what to do.
    const { page, threadId } = await openFirstThread();
    const status = await byName(page, 'combobox', 'Status');
    const current = await status.evaluate((select) => (select as HTMLSelectElement).value);
    await status.select(current === 'Open' ? 'Pending' : 'Open');
    const shown = await waitForSidebarText(page, (text) => text.includes('Free up disk space'), 15_000);
    expect(shown).toContain('Not saved, the change was undone');
    expect(await status.evaluate((select) => (select as HTMLSelectElement).value)).toBe(current);

    await fb.storageFull(false);
    const store = await settled(60_000);
    for (const id of others) expect(store.get(id)?.status).toBe('Open');
    expect(store.get(threadId)?.status).toBe(current);
    report('IndexedDB over quota (injected QuotaExceededError)', {
      pollAnswer: 'storage-full',
      sidebarSaid: 'errorStorageFull',
      agentChangeUndone: true,
      changedInGmailMeanwhile: others.length,
      storeEqualsGmail: true,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }, 90_000);

  it('rebuilds the store from Gmail when the database is deleted under it', async () => {
    const started = Date.now();
    // 25 changes: the first batch of 20 on the wire (300 ms a modify), the other 5 only in the outbox.
    const tickets = await fb.gmailTickets();
    const changed = [...tickets]
      .filter(([, fields]) => fields.group !== 'Billing')
      .map(([id]) => id)
      .sort()
      .slice(0, 25);
    expect(changed).toHaveLength(25);
    const before = await modifies();
    await fb.faults({ [MODIFY]: { latencyMs: 300 } });
    await fb.fromGmailTab('tickets.bulkUpdate', {
      mailbox: MAILBOX,
      threadIds: changed,
      patch: { group: 'Billing' },
    });
    await waitUntil(async () => (await modifies()) >= before + 2, 'the first batch on the wire', 10_000);
    const outbox = (await fb.store())?.outbox ?? [];
    const inFlight = outbox.filter((c) => c.sendingSince !== undefined).map((c) => c.threadId);
    const onlyInOutbox = outbox.filter((c) => c.sendingSince === undefined).map((c) => c.threadId);

    const deleted = await fb.inExtensionPage<string>(`new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(${JSON.stringify(DATABASE)});
      request.onsuccess = () => resolve('deleted');
      request.onerror = () => resolve('error: ' + request.error);
      request.onblocked = () => resolve('blocked');
    })`);
    expect(deleted).toBe('deleted');
    step('deleted');
    await fb.faults({});

    // The extension notices on its next call: the store is read again from Gmail.
    const store = await settled(60_000);
    expect(store.size).toBe(tickets.size);
    // What was on the wire lands (the old worker's request finishes); what waited in the deleted outbox is
    // gone with it: the store is rebuilt from Gmail, which never heard of those changes.
    for (const id of inFlight) expect(store.get(id)?.group).toBe('Billing');
    for (const id of onlyInOutbox) expect(store.get(id)?.group).not.toBe('Billing');

    // The sidebar works again: a change made now reaches Gmail.
    const { page, threadId } = await openFirstThread();
    const priority = await byName(page, 'combobox', 'Priority');
    const wanted =
      (await priority.evaluate((select) => (select as HTMLSelectElement).value)) === 'Low' ? 'High' : 'Low';
    await priority.select(wanted);
    await waitForSidebarText(page, (text) => text.includes('Saved to Gmail'), 15_000);
    await waitUntil(
      async () => (await fb.gmailTickets()).get(threadId)?.priority === wanted,
      'the change after the rebuild in Gmail',
      15_000,
    );
    await settled(30_000);
    report('database deleted while running', {
      changes: changed.length,
      inFlightLanded: inFlight.length,
      onlyInOutboxLost: onlyInOutbox.length,
      ticketsRebuilt: store.size,
      sidebarSavesAfter: true,
      storeEqualsGmail: true,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }, 120_000);
});
