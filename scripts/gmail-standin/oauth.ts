/**
 * The stand-in's OAuth 2.0 token endpoint (`POST /token`, the path of https://oauth2.googleapis.com/token),
 * for the Node worker's two grants:
 * - `grant_type=refresh_token` against a configured client and its refresh tokens
 *   (https://developers.google.com/identity/protocols/oauth2/web-server#offline);
 * - `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, the service account's RS256 JWT verified
 *   against its configured public key: iss, scope, aud, iat/exp (at most an hour) and `sub` = the mailbox
 *   (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
 * Answers `{access_token, expires_in, token_type: 'Bearer'}`, or Google's `{error, error_description}`.
 *
 * Configured with `POST /__standin/token-endpoint` (below). Until then, or with `requireIssuedTokens: false`,
 * the API routes take any bearer token as before; with it, only tokens this endpoint issued and that have
 * not expired (real time, as the client's clock) or been revoked.
 */
import { createPublicKey, createVerify, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const TOKEN_PATHS: readonly string[] = ['/token', '/o/oauth2/token'];
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Scopes that let a token read and change Gmail (https://developers.google.com/gmail/api/auth/scopes). */
const GMAIL_SCOPES = new Set([
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.readonly',
]);
/** Google allows a minute or so of clock skew on iat; an assertion lives at most an hour. */
const SKEW_S = 300;
const MAX_ASSERTION_S = 3600;

export const tokenEndpointConfigSchema = z.strictObject({
  clients: z
    .array(
      z.strictObject({
        clientId: z.string().min(1),
        /** Absent: a client without a secret (an installed app's PKCE client). */
        clientSecret: z.string().min(1).optional(),
        refreshTokens: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([]),
  serviceAccounts: z
    .array(z.strictObject({ clientEmail: z.email(), publicKeyPem: z.string().includes('PUBLIC KEY') }))
    .default([]),
  /** Lifetime of issued access tokens (Google: 3599). */
  expiresInSeconds: z.number().int().min(1).max(86_400).default(3599),
  /** Only issued, unexpired, unrevoked tokens are accepted by the API routes. */
  requireIssuedTokens: z.boolean().default(true),
  /** Forget every token issued so far (the next API call with one gets 401). */
  revokeIssued: z.boolean().default(false),
});
export type TokenEndpointConfig = z.input<typeof tokenEndpointConfigSchema>;

export interface TokenEndpointStats {
  refreshGrants: number;
  jwtGrants: number;
  refused: number;
  issuedActive: number;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function json(status: number, value: unknown): Answer {
  return {
    status,
    // Google sends both on token answers (RFC 6749 section 5.1).
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
    },
    body: `${JSON.stringify(value)}\n`,
  };
}

const refuse = (status: number, error: string, description: string) =>
  json(status, { error, error_description: description });

export class StandinTokenEndpoint {
  private config = tokenEndpointConfigSchema.parse({ requireIssuedTokens: false });
  private readonly issued = new Map<string, number>();
  private readonly stats = { refreshGrants: 0, jwtGrants: 0, refused: 0 };

  constructor(
    /** The mailbox a delegated `sub` must name. */
    private readonly mailboxAddress: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  configure(input: unknown): void {
    const next = tokenEndpointConfigSchema.parse(input);
    if (next.revokeIssued) this.issued.clear();
    this.config = next;
    // The counts describe this configuration's grants.
    Object.assign(this.stats, { refreshGrants: 0, jwtGrants: 0, refused: 0 });
  }

  statsNow(): TokenEndpointStats {
    const now = this.now();
    let issuedActive = 0;
    for (const expiresAt of this.issued.values()) if (expiresAt > now) issuedActive++;
    return { ...this.stats, issuedActive };
  }

  /** Whether the API routes take this bearer token. */
  accepts(token: string): boolean {
    if (!this.config.requireIssuedTokens) return true;
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  /** `POST /token`; `origin` is the stand-in's own origin, an accepted `aud` beside Google's URL. */
  grant(contentType: string, body: Buffer, origin: string): Answer {
    if (!/^application\/x-www-form-urlencoded/i.test(contentType)) {
      return this.refused(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body.toString('utf8'));
    const grantType = form.get('grant_type');
    if (grantType === 'refresh_token') return this.refreshGrant(form);
    if (grantType === JWT_BEARER) return this.jwtGrant(form, origin);
    if (!grantType) return this.refused(400, 'invalid_request', 'Missing required parameter: grant_type');
    return this.refused(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType.slice(0, 60)}`);
  }

  private refused(status: number, error: string, description: string): Answer {
    this.stats.refused += 1;
    return refuse(status, error, description);
  }

  private issue(): Answer {
    const token = `ya29.standin-${randomBytes(24).toString('base64url')}`;
    this.issued.set(token, this.now() + this.config.expiresInSeconds * 1000);
    return json(200, {
      access_token: token,
      expires_in: this.config.expiresInSeconds,
      token_type: 'Bearer',
    });
  }

  private refreshGrant(form: URLSearchParams): Answer {
    const clientId = form.get('client_id');
    const refreshToken = form.get('refresh_token');
    if (!clientId) return this.refused(400, 'invalid_request', 'Missing required parameter: client_id');
    if (!refreshToken)
      return this.refused(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const client = this.config.clients.find((c) => c.clientId === clientId);
    if (!client) return this.refused(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.clientSecret !== undefined && form.get('client_secret') !== client.clientSecret) {
      return this.refused(401, 'invalid_client', 'Unauthorized');
    }
    if (!client.refreshTokens.includes(refreshToken)) {
      return this.refused(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    this.stats.refreshGrants += 1;
    return this.issue();
  }

  private jwtGrant(form: URLSearchParams, origin: string): Answer {
    const assertion = form.get('assertion');
    if (!assertion) return this.refused(400, 'invalid_request', 'Missing required parameter: assertion');
    const [head, payload, signature, ...rest] = assertion.split('.');
    if (!head || !payload || !signature || rest.length > 0) {
      return this.refused(400, 'invalid_grant', 'Invalid JWT: the assertion is not a signed JWT.');
    }
    const header = decodeJson(head);
    const claims = decodeJson(payload);
    if (!header || !claims)
      return this.refused(400, 'invalid_grant', 'Invalid JWT: the assertion is not JSON.');
    if (header.alg !== 'RS256') return this.refused(400, 'invalid_grant', 'Invalid JWT: alg must be RS256.');
    const account = this.config.serviceAccounts.find((a) => a.clientEmail === claims.iss);
    if (typeof claims.iss !== 'string' || !account) {
      return this.refused(400, 'invalid_grant', 'Invalid grant: account not found');
    }
    const verified = createVerify('RSA-SHA256')
      .update(`${head}.${payload}`)
      .verify(createPublicKey(account.publicKeyPem), Buffer.from(signature, 'base64url'));
    if (!verified) return this.refused(400, 'invalid_grant', 'Invalid JWT Signature.');
    const audiences = new Set([GOOGLE_TOKEN_URL, ...TOKEN_PATHS.map((p) => `${origin}${p}`)]);
    if (typeof claims.aud !== 'string' || !audiences.has(claims.aud)) {
      return this.refused(400, 'invalid_grant', 'Invalid JWT: the audience is not this token endpoint.');
    }
    const nowS = Math.floor(this.now() / 1000);
    const { iat, exp } = claims;
    if (
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      iat > nowS + SKEW_S ||
      exp <= nowS ||
      exp - iat > MAX_ASSERTION_S
    ) {
      return this.refused(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
    if (scopes.length === 0 || !scopes.some((s) => GMAIL_SCOPES.has(s))) {
      // Google's answer when the admin has not delegated the scope to the service account's client.
      return this.refused(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    // Without `sub` the token would be the service account's own, which has no mailbox.
    if (typeof claims.sub !== 'string' || claims.sub.toLowerCase() !== this.mailboxAddress().toLowerCase()) {
      return this.refused(400, 'invalid_grant', 'Invalid email or User ID');
    }
    this.stats.jwtGrants += 1;
    return this.issue();
  }
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
