import { describe, expect, it } from 'vitest';
import { classifyFailure, parseRetryAfter, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles its ceiling per attempt up to the cap, with full jitter below it', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3, 6, 7, 20].map((a) => retryDelayMs(a, top))).toEqual([
      999, 1_999, 3_999, 7_999, 63_999, 63_999, 63_999,
    ]);
    expect(retryDelayMs(5, () => 0)).toBe(1);
    expect(retryDelayMs(5, () => 0.5)).toBe(16_000);
  });

  it('never retries before the server’s Retry-After', () => {
    expect(retryDelayMs(0, () => 0.1, 30_000)).toBe(30_000);
    expect(retryDelayMs(10, () => 0.9, 1_000)).toBe(57_600);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 22 Nov 2026 12:00:30 GMT', 30_000],
    ['Sun, 22 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('classifyFailure', () => {
  it.each([
    [429, [], 'rate-limited'],
    [403, ['userRateLimitExceeded'], 'rate-limited'],
    [403, ['rateLimitExceeded'], 'rate-limited'],
    [403, ['forbidden'], 'permanent'],
    [401, [], 'auth'],
    [500, [], 'transient'],
    [503, [], 'transient'],
    ['network', [], 'transient'],
    [404, [], 'permanent'],
    [400, ['invalidArgument'], 'permanent'],
  ] as const)('treats %s %j as %s', (status, reasons, kind) => {
    expect(classifyFailure(status, reasons)).toBe(kind);
  });
});
