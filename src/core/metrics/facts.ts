/**
 * What the reports are computed from (issue 7): one compact row per ticket and one per CSAT answer, read
 * from this browser's store. Pure data: no IndexedDB, no chrome.*, so every metric is tested on hand-made
 * mailboxes with known answers. Times are epoch milliseconds.
 */
import type { CsatRating } from '../records';
import type { TicketPriority, TicketStatus } from '../ticket';

export interface TicketFacts {
  threadId: string;
  /** `#K7Q2XM`, as agents see it. */
  reference: string;
  subject: string;
  /** The requester's address, lower case; absent before the thread's metadata was read. */
  requester?: string;
  /** When the customer's first message arrived. */
  createdAt: number;
  status: TicketStatus;
  priority?: TicketPriority;
  assignee?: string;
  group?: string;
  /** Tag paths as labelled: `Shipping` or `Shipping/Late by shipper`. */
  tags: readonly string[];
  /** When each customer message arrived, ascending (auto-replies and survey answers are not here). */
  customerMessages: readonly number[];
  /** When each human team reply was sent, ascending (acknowledgements and surveys are not replies). */
  teamReplies: readonly number[];
  /** When the ticket was set Solved or Closed, ascending; one entry per solve (a reopened ticket has two). */
  solves: readonly number[];
  /**
   * True when the timeline was read from the whole thread. False while only the first message is known
   * (the store's backfill has not reached it): reports count such tickets but say how many are partial.
   */
  complete: boolean;
}

export interface CsatFact {
  threadId: string;
  rating: CsatRating;
  /** Customer Effort answer, 1 (very hard) to 5 (very easy). */
  effort?: number;
  comment?: string;
  answeredAt: number;
}

/** What the founder typed in for the volume ratio, per calendar month (`2026-10`). */
export interface MonthlyCounts {
  month: string;
  orders?: number;
  customers?: number;
}

/** The slice of the mailbox a report covers: [from, to) and the filters, all optional but the range. */
export interface ReportScope {
  from: number;
  to: number;
  /** IANA zone in which days, weeks (ISO, Monday first) and months are counted. */
  timeZone: string;
  group?: string;
  agent?: string;
  /** A tag path; `Shipping` also matches `Shipping/Late by shipper`. */
  tag?: string;
}
