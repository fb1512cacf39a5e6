/**
 * Keyboard shortcuts: which key combination runs which desk action, pure and table-driven.
 *
 * Bindings match `KeyboardEvent.code` (the physical key), not `key`: on macOS Option+Shift+letter types a
 * character (Option+Shift+K is ""), and on a Russian or Japanese layout `key` is a Cyrillic or kana letter,
 * while `code` is `KeyK` everywhere. A binding is written `Alt+Shift+KeyK` in settings and shown "Alt+Shift+K".
 *
 * Defaults are Alt+Shift+<letter or digit>: Gmail's own shortcuts are single keys, Shift+key, `g`/`*`
 * sequences and Ctrl/Cmd combinations in compose, never Alt ("Keyboard shortcuts for Gmail",
 * https://support.google.com/mail/answer/6594). A binding with no Ctrl, Alt or Meta is refused: it would fire
 * while the agent types, and almost every such key is Gmail's already.
 */
import { TICKET_STATUSES, type TicketStatus } from './ticket';

/**
 * The agent's commands, wherever they come from (a shortcut, the help overlay, a button); the UI's action
 * bus (src/ui/actions.ts) carries them. Every one of them can have a shortcut (set-status one per status).
 */
export type DeskAction =
  | { kind: 'set-status'; status: TicketStatus }
  | { kind: 'assign-to-me' }
  | { kind: 'open-queue' }
  | { kind: 'next-ticket' }
  | { kind: 'previous-ticket' }
  | { kind: 'focus-note' }
  | { kind: 'focus-tags' }
  | { kind: 'undo' }
  | { kind: 'show-help' };
export type ShortcutAction = DeskAction;

/** `set-status` has one shortcut per status: `status-new`, `status-on-hold`, … */
export type StatusActionId = `status-${Lowercase<Kebab<TicketStatus>>}`;
type Kebab<S extends string> = S extends `${infer A} ${infer B}` ? `${A}-${Kebab<B>}` : S;

export type ShortcutActionId = StatusActionId | Exclude<ShortcutAction['kind'], 'set-status'>;

function statusActionId(status: TicketStatus): StatusActionId {
  return `status-${status.toLowerCase().replace(' ', '-')}` as StatusActionId;
}

/** Every action, in the order the help overlay and the editor list them. */
export const SHORTCUT_ACTIONS: readonly { id: ShortcutActionId; action: ShortcutAction }[] = [
  ...TICKET_STATUSES.map((status) => ({
    id: statusActionId(status),
    action: { kind: 'set-status', status } as const,
  })),
  ...(
    [
      'assign-to-me',
      'open-queue',
      'next-ticket',
      'previous-ticket',
      'focus-note',
      'focus-tags',
      'undo',
      'show-help',
    ] as const
  ).map((kind) => ({ id: kind, action: { kind } as ShortcutAction })),
];

export const SHORTCUT_ACTION_IDS: readonly ShortcutActionId[] = SHORTCUT_ACTIONS.map((entry) => entry.id);

export function isShortcutActionId(value: string): value is ShortcutActionId {
  return (SHORTCUT_ACTION_IDS as readonly string[]).includes(value);
}

export function shortcutAction(id: ShortcutActionId): ShortcutAction {
  const entry = SHORTCUT_ACTIONS.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`unknown shortcut action ${id}`);
  return entry.action;
}

/**
 * Defaults, all Alt+Shift. Letters Chrome or ChromeOS are said to keep for themselves with Alt+Shift
 * (A, I, T in Chrome; L, M, N, S in ChromeOS) are avoided, so the page is never the one that loses.
 */
export const DEFAULT_BINDINGS: Readonly<Record<ShortcutActionId, string>> = {
  'status-new': 'Alt+Shift+Digit1',
  'status-open': 'Alt+Shift+Digit2',
  'status-pending': 'Alt+Shift+Digit3',
  'status-on-hold': 'Alt+Shift+Digit4',
  'status-solved': 'Alt+Shift+Digit5',
  'status-closed': 'Alt+Shift+Digit6',
  'assign-to-me': 'Alt+Shift+KeyY',
  'open-queue': 'Alt+Shift+KeyQ',
  // J and K move between conversations in Gmail; the same letters with Alt+Shift move between tickets.
  'next-ticket': 'Alt+Shift+KeyJ',
  'previous-ticket': 'Alt+Shift+KeyK',
  'focus-note': 'Alt+Shift+KeyO',
  'focus-tags': 'Alt+Shift+KeyG',
  undo: 'Alt+Shift+KeyZ',
  // "?" is Gmail's help; Alt+Shift+/ is the same key with Alt.
  'show-help': 'Alt+Shift+Slash',
};

