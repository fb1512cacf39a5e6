/**
 * A client's share of the mailbox's Gmail quota (DESIGN.md section 3: 250 units a second per user, shared
 * by every agent's browser and the worker). No client knows how many others are running, so the rate is
 * found the way TCP finds bandwidth: add a little after each success, halve on a 429 (AIMD). Clients that
 * all do this converge on equal shares, and a 429 anywhere makes everyone slow down together.
 */

export interface QuotaBudgetOptions {
  /** Gmail's per-user ceiling. */
  maxUnitsPerSecond: number;
  /** The rate a client starts at: a fair share for a mid-sized team, raised by success. */
  initialUnitsPerSecond: number;
  /** Never slower than this, so a client always makes progress. */
  minUnitsPerSecond: number;
  /** Units per second added per second of successful spending. */
  increasePerSecond: number;
  /** Burst allowance in seconds of the current rate. */
  burstSeconds: number;
}

export const GMAIL_UNITS_PER_SECOND = 250;

export const DEFAULT_QUOTA_OPTIONS: QuotaBudgetOptions = {
  // A little under Gmail's rate: the burst allowance must not push a moving minute past 15,000 units.
  maxUnitsPerSecond: GMAIL_UNITS_PER_SECOND - 10,
  initialUnitsPerSecond: 100,
  minUnitsPerSecond: 5,
  increasePerSecond: 10,
  burstSeconds: 1,
};

export class QuotaBudget {
  private rate: number;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;

  constructor(
    private readonly now: () => number,
    private readonly options: QuotaBudgetOptions = DEFAULT_QUOTA_OPTIONS,
  ) {
    this.rate = options.initialUnitsPerSecond;
    this.tokens = this.rate * options.burstSeconds;
    this.updatedAt = now();
  }

  get unitsPerSecond(): number {
    return this.rate;
  }

  /**
   * Reserves `units` and answers how many milliseconds to wait before spending them. The reservation is
   * made at once, so callers that ask together queue behind each other instead of all waking at once.
   */
  reserve(units: number): number {
    this.refill();
    const now = this.now();
    this.tokens -= units;
    const debtWait = this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1_000);
    return Math.max(debtWait, this.pausedUntil - now, 0);
  }

  /** Gmail answered within quota: probe for a little more. */
  onSuccess(units: number): void {
    const step = (this.options.increasePerSecond * units) / Math.max(this.rate, 1);
    this.rate = Math.min(this.options.maxUnitsPerSecond, this.rate + step);
  }

  /** Gmail said 429 (or a 403 rate reason): halve the rate and hold every call until the backoff ends. */
  onRateLimited(backoffMs: number): void {
    this.refill();
    this.rate = Math.max(this.options.minUnitsPerSecond, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + backoffMs);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1_000;
    this.updatedAt = now;
    this.tokens = Math.min(this.rate * this.options.burstSeconds, this.tokens + elapsed * this.rate);
  }
}
