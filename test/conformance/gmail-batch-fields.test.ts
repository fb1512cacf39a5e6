/**
 * The batch endpoint (https://developers.google.com/gmail/api/guides/batch) and partial responses
 * (https://developers.google.com/gmail/api/guides/performance#partial), over raw HTTP.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
let url: string;
let messageId = '';

beforeAll(async () => {
  ({ standin, client, url } = await startTestStandin());
  messageId =
    (
      await client.users.messages.insert({
        userId: 'me',
        requestBody: {
          raw: rawMessage({ From: 'ann@customer.example', Subject: 'Batch me' }),
          labelIds: ['INBOX'],
        },
      })
    ).data.id ?? '';
});
afterAll(() => standin.close());

interface InnerRequest {
  id: string;
  method: string;
  path: string;
  body?: unknown;
}

function batchBody(boundary: string, requests: InnerRequest[]): string {
  return `${requests
    .map(
      (r) =>
        `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <${r.id}>\r\n\r\n` +
        `${r.method} ${r.path} HTTP/1.1\r\n` +
        (r.body ? `Content-Type: application/json\r\n\r\n${JSON.stringify(r.body)}\r\n` : '\r\n'),
    )
    .join('')}--${boundary}--\r\n`;
}

interface BatchPart {
  contentId: string | undefined;
  status: number;
  json: unknown;
}

/** Splits a multipart/mixed batch response into its parts' Content-ID, HTTP status and JSON body. */
function parseBatchResponse(contentType: string, text: string): BatchPart[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1] ?? '';
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const [outer = '', inner = ''] = chunk.split(/\r\n\r\n(?=HTTP\/1\.1)/);
      const contentId = /Content-ID: (.+)/i.exec(outer)?.[1]?.trim();
      const status = Number(/HTTP\/1\.1 (\d{3})/.exec(inner)?.[1]);
      const bodyText = inner
        .split(/\r\n\r\n/)
        .slice(1)
        .join('\r\n\r\n')
        .trim();
      return { contentId, status, json: bodyText ? JSON.parse(bodyText) : undefined };
    });
}

async function batch(requests: InnerRequest[], headers: Record<string, string> = AUTH) {
  const boundary = 'batch_labeldesk_test';
  const response = await fetch(`${url}/batch/gmail/v1`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': `multipart/mixed; boundary=${boundary}` },
    body: batchBody(boundary, requests),
  });
  return {
    response,
    parts: parseBatchResponse(response.headers.get('content-type') ?? '', await response.text()),
  };
}

