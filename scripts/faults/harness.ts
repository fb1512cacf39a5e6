/**
 * The fault scenarios' world (issue 8): one Gmail stand-in (demo mailbox), two agents, each a `SyncEngine`
 * over its own IndexedDB (fake-indexeddb) and its own transport, and the official Gmail client as the
 * referee. An agent's fetch can lose requests or answers (the network), its worker can be killed and
 * booted again on the same database (the service worker), and every wait its transport asks for is noted
 * (the backoff). `heal` ends the faults and runs polls as the service worker's alarm does (flush, poll,
 * flush) until nothing moves; `judge` then compares the three copies (agent A's store, agent B's store,
 * Gmail's labels read through the API) and each agent's intended values with Gmail's.
 *
 * The stand-in and its controls come from scripts/gmail-standin and test/conformance/standin-harness.ts,
 * as the soak driver (scripts/bench/soak-driver.ts) uses them, and the soak driver takes its seeded generator,
 * field reader and outbox helpers from here; the soak's own storm is reused whole by the
 * scenarios that need it.
 */
import 'fake-indexeddb/auto';
import type { gmail_v1 } from '@googleapis/gmail';
import { createLabelCodec } from '../../src/core/label-codec';
import type { TicketLabelState } from '../../src/core/ticket';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import { createTransport, type Transport } from '../../src/gmail/api/transport';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../../src/store/db';
import { getTicket } from '../../src/store/ticket-store';
import { SyncEngine, type SyncNotice, type TicketPatch } from '../../src/sync/engine';
import { DEFAULT_QUOTA_OPTIONS, QuotaBudget } from '../../src/sync/quota-budget';
import { startTestStandin } from '../../test/conformance/standin-harness';
import { readStandinStats, type StandinStats } from '../gmail-standin/index';

export const MAILBOX = 'support@northwind-shop.example';

/** What every scenario answers: what was injected, what came through, what was lost, where copies differ. */
export interface FaultReport {
  scenario: string;
  injected: Record<string, number | string>;
  survived: Record<string, number | string>;
  lost: string[];
  mismatches: string[];
  ok: boolean;
  seconds: number;
}

/** Short form (npm test) or long form (npm run faults): how many tickets and changes a scenario plays. */
export interface ScenarioSize {
  /** Ticket changes each agent makes. */
  changes: number;
  /** Tickets in play per agent (disjoint between agents unless a scenario races them on purpose). */
  tickets: number;
}

export const SHORT: ScenarioSize = { changes: 24, tickets: 12 };
export const LONG: ScenarioSize = { changes: 200, tickets: 40 };

/** What a fetch of this agent should suffer: lose the request before Gmail sees it, or the answer after. */
export type NetFault = 'lose-request' | 'lose-answer' | undefined;

type Field = 'status' | 'priority' | 'assignee' | 'group' | `tag:${string}`;

interface Worker {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  transport: Transport;
  budget: QuotaBudget;
  kill: () => void;
}

export class FaultAgent {
  worker!: Worker;
  readonly notices: SyncNotice[] = [];
  /** Last intended value per `threadId|field`, counting only changes that reached the outbox. */
  readonly ledger = new Map<string, string>();
  /** Every wait the transport asked for (quota pauses and backoff), in order. */
  readonly sleeps: number[] = [];
  /** Every backoff a 429 made the transport put on the quota budget (`onRateLimited`), in order. */
  readonly rateLimitBackoffs: number[] = [];
  /** Decides, per Gmail request, whether the network loses it; counts what it did. */
  netFault: (url: string) => NetFault = () => undefined;
  readonly lostOnNetwork = { requests: 0, answers: 0 };
  restarts = 0;
  /** Added to the engine's clock: time passing for the engine (label re-checks), not for the network. */
  clockOffsetMs = 0;

  constructor(
    readonly name: string,
    readonly dbName: string,
    private readonly url: string,
  ) {}

