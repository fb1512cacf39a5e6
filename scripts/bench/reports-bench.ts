/**
 * Reports benchmark (issue 7, "Numbers": all metrics for a date range over 100,000 tickets in at most
 * 300 ms in Chromium). Builds a year of synthetic facts (reports-page/facts.ts: 4 groups, 8 agents, 30 tags,
 * 20,000 CSAT answers, seeded), then times `computeReport` for a 90-day range, the full year and each filter:
 * in Debian's Chromium (the page bundled with Vite, as queue-browser.ts does) and in Node. Ten runs per case
 * in a row on the same facts, as the reports page recomputes on every filter change. The facts are
 * structured-cloned first, as the store hands them over. The first run of the first case also builds the facts'
 * columns (report.ts caches them per array), the answers' join, the business clocks and the JIT's code: that
 * `first` is the cold cost of a freshly loaded page, `median` the cost of a filter change.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { computeReport } from '../../src/core/metrics/report';
import { findChromium, makeChromiumHome } from '../../test/browser/chromium';
import { REPORT_CASES } from './reports-page/cases';
import { BENCH_NOW, benchCalendarFor, benchMailbox } from './reports-page/facts';

const ENTRY = join(import.meta.dirname, 'reports-page/entry.ts');
const BUNDLE_NAME = 'reports-page.js';
const INDEX_HTML = `<!doctype html><meta charset="utf-8"><title>Labeldesk reports bench</title>
<script type="module" src="/${BUNDLE_NAME}"></script>`;
export const SEED = 7;
export const TICKETS = 100_000;
export const ANSWERS = 20_000;
const RUNS = 10;
export const REPORTS_BUDGET_MS = 300;

export interface ReportsCaseResult {
  name: string;
  tickets: number;
  medianMs: number;
  maxMs: number;
  firstMs: number;
}

export interface ReportsBenchResult {
  tickets: number;
  answers: number;
  runs: number;
  budgetMs: number;
  chromium: ReportsCaseResult[];
  node: ReportsCaseResult[];
}

async function bundle(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      // Readable names in a CPU profile of the page; minifying does not change what the engine runs.
      minify: false,
      target: 'es2022',
      lib: { entry: ENTRY, formats: ['es'], fileName: () => BUNDLE_NAME },
    },
  });
  return readFile(join(outDir, BUNDLE_NAME), 'utf8');
}

function serve(code: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === `/${BUNDLE_NAME}`) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(code);
    } else if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(INDEX_HTML);
    } else response.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function summary(name: string, tickets: number, ms: number[]): ReportsCaseResult {
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name,
    tickets,
    medianMs: round(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    firstMs: round(ms[0] ?? 0),
  };
}

export interface ReportsPage {
  page: Page;
  close(): Promise<void>;
}

/** Chromium on the bench page with `window.labeldeskReportsBench` ready (the mailbox not yet prepared). */
export async function openReportsPage(): Promise<ReportsPage> {
  const home = await makeChromiumHome();
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    server = await serve(await bundle(join(home.dir, 'reports-page')));
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      pipe: true,
      protocolTimeout: 10 * 60_000,
      userDataDir: home.userDataDir,
      env: home.env,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
      ],
    });
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => window.labeldeskReportsBench !== undefined, { timeout: 15_000 });
    const running = { server, browser };
    return {
      page,
      async close() {
        await running.browser.close();
        await new Promise((resolve) => running.server.close(resolve));
        await home.remove();
      },
    };
  } catch (error) {
    await browser?.close();
    server?.close();
    await home.remove();
    throw error;
  }
}

async function inChromium(): Promise<{ tickets: number; answers: number; cases: ReportsCaseResult[] }> {
  const { page, close } = await openReportsPage();
  try {
    const prepared = await page.evaluate((args) => window.labeldeskReportsBench.prepare(args), {
      seed: SEED,
      tickets: TICKETS,
      answers: ANSWERS,
    });
    const cases: ReportsCaseResult[] = [];
    for (const { name } of REPORT_CASES) {
      const timed = await page.evaluate((args) => window.labeldeskReportsBench.time(args), {
        name,
        runs: RUNS,
      });
      cases.push(summary(name, timed.tickets, timed.ms));
    }
    return { tickets: prepared.tickets, answers: prepared.answers, cases };
  } finally {
    await close();
  }
}

function inNode(): ReportsCaseResult[] {
  const mailbox = structuredClone(benchMailbox(SEED, TICKETS, ANSWERS));
  return REPORT_CASES.map(({ name, scope }) => {
    const ms: number[] = [];
    let tickets = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      tickets = computeReport(mailbox.facts, mailbox.csat, scope, {
        now: BENCH_NOW,
        calendarFor: benchCalendarFor,
        monthly: mailbox.monthly,
      }).tickets;
      ms.push(performance.now() - start);
    }
    return summary(name, tickets, ms);
  });
}

function table(result: ReportsBenchResult): string {
  const lines = [
    `reports: computeReport over ${result.tickets} tickets and ${result.answers} CSAT answers, ${result.runs} runs per case, budget ${result.budgetMs} ms (Chromium)`,
  ];
  const width = Math.max(...REPORT_CASES.map((c) => c.name.length));
  for (const [engine, rows] of [
    ['Chromium', result.chromium],
    ['Node', result.node],
  ] as const) {
    lines.push(`  ${engine}:`);
    for (const row of rows) {
      const verdict =
        engine === 'Chromium'
          ? row.maxMs <= result.budgetMs
            ? '  within budget'
            : '  OVER budget (max)'
          : '';
      lines.push(
        `    ${row.name.padEnd(width)}  ${String(row.tickets).padStart(6)} tickets  median ${row.medianMs} ms  max ${row.maxMs} ms  (first ${row.firstMs} ms)${verdict}`,
      );
    }
  }
  return lines.join('\n');
}

/** What `npm run bench -- --only reports` runs: the table on stderr, the JSON line left to the runner. */
export async function runReportsBench(): Promise<ReportsBenchResult> {
  const chromium = await inChromium();
  const result: ReportsBenchResult = {
    tickets: chromium.tickets,
    answers: chromium.answers,
    runs: RUNS,
    budgetMs: REPORTS_BUDGET_MS,
    chromium: chromium.cases,
    node: inNode(),
  };
  console.error(table(result));
  return result;
}
