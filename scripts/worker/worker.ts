/**
 * One mailbox's Node worker (DESIGN.md section 6): the same `src/sync` engine and automation runner as an
 * agent's service worker, over an in-memory IndexedDB (the worker keeps nothing the mailbox does not have).
 * A pass is: incrementalSync → fetchMetadata (bounded) → the automation runner's pass → flushOutbox.
 * `runContinuously` repeats it every interval with jitter, backs off after failures, and stops between
 * steps when its signal aborts, releasing the runner lease so a browser takes over at once.
 */

import { teamRule } from '../../src/background/sync-runner';
import type { AutomationSettings } from '../../src/core/automation-config';
import { createSyncCalls, type SyncCalls } from '../../src/gmail/api/sync-calls';
import type { TokenSource } from '../../src/gmail/api/token-source';
import { createTransport, type Transport } from '../../src/gmail/api/transport';
import type { PassSummary } from '../../src/messaging/contract-automation';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../../src/store/db';
import { SyncEngine, type SyncNotice } from '../../src/sync/engine';
import { QuotaBudget } from '../../src/sync/quota-budget';
import type { WorkerLog } from './log';

/** What the worker needs of the automation runner (src/sync/automation/runner.ts). */
export interface PassRunner {
  pass(): Promise<{ holder: boolean; summary: PassSummary | null }>;
  release(): Promise<void>;
}

export interface RunnerDeps {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  calls: SyncCalls;
  mailbox: string;
  runnerId: string;
  log: WorkerLog;
}

export interface WorkerOptions {
  api: string;
  /** The Gmail user id in API paths: 'me', or the mailbox address. */
  userId: string;
  tokenSource: TokenSource;
  /** When set, the token's account must be this mailbox (a refresh token for the wrong account fails here). */
  expectedMailbox?: string;
  runnerId: string;
  log: WorkerLog;
  /** Tickets whose metadata one pass fills in; a first sync of a large mailbox spreads over passes. */
  metadataPerPass?: number;
  /** Builds the automation runner once the engine exists; undefined: the worker only syncs. */
  createRunner?: (deps: RunnerDeps) => PassRunner | undefined;
  fetch?: typeof fetch;
}

export interface WorkerPassSummary {
  mailbox: string;
  tickets: number;
  metadataFetched: number;
  historyId: string;
  fullSync: boolean;
  outbox: { sent: number; failed: number; rejected: number; remaining: number };
  notices: number;
  /** Totals since the worker started (the transport's counts). */
  requests: number;
  quotaUnits: number;
  rateLimited: number;
  /** Units this pass spent. */
  unitsUsed: number;
  /** Whether this worker held the runner lease in this pass. */
  holder: boolean;
  automation: PassSummary | null;
  seconds: number;
}

export class MailboxMismatch extends Error {
  constructor() {
    super('The token belongs to another account than the configured mailbox');
    this.name = 'MailboxMismatch';
  }
}

export class LabeldeskWorker {
  private settings: AutomationSettings | undefined;
  private readonly notices: SyncNotice[] = [];
  private closed = false;

  private constructor(
    readonly mailbox: string,
    readonly engine: SyncEngine,
    readonly db: LabeldeskDatabase,
    readonly transport: Transport,
    private readonly runner: PassRunner | undefined,
    private readonly options: WorkerOptions,
  ) {}