  async boot(): Promise<void> {
    const db = await openLabeldeskDatabase(this.dbName);
    let dead = false;
    const killSwitch = new AbortController();
    const budget = new QuotaBudget(Date.now, { ...DEFAULT_QUOTA_OPTIONS, initialUnitsPerSecond: 250 });
    const onRateLimited = budget.onRateLimited.bind(budget);
    budget.onRateLimited = (backoffMs) => {
      this.rateLimitBackoffs.push(backoffMs);
      onRateLimited(backoffMs);
    };
    const transport = createTransport({
      tokenSource: staticTokenSource(`faults-${this.name}`),
      baseUrl: this.url,
      budget,
      fetch: async (input, init) => {
        if (dead) throw new Error('the service worker was stopped');
        const fault = this.netFault(String(input instanceof Request ? input.url : input));
        if (fault === 'lose-request') {
          this.lostOnNetwork.requests += 1;
          throw new TypeError('fetch failed: connection reset before the request was sent');
        }
        const response = await fetch(input, { ...init, signal: killSwitch.signal });
        if (fault === 'lose-answer') {
          // Gmail did the work; the connection dropped before its answer arrived.
          await response.arrayBuffer();
          this.lostOnNetwork.answers += 1;
          throw new TypeError('fetch failed: connection reset while reading the answer');
        }
        return response;
      },
      // The waits are noted at their full length; the scenarios sleep a little of each, for speed.
      sleep: (ms) => {
        this.sleeps.push(ms);
        return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 15)));
      },
    });
    const engine = new SyncEngine({
      db,
      calls: createSyncCalls(transport),
      mailbox: MAILBOX,
      onNotice: (notice) => this.notices.push(notice),
      now: () => Date.now() + this.clockOffsetMs,
      random: () => 0,
      // A restarted worker reclaims what its predecessor was sending after 200 ms instead of a minute.
      staleSendingMs: 200,
    });
    this.worker = {
      engine,
      db,
      transport,
      budget,
      kill: () => {
        dead = true;
        killSwitch.abort();
        db.close();
      },
    };
  }

  get engine(): SyncEngine {
    return this.worker.engine;
  }
  get db(): LabeldeskDatabase {
    return this.worker.db;
  }

  /** The service worker dies (its requests with it) and a new one starts on the same database. */
  async restart(): Promise<void> {
    this.worker.kill();
    await this.boot();
    this.restarts += 1;
  }

  /**
   * An agent's click: the change goes to the store and the outbox; the ledger keeps what was intended, for
   * the fields the click changed (a field already showing the value is not a change of this agent's).
   */
  async change(threadId: string, patch: TicketPatch): Promise<boolean> {
    const before = await getTicket(this.db, threadId);
    const queued = await this.engine.updateTicket(threadId, patch, this.name);
    if (!queued) return false;
    for (const [field, value] of fieldsOf(patch))
      if (fieldValue(before, field).toLowerCase() !== value.toLowerCase())
        this.ledger.set(`${threadId}|${field}`, value);
    return true;
  }

  noticeCount(kind: SyncNotice['kind']): number {
    return this.notices.filter((n) => n.kind === kind).length;
  }
}

function fieldsOf(patch: TicketPatch): [Field, string][] {
  const out: [Field, string][] = [];
  if (patch.status !== undefined) out.push(['status', patch.status]);
  for (const key of ['priority', 'assignee', 'group'] as const) {
    const value = patch[key];
    if (value !== undefined) out.push([key, value ?? 'none']);
  }
  for (const tag of patch.addTags ?? [])
    out.push([`tag:${tag.why ? `${tag.what}/${tag.why}` : tag.what}`, 'present']);
  for (const tag of patch.removeTags ?? [])
    out.push([`tag:${tag.why ? `${tag.what}/${tag.why}` : tag.what}`, 'absent']);
  return out;
}

export interface World {
  url: string;
  client: gmail_v1.Gmail;
  a: FaultAgent;
  b: FaultAgent;
  codec: ReturnType<typeof createLabelCodec>;
  /** Ticket thread ids of the demo mailbox, oldest first, as agent A's first full sync stored them. */
  tickets: string[];
  control: (path: string, body: unknown) => Promise<void>;
  stats: () => Promise<StandinStats>;
  close: () => Promise<void>;
}

let worlds = 0;

