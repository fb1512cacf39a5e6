/**
 * Sync in the service worker (issue 3, "Where it runs"): every mailbox a Gmail tab has shown is polled on a
 * `chrome.alarms` schedule, and at once when the tab gains focus or the agent acts. A service worker may be
 * stopped at any moment, so everything that must survive lives in IndexedDB (cursors, outbox) or in
 * `chrome.storage.local` (which mailboxes to poll); the runner itself only holds caches.
 *
 * After a poll's sync and flush, the mailbox's automation runner takes its pass when the team's settings
 * let browsers run automations (runner mode 'any'): it claims or renews the lease kept in the mailbox and,
 * while it holds it, acknowledges, escalates, sends surveys and applies rules. A service worker killed
 * mid-pass loses nothing: its lease lapses and another browser or the Node worker takes over.
 */
import type { AutomationSettings } from '../core/automation-config';
import type { TeamConfig } from '../core/records';
import type { TicketRule } from '../core/ticket-rule';
import { createSyncCalls, type SyncCalls } from '../gmail/api/sync-calls';
import type { TokenSource } from '../gmail/api/token-source';
import { createTransport } from '../gmail/api/transport';
import type { PassSummary, RunnerStatus } from '../messaging/contract-automation';
import type { SyncProblem } from '../messaging/contract-results';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../store/db';
import { releaseSending } from '../store/outbox';
import { timelinesRequestedAt } from '../store/report-inputs';
import { SyncEngine, type SyncNotice } from '../sync/engine';
import { QuotaBudget } from '../sync/quota-budget';
import { assertSameMailbox } from './auth';
import { syncProblem } from './handlers';

export const SYNC_ALARM = 'labeldesk-sync';
/** Chrome 120+ allows 30-second alarms; a poll costs 2 units when nothing changed. */
export const POLL_MINUTES = 0.5;
const MAILBOXES_KEY = 'labeldesk.syncMailboxes';
/** How many tickets' metadata one poll may fill in, so a first sync never holds a poll for minutes. */
const METADATA_PER_POLL = 200;
/**
 * How many ticket timelines one poll may read once the reports page asked for them (issue 7): 100 threads is
 * 1,000 units, a small share of the mailbox's 15,000 a minute that every agent's browser shares.
 */
export const TIMELINES_PER_POLL = 100;
/** This browser's runner id, stable across service-worker restarts (the lease names its holder by it). */
const RUNNER_ID_KEY = 'labeldesk.runnerId';

/** What the poll needs of a mailbox's automation runner (src/sync/automation/runner.ts). */
export interface MailboxRunner {
  pass(): Promise<{ holder: boolean; summary: PassSummary | null }>;
  status(): RunnerStatus;
  release(): Promise<void>;
}

export interface RunnerFactoryInput {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  calls: SyncCalls;
  mailbox: string;
  runner: { id: string; kind: 'browser'; agent?: string };
}

export interface SyncRunnerServices {
  tokensFor(mailbox: string): TokenSource;
  baseUrl: string;
  storage: Pick<chrome.storage.StorageArea, 'get' | 'set'>;
  /** The engine's notices, and the mailbox's sync health each time it changes (never once per poll). */
  onNotice?: (mailbox: string, notice: SyncNotice | SyncHealthNotice) => void;
  /** The mailbox's automation runner; absent: this browser only syncs. */
  createRunner?: (input: RunnerFactoryInput) => MailboxRunner;
  /** The agent this browser acts as (settings.agentName), named in the lease. */
  agentName?: () => Promise<string>;
  /** Why an automation pass failed, by error name only. */
  onRunnerError?: (mailbox: string, error: unknown) => void;
}

/**
 * A mailbox's background sync started failing, failed for another reason, or works again (`problem` null).
 * A worker that restarted knows nothing: its first failed poll is a change, its first good one is not.
 */
export interface SyncHealthNotice {
  kind: 'sync-health';
  problem: SyncProblem | null;
}

export interface PollReport {
  mailbox: string;
  tickets: number;
  fullSync: boolean;
  metadataFetched: number;
  /** Ticket timelines read this poll for the reports (0 unless the reports page asked this browser). */
  timelinesFetched: number;
  sent: number;
  remainingOutbox: number;
  /** What this poll's automation pass did; null when this browser did not hold the lease or did not run. */
  automation: PassSummary | null;
}

interface MailboxSync {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  calls: SyncCalls;
  running: Promise<PollReport> | undefined;
  verified: boolean;
  /** The automation settings as of the last poll, for the engine's `automation` option. */
  settings: AutomationSettings | undefined;
  runner: MailboxRunner | undefined;
  /** The runner's status after its last pass (or the settings' mode alone, before any pass). */
  lastStatus: RunnerStatus | undefined;
}

