/**
 * Per-user quota as Gmail enforces it: https://developers.google.com/gmail/api/reference/quota
 * 15,000 units per user in a moving minute, plus a cap on concurrent requests per user.
 */

/** Units per method id (ids as in Google's discovery document). */
export const QUOTA_UNITS: Record<string, number> = {
  'gmail.users.getProfile': 1,
  'gmail.users.labels.list': 1,
  'gmail.users.labels.get': 1,
  'gmail.users.labels.create': 5,
  'gmail.users.labels.update': 5,
  'gmail.users.labels.patch': 5,
  'gmail.users.labels.delete': 5,
  'gmail.users.messages.list': 5,
  'gmail.users.messages.get': 5,
  'gmail.users.messages.insert': 25,
  'gmail.users.messages.import': 25,
  'gmail.users.messages.send': 100,
  'gmail.users.messages.modify': 5,
  'gmail.users.messages.batchModify': 50,
  'gmail.users.messages.batchDelete': 50,
  'gmail.users.messages.delete': 10,
  'gmail.users.messages.trash': 5,
  'gmail.users.messages.untrash': 5,
  'gmail.users.messages.attachments.get': 5,
  'gmail.users.threads.list': 10,
  'gmail.users.threads.get': 10,
  'gmail.users.threads.modify': 10,
  'gmail.users.threads.trash': 10,
  'gmail.users.threads.untrash': 10,
  'gmail.users.threads.delete': 20,
  'gmail.users.drafts.list': 5,
  'gmail.users.drafts.get': 5,
  'gmail.users.drafts.create': 10,
  'gmail.users.drafts.update': 15,
  'gmail.users.drafts.delete': 10,
  'gmail.users.drafts.send': 100,
  'gmail.users.history.list': 2,
};

const WINDOW_MS = 60_000;

export class QuotaMeter {
  private readonly spent = new Map<string, { at: number; units: number }[]>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly unitsPerMinute = 15_000,
    readonly maxConcurrentPerUser = 10,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a concurrency slot; false means "too many concurrent requests". */
  enter(user: string): boolean {
    const current = this.inFlight.get(user) ?? 0;
    if (current >= this.maxConcurrentPerUser) return false;
    this.inFlight.set(user, current + 1);
    return true;
  }

  leave(user: string): void {
    this.inFlight.set(user, Math.max(0, (this.inFlight.get(user) ?? 1) - 1));
  }

  /** Charges the units unless that would pass the per-minute limit. */
  charge(user: string, units: number): boolean {
    const now = this.now();
    const entries = (this.spent.get(user) ?? []).filter((e) => e.at > now - WINDOW_MS);
    const used = entries.reduce((sum, e) => sum + e.units, 0);
    this.spent.set(user, entries);
    if (used + units > this.unitsPerMinute) return false;
    entries.push({ at: now, units });
    return true;
  }

  usedInWindow(user: string): number {
    const now = this.now();
    return (this.spent.get(user) ?? [])
      .filter((e) => e.at > now - WINDOW_MS)
      .reduce((s, e) => s + e.units, 0);
  }

  reset(): void {
    this.spent.clear();
  }
}

export interface StandinStats {
  requests: number;
  quotaUnits: number;
  byStatus: Record<string, number>;
  byMethod: Record<string, { requests: number; quotaUnits: number }>;
}

export function emptyStats(): StandinStats {
  return { requests: 0, quotaUnits: 0, byStatus: {}, byMethod: {} };
}

export function countRequest(
  stats: StandinStats,
  methodId: string | undefined,
  status: number,
  units: number,
) {
  stats.requests++;
  stats.quotaUnits += units;
  stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
  if (methodId) {
    const method = stats.byMethod[methodId] ?? { requests: 0, quotaUnits: 0 };
    method.requests++;
    method.quotaUnits += units;
    stats.byMethod[methodId] = method;
  }
}
