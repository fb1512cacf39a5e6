/**
 * Issue 5's number for text shortcuts: what `expandAt` adds to one keystroke in a 5,000-character compose
 * body (the issue allows 1 ms). Types a Russian and English text whose words include the seed's shortcuts,
 * one character at a time at the end of a body that is already 5,000 characters long, and times every call
 * (median and p95 in µs). Pure code in Node: the DOM read of the text before the caret is the UI's cost and
 * is not in this number. Benchmarks report; they do not assert.
 */
import { performance } from 'node:perf_hooks';
import { applyExpansion, expandAt, type TextShortcut } from '../../src/core/text-shortcuts';

const BODY_CHARS = 5_000;
const KEYSTROKES = 20_000;

/** The seed's three, and enough others that the lookup is not trivially small. */
const SHORTCUTS: TextShortcut[] = [
  { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
  { abbreviation: 'пож', expansion: 'пожалуйста,' },
  { abbreviation: 'демоо', expansion: 'https://demo.example/book-a-demo' },
  ...Array.from({ length: 200 }, (_, i) => ({ abbreviation: `sc${i}`, expansion: `Shortcut number ${i}.` })),
];

const PHRASE =
  'Зд Спасибо за письмо, пож пришлите номер заказа. Запишитесь на демоо или посмотрите демо. sc42 ';

export interface ShortcutBenchResult {
  bodyChars: number;
  keystrokes: number;
  expansions: number;
  perKeystrokeUs: { median: number; p95: number; max: number };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function runShortcutBench(): Promise<ShortcutBenchResult> {
  const filler = 'Это уже написанный текст ответа, длинный и обычный. '.repeat(BODY_CHARS / 40);
  let body = filler.slice(0, BODY_CHARS);
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

  const sorted = [...times].sort((a, b) => a - b);
  return {
    bodyChars: BODY_CHARS,
    keystrokes: KEYSTROKES,
    expansions,
    perKeystrokeUs: {
      median: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      max: round(sorted[sorted.length - 1] ?? Number.NaN),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify({ bench: 'shortcuts', ...(await runShortcutBench()) }));
}
