/**
 * The transport under every Gmail call that sync makes: one place that spends quota, backs off, refreshes
 * the token, validates answers with zod and batches.
 *
 * - Every call reserves its documented quota units first (DESIGN.md section 3), so a client never
 *   outruns its share of the mailbox's 250 units a second.
 * - 429 and 403 rate reasons halve the share and wait (Retry-After as a floor); 5xx and dropped
 *   connections retry with exponential backoff and full jitter; 401 drops the token and retries once.
 * - Batches follow https://developers.google.com/gmail/api/guides/batch: multipart/mixed, one
 *   `application/http` part per call, answers matched by Content-ID, each part's status its own.
 */
import type { z } from 'zod';
import { classifyFailure, type FailureKind, parseRetryAfter, retryDelayMs } from '../../sync/backoff';
import type { QuotaBudget } from '../../sync/quota-budget';
import { GmailApiError, GmailResponseError, parseGoogleError } from './errors';
import type { TokenSource } from './token-source';

export interface TransportOptions {
  tokenSource: TokenSource;
  baseUrl: string;
  budget: QuotaBudget;
  fetch?: typeof fetch;
  userId?: string;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Tries per call, the first included, before the error reaches the caller. */
  maxAttempts?: number;
}

export interface GmailCall<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below `/gmail/v1/users/{userId}`, e.g. `/threads/abc/modify`. */
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  schema: S;
  /** Gmail's quota units for this method. */
  units: number;
}

export type BatchResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: GmailApiError | GmailResponseError };

