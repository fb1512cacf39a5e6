/** Hand-made reports for the page's unit tests: known numbers, no computation. */
import { defaultAutomationSettings } from '../../core/automation-config';
import type { ReportScope, TicketFacts } from '../../core/metrics/facts';
import type { DurationStats, Report } from '../../core/metrics/report-types';
import type { ComputedReport, ReportEngine } from './engine';
import type { ReportsData } from './reports-source';

const HOUR = 3_600_000;

function duration(median: number | null, worst: DurationStats['worst'] = []): DurationStats {
  return {
    count: median === null ? 0 : 4,
    mean: median,
    median,
    p90: median === null ? null : median * 3,
    max: median === null ? null : median * 4,
    withinTargets: [1, 6, 24].map((hours) => ({ hours, count: 2, share: median === null ? null : 0.5 })),
    histogram: [
      { from: 0, to: HOUR, count: 2 },
      { from: HOUR, to: 2 * HOUR, count: 1 },
      { from: 7 * 24 * HOUR, to: null, count: 1 },
    ],
    worst,
  };
}

/** A report with `tickets` tickets over two days, one bad comment with a formula-like text. */
export function fixtureReport(scope: ReportScope, tickets = 12): Report {
  const day = 86_400_000;
  return {
    scope,
    tickets,
    partial: 0,
    volume: {
      days: [
        { key: '2026-11-20', start: scope.from, tickets: tickets - 5 },
        { key: '2026-11-21', start: scope.from + day, tickets: 5 },
      ],
      weeks: [{ key: '2026-W47', start: scope.from, tickets }],
    },
    firstResponse: {
      clock: duration(
        2 * HOUR,
        tickets === 0
          ? []
          : [
              {
                threadId: 'th-1',
                reference: '#K7Q2XM',
                subject: 'Parcel "lost", again',
                ms: 30 * HOUR,
                open: true,
              },
            ],
      ),
      business: duration(HOUR),
      unanswered: 1,
      closedWithoutReply: 0,
    },
    resolution: { clock: duration(10 * HOUR), business: duration(5 * HOUR) },
    reopen: { solved: 8, reopened: 1, rate: 0.125 },
    backlog: [
      { key: '2026-11-20', start: scope.from, open: 3 },
      { key: '2026-11-21', start: scope.from + day, open: 4 },
    ],
    effort: {
      messages: { count: 8, mean: 3, median: 3, p90: 5, max: 9 },
      histogram: [
        { messages: 2, tickets: 3 },
        { messages: 10, tickets: 1 },
      ],
    },
    csat: {
      total: { good: 3, okay: 1, bad: 1, answers: 5, shareGood: 0.6 },
      effort: { answers: 2, mean: 4.5 },
      weeks: [{ key: '2026-W47', start: scope.from, good: 3, okay: 1, bad: 1, answers: 5, shareGood: 0.6 }],
      byAgent: [{ key: 'Anna', good: 3, okay: 1, bad: 1, answers: 5, shareGood: 0.6 }],
      byGroup: [],
      byTag: [{ key: '=HYPERLINK("x")', good: 0, okay: 0, bad: 1, answers: 1, shareGood: 0 }],
      comments: [
        {
          threadId: 'th-2',
          reference: '#BAD001',
          rating: 'bad',
          comment: 'Waited a week, "no" answer',
          answeredAt: scope.from + HOUR,
          assignee: 'Anna',
        },
      ],
    },
    volumeRatio: [
      {
        month: '2026-11',
        tickets,
        requesters: 10,
        orders: null,
        customers: null,
        ticketsPerOrder: null,
        ticketsPerCustomer: null,
      },
    ],
  };
}

export function fixtureData(facts: Partial<TicketFacts>[] = []): ReportsData {
  return {
    facts: facts.map((f, i) => ({
      threadId: `t${i}`,
      reference: `#T${i}`,
      subject: `Ticket ${i}`,
      createdAt: 0,
      status: 'Open',
      tags: [],
      customerMessages: [],
      teamReplies: [],
      solves: [],
      complete: true,
      ...f,
    })),
    csat: [],
    settings: defaultAutomationSettings(),
    team: {
      mailbox: 'support@shop.example',
      me: 'Anna',
      config: {
        agents: [{ name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true }],
        labelPrefix: 'Helpdesk',
        teamDomains: ['shop.example'],
        tags: [{ path: 'Shipping/Late by shipper' }],
      },
    },
  };
}

/** An engine answering fixtures; records each scope it was asked for. `tickets` decides the count per scope. */
export function fixtureEngine(tickets: (scope: ReportScope) => number = () => 12) {
  const scopes: ReportScope[] = [];
  const engine: ReportEngine & { scopes: ReportScope[] } = {
    scopes,
    computeReport: (_facts, _csat, scope) => {
      scopes.push(scope);
      return fixtureReport(scope, tickets(scope));
    },
    tagTrends: (_facts, scope) => [
      {
        tag: 'Shipping/Late by shipper',
        weeks: [
          { key: '2026-W46', start: scope.from - 7 * 86_400_000, count: 1 },
          { key: '2026-W47', start: scope.from, count: 9 },
        ],
        baseline: 1,
        current: 9,
        alert: 'spike',
        pValue: 0.0001,
      },
    ],
    repeatedComplaints: () => [],
    suggestTags: () => [],
  };
  return engine;
}

export type { ComputedReport };
