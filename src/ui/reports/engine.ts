/**
 * The computations the page runs, as one interface: src/core/metrics' functions in the page, hand-made
 * reports in unit tests. Signatures are those of report.ts, recurring.ts and tag-clusters.ts.
 */
import type { BusinessCalendar } from '../../core/automation-config';
import type { CsatFact, MonthlyCounts, ReportScope, TicketFacts } from '../../core/metrics/facts';
import type {
  RepeatedComplaint,
  Report,
  TagSuggestion,
  TagTrend,
  TrendOptions,
} from '../../core/metrics/report-types';

export interface ReportEngine {
  computeReport(
    facts: TicketFacts[],
    csat: CsatFact[],
    scope: ReportScope,
    options: {
      now: number;
      targetsHours?: number[];
      calendarFor: (group: string | undefined) => BusinessCalendar;
      monthly?: MonthlyCounts[];
    },
  ): Report;
  tagTrends(
    facts: TicketFacts[],
    scope: ReportScope,
    now: number,
    options?: Partial<TrendOptions>,
  ): TagTrend[];
  repeatedComplaints(
    facts: TicketFacts[],
    csat: CsatFact[],
    scope: ReportScope,
    options?: { windowDays?: number },
  ): RepeatedComplaint[];
  suggestTags(
    facts: TicketFacts[],
    scope: ReportScope,
    options?: { minSize?: number; max?: number },
  ): TagSuggestion[];
}

/** The recurring-issues section's numbers for one filter. */
export interface RecurringResult {
  trends: TagTrend[];
  complaints: RepeatedComplaint[];
  suggestions: TagSuggestion[];
}

/**
 * Everything drawn for one filter: computed once and kept while the data stays the same. The report comes
 * first and is drawn; the recurring issues are computed after it has been painted.
 */
export interface ComputedReport {
  report: Report;
  /** The moment the report was computed for (unanswered waits and trend weeks run to it). */
  at: number;
  recurring?: RecurringResult;
}

/** The first-response targets the cards show (S002: 37% expect an answer within an hour, 80% within a day). */
export const TARGET_HOURS = [1, 6, 24];

/** Tag trends judged against 8 weeks of baseline; flagged when by chance less than once in 100 weeks. */
export const TREND_OPTIONS: TrendOptions = { baselineWeeks: 8, alpha: 0.01, minCount: 3 };
