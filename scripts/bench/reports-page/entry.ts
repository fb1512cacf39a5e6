/**
 * The page side of the reports bench: builds the bench mailbox in the page and times `computeReport` there
 * with `performance.now()`, so neither the DevTools round trip nor moving 100,000 facts is in the numbers.
 * Bundled by `../reports-bench.ts`; Node drives it through `window.labeldeskReportsBench`.
 */
import { computeReport } from '../../../src/core/metrics/report';
import { REPORT_CASES } from './cases';
import { BENCH_NOW, type BenchMailbox, benchCalendarFor, benchMailbox } from './facts';

export interface ReportsBenchApi {
  /** Builds the mailbox (same seed, same facts as in Node); returns how many tickets and answers. */
  prepare(args: { seed: number; tickets: number; answers: number }): {
    tickets: number;
    answers: number;
    ms: number;
  };
  /** Runs one case `runs` times in a row; milliseconds of each run and the report's ticket count. */
  time(args: { name: string; runs: number }): { ms: number[]; tickets: number };
}

declare global {
  interface Window {
    labeldeskReportsBench: ReportsBenchApi;
  }
}

let mailbox: BenchMailbox | undefined;

window.labeldeskReportsBench = {
  prepare({ seed, tickets, answers }) {
    const start = performance.now();
    // Cloned as the store hands facts over (IndexedDB and messages clone): flat strings, fresh objects.
    mailbox = structuredClone(benchMailbox(seed, tickets, answers));
    return { tickets: mailbox.facts.length, answers: mailbox.csat.length, ms: performance.now() - start };
  },

  time({ name, runs }) {
    if (mailbox === undefined) throw new Error('prepare first');
    const found = REPORT_CASES.find((c) => c.name === name);
    if (found === undefined) throw new Error(`no case ${name}`);
    const ms: number[] = [];
    let tickets = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const report = computeReport(mailbox.facts, mailbox.csat, found.scope, {
        now: BENCH_NOW,
        calendarFor: benchCalendarFor,
        monthly: mailbox.monthly,
      });
      ms.push(performance.now() - start);
      tickets = report.tickets;
    }
    return { ms, tickets };
  },
};
