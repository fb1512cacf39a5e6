import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, OpeningHours } from '../automation-config';
import { businessMsBetween } from '../business-hours';
import { businessClock } from './business-clock';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

function weekdays(start: string, end: string, days = [1, 2, 3, 4, 5]): OpeningHours[] {
  return days.map((day) => ({ day, start, end }));
}

function calendar(timeZone: string, hours: OpeningHours[], holidays: string[] = []): BusinessCalendar {
  return { id: 'team', name: 'Team', timeZone, hours, holidays: holidays.map((date) => ({ date })) };
}

// Warsaw changes its clocks on 29 March and 25 October 2026, New York on 8 March and 1 November 2026.
const warsaw = calendar(
  'Europe/Warsaw',
  [...weekdays('09:00', '13:00'), ...weekdays('12:00', '17:00'), { day: 6, start: '10:00', end: '14:00' }],
  ['2026-01-01', '2026-01-06', '2026-04-06', '2026-05-01', '2026-11-11', '2026-12-24', '2026-12-25'],
);
const newYork = calendar(
  'America/New_York',
  // Open through Friday night into Saturday morning: 24:00 then 00:00 is one stretch.
  [
    ...weekdays('08:00', '20:00'),
    { day: 5, start: '18:00', end: '24:00' },
    { day: 6, start: '00:00', end: '03:00' },
  ],
  ['2026-07-03', '2026-11-26', '2026-12-25'],
);
const tokyo = calendar('Asia/Tokyo', weekdays('09:00', '18:00'), ['2026-01-01', '2026-01-02', '2026-05-04']);
const aroundTheClock = calendar('Europe/Warsaw', [], ['2026-05-01']);

const FROM = utc('2026-01-01T00:00:00Z');
const TO = utc('2027-01-01T00:00:00Z');

describe('businessClock', () => {
  it('counts Friday 16:00 to Monday 10:00 as 2 business hours (Warsaw, 9-17 Mon-Fri)', () => {
    const cal = calendar('Europe/Warsaw', weekdays('09:00', '17:00'));
    const clock = businessClock(cal, FROM, TO);
    // November: CET, UTC+1. Friday 13 November 16:00 → Monday 16 November 10:00.
    expect(clock.between(utc('2026-11-13T15:00:00Z'), utc('2026-11-16T09:00:00Z'))).toBe(2 * HOUR);
  });

  it('counts the whole week of a DST change by the local clock (Warsaw, March)', () => {
    const cal = calendar('Europe/Warsaw', weekdays('09:00', '17:00'));
    const clock = businessClock(cal, FROM, TO);
    // Monday 23 March 00:00 CET → Monday 30 March 00:00 CEST: five days of 8 hours.
    expect(clock.between(utc('2026-03-22T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(40 * HOUR);
  });

  it('is zero when the end is not after the start, and falls back outside its span', () => {
    const clock = businessClock(tokyo, FROM, TO);
    expect(clock.between(utc('2026-06-01T03:00:00Z'), utc('2026-06-01T03:00:00Z'))).toBe(0);
    expect(clock.between(utc('2026-06-01T05:00:00Z'), utc('2026-06-01T03:00:00Z'))).toBe(0);
    const a = utc('2025-12-29T00:00:00Z');
    const b = utc('2026-01-05T06:00:00Z');
    expect(clock.between(a, b)).toBe(businessMsBetween(a, b, tokyo));
  });

  it.each([
    ['Warsaw', warsaw],
    ['New York', newYork],
    ['Tokyo', tokyo],
    ['around the clock', aroundTheClock],
  ])('equals businessMsBetween for any a ≤ b (%s, with holidays and DST)', (_, cal) => {
    const clock = businessClock(cal, FROM, TO);
    // Inside the span, and reaching a month outside it on either side.
    const moment = fc.integer({ min: FROM - 30 * 24 * HOUR, max: TO + 30 * 24 * HOUR });
    // Short spans too, so that most pairs land in the same day or the same opening.
    const pair = fc.oneof(
      fc.tuple(moment, moment).map(([x, y]) => (x <= y ? [x, y] : [y, x])),
      fc.tuple(moment, fc.integer({ min: 0, max: 3 * 24 * HOUR })).map(([x, d]) => [x, x + d]),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(clock.between(a as number, b as number)).toBe(
          businessMsBetween(a as number, b as number, cal),
        );
      }),
      { numRuns: 400 },
    );
  });
});