describe('batch', () => {
  // https://developers.google.com/gmail/api/guides/batch#format-of-a-batch-request (multipart/mixed of application/http)
  it('answers multipart/mixed with one application/http part per request, in order', async () => {
    const { response, parts } = await batch([
      { id: 'item1', method: 'GET', path: '/gmail/v1/users/me/profile' },
      { id: 'item2', method: 'GET', path: `/gmail/v1/users/me/messages/${messageId}?format=minimal` },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    expect(parts).toHaveLength(2);
    expect((parts[0]?.json as { emailAddress: string } | undefined)?.emailAddress).toBe(standin.emailAddress);
    expect((parts[1]?.json as { id: string } | undefined)?.id).toBe(messageId);
  });

  // https://developers.google.com/gmail/api/guides/batch#format-of-a-batch-response ("Content-ID: <response-item1>")
  it('echoes each Content-ID as response-…', async () => {
    const { parts } = await batch([
      { id: 'alpha', method: 'GET', path: '/gmail/v1/users/me/labels' },
      { id: 'beta', method: 'GET', path: '/gmail/v1/users/me/profile' },
    ]);
    expect(parts.map((p) => p.contentId)).toEqual(['<response-alpha>', '<response-beta>']);
  });

  // https://developers.google.com/gmail/api/guides/batch#format-of-a-batch-response (each part has its own status)
  it('gives each part its own status, failures included', async () => {
    const { parts } = await batch([
      { id: 'ok', method: 'GET', path: '/gmail/v1/users/me/profile' },
      { id: 'missing', method: 'GET', path: '/gmail/v1/users/me/messages/0000000000000000' },
      {
        id: 'modify',
        method: 'POST',
        path: `/gmail/v1/users/me/messages/${messageId}/modify`,
        body: { addLabelIds: ['STARRED'] },
      },
    ]);
    expect(parts.map((p) => p.status)).toEqual([200, 404, 200]);
    expect((parts[1]?.json as { error: { code: number } } | undefined)?.error.code).toBe(404);
    expect((parts[2]?.json as { labelIds: string[] } | undefined)?.labelIds).toContain('STARRED');
  });

  // https://developers.google.com/gmail/api/guides/batch ("You're limited to 100 calls in a single batch request")
  it('accepts 100 parts and refuses 101 with 400', async () => {
    const make = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `p${i}`,
        method: 'GET',
        path: '/gmail/v1/users/me/labels',
      }));
    const hundred = await batch(make(100));
    expect(hundred.response.status).toBe(200);
    expect(hundred.parts).toHaveLength(100);
    const tooMany = await batch(make(101));
    expect(tooMany.response.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/guides/batch ("a set of n requests ... counts toward your usage limit as n requests")
  it('charges every part as its own call', async () => {
    type Stats = {
      requests: number;
      quotaUnits: number;
      byMethod: Record<string, { requests: number; quotaUnits: number }>;
    };
    const stats = async () => (await (await fetch(`${url}/__standin/stats`)).json()) as Stats;
    const before = await stats();
    await batch([
      { id: 'a', method: 'GET', path: '/gmail/v1/users/me/threads' },
      { id: 'b', method: 'GET', path: '/gmail/v1/users/me/threads' },
      { id: 'c', method: 'GET', path: '/gmail/v1/users/me/labels' },
    ]);
    const after = await stats();
    expect(after.requests - before.requests).toBe(3);
    expect(after.quotaUnits - before.quotaUnits).toBe(21);
    const threads = (s: Stats) => s.byMethod['gmail.users.threads.list'] ?? { requests: 0, quotaUnits: 0 };
    expect(threads(after).requests - threads(before).requests).toBe(2);
    expect(threads(after).quotaUnits - threads(before).quotaUnits).toBe(20);
  });

  // https://developers.google.com/gmail/api/guides/batch ("the outer request's headers apply to every part"); no token → 401 each
  it('answers 401 in every part when the batch carries no token', async () => {
    const { parts } = await batch([{ id: 'x', method: 'GET', path: '/gmail/v1/users/me/profile' }], {});
    expect(parts[0]?.status).toBe(401);
  });

  // https://developers.google.com/gmail/api/guides/batch#format-of-a-batch-request (Content-Type multipart/mixed required)
  it('answers 400 to a batch that is not multipart/mixed', async () => {
    const response = await fetch(`${url}/batch/gmail/v1`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });
});

describe('fields= partial responses', () => {
  const get = async (path: string) =>
    (await (await fetch(`${url}/gmail/v1/users/me/${path}`, { headers: AUTH })).json()) as Record<
      string,
      unknown
    >;

  // https://developers.google.com/gmail/api/guides/performance#partial-response ("fields=a,b")
  it('keeps only the listed top-level fields', async () => {
    expect(await get(`messages/${messageId}?format=minimal&fields=id,labelIds`)).toEqual({
      id: messageId,
      labelIds: expect.any(Array),
    });
  });

  // https://developers.google.com/gmail/api/guides/performance#partial-response ("items(id,threadId)" sub-selection)
  it('selects sub-fields of every item with a(b,c)', async () => {
    const body = await get('messages?fields=messages(id),resultSizeEstimate');
    expect(Object.keys(body).sort()).toEqual(['messages', 'resultSizeEstimate']);
    for (const m of body.messages as Record<string, unknown>[]) expect(Object.keys(m)).toEqual(['id']);
  });

  // https://developers.google.com/gmail/api/guides/performance#partial-response ("a/b" selects a nested field)
  it('selects nested fields with a/b', async () => {
    const body = await get(`messages/${messageId}?format=metadata&fields=payload/headers,id`);
    expect(Object.keys(body).sort()).toEqual(['id', 'payload']);
    expect(Object.keys(body.payload as object)).toEqual(['headers']);
  });

  // https://developers.google.com/gmail/api/guides/performance#partial-response (works through the official client too)
  it('works through the official client', async () => {
    const { data } = await client.users.threads.list({ userId: 'me', fields: 'threads/id' });
    expect(Object.keys(data)).toEqual(['threads']);
    expect(Object.keys(data.threads?.[0] ?? {})).toEqual(['id']);
  });

  // https://developers.google.com/gmail/api/guides/performance#partial-response (a malformed selection is an error)
  it('answers 400 to a malformed field selection', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/profile?fields=a(b`, { headers: AUTH });
    expect(response.status).toBe(400);
  });
});
