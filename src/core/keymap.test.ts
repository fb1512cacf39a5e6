import { describe, expect, it } from 'vitest';
import {
  buildKeymap,
  chordFromEvent,
  chordProblems,
  chordToString,
  DEFAULT_BINDINGS,
  formatChord,
  GMAIL_SHORTCUTS,
  type KeyChord,
  modifierProblems,
  overridesFor,
  parseChord,
  SHORTCUT_ACTION_IDS,
  SHORTCUT_ACTIONS,
  shortcutAction,
} from './keymap';

const chord = (text: string): KeyChord => {
  const parsed = parseChord(text);
  if (!parsed) throw new Error(`test chord ${text} does not parse`);
  return parsed;
};

describe('keymap actions', () => {
  it('has one action per status and every other desk action', () => {
    expect(SHORTCUT_ACTION_IDS).toEqual([
      'status-new',
      'status-open',
      'status-pending',
      'status-on-hold',
      'status-solved',
      'status-closed',
      'assign-to-me',
      'open-queue',
      'next-ticket',
      'previous-ticket',
      'focus-note',
      'focus-tags',
      'undo',
      'show-help',
    ]);
    expect(shortcutAction('status-on-hold')).toEqual({ kind: 'set-status', status: 'On hold' });
    expect(shortcutAction('show-help')).toEqual({ kind: 'show-help' });
  });
});

