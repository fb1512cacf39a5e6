/**
 * computeReport on hand-made mailboxes. Every expected number is worked out by hand in the comments beside
 * it, never computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../automation-config';
import type { ReportScope, TicketFacts } from './facts';
import { computeReport, type ReportOptions } from './report';
import { answer, at, calendar, HOUR, ticket, weekdayHours } from './testing';

const utcAllDay = calendar('UTC');
const options = (now: string, extra: Partial<ReportOptions> = {}): ReportOptions => ({
  now: at(now),
  calendarFor: () => utcAllDay,
  ...extra,
});
const scope = (from: string, to: string, extra: Partial<ReportScope> = {}): ReportScope => ({
  from: at(from),
  to: at(to),
  timeZone: 'UTC',
  ...extra,
});
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR);

describe('volume', () => {
  it('counts tickets per local day and ISO week in Warsaw across the autumn clock change', () => {
    // Warsaw falls back on Sunday 25 October 2026: that day has 25 hours.
    const facts = [
      ticket({ createdAt: at('2026-10-23T23:59:00+02:00') }), // Friday: before the range
      ticket({ createdAt: at('2026-10-24T23:59:00+02:00') }), // Saturday 24
      ticket({ createdAt: at('2026-10-25T00:00:00+02:00'), complete: false }), // Sunday 25
      ticket({ createdAt: at('2026-10-25T23:30:00+01:00') }), // Sunday 25 (00:30 on the 26th at +02:00)
      ticket({ createdAt: at('2026-10-26T00:00:00+01:00') }), // Monday 26, a new ISO week
      ticket({ createdAt: at('2026-10-27T00:00:00+01:00') }), // the range's end: not counted
    ];
    const report = computeReport(
      facts,
      [],
      {
        from: at('2026-10-24T00:00:00+02:00'),
        to: at('2026-10-27T00:00:00+01:00'),
        timeZone: 'Europe/Warsaw',
      },
      options('2026-10-27T12:00:00Z'),
    );
    expect(report.tickets).toBe(4);
    expect(report.partial).toBe(1);
    expect(report.volume.days).toEqual([
      { key: '2026-10-24', start: at('2026-10-23T22:00:00Z'), tickets: 1 },
      { key: '2026-10-25', start: at('2026-10-24T22:00:00Z'), tickets: 2 },
      { key: '2026-10-26', start: at('2026-10-25T23:00:00Z'), tickets: 1 },
    ]);
    expect(report.volume.weeks).toEqual([
      { key: '2026-W43', start: at('2026-10-18T22:00:00Z'), tickets: 3 },
      { key: '2026-W44', start: at('2026-10-25T23:00:00Z'), tickets: 1 },
    ]);
  });
});

describe('first response', () => {
  const created = (day: number, hour: number) =>
    at(`2026-11-0${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  // Ten answered tickets, first replies after 0.5, 1, 2, 5, 6, 7, 20, 24, 30 and 50 hours.
  const delays = [0.5, 1, 2, 5, 6, 7, 20, 24, 30, 50];
  const answered = delays.map((delay, i) => {
    const createdAt = created(2 + (i % 5), 8);
    // The 2-hour one has an earlier team message (the team wrote first): not a response.
    const teamReplies =
      delay === 2 ? [createdAt - 2 * HOUR, createdAt + 2 * HOUR] : [createdAt + delay * HOUR];
    return ticket({ createdAt, teamReplies, subject: `after ${delay} h` });
  });
  const waiting = ticket({ createdAt: at('2026-11-03T12:00:00Z'), status: 'Pending', subject: 'waiting' });
  const thanks = ticket({
    createdAt: at('2026-11-04T09:00:00Z'),
    status: 'Solved',
    solves: [at('2026-11-04T10:00:00Z')],
  });
  const report = computeReport(
    [...answered, waiting, thanks],
    [],
    scope('2026-11-02T00:00:00Z', '2026-11-09T00:00:00Z'),
    options('2026-11-09T12:00:00Z'),
  );
  const clock = report.firstResponse.clock;

  it('gives mean, nearest-rank median and p90, and the longest, in clock hours', () => {
    expect(clock.count).toBe(10);
    expect(hours(clock.mean)).toBeCloseTo(14.55, 10); // 145.5 h / 10
    expect(hours(clock.median)).toBe(6); // rank ⌈0.5 × 10⌉ = 5
    expect(hours(clock.p90)).toBe(30); // rank ⌈0.9 × 10⌉ = 9
    expect(hours(clock.max)).toBe(50);
  });

  it('gives the share within 1, 6 and 24 hours (at or under the target)', () => {
    expect(clock.withinTargets).toEqual([
      { hours: 1, count: 2, share: 0.2 },
      { hours: 6, count: 5, share: 0.5 },
      { hours: 24, count: 8, share: 0.8 },
    ]);
  });

  it('fills the fixed histogram buckets, lower edge included', () => {
    expect(clock.histogram.map((b) => [hours(b.from), hours(b.to), b.count])).toEqual([
      [0, 1, 1],
      [1, 2, 1],
      [2, 4, 1],
      [4, 8, 3],
      [8, 24, 1],
      [24, 48, 2],
      [48, 72, 1],
      [72, 168, 0],
      [168, null, 0],
    ]);
  });

  it('puts the unanswered ticket waiting since Tuesday noon first among the worst, open', () => {
    expect(report.firstResponse.unanswered).toBe(1);
    expect(report.firstResponse.closedWithoutReply).toBe(1);
    // Tuesday 12:00 to the next Monday 12:00: 144 hours.
    expect(clock.worst[0]).toEqual({
      threadId: waiting.threadId,
      reference: waiting.reference,
      subject: 'waiting',
      ms: 144 * HOUR,
      open: true,
    });
    expect(clock.worst.map((w) => hours(w.ms))).toEqual([144, 50, 30, 24, 20, 7, 6, 5, 2, 1]);
    expect(clock.worst.slice(1).every((w) => !w.open)).toBe(true);
  });

  it('counts business hours of each ticket group’s calendar', () => {
    // Warsaw 9-17 Monday to Friday, with Independence Day (Wednesday 11 November) a holiday.
    const warsaw = calendar('Europe/Warsaw', weekdayHours('09:00', '17:00'), ['2026-11-11']);
    const calendars: Record<string, BusinessCalendar> = { Night: calendar('Europe/Warsaw') };
    const facts: TicketFacts[] = [
      // Friday 16:00 → Monday 10:00: 1 h on Friday and 1 h on Monday = 2 business hours, 66 clock hours.
      ticket({
        createdAt: at('2026-11-13T16:00:00+01:00'),
        teamReplies: [at('2026-11-16T10:00:00+01:00')],
      }),
      // Tuesday 16:30 → Thursday 09:30 over the holiday: 0.5 + 0 + 0.5 = 1 business hour, 41 clock hours.
      ticket({
        createdAt: at('2026-11-10T16:30:00+01:00'),
        teamReplies: [at('2026-11-12T09:30:00+01:00')],
      }),
      // Saturday 10:00 → 12:00: closed all along, 0 business hours, 2 clock hours.
      ticket({
        createdAt: at('2026-11-14T10:00:00+01:00'),
        teamReplies: [at('2026-11-14T12:00:00+01:00')],
      }),
      // The Night group's calendar is open around the clock: Friday 16:00 → Saturday 16:00 = 24 hours.
      ticket({
        createdAt: at('2026-11-13T16:00:00+01:00'),
        teamReplies: [at('2026-11-14T16:00:00+01:00')],
        group: 'Night',
      }),
    ];
    const business = computeReport(
      facts,
      [],
      {
        from: at('2026-11-09T00:00:00+01:00'),
        to: at('2026-11-16T00:00:00+01:00'),
        timeZone: 'Europe/Warsaw',
      },
      {
        now: at('2026-11-20T00:00:00Z'),
        calendarFor: (group) => (group ? calendars[group] : undefined) ?? warsaw,
      },
    ).firstResponse;
    // Business: 0, 1, 2, 24 h. Mean 27/4 = 6.75; median rank 2 = 1 h; p90 rank ⌈3.6⌉ = 4 → 24 h.
    expect(business.business.count).toBe(4);
    expect(hours(business.business.mean)).toBe(6.75);
    expect(hours(business.business.median)).toBe(1);
    expect(hours(business.business.p90)).toBe(24);
    expect(hours(business.business.max)).toBe(24);
    expect(business.business.withinTargets.map((w) => w.share)).toEqual([0.5, 0.75, 1]);
    expect(business.business.worst.map((w) => hours(w.ms))).toEqual([24, 2, 1, 0]);
    // Clock: 2, 24, 41, 66 h. Mean 133/4 = 33.25; median 24 h; p90 66 h.
    expect(hours(business.clock.mean)).toBe(33.25);
    expect(hours(business.clock.median)).toBe(24);
    expect(hours(business.clock.p90)).toBe(66);
  });
});

describe('resolution, reopen and effort', () => {
  const mk = (init: Partial<TicketFacts> & { createdAt: number }) => ticket(init);
  // Range: Monday 2 to Monday 9 November 2026, UTC, open around the clock.
  const r1 = mk({
    createdAt: at('2026-10-30T00:00:00Z'),
    teamReplies: [at('2026-10-30T01:00:00Z')],
    solves: [at('2026-11-03T00:00:00Z')],
    status: 'Solved',
  }); // created before the range: 96 h; 2 messages
  const r2 = mk({
    createdAt: at('2026-11-02T10:00:00Z'),
    customerMessages: [at('2026-11-02T10:00:00Z'), at('2026-11-03T10:00:00Z')],
    teamReplies: [at('2026-11-02T11:00:00Z'), at('2026-11-03T12:00:00Z')],
    solves: [at('2026-11-02T12:00:00Z'), at('2026-11-04T10:00:00Z')],
    status: 'Closed',
  }); // reopened, last solve 48 h after creation; 4 messages
  const r3 = mk({
    createdAt: at('2026-11-05T00:00:00Z'),
    customerMessages: [at('2026-11-05T00:00:00Z'), at('2026-11-06T00:00:00Z')],
    teamReplies: [at('2026-11-05T01:00:00Z')],
    solves: [at('2026-11-05T06:00:00Z')],
    status: 'Open',
  }); // reopened and still open: no resolution; 3 messages
  const r4 = mk({
    createdAt: at('2026-11-07T00:00:00Z'),
    teamReplies: [at('2026-11-07T01:00:00Z')],
    solves: [at('2026-11-10T00:00:00Z')],
    status: 'Solved',
  }); // solved after the range: in nothing here
  const r5 = mk({
    createdAt: at('2026-11-01T00:00:00Z'),
    customerMessages: ['01T00', '01T02', '01T03', '07T00', '07T02', '07T04'].map((d) =>
      at(`2026-11-${d}:00:00Z`),
    ),
    teamReplies: ['01T01', '01T02:30', '01T04', '07T01', '07T03', '07T05'].map((d) =>
      at(`2026-11-${d.length === 5 ? `${d}:00` : d}:00Z`),
    ),
    solves: [at('2026-11-01T05:00:00Z'), at('2026-11-08T00:00:00Z')],
    status: 'Solved',
  }); // solved before and in the range, reopened between: 168 h; 12 messages
  const r6 = mk({
    createdAt: at('2026-11-06T00:00:00Z'),
    customerMessages: [at('2026-11-06T00:00:00Z'), at('2026-11-06T01:00:00Z')],
    solves: [at('2026-11-06T01:00:00Z')],
    status: 'Solved',
  }); // a message at the very instant of the solve is no reopen: 1 h; 2 messages
  const report = computeReport(
    [r1, r2, r3, r4, r5, r6],
    [],
    scope('2026-11-02T00:00:00Z', '2026-11-09T00:00:00Z'),
    options('2026-11-12T00:00:00Z'),
  );

  it('measures created → last solve for tickets done now whose last solve is in the range', () => {
    const clock = report.resolution.clock;
    // 1, 48, 96, 168 h: mean 313/4 = 78.25; median rank 2 = 48; p90 rank 4 = 168.
    expect(clock.count).toBe(4);
    expect(hours(clock.mean)).toBe(78.25);
    expect(hours(clock.median)).toBe(48);
    expect(hours(clock.p90)).toBe(168);
    expect(hours(clock.max)).toBe(168);
    expect(clock.worst.map((w) => w.threadId)).toEqual([r5.threadId, r1.threadId, r2.threadId, r6.threadId]);
    expect(hours(report.resolution.business.mean)).toBe(78.25);
  });

  it('counts tickets solved in the range and those the customer wrote to again after a solve', () => {
    // Solved in the range: r1, r2, r3, r5, r6. Reopened: r2, r3, r5.
    expect(report.reopen).toEqual({ solved: 5, reopened: 3, rate: 0.6 });
  });

  it('counts messages per solved ticket as the effort signal', () => {
    // 2, 4, 3, 12, 2 → sorted 2, 2, 3, 4, 12: mean 4.6, median rank 3 = 3, p90 rank ⌈4.5⌉ = 5 → 12.
    expect(report.effort.messages).toEqual({ count: 5, mean: 4.6, median: 3, p90: 12, max: 12 });
    expect(report.effort.histogram).toEqual([
      { messages: 1, tickets: 0 },
      { messages: 2, tickets: 2 },
      { messages: 3, tickets: 1 },
      { messages: 4, tickets: 1 },
      { messages: 5, tickets: 0 },
      { messages: 6, tickets: 0 },
      { messages: 7, tickets: 0 },
      { messages: 8, tickets: 0 },
      { messages: 9, tickets: 0 },
      { messages: 10, tickets: 1 },
    ]);
  });
});

describe('backlog', () => {
  it('counts tickets open at the end of each day: a solve closes, a later customer message reopens', () => {
    const facts = [
      ticket({ createdAt: at('2026-10-28T09:00:00Z') }), // b1: open throughout
      ticket({
        createdAt: at('2026-10-29T09:00:00Z'),
        solves: [at('2026-10-30T09:00:00Z')],
        status: 'Solved',
      }), // b2: solved before the range
      ticket({
        createdAt: at('2026-11-02T10:00:00Z'),
        customerMessages: [at('2026-11-02T10:00:00Z'), at('2026-11-04T08:00:00Z')],
        solves: [at('2026-11-03T12:00:00Z'), at('2026-11-05T10:00:00Z')],
        status: 'Solved',
      }), // b3: open, solved, reopened, solved
      ticket({ createdAt: at('2026-11-03T23:59:00Z') }), // b4: from the end of 3 November
      ticket({ createdAt: at('2026-11-04T00:00:00Z') }), // b5: not yet at the end of 3 November
      ticket({
        createdAt: at('2026-11-02T05:00:00Z'),
        customerMessages: [at('2026-11-02T05:00:00Z'), at('2026-11-02T06:00:00Z')],
        solves: [at('2026-11-02T06:00:00Z')],
        status: 'Solved',
      }), // b6: a message at the solve's instant does not reopen
      ticket({ createdAt: at('2026-11-09T00:00:00Z') }), // b7: after the range
      ticket({
        createdAt: at('2026-11-01T09:00:00Z'),
        customerMessages: [at('2026-11-01T09:00:00Z'), at('2026-11-03T10:00:00Z')],
        solves: [at('2026-11-01T10:00:00Z')],
        status: 'Open',
      }), // b8: solved before the range, reopened on 3 November
    ];
    const report = computeReport(
      facts,
      [],
      scope('2026-11-02T00:00:00Z', '2026-11-06T00:00:00Z'),
      options('2026-11-12T00:00:00Z'),
    );
    expect(report.backlog.map((d) => [d.key, d.open])).toEqual([
      ['2026-11-02', 2], // b1, b3
      ['2026-11-03', 3], // b1, b4, b8
      ['2026-11-04', 5], // b1, b3, b4, b5, b8
      ['2026-11-05', 4], // b1, b4, b5, b8
    ]);
  });

  it('ends each day at local midnight in Warsaw, also on the 25-hour day', () => {
    const facts = [
      // 23:30 CET on Sunday 25 October is still that day in Warsaw (it would be Monday at +02:00).
      ticket({ createdAt: at('2026-10-25T23:30:00+01:00') }),
      ticket({
        createdAt: at('2026-10-24T12:00:00+02:00'),
        solves: [at('2026-10-25T23:30:00+01:00')],
        status: 'Solved',
      }),
    ];
    const report = computeReport(
      facts,
      [],
      {
        from: at('2026-10-24T00:00:00+02:00'),
        to: at('2026-10-27T00:00:00+01:00'),
        timeZone: 'Europe/Warsaw',
      },
      options('2026-10-28T00:00:00Z'),
    );
    expect(report.backlog.map((d) => [d.key, d.open])).toEqual([
      ['2026-10-24', 1],
      ['2026-10-25', 1],
      ['2026-10-26', 1],
    ]);
  });
});

describe('CSAT', () => {
  const c1 = ticket({
    createdAt: at('2026-10-20T00:00:00Z'),
    assignee: 'Anna',
    group: 'Billing',
    tags: ['Billing/Refund', 'Shipping'],
  });
  const c2 = ticket({
    createdAt: at('2026-10-20T00:00:00Z'),
    assignee: 'Bartek',
    group: 'Shipping',
    tags: ['Shipping/Late by shipper'],
  });
  const c3 = ticket({ createdAt: at('2026-10-20T00:00:00Z'), assignee: 'Anna', group: 'Shipping' });
  const c4 = ticket({ createdAt: at('2026-10-20T00:00:00Z'), tags: ['Billing'] });
  const answers = [
    answer(c1, 'good', at('2026-11-03T10:00:00Z'), { comment: 'Quick, thanks' }), // A1
    answer(c2, 'bad', at('2026-11-04T10:00:00Z'), { comment: 'Took a week', effort: 2 }), // A2
    answer(c3, 'okay', at('2026-11-10T10:00:00Z'), { effort: 4 }), // A3
    answer(c1, 'bad', at('2026-11-11T10:00:00Z'), { comment: 'Still broken' }), // A4
    answer('gone', 'good', at('2026-11-12T10:00:00Z'), { comment: 'Great' }), // A5: unknown ticket
    answer(c2, 'good', at('2026-11-20T10:00:00Z')), // after the range
    answer(c4, 'good', at('2026-11-13T10:00:00Z'), { comment: '   ' }), // A7: blank comment
    answer(c3, 'good', at('2026-11-01T23:59:59Z')), // before the range
  ];
  const run = (extra: Partial<ReportScope> = {}) =>
    computeReport(
      [c1, c2, c3, c4],
      answers,
      scope('2026-11-02T00:00:00Z', '2026-11-16T00:00:00Z', extra),
      options('2026-11-20T00:00:00Z'),
    ).csat;
  const counts = (good: number, okay: number, bad: number) => ({
    good,
    okay,
    bad,
    answers: good + okay + bad,
    shareGood: good + okay + bad === 0 ? null : good / (good + okay + bad),
  });

  it('counts answers in the range, by week, with the effort answers', () => {
    const csat = run();
    // A1, A5, A7 good; A3 okay; A2, A4 bad.
    expect(csat.total).toEqual(counts(3, 1, 2));
    expect(csat.effort).toEqual({ answers: 2, mean: 3 });
    expect(csat.weeks).toEqual([
      { key: '2026-W45', start: at('2026-11-02T00:00:00Z'), ...counts(1, 0, 1) }, // A1, A2
      { key: '2026-W46', start: at('2026-11-09T00:00:00Z'), ...counts(2, 1, 1) }, // A3, A4, A5, A7
    ]);
  });

  it('breaks answers down by agent, group and tag (the "what" too), most answers first', () => {
    const csat = run();
    expect(csat.byAgent).toEqual([
      { key: 'Anna', ...counts(1, 1, 1) }, // A1, A3, A4
      { key: 'Bartek', ...counts(0, 0, 1) }, // A2
    ]);
    expect(csat.byGroup).toEqual([
      { key: 'Billing', ...counts(1, 0, 1) }, // A1, A4
      { key: 'Shipping', ...counts(0, 1, 1) }, // A2, A3
    ]);
    expect(csat.byTag).toEqual([
      { key: 'Billing', ...counts(2, 0, 1) }, // A1, A4 (via Billing/Refund), A7
      { key: 'Shipping', ...counts(1, 0, 2) }, // A1, A4, A2 (via Shipping/Late by shipper)
      { key: 'Billing/Refund', ...counts(1, 0, 1) }, // A1, A4
      { key: 'Shipping/Late by shipper', ...counts(0, 0, 1) }, // A2
    ]);
  });

  it('lists comments bad first, newest first within a rating, without blank ones', () => {
    expect(run().comments).toEqual([
      {
        threadId: c1.threadId,
        reference: c1.reference,
        rating: 'bad',
        comment: 'Still broken',
        answeredAt: at('2026-11-11T10:00:00Z'),
        assignee: 'Anna',
        group: 'Billing',
      },
      {
        threadId: c2.threadId,
        reference: c2.reference,
        rating: 'bad',
        comment: 'Took a week',
        answeredAt: at('2026-11-04T10:00:00Z'),
        assignee: 'Bartek',
        group: 'Shipping',
      },
      {
        threadId: 'gone',
        reference: '',
        rating: 'good',
        comment: 'Great',
        answeredAt: at('2026-11-12T10:00:00Z'),
      },
      {
        threadId: c1.threadId,
        reference: c1.reference,
        rating: 'good',
        comment: 'Quick, thanks',
        answeredAt: at('2026-11-03T10:00:00Z'),
        assignee: 'Anna',
        group: 'Billing',
      },
    ]);
  });

  it('filters answers by their ticket; an unknown ticket counts only without filters', () => {
    expect(run({ agent: 'Anna' }).total).toEqual(counts(1, 1, 1)); // A1, A3, A4
    expect(run({ group: 'Shipping' }).total).toEqual(counts(0, 1, 1)); // A2, A3
    expect(run({ tag: 'Shipping' }).total).toEqual(counts(1, 0, 2)); // A1, A2, A4
    expect(run({ tag: 'Billing/Refund' }).total).toEqual(counts(1, 0, 1)); // A1, A4
    expect(run({ tag: 'Ship' }).total).toEqual(counts(0, 0, 0));
  });
});

describe('volume ratio', () => {
  const facts = [
    ticket({ createdAt: at('2026-10-05T10:00:00Z'), requester: 'a@example.com' }),
    ticket({ createdAt: at('2026-10-06T10:00:00Z'), requester: 'a@example.com' }),
    ticket({ createdAt: at('2026-10-20T10:00:00Z'), requester: 'b@example.com' }),
    ticket({ createdAt: at('2026-11-02T10:00:00Z'), requester: 'a@example.com' }),
    // Created in September, wrote again in October: a requester of October, not one of its tickets.
    ticket({
      createdAt: at('2026-09-28T10:00:00Z'),
      requester: 'c@example.com',
      customerMessages: [at('2026-09-28T10:00:00Z'), at('2026-10-02T10:00:00Z')],
    }),
    ticket({ createdAt: at('2026-11-10T10:00:00Z') }), // metadata not read yet: no requester
  ];
  const run = (monthly?: ReportOptions['monthly']) =>
    computeReport(
      facts,
      [],
      scope('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z'),
      options('2026-12-01T00:00:00Z', monthly ? { monthly } : {}),
    ).volumeRatio;

  it('divides tickets by the orders and customers typed in for the month', () => {
    expect(run([{ month: '2026-10', orders: 150, customers: 60 }])).toEqual([
      // 3 / 150 = 0.02 tickets per order, 3 / 60 = 0.05 per customer.
      {
        month: '2026-10',
        tickets: 3,
        requesters: 3,
        orders: 150,
        customers: 60,
        ticketsPerOrder: 0.02,
        ticketsPerCustomer: 0.05,
      },
      {
        month: '2026-11',
        tickets: 2,
        requesters: 1,
        orders: null,
        customers: null,
        ticketsPerOrder: null,
        ticketsPerCustomer: null,
      },
    ]);
  });

  it('has no ratio without typed counts, or with a count of zero', () => {
    const none = run();
    expect(none.map((m) => [m.tickets, m.ticketsPerOrder, m.ticketsPerCustomer])).toEqual([
      [3, null, null],
      [2, null, null],
    ]);
    const zero = run([{ month: '2026-11', orders: 0 }]);
    expect(zero[1]).toMatchObject({ orders: 0, ticketsPerOrder: null });
  });
});

describe('filters', () => {
  const facts = [
    ticket({
      createdAt: at('2026-11-02T10:00:00Z'),
      group: 'Billing',
      assignee: 'Anna',
      tags: ['Billing/Refund'],
    }),
    ticket({
      createdAt: at('2026-11-02T11:00:00Z'),
      group: 'Shipping',
      assignee: 'Anna',
      tags: ['Shipping'],
    }),
    ticket({
      createdAt: at('2026-11-03T10:00:00Z'),
      group: 'Shipping',
      assignee: 'Bartek',
      tags: ['Shipping/Late by shipper', 'Complaint'],
      teamReplies: [at('2026-11-03T12:00:00Z')],
    }),
    ticket({ createdAt: at('2026-11-03T11:00:00Z'), group: 'Shipping', tags: ['Shipping2'] }),
    ticket({ createdAt: at('2026-11-04T10:00:00Z'), tags: ['Shippingx/Late'] }),
  ];
  const run = (extra: Partial<ReportScope>) =>
    computeReport(
      facts,
      [],
      scope('2026-11-02T00:00:00Z', '2026-11-05T00:00:00Z', extra),
      options('2026-11-05T00:00:00Z'),
    );

  it.each([
    [{}, 5],
    [{ group: 'Shipping' }, 3],
    [{ agent: 'Anna' }, 2],
    [{ tag: 'Shipping' }, 2], // `Shipping` and `Shipping/Late by shipper`, not `Shipping2` or `Shippingx/Late`
    [{ tag: 'Shipping/Late by shipper' }, 1],
    [{ group: 'Shipping', agent: 'Anna' }, 1],
    [{ group: 'Billing', tag: 'Shipping' }, 0],
  ] as const)('%o keeps %i tickets', (extra, count) => {
    const report = run(extra);
    expect(report.tickets).toBe(count);
    expect(report.volume.days.reduce((sum, d) => sum + d.tickets, 0)).toBe(count);
    expect(report.backlog.at(-1)?.open).toBe(count);
  });

  it('applies to first response and keeps the scope it was given', () => {
    const report = run({ agent: 'Bartek' });
    expect(report.scope.agent).toBe('Bartek');
    expect(report.firstResponse.clock.count).toBe(1);
    expect(hours(report.firstResponse.clock.mean)).toBe(2);
    expect(run({ agent: 'Anna' }).firstResponse.unanswered).toBe(2);
  });
});

describe('an empty mailbox', () => {
  const report = computeReport(
    [],
    [],
    scope('2026-11-02T00:00:00Z', '2026-11-04T00:00:00Z'),
    options('2026-11-05T00:00:00Z'),
  );

  it('says "no data" with nulls, never zeros or NaN, and keeps the periods', () => {
    const empty = { count: 0, mean: null, median: null, p90: null, max: null };
    expect(report.tickets).toBe(0);
    expect(report.firstResponse.clock).toMatchObject(empty);
    expect(report.firstResponse.business.withinTargets).toEqual([
      { hours: 1, count: 0, share: null },
      { hours: 6, count: 0, share: null },
      { hours: 24, count: 0, share: null },
    ]);
    expect(report.firstResponse.clock.worst).toEqual([]);
    expect(report.resolution.clock).toMatchObject(empty);
    expect(report.reopen).toEqual({ solved: 0, reopened: 0, rate: null });
    expect(report.effort.messages).toEqual(empty);
    expect(report.csat.total).toEqual({ good: 0, okay: 0, bad: 0, answers: 0, shareGood: null });
    expect(report.csat.effort).toEqual({ answers: 0, mean: null });
    expect(report.volume.days.map((d) => d.tickets)).toEqual([0, 0]);
    expect(report.backlog.map((d) => d.open)).toEqual([0, 0]);
    expect(report.volumeRatio).toEqual([
      {
        month: '2026-11',
        tickets: 0,
        requesters: 0,
        orders: null,
        customers: null,
        ticketsPerOrder: null,
        ticketsPerCustomer: null,
      },
    ]);
    const numbers: number[] = [];
    JSON.stringify(report, (_, value) => {
      if (typeof value === 'number') numbers.push(value);
      return value;
    });
    expect(numbers.some(Number.isNaN)).toBe(false);
  });

  it('honours other targets', () => {
    const other = computeReport([], [], report.scope, options('2026-11-05T00:00:00Z', { targetsHours: [4] }));
    expect(other.firstResponse.clock.withinTargets).toEqual([{ hours: 4, count: 0, share: null }]);
  });
});

describe('reports over the same facts array', () => {
  it('give what a fresh copy gives, whatever was asked before (cached columns, tag matches, answers)', () => {
    const facts = [
      ticket({
        createdAt: at('2026-11-02T10:00:00Z'),
        group: 'Billing',
        assignee: 'Anna',
        tags: ['Billing/Refund'],
        requester: 'a@example.com',
      }),
      ticket({
        createdAt: at('2026-11-03T10:00:00Z'),
        group: 'Shipping',
        tags: ['Shipping'],
        teamReplies: [at('2026-11-03T11:00:00Z')],
        solves: [at('2026-11-03T12:00:00Z')],
        status: 'Solved',
        requester: 'b@example.com',
      }),
    ];
    const first = [answer(facts[1] as TicketFacts, 'bad', at('2026-11-04T10:00:00Z'), { comment: 'Late' })];
    const second = [answer(facts[0] as TicketFacts, 'good', at('2026-11-04T10:00:00Z'))];
    const range = scope('2026-11-02T00:00:00Z', '2026-11-05T00:00:00Z');
    const opts = options('2026-11-05T00:00:00Z');
    computeReport(facts, first, { ...range, tag: 'Billing' }, opts);
    computeReport(facts, first, { ...range, group: 'Shipping' }, opts);
    for (const [csat, extra] of [
      [first, { tag: 'Shipping' }],
      [second, {}],
      [second, { agent: 'Anna', tag: 'Billing' }],
    ] as const) {
      expect(computeReport(facts, csat, { ...range, ...extra }, opts)).toEqual(
        computeReport(structuredClone(facts), structuredClone(csat), { ...range, ...extra }, opts),
      );
    }
    expect(computeReport(facts, second, range, opts).csat.byAgent).toEqual([
      { key: 'Anna', good: 1, okay: 0, bad: 0, answers: 1, shareGood: 1 },
    ]);
  });
});
