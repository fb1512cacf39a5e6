import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, OpeningHours } from './automation-config';
import {
  addBusinessHours,
  businessMsBetween,
  csatSendAt,
  endOfNextWorkingDay,
  isOpen,
  nextOpening,
} from './business-hours';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

function weekdays(start: string, end: string, days = [1, 2, 3, 4, 5]): OpeningHours[] {
  return days.map((day) => ({ day, start, end }));
}

function calendar(timeZone: string, hours: OpeningHours[], holidays: string[] = []): BusinessCalendar {
  return { id: 'team', name: 'Team', timeZone, hours, holidays: holidays.map((date) => ({ date })) };
}

const warsaw = calendar('Europe/Warsaw', weekdays('09:00', '17:00'));
const newYork = calendar('America/New_York', weekdays('09:00', '17:00'));
const tokyo = calendar('Asia/Tokyo', weekdays('09:00', '18:00'));
const warsawAllWeek = calendar('Europe/Warsaw', weekdays('00:00', '24:00', [1, 2, 3, 4, 5, 6, 7]));

describe('addBusinessHours', () => {
  it('breaches across a weekend: Friday 16:00 + 24 business hours is Wednesday 16:00 (Warsaw)', () => {
    // 1 h on Friday, 8 on Monday, 8 on Tuesday, 7 on Wednesday. November: CET, UTC+1.
    expect(addBusinessHours(utc('2026-11-13T15:00:00Z'), 24, warsaw)).toBe(utc('2026-11-18T15:00:00Z'));
  });

  it('starts at the next opening when the request arrives at night', () => {
    // Saturday night: the clock starts Monday 09:00, 8 hours end Monday 17:00.
    expect(addBusinessHours(utc('2026-11-14T22:00:00Z'), 8, warsaw)).toBe(utc('2026-11-16T16:00:00Z'));
  });

  it.each([
    // Europe/Warsaw springs forward on 29 March 2026 and falls back on 25 October 2026.
    ['Warsaw, March', warsaw, '2026-03-27T15:00:00Z', 24, '2026-04-01T14:00:00Z'], // Wed 16:00 CEST
    ['Warsaw, October', warsaw, '2026-10-23T14:00:00Z', 24, '2026-10-28T15:00:00Z'], // Wed 16:00 CET
    // America/New_York springs forward on 8 March 2026 and falls back on 1 November 2026.
    ['New York, March', newYork, '2026-03-06T21:00:00Z', 24, '2026-03-11T20:00:00Z'], // Wed 16:00 EDT
    ['New York, November', newYork, '2026-10-30T20:00:00Z', 24, '2026-11-04T21:00:00Z'], // Wed 16:00 EST
  ])('a weekend with a DST change keeps the wall-clock due time (%s)', (_, cal, start, hours, due) => {
    expect(addBusinessHours(utc(start), hours, cal)).toBe(utc(due));
  });

  it('counts real hours through the night of the change (Warsaw, open around the week)', () => {
    // Saturday 12:00 CET + 24 real hours: the night lost an hour, so Sunday 13:00 CEST.
    expect(addBusinessHours(utc('2026-03-28T11:00:00Z'), 24, warsawAllWeek)).toBe(
      utc('2026-03-29T11:00:00Z'),
    );
    // Saturday 12:00 CEST + 24 real hours: the night gained an hour, so Sunday 11:00 CET.
    expect(addBusinessHours(utc('2026-10-24T10:00:00Z'), 24, warsawAllWeek)).toBe(
      utc('2026-10-25T10:00:00Z'),
    );
  });

  it('a night shift over the change is an hour shorter in March and longer in November (New York)', () => {
    const night = calendar('America/New_York', [
      { day: 6, start: '22:00', end: '24:00' },
      { day: 7, start: '00:00', end: '06:00' },
    ]);
    // 2 h on Saturday, then Sunday 00:00 EST to 06:00 EDT is 5 real hours: 7 hours end at 06:00 EDT.
    expect(addBusinessHours(utc('2026-03-08T03:00:00Z'), 7, night)).toBe(utc('2026-03-08T10:00:00Z'));
    // Sunday 00:00 EDT to 06:00 EST is 7 real hours: 9 hours end at 06:00 EST.
    expect(addBusinessHours(utc('2026-11-01T02:00:00Z'), 9, night)).toBe(utc('2026-11-01T11:00:00Z'));
    expect(businessMsBetween(utc('2026-11-01T02:00:00Z'), utc('2026-11-01T11:00:00Z'), night)).toBe(9 * HOUR);
  });

  it('skips a holiday as a whole closed day', () => {
    const withHoliday = calendar('Europe/Warsaw', weekdays('09:00', '17:00'), ['2026-11-16']);
    // Monday closed: 1 h Friday, 8 Tuesday, 8 Wednesday, 7 Thursday.
    expect(addBusinessHours(utc('2026-11-13T15:00:00Z'), 24, withHoliday)).toBe(utc('2026-11-19T15:00:00Z'));
  });

  it('crosses a long holiday season in a few steps', () => {
    const days: string[] = [];
    for (let d = 21; d <= 31; d++) days.push(`2026-12-${d}`);
    for (let d = 1; d <= 6; d++) days.push(`2027-01-0${d}`);
    const season = calendar('Europe/Warsaw', weekdays('09:00', '17:00'), days);
    // Friday 18 December 16:00: 1 h, then Thursday 7 and Friday 8 January, then 7 h on Monday 11 January.
    expect(addBusinessHours(utc('2026-12-18T15:00:00Z'), 24, season)).toBe(utc('2027-01-11T15:00:00Z'));
  });

  it('treats 24:00 as midnight and touching days as one stretch', () => {
    const evenings = calendar('UTC', [
      { day: 1, start: '18:00', end: '24:00' },
      { day: 2, start: '00:00', end: '02:00' },
    ]);
    // Monday 23 November 2026 23:00 + 2 h runs past midnight into Tuesday.
    expect(addBusinessHours(utc('2026-11-23T23:00:00Z'), 2, evenings)).toBe(utc('2026-11-24T01:00:00Z'));
    expect(isOpen(utc('2026-11-24T00:00:00Z'), evenings)).toBe(true);
    expect(isOpen(utc('2026-11-24T02:00:00Z'), evenings)).toBe(false);
    const lateOnly = calendar('UTC', [{ day: 1, start: '20:00', end: '24:00' }]);
    expect(addBusinessHours(utc('2026-11-23T23:00:00Z'), 2, lateOnly)).toBe(utc('2026-11-30T21:00:00Z'));
  });

  it('merges overlapping intervals of one day', () => {
    const overlapping = calendar('UTC', [
      { day: 1, start: '09:00', end: '13:00' },
      { day: 1, start: '12:00', end: '17:00' },
    ]);
    expect(businessMsBetween(utc('2026-11-23T00:00:00Z'), utc('2026-11-24T00:00:00Z'), overlapping)).toBe(
      8 * HOUR,
    );
  });

  it('an around-the-clock calendar counts plain hours, holidays or not', () => {
    const always = calendar('Europe/Warsaw', [], ['2026-11-16']);
    const start = utc('2026-11-13T15:00:00Z');
    expect(addBusinessHours(start, 24, always)).toBe(start + 24 * HOUR);
    expect(addBusinessHours(start, 0.5, always)).toBe(start + HOUR / 2);
    expect(businessMsBetween(start, start + 5 * HOUR, always)).toBe(5 * HOUR);
    expect(isOpen(start, always)).toBe(true);
  });

  it('works in a zone without DST (Asia/Tokyo)', () => {
    // Friday 27 March 2026 17:00 JST: 1 h, then 9 on Monday: due Monday 18:00 JST.
    expect(addBusinessHours(utc('2026-03-27T08:00:00Z'), 10, tokyo)).toBe(utc('2026-03-30T09:00:00Z'));
  });

  it('a target of zero hours is due at once', () => {
    expect(addBusinessHours(utc('2026-11-14T22:00:00Z'), 0, warsaw)).toBe(utc('2026-11-14T22:00:00Z'));
  });

  it('skipping whole weeks gives the same answer as walking in short steps', () => {
    // 30-hour steps are shorter than a week's 40 open hours, so they never skip a week.
    const holidays = ['2026-12-24', '2026-12-25', '2027-01-01', '2027-04-05', '2027-05-03'];
    for (const cal of [
      calendar('Europe/Warsaw', weekdays('09:00', '17:00'), holidays),
      calendar('America/New_York', weekdays('09:00', '17:00'), holidays),
      warsawAllWeek,
    ]) {
      let chained = utc('2026-10-01T10:00:00Z');
      const start = chained;
      for (let step = 1; step <= 60; step++) {
        chained = addBusinessHours(chained, 30, cal);
        expect(addBusinessHours(start, 30 * step, cal)).toBe(chained);
      }
    }
  });

  it('property: the business time between start and the due time is the target', () => {
    const holidays = ['2026-11-11', '2026-12-24', '2026-12-25', '2027-01-01', '2027-03-29'];
    const calendars = [
      calendar('Europe/Warsaw', weekdays('09:00', '17:00'), holidays),
      calendar('America/New_York', [...weekdays('08:00', '12:00'), ...weekdays('13:00', '18:30')], holidays),
      calendar('Asia/Tokyo', weekdays('09:00', '18:00'), holidays),
      warsawAllWeek,
      calendar('UTC', []),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2026-01-01T00:00:00Z'), max: utc('2028-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 2_000 * 60 }),
        fc.constantFrom(...calendars),
        (start, minutes, cal) => {
          const due = addBusinessHours(start, minutes / 60, cal);
          expect(due).toBeGreaterThanOrEqual(start);
          expect(businessMsBetween(start, due, cal)).toBe(minutes * 60_000);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('isOpen and nextOpening', () => {
  it.each([
    ['Monday 10:00', '2026-11-16T09:00:00Z', true, '2026-11-16T09:00:00Z'],
    ['Monday 09:00 exactly', '2026-11-16T08:00:00Z', true, '2026-11-16T08:00:00Z'],
    ['Monday 17:00 exactly', '2026-11-16T16:00:00Z', false, '2026-11-17T08:00:00Z'],
    ['Saturday', '2026-11-14T12:00:00Z', false, '2026-11-16T08:00:00Z'],
    ['Monday 07:00', '2026-11-16T06:00:00Z', false, '2026-11-16T08:00:00Z'],
  ])('Warsaw %s', (_, at, open, next) => {
    expect(isOpen(utc(at), warsaw)).toBe(open);
    expect(nextOpening(utc(at), warsaw)).toBe(utc(next));
  });

  it('a holiday is closed all day', () => {
    const withHoliday = calendar('Europe/Warsaw', weekdays('09:00', '17:00'), ['2026-11-16']);
    expect(isOpen(utc('2026-11-16T09:00:00Z'), withHoliday)).toBe(false);
    expect(nextOpening(utc('2026-11-16T09:00:00Z'), withHoliday)).toBe(utc('2026-11-17T08:00:00Z'));
  });
});

describe('endOfNextWorkingDay and csatSendAt', () => {
  it.each([
    ['solved during Monday hours: Tuesday close', '2026-11-16T10:00:00Z', '2026-11-17T16:00:00Z'],
    ['solved Monday before opening: Monday close', '2026-11-16T06:00:00Z', '2026-11-16T16:00:00Z'],
    ['solved Monday evening: Tuesday close', '2026-11-16T19:00:00Z', '2026-11-17T16:00:00Z'],
    ['solved Friday afternoon: Monday close', '2026-11-13T15:00:00Z', '2026-11-16T16:00:00Z'],
    ['solved on Sunday: Monday close', '2026-11-15T12:00:00Z', '2026-11-16T16:00:00Z'],
  ])('%s', (_, at, end) => {
    expect(endOfNextWorkingDay(utc(at), warsaw)).toBe(utc(end));
  });

  it('around the clock the next working day is the next local day', () => {
    const always = calendar('Europe/Warsaw', []);
    // Monday 16 November 10:00 CET: the end of Tuesday is Wednesday 00:00 CET.
    expect(endOfNextWorkingDay(utc('2026-11-16T09:00:00Z'), always)).toBe(utc('2026-11-17T23:00:00Z'));
  });

  it('sends after the delay, or at the end of the next working day if that is sooner', () => {
    // Solved Monday 10:00: two hours later is Monday 12:00.
    expect(csatSendAt(utc('2026-11-16T09:00:00Z'), 2, warsaw)).toBe(utc('2026-11-16T11:00:00Z'));
    // Solved Friday 16:30 with a 24-hour delay: Saturday 16:30 comes before Monday's close.
    expect(csatSendAt(utc('2026-11-13T15:30:00Z'), 24, warsaw)).toBe(utc('2026-11-14T15:30:00Z'));
    // Solved Monday 06:00 before opening with a 24-hour delay: capped at Monday's close, 17:00.
    expect(csatSendAt(utc('2026-11-16T05:00:00Z'), 24, warsaw)).toBe(utc('2026-11-16T16:00:00Z'));
  });
});
