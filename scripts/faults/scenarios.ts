/**
 * The fault scenarios of issue 8, each against its own stand-in with two agents (scripts/faults/harness.ts).
 * Each injects one fault while both agents work, heals, and answers a `FaultReport`: what was injected,
 * what came through, what was lost and where the three copies (two stores, Gmail) differ.
 */
import { DEFAULT_BACKOFF } from '../../src/sync/backoff';
import {
  attempt,
  type FaultReport,
  heal,
  judge,
  makeChanges,
  report,
  type ScenarioSize,
  seededRandom,
  startWorld,
  statusDelta,
  type World,
} from './harness';

export type Scenario = (size: ScenarioSize, seed?: number) => Promise<FaultReport>;

/** Agent A's tickets and agent B's tickets: disjoint, so any value Gmail lacks was lost, not outvoted. */
function split(world: World, size: ScenarioSize): { mine: string[]; theirs: string[] } {
  const n = Math.min(size.tickets, Math.floor(world.tickets.length / 2));
  return { mine: world.tickets.slice(0, n), theirs: world.tickets.slice(n, 2 * n) };
}

async function withWorld(work: (world: World) => Promise<FaultReport>): Promise<FaultReport> {
  const world = await startWorld();
  try {
    return await work(world);
  } finally {
    await world.close();
  }
}

/**
 * 1. Network loss mid-batch: both outboxes fill with many changes, then every batch request may lose its
 * request (Gmail never saw it) or its answer (Gmail applied it, the browser cannot know), while both flush
 * and poll.
 */
export const networkLossMidBatch: Scenario = (size, seed = 1) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    const queued =
      (await makeChanges(world.a, mine, size.changes, random)) +
      (await makeChanges(world.b, theirs, size.changes, random));
    const outboxBefore = (await world.a.db.count('outbox')) + (await world.b.db.count('outbox'));
    const lossy = (url: string) => {
      if (!url.includes('/batch/')) return undefined;
      const roll = random();
      return roll < 0.35 ? ('lose-answer' as const) : roll < 0.6 ? ('lose-request' as const) : undefined;
    };
    world.a.netFault = lossy;
    world.b.netFault = lossy;
    let failedFlushes = 0;
    for (let round = 0; round < 6; round++) {
      const results = await Promise.all(
        [world.a, world.b].flatMap((agent) => [
          attempt(() => agent.engine.flushOutbox()),
          attempt(() => agent.engine.incrementalSync()),
        ]),
      );
      failedFlushes += results.filter((ok) => !ok).length;
    }
    const lostRequests = world.a.lostOnNetwork.requests + world.b.lostOnNetwork.requests;
    const lostAnswers = world.a.lostOnNetwork.answers + world.b.lostOnNetwork.answers;
    const healed = await heal(world);
    const verdict = await judge(world);
    return report(
      'network loss mid-batch',
      started,
      { batchRequestsLost: lostRequests, batchAnswersLost: lostAnswers, outboxBefore },
      {
        changesQueued: queued,
        failedCalls: failedFlushes,
        outboxLeft: healed.outboxLeft,
        healRounds: healed.rounds,
        ticketsCompared: verdict.ticketsCompared,
      },
      verdict,
      {
        injectedEnough: lostRequests > 0 && lostAnswers > 0 && outboxBefore > 0,
        problems: healed.outboxLeft > 0 ? [`${healed.outboxLeft} changes never left the outbox`] : [],
      },
    );
  });

/**
 * 2. A 429 storm: most calls answer `429 rateLimitExceeded` while both agents change, flush and poll. The
 * transport must back off as Google asks (exponential, capped, with the share of the quota halved), and
 * every change still arrive once the storm passes.
 */
