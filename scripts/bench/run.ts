/**
 * `npm run bench [-- --only sync] [-- --threads N]`: the numbers the issues ask for, measured, printed as
 * a table and as one JSON line per benchmark. Benchmarks are not tests: they report, they do not assert.
 */
import { parseArgs } from 'node:util';
import { runSyncBench } from './sync-bench';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    threads: { type: 'string', default: '10000' },
  },
});

const threads = Number(values.threads);
if (!Number.isInteger(threads) || threads <= 0) {
  console.error(`--threads must be a positive whole number, not ${values.threads}`);
  process.exit(2);
}

const benches: Record<string, () => Promise<unknown>> = {
  sync: () => runSyncBench(threads),
};

for (const [name, run] of Object.entries(benches)) {
  if (values.only && values.only !== name) continue;
  console.error(`bench ${name}: running…`);
  const result = await run();
  console.log(JSON.stringify({ bench: name, ...(result as object) }));
}
