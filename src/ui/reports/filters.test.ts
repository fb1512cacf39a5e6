import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromHash, filtersToHash, localDate, rangeOf, scopeOf } from './filters';

// Monday 23 November 2026, 00:30 in Warsaw (still Sunday in UTC).
const NOW = Date.parse('2026-11-23T00:30:00+01:00');
const WARSAW = 'Europe/Warsaw';

describe('report filters in the location hash', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(filtersToHash(DEFAULT_FILTERS)).toBe('');
    const filters = {
      mailbox: 'support@shop.example',
      range: 'custom' as const,
      from: '2026-10-01',
      to: '2026-10-31',
      group: 'Billing & returns',
      agent: 'Anna Kowalska',
      tag: 'Shipping/Late by shipper',
      hours: 'business' as const,
    };
    const hash = filtersToHash(filters);
    expect(hash).toBe(
      '#mailbox=support%40shop.example&range=custom&from=2026-10-01&to=2026-10-31&group=Billing+%26+returns&agent=Anna+Kowalska&tag=Shipping%2FLate+by+shipper&hours=business',
    );
    expect(filtersFromHash(hash)).toEqual(filters);
  });

  it('falls back to the defaults for anything unknown or malformed', () => {
    expect(filtersFromHash('#range=forever&hours=sometimes&from=2026-13-45')).toEqual(DEFAULT_FILTERS);
    expect(filtersFromHash('#range=30d&from=2026-10-01')).toEqual(DEFAULT_FILTERS);
    expect(filtersFromHash('')).toEqual(DEFAULT_FILTERS);
  });

  it('counts preset ranges in whole days of the team zone, today included', () => {
    expect(localDate(NOW, WARSAW)).toBe('2026-11-23');
    expect(rangeOf({ range: '7d', hours: 'clock' }, NOW, WARSAW)).toEqual({
      from: Date.parse('2026-11-17T00:00:00+01:00'),
      to: Date.parse('2026-11-24T00:00:00+01:00'),
    });
    expect(rangeOf({ range: 'last-month', hours: 'clock' }, NOW, WARSAW)).toEqual({
      from: Date.parse('2026-10-01T00:00:00+02:00'),
      to: Date.parse('2026-11-01T00:00:00+01:00'),
    });
    expect(rangeOf({ range: 'this-month', hours: 'clock' }, NOW, WARSAW)?.from).toBe(
      Date.parse('2026-11-01T00:00:00+01:00'),
    );
  });

  it('includes both days of a custom range, across the clock change, and refuses a backwards one', () => {
    expect(
      rangeOf({ range: 'custom', from: '2026-10-24', to: '2026-10-25', hours: 'clock' }, NOW, WARSAW),
    ).toEqual({ from: Date.parse('2026-10-24T00:00:00+02:00'), to: Date.parse('2026-10-26T00:00:00+01:00') });
    expect(
      rangeOf({ range: 'custom', from: '2026-10-25', to: '2026-10-24', hours: 'clock' }, NOW, WARSAW),
    ).toBeNull();
    expect(rangeOf({ range: 'custom', from: '2026-10-25', hours: 'clock' }, NOW, WARSAW)).toBeNull();
  });

  it('puts the filters into the report scope', () => {
    expect(scopeOf({ range: '90d', hours: 'clock', group: 'Billing', tag: 'Shipping' }, NOW, WARSAW)).toEqual(
      {
        from: Date.parse('2026-08-26T00:00:00+02:00'),
        to: Date.parse('2026-11-24T00:00:00+01:00'),
        timeZone: WARSAW,
        group: 'Billing',
        tag: 'Shipping',
      },
    );
  });
});