export const rateLimitStorm: Scenario = (size, seed = 2) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    const before = await world.stats();
    await world.control('faults', { '*': { errorRate: 0.75, statuses: [429] } });
    const rateBefore = Math.min(world.a.worker.budget.unitsPerSecond, world.b.worker.budget.unitsPerSecond);
    let failed = 0;
    const work = async (agent: World['a'], threads: string[]) =>
      makeChanges(agent, threads, size.changes, random, async (i) => {
        if (i % 4 !== 3) return;
        if (!(await attempt(() => agent.engine.flushOutbox()))) failed += 1;
        if (!(await attempt(() => agent.engine.incrementalSync()))) failed += 1;
      });
    const queued = (await Promise.all([work(world.a, mine), work(world.b, theirs)])).reduce(
      (x, y) => x + y,
      0,
    );
    const during = await world.stats();
    const rateDuring = Math.min(world.a.worker.budget.unitsPerSecond, world.b.worker.budget.unitsPerSecond);
    const rateLimitedRetries =
      world.a.worker.transport.stats.rateLimited + world.b.worker.transport.stats.rateLimited;
    const waits = [...world.a.sleeps, ...world.b.sleeps];
    const healed = await heal(world);
    const verdict = await judge(world);
    const status429 = statusDelta(before, during, '429');
    const problems: string[] = [];
    // Google: back off exponentially after a 429, never retry at once, and cap the wait
    // (https://developers.google.com/workspace/gmail/api/guides/handle-errors#exponential-backoff).
    if (rateLimitedRetries > 0 && waits.length === 0) problems.push('429s were retried without waiting');
    if (!(rateDuring <= rateBefore / 2)) problems.push(`the quota share stayed at ${rateDuring} units/s`);
    const backoffs = [...world.a.rateLimitBackoffs, ...world.b.rateLimitBackoffs];
    const maxBackoff = Math.max(0, ...backoffs);
    if (backoffs.length === 0) problems.push('no 429 paused the quota budget');
    if (maxBackoff > DEFAULT_BACKOFF.capMs) problems.push(`a backoff of ${maxBackoff} ms, past the cap`);
    // Full jitter over a window that doubles per attempt: some retry drew from past the first window.
    if (!(maxBackoff > DEFAULT_BACKOFF.baseMs)) problems.push('the backoff window never grew');
    // Every other wait is quota debt at the halved share: reported, not judged.
    const maxWait = Math.max(0, ...waits);
    if (healed.outboxLeft > 0) problems.push(`${healed.outboxLeft} changes never left the outbox`);
    return report(
      '429 storm',
      started,
      { status429, share: '75% of calls' },
      {
        changesQueued: queued,
        rateLimitedRetries,
        backoffs: backoffs.length,
        maxBackoffMs: Math.round(maxBackoff),
        waits: waits.length,
        maxWaitMs: Math.round(maxWait),
        quotaShareUnitsPerSecond: `${Math.round(rateBefore)} → ${Math.round(rateDuring)}`,
        callsFailedAfterRetries: failed,
        outboxLeft: healed.outboxLeft,
      },
      verdict,
      { injectedEnough: status429 > 0 && rateLimitedRetries > 0, problems },
    );
  });

/** 3. Bursts of 500 and 503: most calls fail for a while, then none, then most again, as both agents work. */
export const serverErrorBursts: Scenario = (size, seed = 3) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    const before = await world.stats();
    let failed = 0;
    let bursts = 0;
    const burst = async (on: boolean) => {
      if (on) bursts += 1;
      await world.control('faults', on ? { '*': { errorRate: 0.6, statuses: [500, 503] } } : {});
    };
    const step = Math.max(2, Math.floor(size.changes / 4));
    const work = (agent: World['a'], threads: string[]) =>
      makeChanges(agent, threads, step, random, async (i) => {
        if (i % 2 === 1) {
          if (!(await attempt(() => agent.engine.flushOutbox()))) failed += 1;
          if (!(await attempt(() => agent.engine.incrementalSync()))) failed += 1;
        }
      });
    let queued = 0;
    for (let phase = 0; phase < 4; phase++) {
      await burst(phase % 2 === 0);
      const turn = (list: string[]) => {
        const at = (phase * step) % list.length;
        return [...list.slice(at), ...list.slice(0, at)];
      };
      queued += await work(world.a, turn(mine));
      queued += await work(world.b, turn(theirs));
    }
    const during = await world.stats();
    const healed = await heal(world);
    const verdict = await judge(world);
    const status500 = statusDelta(before, during, '500');
    const status503 = statusDelta(before, during, '503');
    return report(
      '500/503 bursts',
      started,
      { bursts, status500, status503 },
      { changesQueued: queued, callsFailedAfterRetries: failed, outboxLeft: healed.outboxLeft },
      verdict,
      {
        injectedEnough: status500 > 0 && status503 > 0,
        problems: healed.outboxLeft > 0 ? [`${healed.outboxLeft} changes never left the outbox`] : [],
      },
    );
  });

/**
 * 4. An expired history cursor: Gmail forgets its history while agent B has unsent changes and agent A's
 * changes land; B's next poll gets 404, runs a full sync, and must keep its own unsent changes on top.
 */
export const expiredHistoryCursor: Scenario = (size, seed = 4) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    const before = await world.stats();
    // B's changes wait in its outbox (its network is down for the moment).
    world.b.netFault = () => 'lose-request';
    let queued = await makeChanges(world.b, theirs, size.changes, random);
    await attempt(() => world.b.engine.flushOutbox());
    world.b.netFault = () => undefined;
    // Gmail's history moves on (A's first changes), then Gmail forgets it: B's cursor is now too old.
    queued += await makeChanges(world.a, mine, Math.ceil(size.changes / 2), random);
    await world.a.engine.flushOutbox();
    await world.control('faults', { expireHistory: true });
    // A works on after the expiry; B's cursor is older than anything Gmail keeps.
    queued += await makeChanges(world.a, mine, size.changes, random);
    await world.a.engine.flushOutbox();
    const poll = await world.b.engine.incrementalSync();
    const pendingAfterResync = await world.b.db.count('outbox');
    const during = await world.stats();
    const healed = await heal(world);
    const verdict = await judge(world);
    const status404 = statusDelta(before, during, '404');
    const problems: string[] = [];
    if (!poll.fullSync) problems.push('the poll after expiry did not run a full sync');
    if (world.b.noticeCount('history-expired') === 0) problems.push('no history-expired notice');
    return report(
      'expired history cursor',
      started,
      { historyExpired: 1, status404 },
      {
        changesQueued: queued,
        fullSyncTickets: poll.fullSync?.tickets ?? 0,
        unsentKeptThroughResync: pendingAfterResync,
        outboxLeft: healed.outboxLeft,
      },
      verdict,
      { injectedEnough: status404 > 0 && pendingAfterResync > 0, problems },
    );
  });

