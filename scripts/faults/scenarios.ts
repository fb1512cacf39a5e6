/**
 * The fault scenarios of issue 8, each against its own stand-in with two agents (scripts/faults/harness.ts).
 * Each injects one fault while both agents work, heals, and answers a `FaultReport`: what was injected,
 * what came through, what was lost and where the three copies (two stores, Gmail) differ.
 */
import { DEFAULT_BACKOFF } from '../../src/sync/backoff';
import { LABEL_RECHECK_MS } from '../../src/sync/engine';
import {
  attempt,
  type FaultReport,
  heal,
  judge,
  makeChanges,
  randomPatchLabels,
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
    // Every other wait is quota debt at the halved share: reported, not judged. The scenarios sleep at most
    // 15 ms of each wait, so retries pile up debt far faster than a browser that sleeps them in full would.
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

/** For each `threadId|label name` (lower case): the history id of the label's last addition since `start`. */
async function lastAdditions(world: World, start: string): Promise<Map<string, bigint>> {
  const labels = (await world.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const nameOf = new Map(labels.map((l) => [l.id as string, (l.name as string).toLowerCase()]));
  const added = new Map<string, bigint>();
  let pageToken: string | undefined;
  do {
    const page = await world.client.users.history.list({
      userId: 'me',
      startHistoryId: start,
      maxResults: 500,
      historyTypes: ['labelAdded'],
      ...(pageToken ? { pageToken } : {}),
    });
    for (const record of page.data.history ?? []) {
      const id = BigInt(record.id as string);
      for (const entry of record.labelsAdded ?? [])
        for (const labelId of entry.labelIds ?? [])
          added.set(`${entry.message?.threadId}|${nameOf.get(labelId) ?? labelId}`, id);
    }
    pageToken = page.data.nextPageToken ?? undefined;
  } while (pageToken);
  return added;
}

/**
 * 7. Two agents edit the same ticket in the same second: each sets another status and assignee, both send
 * at once. DESIGN.md: the value added last by Gmail's history order wins, every browser shows it, and the
 * agent whose change lost is told (a `change-overridden` notice for that field).
 */
export const sameTicketSameSecond: Scenario = (size, seed = 7) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    // One race per ticket, so each agent's value for a field is one click that either won or lost.
    const contested = world.tickets.slice(0, Math.min(world.tickets.length, Math.max(4, size.changes)));
    const startId = (await world.client.users.getProfile({ userId: 'me' })).data.historyId as string;
    const STATUSES = ['Open', 'Pending', 'On hold', 'Solved'] as const;
    let races = 0;
    for (let at = 0; at < contested.length; at += 6) {
      for (const threadId of contested.slice(at, at + 6)) {
        const i = Math.floor(random() * STATUSES.length);
        const mine = STATUSES[i] as (typeof STATUSES)[number];
        const theirs = STATUSES[(i + 1 + Math.floor(random() * 3)) % STATUSES.length] as typeof mine;
        const [qa, qb] = await Promise.all([
          world.a.change(threadId, { status: mine, assignee: 'Anna Kowalska' }),
          world.b.change(threadId, { status: theirs, assignee: 'Sam Okafor' }),
        ]);
        if (qa && qb) races += 1;
      }
      // Both send in the same moment; Gmail applies one modify after the other.
      await Promise.all([world.a.engine.flushOutbox(), world.b.engine.flushOutbox()]);
      await Promise.all([world.a.engine.incrementalSync(), world.b.engine.incrementalSync()]);
    }
    const healed = await heal(world);
    const added = await lastAdditions(world, startId);
    const codec = world.codec;
    const labelOf = (field: string, value: string) =>
      (field === 'status' ? codec.statusLabel(value as never) : codec.assigneeLabel(value)).toLowerCase();
    const problems: string[] = [];
    const verdict = await judge(world, (agent, key, wanted, gmailHas) => {
      const [threadId, field] = key.split('|') as [string, string];
      const other = agent === world.a ? world.b : world.a;
      if (other.ledger.get(key)?.toLowerCase() !== gmailHas.toLowerCase()) return false;
      // The rule: the winner's label was added after the loser's in Gmail's history.
      const winnerAt = added.get(`${threadId}|${labelOf(field, gmailHas)}`);
      const loserAt = added.get(`${threadId}|${labelOf(field, wanted)}`);
      if (winnerAt === undefined || (loserAt !== undefined && loserAt > winnerAt)) return false;
      const told = agent.notices.some(
        (n) =>
          n.kind === 'change-overridden' &&
          n.threadId === threadId &&
          n.field === field &&
          (n.yours ?? '').toLowerCase() === wanted.toLowerCase(),
      );
      if (!told)
        problems.push(`${agent.name} was not told that ${threadId} ${field} ${wanted} lost to ${gmailHas}`);
      return true;
    });
    const overridden = world.a.noticeCount('change-overridden') + world.b.noticeCount('change-overridden');
    return report(
      'two agents editing the same ticket in the same second',
      started,
      { races, ticketsContested: contested.length },
      { overriddenNotices: overridden, outboxLeft: healed.outboxLeft },
      verdict,
      {
        injectedEnough: races > 0,
        problems: [
          ...problems,
          ...(healed.outboxLeft > 0 ? [`${healed.outboxLeft} changes never left the outbox`] : []),
        ],
      },
    );
  });

