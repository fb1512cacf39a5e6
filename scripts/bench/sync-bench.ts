/**
 * Sync benchmark (issue 3): a full sync of a large mailbox against the stand-in with Gmail's quota
 * enforced, compared with the naive way (list every thread, `threads.get` each in full), and the cost of
 * an idle poll. Units come from the stand-in's own accounting, not from the client's.
 */
import 'fake-indexeddb/auto';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import { createTransport } from '../../src/gmail/api/transport';
import { openLabeldeskDatabase } from '../../src/store/db';
import { SyncEngine } from '../../src/sync/engine';
import { GMAIL_UNITS_PER_SECOND, QuotaBudget } from '../../src/sync/quota-budget';
import { startStandin } from '../gmail-standin/index';

interface Stats {
  requests: number;
  quotaUnits: number;
  byStatus: Record<string, number>;
}

async function stats(url: string): Promise<Stats> {
  return (await (await fetch(`${url}/__standin/stats`)).json()) as Stats;
}

export interface SyncBenchResult {
  threads: number;
  tickets: number;
  labelPhase: { units: number; seconds: number };
  total: { units: number; seconds: number; requests: number; status429: number };
  naiveUnits: number;
  unitsVsNaive: number;
  quotaFloorSeconds: number;
  wallVsQuotaFloor: number;
  idlePollUnits: number;
}

/** Issue 3's mailbox: 10,000 threads of which 2,000 are tickets. */
export async function runSyncBench(threads: number, ticketShare = 0.2): Promise<SyncBenchResult> {
  const standin = await startStandin({ port: 0, seed: 'empty', threads, ticketShare });
  try {
    const transport = createTransport({
      tokenSource: staticTokenSource('bench-token'),
      baseUrl: standin.url,
      budget: new QuotaBudget(Date.now),
    });
    const calls = createSyncCalls(transport);
    const db = await openLabeldeskDatabase(`bench-${Date.now()}@example.com`);
    const engine = new SyncEngine({ db, calls, mailbox: standin.emailAddress });

    const before = await stats(standin.url);
    const start = performance.now();
    const report = await engine.fullSync();
    const afterLabels = await stats(standin.url);
    const labelSeconds = (performance.now() - start) / 1000;
    await engine.fetchMetadata();
    const seconds = (performance.now() - start) / 1000;
    const after = await stats(standin.url);

    const beforePoll = await stats(standin.url);
    await engine.incrementalSync();
    const afterPoll = await stats(standin.url);
    db.close();

    const units = after.quotaUnits - before.quotaUnits;
    // Naive: threads.list over every thread (10 units a page of 500) and threads.get (10 units) for each.
    const naiveUnits = Math.ceil(threads / 500) * 10 + threads * 10;
    const floor = units / GMAIL_UNITS_PER_SECOND;
    return {
      threads,
      tickets: report.tickets,
      labelPhase: { units: afterLabels.quotaUnits - before.quotaUnits, seconds: round(labelSeconds) },
      total: {
        units,
        seconds: round(seconds),
        requests: after.requests - before.requests,
        status429: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0),
      },
      naiveUnits,
      unitsVsNaive: round(units / naiveUnits),
      quotaFloorSeconds: round(floor),
      wallVsQuotaFloor: round(seconds / floor),
      idlePollUnits: afterPoll.quotaUnits - beforePoll.quotaUnits,
    };
  } finally {
    await standin.close();
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