/** A key combination: the modifiers held and the physical key (`KeyboardEvent.code`). */
export interface KeyChord {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  code: string;
}

/** Punctuation keys by code, with the character they type on a US layout (how Gmail's help names them). */
const PUNCTUATION: Readonly<Record<string, string>> = {
  Slash: '/',
  Backslash: '\\',
  Period: '.',
  Comma: ',',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Minus: '-',
  Equal: '=',
  Backquote: '`',
};

const NAMED_KEYS: Readonly<Record<string, string>> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Enter: 'Enter',
  Escape: 'Esc',
  Space: 'Space',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
};

/** Codes a chord may end in: letters, digits, F-keys, punctuation and a few named keys. */
export function isBindableCode(code: string): boolean {
  return (
    /^Key[A-Z]$/.test(code) ||
    /^Digit[0-9]$/.test(code) ||
    /^F([1-9]|1[0-2])$/.test(code) ||
    Object.hasOwn(PUNCTUATION, code) ||
    Object.hasOwn(NAMED_KEYS, code)
  );
}

const MODIFIER_NAMES: Readonly<Record<string, 'ctrl' | 'alt' | 'shift' | 'meta'>> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  alt: 'alt',
  option: 'alt',
  opt: 'alt',
  shift: 'shift',
  meta: 'meta',
  cmd: 'meta',
  command: 'meta',
  win: 'meta',
};

/** The code a written key stands for: `KeyM`, `M`, `m` → KeyM; `1` → Digit1; `/` → Slash; `Esc` → Escape. */
function codeOf(token: string): string | undefined {
  if (isBindableCode(token)) return token;
  if (/^[a-z]$/i.test(token)) return `Key${token.toUpperCase()}`;
  if (/^[0-9]$/.test(token)) return `Digit${token}`;
  if (/^f([1-9]|1[0-2])$/i.test(token)) return token.toUpperCase();
  for (const [code, char] of Object.entries(PUNCTUATION)) if (char === token) return code;
  for (const [code, name] of Object.entries(NAMED_KEYS)) {
    if (name.toLowerCase() === token.toLowerCase() || code.toLowerCase() === token.toLowerCase()) return code;
  }
  return undefined;
}

/** Reads `Alt+Shift+KeyM` (or `alt+shift+m`, `Option+Shift+M`); undefined when it names no chord. */
export function parseChord(text: string): KeyChord | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // "Ctrl++" ends in the plus key itself: split would leave two empty tokens.
  const parts = trimmed.endsWith('++') ? [...trimmed.slice(0, -2).split('+'), '='] : trimmed.split('+');
  const chord: KeyChord = { ctrl: false, alt: false, shift: false, meta: false, code: '' };
  for (const [index, raw] of parts.entries()) {
    const token = raw.trim();
    const modifier = MODIFIER_NAMES[token.toLowerCase()];
    if (index < parts.length - 1) {
      if (!modifier || chord[modifier]) return undefined;
      chord[modifier] = true;
      continue;
    }
    const code = codeOf(token);
    if (!code) return undefined;
    chord.code = code;
  }
  return chord;
}

