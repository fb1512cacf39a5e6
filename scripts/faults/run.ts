/**
 * The fault suite's long form (issue 8): `npm run faults [-- --only <part of a name>] [--short] [--seed N]`.
 *
 * Runs every fault scenario of scripts/faults/scenarios.ts at the long sizes (200 changes an agent over 40
 * tickets each, where the short form in `npm test`, test/sync/faults-*.test.ts, plays 24 over 12), each
 * against its own Gmail stand-in with two agents, and writes a Markdown report, one table row per scenario
 * (what was injected, what survived, how many intended values were lost, whether the three copies are
 * equal), to `fault-report.md` in the OS temporary folder; prints its path. Exits 1 when a scenario is not
 * ok. Not part of `npm test`: it takes a few minutes.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultReport, LONG, SHORT } from './harness';
import { SCENARIOS } from './scenarios';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function cell(values: Record<string, number | string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}: ${value}`)
    .join('<br>')
    .replaceAll('|', '\\|');
}

function markdown(reports: readonly FaultReport[], sizeName: string, seconds: number): string {
  const lines = [
    '# Labeldesk fault report',
    '',
    `${new Date().toISOString()}, ${sizeName} sizes, ${reports.length} scenarios in ${seconds.toFixed(1)} s. ` +
      'Each scenario: a Gmail stand-in, two agents (own IndexedDB, transport and sync engine), one fault ' +
      "injected while both work, then healed; 'equal' compares agent A's store, agent B's store and Gmail's " +
      'labels read through the API, over every ticket.',
    '',
    '| scenario | injected | survived | lost | equal | ok | s |',
    '|---|---|---|---|---|---|---|',
    ...reports.map(
      (r) =>
        `| ${r.scenario} | ${cell(r.injected)} | ${cell(r.survived)} | ${r.lost.length} | ` +
        `${r.mismatches.length === 0 ? 'yes' : `no (${r.mismatches.length})`} | ${r.ok ? 'yes' : '**NO**'} | ${r.seconds} |`,
    ),
  ];
  for (const r of reports) {
    if (r.lost.length === 0 && r.mismatches.length === 0) continue;
    lines.push('', `## ${r.scenario}`, '');
    for (const line of r.lost.slice(0, 20)) lines.push(`- lost: ${line}`);
    for (const line of r.mismatches.slice(0, 20)) lines.push(`- differs: ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const only = argument('only');
  const short = process.argv.includes('--short');
  const seed = argument('seed');
  const size = short ? SHORT : LONG;
  const started = performance.now();
  const reports: FaultReport[] = [];
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (only && !name.includes(only)) continue;
    process.stdout.write(`${name} … `);
    let result: FaultReport;
    try {
      result = await run(size, seed === undefined ? undefined : Number(seed));
    } catch (error) {
      result = {
        scenario: name,
        injected: {},
        survived: {},
        lost: [`the scenario failed: ${error instanceof Error ? error.stack : String(error)}`],
        mismatches: [],
        ok: false,
        seconds: 0,
      };
    }
    reports.push(result);
    console.log(`${result.ok ? 'ok' : 'NOT OK'} (${result.seconds} s)`);
  }
  const path = join(tmpdir(), 'fault-report.md');
  writeFileSync(path, markdown(reports, short ? 'short' : 'long', (performance.now() - started) / 1000));
  console.log(path);
  if (reports.some((r) => !r.ok)) process.exitCode = 1;
}

await main();