  static async open(options: WorkerOptions): Promise<LabeldeskWorker> {
    const transport = createTransport({
      tokenSource: options.tokenSource,
      baseUrl: new URL(options.api).origin,
      budget: new QuotaBudget(Date.now),
      userId: options.userId,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const calls = createSyncCalls(transport);
    const profile = await calls.getProfile();
    const mailbox = profile.emailAddress;
    if (options.expectedMailbox && mailbox.toLowerCase() !== options.expectedMailbox.toLowerCase()) {
      throw new MailboxMismatch();
    }
    const db = await openLabeldeskDatabase(mailbox);
    const holder: { worker?: LabeldeskWorker } = {};
    const engine: SyncEngine = new SyncEngine({
      db,
      calls,
      mailbox,
      triage: async () => teamRule(mailbox, await engine.records?.config()),
      onNotice: (notice) => {
        holder.worker?.notices.push(notice);
        options.log.info('notice', {
          kind: notice.kind,
          threadId: 'threadId' in notice ? notice.threadId : null,
        });
      },
      automation: () => holder.worker?.settings,
    });
    const runner = options.createRunner?.({
      engine,
      db,
      calls,
      mailbox,
      runnerId: options.runnerId,
      log: options.log,
    });
    const worker = new LabeldeskWorker(mailbox, engine, db, transport, runner, options);
    holder.worker = worker;
    return worker;
  }

  /** One pass; `stopping()` is checked between steps so a signal never cuts a step in half. */
  async pass(stopping: () => boolean = () => false): Promise<WorkerPassSummary> {
    const started = performance.now();
    const unitsBefore = this.transport.stats.units;
    const noticesBefore = this.notices.length;
    const sync = await this.engine.incrementalSync();
    // The settings in force, read from the records the sync just brought (the engine's `automation`).
    this.settings = (await this.engine.records?.automation())?.settings;
    let metadataFetched = 0;
    if (!stopping()) {
      metadataFetched = await this.engine.fetchMetadata(undefined, this.options.metadataPerPass);
    }
    let automation: PassSummary | null = null;
    let holder = false;
    if (this.runner && !stopping()) {
      const result = await this.runner.pass();
      automation = result.summary;
      holder = result.holder;
    }
    const outbox = await this.engine.flushOutbox();
    return {
      mailbox: this.mailbox,
      tickets: await this.db.count('tickets'),
      metadataFetched,
      historyId: sync.historyId,
      fullSync: sync.fullSync !== null,
      outbox,
      notices: this.notices.length - noticesBefore,
      requests: this.transport.stats.requests,
      quotaUnits: this.transport.stats.units,
      rateLimited: this.transport.stats.rateLimited,
      unitsUsed: this.transport.stats.units - unitsBefore,
      holder,
      automation,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    };
  }

  /** Gives the lease back (a browser takes over at its next poll) and closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.runner?.release();
    } finally {
      this.db.close();
    }
  }
}

/** The counts of a pass, for the log line: no ids, no addresses. */
export function passFields(summary: WorkerPassSummary): Record<string, number | boolean | null> {
  const a = summary.automation;
  return {
    tickets: summary.tickets,
    metadataFetched: summary.metadataFetched,
    fullSync: summary.fullSync,
    sent: summary.outbox.sent,
    remainingOutbox: summary.outbox.remaining,
    notices: summary.notices,
    unitsUsed: summary.unitsUsed,
    rateLimited: summary.rateLimited,
    holder: summary.holder,
    acknowledged: a?.acknowledged ?? null,
    surveys: a?.surveys ?? null,
    answersRecorded: a?.answersRecorded ?? null,
    reminders: a?.reminders ?? null,
    closed: a?.closed ?? null,
    escalated: a?.escalated ?? null,
    rulesApplied: a?.rulesApplied ?? null,
    skipped: a?.skipped ?? null,
    seconds: summary.seconds,
  };
}

export interface LoopOptions {
  intervalMs: number;
  signal: AbortSignal;
  log: WorkerLog;
  random?: () => number;
  /** Resolves after `ms`, or early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Longest wait after repeated failures. */
  maxBackoffMs?: number;
  /** Stops after this many passes (tests). */
  maxPasses?: number;
}

/** The wait before the next pass: the interval ±10% after a success, doubling after each failure in a row. */
export function nextDelayMs(
  intervalMs: number,
  failuresInRow: number,
  random: () => number,
  maxBackoffMs: number,
): number {
  if (failuresInRow === 0) return Math.round(intervalMs * (0.9 + 0.2 * random()));
  const ceiling = Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(failuresInRow, 16));
  // Full jitter above half the ceiling: many workers restarted together do not retry together.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Passes until the signal aborts; the pass running then finishes its current step first. */
export async function runContinuously(
  worker: Pick<LabeldeskWorker, 'pass'>,
  options: LoopOptions,
): Promise<number> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  let failures = 0;
  let passes = 0;
  while (!options.signal.aborted) {
    try {
      const summary = await worker.pass(() => options.signal.aborted);
      failures = 0;
      options.log.info('pass', passFields(summary));
    } catch (error) {
      failures += 1;
      const wait = nextDelayMs(options.intervalMs, failures, random, maxBackoffMs);
      options.log.error('pass-failed', error, {
        failuresInRow: failures,
        retryInSeconds: Math.round(wait / 1000),
      });
      passes += 1;
      if (options.maxPasses !== undefined && passes >= options.maxPasses) break;
      await sleep(wait, options.signal);
      continue;
    }
    passes += 1;
    if (options.maxPasses !== undefined && passes >= options.maxPasses) break;
    await sleep(nextDelayMs(options.intervalMs, 0, random, maxBackoffMs), options.signal);
  }
  return passes;
}
