/**
 * Agents for sync tests: each has its own IndexedDB (fake-indexeddb, a spec implementation) and its own
 * transport and quota budget, and talks the real Gmail REST protocol to one stand-in, as browsers would.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TicketRule } from '../../src/core/ticket-rule';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import { createTransport } from '../../src/gmail/api/transport';
import { openLabeldeskDatabase } from '../../src/store/db';
import { SyncEngine, type SyncNotice } from '../../src/sync/engine';
import { DEFAULT_QUOTA_OPTIONS, QuotaBudget } from '../../src/sync/quota-budget';
import { startTestStandin } from '../conformance/standin-harness';

let agentCount = 0;

export async function startAgent(
  standinUrl: string,
  name: string,
  options: { maxAttempts?: number; triage?: TicketRule; now?: () => number } = {},
) {
  agentCount += 1;
  const db = await openLabeldeskDatabase(`agent-${agentCount}-${name}@northwind-shop.example`);
  const budget = new QuotaBudget(Date.now, { ...DEFAULT_QUOTA_OPTIONS, initialUnitsPerSecond: 250 });
  const transport = createTransport({
    tokenSource: staticTokenSource(`token-of-${name}`),
    baseUrl: standinUrl,
    budget,
    // Tests keep backoff short; the policy's shape is what they check, not its seconds.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
  const notices: SyncNotice[] = [];
  const engine = new SyncEngine({
    db,
    calls: createSyncCalls(transport),
    mailbox: 'support@northwind-shop.example',
    ...(options.triage ? { triage: options.triage } : {}),
    ...(options.now ? { now: options.now } : {}),
    onNotice: (notice) => notices.push(notice),
    // Failed outbox changes come due again at once in tests (no jitter).
    random: () => 0,
  });
  return { name, db, engine, transport, notices, close: () => db.close() };
}

export type Agent = Awaited<ReturnType<typeof startAgent>>;

export interface StandinStats {
  requests: number;
  quotaUnits: number;
  byStatus: Record<string, number>;
  byMethod: Record<string, { requests: number; quotaUnits: number }>;
}

export async function standinStats(url: string): Promise<StandinStats> {
  return (await (await fetch(`${url}/__standin/stats`)).json()) as StandinStats;
}

export async function control(url: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}/__standin/${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/**
 * The usual set-up of a sync test file: one demo stand-in for the file, reset before each test, and the
 * agents a test starts closed after it. Call at the top level of the file.
 */
export function useDemoMailbox(): {
  env: () => Awaited<ReturnType<typeof startTestStandin>>;
  agent: (
    name: string,
    options?: { maxAttempts?: number; triage?: TicketRule; now?: () => number },
  ) => Promise<Agent>;
} {
  let env: Awaited<ReturnType<typeof startTestStandin>> | undefined;
  let agents: Agent[] = [];
  beforeAll(async () => {
    env = await startTestStandin({ seed: 'demo' });
  });
  afterAll(async () => {
    await env?.standin.close();
  });
  beforeEach(async () => {
    if (env) await control(env.url, 'reset', {});
  });
  afterEach(() => {
    for (const agent of agents) agent.close();
    agents = [];
  });
  const current = () => {
    if (!env) throw new Error('The stand-in is not running: call useDemoMailbox() at the top of the file');
    return env;
  };
  return {
    env: current,
    agent: async (name, options) => {
      const a = await startAgent(current().url, name, options);
      agents.push(a);
      return a;
    },
  };
}
