/**
 * Business time between two instants, many times over, for reports (issue 7). `businessMsBetween` walks a
 * calendar day by day, which is fine for one SLA clock and far too slow for 100,000 tickets; a report builds
 * one BusinessClock per calendar over its whole span instead, as sorted open intervals with prefix sums, and
 * then each question is two binary searches.
 *
 * The intervals come from business-hours.ts itself (openIntervals, the same days businessMsBetween walks),
 * so holidays, DST changes, `24:00` and merged intervals mean exactly what they mean for SLA clocks.
 */
import type { BusinessCalendar } from '../automation-config';
import { businessMsBetween, openIntervals } from '../business-hours';

export interface BusinessClock {
  /** Open milliseconds in [a, b) by the clock's calendar; 0 when b is not after a. */
  between(a: number, b: number): number;
}

/**
 * A clock for `calendar` that answers exactly over [from, to] in O(log n) and falls back to
 * businessMsBetween for anything reaching outside it.
 */
export function businessClock(calendar: BusinessCalendar, from: number, to: number): BusinessClock {
  const flat = openIntervals(from, to, calendar);
  const n = flat.length / 2;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  // before[i]: open time in [from, starts[i]).
  const before = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    starts[i] = flat[2 * i] as number;
    ends[i] = flat[2 * i + 1] as number;
    before[i + 1] = (before[i] as number) + (ends[i] as number) - (starts[i] as number);
  }

  /** Open time in [from, t) for from ≤ t ≤ to. */
  function openBefore(t: number): number {
    // The last interval starting at or before t.
    let lo = 0;
    let hi = n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return 0;
    return (before[found] as number) + Math.min(t, ends[found] as number) - (starts[found] as number);
  }

  return {
    between(a, b) {
      if (!(b > a)) return 0;
      if (a < from || b > to) return businessMsBetween(a, b, calendar);
      return openBefore(b) - openBefore(a);
    },
  };
}
