/**
 * Background sync's health (issue 8): the runner keeps whether each mailbox's last poll failed and why, and the
 * tabs showing that mailbox hear of it only when it changes (ok → failing, one failure → another, failing → ok),
 * never once per poll. The failures come from the token source (instant, no retries); a good poll runs against
 * the stand-in.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestStandin } from '../../test/conformance/standin-harness';
import { GmailApiError } from '../gmail/api/errors';
import { NetworkError } from '../gmail/api/transport';
import type { StoreEvent } from '../messaging/contract';
import { LabeldeskError } from '../messaging/errors';
import { AuthError } from './auth';
import { createHandlers, syncProblem } from './handlers';
import { type SyncHealthNotice, SyncRunner } from './sync-runner';
import { TabEvents } from './tab-events';

let env: Awaited<ReturnType<typeof startTestStandin>>;
/** What the token source does at the next call: throw this, or hand out a token. */
let failWith: Error | undefined;
let sent: { tabId: number; event: StoreEvent }[];
let health: SyncHealthNotice[];
let tabs: TabEvents;
let runner: SyncRunner;
let mailbox: string;

beforeEach(async () => {
  env = await startTestStandin({ seed: 'empty' });
  mailbox = env.standin.emailAddress;
  failWith = undefined;
  sent = [];
  health = [];
  tabs = new TabEvents(async (tabId, event) => void sent.push({ tabId, event }));
  const stored: Record<string, unknown> = {};
  runner = new SyncRunner({
    tokensFor: () => ({
      getToken: async () => {
        if (failWith) throw failWith;
        return 'standin-test-token';
      },
      invalidate: async () => {},
    }),
    baseUrl: env.url,
    storage: {
      get: async (key: string) => ({ [key]: stored[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
    } as never,
    // As the service worker wires it (src/background/main.ts): every notice goes to the tab events.
    onNotice: (box, notice) => {
      if (notice.kind === 'sync-health') health.push(notice);
      tabs.notice(box, notice);
    },
  });
});

afterEach(async () => {
  (await runner.mailboxFor(mailbox)).db.close();
  await env.standin.close();
});

async function poll(): Promise<void> {
  await runner.poll(mailbox).catch(() => undefined);
}

const told = () => sent.map(({ tabId, event }) => [tabId, event.sync]);

describe('background sync health', () => {
  it('tells the tabs once per change, not once per poll', async () => {
    tabs.remember(mailbox, 7);
    await poll(); // works: a worker's first good poll is no news
    expect(health).toEqual([]);

    failWith = new AuthError('interaction-required', 'The token was refused');
    await poll();
    await poll();
    await poll();
    expect(runner.syncHealth(mailbox)).toBe('auth-required');
    expect(told()).toEqual([[7, 'auth-required']]);

    // Another failure is another state.
    failWith = Object.assign(new Error(''), { name: 'QuotaExceededError' });
    await poll();
    await poll();
    expect(told()).toEqual([
      [7, 'auth-required'],
      [7, 'storage-full'],
    ]);

    failWith = undefined;
    await poll();
    await poll();
    expect(runner.syncHealth(mailbox)).toBeNull();
    expect(told()).toEqual([
      [7, 'auth-required'],
      [7, 'storage-full'],
      [7, null],
    ]);
    // The health events carry no tickets and no notices: the sidebar re-reads nothing for them.
    expect(sent.every(({ event }) => event.threadIds.length === 0 && !event.all)).toBe(true);
  });

  it('callers sharing one failed poll make one change', async () => {
    tabs.remember(mailbox, 7);
    failWith = new AuthError('not-configured', 'No client id');
    await Promise.all([poll(), poll(), poll()]);
    expect(health).toEqual([{ kind: 'sync-health', problem: 'not-configured' }]);
  });

  it('tells a tab that arrives while sync fails, once, and only tabs of that mailbox', async () => {
    failWith = new AuthError('interaction-required', 'The token was refused');
    await poll();
    expect(sent).toEqual([]); // no tab yet
    tabs.remember(mailbox, 8);
    tabs.remember(mailbox, 8); // its next call: it knows already
    tabs.remember('other@northwind-shop.example', 9);
    expect(told()).toEqual([[8, 'auth-required']]);
    failWith = undefined;
    await poll();
    expect(told()).toEqual([
      [8, 'auth-required'],
      [8, null],
    ]);
    tabs.remember(mailbox, 10); // sync works: nothing to say
    expect(told()).toHaveLength(2);
  });

  it("answers sync.now's failure with the problem, so a tab opened while sync fails learns it", async () => {
    failWith = new AuthError('interaction-required', 'The token was refused');
    const handlers = createHandlers({
      syncNow: async (box: string) => runner.poll(box),
    } as never);
    const error = await Promise.resolve(handlers['sync.now']({ mailbox }, {} as never)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LabeldeskError);
    expect((error as LabeldeskError).code).toBe('auth-required');
    expect((error as LabeldeskError).details).toMatchObject({ sync: 'auth-required' });
  });
});

describe('syncProblem', () => {
  it('names what the agent can act on, never the message', () => {
    expect(syncProblem(new AuthError('access-denied', 'no'))).toBe('auth-required');
    expect(syncProblem(new AuthError('not-configured', 'no'))).toBe('not-configured');
    expect(syncProblem(new NetworkError(new TypeError('x')))).toBe('offline');
    expect(syncProblem(new GmailApiError(429, 'Too many', 'rateLimitExceeded', undefined))).toBe('quota');
    expect(syncProblem(new GmailApiError(403, 'Slow', 'userRateLimitExceeded', undefined))).toBe('quota');
    expect(syncProblem(new GmailApiError(503, 'Down', undefined, undefined))).toBe('gmail-api');
    expect(syncProblem(new GmailApiError(400, 'Bad', undefined, undefined))).toBe('gmail-api');
    expect(syncProblem(new LabeldeskError('not-found', 'gone'))).toBe('internal');
    expect(syncProblem(new Error('boom'))).toBe('internal');
  });
});
