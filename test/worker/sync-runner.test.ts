/**
 * The service worker's automation runner (src/background/sync-runner.ts): after a poll's sync and flush the
 * mailbox's runner takes its pass in mode 'any', never in mode 'worker' (and gives back a lease it held),
 * its status feeds 'runner.status', the engine sees the settings read after the poll, the runner id is
 * stable across service-worker restarts, and a failed pass does not fail the poll.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin } from '../../scripts/gmail-standin/index';
import {
  type MailboxRunner,
  type RunnerFactoryInput,
  SyncRunner,
  type SyncRunnerServices,
} from '../../src/background/sync-runner';
import { defaultAutomationSettings } from '../../src/core/automation-config';
import { staticTokenSource } from '../../src/gmail/api/token-source';
import type { PassSummary, RunnerStatus } from '../../src/messaging/contract-automation';

let env: Awaited<ReturnType<typeof startStandin>>;
beforeAll(async () => {
  env = await startStandin({ port: 0, seed: 'demo' });
});
afterAll(() => env.close());

const summary = (acknowledged: number): PassSummary => ({
  at: 1,
  acknowledged,
  surveys: 0,
  answersRecorded: 0,
  reminders: 0,
  closed: 0,
  escalated: 0,
  rulesApplied: 0,
  skipped: 0,
  unitsUsed: 30,
});

class FakeRunner implements MailboxRunner {
  passes = 0;
  releases = 0;
  fail = false;
  constructor(readonly input: RunnerFactoryInput) {}
  async pass() {
    this.passes += 1;
    if (this.fail) throw new TypeError('boom');
    return { holder: true, summary: summary(this.passes) };
  }
  status(): RunnerStatus {
    return {
      mode: 'any',
      holder: { runner: this.input.runner.id, kind: 'browser', agent: 'Anna', renewedAt: 5 },
      thisBrowser: this.releases === 0,
      lastPass: summary(this.passes),
    };
  }
  async release() {
    this.releases += 1;
  }
}

function memoryStorage(): SyncRunnerServices['storage'] {
  const items = new Map<string, unknown>();
  return {
    get: (async (key: string) => (items.has(key) ? { [key]: items.get(key) } : {})) as never,
    set: async (values: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(values)) items.set(k, v);
    },
  };
}

describe('service-worker runner', () => {
  it('passes after each poll in mode any, reports its status, and steps back in mode worker', async () => {
    const storage = memoryStorage();
    const runners: FakeRunner[] = [];
    const errors: string[] = [];
    const services = {
      tokensFor: () => staticTokenSource('browser-token'),
      baseUrl: env.url,
      storage,
      agentName: async () => 'Anna',
      createRunner: (input: RunnerFactoryInput) => {
        const runner = new FakeRunner(input);
        runners.push(runner);
        return runner;
      },
      onRunnerError: (_mailbox: string, error: unknown) => errors.push((error as Error).name),
    };
    const sync = new SyncRunner(services);
    const mailbox = env.emailAddress;

    expect(await sync.runnerStatus(mailbox)).toEqual({
      mode: 'any',
      holder: null,
      thisBrowser: false,
      lastPass: null,
    });
    const first = await sync.poll(mailbox);
    expect(first.automation).toMatchObject({ acknowledged: 1 });
    const runner = runners[0];
    expect(runner?.input.runner).toMatchObject({ kind: 'browser', agent: 'Anna' });
    expect(runner?.input.runner.id).toMatch(/^browser:[\w-]+$/);
    expect(await sync.runnerStatus(mailbox)).toMatchObject({
      thisBrowser: true,
      lastPass: { acknowledged: 1 },
    });

    // A failed pass is reported by name and the poll still answers.
    if (runner) runner.fail = true;
    expect((await sync.poll(mailbox)).automation).toBeNull();
    expect(errors).toEqual(['TypeError']);
    if (runner) runner.fail = false;

    // The team hands automations to the Node worker: this browser releases and stops passing.
    const { engine } = await sync.mailboxFor(mailbox);
    await engine.records?.setAutomation({ ...defaultAutomationSettings(), runner: 'worker' }, 'Anna');
    const passesBefore = runner?.passes;
    expect((await sync.poll(mailbox)).automation).toBeNull();
    expect(runner?.passes).toBe(passesBefore);
    expect(runner?.releases).toBe(1);
    expect(await sync.runnerStatus(mailbox)).toMatchObject({ mode: 'worker', thisBrowser: false });

    // A restarted service worker keeps its runner id.
    const again = new SyncRunner(services);
    await again.poll(mailbox);
    expect(runners[1]?.input.runner.id).toBe(runner?.input.runner.id);
  });
});
