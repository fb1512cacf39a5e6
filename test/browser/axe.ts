import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ElementHandle, Page } from 'puppeteer-core';

/**
 * axe-core in a page under test: the engine is injected by the test only (it is never bundled), run on one
 * element (the sidebar's shadow host, the queue panel inside it, the options page's body) and its
 * violations split into the ones that fail a test (impact serious or critical) and the rest, which are
 * printed so they are seen.
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** Where, as axe names each node (shadow-piercing selectors), with its failure summary. */
  nodes: string[];
}

export interface AxeReport {
  /** Serious or critical: these fail the test. */
  blocking: AxeFinding[];
  /** Minor or moderate: printed only. */
  other: AxeFinding[];
  /** How many rules passed, so a check that ran on nothing is noticed. */
  passes: number;
  /** What axe could not decide (a colour over an image, text under another element): needs a person. */
  incomplete: AxeFinding[];
}

const BLOCKING = new Set(['serious', 'critical']);

async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(AXE_SOURCE);
}

/**
 * How tall the viewport must be to show all of `target`: axe skips what a scrolling box has scrolled out of
 * view (the sidebar scrolls), so its colour contrast would go unchecked.
 */
async function heightToShowAll(target: ElementHandle<Element>): Promise<number> {
  return target.evaluate((element) => {
    let bottom = document.documentElement.scrollHeight;
    for (const box of [element, ...element.querySelectorAll('*')]) {
      if (box.scrollHeight > box.clientHeight + 1) {
        bottom = Math.max(bottom, box.getBoundingClientRect().top + window.scrollY + box.scrollHeight);
      }
    }
    return Math.ceil(bottom);
  });
}

/**
 * Runs axe on `target` (an element, shadow DOM included) after its CSS transitions have ended, with the
 * viewport made tall enough that nothing in it is scrolled out of view.
 */
export async function runAxe(page: Page, target: ElementHandle<Element>): Promise<AxeReport> {
  await injectAxe(page);
  const viewport = page.viewport();
  const needed = await heightToShowAll(target);
  const grow = viewport !== null && needed > viewport.height;
  if (grow) await page.setViewport({ ...viewport, height: Math.min(needed + 100, 16_000) });
  try {
    return await runAxeAsShown(target);
  } finally {
    if (grow) await page.setViewport(viewport);
  }
}

async function runAxeAsShown(target: ElementHandle<Element>): Promise<AxeReport> {
  const results = await target.evaluate(async (element) => {
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    // Colour contrast is measured on what is painted: wait until nothing is still fading in.
    const root = element.shadowRoot ?? (element.getRootNode() as Document | ShadowRoot);
    await Promise.all(root.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
    const run = await axe.run(element, { resultTypes: ['violations'] });
    const summary = (violation: (typeof run.violations)[number]) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.map(
        (node) => `${JSON.stringify(node.target)}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
      ),
    });
    return {
      passes: run.passes.length,
      incomplete: run.incomplete.map(summary),
      violations: run.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? 'unknown',
        help: violation.help,
        nodes: violation.nodes.map(
          (node) => `${JSON.stringify(node.target)}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
        ),
      })),
    };
  });
  const blocking = results.violations.filter((finding) => BLOCKING.has(finding.impact));
  const other = results.violations.filter((finding) => !BLOCKING.has(finding.impact));
  return { blocking, other, passes: results.passes, incomplete: results.incomplete };
}

/** A readable list of findings for a failure message or the log. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map((finding) => `${finding.impact} ${finding.id}: ${finding.help}\n  ${finding.nodes.join('\n  ')}`)
    .join('\n');
}

/**
 * Runs axe on `target` and throws on any serious or critical violation; the milder ones are printed with
 * `what` so they are not lost.
 */
export async function expectAccessible(
  page: Page,
  target: ElementHandle<Element>,
  what: string,
): Promise<void> {
  const report = await runAxe(page, target);
  if (report.other.length > 0) {
    console.info(
      `axe on ${what}: ${report.other.length} minor or moderate\n${describeFindings(report.other)}`,
    );
  }
  if (report.incomplete.length > 0) {
    console.info(
      `axe on ${what}: ${report.incomplete.length} undecided\n${describeFindings(report.incomplete)}`,
    );
  }
  if (report.passes === 0) throw new Error(`axe checked nothing on ${what}`);
  if (report.blocking.length > 0) {
    throw new Error(
      `axe on ${what}: ${report.blocking.length} serious or critical\n${describeFindings(report.blocking)}`,
    );
  }
}
