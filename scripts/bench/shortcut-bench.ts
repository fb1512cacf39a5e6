/**
 * Issue 5's number for text shortcuts: what `expandAt` adds to one keystroke in a 5,000-character compose
 * body (the issue allows 1 ms). Types a Russian and English text whose words include the seed's shortcuts,
 * one character at a time at the end of a body that is already 5,000 characters long, and times every call
 * (median and p95 in µs). Pure code in Node.
 *
 * `dom` is the whole keystroke as the reply tools handle it (src/reply-tools/compose-watch.ts): the capture
 * listeners' keydown and beforeinput on a Gmail-shaped contenteditable holding 5,000 characters, reading the
 * caret's text node and, on a trigger, editing it and firing `input`. It runs in happy-dom, so event dispatch
 * costs more than in Chromium; `dispatchOnlyMs` is the same two events with no listener, for comparison.
 * Benchmarks report; they do not assert.
 */
import { performance } from 'node:perf_hooks';
import { applyExpansion, expandAt, type TextShortcut } from '../../src/core/text-shortcuts';
import { watchCompose } from '../../src/reply-tools/compose-watch';
import { fakeConnector } from '../../src/ui/connector';

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

interface Spread {
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
}

export interface DomBenchResult {
  engine: 'happy-dom';
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
  return {
    median: cut(percentile(sorted, 50)),
    p95: cut(percentile(sorted, 95)),
    max: cut(sorted.at(-1) ?? Number.NaN),
  };
}

const LINE_CHARS = 100;

/** Types KEYSTROKES characters at the end of a 5,000-character Gmail-shaped body, with or without the listeners. */
async function typeInBody(withListeners: boolean): Promise<{ times: number[]; expansions: number }> {
  const { Window } = await import('happy-dom');
  const window = new Window({ url: 'https://mail.google.com/mail/u/0/#inbox' });
  const doc = window.document as unknown as Document;
  doc.body.innerHTML =
    '<div class="M9" role="region"><table class="iN"><tbody><tr><td class="Ap"><div class="Ar Au">' +
    '<div class="Am Al editable" contenteditable="true" g_editable="true" role="textbox" aria-label="Message Body"></div>' +
    '</div></td></tr></tbody></table><div class="dC"><div class="T-I aoO" role="button">Send</div></div></div>';
  const body = doc.querySelector<HTMLElement>('[g_editable="true"]');
  if (!body) throw new Error('no body');
  // Gmail's body: lines of text separated by <br>, 5,000 characters in all.
  const filler = 'Это уже написанный текст ответа, длинный и обычный. '.repeat(BODY_CHARS / 40);
  for (let at = 0; at < BODY_CHARS; at += LINE_CHARS) {
    if (at > 0) body.append(doc.createElement('br'));
    body.append(doc.createTextNode(filler.slice(at, at + LINE_CHARS)));
  }
  let line = doc.createTextNode('');
  body.append(doc.createElement('br'), line);

  const watch = withListeners
    ? watchCompose(doc, 'support@northwind-shop.example', {
        isMac: false,
        connector: fakeConnector({
          'library.get': () => ({
            library: { templates: [], shortcuts: SHORTCUTS, macros: [] },
            updatedAt: null,
            author: null,
          }),
          'team.get': () => ({ mailbox: 'support@northwind-shop.example', config: null, me: '' }),
        }),
      })
    : undefined;
  await watch?.ready;

  const view = doc.defaultView as unknown as typeof globalThis;
  const selection = doc.getSelection();
  if (!selection) throw new Error('no selection');
  const caretAtEnd = () => {
    const range = doc.createRange();
    range.setStart(line, line.length);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  caretAtEnd();
  const times: number[] = [];
  let expansions = 0;
  for (let i = 0; i < KEYSTROKES; i++) {
    const key = PHRASE.charAt(i % PHRASE.length);
    const keydown = new view.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    const input = new view.InputEvent('beforeinput', {
      inputType: 'insertText',
      data: key,
      bubbles: true,
      cancelable: true,
    });
    const started = performance.now();
    body.dispatchEvent(keydown);
    const typed = !keydown.defaultPrevented && body.dispatchEvent(input);
    times.push(performance.now() - started);
    // What the browser does with a character nobody cancelled (not timed).
    if (typed) line.appendData(key);
    else expansions++;
    caretAtEnd();
    // A new line every LINE_CHARS characters, and the oldest one dropped: the body stays at 5,000 characters.
    if (line.length >= LINE_CHARS) {
      line = doc.createTextNode('');
      body.append(doc.createElement('br'), line);
      body.firstChild?.remove();
      body.firstChild?.remove();
      caretAtEnd();
    }
  }
  watch?.stop();
  await window.happyDOM.close();
  return { times, expansions };
}

export async function runShortcutDomBench(): Promise<DomBenchResult> {
  await typeInBody(true); // warm-up: JIT, shortcut index, selector parsing
  const handled = await typeInBody(true);
  const bare = await typeInBody(false);
  return {
    engine: 'happy-dom',
    bodyChars: BODY_CHARS,
    keystrokes: KEYSTROKES,
    expansions: handled.expansions,
    perKeystrokeMs: spread(handled.times, 3),
    overOneMs: handled.times.filter((ms) => ms > 1).length,
    dispatchOnlyMs: spread(bare.times, 3),
  };
}

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

  return {
    bodyChars: BODY_CHARS,
    keystrokes: KEYSTROKES,
    expansions,
    perKeystrokeUs: spread(times),
    dom: await runShortcutDomBench(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify({ bench: 'shortcuts', ...(await runShortcutBench()) }));
}
