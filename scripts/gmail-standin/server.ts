/**
 * The stand-in's one request handler, served on the HTTP and the HTTPS port alike: the Gmail API, its
 * batch endpoint, the OAuth authorize stand-in, the Gmail-like page and the `/__standin/` controls.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { matchRoute, pathKnown } from './api';
import type { PageMailbox } from './contracts';
import { ApiError } from './errors';
import { applyFieldMask, parseFieldMask } from './fields';
import { MAX_USER_LABELS, type Mailbox } from './mailbox';
import { boundaryOf, splitMultipart } from './multipart';
import { StandinTokenEndpoint, TOKEN_PATHS } from './oauth';
import { handlePageRequest } from './page/handler';
import { pageMailboxOf } from './page-mailbox';
import { countRequest, emptyStats, QUOTA_UNITS, QuotaMeter, type StandinStats } from './quota';

export interface ApiCall {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A fault asked for the connection to be dropped instead of answered. */
  drop?: boolean;
}

const faultSchema = z.object({
  errorRate: z.number().min(0).max(1).optional(),
  statuses: z.array(z.number().int().min(400).max(599)).optional(),
  latencyMs: z.number().min(0).max(60_000).optional(),
  dropRate: z.number().min(0).max(1).optional(),
});
type Fault = z.infer<typeof faultSchema>;

/** `POST /__standin/faults`: per method id (or `*`) a fault; `expireHistory: true` forgets history now. */
const faultsSchema = z.record(z.string(), z.union([faultSchema, z.boolean()]));

const clockSchema = z.union([
  z.object({ set: z.iso.datetime({ offset: true }) }),
  z.object({ advanceMs: z.number() }),
]);

/**
 * The redirect URIs an extension's OAuth client registers, as Google accepts a registered one
 * (https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow#authorization-errors-redirect-uri-mismatch):
 * Chromium's `https://<extension id>.chromiumapp.org/`
 * (https://developer.chrome.com/docs/extensions/reference/api/identity#method-getRedirectURL) and Firefox's
 * `https://<sha1 of the add-on id>.extensions.allizom.org/`
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/identity/getRedirectURL), any path, no
 * fragment. The stand-in plays a client that registered every extension's address.
 */
const EXTENSION_REDIRECT_URI =
  /^https:\/\/(?:[a-p]{32}\.chromiumapp\.org|[0-9a-f]{40}\.extensions\.allizom\.org)\/[^#]*$/;
const oauthModeSchema = z.object({ mode: z.enum(['auto', 'consent', 'deny']) });

const MAX_BATCH_PARTS = 100;
const MAX_BODY_BYTES = 40 * 1024 * 1024;

const HTTP_REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const FAULT_MESSAGES: Record<number, [string, string]> = {
  429: ['Too many requests', 'rateLimitExceeded'],
  403: ['User-rate limit exceeded.', 'userRateLimitExceeded'],
  500: ['Backend Error', 'backendError'],
  502: ['Bad Gateway', 'backendError'],
  503: ['The service is currently unavailable.', 'backendError'],
};

function jsonResult(status: number, value: unknown, pretty: boolean): ApiResult {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    body: `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`,
  };
}

