/**
 * The sync fault soak (issue 3): two agents, each with its own IndexedDB, transport and `SyncEngine`, make
 * random ticket changes against one stand-in that fails about a fifth of the calls (429, 500, 503 and dropped
 * connections), while their service workers are killed and restarted mid-flush. At the end the faults stop,
 * both outboxes drain, both agents poll, and the result is checked against Gmail as the official client
 * reads it. Shared by the short test (`test/sync/soak.test.ts`) and the long bench (`npm run bench -- --only soak`).
 *
 * "Lost", precisely: take an agent's last intended value for a field of a ticket (status, priority,
 * assignee, group, or one tag's presence), counting only changes that produced an outbox entry. It is lost
 * unless Gmail ends with that value, or Gmail ends with the other agent's last intended value for the field
 * and Gmail's history applied the other agent's value after this agent's value was last applied (the later
 * change by history order won, as the codec's repair and `threads.modify` promise).
 */
import 'fake-indexeddb/auto';
import { auth, gmail, type gmail_v1 } from '@googleapis/gmail';
import { createLabelCodec } from '../../src/core/label-codec';
import type { TicketLabelState, TicketPriority, TicketStatus, TicketTag } from '../../src/core/ticket';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../src/core/ticket';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import { createTransport } from '../../src/gmail/api/transport';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../../src/store/db';
import { getTicket } from '../../src/store/ticket-store';
import { SyncEngine, type SyncNotice, type TicketPatch } from '../../src/sync/engine';
import { DEFAULT_QUOTA_OPTIONS, QuotaBudget } from '../../src/sync/quota-budget';
import { canonical, fieldValue, makeAllDue, seededRandom } from '../faults/harness';
import { readStandinStats, startStandin } from '../gmail-standin/index';

export interface SoakOptions {
  changes: number;
  /** A service-worker restart of one agent (alternating) after this many changes. */
  restartEvery: number;
  /** The share of Gmail calls that fail: a quarter of it as dropped connections, the rest as 429/500/503. */
  faultRate: number;
  /** How many tickets the agents fight over: few tickets, many races. */
  ticketsInPlay: number;
  /** The stand-in's per-user quota; Gmail's is 15,000. */
  unitsPerMinute: number;
  /** Deterministic choice of changes (the faults themselves use the stand-in's Math.random). */
  seed: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  changes: number;
  /** Changes that produced an outbox entry (the rest set what the agent's view already showed). */
  effectiveChanges: number;
  restarts: number;
  faultRate: number;
  unitsPerMinute: number;
  injectedFaults: { status429: number; status500: number; status503: number; dropped: number };
  gmailCalls: number;
  quotaUnits: number;
  /** Calls that failed after the transport's retries (the engine tried again later). */
  operationsFailed: number;
  lost: number;
  lostExamples: string[];
  duplicateStatusLabels: number;
  duplicateSingleValuedLabels: number;
  storeMismatches: number;
  storeMismatchExamples: string[];
  outboxLeft: number;
  notices: Record<string, number>;
  seconds: number;
}

const AGENT_NAMES = ['Anna Kowalska', 'Sam Okafor', 'Yuki Tanaka'] as const;
const GROUPS = ['Shipping', 'Billing', 'Returns'] as const;
const TAGS: readonly TicketTag[] = [
  { what: 'Refund' },
  { what: 'Shipping', why: 'Late by shipper' },
  { what: 'Bug' },
  { what: 'VIP' },
];
type Field = 'status' | 'priority' | 'assignee' | 'group' | `tag:${string}`;

interface Worker {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  /** Kills the worker: its fetches fail from now on, its database connection closes. */
  kill: () => void;
  flushing: Promise<unknown> | undefined;
  polling: Promise<unknown> | undefined;
}

interface SoakAgent {
  name: string;
  dbName: string;
  worker: Worker;
  /** field key `threadId|field` → the last intended value. */
  ledger: Map<string, string>;
  notices: SyncNotice[];
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const standin = await startStandin(
    { port: 0, seed: 'demo' },
    { unitsPerMinute: options.unitsPerMinute, maxConcurrentPerUser: 10 },
  );
  const started = performance.now();
  const oauth = new auth.OAuth2();
  oauth.setCredentials({ access_token: 'soak-referee' });
  const client = gmail({ version: 'v1', rootUrl: `${standin.url}/`, auth: oauth, retry: false });
  const codec = createLabelCodec();
  let operationsFailed = 0;
  const runId = `${Date.now().toString(36)}-${options.seed}`;