export function teamRule(mailbox: string, config: TeamConfig | undefined): TicketRule {
  return {
    teamAddresses: [mailbox, ...(config?.agents.map((a) => a.email) ?? [])],
    teamDomains: config?.teamDomains ?? [],
  };
}

export class SyncRunner {
  private readonly mailboxes = new Map<string, Promise<MailboxSync>>();
  /** Mailboxes whose last poll failed, and why; absent: the last poll worked, or none ran in this worker. */
  private readonly failing = new Map<string, SyncProblem>();

  constructor(private readonly services: SyncRunnerServices) {}

  /** Remembers a mailbox a Gmail tab shows, so alarms keep polling it after the worker restarts. */
  async attach(mailbox: string): Promise<void> {
    const known = await this.knownMailboxes();
    if (!known.includes(mailbox)) await this.services.storage.set({ [MAILBOXES_KEY]: [...known, mailbox] });
  }

  async knownMailboxes(): Promise<string[]> {
    const stored = (await this.services.storage.get(MAILBOXES_KEY))[MAILBOXES_KEY];
    return Array.isArray(stored) ? stored.filter((m): m is string => typeof m === 'string') : [];
  }

  /** One poll of one mailbox; concurrent callers share the poll already running. */
  poll(mailbox: string): Promise<PollReport> {
    const report = this.mailboxSync(mailbox).then((sync) => {
      if (!sync.running) {
        sync.running = this.runPoll(mailbox, sync).finally(() => {
          sync.running = undefined;
        });
      }
      return sync.running;
    });
    // Before the caller's own reaction, so the tabs hear of a failure before anything the caller announces.
    report.then(
      () => this.setHealth(mailbox, null),
      (error: unknown) => this.setHealth(mailbox, syncProblem(error)),
    );
    return report;
  }

  /** Why the mailbox's last poll failed; null when it worked (or no poll ran since the worker started). */
  syncHealth(mailbox: string): SyncProblem | null {
    return this.failing.get(mailbox) ?? null;
  }

  private setHealth(mailbox: string, problem: SyncProblem | null): void {
    if (this.syncHealth(mailbox) === problem) return;
    if (problem === null) this.failing.delete(mailbox);
    else this.failing.set(mailbox, problem);
    this.services.onNotice?.(mailbox, { kind: 'sync-health', problem });
  }

  /** The alarm: every known mailbox, one after the other (they share nothing but the worker's time). */
  async pollAll(): Promise<PromiseSettledResult<PollReport>[]> {
    const results: PromiseSettledResult<PollReport>[] = [];
    for (const mailbox of await this.knownMailboxes()) {
      try {
        results.push({ status: 'fulfilled', value: await this.poll(mailbox) });
      } catch (reason) {
        results.push({ status: 'rejected', reason });
      }
    }
    return results;
  }

  /** What the options page shows under "Runner": who holds the lease, whether it is this browser, the last pass. */
  async runnerStatus(mailbox: string): Promise<RunnerStatus> {
    const sync = await this.mailboxSync(mailbox);
    const mode = sync.settings?.runner ?? 'any';
    const status = sync.lastStatus ?? { mode, holder: null, thisBrowser: false, lastPass: null };
    return { ...status, mode };
  }

  /** This browser's runner id: made once, kept in `chrome.storage.local`. */
  async runnerId(): Promise<string> {
    const stored = (await this.services.storage.get(RUNNER_ID_KEY))[RUNNER_ID_KEY];
    if (typeof stored === 'string' && /^[\w.:-]{1,100}$/.test(stored)) return stored;
    const id = `browser:${crypto.randomUUID()}`;
    await this.services.storage.set({ [RUNNER_ID_KEY]: id });
    return id;
  }

  async engineFor(mailbox: string): Promise<SyncEngine> {
    return (await this.mailboxSync(mailbox)).engine;
  }

  /** The mailbox's engine, store and API calls, for the desk's reads and writes. */
  async mailboxFor(
    mailbox: string,
  ): Promise<{ engine: SyncEngine; db: LabeldeskDatabase; calls: SyncCalls }> {
    const { engine, db, calls } = await this.mailboxSync(mailbox);
    return { engine, db, calls };
  }

  /** Before the first write: the token must belong to the mailbox the tab shows (DESIGN.md section 1). */
  async verifyMailbox(mailbox: string): Promise<void> {
    const sync = await this.mailboxSync(mailbox);
    if (sync.verified) return;
    const profile = await sync.calls.getProfile();
    assertSameMailbox(profile.emailAddress, mailbox);
    sync.verified = true;
  }

