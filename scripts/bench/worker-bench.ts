/**
 * Worker benchmark (issue 6: "the worker handles 10,000 tickets a pass within the quota, and reports units
 * used"): a stand-in with 10,000 tickets and Gmail's quota enforced, one worker pass from nothing (full
 * sync, every ticket's metadata, the automation runner's pass, the outbox), through the worker's own
 * code and a token from the stand-in's token endpoint. Units and 429s come from the stand-in's accounting;
 * the peak of any moving minute is read from its counter every 250 ms (15,000 is Gmail's per-user limit).
 */
import 'fake-indexeddb/auto';
import { startStandin } from '../gmail-standin/index';
import { GrantTokenSource, refreshTokenGrant } from '../worker/google-token-source';
import { createWorkerLog } from '../worker/log';
import { createAutomationRunner } from '../worker/runner';
import { LabeldeskWorker } from '../worker/worker';

const WINDOW_MS = 60_000;
const SAMPLE_MS = 250;

export interface WorkerBenchResult {
  threads: number;
  tickets: number;
  metadataFetched: number;
  unitsUsed: number;
  requests: number;
  status429: number;
  seconds: number;
  peakUnitsPerMinute: number;
  withinQuota: boolean;
  automation: unknown;
  holder: boolean;
}

/** The largest difference between two samples at most a minute apart: the busiest moving minute. */
export function peakInWindow(
  samples: readonly { at: number; units: number }[],
  windowMs = WINDOW_MS,
): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < samples.length; end++) {
    const last = samples[end];
    if (!last) continue;
    while ((samples[start]?.at ?? last.at) < last.at - windowMs) start++;
    peak = Math.max(peak, last.units - (samples[start]?.units ?? 0));
  }
  return peak;
}

export async function runWorkerBench(options: { threads?: number } = {}): Promise<WorkerBenchResult> {
  const threads = options.threads ?? 10_000;
  // Every thread a ticket: the worst case for metadata and automations.
  const standin = await startStandin({ port: 0, seed: 'empty', threads, ticketShare: 1 });
  const samples: { at: number; units: number }[] = [{ at: Date.now(), units: 0 }];
  const sampler = setInterval(() => {
    samples.push({ at: Date.now(), units: standin.standin.stats.quotaUnits });
  }, SAMPLE_MS);
  try {
    standin.standin.tokenEndpoint.configure({
      clients: [{ clientId: 'bench', clientSecret: 'bench-secret', refreshTokens: ['1//bench'] }],
    });
    const log = createWorkerLog(() => {});
    const worker = await LabeldeskWorker.open({
      api: standin.url,
      userId: 'me',
      expectedMailbox: standin.emailAddress,
      tokenSource: new GrantTokenSource(
        refreshTokenGrant({
          tokenUrl: `${standin.url}/token`,
          clientId: 'bench',
          clientSecret: 'bench-secret',
          refreshToken: '1//bench',
        }),
      ),
      runnerId: 'worker:bench',
      log,
      createRunner: createAutomationRunner,
    });
    const started = performance.now();
    const summary = await worker.pass();
    const seconds = (performance.now() - started) / 1000;
    await worker.close();
    samples.push({ at: Date.now(), units: standin.standin.stats.quotaUnits });
    const stats = standin.standin.stats;
    const peak = peakInWindow(samples);
    return {
      threads,
      tickets: summary.tickets,
      metadataFetched: summary.metadataFetched,
      unitsUsed: stats.quotaUnits,
      requests: stats.requests,
      status429: stats.byStatus['429'] ?? 0,
      seconds: Math.round(seconds * 10) / 10,
      peakUnitsPerMinute: peak,
      withinQuota: peak <= 15_000,
      automation: summary.automation,
      holder: summary.holder,
    };
  } finally {
    clearInterval(sampler);
    await standin.close();
  }
}
