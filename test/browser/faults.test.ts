/**
 * Fault tests in real Chromium (issue 8) with two agents' browsers on one stand-in mailbox: Anna's (A) and
 * Dmitri's (B), each with its own profile, IndexedDB, outbox and service worker. The faults: the service
 * worker stopped mid-flush and mid-sync (on both), both browsers restarted with a full outbox, IndexedDB over
 * its quota (A), the database deleted under the running extension (A). In each, B is not idle: it changes
 * other tickets while the fault hits A, and after the database is rebuilt both agents change the same
 * ticket's priority in their sidebars at the same moment (the later change by Gmail's history wins, the
 * loser is told). Scenario after scenario on the same stand-in and profiles; each ends with both outboxes
 * empty and the three copies equal (A's store, B's store, Gmail), every change of both agents in all three
 * (unless the scenario says why not), and prints one `[fault]` line: what was injected, what survived.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE,
  differences,
  type FaultBrowser,
  MAILBOX,
  type OutboxEntry,
  report,
  startFaultBrowser,
  type TicketFields,
} from './fault-harness';
import { byName, findSidebar, openThreadBySubject, waitForSidebarText, waitUntil } from './harness';

const MODIFY = 'gmail.users.threads.modify';
const HISTORY = 'gmail.users.history.list';
const T0 = Date.now();
/** Progress lines with the time since start, for `FAULT_DEBUG=1` runs only; the `[fault]` lines always print. */
const step = (what: string) =>
  process.env.FAULT_DEBUG && console.info(`${((Date.now() - T0) / 1000).toFixed(1)}s ${what}`);

/** The agent of the second browser: one of the demo team's (scripts/gmail-standin/seeds/demo-records.ts). */
const AGENT_B = 'Dmitri Sokolov';
/** What the loser of a same-field race reads in its sidebar (ticketChangeOverridden, English). */
const OVERRIDDEN = 'Another agent changed priority at the same time; their change was kept.';

type Tickets = Map<string, TicketFields>;
/** The three copies once equal: Gmail's tickets, A's store, B's store. */
interface Copies {
  gmail: Tickets;
  a: Tickets;
  b: Tickets;
}

