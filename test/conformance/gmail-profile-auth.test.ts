/**
 * users.getProfile, authentication, user ids and Google's error shape, through the official client
 * and raw HTTP.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, apiError, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
let url: string;

beforeAll(async () => {
  ({ standin, client, url } = await startTestStandin());
});
afterAll(() => standin.close());

describe('users.getProfile', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users/getProfile
  it('returns emailAddress, messagesTotal, threadsTotal and historyId', async () => {
    const { data } = await client.users.getProfile({ userId: 'me' });
    expect(data.emailAddress).toBe(standin.emailAddress);
    expect(data.messagesTotal).toBe(0);
    expect(data.threadsTotal).toBe(0);
    expect(data.historyId).toMatch(/^\d+$/);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users/getProfile ("userId ... The special value me")
  it('accepts the mailbox address as userId as well as "me"', async () => {
    const { data } = await client.users.getProfile({ userId: standin.emailAddress });
    expect(data.emailAddress).toBe(standin.emailAddress);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users/getProfile: the counts follow the mailbox
  it('counts a new message and thread and moves historyId forward', async () => {
    const before = (await client.users.getProfile({ userId: 'me' })).data;
    await client.users.messages.insert({
      userId: 'me',
      requestBody: { raw: rawMessage({ From: 'a@customer.example', Subject: 'Count me' }) },
    });
    const after = (await client.users.getProfile({ userId: 'me' })).data;
    expect(after.messagesTotal).toBe((before.messagesTotal ?? 0) + 1);
    expect(after.threadsTotal).toBe((before.threadsTotal ?? 0) + 1);
    expect(BigInt(after.historyId ?? '0')).toBeGreaterThan(BigInt(before.historyId ?? '0'));
  });
});

describe('authentication and users', () => {
  // https://developers.google.com/gmail/api/auth/about-auth ("every request ... must include an authorization token")
  // https://cloud.google.com/apis/design/errors#http_mapping (401 UNAUTHENTICATED)
  it('answers 401 in Google error shape without a bearer token', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/profile`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as {
      error: { code: number; status: string; errors: { reason: string }[] };
    };
    expect(body.error.code).toBe(401);
    expect(body.error.status).toBe('UNAUTHENTICATED');
    expect(body.error.errors[0]?.reason).toBe('required');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  // https://developers.google.com/identity/protocols/oauth2 ("Authorization: Bearer" header); an empty token is none
  it('answers 401 to an empty bearer token', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/profile`, {
      headers: { Authorization: 'Bearer ' },
    });
    expect(response.status).toBe(401);
  });

  // https://developers.google.com/gmail/api/guides/delegate_settings and DESIGN.md section 1 ("403 Delegation denied")
  it('answers 403 "Delegation denied" for another user', async () => {
    const failure = await apiError(client.users.getProfile({ userId: 'someone-else@example.com' }));
    expect(failure.status).toBe(403);
    expect(failure.body.error.message).toBe('Delegation denied for someone-else@example.com');
    expect(failure.body.error.status).toBe('PERMISSION_DENIED');
  });

  // https://cloud.google.com/apis/design/errors#error_model: {error: {code, message, errors, status}}
  it('answers 404 for an unknown message with code, message, errors[] and status', async () => {
    const failure = await apiError(client.users.messages.get({ userId: 'me', id: '0000000000000000' }));
    expect(failure.status).toBe(404);
    expect(failure.body.error).toEqual({
      code: 404,
      message: 'Requested entity was not found.',
      errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
      status: 'NOT_FOUND',
    });
  });

  // https://developers.google.com/gmail/api/guides/performance ("prettyPrint=false" trims the whitespace)
  it('pretty-prints by default and not with prettyPrint=false', async () => {
    const pretty = await (await fetch(`${url}/gmail/v1/users/me/profile`, { headers: AUTH })).text();
    const compact = await (
      await fetch(`${url}/gmail/v1/users/me/profile?prettyPrint=false`, { headers: AUTH })
    ).text();
    expect(pretty).toContain('\n  "emailAddress"');
    expect(compact.trim()).not.toContain('\n');
    expect(JSON.parse(compact)).toEqual(JSON.parse(pretty));
  });

  // https://developers.google.com/gmail/api/reference/rest: only the documented paths exist
  it('answers 404 to a path the API does not have', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/nothing-here`, { headers: AUTH });
    expect(response.status).toBe(404);
    const outside = await fetch(`${url}/definitely/not/google`, { headers: AUTH });
    expect(outside.status).toBe(404);
  });

  // https://cloud.google.com/apis/design/errors#http_mapping (400 for a request the server cannot read)
  it('answers 400, not 500, to a badly encoded path segment', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/messages/%E0%A4%A`, { headers: AUTH });
    expect(response.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/list is GET only
  it('answers 405 to a wrong method on a known path', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/profile`, { method: 'DELETE', headers: AUTH });
    expect(response.status).toBe(405);
  });
});
