/**
 * The shapes the reports page draws (issue 7). Computed by ./report.ts and ./recurring.ts from
 * ./facts.ts; every duration is in milliseconds, every time epoch milliseconds. Null means "no data"
 * (no ticket to average), never zero.
 */
import type { CsatRating } from '../records';
import type { ReportScope } from './facts';

/** A ticket named in a list of worst cases or examples: enough to find it in Gmail. */
export interface TicketRef {
  threadId: string;
  reference: string;
  subject: string;
  assignee?: string;
  group?: string;
}

export interface Distribution {
  count: number;
  mean: number | null;
  median: number | null;
  /** 90th percentile, nearest-rank. */
  p90: number | null;
  max: number | null;
}

export interface HistogramBucket {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge; null for the last, open bucket. */
  to: number | null;
  count: number;
}

export interface DurationStats extends Distribution {
  /** Share of the counted tickets at or under each target (hours as asked, e.g. 1, 6, 24). */
  withinTargets: { hours: number; count: number; share: number | null }[];
  /** Fixed buckets: <1 h, 1-2 h, 2-4 h, 4-8 h, 8-24 h, 1-2 d, 2-3 d, 3-7 d, 7 d and more. */
  histogram: HistogramBucket[];
  /** The longest waits first (at most 10): the customers who had the poorest experience. */
  worst: (TicketRef & { ms: number; open: boolean })[];
}

/** One period of a time series: a local day (`2026-11-23`), ISO week (`2026-W47`) or month (`2026-11`). */
export interface Period {
  key: string;
  /** Start of the period in the scope's time zone. */
  start: number;
}

export interface CsatCounts {
  good: number;
  okay: number;
  bad: number;
  answers: number;
  /** good / answers; null without answers. */
  shareGood: number | null;
}

export interface CsatComment {
  threadId: string;
  reference: string;
  rating: CsatRating;
  comment: string;
  answeredAt: number;
  assignee?: string;
  group?: string;
}

export interface Report {
  scope: ReportScope;
  /** Tickets created in the scope (range and filters). */
  tickets: number;
  /** Of those, how many have only their first message read so far (the store's backfill is behind). */
  partial: number;
  volume: {
    days: (Period & { tickets: number })[];
    weeks: (Period & { tickets: number })[];
  };
  firstResponse: {
    /** Created in the scope and answered by a person: wall-clock time to the first reply. */
    clock: DurationStats;
    /** The same in business hours of the ticket's calendar (its group's, or the team's default). */
    business: DurationStats;
    /** Created in the scope, still active and never answered; their wait so far counts in `worst`. */
    unanswered: number;
    /** Solved or closed without any reply (a "thanks", a duplicate). */
    closedWithoutReply: number;
  };
  /** Tickets whose last solve is in the range and that are still Solved or Closed: created → last solve. */
  resolution: { clock: DurationStats; business: DurationStats };
  /** Of the tickets solved in the range, how many the customer reopened (wrote again after a solve). */
  reopen: { solved: number; reopened: number; rate: number | null };
  /** Tickets active (not Solved or Closed) at the end of each day of the range. */
  backlog: (Period & { open: number })[];
  /** Messages (customer and team) per ticket solved in the range: an effort signal. */
  effort: {
    messages: Distribution;
    /** Tickets with 1, 2, … 9 messages, and 10 or more (`messages` 10). */
    histogram: { messages: number; tickets: number }[];
  };
  csat: {
    total: CsatCounts;
    /** Customer Effort answers (1 very hard … 5 very easy): how many and the mean. */
    effort: { answers: number; mean: number | null };
    weeks: (Period & CsatCounts)[];
    byAgent: ({ key: string } & CsatCounts)[];
    byGroup: ({ key: string } & CsatCounts)[];
    byTag: ({ key: string } & CsatCounts)[];
    /** Every answer with a comment, bad first, newest first within a rating. */
    comments: CsatComment[];
  };
  /** Per calendar month of the range; ratios are null where the count was not typed in. */
  volumeRatio: {
    month: string;
    tickets: number;
    /** Distinct requesters who wrote that month. */
    requesters: number;
    orders: number | null;
    customers: number | null;
    ticketsPerOrder: number | null;
    ticketsPerCustomer: number | null;
  }[];
}

/** A tag's weekly counts and whether the last full week is unlikely against its own recent baseline. */
export interface TagTrend {
  tag: string;
  /** Oldest first; the last entry is the week being judged. */
  weeks: (Period & { count: number })[];
  /** Mean tickets per week over the baseline weeks (all weeks before the judged one). */
  baseline: number;
  current: number;
  alert: 'spike' | 'drop' | null;
  /**
   * The chance of a count at least this far from the baseline if nothing had changed (one-sided Poisson
   * tail with the baseline as its mean). An alert needs pValue below the threshold in TrendOptions.
   */
  pValue: number;
}

export interface TrendOptions {
  /** Weeks of baseline before the judged week (default 8). */
  baselineWeeks: number;
  /** The chance below which a change is flagged (default 0.01: by chance about once in 100 tag-weeks). */
  alpha: number;
  /** A spike needs at least this many tickets in the judged week (default 3), so 0 → 1 never alarms. */
  minCount: number;
}

/** One customer who came back with the same problem or complained again: a real problem, not noise. */
export interface RepeatedComplaint {
  requester: string;
  /** Why the group is flagged: complaint-tagged tickets, bad ratings, or the same tag again and again. */
  reason: 'complaint' | 'bad-rating' | 'same-tag';
  /** The tag they share, for 'same-tag'. */
  tag?: string;
  tickets: (TicketRef & { createdAt: number })[];
}

/** Untagged tickets that read alike: a candidate for a new tag. */
export interface TagSuggestion {
  /** A suggested name from the words they share, e.g. "Discount code". */
  name: string;
  terms: string[];
  tickets: TicketRef[];
}