/**
 * 8. A label renamed by hand in Gmail and a label deleted by hand (labels.update, labels.delete through the
 * API) while both agents work and hold unsent changes that use them. DESIGN.md: the labels are the ticket
 * state and the store a rebuildable cache, so both stores end equal to Gmail: the renamed value shown under
 * its new name, the deleted tag gone from the threads that had it. A change queued before the hand edit and
 * sent after it is not lost silently: it reaches Gmail (the label made again) or its agent is told.
 */
export const labelRenamedOrDeleted: Scenario = (size) =>
  withWorld(async (world) => {
    const started = performance.now();
    const { mine, theirs } = split(world, size);
    const half = (list: string[]) => [list.slice(0, list.length / 2), list.slice(list.length / 2)] as const;
    const [mineSent, minePending] = half(mine);
    const [theirsSent, theirsPending] = half(theirs);
    const drill = { what: 'Fault drill' };
    // Applied before the hand edits: A's group and B's tag reach Gmail.
    for (const t of mineSent) await world.a.change(t, { group: 'Returns' });
    for (const t of theirsSent) await world.b.change(t, { addTags: [drill] });
    await world.a.engine.flushOutbox();
    await world.b.engine.flushOutbox();
    await Promise.all([world.a.engine.incrementalSync(), world.b.engine.incrementalSync()]);
    // Queued, not yet sent, when someone edits the labels by hand.
    for (const t of minePending) await world.a.change(t, { addTags: [drill] });
    for (const t of theirsPending) await world.b.change(t, { group: 'Returns' });
    const labels = (await world.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const find = (name: string) => labels.find((l) => l.name?.toLowerCase() === name.toLowerCase());
    const returns = find(world.codec.groupLabel('Returns'));
    const tag = find(world.codec.tagLabel(drill));
    if (!returns?.id || !tag?.id) throw new Error('the scenario needs the Returns group and the drill tag');
    const renamedTo = world.codec.groupLabel('Returns desk');
    await world.client.users.labels.update({
      userId: 'me',
      id: returns.id,
      requestBody: { name: renamedTo },
    });
    await world.client.users.labels.delete({ userId: 'me', id: tag.id });
    // Time passes: the agents' next polls are due to read the label list again.
    for (const agent of [world.a, world.b]) agent.clockOffsetMs += LABEL_RECHECK_MS;
    const healed = await heal(world);
    const problems: string[] = [];
    const rejected = [...world.a.notices, ...world.b.notices].filter((n) => n.kind === 'change-rejected');
    const verdict = await judge(world, (agent, key, wanted, gmailHas) => {
      const [threadId, field] = key.split('|') as [string, string];
      // Renamed by hand: the same group under the team's new name.
      if (field === 'group' && wanted === 'Returns' && gmailHas === 'Returns desk') return true;
      // Deleted by hand after the tag reached Gmail: the later edit (the deletion) stands.
      if (field === `tag:${drill.what}` && theirsSent.includes(threadId)) return true;
      // Sent after the deletion and refused: lost, but not silently if its agent was told.
      return agent.notices.some((n) => n.kind === 'change-rejected' && n.threadId === threadId);
    });
    return report(
      'label renamed or deleted by hand in Gmail',
      started,
      {
        renamed: `${returns.name} → ${renamedTo}`,
        deleted: tag.name ?? '',
        pendingWhenEdited: minePending.length + theirsPending.length,
      },
      { rejectedNotices: rejected.length, outboxLeft: healed.outboxLeft },
      verdict,
      {
        injectedEnough: minePending.length > 0 && theirsPending.length > 0,
        problems: [
          ...problems,
          ...(healed.outboxLeft > 0 ? [`${healed.outboxLeft} changes never left the outbox`] : []),
        ],
      },
    );
  });

SCENARIOS['two agents editing the same ticket in the same second'] = sameTicketSameSecond;
SCENARIOS['label renamed or deleted by hand in Gmail'] = labelRenamedOrDeleted;

/**
 * 9. A mailbox at Gmail's label limit (10,000 labels a mailbox,
 * https://developers.google.com/gmail/api/reference/rest/v1/users.labels; the stand-in enforces it and a
 * test lowers it to the labels the mailbox has). Agent A assigns tickets to a new teammate, whose label
 * cannot be created: those changes stay in the outbox with Gmail's reason and the agent is told; every other
 * change of both agents is sent. Someone deletes an unused label by hand, and the held changes go through.
 */
export const atLabelLimit: Scenario = (size, seed = 9) =>
  withWorld(async (world) => {
    const started = performance.now();
    const random = seededRandom(seed);
    const { mine, theirs } = split(world, size);
    // Every label the other changes use exists; only the newcomer's does not.
    const existing = new Set(
      ((await world.client.users.labels.list({ userId: 'me' })).data.labels ?? []).map((l) => l.name),
    );
    for (const name of randomPatchLabels(world.codec))
      if (!existing.has(name))
        await world.client.users.labels.create({ userId: 'me', requestBody: { name } });
    const spare = await world.client.users.labels.create({
      userId: 'me',
      requestBody: { name: 'Old project' },
    });
    const labels = (await world.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const userLabels = labels.filter((l) => l.type === 'user').length;
    await world.control('label-limit', { max: userLabels });
    const newcomer = 'Zoe Quinn';
    const [forNewcomer, rest] = [
      mine.slice(0, Math.ceil(mine.length / 3)),
      mine.slice(Math.ceil(mine.length / 3)),
    ];
    // Interleaved, so the held changes share batches with changes that can be sent.
    let queued = 0;
    for (let i = 0; i < Math.max(forNewcomer.length, rest.length); i++) {
      const held = forNewcomer[i];
      if (held && (await world.a.change(held, { assignee: newcomer }))) queued += 1;
      const other = rest[i];
      if (other) queued += await makeChanges(world.a, [other], 1, random);
    }
    queued += await makeChanges(world.b, theirs, size.changes, random);
    const before = await world.stats();
    const problems: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const agent of [world.a, world.b]) {
        if (!(await attempt(() => agent.engine.flushOutbox()))) problems.push(`${agent.name}'s flush failed`);
        await agent.engine.incrementalSync();
      }
    }
    const after = await world.stats();
    const refusedCreates =
      (after.byMethod['gmail.users.labels.create']?.requests ?? 0) -
      (before.byMethod['gmail.users.labels.create']?.requests ?? 0);
    const held = await world.a.db.getAll('outbox');
    const heldThreads = new Set(held.map((c) => c.threadId));
    for (const threadId of heldThreads)
      if (!forNewcomer.includes(threadId)) problems.push(`${threadId} was held though its labels exist`);
    for (const threadId of forNewcomer)
      if (!heldThreads.has(threadId))
        problems.push(`the change assigning ${threadId} to ${newcomer} left the outbox`);
    const actionable = held.filter((c) => /label limit/i.test(c.lastError ?? '')).length;
    if (actionable < held.length) problems.push('a held change does not say the label limit is why');
    // A held change is kept and retried: its agent hears it waits (not that it was rejected), once per change.
    const waitingNotices = world.a.notices.filter(
      (n) => n.kind === 'change-waiting' && /label limit/i.test(n.reason),
    );
    const told = waitingNotices.length;
    if (told === 0) problems.push('agent A was not told');
    const toldTwice = told - new Set(waitingNotices.map((n) => 'threadId' in n && n.threadId)).size;
    if (toldTwice > 0)
      problems.push(`agent A was told ${toldTwice} times more than once about a held change`);
    if (world.a.notices.some((n) => n.kind === 'change-rejected'))
      problems.push('a held change was reported as rejected');
    const bOutbox = await world.b.db.count('outbox');
    if (bOutbox > 0) problems.push(`${bOutbox} of agent B's changes were held too`);
    // The fix a person makes: delete a label nobody uses. Then the held changes go through.
    await world.client.users.labels.delete({ userId: 'me', id: spare.data.id as string });
    const healed = await heal(world);
    const verdict = await judge(world);
    if (healed.outboxLeft > 0) problems.push(`${healed.outboxLeft} changes never left the outbox`);
    return report(
      'mailbox at the label limit',
      started,
      { labelLimit: userLabels, labelCreatesRefused: refusedCreates },
      {
        changesQueued: queued,
        heldInOutbox: held.length,
        heldWithReason: actionable,
        agentTold: told,
        outboxLeft: healed.outboxLeft,
      },
      verdict,
      { injectedEnough: refusedCreates > 0 && held.length > 0, problems },
    );
  });

SCENARIOS['mailbox at the label limit'] = atLabelLimit;
