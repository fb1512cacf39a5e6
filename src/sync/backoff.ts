/**
 * When to try again after Gmail says no. Google asks clients to back off exponentially on 429, 403 rate
 * limits and 5xx (https://developers.google.com/workspace/gmail/api/guides/handle-errors#exponential-backoff),
 * and to honour Retry-After. Full jitter spreads a team's browsers so they do not all retry in the same
 * second after a shared 429.
 */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 64_000 };

/**
 * Delay before attempt `attempt + 1` (attempt 0 is the first failure). `random` is in [0, 1): pass
 * `Math.random` in production and a fixed value in tests. A server's Retry-After is a floor.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0, 1);
}

/** Retry-After as seconds or an HTTP date (RFC 9110 section 10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export type FailureKind = 'rate-limited' | 'transient' | 'auth' | 'permanent';

/** Google's error reasons that mean "slow down", not "you may not". */
const RATE_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'concurrentLimitExceeded',
]);

/** How a failed call should be treated: retried with backoff, retried after sign-in, or given up on. */
export function classifyFailure(status: number | 'network', reasons: readonly string[] = []): FailureKind {
  if (status === 'network') return 'transient';
  if (status === 429) return 'rate-limited';
  if (status === 403 && reasons.some((r) => RATE_REASONS.has(r))) return 'rate-limited';
  if (status === 401) return 'auth';
  if (status >= 500 || status === 408) return 'transient';
  return 'permanent';
}