function errorResult(error: ApiError, pretty = true): ApiResult {
  const result = jsonResult(error.code, error.toBody(), pretty);
  if (error.code === 401) result.headers['WWW-Authenticate'] = 'Bearer realm="https://accounts.google.com/"';
  return result;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'Request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class StandinServer {
  mailbox: Mailbox;
  stats: StandinStats = emptyStats();
  readonly quota: QuotaMeter;
  readonly pageMailbox: PageMailbox;
  private faults = new Map<string, Fault>();
  private oauthMode: 'auto' | 'consent' | 'deny' = 'auto';
  /** `POST /token` for the Node worker's grants (oauth.ts); configured through `/__standin/token-endpoint`. */
  readonly tokenEndpoint = new StandinTokenEndpoint(() => this.mailbox.emailAddress);

  constructor(
    private readonly loadMailbox: () => Mailbox,
    options: { unitsPerMinute?: number; maxConcurrentPerUser?: number } = {},
  ) {
    this.mailbox = loadMailbox();
    this.quota = new QuotaMeter(options.unitsPerMinute, options.maxConcurrentPerUser);
    this.pageMailbox = pageMailboxOf(() => this.mailbox);
  }

  /** The Node `request` listener for both ports. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.handle(req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'Internal error');
      if (!(error instanceof ApiError)) console.error('gmail-standin:', error);
      if (!res.headersSent) this.send(req, res, errorResult(apiError));
      else res.end();
    });
  };

  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'Content-Type, Content-Length, Date, Server, Vary',
      Vary: 'Origin, X-Origin, Referer',
    };
  }

  private send(req: IncomingMessage, res: ServerResponse, result: ApiResult): void {
    res.writeHead(result.status, { ...this.corsHeaders(req), ...result.headers });
    res.end(result.status === 204 ? undefined : result.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin.local');
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'OPTIONS') {
      // CORS preflight, as Google's API front end answers it for the extension's service worker.
      res.writeHead(200, {
        ...this.corsHeaders(req),
        'Access-Control-Allow-Methods': 'DELETE, GET, HEAD, PATCH, POST, PUT',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'Access-Control-Max-Age': '3600',
        'Content-Length': '0',
      });
      res.end();
      return;
    }

    if (url.pathname.startsWith('/__standin/')) return this.handleControl(req, res, url, method);
    if (url.pathname === '/o/oauth2/v2/auth' || url.pathname === '/o/oauth2/auth') {
      return this.handleAuthorize(req, res, url, method);
    }
    if (method === 'POST' && TOKEN_PATHS.includes(url.pathname)) {
      const origin = `${'encrypted' in req.socket ? 'https' : 'http'}://${req.headers.host ?? 'standin.local'}`;
      this.send(
        req,
        res,
        this.tokenEndpoint.grant(req.headers['content-type'] ?? '', await readBody(req), origin),
      );
      return;
    }
    if (url.pathname.startsWith('/mail/')) {
      if (await handlePageRequest(req, res, url, this.pageMailbox)) return;
      this.send(req, res, notFoundPage());
      return;
    }
    if (method === 'POST' && (url.pathname === '/batch/gmail/v1' || url.pathname === '/batch')) {
      const body = await readBody(req);
      this.send(req, res, await this.handleBatch(req, body));
      return;
    }
    if (url.pathname.startsWith('/gmail/v1/') || url.pathname.startsWith('/upload/gmail/v1/')) {
      const body = await readBody(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
      );
      const result = await this.callApi({ method, url, headers, body });
      if (result.drop) {
        req.socket.destroy();
        return;
      }
      this.send(req, res, result);
      return;
    }
    this.send(req, res, notFoundPage());
  }

  private userFor(userId: string): string | undefined {
    if (userId === 'me' || userId.toLowerCase() === this.mailbox.emailAddress.toLowerCase()) {
      return this.mailbox.emailAddress.toLowerCase();
    }
    return undefined;
  }

  private faultFor(methodId: string): Fault | undefined {
    return this.faults.get(methodId) ?? this.faults.get('*');
  }

  /** One API call, from an HTTP request or from a part of a batch; every call is counted and charged. */
  async callApi(call: ApiCall): Promise<ApiResult> {
    const pretty = call.url.searchParams.get('prettyPrint') !== 'false';
    let matched: ReturnType<typeof matchRoute>;
    try {
      matched = matchRoute(call.method, call.url.pathname);
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error, pretty);
      throw error;
    }
    if (!matched) {
      const error = pathKnown(call.url.pathname)
        ? new ApiError(405, 'Method Not Allowed', 'httpMethodNotAllowed')
        : new ApiError(404, 'Not Found', 'notFound');
      countRequest(this.stats, undefined, error.code, 0);
      return errorResult(error, pretty);
    }
    const { route, params } = matched;
    const finish = (result: ApiResult, units: number) => {
      countRequest(this.stats, route.methodId, result.drop ? 0 : result.status, units);
      return result;
    };

    // https://developers.google.com/gmail/api/auth/about-auth: every call needs an OAuth bearer token.
    if (!/^Bearer\s+\S+/i.test(call.headers.authorization ?? '')) {
      return finish(
        errorResult(
          new ApiError(
            401,
            'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
            'required',
            'global',
            { location: 'Authorization', locationType: 'header', errorMessage: 'Login Required.' },
          ),
          pretty,
        ),
        0,
      );
    }
    const bearer = /^Bearer\s+(\S+)/i.exec(call.headers.authorization ?? '')?.[1] ?? '';
    if (!this.tokenEndpoint.accepts(bearer)) {
      return finish(
        errorResult(
          new ApiError(
            401,
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
            'authError',
            'global',
            { location: 'Authorization', locationType: 'header' },
          ),
          pretty,
        ),
        0,
      );
    }
    const userId = params[0] ?? '';
    const user = this.userFor(userId);
    if (!user) {
      return finish(
        errorResult(new ApiError(403, `Delegation denied for ${userId}`, 'forbidden'), pretty),
        0,
      );
    }

    if (!this.quota.enter(user)) {
      return finish(
        errorResult(
          // Gmail's answer, e.g. googleapis/google-api-dotnet-client#1982.
          new ApiError(429, 'Too many concurrent requests for user', 'rateLimitExceeded'),
          pretty,
        ),
        0,
      );
    }
    try {
      const fault = this.faultFor(route.methodId);
      if (fault?.latencyMs) await sleep(fault.latencyMs);
      if (fault?.dropRate && Math.random() < fault.dropRate)
        return finish({ status: 0, headers: {}, body: '', drop: true }, 0);
      const units = QUOTA_UNITS[route.methodId] ?? 1;
      if (!this.quota.charge(user, units)) {
        return finish(
          errorResult(
            // Google's per-user quota answer (https://developers.google.com/gmail/api/reference/quota).
            new ApiError(
              429,
              "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'gmail.googleapis.com' for consumer 'project_number:000000000000'.",
              'rateLimitExceeded',
              'usageLimits',
            ),
            pretty,
          ),
          0,
        );
      }
      if (fault?.errorRate && Math.random() < fault.errorRate) {
        const statuses = fault.statuses?.length ? fault.statuses : [503];
        const status = statuses[Math.floor(Math.random() * statuses.length)] ?? 503;
        const [message, reason] = FAULT_MESSAGES[status] ?? ['Injected fault', 'backendError'];
        const domain = status === 429 || status === 403 ? 'usageLimits' : 'global';
        return finish(errorResult(new ApiError(status, message, reason, domain), pretty), units);
      }
      try {
        const fieldsSpec = call.url.searchParams.get('fields');
        const mask = fieldsSpec ? parseFieldMask(fieldsSpec) : undefined;
        const value = await route.handle({
          mailbox: this.mailbox,
          params,
          query: call.url.searchParams,
          body: call.body,
          contentType: call.headers['content-type'] ?? '',
          isUpload: call.url.pathname.startsWith('/upload/'),
        });
        if (value === undefined) return finish({ status: 204, headers: {}, body: '' }, units);
        return finish(jsonResult(200, mask ? applyFieldMask(value, mask) : value, pretty), units);
      } catch (error) {
        if (error instanceof ApiError) return finish(errorResult(error, pretty), units);
        throw error;
      }
    } finally {
      this.quota.leave(user);
    }
  }

  /**
   * `POST /batch/gmail/v1`: https://developers.google.com/gmail/api/guides/batch
   * multipart/mixed of `application/http` parts, at most 100; each answered in order with its status,
   * `Content-ID: <response-…>`; each part is charged as its own call.
   */
  async handleBatch(req: IncomingMessage, body: Buffer): Promise<ApiResult> {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/mixed/i.test(contentType) || !boundaryOf(contentType)) {
      return errorResult(
        new ApiError(400, 'Batch requests must be multipart/mixed with a boundary.', 'badRequest'),
      );
    }
    const parts = await splitMultipart(contentType, body);
    if (parts.length > MAX_BATCH_PARTS) {
      return errorResult(
        new ApiError(
          400,
          `A batch request cannot contain more than ${MAX_BATCH_PARTS} requests.`,
          'badRequest',
        ),
      );
    }
    const outerAuth = req.headers.authorization;
    const boundary = `batch_${randomBytes(12).toString('base64url')}`;
    const chunks: string[] = [];
    for (const part of parts) {
      const contentId = part.headers.find((h) => h.name.toLowerCase() === 'content-id')?.value;
      const inner = parseInnerRequest(part.body);
      let result: ApiResult;
      if (!inner) {
        result = errorResult(
          new ApiError(400, 'Invalid batch part: expected an HTTP request.', 'badRequest'),
        );
      } else if (!URL.canParse(inner.target, 'http://standin.local')) {
        result = errorResult(new ApiError(400, 'Invalid batch part: bad request target.', 'badRequest'));
      } else {
        const url = new URL(inner.target, 'http://standin.local');
        result = await this.callApi({
          method: inner.method,
          url,
          headers: { authorization: outerAuth, ...inner.headers },
          body: inner.body,
        });
        if (result.drop)
          result = errorResult(new ApiError(503, 'The service is currently unavailable.', 'backendError'));
      }
      const responseId = contentId
        ? contentId.startsWith('<')
          ? `<response-${contentId.slice(1)}`
          : `response-${contentId}`
        : undefined;
      const innerHead = [
        `HTTP/1.1 ${result.status} ${HTTP_REASONS[result.status] ?? ''}`.trimEnd(),
        ...Object.entries(result.headers).map(([k, v]) => `${k}: ${v}`),
      ].join('\r\n');
      chunks.push(
        `--${boundary}\r\nContent-Type: application/http\r\n${responseId ? `Content-ID: ${responseId}\r\n` : ''}\r\n` +
          `${innerHead}\r\n\r\n${result.status === 204 ? '' : result.body}\r\n`,
      );
    }
    chunks.push(`--${boundary}--\r\n`);
    return {
      status: 200,
      headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
      body: chunks.join(''),
    };
  }

  // ---- OAuth authorize stand-in ----

  private async handleAuthorize(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
  ): Promise<void> {
    const params = url.searchParams;
    if (method === 'POST') {
      // The consent page's buttons post back here.
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      for (const [k, v] of form) params.set(k, v);
    }
    const redirectUri = params.get('redirect_uri') ?? '';
    const problem = !params.get('client_id')
      ? 'invalid_client: The OAuth client was not found.'
      : !EXTENSION_REDIRECT_URI.test(redirectUri)
        ? 'redirect_uri_mismatch: The redirect URI is not allowed for this client.'
        : params.get('response_type') !== 'token'
          ? 'unsupported_response_type: Only response_type=token is served here.'
          : undefined;
    if (problem) {
      res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Error 400</title><h1>Access blocked: authorization error</h1><p>Error 400: ${escapeHtml(problem)}</p>`,
      );
      return;
    }
    const state = params.get('state');
    const fragment = (entries: Record<string, string>) =>
      `${redirectUri}#${new URLSearchParams({ ...entries, ...(state !== null ? { state } : {}) }).toString()}`;
    const granted = () =>
      fragment({
        access_token: `ya29.standin-${randomBytes(24).toString('base64url')}`,
        token_type: 'Bearer',
        expires_in: '3599',
        scope: params.get('scope') ?? '',
      });
    const decision = params.get('decision');
    if (decision === 'deny' || (this.oauthMode === 'deny' && !decision)) {
      res.writeHead(302, { Location: fragment({ error: 'access_denied' }) });
      res.end();
      return;
    }
    if (this.oauthMode === 'consent' && decision !== 'allow') {
      const hidden = [...params]
        .filter(([k]) => k !== 'decision')
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
        .join('');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Sign in - Google Accounts</title><form method="post" action="/o/oauth2/v2/auth">${hidden}` +
          `<p>${escapeHtml(params.get('login_hint') ?? 'This account')} is asked for ${escapeHtml(params.get('scope') ?? '')}</p>` +
          '<button name="decision" value="deny" id="deny">Cancel</button><button name="decision" value="allow" id="allow">Allow</button></form>',
      );
      return;
    }
    res.writeHead(302, { Location: granted() });
    res.end();
  }

  // ---- control ----

  private async handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
  ): Promise<void> {
    const reply = (status: number, value: unknown) => this.send(req, res, jsonResult(status, value, false));
    const body = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const json = (): unknown => {
      const text = body.toString('utf8').trim();
      return text ? JSON.parse(text) : {};
    };
    const route = `${method} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /__standin/stats':
          return reply(200, this.stats);
        case 'POST /__standin/reset':
          this.mailbox = this.loadMailbox();
          this.stats = emptyStats();
          this.quota.reset();
          this.faults.clear();
          this.oauthMode = 'auto';
          return reply(200, { ok: true, historyId: this.mailbox.historyId().toString() });
        case 'POST /__standin/faults': {
          const spec = faultsSchema.parse(json());
          this.faults.clear();
          for (const [key, value] of Object.entries(spec)) {
            if (key === 'expireHistory') {
              if (value === true) this.mailbox.expireHistory();
            } else if (typeof value === 'object') {
              this.faults.set(key, value);
            }
          }
          return reply(200, { ok: true, faults: Object.fromEntries(this.faults) });
        }
        case 'POST /__standin/label-limit': {
          // The user-label limit for this mailbox until the next reset (Gmail's is 10,000; see mailbox.ts).
          const { max } = z.object({ max: z.number().int().min(0).max(MAX_USER_LABELS) }).parse(json());
          this.mailbox.labelLimit = max;
          return reply(200, { max });
        }
        case 'GET /__standin/clock':
          return reply(200, { now: new Date(this.mailbox.clock.now()).toISOString() });
        case 'POST /__standin/clock': {
          const change = clockSchema.parse(json());
          if ('set' in change) this.mailbox.clock.set(new Date(change.set));
          else this.mailbox.clock.advance(change.advanceMs);
          return reply(200, { now: new Date(this.mailbox.clock.now()).toISOString() });
        }
        case 'GET /__standin/token-endpoint':
          return reply(200, this.tokenEndpoint.statsNow());
        case 'POST /__standin/token-endpoint':
          this.tokenEndpoint.configure(json());
          return reply(200, this.tokenEndpoint.statsNow());
        case 'POST /__standin/oauth':
          this.oauthMode = oauthModeSchema.parse(json()).mode;
          return reply(200, { mode: this.oauthMode });
        default:
          return reply(404, { error: 'unknown control endpoint' });
      }
    } catch (error) {
      if (error instanceof z.ZodError || error instanceof SyntaxError)
        return reply(400, { error: String(error) });
      throw error;
    }
  }
}

function notFoundPage(): ApiResult {
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
    body: '<!DOCTYPE html><title>Error 404 (Not Found)</title><p><b>404.</b> That’s an error.</p>',
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTTP request inside a batch part: request line, headers, blank line, body. */
function parseInnerRequest(
  bytes: Buffer,
): { method: string; target: string; headers: Record<string, string>; body: Buffer } | undefined {
  const text = bytes.toString('utf8');
  const headEnd = text.search(/\r?\n\r?\n/);
  const head = headEnd >= 0 ? text.slice(0, headEnd) : text;
  const rest = headEnd >= 0 ? text.slice(headEnd).replace(/^\r?\n\r?\n/, '') : '';
  const [requestLine = '', ...headerLines] = head.split(/\r?\n/);
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(requestLine.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    method: match[1],
    target: match[2],
    headers,
    body: Buffer.from(rest.replace(/\r?\n$/, ''), 'utf8'),
  };
}
