/**
 * Runners for the automation tests: each agent has its own fake-indexeddb database, transport and engine,
 * and talks the real Gmail REST protocol to one demo stand-in, as browsers and the Node worker would.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TicketRule } from '../../src/core/ticket-rule';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import { createTransport } from '../../src/gmail/api/transport';
import { openLabeldeskDatabase } from '../../src/store/db';
import { SyncEngine } from '../../src/sync/engine';
import { DEFAULT_QUOTA_OPTIONS, QuotaBudget } from '../../src/sync/quota-budget';
import { startTestStandin } from '../conformance/standin-harness';
import { control } from '../sync/sync-harness';

export const MAILBOX = 'support@northwind-shop.example';
export const TEAM_RULE: TicketRule = { teamAddresses: [MAILBOX] };

let count = 0;

export interface AgentOptions {
  /** Units a second this client may spend (the stand-in's quota is raised to match in the big test). */
  unitsPerSecond?: number;
}

export async function startAgent(url: string, name: string, options: AgentOptions = {}) {
  count += 1;
  const db = await openLabeldeskDatabase(`auto-${count}-${name}@northwind-shop.example`);
  const rate = options.unitsPerSecond ?? 250;
  const budget = new QuotaBudget(Date.now, {
    ...DEFAULT_QUOTA_OPTIONS,
    initialUnitsPerSecond: rate,
    ...(rate > DEFAULT_QUOTA_OPTIONS.maxUnitsPerSecond ? { maxUnitsPerSecond: rate } : {}),
  });
  const transport = createTransport({
    tokenSource: staticTokenSource(`token-of-${name}`),
    baseUrl: url,
    budget,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
  });
  const calls = createSyncCalls(transport);
  const engine = new SyncEngine({ db, calls, mailbox: MAILBOX, triage: TEAM_RULE, random: () => 0 });
  return { name, db, calls, engine, transport, close: () => db.close() };
}

export type Agent = Awaited<ReturnType<typeof startAgent>>;

/** A demo stand-in for the file (its clock starting at `now` when given), reset before each test. */
export function useAutomationMailbox(
  options: { now?: Date; tuning?: Parameters<typeof startTestStandin>[1] } = {},
) {
  let env: Awaited<ReturnType<typeof startTestStandin>> | undefined;
  let agents: Agent[] = [];
  beforeAll(async () => {
    env = await startTestStandin(
      { seed: 'demo', ...(options.now ? { now: options.now } : {}) },
      options.tuning ?? {},
    );
  });
  afterAll(async () => {
    await env?.standin.close();
  });
  beforeEach(async () => {
    if (!env) return;
    await control(env.url, 'reset', {});
    if (options.now) await control(env.url, 'clock', { set: options.now.toISOString() });
  });
  afterEach(() => {
    for (const agent of agents) agent.close();
    agents = [];
  });
  const current = () => {
    if (!env) throw new Error('The stand-in is not running');
    return env;
  };
  return {
    env: current,
    agent: async (name: string, agentOptions?: AgentOptions) => {
      const a = await startAgent(current().url, name, agentOptions);
      agents.push(a);
      return a;
    },
  };
}
