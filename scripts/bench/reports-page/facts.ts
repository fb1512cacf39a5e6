/**
 * The reports bench's mailbox: 100,000 ticket facts over a year and 20,000 CSAT answers, seeded so every run
 * and every engine (Node, Chromium) sees the same tickets. Four groups, eight agents, thirty tag paths, and
 * timelines shaped like a small shop's: more mail on weekday mornings, first replies mostly within hours with
 * a long tail, some unanswered, some reopened, some read only to the first message.
 */
import type { BusinessCalendar } from '../../../src/core/automation-config';
import type { CsatFact, MonthlyCounts, TicketFacts } from '../../../src/core/metrics/facts';
import type { TicketStatus } from '../../../src/core/ticket';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const BENCH_TIME_ZONE = 'Europe/Warsaw';
/** The bench's "now": the year of tickets ends here. */
export const BENCH_NOW = Date.parse('2026-11-23T10:00:00Z');
export const BENCH_YEAR_FROM = BENCH_NOW - 365 * DAY;

export const BENCH_GROUPS = ['Billing', 'Shipping', 'Technical', 'Second line'] as const;
/** Two agents per group, in the order of BENCH_GROUPS. */
export const BENCH_AGENTS = ['Anna', 'Bartek', 'Chiara', 'Dmitri', 'Emi', 'Farid', 'Greta', 'Hiro'] as const;
const WHATS = [
  'Billing',
  'Shipping',
  'Returns',
  'Account',
  'Bug',
  'Discount code',
  'Product question',
  'Order change',
  'Complaint',
  'Partnership',
];
const WHYS = ['Late', 'Wrong item', 'Other'];
/** Thirty paths: each "what" with three "why"s. */
export const BENCH_TAGS: readonly string[] = WHATS.flatMap((what) => WHYS.map((why) => `${what}/${why}`));

