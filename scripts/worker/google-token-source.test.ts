/**
 * Both grants against the stand-in's token endpoint (scripts/gmail-standin/oauth.ts), which checks them as
 * Google documents; and the token source's renewal before expiry and after a 401.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { createTransport } from '../../src/gmail/api/transport';
import { QuotaBudget } from '../../src/sync/quota-budget';
import { type RunningStandin, startStandin } from '../gmail-standin/index';
import type { StandinServer } from '../gmail-standin/server';
import {
  EXPIRY_MARGIN_MS,
  GrantTokenSource,
  refreshTokenGrant,
  serviceAccountGrant,
  signServiceAccountAssertion,
  TokenGrantError,
} from './google-token-source';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = {
  client_email: 'labeldesk@project.iam.gserviceaccount.com',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
});

let env: RunningStandin & { standin: StandinServer };
let tokenUrl: string;

beforeAll(async () => {
  env = await startStandin({ port: 0, seed: 'empty' });
  tokenUrl = `${env.url}/token`;
  env.standin.tokenEndpoint.configure({
    clients: [{ clientId: 'web.apps', clientSecret: 'client-secret', refreshTokens: ['1//refresh'] }],
    serviceAccounts: [
      {
        clientEmail: key.client_email,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    ],
  });
});
afterAll(() => env.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as TokenGrantError,
  );

describe('refresh-token grant', () => {
  it('gets a bearer token the API takes, and the API refuses any other token', async () => {
    const token = await refreshTokenGrant({
      tokenUrl,
      clientId: 'web.apps',
      clientSecret: 'client-secret',
      refreshToken: '1//refresh',
    })();
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
    const profile = (token: string) =>
      fetch(`${env.url}/gmail/v1/users/me/profile`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await profile(token.accessToken)).status).toBe(200);
    const refused = await profile('made-up-token');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it.each([
    [{ clientId: 'other', clientSecret: 'client-secret', refreshToken: '1//refresh' }, 401, 'invalid_client'],
    [{ clientId: 'web.apps', clientSecret: 'wrong', refreshToken: '1//refresh' }, 401, 'invalid_client'],
    [
      { clientId: 'web.apps', clientSecret: 'client-secret', refreshToken: '1//revoked' },
      400,
      'invalid_grant',
    ],
  ])('answers Google’s error for %j', async (grant, status, code) => {
    const error = await refusal(refreshTokenGrant({ tokenUrl, ...grant })());
    expect(error).toBeInstanceOf(TokenGrantError);
    expect(error).toMatchObject({ status, code, permanent: true });
    expect(error?.message).not.toContain('1//re');
    expect(error?.message).not.toContain('secret');
  });

  it('refuses a JSON body: the token endpoint takes forms only', async () => {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('service account with domain-wide delegation', () => {
  const grant = (overrides: Partial<Parameters<typeof serviceAccountGrant>[0]> = {}) =>
    serviceAccountGrant({ tokenUrl, key, subject: env.emailAddress, ...overrides })();

  it('signs a JWT whose sub is the mailbox and gets a token the API takes', async () => {
    const token = await grant();
    const response = await fetch(`${env.url}/gmail/v1/users/me/profile`, {
      headers: { Authorization: `Bearer ${token.accessToken}` },
    });
    expect(await response.json()).toMatchObject({ emailAddress: env.emailAddress });
  });

  it('names the claims Google documents', () => {
    const jwt = signServiceAccountAssertion(key, {
      subject: 'a@b.co',
      scope: 's',
      audience: tokenUrl,
      nowMs: 1_700_000_000_000,
    });
    const [head, payload] = jwt
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(head).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toEqual({
      iss: key.client_email,
      sub: 'a@b.co',
      scope: 's',
      aud: tokenUrl,
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
  });

  it('refuses an assertion made for another audience', async () => {
    const assertion = signServiceAccountAssertion(key, {
      subject: env.emailAddress,
      scope: 'https://www.googleapis.com/auth/gmail.modify',
      audience: 'https://elsewhere.example/token',
      nowMs: Date.now(),
    });
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it.each([
    ['another key', { key: { ...key, private_key: other } }, 'invalid_grant', 'Signature'],
    ['another mailbox', { subject: 'someone@else.example' }, 'invalid_grant', 'User ID'],
    [
      'an unknown account',
      { key: { ...key, client_email: 'x@p.iam.gserviceaccount.com' } },
      'invalid_grant',
      'account not found',
    ],
    [
      'a scope not delegated',
      { scope: 'https://www.googleapis.com/auth/drive' },
      'unauthorized_client',
      'scopes',
    ],
    [
      'an assertion from two hours ago',
      { now: () => Date.now() - 7_200_000 },
      'invalid_grant',
      'iat and exp',
    ],
  ] as const)('refuses %s', async (_, overrides, code, text) => {
    const result = await refusal(grant(overrides as Partial<Parameters<typeof serviceAccountGrant>[0]>));
    expect(result).toMatchObject({ code });
    expect((result as TokenGrantError).message).toContain(text);
  });
});

describe('GrantTokenSource', () => {
  it('asks once for many callers, renews a minute before expiry and after a 401', async () => {
    let now = 1_000_000;
    let granted = 0;
    const source = new GrantTokenSource(
      async () => {
        granted += 1;
        return { accessToken: `token-${granted}`, expiresAt: now + 3_600_000 };
      },
      () => now,
    );
    expect(await Promise.all([source.getToken(), source.getToken()])).toEqual(['token-1', 'token-1']);
    now += 3_600_000 - EXPIRY_MARGIN_MS - 1;
    expect(await source.getToken()).toBe('token-1');
    now += 2;
    expect(await source.getToken()).toBe('token-2');
    await source.invalidate('token-1'); // an old token's 401 does not drop the new one
    expect(await source.getToken()).toBe('token-2');
    await source.invalidate('token-2');
    expect(await source.getToken()).toBe('token-3');
  });

  it('gets a new token when the API stops taking the old one (401), and the call succeeds', async () => {
    const source = new GrantTokenSource(
      refreshTokenGrant({
        tokenUrl,
        clientId: 'web.apps',
        clientSecret: 'client-secret',
        refreshToken: '1//refresh',
      }),
    );
    const calls = createSyncCalls(
      createTransport({ tokenSource: source, baseUrl: env.url, budget: new QuotaBudget(Date.now) }),
    );
    await calls.getProfile();
    env.standin.tokenEndpoint.configure({
      clients: [{ clientId: 'web.apps', clientSecret: 'client-secret', refreshTokens: ['1//refresh'] }],
      revokeIssued: true,
    });
    expect(await calls.getProfile()).toMatchObject({ emailAddress: env.emailAddress });
    expect(source.grants).toBe(2);
  });
});