/** Google's batch endpoint takes up to 100 calls; issue 3 asks for at most 20 so a failed batch costs little. */
export const MAX_BATCH_SIZE = 20;

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`Could not reach Gmail: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'NetworkError';
  }
}

export interface Transport {
  call<S extends z.ZodType>(call: GmailCall<S>): Promise<z.output<S>>;
  /** Sends up to MAX_BATCH_SIZE calls as one HTTP request; parts that hit a rate limit are retried. */
  batch<S extends z.ZodType>(calls: readonly GmailCall<S>[]): Promise<BatchResult<z.output<S>>[]>;
  readonly stats: { requests: number; units: number; rateLimited: number; retries: number };
}

export function createTransport(options: TransportOptions): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? 6;
  const userPath = `/gmail/v1/users/${encodeURIComponent(options.userId ?? 'me')}`;
  const stats = { requests: 0, units: 0, rateLimited: 0, retries: 0 };

  function urlOf(call: GmailCall<z.ZodType>): URL {
    const url = new URL(`${userPath}${call.path}`, options.baseUrl);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
      else url.searchParams.set(name, String(value));
    }
    return url;
  }

  async function spend(units: number): Promise<void> {
    const wait = options.budget.reserve(units);
    if (wait > 0) await sleep(wait);
    stats.units += units;
  }

  /** Sends once with the current token; a 401 gets one fresh token. Network failures become NetworkError. */
  async function send(url: URL, init: RequestInit): Promise<Response> {
    for (let auth = 0; ; auth++) {
      const token = await options.tokenSource.getToken();
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${token}`);
      headers.set('Accept', 'application/json');
      stats.requests += 1;
      let response: Response;
      try {
        response = await fetchImpl(url, { ...init, headers });
      } catch (error) {
        throw new NetworkError(error);
      }
      if (response.status !== 401 || auth > 0) return response;
      await response.body?.cancel();
      await options.tokenSource.invalidate(token);
    }
  }

  /** Runs `attempt` until it succeeds, backing off on what Google says may be retried. */
  async function withRetries<T>(units: number, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      await spend(units);
      try {
        return await attempt();
      } catch (error) {
        const failure = failureOf(error);
        if (failure === 'permanent' || failure === 'auth' || tries + 1 >= maxAttempts) throw error;
        const retryAfter = error instanceof RetryableResponse ? error.retryAfterMs : undefined;
        const delay = retryDelayMs(tries, random, retryAfter);
        stats.retries += 1;
        if (failure === 'rate-limited') {
          stats.rateLimited += 1;
          options.budget.onRateLimited(delay);
        } else {
          await sleep(delay);
        }
      }
    }
  }

  async function parseAnswer<S extends z.ZodType>(
    call: GmailCall<S>,
    status: number,
    headers: Headers | undefined,
    text: string,
  ): Promise<z.output<S>> {
    if (status < 200 || status >= 300) {
      const error = parseGoogleError(status, text);
      throw Object.assign(new RetryableResponse(error), {
        retryAfterMs: parseRetryAfter(headers?.get('Retry-After'), now()),
      });
    }
    let json: unknown = {};
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        throw new GmailResponseError(call.path, 'the answer is not JSON');
      }
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GmailResponseError(
        call.path,
        `${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
      );
    }
    options.budget.onSuccess(call.units);
    return parsed.data;
  }

  async function call<S extends z.ZodType>(request: GmailCall<S>): Promise<z.output<S>> {
    try {
      return await withRetries(request.units, async () => {
        const init: RequestInit = { method: request.method };
        if (request.body !== undefined) {
          init.body = JSON.stringify(request.body);
          init.headers = { 'Content-Type': 'application/json' };
        }
        const response = await send(urlOf(request), init);
        return parseAnswer(request, response.status, response.headers, await response.text());
      });
    } catch (error) {
      throw error instanceof RetryableResponse ? error.cause : error;
    }
  }

  async function batch<S extends z.ZodType>(
    calls: readonly GmailCall<S>[],
  ): Promise<BatchResult<z.output<S>>[]> {
    if (calls.length > MAX_BATCH_SIZE) throw new RangeError(`At most ${MAX_BATCH_SIZE} calls a batch`);
    const results: (BatchResult<z.output<S>> | undefined)[] = calls.map(() => undefined);
    let pending = calls.map((_, i) => i);
    for (let tries = 0; pending.length > 0; tries++) {
      const units = pending.reduce((sum, i) => sum + (calls[i]?.units ?? 0), 0);
      await spend(units);
      const boundary = `batch_labeldesk_${Math.floor(random() * 1e12).toString(36)}`;
      const body =
        pending.map((i) => batchPart(boundary, i, calls[i] as GmailCall<S>, urlOf)).join('') +
        `--${boundary}--\r\n`;
      let parts: Map<number, { status: number; headers: Headers; body: string }>;
      try {
        const response = await send(new URL('/batch/gmail/v1', options.baseUrl), {
          method: 'POST',
          headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
          body,
        });
        const text = await response.text();
        if (!response.ok) {
          throw Object.assign(new RetryableResponse(parseGoogleError(response.status, text)), {
            retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), now()),
          });
        }
        parts = parseBatchResponse(response.headers.get('Content-Type') ?? '', text);
      } catch (error) {
        // The whole batch failed: retry it as a unit, unless retrying cannot help.
        const failure = failureOf(error);
        if (failure === 'permanent' || failure === 'auth' || tries + 1 >= maxAttempts) {
          throw error instanceof RetryableResponse ? error.cause : error;
        }
        stats.retries += 1;
        const delay = retryDelayMs(
          tries,
          random,
          error instanceof RetryableResponse ? error.retryAfterMs : undefined,
        );
        if (failure === 'rate-limited') options.budget.onRateLimited(delay);
        else await sleep(delay);
        continue;
      }
      const retry: number[] = [];
      let rateLimited = false;
      for (const i of pending) {
        const part = parts.get(i);
        const request = calls[i] as GmailCall<S>;
        if (!part) {
          results[i] = {
            ok: false,
            error: new GmailResponseError(request.path, 'missing from the batch answer'),
          };
          continue;
        }
        try {
          results[i] = { ok: true, value: await parseAnswer(request, part.status, part.headers, part.body) };
        } catch (error) {
          const cause = error instanceof RetryableResponse ? error.cause : error;
          const failure = failureOf(error);
          if ((failure === 'rate-limited' || failure === 'transient') && tries + 1 < maxAttempts) {
            retry.push(i);
            if (failure === 'rate-limited') rateLimited = true;
          } else {
            results[i] = { ok: false, error: cause as GmailApiError | GmailResponseError };
          }
        }
      }
      if (retry.length > 0) {
        stats.retries += retry.length;
        const delay = retryDelayMs(tries, random);
        if (rateLimited) {
          stats.rateLimited += 1;
          options.budget.onRateLimited(delay);
        } else {
          await sleep(delay);
        }
      }
      pending = retry;
    }
    return results.map(
      (r, i) => r ?? { ok: false, error: new GmailResponseError(calls[i]?.path ?? '', 'no answer') },
    );
  }

  return { call, batch, stats };
}

function failureOf(error: unknown): FailureKind {
  if (error instanceof NetworkError) return classifyFailure('network');
  const api = error instanceof RetryableResponse ? error.cause : error;
  if (api instanceof GmailApiError) return classifyFailure(api.status, api.reason ? [api.reason] : []);
  return 'permanent';
}

/** Carries a Google error through the retry loop together with the server's Retry-After. */
class RetryableResponse extends Error {
  retryAfterMs: number | undefined;
  override readonly cause: GmailApiError;
  constructor(cause: GmailApiError) {
    super(cause.message);
    this.cause = cause;
    this.retryAfterMs = undefined;
  }
  get status(): number {
    return this.cause.status;
  }
}

function batchPart(
  boundary: string,
  index: number,
  call: GmailCall<z.ZodType>,
  urlOf: (c: GmailCall<z.ZodType>) => URL,
): string {
  const url = urlOf(call);
  const lines = [
    `--${boundary}`,
    'Content-Type: application/http',
    `Content-ID: <item${index}>`,
    '',
    `${call.method} ${url.pathname}${url.search}`,
  ];
  if (call.body !== undefined) {
    const json = JSON.stringify(call.body);
    lines.push('Content-Type: application/json; charset=UTF-8', '', json);
  } else {
    lines.push('');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Splits a multipart/mixed batch answer into the HTTP answers it carries, keyed by our part index. */
export function parseBatchResponse(
  contentType: string,
  body: string,
): Map<number, { status: number; headers: Headers; body: string }> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new GmailResponseError('/batch/gmail/v1', 'no multipart boundary');
  const out = new Map<number, { status: number; headers: Headers; body: string }>();
  for (const chunk of body.split(`--${boundary}`)) {
    const part = chunk.replace(/^\r?\n/, '');
    if (part.trim() === '' || part.startsWith('--')) continue;
    const [outerHead, inner] = splitHead(part);
    const id = /content-id:\s*<?response-item(\d+)>?/i.exec(outerHead)?.[1];
    if (id === undefined || inner === undefined) continue;
    const [innerHead, innerBody] = splitHead(inner);
    const statusLine = innerHead.split(/\r?\n/)[0] ?? '';
    const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? 'NaN');
    if (!Number.isFinite(status)) continue;
    const headers = new Headers();
    for (const line of innerHead.split(/\r?\n/).slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    out.set(Number(id), { status, headers, body: (innerBody ?? '').trim() });
  }
  return out;
}

function splitHead(text: string): [string, string | undefined] {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return [text, undefined];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}