describe('faults in the browser, two agents on one mailbox', () => {
  let a: FaultBrowser;
  let b: FaultBrowser | undefined;

  beforeAll(async () => {
    a = await startFaultBrowser();
    b = await startFaultBrowser({ standin: a.standin, agentName: AGENT_B });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** B, once beforeAll made it. */
  const second = (): FaultBrowser => {
    if (!b) throw new Error("B's browser did not start");
    return b;
  };

  // A scenario that failed half-way must not leave its faults to the next one.
  afterEach(async () => {
    await a?.faults({}).catch(() => {});
  });

  const modifies = async () => (await a.stats()).byMethod[MODIFY]?.requests ?? 0;

  /** The first `count` threads (sorted) whose Gmail fields pass `accept`, none of `exclude`. */
  function pick(
    tickets: Tickets,
    count: number,
    accept: (fields: TicketFields) => boolean,
    exclude: readonly string[] = [],
  ): string[] {
    const ids = [...tickets]
      .filter(([id, fields]) => accept(fields) && !exclude.includes(id))
      .map(([id]) => id)
      .sort()
      .slice(0, count);
    expect(ids).toHaveLength(count);
    return ids;
  }

  /** A bulk change from a browser's Gmail tab, as the queue's bulk bar sends it. */
  async function bulk(fb: FaultBrowser, threadIds: string[], patch: object): Promise<void> {
    const answer = await fb.fromGmailTab<{ updated: string[] }>('tickets.bulkUpdate', {
      mailbox: MAILBOX,
      threadIds,
      patch,
    });
    expect(answer.updated).toHaveLength(threadIds.length);
  }

  /** The status labels a thread carries in Gmail: exactly one once a change landed once and cleanly. */
  async function statusLabels(threadId: string): Promise<string[]> {
    const [{ labels }, thread] = await Promise.all([
      a.api<{ labels: { id: string; name: string }[] }>('labels'),
      a.api<{ messages: { labelIds?: string[] }[] }>(`threads/${threadId}?format=minimal`),
    ]);
    const names = new Map(labels.map((label) => [label.id, label.name]));
    const ids = new Set(thread.messages.flatMap((message) => message.labelIds ?? []));
    return [...ids].map((id) => names.get(id) ?? id).filter((name) => name.startsWith('Helpdesk/Status/'));
  }

  /** Opens the inbox's first thread in a browser's Gmail tab, as an agent clicks it. */
  async function openFirstThread(
    fb: FaultBrowser,
  ): Promise<{ page: Page; threadId: string; subject: string }> {
    const page = fb.gmail;
    await page.bringToFront();
    await page.evaluate(() => {
      window.location.hash = '#inbox';
    });
    await (await page.waitForSelector('tr.zA'))?.click();
    const heading = await page.waitForSelector('h2.hP[data-legacy-thread-id]');
    const opened = await heading?.evaluate((h) => ({
      threadId: h.getAttribute('data-legacy-thread-id'),
      subject: h.textContent?.trim() ?? '',
    }));
    if (!opened?.threadId) throw new Error('No thread opened');
    return { page, threadId: opened.threadId, subject: opened.subject };
  }

  /** The sidebar's visible text now ('' while there is none). */
  async function sidebarText(page: Page): Promise<string> {
    const sidebar = await findSidebar(page, 2_000).catch(() => undefined);
    return (await sidebar?.evaluate((element) => (element as HTMLElement).innerText)) ?? '';
  }

  /** Asks a browser's worker to sync, as its Gmail tab does on focus; a stopped worker never answers. */
  async function askSync(fb: FaultBrowser): Promise<string> {
    return Promise.race([
      fb.fromGmailTab('sync.now', { mailbox: MAILBOX }).then(
        (answer) => JSON.stringify(answer),
        (error: unknown) => String(error).slice(0, 200),
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5_000)),
    ]);
  }

  /** Why a browser's store is not (yet) equal to Gmail's tickets; undefined when it is. */
  function unsettled(
    name: string,
    gmail: Tickets,
    store: { tickets: Tickets; outbox: OutboxEntry[] } | undefined,
  ): string | undefined {
    if (!store) return `${name}: no database`;
    if (store.outbox.length > 0) return `${name}: ${store.outbox.length} in the outbox`;
    const diff = differences(gmail, store.tickets);
    return diff.length === 0 ? undefined : `${name}: ${diff.slice(0, 3).join('; ')}`;
  }

  /**
   * Waits until both outboxes are empty and both stores equal Gmail, asking both workers to sync (as their
   * Gmail tabs do when they gain focus) while they are not; answers the three copies.
   */
  async function threeCopiesEqual(timeout: number): Promise<Copies> {
    let last = '';
    const check = async (): Promise<Copies | undefined> => {
      const asked = await Promise.all([askSync(a), askSync(second())]);
      step(`sync.now A: ${asked[0]} B: ${asked[1]}`);
      const [storeA, storeB] = await Promise.all([a.store(), second().store()]);
      const gmail = await a.gmailTickets();
      const why = [unsettled('A', gmail, storeA), unsettled('B', gmail, storeB)].filter(Boolean);
      if (why.length > 0 || !storeA || !storeB) {
        last = why.join(' | ');
        return undefined;
      }
      return { gmail, a: storeA.tickets, b: storeB.tickets };
    };
    try {
      return await waitUntil(check, 'both stores to equal Gmail (the three copies)', timeout);
    } catch (error) {
      throw new Error(`${String(error)} (last: ${last})`);
    }
  }

  /** Every one of `threadIds` has `field` = `value` in all three copies: the change survived everywhere. */
  function expectInAllCopies(
    copies: Copies,
    threadIds: readonly string[],
    field: keyof TicketFields,
    value: string,
  ): void {
    for (const [copy, tickets] of Object.entries(copies))
      for (const id of threadIds)
        expect({ copy, id, [field]: tickets.get(id)?.[field] }).toEqual({ copy, id, [field]: value });
  }

  it('loses nothing when the service workers are stopped mid-flush and mid-sync', async () => {
    const fb = second();
    const tickets = await a.gmailTickets();
    const mine = pick(tickets, 30, (t) => ['New', 'Open'].includes(t.status));
    const theirs = pick(tickets, 10, (t) => t.assignee !== AGENT_B, mine);
    const before = await modifies();
    const historyReads = async () => (await a.stats()).byMethod[HISTORY]?.requests ?? 0;
    // Each modify takes 200 ms, so a batch of 20 is on the wire for 4 s (and B's batch of 10 for 2 s).
    await a.faults({ [MODIFY]: { latencyMs: 200 } });
    const started = Date.now();
    const claimedIn = async (browser: FaultBrowser) =>
      ((await browser.store())?.outbox ?? []).filter((c) => c.sendingSince !== undefined).length;
    // A sets 30 tickets to Pending; once A's first batch is on its way, B takes 10 others.
    await bulk(a, mine, { status: 'Pending' });
    await waitUntil(async () => (await claimedIn(a)) > 0, "A's first batch claimed", 10_000);
    await bulk(fb, theirs, { assignee: AGENT_B });
    // Stop both workers while both batches are on the wire, partly through Gmail.
    await waitUntil(
      async () => (await claimedIn(fb)) > 0 && (await modifies()) >= before + 5,
      'both batches on the wire',
      10_000,
    );
    await Promise.all([a.stopServiceWorker(), fb.stopServiceWorker()]);
    const atFirstStop = (await modifies()) - before;
    const [storeA, storeB] = await Promise.all([a.store(), fb.store()]);
    const claimed = storeA?.outbox.filter((c) => c.sendingSince !== undefined).length ?? 0;
    const claimedB = storeB?.outbox.filter((c) => c.sendingSince !== undefined).length ?? 0;
    expect(storeA?.outbox).toHaveLength(30);
    step(
      `first stop: ${atFirstStop} modifies through, A ${claimed} claimed, B ${claimedB} of ${storeB?.outbox.length}`,
    );

    // The next event (A's tab asks for a sync) starts A's worker, which sends the outbox and then reads the
    // history, slowly: stop it again in the middle of that read. B's worker stays stopped until the end.
    await a.faults({ [MODIFY]: { latencyMs: 50 }, [HISTORY]: { latencyMs: 4_000 } });
    const readsBefore = await historyReads();
    void a.fromGmailTab('sync.now', { mailbox: MAILBOX }).catch(() => undefined);
    await waitUntil(
      async () => (await a.store())?.outbox.length === 0,
      "A's restarted worker to send the outbox",
      20_000,
    );
    const resentBy = Date.now() - started;
    await a.stopServiceWorker();
    const readsAtSecondStop = (await historyReads()) - readsBefore;
    step('second stop');

    await a.faults({});
    const copies = await threeCopiesEqual(60_000);
    expectInAllCopies(copies, mine, 'status', 'Pending');
    expectInAllCopies(copies, theirs, 'assignee', AGENT_B);
    for (const threadId of mine) expect(await statusLabels(threadId)).toEqual(['Helpdesk/Status/Pending']);
    report(
      'workers stopped mid-flush (A and B), then mid-sync (A)',
      {
        changesA: 30,
        changesB: 10,
        modifiesBeforeStop: atFirstStop,
        claimedByStoppedWorkerA: claimed,
        claimedByStoppedWorkerB: claimedB,
        outboxEmptyAfterMsA: resentBy,
        historyReadsDoneAtSecondStop: readsAtSecondStop,
        modifiesInAll: (await modifies()) - before,
        landedA: mine.length,
        landedB: theirs.length,
        seconds: Math.round((Date.now() - started) / 1000),
      },
      copies.gmail.size,
    );
  }, 120_000);

  it('sends both full outboxes after both browsers restart', async () => {
    const fb = second();
    const tickets = await a.gmailTickets();
    const mine = pick(tickets, 20, (t) => t.priority !== 'Urgent');
    const theirs = pick(tickets, 10, (t) => t.priority !== 'Urgent' && t.priority !== 'Low', mine);
    const before = await modifies();
    const started = Date.now();
    // Gmail refuses every modify: the changes stay in the outboxes, each tried and waiting its next turn.
    await a.faults({ [MODIFY]: { errorRate: 1, statuses: [503] } });
    await Promise.all([bulk(a, mine, { priority: 'Urgent' }), bulk(fb, theirs, { priority: 'Low' })]);
    // Close both browsers while their workers are in their retry loops: every change being sent (Gmail's
    // client retries a 503 up to six times, with backoff, before the change waits its next turn) or already
    // refused and waiting, and at least twice as many refused requests as changes.
    const inRetry = async (browser: FaultBrowser, count: number) => {
      const outbox = (await browser.store())?.outbox ?? [];
      const trying = outbox.every((c) => c.sendingSince !== undefined || c.attempts >= 1);
      return outbox.length === count && trying && outbox;
    };
    await waitUntil(
      async () => (await modifies()) - before >= 2 * (mine.length + theirs.length),
      'every change refused twice on the wire',
      30_000,
    );
    const [queuedA, queuedB] = await Promise.all([
      waitUntil(() => inRetry(a, 20), "A's worker retrying every change", 15_000),
      waitUntil(() => inRetry(fb, 10), "B's worker retrying every change", 15_000),
    ]);
    const refused = (await modifies()) - before;
    step(`outboxes full: A ${queuedA.length}, B ${queuedB.length}, ${refused} modifies refused`);

    await Promise.all([a.restart(), fb.restart()]);
    // Still refused after the restart: what comes back is the outbox each profile kept, not a resend.
    const [afterA, afterB] = await Promise.all([a.store(), fb.store()]);
    expect(afterA?.outbox.map((c) => c.threadId).sort()).toEqual(mine);
    expect(afterB?.outbox.map((c) => c.threadId).sort()).toEqual(theirs);
    step('restarted');

    await a.faults({});
    const copies = await threeCopiesEqual(60_000);
    expectInAllCopies(copies, mine, 'priority', 'Urgent');
    expectInAllCopies(copies, theirs, 'priority', 'Low');
    report(
      'both browsers restarted with a full outbox',
      {
        changesA: 20,
        changesB: 10,
        refusedModifies: refused,
        outboxAfterRestartA: afterA?.outbox.length ?? 0,
        outboxAfterRestartB: afterB?.outbox.length ?? 0,
        claimedWhenClosed: [...queuedA, ...queuedB].filter((c) => c.sendingSince !== undefined).length,
        modifiesInAll: (await modifies()) - before,
        landedA: mine.length,
        landedB: theirs.length,
        seconds: Math.round((Date.now() - started) / 1000),
      },
      copies.gmail.size,
    );
  }, 150_000);

  it("tells the agent when IndexedDB is over its quota, and catches up with the other agent's changes", async () => {
    const fb = second();
    const started = Date.now();
    await a.storageFull(true);
    // B reopens ten solved tickets from its browser: A's next sync must write them.
    const theirs = pick(await a.gmailTickets(), 10, (t) => t.status === 'Solved');
    await bulk(fb, theirs, { status: 'Open' });
    await waitUntil(
      async () => {
        const gmail = await a.gmailTickets();
        return theirs.every((id) => gmail.get(id)?.status === 'Open');
      },
      "B's changes in Gmail",
      20_000,
    );
    // A's poll fails, and says why in a code the UI can put in words (the tab's own poll stays quiet).
    const syncAnswer = await a.fromGmailTab('sync.now', { mailbox: MAILBOX }).then(
      () => 'answered',
      (error: unknown) => String(error),
    );
    expect(syncAnswer).toContain('"code":"storage-full"');

    // A changes a ticket in the sidebar: the change is undone, and the sidebar says what to do.
    const { page, threadId } = await openFirstThread(a);
    const status = await byName(page, 'combobox', 'Status');
    const current = await status.evaluate((select) => (select as HTMLSelectElement).value);
    await status.select(current === 'Open' ? 'Pending' : 'Open');
    const shown = await waitForSidebarText(page, (text) => text.includes('Free up disk space'), 15_000);
    expect(shown).toContain('Not saved, the change was undone');
    expect(await status.evaluate((select) => (select as HTMLSelectElement).value)).toBe(current);

    await a.storageFull(false);
    const copies = await threeCopiesEqual(60_000);
    expectInAllCopies(copies, theirs, 'status', 'Open');
    // Refused and undone in front of the agent, so never sent: every copy keeps the value A saw.
    expectInAllCopies(copies, [threadId], 'status', current);
    report(
      'IndexedDB over quota on A (injected QuotaExceededError)',
      {
        pollAnswerA: 'storage-full',
        sidebarSaidA: 'errorStorageFull',
        changeUndoneA: true,
        changesB: theirs.length,
        landedB: theirs.length,
        caughtUpA: true,
        seconds: Math.round((Date.now() - started) / 1000),
      },
      copies.gmail.size,
    );
  }, 90_000);

  it('rebuilds the store from Gmail when the database is deleted, then settles a same-second race', async () => {
    const fb = second();
    const started = Date.now();
    // 25 changes by A: the first batch of 20 on the wire (300 ms a modify), the other 5 only in the outbox.
    const tickets = await a.gmailTickets();
    const changed = pick(tickets, 25, (t) => t.group !== 'Billing');
    const theirs = pick(tickets, 10, (t) => t.group !== 'Billing' && t.group !== 'Shipping', changed);
    const before = await modifies();
    await a.faults({ [MODIFY]: { latencyMs: 300 } });
    await bulk(a, changed, { group: 'Billing' });
    await waitUntil(async () => (await modifies()) >= before + 2, "A's first batch on the wire", 10_000);
    const outbox = (await a.store())?.outbox ?? [];
    const inFlight = outbox.filter((c) => c.sendingSince !== undefined).map((c) => c.threadId);
    const onlyInOutbox = outbox.filter((c) => c.sendingSince === undefined).map((c) => c.threadId);
    expect(onlyInOutbox).toHaveLength(5);

    // B moves ten other tickets to Shipping at the same moment: its batch is on the wire during the deletion.
    await bulk(fb, theirs, { group: 'Shipping' });
    const deleted = await a.inExtensionPage<string>(`new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(${JSON.stringify(DATABASE)});
      request.onsuccess = () => resolve('deleted');
      request.onerror = () => resolve('error: ' + request.error);
      request.onblocked = () => resolve('blocked');
    })`);
    expect(deleted).toBe('deleted');
    step('deleted');
    await a.faults({});

    // A's extension notices on its next call: the store is read again from Gmail.
    const copies = await threeCopiesEqual(60_000);
    expect(copies.a.size).toBe(tickets.size);
    // What was on the wire lands (the old worker's request finishes); what waited in the deleted outbox is
    // gone with it: the store is rebuilt from Gmail, which never heard of those changes.
    expectInAllCopies(copies, inFlight, 'group', 'Billing');
    for (const [copy, stored] of Object.entries(copies))
      for (const id of onlyInOutbox)
        expect({ copy, id, group: stored.get(id)?.group }).not.toEqual({ copy, id, group: 'Billing' });
    expectInAllCopies(copies, theirs, 'group', 'Shipping');
    step('rebuilt');

    // The sidebars work again: both agents change the same ticket's priority in the same moment.
    const race = await sameTicketSameMoment();
    report(
      'database deleted on A while running, then A and B change one ticket in the same second',
      {
        changesA: changed.length,
        inFlightLandedA: inFlight.length,
        onlyInOutboxLostA: onlyInOutbox.length,
        ticketsRebuiltA: copies.a.size,
        changesB: theirs.length,
        landedB: theirs.length,
        raceWinner: `${race.winner}(${race.value})`,
        raceLoserTold: `${race.winner === 'A' ? 'B' : 'A'}(${race.lost})`,
        seconds: Math.round((Date.now() - started) / 1000),
      },
      race.copies.gmail.size,
    );
  }, 150_000);

  /**
   * A and B open the same ticket and change its priority in their sidebars at the same moment, each to a
   * different value. Gmail applies one modify after the other; the later one by Gmail's history wins in all
   * three copies, and the loser's sidebar says its change was overridden.
   */
  async function sameTicketSameMoment(): Promise<{
    winner: 'A' | 'B';
    value: string;
    lost: string;
    copies: Copies;
  }> {
    const fb = second();
    const { page: pageA, threadId, subject } = await openFirstThread(a);
    await fb.gmail.bringToFront();
    const pageB = fb.gmail;
    expect(await openThreadBySubject(pageB, subject)).toBe(threadId);
    const selectA = await byName(pageA, 'combobox', 'Priority');
    const selectB = await byName(pageB, 'combobox', 'Priority');
    const current = await selectA.evaluate((select) => (select as HTMLSelectElement).value);
    const [wantA, wantB] = ['Low', 'Normal', 'High', 'Urgent'].filter((p) => p !== current) as [
      string,
      string,
    ];
    // Opening the thread made each worker poll; once both are idle, a change is sent the moment it is made.
    await Promise.all([askSync(a), askSync(fb)]);
    const { historyId: startHistory } = await a.api<{ historyId: string }>('profile');
    // Each poll reads the history 2.5 s after it asks: the first sender's poll after its send sees both.
    await a.faults({ [HISTORY]: { latencyMs: 2_500 } });
    await Promise.all([selectA.select(wantA), selectB.select(wantB)]);
    step(`race: A ${wantA}, B ${wantB} on ${threadId}`);
    const loser = await waitUntil(
      async () => {
        const [textA, textB] = await Promise.all([sidebarText(pageA), sidebarText(pageB)]);
        if (textA.includes(OVERRIDDEN)) return 'A' as const;
        if (textB.includes(OVERRIDDEN)) return 'B' as const;
        return undefined;
      },
      "the losing agent's sidebar to say the change was overridden",
      30_000,
    );
    await a.faults({});
    const winner = loser === 'A' ? 'B' : 'A';
    const value = winner === 'A' ? wantA : wantB;
    const lost = winner === 'A' ? wantB : wantA;
    const copies = await threeCopiesEqual(60_000);
    expectInAllCopies(copies, [threadId], 'priority', value);
    // The rule: the winner's label was added after the loser's in Gmail's history (both reached Gmail).
    const addedAt = await labelsAddedAt(threadId, startHistory);
    const winnerAt = addedAt.get(`Helpdesk/Priority/${value}`);
    const loserAt = addedAt.get(`Helpdesk/Priority/${lost}`);
    expect(winnerAt).toBeDefined();
    expect(loserAt).toBeDefined();
    expect(BigInt(winnerAt ?? 0)).toBeGreaterThan(BigInt(loserAt ?? 0));
    // The loser's sidebar shows the winner's value; the winner was told nothing.
    const loserPage = loser === 'A' ? pageA : pageB;
    const loserSelect = loser === 'A' ? selectA : selectB;
    await waitUntil(
      async () => (await loserSelect.evaluate((select) => (select as HTMLSelectElement).value)) === value,
      "the loser's sidebar to show the winner's value",
      15_000,
    );
    expect(await sidebarText(loserPage)).toContain(OVERRIDDEN);
    expect(await sidebarText(loser === 'A' ? pageB : pageA)).not.toContain(OVERRIDDEN);
    return { winner, value, lost, copies };
  }

  /** The first history id (since `startHistoryId`) at which each label name was added to the thread. */
  async function labelsAddedAt(threadId: string, startHistoryId: string): Promise<Map<string, string>> {
    const { labels } = await a.api<{ labels: { id: string; name: string }[] }>('labels');
    const names = new Map(labels.map((label) => [label.id, label.name]));
    const added = new Map<string, string>();
    let pageToken: string | undefined;
    do {
      const page = await a.api<{
        history?: {
          id: string;
          labelsAdded?: { message: { threadId: string }; labelIds: string[] }[];
        }[];
        nextPageToken?: string;
      }>(
        `history?startHistoryId=${startHistoryId}&maxResults=500${pageToken ? `&pageToken=${pageToken}` : ''}`,
      );
      for (const record of page.history ?? [])
        for (const change of record.labelsAdded ?? [])
          if (change.message.threadId === threadId)
            for (const id of change.labelIds) {
              // The first add: a repair that names the winner again comes after both.
              const name = names.get(id) ?? id;
              if (!added.has(name)) added.set(name, record.id);
            }
      pageToken = page.nextPageToken;
    } while (pageToken);
    return added;
  }
});
