/**
 * The keystroke loop of the shortcut bench (scripts/bench/shortcut-bench.ts), for any DOM: happy-dom in Node,
 * or Chromium (compose-page/entry.ts, bundled by compose-browser.ts). Types a text with the seed's shortcuts at
 * the end of a Gmail-shaped body of 5,000 characters and times each keystroke's keydown + beforeinput, with
 * the reply tools' listeners (src/reply-tools/compose-watch.ts) or without any.
 */
import type { TextShortcut } from '../../../src/core/text-shortcuts';
import { watchCompose } from '../../../src/reply-tools/compose-watch';
import { fakeConnector } from '../../../src/ui/connector';

export const BODY_CHARS = 5_000;
export const KEYSTROKES = 20_000;
const LINE_CHARS = 100;

/** The seed's three, and enough others that the lookup is not trivially small. */
export const SHORTCUTS: TextShortcut[] = [
  { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
  { abbreviation: 'пож', expansion: 'пожалуйста,' },
  { abbreviation: 'демоо', expansion: 'https://demo.example/book-a-demo' },
  ...Array.from({ length: 200 }, (_, i) => ({ abbreviation: `sc${i}`, expansion: `Shortcut number ${i}.` })),
];

export const PHRASE =
  'Зд Спасибо за письмо, пож пришлите номер заказа. Запишитесь на демоо или посмотрите демо. sc42 ';

export const FILLER = 'Это уже написанный текст ответа, длинный и обычный. '.repeat(BODY_CHARS / 40);

export interface TypingRun {
  /** Milliseconds per keystroke. */
  times: number[];
  expansions: number;
}

/** Types KEYSTROKES characters at the end of a 5,000-character body in `doc`, with or without the listeners. */
export async function typeInBody(doc: Document, withListeners: boolean): Promise<TypingRun> {
  doc.body.innerHTML =
    '<div class="M9" role="region"><table class="iN"><tbody><tr><td class="Ap"><div class="Ar Au">' +
    '<div class="Am Al editable" contenteditable="true" g_editable="true" role="textbox" aria-label="Message Body"></div>' +
    '</div></td></tr></tbody></table><div class="dC"><div class="T-I aoO" role="button">Send</div></div></div>';
  const body = doc.querySelector<HTMLElement>('[g_editable="true"]');
  if (!body) throw new Error('no body');
  // Gmail's body: lines of text separated by <br>, 5,000 characters in all.
  for (let at = 0; at < BODY_CHARS; at += LINE_CHARS) {
    if (at > 0) body.append(doc.createElement('br'));
    body.append(doc.createTextNode(FILLER.slice(at, at + LINE_CHARS)));
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
  const clock = view.performance ?? performance;
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
    const started = clock.now();
    body.dispatchEvent(keydown);
    const typed = !keydown.defaultPrevented && body.dispatchEvent(input);
    times.push(clock.now() - started);
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
  return { times, expansions };
}