/** A fresh stand-in with the demo mailbox and two agents that have each run their first full sync. */
export async function startWorld(): Promise<World> {
  const { standin, client, url } = await startTestStandin(
    { seed: 'demo' },
    // Quota is the 429 scenario's business, injected on purpose; Gmail's own limit stays out of the others.
    { unitsPerMinute: 1_000_000, maxConcurrentPerUser: 10 },
  );
  worlds += 1;
  const run = `${Date.now().toString(36)}-${worlds}`;
  const a = new FaultAgent('anna', `faults-${run}-anna@northwind-shop.example`, url);
  const b = new FaultAgent('sam', `faults-${run}-sam@northwind-shop.example`, url);
  await a.boot();
  await b.boot();
  await a.engine.fullSync();
  await b.engine.fullSync();
  const tickets = (await a.db.getAll('tickets'))
    .sort((x, y) => x.createdAt - y.createdAt)
    .map((t) => t.threadId);
  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${url}/__standin/${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  return {
    url,
    client,
    a,
    b,
    codec: createLabelCodec(),
    tickets,
    control,
    stats: () => readStandinStats(url),
    close: async () => {
      a.worker.kill();
      b.worker.kill();
      await standin.close();
    },
  };
}

/** A small seeded generator (mulberry32): a failing scenario replays with the same choices. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['Open', 'Pending', 'On hold', 'Solved'] as const;
const PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'] as const;
const ASSIGNEES = ['Anna Kowalska', 'Sam Okafor', 'Yuki Tanaka'] as const;
const GROUPS = ['Shipping', 'Billing', 'Returns'] as const;

/** Every label `randomPatch` can ask for: made beforehand where a scenario must not need a new label. */
export function randomPatchLabels(codec: ReturnType<typeof createLabelCodec>): string[] {
  return [
    ...ASSIGNEES.map((a) => codec.assigneeLabel(a)),
    ...GROUPS.map((g) => codec.groupLabel(g)),
    codec.tagLabel({ what: 'Fault drill' }),
  ];
}

/** One random change of one field, as a click in the sidebar makes it. */
export function randomPatch(random: () => number, current: TicketLabelState): TicketPatch {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.3) return { status: pick(STATUSES.filter((s) => s !== current.status)) };
  if (roll < 0.5) return { priority: pick(PRIORITIES.filter((p) => p !== current.priority)) };
  if (roll < 0.7) return { assignee: pick(ASSIGNEES.filter((p) => p !== current.assignee)) };
  if (roll < 0.85) return { group: pick(GROUPS.filter((p) => p !== current.group)) };
  const has = current.tags.some((t) => t.what === 'Fault drill');
  return has ? { removeTags: [{ what: 'Fault drill' }] } : { addTags: [{ what: 'Fault drill' }] };
}

/** `count` random changes by `agent` over `threads`, each to the ticket as the agent's store shows it. */
export async function makeChanges(
  agent: FaultAgent,
  threads: readonly string[],
  count: number,
  random: () => number,
  between?: (i: number) => Promise<void>,
): Promise<number> {
  let queued = 0;
  for (let i = 0; i < count; i++) {
    const threadId = threads[i % threads.length] as string;
    const record = await getTicket(agent.db, threadId);
    if (!record) throw new Error(`${agent.name} has no ticket ${threadId}`);
    if (await agent.change(threadId, randomPatch(random, record))) queued += 1;
    await between?.(i);
  }
  return queued;
}

/** Runs `work`, counting a failure instead of throwing (a worker's alarm shrugs and tries next time). */
export async function attempt(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch {
    return false;
  }
}

/** Every outbox entry due now, none marked as being sent: the end of the storm, without waiting minutes. */
export async function makeAllDue(db: LabeldeskDatabase): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (const change of await tx.store.getAll()) {
    const { sendingSince: _s, ...rest } = change;
    await tx.store.put({ ...rest, nextAttemptAt: 0 });
  }
  await tx.done;
}

/**
 * The faults end: polls as the alarm runs them (flush, poll, flush) in both agents until both outboxes
 * are empty and a round changed nothing. Answers how many rounds it took and how many outbox entries are left.
 */
export async function heal(world: World, maxRounds = 20): Promise<{ rounds: number; outboxLeft: number }> {
  await world.control('faults', {});
  for (const agent of [world.a, world.b]) agent.netFault = () => undefined;
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    let moved = 0;
    for (const agent of [world.a, world.b]) {
      await makeAllDue(agent.db);
      const first = await agent.engine.flushOutbox().catch(() => undefined);
      const poll = await agent.engine.incrementalSync().catch(() => undefined);
      const second = await agent.engine.flushOutbox().catch(() => undefined);
      moved += (first?.sent ?? 0) + (second?.sent ?? 0) + (poll?.threadsChanged ?? 0);
    }
    const left = (await world.a.db.count('outbox')) + (await world.b.db.count('outbox'));
    if (left === 0 && moved === 0) return { rounds: rounds + 1, outboxLeft: 0 };
  }
  return { rounds, outboxLeft: (await world.a.db.count('outbox')) + (await world.b.db.count('outbox')) };
}