/**
 * 5. The service worker killed mid-sync and mid-outbox-flush: each agent's worker dies while a flush (a batch
 * possibly at Gmail) or a poll is in flight, and a new engine starts on the same database.
 */
export const workerKilled: Scenario = (size, seed = 5) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    let killedMidFlush = 0;
    let killedMidSync = 0;
    let queued = 0;
    const rounds = Math.max(3, Math.floor(size.changes / 6));
    const perRound = Math.max(2, Math.ceil(size.changes / rounds));
    // A little latency so a kill lands while a call is at Gmail.
    await world.control('faults', { '*': { latencyMs: 15 } });
    for (let round = 0; round < rounds; round++) {
      const offset = (round * perRound) % mine.length;
      const turn = (list: string[]) => [...list.slice(offset), ...list.slice(0, offset)];
      queued += await makeChanges(world.a, turn(mine), perRound, random);
      queued += await makeChanges(world.b, turn(theirs), perRound, random);
      for (const agent of [world.a, world.b]) {
        let settled = false;
        const flush = attempt(() => agent.engine.flushOutbox()).finally(() => {
          settled = true;
        });
        const poll = attempt(() => agent.engine.incrementalSync());
        let pollSettled = false;
        void poll.finally(() => {
          pollSettled = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(random() * 25)));
        if (!settled) killedMidFlush += 1;
        if (!pollSettled) killedMidSync += 1;
        await agent.restart();
        await Promise.all([flush, poll]);
      }
    }
    const restarts = world.a.restarts + world.b.restarts;
    const healed = await heal(world);
    const verdict = await judge(world);
    return report(
      'service worker killed mid-sync and mid-flush',
      started,
      { restarts, killedMidFlush, killedMidSync },
      { changesQueued: queued, outboxLeft: healed.outboxLeft, healRounds: healed.rounds },
      verdict,
      {
        injectedEnough: killedMidFlush > 0 && killedMidSync > 0,
        problems: healed.outboxLeft > 0 ? [`${healed.outboxLeft} changes never left the outbox`] : [],
      },
    );
  });

/**
 * 6. The browser restarted with a full outbox: agent A works offline (every request lost, some sends tried
 * and failed), the browser closes, and a new engine opens the same database: every change is still there
 * and reaches Gmail.
 */
export const restartWithFullOutbox: Scenario = (size, seed = 6) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    world.a.netFault = () => 'lose-request';
    let queued = await makeChanges(world.a, mine, size.changes * 2, random, async (i) => {
      if (i % 5 === 4) await attempt(() => world.a.engine.flushOutbox());
    });
    const outboxBefore = await world.a.db.count('outbox');
    // Sends tried offline: failed (attempts counted) or cut off while being sent (the worker dies with them).
    const triedAndFailed = (await world.a.db.getAll('outbox')).filter(
      (c) => c.attempts > 0 || c.sendingSince !== undefined,
    ).length;
    // B works meanwhile, online.
    queued += await makeChanges(world.b, theirs, size.changes, random);
    await world.b.engine.flushOutbox();
    await world.a.restart();
    world.a.netFault = () => undefined;
    const outboxAfterRestart = await world.a.db.count('outbox');
    const healed = await heal(world);
    const verdict = await judge(world);
    const problems: string[] = [];
    if (outboxAfterRestart !== outboxBefore)
      problems.push(`the outbox held ${outboxBefore} before the restart and ${outboxAfterRestart} after`);
    return report(
      'browser restarted with a full outbox',
      started,
      { outboxBefore, triedAndFailed, requestsLost: world.a.lostOnNetwork.requests },
      { changesQueued: queued, outboxAfterRestart, outboxLeft: healed.outboxLeft },
      verdict,
      { injectedEnough: outboxBefore > 0 && triedAndFailed > 0, problems },
    );
  });

export const SCENARIOS: Record<string, Scenario> = {
  'network loss mid-batch': networkLossMidBatch,
  '429 storm': rateLimitStorm,
  '500/503 bursts': serverErrorBursts,
  'expired history cursor': expiredHistoryCursor,
  'service worker killed mid-sync and mid-flush': workerKilled,
  'browser restarted with a full outbox': restartWithFullOutbox,
};