  private mailboxSync(mailbox: string): Promise<MailboxSync> {
    let sync = this.mailboxes.get(mailbox);
    if (!sync) {
      // A database closed under the worker (deleted from an extension page, upgraded by a newer tab, site
      // data cleared) is opened again on the next call, with a new engine: a deleted one is created empty and
      // filled by a full sync. Before, every call failed with "The database connection is closing".
      const forget = () => {
        if (this.mailboxes.get(mailbox) === sync) this.mailboxes.delete(mailbox);
      };
      sync = this.open(mailbox, forget);
      // A failed open (storage blocked, say) must not stick: the next poll tries again.
      sync.catch(() => this.mailboxes.delete(mailbox));
      this.mailboxes.set(mailbox, sync);
    }
    return sync;
  }

  private async open(mailbox: string, onClose: () => void): Promise<MailboxSync> {
    const db = await openLabeldeskDatabase(mailbox, { onClose });
    // Changes marked as being sent were orphaned by a worker Chrome stopped mid-flush (or by this worker's
    // engine on a connection that closed under it): they go out on the first flush instead of a minute
    // later. One that did reach Gmail is sent again, which is harmless: a modify sets labels.
    await releaseSending(db);
    const transport = createTransport({
      tokenSource: this.services.tokensFor(mailbox),
      baseUrl: this.services.baseUrl,
      budget: new QuotaBudget(Date.now),
    });
    const calls = createSyncCalls(transport);
    const sync: MailboxSync = {
      engine: undefined as unknown as SyncEngine,
      db,
      calls,
      running: undefined,
      verified: false,
      settings: undefined,
      runner: undefined,
      lastStatus: undefined,
    };
    const engine: SyncEngine = new SyncEngine({
      db,
      calls,
      mailbox,
      // The team: the mailbox and every agent of the shared team config (the mailbox alone until one exists).
      triage: async () => teamRule(mailbox, await engine.records?.config()),
      onNotice: (notice) => this.services.onNotice?.(mailbox, notice),
      // The settings as read after the last poll (the reopen rule and the SLA clocks follow them).
      automation: () => sync.settings,
    });
    sync.engine = engine;
    if (this.services.createRunner) {
      const agent = (await this.services.agentName?.()) ?? '';
      sync.runner = this.services.createRunner({
        engine,
        db,
        calls,
        mailbox,
        runner: { id: await this.runnerId(), kind: 'browser', ...(agent ? { agent } : {}) },
      });
    }
    return sync;
  }

  /**
   * The automation pass after a poll: only in mode 'any' (in mode 'worker' the Node worker alone runs them,
   * and a lease this browser still held is given back). A failed pass never fails the poll.
   */
  private async runAutomations(mailbox: string, sync: MailboxSync): Promise<PassSummary | null> {
    if (!sync.runner) return null;
    try {
      if ((sync.settings?.runner ?? 'any') !== 'any') {
        if (sync.lastStatus?.thisBrowser) await sync.runner.release();
        sync.lastStatus = { ...sync.runner.status(), thisBrowser: false };
        return null;
      }
      const result = await sync.runner.pass();
      sync.lastStatus = sync.runner.status();
      return result.holder ? result.summary : null;
    } catch (error) {
      this.services.onRunnerError?.(mailbox, error);
      return null;
    }
  }

  /**
   * Timelines for the reports, only in a browser whose reports page asked for them, only once the queues'
   * own metadata is all read, and at most TIMELINES_PER_POLL threads a poll. A failure waits for the next poll.
   */
  private async readTimelines(sync: MailboxSync): Promise<number> {
    if ((await timelinesRequestedAt(sync.db)) === undefined) return 0;
    const [metadataPending, timelinesPending] = await Promise.all([
      sync.db.countFromIndex('tickets', 'metadataPending', 1),
      sync.db.countFromIndex('tickets', 'timelinePending', 1),
    ]);
    if (metadataPending > 0 || timelinesPending === 0) return 0;
    try {
      return await sync.engine.fetchTimelines(TIMELINES_PER_POLL);
    } catch {
      return 0;
    }
  }

  private async runPoll(mailbox: string, sync: MailboxSync): Promise<PollReport> {
    await this.verifyMailbox(mailbox);
    const flushedFirst = await sync.engine.flushOutbox();
    const report = await sync.engine.incrementalSync();
    const metadataFetched = await sync.engine.fetchMetadata(undefined, METADATA_PER_POLL);
    const timelinesFetched = await this.readTimelines(sync);
    const flushed = await sync.engine.flushOutbox();
    sync.settings = (await sync.engine.records?.automation())?.settings;
    const automation = await this.runAutomations(mailbox, sync);
    // The pass's ticket changes went to the outbox: carry them now rather than at the next poll.
    const afterPass = automation ? await sync.engine.flushOutbox() : flushed;
    return {
      mailbox,
      tickets: report.fullSync?.tickets ?? report.threadsChanged,
      fullSync: report.fullSync !== null,
      metadataFetched,
      timelinesFetched,
      sent: flushedFirst.sent + flushed.sent + (automation ? afterPass.sent : 0),
      remainingOutbox: afterPass.remaining,
      automation,
    };
  }
}
