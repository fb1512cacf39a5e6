/**
 * Many agents, one mailbox's quota (issue 3): N agents, each with its own IndexedDB, transport and AIMD
 * quota budget, start a full sync at the same moment against one stand-in that enforces Gmail's per-user
 * quota (15,000 units a moving minute, more than 10 concurrent requests → 429). Reports the last and first
 * finish against the quota floor of all the units spent together.
 *
 * `independent`: every agent fetches every ticket's metadata itself (the baseline).
 * `shared`: agents share it through metadata snapshots (src/sync/shared-metadata.ts).
 */
import 'fake-indexeddb/auto';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import { createTransport } from '../../src/gmail/api/transport';
import { openLabeldeskDatabase } from '../../src/store/db';
import { SyncEngine } from '../../src/sync/engine';
import { GMAIL_UNITS_PER_SECOND, QuotaBudget } from '../../src/sync/quota-budget';
import { SharedMetadata, type SharedMetadataReport } from '../../src/sync/shared-metadata';
import { startStandin } from '../gmail-standin/index';

export interface AgentsBenchOptions {
  agents?: number;
  threads?: number;
  ticketShare?: number;
  mode?: 'shared' | 'independent';
  ticketsPerSlice?: number;
}

interface AgentOutcome {
  /** When its queues were usable: every ticket's labels known (the full sync by label membership). */
  labelsSeconds: number;
  finishSeconds: number;
  clientUnits: number;
  rateLimited: number;
  failures: number;
  tickets: number;
  withMetadata: number;
  sharing: SharedMetadataReport | undefined;
}

interface Stats {
  requests: number;
  quotaUnits: number;
  byStatus: Record<string, number>;
  byMethod: Record<string, { requests: number; quotaUnits: number }>;
}

async function stats(url: string): Promise<Stats> {
  return (await (await fetch(`${url}/__standin/stats`)).json()) as Stats;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A step is tried until it succeeds, as the service worker's next alarm would try it again. */
async function untilDone<T>(step: () => Promise<T>, onFailure: () => void): Promise<T> {
  for (;;) {
    try {
      return await step();
    } catch {
      onFailure();
      await pause(1_000 + Math.random() * 2_000);
    }
  }
}

export async function runAgentsBench(options: AgentsBenchOptions = {}) {
  const agents = options.agents ?? 30;
  const threads = options.threads ?? 10_000;
  const ticketShare = options.ticketShare ?? 0.2;
  const mode = options.mode ?? 'shared';
  const standin = await startStandin({ port: 0, seed: 'empty', threads, ticketShare });
  const run = Date.now();
  try {
    const setups = await Promise.all(
      Array.from({ length: agents }, async (_, i) => {
        const transport = createTransport({
          tokenSource: staticTokenSource(`bench-agent-${i}`),
          baseUrl: standin.url,
          budget: new QuotaBudget(Date.now),
        });
        const calls = createSyncCalls(transport);
        const db = await openLabeldeskDatabase(`agents-${run}-${i}@example.com`);
        const engine = new SyncEngine({ db, calls, mailbox: standin.emailAddress });
        return { transport, calls, db, engine };
      }),
    );
    const before = await stats(standin.url);
    const start = performance.now();
    const outcomes: AgentOutcome[] = await Promise.all(
      setups.map(async ({ transport, calls, db, engine }) => {
        let failures = 0;
        let sharing: SharedMetadataReport | undefined;
        const failed = () => {
          failures += 1;
        };
        await untilDone(() => engine.fullSync(), failed);
        const labelsSeconds = (performance.now() - start) / 1000;
        if (mode === 'shared') {
          const shared = new SharedMetadata({
            engine,
            db,
            calls,
            ...(options.ticketsPerSlice ? { ticketsPerSlice: options.ticketsPerSlice } : {}),
          });
          sharing = await untilDone(() => shared.run(), failed);
        } else {
          await untilDone(async () => {
            await engine.fetchMetadata();
            if ((await db.getAll('tickets')).some((t) => !t.hasMetadata)) throw new Error('not done');
          }, failed);
        }
        const finishSeconds = (performance.now() - start) / 1000;
        const tickets = await db.getAll('tickets');
        return {
          labelsSeconds,
          finishSeconds,
          clientUnits: transport.stats.units,
          rateLimited: transport.stats.rateLimited,
          failures,
          tickets: tickets.length,
          withMetadata: tickets.filter((t) => t.hasMetadata).length,
          sharing,
        };
      }),
    );
    const after = await stats(standin.url);
    // Every agent must end with the same tickets and the same subjects: sharing must not change results.
    const subjectsOf = async (i: number) =>
      JSON.stringify(
        (await setups[i]?.db.getAll('tickets'))?.map((t) => [
          t.threadId,
          t.subject,
          t.requester?.email,
          t.createdAt,
        ]),
      );
    const reference = await subjectsOf(0);
    let identicalStores = true;
    for (let i = 1; i < agents; i++) if ((await subjectsOf(i)) !== reference) identicalStores = false;
    for (const setup of setups) setup.db.close();

    const units = after.quotaUnits - before.quotaUnits;
    const floor = units / GMAIL_UNITS_PER_SECOND;
    const finishes = outcomes.map((o) => o.finishSeconds);
    const last = Math.max(...finishes);
    return {
      mode,
      agents,
      threads,
      tickets: outcomes[0]?.tickets ?? 0,
      allComplete: outcomes.every((o) => o.withMetadata === o.tickets),
      identicalStores,
      units,
      clientUnits: outcomes.reduce((s, o) => s + o.clientUnits, 0),
      requests: after.requests - before.requests,
      status429: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0),
      clientRateLimited: outcomes.reduce((s, o) => s + o.rateLimited, 0),
      stepFailures: outcomes.reduce((s, o) => s + o.failures, 0),
      quotaFloorSeconds: round(floor),
      lastFinishSeconds: round(last),
      firstFinishSeconds: round(Math.min(...finishes)),
      lastVsQuotaFloor: round(last / floor),
      labelsUsableSeconds: {
        first: round(Math.min(...outcomes.map((o) => o.labelsSeconds))),
        last: round(Math.max(...outcomes.map((o) => o.labelsSeconds))),
      },
      unitsByMethod: Object.fromEntries(
        Object.entries(after.byMethod).map(([method, m]) => [
          method.replace('gmail.users.', ''),
          m.quotaUnits - (before.byMethod[method]?.quotaUnits ?? 0),
        ]),
      ),
      sharing:
        mode === 'shared'
          ? Object.fromEntries(
              Object.keys(outcomes[0]?.sharing ?? {}).map((key) => [
                key,
                outcomes.reduce((sum, o) => sum + (o.sharing?.[key as keyof SharedMetadataReport] ?? 0), 0),
              ]),
            )
          : undefined,
      perAgentUnits: {
        min: Math.min(...outcomes.map((o) => o.clientUnits)),
        max: Math.max(...outcomes.map((o) => o.clientUnits)),
      },
    };
  } finally {
    await standin.close();
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
