/**
 * Quota (https://developers.google.com/gmail/api/reference/quota), error handling
 * (https://developers.google.com/gmail/api/guides/handle-errors) and the stand-in's own controls under
 * `/__standin/` (DESIGN.md section 7).
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, apiError, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
let url: string;

beforeAll(async () => {
  ({ standin, client, url } = await startTestStandin());
});
afterAll(() => standin.close());

const control = (path: string, body?: unknown) =>
  fetch(`${url}/__standin/${path}`, {
    method: 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface Stats {
  requests: number;
  quotaUnits: number;
  byStatus: Record<string, number>;
  byMethod: Record<string, { requests: number; quotaUnits: number }>;
}
const stats = async () => (await (await fetch(`${url}/__standin/stats`)).json()) as Stats;

describe('quota units', () => {
  afterEach(async () => {
    await control('reset');
  });

  // https://developers.google.com/gmail/api/reference/quota (per-method quota usage table)
  it.each([
    ['gmail.users.getProfile', 1, () => client.users.getProfile({ userId: 'me' })],
    ['gmail.users.labels.list', 1, () => client.users.labels.list({ userId: 'me' })],
    ['gmail.users.messages.list', 5, () => client.users.messages.list({ userId: 'me' })],
    ['gmail.users.threads.list', 10, () => client.users.threads.list({ userId: 'me' })],
    ['gmail.users.drafts.list', 5, () => client.users.drafts.list({ userId: 'me' })],
    [
      'gmail.users.messages.insert',
      25,
      () =>
        client.users.messages.insert({
          userId: 'me',
          requestBody: { raw: rawMessage({ From: 'a@b.example', Subject: 'q' }) },
        }),
    ],
    [
      'gmail.users.messages.send',
      100,
      () =>
        client.users.messages.send({
          userId: 'me',
          requestBody: { raw: rawMessage({ To: 'a@b.example', Subject: 'q' }) },
        }),
    ],
  ])('charges %s %i units', async (methodId, units, call) => {
    await call();
    const after = await stats();
    expect(after.byMethod[methodId]).toEqual({ requests: 1, quotaUnits: units });
    expect(after.quotaUnits).toBe(units);
  });

  // https://developers.google.com/gmail/api/reference/quota (history.list 2 units)
  it('charges history.list 2 units', async () => {
    const historyId = (await client.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    await client.users.history.list({ userId: 'me', startHistoryId: historyId });
    expect((await stats()).byMethod['gmail.users.history.list']).toEqual({ requests: 1, quotaUnits: 2 });
  });
});

describe('rate limits', () => {
  afterEach(async () => {
    await control('reset');
  });

  // https://developers.google.com/gmail/api/reference/quota ("15,000 quota units per user per minute")
  // https://developers.google.com/gmail/api/guides/handle-errors#resolve_a_429_error_too_many_requests
  it('answers 429 rateLimitExceeded once 15,000 units are spent in a minute', async () => {
    const send = () =>
      client.users.messages.send({
        userId: 'me',
        requestBody: { raw: rawMessage({ To: 'a@b.example', Subject: 'bulk' }) },
      });
    for (let i = 0; i < 150; i++) await send();
    const failure = await apiError(send());
    expect(failure.status).toBe(429);
    expect(failure.body.error.errors[0]?.reason).toBe('rateLimitExceeded');
    expect(failure.body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(failure.body.error.message).toContain("'Queries per minute per user'");
    const after = await stats();
    expect(after.quotaUnits).toBe(15_000);
    expect(after.byStatus['429']).toBe(1);
    expect(after.byStatus['200']).toBe(150);
  });

  // https://developers.google.com/gmail/api/guides/handle-errors#resolve_a_429_error_too_many_requests ("too many concurrent requests")
  it('answers 429 to more than 10 concurrent requests for one user', async () => {
    await control('faults', { 'gmail.users.getProfile': { latencyMs: 300 } });
    const responses = await Promise.all(
      Array.from({ length: 14 }, () => fetch(`${url}/gmail/v1/users/me/profile`, { headers: AUTH })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    const rejected = responses.find((r) => r.status === 429);
    const body = (await rejected?.json()) as { error: { message: string; errors: { reason: string }[] } };
    // Gmail's wording, as logged in https://github.com/googleapis/google-api-dotnet-client/issues/1982
    expect(body.error.message).toBe('Too many concurrent requests for user');
    expect(body.error.errors[0]?.reason).toBe('rateLimitExceeded');
  });
});

describe('/__standin/ controls', () => {
  afterEach(async () => {
    await control('reset');
  });

  // DESIGN.md section 7: GET stats → {"requests", "quotaUnits", "byStatus", "byMethod"}
  it('stats has exactly requests, quotaUnits, byStatus and byMethod, with discovery method ids', async () => {
    await client.users.labels.list({ userId: 'me' });
    await apiError(client.users.messages.get({ userId: 'me', id: '0000000000000000' }));
    const body = await stats();
    expect(Object.keys(body).sort()).toEqual(['byMethod', 'byStatus', 'quotaUnits', 'requests']);
    expect(body).toEqual({
      requests: 2,
      quotaUnits: 6,
      byStatus: { '200': 1, '404': 1 },
      byMethod: {
        'gmail.users.labels.list': { requests: 1, quotaUnits: 1 },
        'gmail.users.messages.get': { requests: 1, quotaUnits: 5 },
      },
    });
  });

  // DESIGN.md section 7: POST reset restores the seed and zeroes the stats
  it('reset restores the seed and zeroes the stats', async () => {
    await client.users.messages.insert({
      userId: 'me',
      requestBody: { raw: rawMessage({ From: 'a@b.example', Subject: 'gone soon' }) },
    });
    expect((await control('reset')).status).toBe(200);
    const profile = (await client.users.getProfile({ userId: 'me' })).data;
    expect(profile.messagesTotal).toBe(0);
    expect((await stats()).requests).toBe(1);
  });

  // https://developers.google.com/gmail/api/guides/handle-errors (5xx backendError shape), injected per method id
  it('faults inject the asked status for one method only', async () => {
    await control('faults', { 'gmail.users.labels.list': { errorRate: 1, statuses: [503] } });
    const failure = await apiError(client.users.labels.list({ userId: 'me' }));
    expect(failure.status).toBe(503);
    expect(failure.body.error.code).toBe(503);
    expect((await client.users.getProfile({ userId: 'me' })).status).toBe(200);
  });

  // https://developers.google.com/gmail/api/guides/handle-errors#resolve_a_500_error_backend_error, injected for all methods with "*"
  it('faults with "*" apply to every method; {} clears them', async () => {
    await control('faults', { '*': { errorRate: 1, statuses: [500] } });
    expect((await apiError(client.users.getProfile({ userId: 'me' }))).status).toBe(500);
    await control('faults', {});
    expect((await client.users.getProfile({ userId: 'me' })).status).toBe(200);
  });

  // DESIGN.md section 4 ("switchable faults"): added latency
  it('faults add latency', async () => {
    await control('faults', { 'gmail.users.getProfile': { latencyMs: 250 } });
    const started = performance.now();
    await client.users.getProfile({ userId: 'me' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  // DESIGN.md section 4 ("switchable faults"): dropped connections
  it('faults drop connections', async () => {
    await control('faults', { 'gmail.users.getProfile': { dropRate: 1 } });
    await expect(fetch(`${url}/gmail/v1/users/me/profile`, { headers: AUTH })).rejects.toThrow();
  });

  // DESIGN.md section 7: POST reset restores the seed, so ids from before a reset still name the same threads
  it('reset restores the same seed mailbox, ids included', async () => {
    const own = await startTestStandin({ seed: 'demo' });
    try {
      const list = async () =>
        (await own.client.users.threads.list({ userId: 'me', maxResults: 20 })).data.threads?.map(
          (t) => t.id,
        );
      const before = await list();
      await own.client.users.threads.modify({
        userId: 'me',
        id: before?.[0] ?? '',
        requestBody: { addLabelIds: ['TRASH'] },
      });
      await own.client.users.messages.insert({
        userId: 'me',
        requestBody: { raw: rawMessage({ From: 'a@b.example', Subject: 'extra' }), labelIds: ['INBOX'] },
      });
      await fetch(`${own.url}/__standin/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceMs: 86_400_000 }),
      });
      await fetch(`${own.url}/__standin/reset`, { method: 'POST' });
      expect(await list()).toEqual(before);
    } finally {
      await own.standin.close();
    }
  });

  // DESIGN.md section 7: POST faults refuses a malformed body
  it('faults refuse an error rate above 1', async () => {
    expect((await control('faults', { '*': { errorRate: 2 } })).status).toBe(400);
  });

  // DESIGN.md section 7: POST clock sets the stand-in's now, used for internalDate of new messages
  it('clock set and advance move internalDate of new messages', async () => {
    const set = await control('clock', { set: '2030-01-02T03:04:05.000Z' });
    expect(((await set.json()) as { now: string }).now.slice(0, 16)).toBe('2030-01-02T03:04');
    await control('clock', { advanceMs: 86_400_000 });
    const inserted = (
      await client.users.messages.insert({
        userId: 'me',
        requestBody: { raw: rawMessage({ From: 'a@b.example', Subject: 'when' }) },
      })
    ).data;
    const got = (await client.users.messages.get({ userId: 'me', id: inserted.id ?? '', format: 'minimal' }))
      .data;
    const internal = Number(got.internalDate);
    expect(Math.abs(internal - Date.parse('2030-01-03T03:04:05.000Z'))).toBeLessThan(5_000);
    await control('clock', { set: new Date().toISOString() });
  });

  // DESIGN.md section 7: POST clock refuses what is neither set nor advanceMs
  it('clock refuses a malformed body', async () => {
    expect((await control('clock', { set: 'yesterday' })).status).toBe(400);
  });

  // The controls are the stand-in's own: no token needed and not counted as API calls
  it('controls need no token and are not counted', async () => {
    await fetch(`${url}/__standin/stats`);
    await fetch(`${url}/__standin/clock`);
    expect((await stats()).requests).toBe(0);
  });
});
