import { describe, expect, it } from 'vitest';
import { GmailApiError } from '../../src/gmail/api/errors';
import { createWorkerLog } from './log';
import { nextDelayMs, runContinuously, type WorkerPassSummary } from './worker';

const summary = (unitsUsed: number): WorkerPassSummary => ({
  mailbox: 'support@example.com',
  tickets: 3,
  metadataFetched: 0,
  historyId: '1',
  fullSync: false,
  outbox: { sent: 0, failed: 0, rejected: 0, remaining: 0 },
  notices: 0,
  requests: 1,
  quotaUnits: unitsUsed,
  rateLimited: 0,
  unitsUsed,
  holder: true,
  automation: null,
  seconds: 0.1,
});

describe('the worker loop', () => {
  it('waits the interval ±10% after a pass, and backs off doubling (capped) after failures', () => {
    expect(nextDelayMs(30_000, 0, () => 0, 900_000)).toBe(27_000);
    expect(nextDelayMs(30_000, 0, () => 1, 900_000)).toBe(33_000);
    expect(nextDelayMs(30_000, 1, () => 1, 900_000)).toBe(60_000);
    expect(nextDelayMs(30_000, 3, () => 0, 900_000)).toBe(120_000);
    expect(nextDelayMs(30_000, 20, () => 1, 900_000)).toBe(900_000);
  });

  it('logs each pass and each failure as one JSON line, and stops between steps when told', async () => {
    const lines: string[] = [];
    const log = createWorkerLog((line) => lines.push(line));
    const stop = new AbortController();
    const waits: number[] = [];
    let calls = 0;
    let sawStopping = false;
    const passes = await runContinuously(
      {
        pass: async (stopping) => {
          calls += 1;
          if (calls === 2)
            throw new GmailApiError(
              429,
              'Quota exceeded for support@example.com',
              'rateLimitExceeded',
              undefined,
            );
          if (calls === 3) {
            stop.abort(); // SIGTERM during the pass: it finishes, no next pass
            sawStopping = stopping?.() ?? false;
          }
          return summary(calls);
        },
      },
      {
        intervalMs: 30_000,
        signal: stop.signal,
        log,
        random: () => 0.5,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(passes).toBe(3);
    expect(sawStopping).toBe(true);
    expect(waits).toEqual([30_000, 45_000, 30_000]);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.event)).toEqual(['pass', 'pass-failed', 'pass']);
    expect(events[1]).toMatchObject({
      level: 'error',
      error: 'GmailApiError',
      status: 429,
      reason: 'rateLimitExceeded',
      failuresInRow: 1,
    });
    expect(lines.join('\n')).not.toContain('support@example.com');
  });
});

describe('the worker log', () => {
  it('scrubs every secret it was told about from every line', () => {
    const lines: string[] = [];
    const log = createWorkerLog(
      (line) => lines.push(line),
      () => 0,
    );
    log.secret('ya29.a-very-secret-token');
    log.secret('abc'); // too short to be a secret: would scrub ordinary words
    log.info('oops', { note: 'header Bearer ya29.a-very-secret-token abc' });
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"info","event":"oops","note":"header Bearer [redacted] abc"}',
    ]);
  });

  it('reduces an error to its name and status, never its message', () => {
    const lines: string[] = [];
    createWorkerLog((line) => lines.push(line)).error('x', new Error('Subject: Refund for order 1234'));
    expect(lines[0]).toContain('"error":"Error"');
    expect(lines[0]).not.toContain('Refund');
  });
});
