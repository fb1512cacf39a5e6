// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildKeymap,
  chordToString,
  type Keymap,
  parseChord,
  type ShortcutActionId,
} from '../../core/keymap';
import type { DeskAction } from '../actions';
import { isTyping, listenForShortcuts } from './listen';

function press(target: EventTarget, code: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    code,
    bubbles: true,
    cancelable: true,
    composed: true,
    ...init,
  });
  target.dispatchEvent(event);
  return event;
}
const ALT_SHIFT = { altKey: true, shiftKey: true };

/** A keymap that also binds plain J, which buildKeymap would refuse, to show what typing protection does. */
function withPlainKey(): Keymap {
  const real = buildKeymap();
  return {
    ...real,
    lookup: (chord) =>
      chordToString(chord) === 'KeyJ' ? ('next-ticket' as ShortcutActionId) : real.lookup(chord),
  };
}

function start(keymap: Keymap = buildKeymap(), options: Parameters<typeof listenForShortcuts>[4] = {}) {
  const seen: DeskAction[] = [];
  const controller = new AbortController();
  listenForShortcuts(
    document,
    keymap,
    { dispatch: (action) => seen.push(action) },
    controller.signal,
    options,
  );
  return { seen, controller };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('listenForShortcuts', () => {
  it('runs the bound action and keeps the key from Gmail', () => {
    const { seen, controller } = start();
    const event = press(document.body, 'Digit5', ALT_SHIFT);
    expect(seen).toEqual([{ kind: 'set-status', status: 'Solved' }]);
    expect(event.defaultPrevented).toBe(true);
    press(document.body, 'KeyJ', ALT_SHIFT);
    expect(seen.at(-1)).toEqual({ kind: 'next-ticket' });
    controller.abort();
  });

  it.each<[string, KeyboardEventInit]>([
    ['an unbound chord', { code: 'KeyP', altKey: true, shiftKey: true }],
    [
      'the right key with a modifier too many',
      { code: 'Digit5', altKey: true, shiftKey: true, ctrlKey: true },
    ],
    ['a held key repeating', { code: 'Digit5', altKey: true, shiftKey: true, repeat: true }],
    ['an input method composing', { code: 'Digit5', altKey: true, shiftKey: true, isComposing: true }],
  ])('ignores %s', (_name, init) => {
    const { seen, controller } = start();
    const event = press(document.body, init.code ?? '', init);
    expect(seen).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
    controller.abort();
  });

  it('ignores a key without Ctrl/Alt/Meta while the agent types, but not outside a text field', () => {
    document.body.innerHTML =
      '<input id="i"><textarea id="t"></textarea><div contenteditable="true"><p id="c">Hi</p></div><button id="b"></button>';
    const { seen, controller } = start(withPlainKey());
    for (const id of ['i', 't', 'c']) press(document.getElementById(id) as HTMLElement, 'KeyJ');
    expect(seen).toEqual([]);
    press(document.getElementById('b') as HTMLElement, 'KeyJ');
    expect(seen).toEqual([{ kind: 'next-ticket' }]);
    controller.abort();
  });

  it('runs a chord with Alt in a text field', () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    const { seen, controller } = start();
    const event = press(document.getElementById('t') as HTMLElement, 'KeyO', { ...ALT_SHIFT, key: 'O' });
    expect(seen).toEqual([{ kind: 'focus-note' }]);
    expect(event.defaultPrevented).toBe(true);
    controller.abort();
  });

  it('on macOS leaves Option+key to the character it types in a text field', () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    const { seen, controller } = start(buildKeymap(), { mac: true });
    const field = document.getElementById('t') as HTMLElement;
    expect(press(field, 'KeyO', { ...ALT_SHIFT, key: 'Ø' }).defaultPrevented).toBe(false);
    expect(press(field, 'KeyE', { altKey: true, key: 'Dead' }).defaultPrevented).toBe(false);
    expect(seen).toEqual([]);
    press(document.body, 'KeyO', { ...ALT_SHIFT, key: 'Ø' });
    expect(seen).toEqual([{ kind: 'focus-note' }]);
    controller.abort();
  });

  it('matches the physical key whatever the layout types (Russian Alt+Shift+J gives "О")', () => {
    document.body.innerHTML = '<input id="i">';
    const { seen, controller } = start();
    press(document.getElementById('i') as HTMLElement, 'KeyJ', { ...ALT_SHIFT, key: 'О' });
    expect(seen).toEqual([{ kind: 'next-ticket' }]);
    controller.abort();
  });

  it('sees keys in the sidebar’s shadow root once, and knows its text fields', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadowRoot = host.attachShadow({ mode: 'open' });
    shadowRoot.innerHTML = '<input id="note"><button id="b"></button>';
    const { seen, controller } = start(withPlainKey(), { shadowRoot });
    press(shadowRoot.getElementById('b') as HTMLElement, 'Digit1', ALT_SHIFT);
    expect(seen).toEqual([{ kind: 'set-status', status: 'New' }]);
    press(shadowRoot.getElementById('note') as HTMLElement, 'KeyJ');
    expect(seen).toHaveLength(1);
    controller.abort();
  });

  // happy-dom shows the document the field inside a closed root (Chromium shows only the host), so this checks
  // the outcome, not which of the two listeners decided it.
  it('leaves typing in a closed shadow root alone and runs chords from it once', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadowRoot = host.attachShadow({ mode: 'closed' });
    shadowRoot.innerHTML = '<textarea id="note"></textarea>';
    const { seen, controller } = start(withPlainKey(), { shadowRoot });
    press(shadowRoot.getElementById('note') as HTMLElement, 'KeyJ');
    expect(seen).toEqual([]);
    press(shadowRoot.getElementById('note') as HTMLElement, 'KeyJ', ALT_SHIFT);
    expect(seen).toEqual([{ kind: 'next-ticket' }]);
    controller.abort();
  });

  it('stops when its signal aborts', () => {
    const { seen, controller } = start();
    controller.abort();
    press(document.body, 'Digit5', ALT_SHIFT);
    expect(seen).toEqual([]);
  });

  it('binds what the agent re-bound', () => {
    const { seen, controller } = start(buildKeymap({ undo: 'Ctrl+Alt+KeyU' }));
    press(document.body, 'KeyZ', ALT_SHIFT);
    press(document.body, 'KeyU', { ctrlKey: true, altKey: true });
    expect(seen).toEqual([{ kind: 'undo' }]);
    expect(parseChord('Ctrl+Alt+KeyU')).toBeDefined();
    controller.abort();
  });
});

describe('isTyping', () => {
  it.each([
    ['<input type="text">', true],
    ['<input type="checkbox">', false],
    ['<select><option>a</option></select>', true],
    ['<textarea></textarea>', true],
    ['<div contenteditable="false"><span>x</span></div>', false],
    ['<a href="#">x</a>', false],
  ])('%s → %s', (html, typing) => {
    document.body.innerHTML = html;
    const element = document.body.querySelector('span') ?? (document.body.firstElementChild as Element);
    let result: boolean | undefined;
    element.addEventListener('keydown', (event) => {
      result = isTyping(event);
    });
    press(element, 'KeyA');
    expect(result).toBe(typing);
  });
});