describe('default bindings', () => {
  it.each(SHORTCUT_ACTIONS.map((entry) => [entry.id, DEFAULT_BINDINGS[entry.id]]))(
    '%s (%s) parses, has a modifier and clashes with nothing of Gmail or the browser',
    (_id, text) => {
      const parsed = parseChord(text);
      expect(parsed).toBeDefined();
      expect(chordProblems(parsed as KeyChord)).toEqual([]);
      expect(chordToString(parsed as KeyChord)).toBe(text);
    },
  );

  it('are clash-free among themselves', () => {
    const keymap = buildKeymap();
    expect([...keymap.problems]).toEqual([]);
    const texts = Object.values(DEFAULT_BINDINGS);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('parsing and formatting chords', () => {
  it.each([
    ['Alt+Shift+KeyM', 'Alt+Shift+KeyM', 'Alt+Shift+M', 'Option+Shift+M'],
    ['alt+shift+m', 'Alt+Shift+KeyM', 'Alt+Shift+M', 'Option+Shift+M'],
    ['Option+Shift+M', 'Alt+Shift+KeyM', 'Alt+Shift+M', 'Option+Shift+M'],
    ['Shift+Alt+1', 'Alt+Shift+Digit1', 'Alt+Shift+1', 'Option+Shift+1'],
    ['Ctrl+Enter', 'Ctrl+Enter', 'Ctrl+Enter', 'Ctrl+Enter'],
    ['Cmd+Enter', 'Meta+Enter', 'Meta+Enter', 'Cmd+Enter'],
    ['Ctrl+/', 'Ctrl+Slash', 'Ctrl+/', 'Ctrl+/'],
    ['Alt+Shift+Slash', 'Alt+Shift+Slash', 'Alt+Shift+/', 'Option+Shift+/'],
    ['Ctrl+Alt+F5', 'Ctrl+Alt+F5', 'Ctrl+Alt+F5', 'Ctrl+Option+F5'],
    ['Alt+ArrowDown', 'Alt+ArrowDown', 'Alt+↓', 'Option+↓'],
    ['Ctrl+Shift++', 'Ctrl+Shift+Equal', 'Ctrl+Shift+=', 'Ctrl+Shift+='],
    ['Alt+Esc', 'Alt+Escape', 'Alt+Esc', 'Option+Esc'],
    ['k', 'KeyK', 'K', 'K'],
  ])('%s is stored as %s and shown as %s (macOS: %s)', (text, stored, shown, mac) => {
    const parsed = chord(text);
    expect(chordToString(parsed)).toBe(stored);
    expect(formatChord(parsed)).toBe(shown);
    expect(formatChord(parsed, { mac: true })).toBe(mac);
    expect(chordToString(chord(chordToString(parsed)))).toBe(stored);
  });

  it.each([
    [''],
    ['Alt+Shift+'],
    ['Alt+Alt+KeyM'],
    ['Hyper+KeyM'],
    ['Alt+Shift+Ж'],
    ['Alt+KeyM+Shift'],
    ['Alt+F13'],
  ])('refuses %j', (text) => {
    expect(parseChord(text)).toBeUndefined();
  });

  it('reads the chord of a key event by code, whatever character the layout typed', () => {
    const event = { code: 'KeyK', key: '', ctrlKey: false, altKey: true, shiftKey: true, metaKey: false };
    expect(chordFromEvent(event)).toEqual(chord('Alt+Shift+KeyK'));
    expect(chordFromEvent({ ...event, code: 'ShiftLeft' })).toBeUndefined();
    expect(chordFromEvent({ ...event, code: 'IntlRo' })).toBeUndefined();
  });
});

describe('clashes', () => {
  it.each([
    ['KeyR', 'no-modifier', 'r'],
    ['Shift+Digit3', 'no-modifier', '#'],
    ['Shift+Slash', 'no-modifier', '?'],
    ['KeyG', 'no-modifier', 'g'],
    ['Ctrl+Enter', 'gmail', 'Ctrl+Enter'],
    ['Meta+Enter', 'gmail', 'Cmd+Enter'],
    ['Ctrl+Shift+KeyC', 'gmail', 'Ctrl+Shift+C'],
    ['Ctrl+Shift+Digit7', 'gmail', 'Ctrl+Shift+7'],
    ['Ctrl+KeyB', 'gmail', 'Ctrl+B'],
    ['Ctrl+Period', 'gmail', 'Ctrl+.'],
  ])('%s clashes with Gmail (%s, %s)', (text, firstProblem, keys) => {
    const problems = chordProblems(chord(text));
    expect(problems[0]?.kind).toBe(firstProblem);
    expect(problems).toContainEqual({ kind: 'gmail', keys });
  });

  it.each([
    ['Ctrl+KeyT', 'Ctrl+T'],
    ['Meta+KeyW', 'Cmd+W'],
    ['Ctrl+Shift+KeyI', 'Ctrl+Shift+I'],
    ['Alt+Shift+KeyI', 'Alt+Shift+I'],
    ['Alt+ArrowLeft', 'Alt+←'],
  ])('%s is the browser’s own (%s)', (text, keys) => {
    expect(chordProblems(chord(text))).toEqual([{ kind: 'browser', keys }]);
  });

  it.each([['Alt+Shift+KeyP'], ['Ctrl+Alt+KeyS'], ['Alt+KeyX'], ['Ctrl+Shift+KeyX'], ['Alt+F2']])(
    '%s is free',
    (text) => {
      expect(chordProblems(chord(text))).toEqual([]);
    },
  );

  it('lists every Gmail Ctrl shortcut for Cmd too', () => {
    const ctrl = GMAIL_SHORTCUTS.filter((entry) => entry.chord.ctrl).length;
    const cmd = GMAIL_SHORTCUTS.filter((entry) => entry.chord.meta).length;
    expect(ctrl).toBeGreaterThan(20);
    expect(cmd).toBe(ctrl);
  });
});

describe('re-binding', () => {
  it.each<[string, Record<string, string>, string, string | undefined, string[]]>([
    [
      'a free chord replaces the default',
      { 'assign-to-me': 'Alt+Shift+KeyP' },
      'assign-to-me',
      'Alt+Shift+KeyP',
      [],
    ],
    ['a written form is read', { undo: 'ctrl+alt+z' }, 'undo', 'Ctrl+Alt+KeyZ', []],
    ['an empty string unbinds', { 'focus-tags': '' }, 'focus-tags', undefined, []],
    [
      'no modifier is refused',
      { 'open-queue': 'KeyQ' },
      'open-queue',
      'Alt+Shift+KeyQ',
      ['no-modifier', 'gmail'],
    ],
    ['Gmail’s chord is refused', { 'next-ticket': 'Ctrl+Enter' }, 'next-ticket', 'Alt+Shift+KeyJ', ['gmail']],
    [
      'the browser’s chord is refused',
      { 'show-help': 'Ctrl+KeyT' },
      'show-help',
      'Alt+Shift+Slash',
      ['browser'],
    ],
    [
      'nonsense is refused',
      { 'status-open': 'Alt+Shift+Nope' },
      'status-open',
      'Alt+Shift+Digit2',
      ['unreadable'],
    ],
  ])('with every check (the options page): %s', (_name, overrides, id, expected, problems) => {
    const keymap = buildKeymap(overrides, chordProblems);
    const bound = keymap.bindings.get(id as never);
    expect(bound ? chordToString(bound) : undefined).toBe(expected);
    expect((keymap.problems.get(id as never) ?? []).map((problem) => problem.kind)).toEqual(problems);
  });

  it.each<[string, Record<string, string>, string, string | undefined, string[]]>([
    ['no modifier is refused', { 'open-queue': 'KeyQ' }, 'open-queue', 'Alt+Shift+KeyQ', ['no-modifier']],
    [
      'nonsense is refused',
      { 'status-open': 'Alt+Shift+Nope' },
      'status-open',
      'Alt+Shift+Digit2',
      ['unreadable'],
    ],
    // The editor refused it when it was recorded; the content script does not ship Gmail's table.
    [
      'a chord the editor let through is taken',
      { 'next-ticket': 'Ctrl+Enter' },
      'next-ticket',
      'Ctrl+Enter',
      [],
    ],
  ])('by default (the content script): %s', (_name, overrides, id, expected, problems) => {
    const keymap = buildKeymap(overrides);
    const bound = keymap.bindings.get(id as never);
    expect(bound ? chordToString(bound) : undefined).toBe(expected);
    expect((keymap.problems.get(id as never) ?? []).map((problem) => problem.kind)).toEqual(problems);
  });

  it('refuses only a missing modifier by default, and Gmail’s and the browser’s chords with every check', () => {
    expect(modifierProblems(chord('KeyR'))).toEqual([{ kind: 'no-modifier' }]);
    expect(modifierProblems(chord('Ctrl+KeyB'))).toEqual([]);
    expect(chordProblems(chord('Ctrl+KeyB'))).toEqual([{ kind: 'gmail', keys: 'Ctrl+B' }]);
  });

  it('ignores action ids it does not know', () => {
    const keymap = buildKeymap({ 'make-coffee': 'Alt+Shift+KeyC' });
    expect([...keymap.problems]).toEqual([]);
    expect(keymap.lookup(chord('Alt+Shift+KeyC'))).toBeUndefined();
  });

  it('finds the action of a chord, and the re-bound one only under its new chord', () => {
    const keymap = buildKeymap({ 'assign-to-me': 'Alt+Shift+KeyP' });
    expect(keymap.lookup(chord('Alt+Shift+KeyP'))).toBe('assign-to-me');
    expect(keymap.lookup(chord('Alt+Shift+KeyY'))).toBeUndefined();
    expect(keymap.lookup(chord('Alt+Shift+Digit5'))).toBe('status-solved');
    expect(keymap.lookup(chord('Ctrl+Alt+Shift+Digit5'))).toBeUndefined();
  });

  it('reports two actions on one chord, and the first in list order wins', () => {
    const keymap = buildKeymap({ undo: 'Alt+Shift+Digit1' });
    expect(keymap.problems.get('undo')).toEqual([{ kind: 'duplicate', other: 'status-new' }]);
    expect(keymap.problems.get('status-new')).toEqual([{ kind: 'duplicate', other: 'undo' }]);
    expect(keymap.lookup(chord('Alt+Shift+Digit1'))).toBe('status-new');
  });

  it('stores only what differs from the defaults', () => {
    expect(
      overridesFor({
        undo: chord('Alt+Shift+KeyZ'),
        'focus-note': chord('Ctrl+Alt+KeyN'),
        'focus-tags': undefined,
      }),
    ).toEqual({ 'focus-note': 'Ctrl+Alt+KeyN', 'focus-tags': '' });
  });
});