  const boot = async (agent: Pick<SoakAgent, 'name' | 'dbName' | 'notices'>): Promise<Worker> => {
    const db = await openLabeldeskDatabase(agent.dbName);
    let dead = false;
    const killSwitch = new AbortController();
    const transport = createTransport({
      tokenSource: staticTokenSource(`soak-${agent.name}`),
      baseUrl: standin.url,
      budget: new QuotaBudget(Date.now, { ...DEFAULT_QUOTA_OPTIONS, initialUnitsPerSecond: 250 }),
      // A killed worker's requests die with it; one already at Gmail may still be applied there.
      fetch: (input, init) =>
        dead
          ? Promise.reject(new Error('the service worker was stopped'))
          : fetch(input, { ...init, signal: killSwitch.signal }),
      // Backoff shape is tested elsewhere; the soak keeps each wait short so it measures outcomes, not sleep.
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    });
    const engine = new SyncEngine({
      db,
      calls: createSyncCalls(transport),
      onNotice: (notice) => agent.notices.push(notice),
      random: () => 0,
      // A restarted worker reclaims what its predecessor was sending after 200 ms instead of a minute.
      staleSendingMs: 200,
    });
    return {
      engine,
      db,
      kill: () => {
        dead = true;
        killSwitch.abort();
        db.close();
      },
      flushing: undefined,
      polling: undefined,
    };
  };

  const agents: SoakAgent[] = [];
  for (const name of ['anna', 'sam']) {
    const partial = { name, dbName: `soak-${runId}-${name}@northwind-shop.example`, notices: [] };
    agents.push({ ...partial, worker: await boot(partial), ledger: new Map() });
  }
  for (const agent of agents) await agent.worker.engine.fullSync();

  const startProfile = await referee(() => client.users.getProfile({ userId: 'me' }));
  const startHistoryId = startProfile.data.historyId as string;
  const statsBefore = await readStandinStats(standin.url);

  const allTickets = (await agents[0]?.worker.db.getAll('tickets')) ?? [];
  const inPlay = allTickets.slice(0, options.ticketsInPlay).map((t) => t.threadId);
  // Gmail's state before the storm, as a full sync read it: a value that stood from the start has no write
  // in the window's history when an agent sets it again (adding a label a thread has records nothing).
  const initialState = new Map(allTickets.map((t) => [t.threadId, t as TicketLabelState]));
  const errorRate = (options.faultRate * 0.75) / (1 - options.faultRate * 0.25);
  const faultSpec = {
    '*': { errorRate, statuses: [429, 500, 503], dropRate: options.faultRate * 0.25 },
  };
  await control(standin.url, 'faults', faultSpec);

  const background = (work: () => Promise<unknown>): Promise<unknown> =>
    work().catch(() => {
      operationsFailed += 1;
    });

