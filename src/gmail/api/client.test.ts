import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGmailClient } from './client';
import { GmailApiError, GmailResponseError } from './errors';
import { threadSubject } from './schemas';
import { staticTokenSource, type TokenSource } from './token-source';

/** A real HTTP server; each test says how it answers. Requests are recorded for the assertions. */
type Reply = { status: number; body: unknown };
let answer: (req: IncomingMessage, url: URL) => Reply = () => ({ status: 500, body: {} });
const seen: { url: URL; authorization: string | undefined }[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ url, authorization: req.headers.authorization });
    const { status, body } = answer(req, url);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  seen.length = 0;
});

const client = (tokenSource: TokenSource = staticTokenSource('token-1')) =>
  createGmailClient({ baseUrl, tokenSource });

describe('the Gmail client', () => {
  it('reads the profile with the bearer token', async () => {
    answer = () => ({
      status: 200,
      body: { emailAddress: 'support@shop.example', messagesTotal: 3, threadsTotal: 2, historyId: '1234' },
    });
    const profile = await client().getProfile();
    expect(profile.emailAddress).toBe('support@shop.example');
    expect(seen[0]?.url.pathname).toBe('/gmail/v1/users/me/profile');
    expect(seen[0]?.authorization).toBe('Bearer token-1');
  });

  it('asks for thread metadata only: format, Subject header and fields', async () => {
    answer = () => ({
      status: 200,
      body: {
        id: '184a87a7b32dd009',
        historyId: '99',
        messages: [
          {
            id: 'm1',
            labelIds: ['INBOX'],
            payload: { headers: [{ name: 'Subject', value: 'Where is my order?' }] },
          },
          {
            id: 'm2',
            labelIds: ['SENT'],
            payload: { headers: [{ name: 'Subject', value: 'Re: Where is my order?' }] },
          },
        ],
      },
    });
    const thread = await client().threads.get('184a87a7b32dd009');
    const { url } = seen[0] ?? { url: new URL('http://x') };
    expect(url.pathname).toBe('/gmail/v1/users/me/threads/184a87a7b32dd009');
    expect(url.searchParams.get('format')).toBe('metadata');
    expect(url.searchParams.getAll('metadataHeaders')).toEqual(['Subject']);
    expect(url.searchParams.get('fields')).toMatch(/^id,historyId,messages\(.*payload\/headers\)$/);
    expect(thread.messages).toHaveLength(2);
    expect(threadSubject(thread)).toBe('Where is my order?');
  });

  it('lists labels', async () => {
    answer = () => ({
      status: 200,
      body: {
        labels: [
          { id: 'INBOX', name: 'INBOX', type: 'system' },
          { id: 'Label_1', name: 'Helpdesk/Status/Open', type: 'user' },
        ],
      },
    });
    expect((await client().labels.list()).map((label) => label.name)).toEqual([
      'INBOX',
      'Helpdesk/Status/Open',
    ]);
  });

  it("turns Google's error shape into a typed error", async () => {
    answer = () => ({
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'User-rate limit exceeded.',
          status: 'RESOURCE_EXHAUSTED',
          errors: [
            { reason: 'rateLimitExceeded', message: 'User-rate limit exceeded.', domain: 'usageLimits' },
          ],
        },
      },
    });
    const error = await client()
      .getProfile()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GmailApiError);
    expect(error).toMatchObject({
      status: 429,
      reason: 'rateLimitExceeded',
      googleStatus: 'RESOURCE_EXHAUSTED',
      message: 'User-rate limit exceeded.',
      retryable: true,
    });
  });

  it('keeps the status when the error body is not JSON', async () => {
    answer = () => ({ status: 502, body: '<html>Bad gateway</html>' });
    await expect(client().getProfile()).rejects.toMatchObject({
      name: 'GmailApiError',
      status: 502,
      retryable: true,
    });
  });

  it('refuses a 2xx answer that does not match the schema', async () => {
    answer = () => ({ status: 200, body: { emailAddress: 42 } });
    await expect(client().getProfile()).rejects.toBeInstanceOf(GmailResponseError);
  });

  it('drops a token Gmail refuses and retries once with a new one', async () => {
    answer = (req) =>
      req.headers.authorization === 'Bearer fresh'
        ? { status: 200, body: { emailAddress: 'support@shop.example', historyId: '1' } }
        : {
            status: 401,
            body: { error: { code: 401, message: 'Invalid Credentials', status: 'UNAUTHENTICATED' } },
          };
    const invalidated: string[] = [];
    let current = 'expired';
    const tokens: TokenSource = {
      getToken: async () => current,
      invalidate: async (token) => {
        invalidated.push(token);
        current = 'fresh';
      },
    };
    await expect(client(tokens).getProfile()).resolves.toMatchObject({
      emailAddress: 'support@shop.example',
    });
    expect(invalidated).toEqual(['expired']);
    expect(seen.map((request) => request.authorization)).toEqual(['Bearer expired', 'Bearer fresh']);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    answer = () => ({ status: 401, body: { error: { code: 401, message: 'Invalid Credentials' } } });
    await expect(client().getProfile()).rejects.toMatchObject({ status: 401, retryable: false });
    expect(seen).toHaveLength(2);
  });
});
