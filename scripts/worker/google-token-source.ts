/**
 * Access tokens for the Node worker from Google's OAuth 2.0 token endpoint, as a `TokenSource`
 * (src/gmail/api/token-source.ts): fetched when first needed, fetched again a minute before they expire
 * and after Gmail answers 401.
 *
 * Two grants:
 * - refresh token (an installed or web app's offline access):
 *   https://developers.google.com/identity/protocols/oauth2/web-server#offline
 * - service account with domain-wide delegation, a JWT signed with the account's key whose `sub` is the
 *   mailbox: https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 *
 * Why not google-auth-library: its JWT client (through gtoken) posts to a fixed
 * https://oauth2.googleapis.com/token and signs that as `aud`, so it cannot be pointed at the stand-in; and
 * its errors (GaxiosError) carry the request, the refresh token in the form body included. Both grants are
 * one form POST, so they are made here with fetch and node:crypto, and an error says only Google's
 * `error` and `error_description`.
 */
import { createSign } from 'node:crypto';
import { z } from 'zod';
import type { TokenSource } from '../../src/gmail/api/token-source';
import { GMAIL_MODIFY_SCOPE, type ServiceAccountKey, type WorkerConfig } from './config';

/** Tokens are renewed this long before they expire, so no call starts with a dying token. */
export const EXPIRY_MARGIN_MS = 60_000;
/** Google's upper bound for a JWT assertion's lifetime. */
const ASSERTION_LIFETIME_S = 3600;

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
});

const googleErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** The token endpoint said no, or could not be reached. Never carries a token or a secret. */
export class TokenGrantError extends Error {
  constructor(
    /** HTTP status; 0 when the endpoint could not be reached. */
    readonly status: number,
    /** Google's `error`, e.g. invalid_grant, invalid_client, unauthorized_client. */
    readonly code: string,
    description: string,
  ) {
    super(
      `Token endpoint answered ${status === 0 ? 'nothing' : status}: ${code}${description ? ` (${description})` : ''}`,
    );
    this.name = 'TokenGrantError';
  }

  /** A refused grant will be refused again until a person changes the set-up; a 5xx or network error may pass. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export interface GrantOptions {
  tokenUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface GrantedToken {
  accessToken: string;
  expiresAt: number;
}

/** One POST of a form to the token endpoint (both grants are `application/x-www-form-urlencoded`). */
async function postGrant(options: GrantOptions, form: Record<string, string>): Promise<GrantedToken> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  let response: Response;
  try {
    response = await fetchImpl(options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new TokenGrantError(0, 'network', error instanceof Error ? error.name : 'unreachable');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const google = googleErrorSchema.safeParse(json);
    throw google.success
      ? new TokenGrantError(
          response.status,
          google.data.error.slice(0, 60),
          (google.data.error_description ?? '').slice(0, 200),
        )
      : new TokenGrantError(response.status, 'http_error', 'the answer is not an OAuth error');
  }
  const answer = tokenAnswerSchema.safeParse(json);
  if (!answer.success)
    throw new TokenGrantError(response.status, 'bad_answer', 'no access_token in the answer');
  const lifetimeS = answer.data.expires_in ?? 3600;
  return { accessToken: answer.data.access_token, expiresAt: now() + lifetimeS * 1000 };
}

/** grant_type=refresh_token: the client's id (and secret, for a web or desktop client) and the refresh token. */
export function refreshTokenGrant(
  options: GrantOptions & { clientId: string; clientSecret?: string | undefined; refreshToken: string },
): () => Promise<GrantedToken> {
  return () =>
    postGrant(options, {
      grant_type: 'refresh_token',
      client_id: options.clientId,
      ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
      refresh_token: options.refreshToken,
    });
}

/**
 * The JWT bearer grant (RFC 7523) as Google documents it for service accounts: header {alg: RS256, typ: JWT},
 * claims iss = the account's email, scope, aud = the token endpoint, iat and exp (at most an hour later),
 * and sub = the mailbox to act as (domain-wide delegation).
 */
export function signServiceAccountAssertion(
  key: Pick<ServiceAccountKey, 'client_email' | 'private_key' | 'private_key_id'>,
  claims: { subject: string; scope: string; audience: string; nowMs: number },
): string {
  const iat = Math.floor(claims.nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const payload = {
    iss: key.client_email,
    sub: claims.subject,
    scope: claims.scope,
    aud: claims.audience,
    iat,
    exp: iat + ASSERTION_LIFETIME_S,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.private_key).toString('base64url');
  return `${signingInput}.${signature}`;
}

export function serviceAccountGrant(
  options: GrantOptions & { key: ServiceAccountKey; subject: string; scope?: string },
): () => Promise<GrantedToken> {
  const now = options.now ?? Date.now;
  return () =>
    postGrant(options, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signServiceAccountAssertion(options.key, {
        subject: options.subject,
        scope: options.scope ?? GMAIL_MODIFY_SCOPE,
        audience: options.tokenUrl,
        nowMs: now(),
      }),
    });
}

/**
 * A TokenSource over a grant: one token at a time, one grant in flight however many calls ask together,
 * renewed EXPIRY_MARGIN_MS before it expires or when the transport reports a 401 for it.
 */
export class GrantTokenSource implements TokenSource {
  private current: GrantedToken | undefined;
  private pending: Promise<GrantedToken> | undefined;
  /** How many tokens the endpoint granted, for the worker's summary and tests. */
  grants = 0;

  constructor(
    private readonly grant: () => Promise<GrantedToken>,
    private readonly now: () => number = Date.now,
    private readonly onToken?: (token: string) => void,
  ) {}

  async getToken(): Promise<string> {
    if (this.current && this.current.expiresAt - EXPIRY_MARGIN_MS > this.now())
      return this.current.accessToken;
    if (!this.pending) {
      this.pending = this.grant()
        .then((token) => {
          this.current = token;
          this.grants += 1;
          this.onToken?.(token.accessToken);
          return token;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return (await this.pending).accessToken;
  }

  async invalidate(token: string): Promise<void> {
    if (this.current?.accessToken === token) this.current = undefined;
  }
}

/** The token source a worker configuration asks for; `onToken` lets the logger learn each token to scrub. */
export function tokenSourceFor(
  config: WorkerConfig,
  options: { fetch?: typeof fetch; now?: () => number; onToken?: (token: string) => void } = {},
): GrantTokenSource {
  const grantOptions: GrantOptions = {
    tokenUrl: config.tokenUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const grant =
    config.auth.type === 'refresh-token'
      ? refreshTokenGrant({
          ...grantOptions,
          clientId: config.auth.clientId,
          clientSecret: config.auth.clientSecret,
          refreshToken: config.auth.refreshToken,
        })
      : serviceAccountGrant({ ...grantOptions, key: config.auth.key, subject: config.auth.subject });
  return new GrantTokenSource(grant, options.now, options.onToken);
}