  let effectiveChanges = 0;
  let restarts = 0;
  for (let i = 0; i < options.changes; i++) {
    const agent = pick(agents);
    const worker = agent.worker;
    const threadId = pick(inPlay);
    const record = await getTicket(worker.db, threadId);
    // A ticket vanishing from an agent's store means Gmail lost its status: stop, that is the bug.
    if (!record) throw new Error(`${agent.name} lost ticket ${threadId} from its store`);
    // The agent changes one field, as a click in the sidebar does; the engine applies it to what it knows then.
    const roll = random();
    let field: Field;
    let value: string;
    let patch: TicketPatch;
    if (roll < 0.3) {
      value = pick(TICKET_STATUSES);
      field = 'status';
      patch = { status: value as TicketStatus };
    } else if (roll < 0.5) {
      value = pick(TICKET_PRIORITIES);
      field = 'priority';
      patch = { priority: value as TicketPriority };
    } else if (roll < 0.65) {
      value = pick(AGENT_NAMES);
      field = 'assignee';
      patch = { assignee: value };
    } else if (roll < 0.8) {
      value = pick(GROUPS);
      field = 'group';
      patch = { group: value };
    } else {
      const tag = pick(TAGS);
      field = `tag:${tag.why ? `${tag.what}/${tag.why}` : tag.what}`;
      const has = record.tags.some((t) => t.what === tag.what && t.why === tag.why);
      value = has ? 'absent' : 'present';
      patch = has ? { removeTags: [tag] } : { addTags: [tag] };
    }
    const queued = await worker.engine.updateTicket(threadId, patch, agent.name);
    if (queued) {
      effectiveChanges += 1;
      agent.ledger.set(`${threadId}|${field}`, value);
    }

    // The worker flushes and polls in the background, as alarms and user actions make it.
    if (!worker.flushing && random() < 0.5) {
      worker.flushing = background(() => worker.engine.flushOutbox()).finally(() => {
        worker.flushing = undefined;
      });
    }
    if (!worker.polling && random() < 0.2) {
      worker.polling = background(() => worker.engine.incrementalSync()).finally(() => {
        worker.polling = undefined;
      });
    }
    if (random() < 0.1) await Promise.all([worker.flushing, worker.polling]);

    if ((i + 1) % options.restartEvery === 0) {
      const victim = agents[restarts % agents.length] as SoakAgent;
      // Killed mid-flush: a batch may be at Gmail when the worker dies.
      const old = victim.worker;
      old.flushing ??= background(() => old.engine.flushOutbox());
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)));
      old.kill();
      await Promise.all([old.flushing, old.polling]);
      victim.worker = await boot(victim);
      restarts += 1;
      log(`soak: ${i + 1} changes, restart ${restarts} (${victim.name})`);
    }
  }

  // The storm ends: drain both outboxes, then poll until nothing moves.
  await Promise.all(agents.map((a) => Promise.all([a.worker.flushing, a.worker.polling])));
  await control(standin.url, 'faults', {});
  await new Promise((resolve) => setTimeout(resolve, 250));
  for (let round = 0; round < 30; round++) {
    for (const agent of agents) {
      await makeAllDue(agent.worker.db);
      await agent.worker.engine.flushOutbox().catch(() => (operationsFailed += 1));
    }
    for (const agent of agents)
      await agent.worker.engine.incrementalSync().catch(() => (operationsFailed += 1));
    const left = await Promise.all(agents.map((a) => a.worker.db.count('outbox')));
    if (left.every((n) => n === 0) && round >= 1) break;
  }
  const statsAfter = await readStandinStats(standin.url);

  // The referee: what Gmail holds, read with the official client.
  const labelList = (await referee(() => client.users.labels.list({ userId: 'me' }))).data.labels ?? [];
  const labelName = new Map(labelList.map((l) => [l.id as string, l.name as string]));
  const gmailNames = new Map<string, string[]>();
  for (const threadId of inPlay) {
    const thread = await referee(() =>
      client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' }),
    );
    const ids = new Set((thread.data.messages ?? []).flatMap((m) => m.labelIds ?? []));
    gmailNames.set(
      threadId,
      [...ids].map((id) => labelName.get(id) ?? id).filter((n) => codec.owns(n)),
    );
  }
  const lastWrite = await historyOrder(client, startHistoryId, labelName);

  let duplicateStatusLabels = 0;
  let duplicateSingleValuedLabels = 0;
  const gmailState = new Map<string, TicketLabelState | null>();
  for (const [threadId, names] of gmailNames) {
    const decoded = codec.decode(names);
    if (decoded.seen.Status.length > 1) duplicateStatusLabels += 1;
    if (decoded.seen.Priority.length > 1 || decoded.seen.Assignee.length > 1 || decoded.seen.Group.length > 1)
      duplicateSingleValuedLabels += 1;
    gmailState.set(threadId, decoded.state);
  }

  const storeMismatchExamples: string[] = [];
  let storeMismatches = 0;
  for (const agent of agents) {
    for (const threadId of inPlay) {
      const stored = await getTicket(agent.worker.db, threadId);
      const gmailTicket = gmailState.get(threadId);
      const mine = stored ? canonical(codec.encode(stored)) : 'none';
      const theirs = gmailTicket ? canonical(codec.encode(gmailTicket)) : 'none';
      if (mine !== theirs) {
        storeMismatches += 1;
        if (storeMismatchExamples.length < 5)
          storeMismatchExamples.push(`${agent.name} ${threadId}: store ${mine} / gmail ${theirs}`);
      }
    }
  }

  const lostExamples: string[] = [];
  let lost = 0;
  for (const agent of agents) {
    const other = agents.find((a) => a !== agent) as SoakAgent;
    for (const [key, value] of agent.ledger) {
      const [threadId, field] = key.split('|') as [string, Field];
      const final = fieldValue(gmailState.get(threadId) ?? null, field);
      if (final === value) continue;
      const stoodFromStart = fieldValue(initialState.get(threadId) ?? null, field) === value;
      const mineAt =
        writeOf(lastWrite, threadId, field, value, codec) ??
        (stoodFromStart ? BigInt(startHistoryId) : undefined);
      const theirsAt = writeOf(lastWrite, threadId, field, final, codec);
      const overwrittenLater =
        other.ledger.get(key) === final &&
        theirsAt !== undefined &&
        (mineAt === undefined ? false : theirsAt > mineAt);
      if (!overwrittenLater) {
        lost += 1;
        if (lostExamples.length < 5)
          lostExamples.push(
            `${agent.name} ${threadId} ${field}: wanted ${value} (at ${mineAt}), Gmail has ${final} (at ${theirsAt}, other agent wanted ${other.ledger.get(key)})`,
          );
      }
    }
  }

  const notices: Record<string, number> = {};
  for (const agent of agents)
    for (const notice of agent.notices) notices[notice.kind] = (notices[notice.kind] ?? 0) + 1;
  const outboxLeft = (await Promise.all(agents.map((a) => a.worker.db.count('outbox')))).reduce(
    (a, b) => a + b,
    0,
  );
  const delta = (status: string) => (statsAfter.byStatus[status] ?? 0) - (statsBefore.byStatus[status] ?? 0);
  for (const agent of agents) agent.worker.kill();
  await standin.close();
  return {
    changes: options.changes,
    effectiveChanges,
    restarts,
    faultRate: options.faultRate,
    unitsPerMinute: options.unitsPerMinute,
    injectedFaults: {
      status429: delta('429'),
      status500: delta('500'),
      status503: delta('503'),
      dropped: delta('0'),
    },
    gmailCalls: statsAfter.requests - statsBefore.requests,
    quotaUnits: statsAfter.quotaUnits - statsBefore.quotaUnits,
    operationsFailed,
    lost,
    lostExamples,
    duplicateStatusLabels,
    duplicateSingleValuedLabels,
    storeMismatches,
    storeMismatchExamples,
    outboxLeft,
    notices,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

/** For each thread and label name: the history ids of its last addition and last removal. */
type HistoryOrder = Map<string, { added?: bigint; removed?: bigint }>;

async function historyOrder(
  client: gmail_v1.Gmail,
  startHistoryId: string,
  labelName: Map<string, string>,
): Promise<HistoryOrder> {
  const order: HistoryOrder = new Map();
  let pageToken: string | undefined;
  do {
    const page = await referee(() =>
      client.users.history.list({
        userId: 'me',
        startHistoryId,
        maxResults: 500,
        historyTypes: ['labelAdded', 'labelRemoved'],
        ...(pageToken ? { pageToken } : {}),
      }),
    );
    for (const record of page.data.history ?? []) {
      const id = BigInt(record.id as string);
      for (const [kind, list] of [
        ['added', record.labelsAdded ?? []],
        ['removed', record.labelsRemoved ?? []],
      ] as const) {
        for (const entry of list) {
          for (const labelId of entry.labelIds ?? []) {
            const key = `${entry.message?.threadId}|${(labelName.get(labelId) ?? labelId).toLowerCase()}`;
            const at = order.get(key) ?? {};
            if (at[kind] === undefined || id > (at[kind] as bigint)) at[kind] = id;
            order.set(key, at);
          }
        }
      }
    }
    pageToken = page.data.nextPageToken ?? undefined;
  } while (pageToken);
  return order;
}

/** When Gmail last applied `value` for this field: the label's last addition (a tag's removal for absent). */
function writeOf(
  order: HistoryOrder,
  threadId: string,
  field: Field,
  value: string,
  codec: ReturnType<typeof createLabelCodec>,
): bigint | undefined {
  let name: string;
  let kind: 'added' | 'removed' = 'added';
  if (field.startsWith('tag:')) {
    const [what, why] = field.slice(4).split('/') as [string, string | undefined];
    name = codec.tagLabel(why === undefined ? { what } : { what, why });
    if (value === 'absent') kind = 'removed';
  } else if (field === 'status') name = codec.statusLabel(value as TicketStatus);
  else if (field === 'priority') name = codec.priorityLabel(value as TicketPriority);
  else if (field === 'assignee') name = codec.assigneeLabel(value);
  else name = codec.groupLabel(value);
  return order.get(`${threadId}|${name.toLowerCase()}`)?.[kind];
}

async function control(url: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}/__standin/${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** The referee reads Gmail after the storm; at Gmail's own quota it may meet a 429 and waits its turn. */
async function referee<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      if (status !== 429 || attempt >= 120) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
