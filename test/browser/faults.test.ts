/**
 * Fault tests in real Chromium (issue 8): the service worker stopped mid-flush and mid-sync, the browser
 * restarted with a full outbox, IndexedDB over its quota, the database deleted under the running extension.
 * One stand-in and one browser profile for the whole file, scenario after scenario; each ends with the
 * outbox empty and the store equal to Gmail, and prints one `[fault]` line: what was injected, what survived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  differences,
  type FaultBrowser,
  MAILBOX,
  report,
  startFaultBrowser,
  type TicketFields,
} from './fault-harness';
import { waitUntil } from './harness';

const MODIFY = 'gmail.users.threads.modify';
const T0 = Date.now();
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
});