/** mulberry32: small, fast, good enough to shape test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface BenchMailbox {
  facts: TicketFacts[];
  csat: CsatFact[];
  monthly: MonthlyCounts[];
}

export function benchMailbox(seed = 7, count = 100_000, answers = 20_000): BenchMailbox {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  /** Log-normal hours: median `median`, spread `sigma` (Box-Muller). */
  const lognormalHours = (median: number, sigma: number) =>
    median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())) * HOUR;

  const facts: TicketFacts[] = [];
  for (let i = 0; i < count; i++) {
    // Spread over the year, thinner at weekends and at night (rejection on a weekday/hour weight).
    let created = 0;
    for (;;) {
      created = BENCH_YEAR_FROM + Math.floor(rnd() * 365 * DAY);
      const date = new Date(created);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      const hour = date.getUTCHours();
      const weight = (weekend ? 0.4 : 1) * (hour >= 6 && hour < 18 ? 1 : 0.35);
      if (rnd() < weight) break;
    }
    const g = Math.floor(rnd() * BENCH_GROUPS.length);
    const group = BENCH_GROUPS[g] as string;
    const assignee = rnd() < 0.9 ? (BENCH_AGENTS[g * 2 + (rnd() < 0.5 ? 0 : 1)] as string) : undefined;
    const tags: string[] = [];
    if (rnd() < 0.85) tags.push(pick(BENCH_TAGS));
    if (rnd() < 0.2) tags.push(pick(BENCH_TAGS));

    const customerMessages = [created];
    const teamReplies: number[] = [];
    const solves: number[] = [];
    let at = created;
    let status: TicketStatus = 'New';
    const unanswered = rnd() < 0.04;
    if (!unanswered) {
      at += lognormalHours(3, 1.4);
      teamReplies.push(at);
      status = 'Open';
      // A few more exchanges.
      const rounds = Math.floor(rnd() * rnd() * 4);
      for (let r = 0; r < rounds; r++) {
        at += lognormalHours(8, 1.2);
        customerMessages.push(at);
        at += lognormalHours(4, 1.3);
        teamReplies.push(at);
      }
      if (rnd() < 0.88) {
        at += lognormalHours(1, 1.5);
        solves.push(at);
        status = 'Solved';
        if (rnd() < 0.08) {
          // Reopened: the customer writes again, the team answers and solves again.
          at += lognormalHours(30, 1);
          customerMessages.push(at);
          at += lognormalHours(3, 1.2);
          teamReplies.push(at);
          status = 'Open';
          if (rnd() < 0.8) {
            at += lognormalHours(2, 1);
            solves.push(at);
            status = 'Solved';
          }
        } else if (rnd() < 0.5) status = 'Closed';
      } else if (rnd() < 0.5) status = 'Pending';
    } else if (rnd() < 0.3) {
      at += lognormalHours(12, 1);
      solves.push(at);
      status = 'Closed';
    }
    // Nothing happens after now: a timeline cut by now keeps its past and its current status.
    const past = (list: number[]) => list.filter((t) => t <= BENCH_NOW);
    const pastSolves = past(solves);
    if (pastSolves.length < solves.length)
      status = teamReplies[0] !== undefined && teamReplies[0] <= BENCH_NOW ? 'Open' : 'New';
    const ticket: TicketFacts = {
      threadId: `bench-${i.toString(36)}`,
      reference: `#B${i.toString(36).toUpperCase().padStart(5, '0')}`,
      subject: `Bench ticket ${i}`,
      requester: `customer${Math.floor(rnd() * count * 0.6)}@example.com`,
      createdAt: created,
      status,
      group,
      tags,
      customerMessages: past(customerMessages),
      teamReplies: past(teamReplies),
      solves: pastSolves,
      complete: rnd() < 0.97,
    };
    if (assignee !== undefined) ticket.assignee = assignee;
    facts.push(ticket);
  }

  const solved = facts.filter((t) => t.solves.length > 0);
  const csat: CsatFact[] = [];
  const ratings: CsatFact['rating'][] = [
    'good',
    'good',
    'good',
    'good',
    'good',
    'good',
    'okay',
    'okay',
    'bad',
    'bad',
  ];
  for (let i = 0; i < answers && solved.length > 0; i++) {
    const t = pick(solved);
    const answeredAt = Math.min(BENCH_NOW, (t.solves[0] as number) + lognormalHours(6, 1));
    const fact: CsatFact = { threadId: t.threadId, rating: pick(ratings), answeredAt };
    if (rnd() < 0.3) fact.comment = `Comment ${i}`;
    if (rnd() < 0.4) fact.effort = 1 + Math.floor(rnd() * 5);
    csat.push(fact);
  }

  const monthly: MonthlyCounts[] = [];
  for (let m = 0; m < 13; m++) {
    const date = new Date(BENCH_YEAR_FROM + m * 30 * DAY);
    const month = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    if (!monthly.some((x) => x.month === month))
      monthly.push({ month, orders: 20_000 + m * 500, customers: 12_000 });
  }
  return { facts, csat, monthly };
}

const warsawHolidays = [
  '2026-01-01',
  '2026-01-06',
  '2026-04-06',
  '2026-05-01',
  '2026-05-03',
  '2026-06-04',
  '2026-08-15',
  '2026-11-01',
  '2026-11-11',
  '2026-12-25',
  '2026-12-26',
];
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

/** Three calendars: the team's in Warsaw, a longer-hours one for Technical, New York for Second line. */
export const BENCH_CALENDARS: Record<string, BusinessCalendar> = {
  team: {
    id: 'team',
    name: 'Team',
    timeZone: 'Europe/Warsaw',
    hours: weekdays('09:00', '17:00'),
    holidays: warsawHolidays.map((date) => ({ date })),
  },
  tech: {
    id: 'tech',
    name: 'Technical',
    timeZone: 'Europe/Warsaw',
    hours: [...weekdays('08:00', '20:00'), { day: 6, start: '10:00', end: '14:00' }],
    holidays: warsawHolidays.map((date) => ({ date })),
  },
  us: {
    id: 'us',
    name: 'Second line',
    timeZone: 'America/New_York',
    hours: weekdays('09:00', '17:00'),
    holidays: [{ date: '2026-07-03' }, { date: '2026-11-26' }, { date: '2026-12-25' }],
  },
};

export function benchCalendarFor(group: string | undefined): BusinessCalendar {
  if (group === 'Technical') return BENCH_CALENDARS.tech as BusinessCalendar;
  if (group === 'Second line') return BENCH_CALENDARS.us as BusinessCalendar;
  return BENCH_CALENDARS.team as BusinessCalendar;
}
