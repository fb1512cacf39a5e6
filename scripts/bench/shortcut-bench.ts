/**
 * Issue 5's number for text shortcuts: what `expandAt` adds to one keystroke in a 5,000-character compose
 * body (the issue allows 1 ms). Types a Russian and English text whose words include the seed's shortcuts,
 * one character at a time at the end of a body that is already 5,000 characters long, and times every call
 * (median and p95 in µs). Pure code in Node.
 *
 * `dom` is the whole keystroke as the reply tools handle it (src/reply-tools/compose-watch.ts): the capture
 * listeners' keydown and beforeinput on a Gmail-shaped contenteditable holding 5,000 characters, reading the
 * caret's text node and, on a trigger, editing it and firing `input` (scripts/bench/compose-page/typing.ts).
 * It runs in happy-dom and, when Debian's Chromium is there, in Chromium (compose-browser.ts), whose clock
 * counts in steps of 0.1 ms: there the mean says more than the median. `dispatchOnlyMs` is the same two events
 * with no listener, for comparison. Benchmarks report; they do not assert.
 */
import { performance } from 'node:perf_hooks';
import { applyExpansion, expandAt } from '../../src/core/text-shortcuts';
import {
  BODY_CHARS,
  FILLER,
  KEYSTROKES,
  PHRASE,
  SHORTCUTS,
  type TypingRun,
  typeInBody,
} from './compose-page/typing';

interface Spread {
  mean: number;
  median: number;
  p95: number;
  max: number;
}

export interface ShortcutBenchResult {
  bodyChars: number;
  keystrokes: number;
  expansions: number;
  perKeystrokeUs: Spread;
  dom: DomBenchResult;
  chromium: DomBenchResult | { engine: 'chromium'; skipped: string };
}

export interface DomBenchResult {
  engine: 'happy-dom' | 'chromium';
  bodyChars: number;
  keystrokes: number;
  expansions: number;
  /** keydown + beforeinput through the reply tools' listeners (the 1 ms budget). */
  perKeystrokeMs: Spread;
  /** Keystrokes that took longer than the 1 ms budget (garbage collection pauses land on some). */
  overOneMs: number;
  /** The same two events dispatched with no listener: what the DOM itself costs. */
  dispatchOnlyMs: Spread;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function spread(times: readonly number[], digits = 2): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  const cut = (n: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  return {
    mean: cut(mean),
    median: cut(percentile(sorted, 50)),
    p95: cut(percentile(sorted, 95)),
    max: cut(sorted.at(-1) ?? Number.NaN),
  };
}

function domResult(engine: DomBenchResult['engine'], handled: TypingRun, bare: TypingRun): DomBenchResult {
  return {
    engine,
    bodyChars: BODY_CHARS,
    keystrokes: KEYSTROKES,
    expansions: handled.expansions,
    perKeystrokeMs: spread(handled.times, 3),
    overOneMs: handled.times.filter((ms) => ms > 1).length,
    dispatchOnlyMs: spread(bare.times, 3),
  };
}

async function inHappyDom(withListeners: boolean): Promise<TypingRun> {
  const { Window } = await import('happy-dom');
  const window = new Window({ url: 'https://mail.google.com/mail/u/0/#inbox' });
  try {
    return await typeInBody(window.document as unknown as Document, withListeners);
  } finally {
    await window.happyDOM.close();
  }
}

export async function runShortcutDomBench(): Promise<DomBenchResult> {
  await inHappyDom(true); // warm-up: JIT, shortcut index, selector parsing
  const handled = await inHappyDom(true);
  return domResult('happy-dom', handled, await inHappyDom(false));
}

export async function runShortcutChromiumBench(): Promise<ShortcutBenchResult['chromium']> {
  try {
    const { typeInChromium } = await import('./compose-browser');
    const { handled, bare } = await typeInChromium();
    return domResult('chromium', handled, bare);
  } catch (error) {
    return { engine: 'chromium', skipped: error instanceof Error ? error.message : String(error) };
  }
}

export async function runShortcutBench(): Promise<ShortcutBenchResult> {
  let body = FILLER.slice(0, BODY_CHARS);
  const times: number[] = [];
  let expansions = 0;
  // Warm up the JIT and the shortcut index, as a compose box that has been open a moment would be.
  for (let i = 0; i < 2_000; i++) expandAt(body, ' ', SHORTCUTS);

  for (let i = 0; i < KEYSTROKES; i++) {
    const key = PHRASE.charAt(i % PHRASE.length);
    const started = performance.now();
    const expansion = expandAt(body, key, SHORTCUTS);
    times.push((performance.now() - started) * 1_000);
    body = expansion ? applyExpansion(body, expansion) : body + key;
    if (expansion) expansions++;
    // Keep the body at about 5,000 characters: drop from the front what was typed at the end.
    if (body.length > BODY_CHARS) body = body.slice(body.length - BODY_CHARS);
  }

  return {
    bodyChars: BODY_CHARS,
    keystrokes: KEYSTROKES,
    expansions,
    perKeystrokeUs: spread(times),
    dom: await runShortcutDomBench(),
    chromium: await runShortcutChromiumBench(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify({ bench: 'shortcuts', ...(await runShortcutBench()) }));
}
