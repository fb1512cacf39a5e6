import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, format, getISOWeek, getISOWeekYear, startOfDay, startOfISOWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { periodIndex, periods } from './periods';

describe('periods', () => {
  it('counts days in the team zone, with a 23-hour day when Warsaw moves its clocks forward', () => {
    const from = Date.parse('2027-03-27T12:00:00Z');
    const to = Date.parse('2027-03-29T22:00:00Z'); // 30 March 00:00 CEST
    const days = periods('day', from, to, 'Europe/Warsaw');
    expect(days.map((d) => d.key)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    expect(days[0]?.start).toBe(Date.parse('2027-03-26T23:00:00Z'));
    expect(days[1]?.start).toBe(Date.parse('2027-03-27T23:00:00Z'));
    // 28 March has 23 hours: the next day starts at 22:00 UTC.
    expect(days[2]?.start).toBe(Date.parse('2027-03-28T22:00:00Z'));
  });

  it('counts days and weeks from each local midnight, as date-fns does, with DST, odd offsets and clocks that change at midnight', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2028-01-01T00:00:00Z');
    for (const zone of [
      'Europe/Warsaw',
      'America/New_York',
      'Asia/Tokyo',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'America/Havana',
    ]) {
      const slow: { key: string; start: number }[] = [];
      let at = startOfDay(new TZDate(from, zone));
      while (at.getTime() < to) {
        slow.push({ key: format(at, 'yyyy-MM-dd'), start: at.getTime() });
        at = startOfDay(addDays(at, 1));
      }
      expect(periods('day', from, to, zone), zone).toEqual(slow);
      const slowWeeks: { key: string; start: number }[] = [];
      let week = startOfISOWeek(new TZDate(from, zone));
      while (week.getTime() < to) {
        slowWeeks.push({
          key: `${getISOWeekYear(week)}-W${String(getISOWeek(week)).padStart(2, '0')}`,
          start: week.getTime(),
        });
        week = startOfISOWeek(addWeeks(week, 1));
      }
      expect(periods('week', from, to, zone), zone).toEqual(slowWeeks);
    }
  });

  it('names ISO weeks, Monday first, across a year end', () => {
    const weeks = periods(
      'week',
      Date.parse('2026-12-28T12:00:00Z'),
      Date.parse('2027-01-12T00:00:00Z'),
      'UTC',
    );
    expect(weeks.map((w) => w.key)).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    expect(new Date(weeks[1]?.start ?? 0).toISOString()).toBe('2027-01-04T00:00:00.000Z');
  });

  it('names months in Tokyo, whose month starts the evening before in UTC', () => {
    const months = periods(
      'month',
      Date.parse('2026-10-31T15:30:00Z'),
      Date.parse('2026-12-01T00:00:00Z'),
      'Asia/Tokyo',
    );
    expect(months.map((m) => m.key)).toEqual(['2026-11', '2026-12']);
    expect(months[0]?.start).toBe(Date.parse('2026-10-31T15:00:00Z'));
  });

  it('returns nothing for an empty range and refuses an absurd one', () => {
    expect(periods('day', 10, 10, 'UTC')).toEqual([]);
    expect(() => periods('day', 0, Date.parse('2100-01-01'), 'UTC')).toThrow(RangeError);
  });

  it('finds the period of a moment by binary search', () => {
    const starts = [{ start: 0 }, { start: 10 }, { start: 20 }];
    expect(periodIndex(starts, -1)).toBe(-1);
    expect(periodIndex(starts, 0)).toBe(0);
    expect(periodIndex(starts, 19)).toBe(1);
    expect(periodIndex(starts, 500)).toBe(2);
  });
});
