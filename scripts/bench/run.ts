/**
 * `npm run bench [-- --only sync|queue|soak|agents|sidebar|shortcuts|macro|worker|reports|reports-page] [-- --threads N] [-- --tickets N]`: the numbers the issues ask for, measured, printed as
 * a table and as one JSON line per benchmark. Benchmarks are not tests: they report, they do not assert.
 */
import { parseArgs } from 'node:util';
import { runQueueBenchReport } from './queue-bench';
import { runSyncBench } from './sync-bench';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    threads: { type: 'string', default: '10000' },
    tickets: { type: 'string', default: '100000' },
  },
});

const threads = Number(values.threads);
if (!Number.isInteger(threads) || threads <= 0) {
  console.error(`--threads must be a positive whole number, not ${values.threads}`);
  process.exit(2);
}

const tickets = Number(values.tickets);
if (!Number.isInteger(tickets) || tickets <= 0) {
  console.error(`--tickets must be a positive whole number, not ${values.tickets}`);
  process.exit(2);
}

const benches: Record<string, () => Promise<unknown>> = {
  sync: () => runSyncBench(threads),
  soak: () => import('./soak-bench').then((m) => m.runSoakBench()),
  queue: () => runQueueBenchReport(tickets),
  agents: () => import('./agents-bench').then((m) => m.runAgentsBench({ threads })),
  sidebar: () => import('./sidebar-bench').then((m) => m.runSidebarBench({ tickets })),
  shortcuts: () => import('./shortcut-bench').then((m) => m.runShortcutBench()),
  macro: () => import('./macro-bench').then((m) => m.runMacroBench()),
  worker: () => import('./worker-bench').then((m) => m.runWorkerBench({ threads })),
  reports: () => import('./reports-bench').then((m) => m.runReportsBench()),
  'reports-page': () => import('./reports-page-bench').then((m) => m.runReportsPageBench()),
};

for (const [name, run] of Object.entries(benches)) {
  if (values.only && values.only !== name) continue;
  console.error(`bench ${name}: running…`);
  const result = await run();
  console.log(JSON.stringify({ bench: name, ...(result as object) }));
}