/** The stored form: `Ctrl+Alt+Shift+Meta+Code`, modifiers always in this order. */
export function chordToString(chord: KeyChord): string {
  return [chord.ctrl && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', chord.meta && 'Meta', chord.code]
    .filter(Boolean)
    .join('+');
}

/** What a person reads: "Alt+Shift+M"; on macOS "Option+Shift+M" and "Cmd". */
export function formatChord(chord: KeyChord, options: { mac?: boolean } = {}): string {
  const mac = options.mac === true;
  return [
    chord.ctrl && 'Ctrl',
    chord.alt && (mac ? 'Option' : 'Alt'),
    chord.shift && 'Shift',
    chord.meta && (mac ? 'Cmd' : 'Meta'),
    keyLabel(chord.code),
  ]
    .filter(Boolean)
    .join('+');
}

function keyLabel(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  return PUNCTUATION[code] ?? NAMED_KEYS[code] ?? code;
}

export function sameChord(a: KeyChord, b: KeyChord): boolean {
  return (
    a.code === b.code && a.ctrl === b.ctrl && a.alt === b.alt && a.shift === b.shift && a.meta === b.meta
  );
}

/** The chord a key event makes; undefined for a lone modifier or a key we do not bind. */
export function chordFromEvent(event: {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}): KeyChord | undefined {
  if (!isBindableCode(event.code)) return undefined;
  return {
    ctrl: event.ctrlKey,
    alt: event.altKey,
    shift: event.shiftKey,
    meta: event.metaKey,
    code: event.code,
  };
}

/** A chord without Ctrl, Alt or Meta types a character (or moves the caret) in a text field. */
export function hasCommandModifier(chord: KeyChord): boolean {
  return chord.ctrl || chord.alt || chord.meta;
}

/**
 * Gmail's own shortcuts as chords on a US layout, from Google's help page "Keyboard shortcuts for Gmail"
 * (https://support.google.com/mail/answer/6594). `keys` is how that page writes them; Ctrl combinations
 * are listed for Ctrl and for Cmd (Gmail takes ⌘ on macOS). Sequences (`g` then `i`) are listed by their
 * first key, since that key already starts Gmail's sequence.
 */
function gmailTable(): [keys: string, chord: string][] {
  return [
    // Compose and chat
    ['Ctrl+.', 'Ctrl+Period'],
    ['Ctrl+,', 'Ctrl+Comma'],
    ['Ctrl+Enter', 'Ctrl+Enter'],
    ['Ctrl+Shift+C', 'Ctrl+Shift+KeyC'],
    ['Ctrl+Shift+B', 'Ctrl+Shift+KeyB'],
    ['Ctrl+Shift+F', 'Ctrl+Shift+KeyF'],
    ['Ctrl+Shift+D', 'Ctrl+Shift+KeyD'],
    ['Ctrl+K', 'Ctrl+KeyK'],
    ['Ctrl+;', 'Ctrl+Semicolon'],
    ["Ctrl+'", 'Ctrl+Quote'],
    ['Ctrl+M', 'Ctrl+KeyM'],
    ['Ctrl+S', 'Ctrl+KeyS'],
    ['Ctrl+Z', 'Ctrl+KeyZ'],
    ['Ctrl+↓', 'Ctrl+ArrowDown'],
    ['Shift+Esc', 'Shift+Escape'],
    // Formatting text
    ['Ctrl+Shift+5', 'Ctrl+Shift+Digit5'],
    ['Ctrl+Shift+6', 'Ctrl+Shift+Digit6'],
    ['Ctrl+Shift+-', 'Ctrl+Shift+Minus'],
    ['Ctrl+Shift++', 'Ctrl+Shift+Equal'],
    ['Ctrl+B', 'Ctrl+KeyB'],
    ['Ctrl+I', 'Ctrl+KeyI'],
    ['Ctrl+U', 'Ctrl+KeyU'],
    ['Ctrl+Shift+7', 'Ctrl+Shift+Digit7'],
    ['Ctrl+Shift+8', 'Ctrl+Shift+Digit8'],
    ['Ctrl+Shift+9', 'Ctrl+Shift+Digit9'],
    ['Ctrl+[', 'Ctrl+BracketLeft'],
    ['Ctrl+]', 'Ctrl+BracketRight'],
    ['Ctrl+Shift+L', 'Ctrl+Shift+KeyL'],
    ['Ctrl+Shift+E', 'Ctrl+Shift+KeyE'],
    ['Ctrl+Shift+R', 'Ctrl+Shift+KeyR'],
    ['Ctrl+\\', 'Ctrl+Backslash'],
    // Actions, navigation and application (single keys and Shift+key)
    ...[...'cdkjnpouemxsyrafzlvbqhg'].map((key): [string, string] => [key, `Key${key.toUpperCase()}`]),
    ...[...'RAFINUT'].map((key): [string, string] => [`Shift+${key.toLowerCase()}`, `Shift+Key${key}`]),
    ['/', 'Slash'],
    ['?', 'Shift+Slash'],
    ['`', 'Backquote'],
    ['~', 'Shift+Backquote'],
    ['Enter', 'Enter'],
    ['Esc', 'Escape'],
    ['#', 'Shift+Digit3'],
    ['!', 'Shift+Digit1'],
    ['*', 'Shift+Digit8'],
    ['+', 'Shift+Equal'],
    ['=', 'Equal'],
    ['-', 'Minus'],
    ['_', 'Shift+Minus'],
    ['[', 'BracketLeft'],
    [']', 'BracketRight'],
    ['{', 'Shift+BracketLeft'],
    ['}', 'Shift+BracketRight'],
    [',', 'Comma'],
    ['.', 'Period'],
    [';', 'Semicolon'],
    [':', 'Shift+Semicolon'],
  ];
}

export interface ReservedShortcut {
  /** As Gmail's or the browser's help writes it. */
  keys: string;
  chord: KeyChord;
}

function reserved(table: readonly [string, string][], withCmd: boolean): ReservedShortcut[] {
  const out: ReservedShortcut[] = [];
  for (const [keys, text] of table) {
    const chord = parseChord(text);
    if (!chord) throw new Error(`keymap table: cannot read ${text}`);
    out.push({ keys, chord });
    if (withCmd && chord.ctrl)
      out.push({ keys: keys.replace('Ctrl', 'Cmd'), chord: { ...chord, ctrl: false, meta: true } });
  }
  return out;
}

// Both tables are built only where they are read: the options page's editor and the tests. `@__PURE__` lets the
// bundler drop them (about 0.6 kB gzipped) from the content script, whose `buildKeymap` does not check them.
export const GMAIL_SHORTCUTS: readonly ReservedShortcut[] = /* @__PURE__ */ reserved(
  /* @__PURE__ */ gmailTable(),
  true,
);

/**
 * Browser and system shortcuts a page never receives (or must not take): tabs, windows, address bar,
 * developer tools, and the Alt+Shift letters Chrome and ChromeOS keep.
 */
export const BROWSER_SHORTCUTS: readonly ReservedShortcut[] = /* @__PURE__ */ reserved(
  /* @__PURE__ */ browserTable(),
  true,
);

function browserTable(): [keys: string, chord: string][] {
  return [
    ...[...'TWNLDFPRHJ'].map((key): [string, string] => [`Ctrl+${key}`, `Ctrl+Key${key}`]),
    ...[...'TWNIJCBO'].map((key): [string, string] => [`Ctrl+Shift+${key}`, `Ctrl+Shift+Key${key}`]),
    ...[...'123456789'].map((key): [string, string] => [`Ctrl+${key}`, `Ctrl+Digit${key}`]),
    ['Ctrl+Tab', 'Ctrl+Tab'],
    ['Ctrl+Shift+Tab', 'Ctrl+Shift+Tab'],
    ['Ctrl+Shift+Delete', 'Ctrl+Shift+Delete'],
    ['Alt+←', 'Alt+ArrowLeft'],
    ['Alt+→', 'Alt+ArrowRight'],
    ['Alt+Home', 'Alt+Home'],
    ...[...'DEF'].map((key): [string, string] => [`Alt+${key}`, `Alt+Key${key}`]),
    ...[...'AITLMNS'].map((key): [string, string] => [`Alt+Shift+${key}`, `Alt+Shift+Key${key}`]),
  ];
}

export type BindingProblem =
  | { kind: 'unreadable' }
  | { kind: 'no-modifier' }
  | { kind: 'gmail'; keys: string }
  | { kind: 'browser'; keys: string }
  | { kind: 'duplicate'; other: ShortcutActionId };

/** What every shortcut needs, wherever it is read: a Ctrl, Alt or Meta, so typing never runs an action. */
export function modifierProblems(chord: KeyChord): BindingProblem[] {
  return hasCommandModifier(chord) ? [] : [{ kind: 'no-modifier' }];
}

/**
 * Why a chord cannot be a shortcut on its own: no modifier, or Gmail's or the browser's own (clashes between
 * actions are checked by `buildKeymap`). The options page's editor refuses these while recording.
 */
export function chordProblems(chord: KeyChord): BindingProblem[] {
  const problems = modifierProblems(chord);
  const gmail = GMAIL_SHORTCUTS.find((entry) => sameChord(entry.chord, chord));
  if (gmail) problems.push({ kind: 'gmail', keys: gmail.keys });
  const browser = BROWSER_SHORTCUTS.find((entry) => sameChord(entry.chord, chord));
  if (browser) problems.push({ kind: 'browser', keys: browser.keys });
  return problems;
}

export interface Keymap {
  /** The chord of every action; undefined when the agent unbound it. */
  readonly bindings: ReadonlyMap<ShortcutActionId, KeyChord | undefined>;
  /** Re-bindings that were refused (the default stands) and clashes between actions. */
  readonly problems: ReadonlyMap<ShortcutActionId, readonly BindingProblem[]>;
  /** The action a chord runs; with a clash between actions, the first in list order wins. */
  lookup(chord: KeyChord): ShortcutActionId | undefined;
}

/**
 * The defaults with the agent's re-bindings (`settings.shortcuts`, action id → chord; an empty string
 * unbinds). A re-binding that cannot be read or that `refuse` objects to is refused and the default stays;
 * unknown action ids are ignored (settings from a newer version).
 *
 * By default only a missing modifier is refused: the settings come from the options page's editor, which
 * already refused Gmail's and the browser's own shortcuts when they were recorded, so the content script
 * reads them without shipping those tables. The editor passes `chordProblems` to flag them in stored settings.
 */
export function buildKeymap(
  overrides: Readonly<Record<string, string>> = {},
  refuse: (chord: KeyChord) => BindingProblem[] = modifierProblems,
): Keymap {
  const bindings = new Map<ShortcutActionId, KeyChord | undefined>();
  const problems = new Map<ShortcutActionId, BindingProblem[]>();
  const addProblem = (id: ShortcutActionId, problem: BindingProblem) =>
    problems.set(id, [...(problems.get(id) ?? []), problem]);

  for (const id of SHORTCUT_ACTION_IDS) {
    const fallback = parseChord(DEFAULT_BINDINGS[id]);
    const override = Object.hasOwn(overrides, id) ? overrides[id] : undefined;
    if (override === undefined) {
      bindings.set(id, fallback);
      continue;
    }
    if (override.trim() === '') {
      bindings.set(id, undefined);
      continue;
    }
    const chord = parseChord(override);
    const refused = chord ? refuse(chord) : [{ kind: 'unreadable' } as const];
    for (const problem of refused) addProblem(id, problem);
    bindings.set(id, refused.length === 0 ? chord : fallback);
  }

  const { byChord, clashes } = chordOwners(bindings);
  for (const [id, first] of clashes) {
    addProblem(id, { kind: 'duplicate', other: first });
    addProblem(first, { kind: 'duplicate', other: id });
  }

  return {
    bindings,
    problems,
    lookup: (chord) => byChord.get(chordToString(chord)),
  };
}

/**
 * Who owns each chord (the first action bound to it, in the order given), and each later action bound to a
 * chord already owned, paired with its owner.
 */
export function chordOwners(entries: Iterable<readonly [ShortcutActionId, KeyChord | undefined]>): {
  byChord: Map<string, ShortcutActionId>;
  clashes: [ShortcutActionId, ShortcutActionId][];
} {
  const byChord = new Map<string, ShortcutActionId>();
  const clashes: [ShortcutActionId, ShortcutActionId][] = [];
  for (const [id, chord] of entries) {
    if (!chord) continue;
    const key = chordToString(chord);
    const first = byChord.get(key);
    if (first === undefined) byChord.set(key, id);
    else clashes.push([id, first]);
  }
  return { byChord, clashes };
}

/** The overrides to store for a set of chords: only actions that differ from their default. */
export function overridesFor(
  chords: Readonly<Partial<Record<ShortcutActionId, KeyChord | undefined>>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of SHORTCUT_ACTION_IDS) {
    if (!Object.hasOwn(chords, id)) continue;
    const chord = chords[id];
    const text = chord ? chordToString(chord) : '';
    if (text !== DEFAULT_BINDINGS[id]) out[id] = text;
  }
  return out;
}
