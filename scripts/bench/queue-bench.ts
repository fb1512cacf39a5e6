/**
 * Queue benchmark (issue 3, "Numbers"): one queue page (50 rows, sorted by priority then SLA due) over
 * 100,000 tickets, read through `readQueue` in Chromium's real IndexedDB. Reports the median and p95 per
 * queue, warm and cold, deeper pages, the queue-list counts and how long filling the store took.
 */
import type { Page } from 'puppeteer-core';
import type { QueueId } from '../../src/core/queues';
import { openQueuePage } from './queue-browser';
import type { ListedQueueId, QueueRead, ReadProfile } from './queue-page/entry';
import { QUEUE_BENCH_AGENTS, QUEUE_BENCH_GROUPS, QUEUE_BENCH_NOW, seededRandom } from './queue-tickets';

const MAILBOX = 'support@shop.example';
const SEED = 3;
const PAGE_ROWS = 50;
const BATCH = 1_000;
const WARM_UP_READS = 5;
const COLD_READS = 5;
const PROFILE_RUNS = 21;

/** The queues issue 3 names: everything open, nobody's, one agent's, a group, a tag, and overdue. */
export const BENCH_QUEUES: readonly { name: string; queue: QueueId }[] = [
  { name: 'all-open', queue: { kind: 'all-open' } },
  { name: 'unassigned', queue: { kind: 'unassigned' } },
  { name: `mine:${QUEUE_BENCH_AGENTS[0]}`, queue: { kind: 'mine', agent: QUEUE_BENCH_AGENTS[0] } },
  { name: 'group:Billing', queue: { kind: 'group', group: 'Billing' } },
  { name: 'tag:Shipping', queue: { kind: 'tag', tag: 'Shipping' } },
  { name: 'overdue', queue: { kind: 'overdue' } },
];

/** The sidebar's queue list: every queue the bench mailbox has, counted in one call. */
const LISTED_QUEUES: ListedQueueId[] = [
  { kind: 'all-open' },
  { kind: 'unassigned' },
  { kind: 'pending' },
  { kind: 'on-hold' },
  ...QUEUE_BENCH_AGENTS.map((agent) => ({ kind: 'mine' as const, agent })),
  ...QUEUE_BENCH_GROUPS.map((group) => ({ kind: 'group' as const, group })),
  ...['Shipping', 'Refund', 'Login', 'VIP'].map((tag) => ({ kind: 'tag' as const, tag })),
];