/** Gmail's ticket labels per thread, read as a full sync would: every Helpdesk label's threads, listed. */
export async function gmailTickets(world: World): Promise<Map<string, string[]>> {
  const labels = (await world.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const names = new Map<string, string[]>();
  for (const label of labels) {
    const name = label.name ?? '';
    if (!world.codec.owns(name) || name.toLowerCase() === world.codec.recordsLabel.toLowerCase()) continue;
    let pageToken: string | undefined;
    do {
      const page = await world.client.users.threads.list({
        userId: 'me',
        labelIds: [label.id as string],
        maxResults: 500,
        includeSpamTrash: false,
        ...(pageToken ? { pageToken } : {}),
      });
      for (const thread of page.data.threads ?? []) {
        const id = thread.id as string;
        names.set(id, [...(names.get(id) ?? []), name]);
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
  }
  return names;
}

export function canonical(names: readonly string[]): string {
  return names
    .map((n) => n.toLowerCase())
    .sort()
    .join(', ');
}

export function fieldValue(state: TicketLabelState | null | undefined, field: string): string {
  if (!state) return 'no ticket';
  if (field.startsWith('tag:')) {
    const path = field.slice(4);
    return state.tags.some((t) => (t.why ? `${t.what}/${t.why}` : t.what) === path) ? 'present' : 'absent';
  }
  return state[field as 'status' | 'priority' | 'assignee' | 'group'] ?? 'none';
}

export interface Judgement {
  /** Intended values Gmail does not hold (and no rule of the scenario excuses). */
  lost: string[];
  /** Threads whose ticket differs between agent A, agent B and Gmail. */
  mismatches: string[];
  /** Threads that hold two values of a single-valued field in Gmail. */
  duplicates: string[];
  gmail: Map<string, TicketLabelState | null>;
  ticketsCompared: number;
  intended: number;
}

/**
 * The three copies, compared over every ticket any of them holds; and each agent's ledger against Gmail.
 * `excuse(agent, key, wanted, gmailHas)` may answer true for a value the scenario's rules let another win.
 */
export async function judge(
  world: World,
  excuse: (agent: FaultAgent, key: string, wanted: string, gmailHas: string) => boolean = () => false,
): Promise<Judgement> {
  const gmailNames = await gmailTickets(world);
  const gmail = new Map<string, TicketLabelState | null>();
  const duplicates: string[] = [];
  for (const [threadId, names] of gmailNames) {
    const decoded = world.codec.decode(names);
    const { Status, Priority, Assignee, Group } = decoded.seen;
    if (Status.length > 1 || Priority.length > 1 || Assignee.length > 1 || Group.length > 1)
      duplicates.push(`${threadId}: ${canonical(names)}`);
    gmail.set(threadId, decoded.state);
  }
  const stores = await Promise.all(
    [world.a, world.b].map(
      async (agent) => new Map((await agent.db.getAll('tickets')).map((t) => [t.threadId, t])),
    ),
  );
  const all = new Set<string>([...gmail.keys(), ...stores.flatMap((s) => [...s.keys()])]);
  const mismatches: string[] = [];
  const show = (state: TicketLabelState | null | undefined) =>
    state ? canonical(world.codec.encode(state)) : 'no ticket';
  for (const threadId of all) {
    const g = show(gmail.get(threadId));
    const [sa, sb] = stores.map((s) => show(s.get(threadId)));
    if (sa !== g || sb !== g) mismatches.push(`${threadId}: anna [${sa}] / sam [${sb}] / gmail [${g}]`);
  }
  const lost: string[] = [];
  let intended = 0;
  for (const agent of [world.a, world.b]) {
    for (const [key, wanted] of agent.ledger) {
      intended += 1;
      const [threadId, field] = key.split('|') as [string, string];
      const has = fieldValue(gmail.get(threadId), field);
      if (has.toLowerCase() === wanted.toLowerCase()) continue;
      if (excuse(agent, key, wanted, has)) continue;
      lost.push(`${agent.name} ${threadId} ${field}: wanted ${wanted}, Gmail has ${has}`);
    }
  }
  return { lost, mismatches, duplicates, gmail, ticketsCompared: all.size, intended };
}

/** Counts of answers by HTTP status between two readings of the stand-in's stats (0 = dropped). */
export function statusDelta(before: StandinStats, after: StandinStats, status: string): number {
  return (after.byStatus[status] ?? 0) - (before.byStatus[status] ?? 0);
}

/** The report every scenario returns; ok when the faults happened and nothing was lost or differs. */
export function report(
  scenario: string,
  started: number,
  injected: FaultReport['injected'],
  survived: FaultReport['survived'],
  verdict: Pick<Judgement, 'lost' | 'mismatches' | 'duplicates'>,
  extra: { injectedEnough: boolean; problems?: string[] },
): FaultReport {
  const mismatches = [...verdict.mismatches, ...verdict.duplicates.map((d) => `two values: ${d}`)];
  const lost = [...verdict.lost, ...(extra.problems ?? [])];
  return {
    scenario,
    injected,
    survived,
    lost,
    mismatches,
    ok: extra.injectedEnough && lost.length === 0 && mismatches.length === 0,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
