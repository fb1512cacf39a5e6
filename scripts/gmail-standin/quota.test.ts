import { describe, expect, it } from 'vitest';
import { countRequest, emptyStats, QUOTA_UNITS, QuotaMeter } from './quota';

describe('QuotaMeter', () => {
  it('refuses the call that would pass the per-minute limit and frees units as the window moves', () => {
    let now = 0;
    const meter = new QuotaMeter(100, 10, () => now);
    expect(meter.charge('me', 60)).toBe(true);
    now = 30_000;
    expect(meter.charge('me', 40)).toBe(true);
    expect(meter.charge('me', 1)).toBe(false);
    now = 60_001;
    expect(meter.usedInWindow('me')).toBe(40);
    expect(meter.charge('me', 60)).toBe(true);
  });

  it('keeps users apart', () => {
    const meter = new QuotaMeter(10, 10, () => 0);
    expect(meter.charge('a', 10)).toBe(true);
    expect(meter.charge('b', 10)).toBe(true);
  });

  it('limits concurrent requests per user', () => {
    const meter = new QuotaMeter(100, 2);
    expect(meter.enter('me')).toBe(true);
    expect(meter.enter('me')).toBe(true);
    expect(meter.enter('me')).toBe(false);
    meter.leave('me');
    expect(meter.enter('me')).toBe(true);
  });
});

describe('units and stats', () => {
  // https://developers.google.com/gmail/api/reference/quota
  it('charges the documented units', () => {
    expect(QUOTA_UNITS['gmail.users.threads.list']).toBe(10);
    expect(QUOTA_UNITS['gmail.users.messages.send']).toBe(100);
    expect(QUOTA_UNITS['gmail.users.history.list']).toBe(2);
    expect(QUOTA_UNITS['gmail.users.drafts.update']).toBe(15);
  });

  it('counts requests by status and by method', () => {
    const stats = emptyStats();
    countRequest(stats, 'gmail.users.labels.list', 200, 1);
    countRequest(stats, 'gmail.users.labels.list', 429, 0);
    expect(stats).toEqual({
      requests: 2,
      quotaUnits: 1,
      byStatus: { '200': 1, '429': 1 },
      byMethod: { 'gmail.users.labels.list': { requests: 2, quotaUnits: 1 } },
    });
  });
});