export interface Distribution {
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface QueueBenchRow {
  queue: string;
  total: number;
  firstPage: Distribution;
  deeperPages: Distribution;
  coldReopen: Distribution;
  coldBrowserMs: number;
  /** Medians of each step `readQueue` takes, to show where the time goes. */
  steps: ReadProfile;
}

export interface QueueBenchResult {
  tickets: number;
  fill: {
    seconds: number;
    ticketsPerSecond: number;
    batch: number;
    batchMedianMs: number;
    batchP95Ms: number;
  };
  rowsPerPage: number;
  queues: QueueBenchRow[];
  countQueues: Distribution & { queues: number };
  /** The store change measured in `queue-page/proposal.ts`: same tickets, same first pages, its timings. */
  proposal: {
    fillSeconds: number;
    sameFirstPagesAsStore: boolean;
    queues: { queue: string; firstPage: Distribution }[];
  };
  /** The slowest queue's warm first-page median against issue 3's 10 ms. */
  worstFirstPageMedianMs: number;
}

/** Nearest-rank percentile: a value that was really measured, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('No samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function distribution(samples: readonly number[]): Distribution {
  return {
    runs: samples.length,
    medianMs: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    maxMs: round(Math.max(...samples)),
  };
}

export async function runQueueBench(tickets: number, runs = 200): Promise<QueueBenchResult> {
  const bench = await openQueuePage();
  try {
    const fill = await bench.page.evaluate((args) => window.labeldeskQueueBench.fill(args), {
      mailbox: MAILBOX,
      seed: SEED,
      count: tickets,
      batchSize: BATCH,
    });
    console.error(`bench queue: stored ${tickets} tickets in ${(fill.ms / 1000).toFixed(1)} s`);

    const totals: number[] = [];
    for (const { queue } of BENCH_QUEUES) {
      const page = await bench.page.evaluate((args) => window.labeldeskQueueBench.readQueueIds(args), {
        mailbox: MAILBOX,
        queue,
        limit: PAGE_ROWS,
        offset: 0,
        now: QUEUE_BENCH_NOW,
      });
      totals.push(page.total);
    }

    // Rounds visit every queue in a shuffled order, so no queue always follows the same one.
    const random = seededRandom(SEED);
    const plan = (offsetOf: (total: number) => number, rounds: number) => {
      const reads: { index: number; read: QueueRead }[] = [];
      for (let round = 0; round < rounds; round++) {
        const order = BENCH_QUEUES.map((_, index) => index).sort(() => random() - 0.5);
        for (const index of order) {
          const queue = (BENCH_QUEUES[index] as { queue: QueueId }).queue;
          reads.push({ index, read: { queue, offset: offsetOf(totals[index] ?? 0) } });
        }
      }
      return reads;
    };
    const timed = async (reads: { index: number; read: QueueRead }[]) => {
      const byQueue: number[][] = BENCH_QUEUES.map(() => []);
      // One round of reads per evaluate: short calls, and the round trip is outside the timings anyway.
      for (let from = 0; from < reads.length; from += BENCH_QUEUES.length) {
        const round = reads.slice(from, from + BENCH_QUEUES.length);
        const { ms } = await bench.page.evaluate((args) => window.labeldeskQueueBench.timeReads(args), {
          mailbox: MAILBOX,
          reads: round.map((r) => r.read),
          limit: PAGE_ROWS,
          now: QUEUE_BENCH_NOW,
        });
        for (const [i, r] of round.entries()) byQueue[r.index]?.push(ms[i] as number);
      }
      return byQueue;
    };

    await timed(plan(() => 0, WARM_UP_READS));
    const firstPage = await timed(plan(() => 0, runs));
    // An agent scrolling: any page within the first 2,000 rows of the queue.
    const deeper = await timed(
      plan(
        (total) => {
          const pages = Math.max(1, Math.floor(Math.min(total, 2_000) / PAGE_ROWS));
          return Math.floor(random() * pages) * PAGE_ROWS;
        },
        Math.max(20, Math.floor(runs / 4)),
      ),
    );
    const counts = await bench.page.evaluate((args) => window.labeldeskQueueBench.timeCounts(args), {
      mailbox: MAILBOX,
      queues: LISTED_QUEUES,
      runs,
    });

    const steps: ReadProfile[] = [];
    for (const { queue } of BENCH_QUEUES) {
      steps.push(
        await bench.page.evaluate((args) => window.labeldeskQueueBench.profileRead(args), {
          mailbox: MAILBOX,
          queue,
          limit: PAGE_ROWS,
          now: QUEUE_BENCH_NOW,
          runs: PROFILE_RUNS,
        }),
      );
    }

    const coldReopen: number[][] = BENCH_QUEUES.map(() => []);
    for (let round = 0; round < COLD_READS; round++) {
      for (const [index, { queue }] of BENCH_QUEUES.entries()) {
        const cold = await bench.page.evaluate((args) => window.labeldeskQueueBench.coldRead(args), {
          mailbox: MAILBOX,
          queue,
          limit: PAGE_ROWS,
          now: QUEUE_BENCH_NOW,
        });
        coldReopen[index]?.push(cold.readMs);
      }
    }
    // A fresh browser on the same profile: the first read after Chromium starts, once per queue.
    const coldBrowser: number[] = [];
    for (const { queue } of BENCH_QUEUES) {
      const page = await bench.restartBrowser();
      const cold = await page.evaluate((args) => window.labeldeskQueueBench.coldRead(args), {
        mailbox: MAILBOX,
        queue,
        limit: PAGE_ROWS,
        now: QUEUE_BENCH_NOW,
      });
      coldBrowser.push(cold.readMs);
    }

    const proposal = await measureProposal(bench.page, tickets, totals, runs);

    const rows: QueueBenchRow[] = BENCH_QUEUES.map(({ name }, index) => ({
      queue: name,
      total: totals[index] ?? 0,
      firstPage: distribution(firstPage[index] ?? []),
      deeperPages: distribution(deeper[index] ?? []),
      coldReopen: distribution(coldReopen[index] ?? []),
      coldBrowserMs: round(coldBrowser[index] ?? Number.NaN),
      steps: roundedSteps(steps[index] as ReadProfile),
    }));
    return {
      tickets,
      fill: {
        seconds: round(fill.ms / 1000),
        ticketsPerSecond: Math.round(tickets / (fill.ms / 1000)),
        batch: BATCH,
        batchMedianMs: round(percentile(fill.batchMs, 50)),
        batchP95Ms: round(percentile(fill.batchMs, 95)),
      },
      rowsPerPage: PAGE_ROWS,
      queues: rows,
      countQueues: { ...distribution(counts), queues: LISTED_QUEUES.length },
      proposal,
      worstFirstPageMedianMs: Math.max(...rows.map((row) => row.firstPage.medianMs)),
    };
  } finally {
    await bench.close();
  }
}

async function measureProposal(
  page: Page,
  tickets: number,
  totals: readonly number[],
  runs: number,
): Promise<QueueBenchResult['proposal']> {
  const fillMs = await page.evaluate((args) => window.labeldeskQueueBench.proposalFill(args), {
    seed: SEED,
    count: tickets,
    batchSize: BATCH,
  });
  let same = true;
  for (const [index, { queue }] of BENCH_QUEUES.entries()) {
    const read = { queue, limit: PAGE_ROWS, now: QUEUE_BENCH_NOW };
    const [mine, store] = await Promise.all([
      page.evaluate((args) => window.labeldeskQueueBench.proposalReadIds(args), read),
      page.evaluate((args) => window.labeldeskQueueBench.readQueueIds(args), {
        ...read,
        mailbox: MAILBOX,
        offset: 0,
      }),
    ]);
    if (mine.total !== totals[index] || mine.threadIds.join() !== store.threadIds.join()) same = false;
  }
  const byQueue: number[][] = BENCH_QUEUES.map(() => []);
  const overduePageOnly: number[] = [];
  for (let round = 0; round < WARM_UP_READS + runs; round++) {
    const read = { limit: PAGE_ROWS, now: QUEUE_BENCH_NOW };
    const ms = await page.evaluate((args) => window.labeldeskQueueBench.proposalTimeReads(args), {
      ...read,
      queues: BENCH_QUEUES.map((q) => q.queue),
      countOverdue: true,
    });
    const [pageOnly] = await page.evaluate((args) => window.labeldeskQueueBench.proposalTimeReads(args), {
      ...read,
      queues: [{ kind: 'overdue' as const }],
      countOverdue: false,
    });
    if (round < WARM_UP_READS) continue;
    for (const [index, one] of ms.entries()) byQueue[index]?.push(one);
    overduePageOnly.push(pageOnly as number);
  }
  return {
    fillSeconds: round(fillMs / 1000),
    sameFirstPagesAsStore: same,
    queues: [
      ...BENCH_QUEUES.map(({ name }, index) => ({
        queue: name,
        firstPage: distribution(byQueue[index] ?? []),
      })),
      { queue: 'overdue, total cached', firstPage: distribution(overduePageOnly) },
    ],
  };
}

/** The short table printed beside the JSON line. */
export function queueBenchTable(result: QueueBenchResult): string {
  const lines = [
    `queue page: ${result.rowsPerPage} rows over ${result.tickets} tickets (ms; warm runs, cold = reopen / new browser)`,
    'queue                      total   median      p95   deeper p50/p95   cold reopen p50   cold browser',
  ];
  for (const row of result.queues) {
    lines.push(
      [
        row.queue.padEnd(24),
        String(row.total).padStart(7),
        row.firstPage.medianMs.toFixed(2).padStart(8),
        row.firstPage.p95Ms.toFixed(2).padStart(8),
        `${row.deeperPages.medianMs.toFixed(1)}/${row.deeperPages.p95Ms.toFixed(1)}`.padStart(16),
        row.coldReopen.medianMs.toFixed(1).padStart(17),
        row.coldBrowserMs.toFixed(1).padStart(14),
      ].join(' '),
    );
  }
  lines.push(
    'where the time goes (median ms): count / walk 50 entries / get 50 tickets; overdue: getAll due',
  );
  for (const row of result.queues) {
    const s = row.steps;
    lines.push(
      `  ${row.queue.padEnd(24)} ${
        row.queue === 'overdue'
          ? `getAll ${s.dueGetAllMs} ms for ${s.dueRecords} records`
          : `${s.countMs} / ${s.entriesMs} / ${s.ticketsMs}`
      }`,
    );
  }
  lines.push(
    `proposed store change (queue-page/proposal.ts), same first pages as the store: ${result.proposal.sameFirstPagesAsStore}`,
  );
  for (const row of result.proposal.queues) {
    lines.push(
      `  ${row.queue.padEnd(24)} median ${row.firstPage.medianMs.toFixed(2)} ms, p95 ${row.firstPage.p95Ms.toFixed(2)} ms`,
    );
  }
  lines.push(
    `countQueues (${result.countQueues.queues} queues): median ${result.countQueues.medianMs} ms, p95 ${result.countQueues.p95Ms} ms`,
    `fill: ${result.fill.seconds} s (${result.fill.ticketsPerSecond} tickets/s, batches of ${result.fill.batch}: median ${result.fill.batchMedianMs} ms, p95 ${result.fill.batchP95Ms} ms)`,
  );
  return lines.join('\n');
}

function roundedSteps(steps: ReadProfile): ReadProfile {
  return {
    countMs: round(steps.countMs),
    entriesMs: round(steps.entriesMs),
    ticketsMs: round(steps.ticketsMs),
    dueGetAllMs: round(steps.dueGetAllMs),
    dueRecords: steps.dueRecords,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** What `npm run bench -- --only queue` runs: the table on stderr, the JSON line left to the runner. */
export async function runQueueBenchReport(tickets: number): Promise<QueueBenchResult> {
  const result = await runQueueBench(tickets);
  console.error(queueBenchTable(result));
  return result;
}
