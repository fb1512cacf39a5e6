// zod/mini: expandAt runs in the content script on every keystroke in a compose box, and the shortcut set
// crosses into it; zod classic would not fit its size budget. A mini schema nests in classic records too.
import { z } from 'zod/mini';
import { COMMON_WORDS, type CommonWordsLanguage } from './common-words';

/**
 * Text shortcuts (issue 5, PRODUCT.md "Replies", seed S000 lines 128-134): an abbreviation typed in a
 * compose box becomes its expansion when the agent ends the word (`Зд` + space → `Здравствуйте, `).
 *
 * When it fires, and why:
 * - only on a whole token: the abbreviation is preceded by the start of the text, whitespace or sentence
 *   punctuation, and is not part of a longer word (`Зд` in `Здание`, `демо` in `демоо`): a word is letters of
 *   any script, combining marks, digits, `_` and `-`;
 * - never inside a link, an address or a path: a token right after `/`, `@`, `.`, `:`, `\`, `#`, `=`, `&`,
 *   `+`, `%`, `~` or an apostrophe is part of something longer (`shop.example/пож`, `don't`);
 * - only when the agent ends the word with a space, Tab, Enter or punctuation (`. , ; : ! ? …`, and the
 *   full-width forms Japanese uses);
 * - matching ignores case, and the expansion is kept as written, with one exception: an abbreviation typed
 *   with a capital first letter capitalises an expansion that starts in lower case (`Пож` → `Пожалуйста,`),
 *   since a capital typed on purpose means the start of a sentence or a name. Nothing is ever lower-cased.
 *
 * Only the last token before the caret is read (at most MAX_ABBREVIATION_LENGTH + 1 characters back), so a
 * keystroke costs the same in a 5,000-character body as in an empty one (scripts/bench/shortcut-bench.ts).
 */

export const MAX_ABBREVIATION_LENGTH = 32;
export const MAX_EXPANSION_LENGTH = 5_000;
export const MAX_SHORTCUTS = 500;

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}_-]$/u;
const ABBREVIATION = /^[\p{L}\p{M}\p{N}_-]+$/u;
/** Characters that glue a token to what stands before it: links, addresses, paths, contractions. */
const JOINERS = new Set(['/', '@', '.', ':', '\\', '#', '=', '&', '+', '%', '~', "'", '\u2019']);
/** Keys that end a word and so may expand it. Enter arrives as `\n`, Tab as `\t`. */
const SPACE_TRIGGERS = new Set([' ', '\u00a0', '\u3000', '\t', '\n', '\r']);
const PUNCTUATION_TRIGGERS = new Set([
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '…',
  '。',
  '、',
  '，',
  '．',
  '！',
  '？',
  '：',
  '；',
]);

const abbreviationSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(MAX_ABBREVIATION_LENGTH),
    z.regex(ABBREVIATION, 'letters, digits, _ and - only, no spaces'),
  );

export const textShortcutSchema = z.object({
  abbreviation: abbreviationSchema,
  expansion: z.string().check(z.minLength(1), z.maxLength(MAX_EXPANSION_LENGTH)),
});
export type TextShortcut = z.infer<typeof textShortcutSchema>;

/** The key two abbreviations are compared by: Unicode-normalised and lower-cased (`Зд` and `зд` are one). */
export function abbreviationKey(abbreviation: string): string {
  return abbreviation.normalize('NFC').toLowerCase();
}

/** A team's shortcut set; a repeated abbreviation (ignoring case) is reported at the repeat. */
export const textShortcutsSchema = z.array(textShortcutSchema).check(
  z.maxLength(MAX_SHORTCUTS),
  z.superRefine((shortcuts, ctx) => {
    const seen = new Set<string>();
    shortcuts.forEach((shortcut, index) => {
      const key = abbreviationKey(shortcut.abbreviation);
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `the abbreviation "${shortcut.abbreviation}" is used twice`,
          path: [index, 'abbreviation'],
          params: { reason: 'duplicate-abbreviation', value: shortcut.abbreviation },
        });
      }
      seen.add(key);
    });
  }),
);

export interface ShortcutExpansion {
  /** Where the typed abbreviation starts and ends in `textBeforeCaret`. */
  start: number;
  end: number;
  /** The abbreviation as typed. */
  typed: string;
  /**
   * What replaces `[start, end)`. It includes the typed space or punctuation, so the UI cancels that key
   * and inserts this; Tab and Enter are never included (see `keepKey`). When the expansion already ends
   * with the typed punctuation (`пожалуйста,` + `,`) the key is swallowed rather than doubled.
   */
  replacement: string;
  /**
   * Enter: let the key go through after the replacement (Gmail makes the new line). Every other trigger is
   * cancelled: a space or punctuation is in `replacement`, and Tab would move the focus out of the body.
   */
  keepKey: boolean;
  /**
   * Ctrl+Z / Cmd+Z right after an expansion: replace `[start, start + replacement.length)` with `text`,
   * what the agent typed (the abbreviation and its space or punctuation), and put the caret at
   * `start + caretOffset`. `undoExpansion` does it on a string.
   */
  undo: { text: string; caretOffset: number };
}

interface ShortcutIndex {
  byKey: Map<string, TextShortcut>;
  longest: number;
}

// Built once per shortcut list (the list object is the key), not on every keystroke.
const indexes = new WeakMap<readonly TextShortcut[], ShortcutIndex>();

function indexOf(shortcuts: readonly TextShortcut[]): ShortcutIndex {
  let index = indexes.get(shortcuts);
  if (!index) {
    const byKey = new Map<string, TextShortcut>();
    let longest = 0;
    for (const shortcut of shortcuts) {
      const key = abbreviationKey(shortcut.abbreviation);
      if (!byKey.has(key)) byKey.set(key, shortcut);
      longest = Math.max(longest, shortcut.abbreviation.length);
    }
    index = { byKey, longest: Math.min(longest, MAX_ABBREVIATION_LENGTH) };
    indexes.set(shortcuts, index);
  }
  return index;
}

export function isShortcutTrigger(typedChar: string): boolean {
  return SPACE_TRIGGERS.has(typedChar) || PUNCTUATION_TRIGGERS.has(typedChar);
}

/** The character (a whole code point) that ends just before `end`, or '' at the start. */
function codePointBefore(text: string, end: number): string {
  if (end <= 0) return '';
  const low = text.charCodeAt(end - 1);
  if (end >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(end - 2, end);
  }
  return text.charAt(end - 1);
}

function capitalise(text: string): string {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
  return first.toUpperCase() + text.slice(first.length);
}

function startsUpperCase(text: string): boolean {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/**
 * The expansion the agent's keystroke triggers, or undefined. `textBeforeCaret` is the body text up to the
 * caret (only its end is read); `typedChar` is the key's character (`' '`, `'\t'`, `'\n'` for Enter, `','`).
 */
export function expandAt(
  textBeforeCaret: string,
  typedChar: string,
  shortcuts: readonly TextShortcut[],
): ShortcutExpansion | undefined {
  if (!isShortcutTrigger(typedChar) || shortcuts.length === 0) return undefined;
  const { byKey, longest } = indexOf(shortcuts);
  const end = textBeforeCaret.length;
  // Walk back over word characters, one more than the longest abbreviation: a longer token matches nothing.
  let start = end;
  while (start > 0) {
    const character = codePointBefore(textBeforeCaret, start);
    if (!WORD_CHARACTER.test(character)) break;
    start -= character.length;
    if (end - start > longest) return undefined;
  }
  if (start === end) return undefined;
  if (JOINERS.has(codePointBefore(textBeforeCaret, start))) return undefined;

  const typed = textBeforeCaret.slice(start, end);
  const shortcut = byKey.get(abbreviationKey(typed));
  if (!shortcut) return undefined;

  let expansion = shortcut.expansion;
  if (startsUpperCase(typed) && !startsUpperCase(shortcut.abbreviation)) expansion = capitalise(expansion);
  const printable = typedChar !== '\t' && typedChar !== '\n' && typedChar !== '\r';
  const doubled = PUNCTUATION_TRIGGERS.has(typedChar) && expansion.endsWith(typedChar);
  const replacement = printable && !doubled ? expansion + typedChar : expansion;
  const undoText = printable ? typed + typedChar : typed;
  return {
    start,
    end,
    typed,
    replacement,
    keepKey: typedChar === '\n' || typedChar === '\r',
    undo: { text: undoText, caretOffset: undoText.length },
  };
}

/** The text before the caret once the expansion is applied (what the UI does to the compose body). */
export function applyExpansion(textBeforeCaret: string, expansion: ShortcutExpansion): string {
  return (
    textBeforeCaret.slice(0, expansion.start) + expansion.replacement + textBeforeCaret.slice(expansion.end)
  );
}

/**
 * Undoes one expansion in `text` (the body after it was applied). Undefined when the replacement is no
 * longer where it was put (the agent edited it): the UI then leaves Ctrl+Z to the browser.
 */
export function undoExpansion(text: string, expansion: ShortcutExpansion): string | undefined {
  const after = expansion.start + expansion.replacement.length;
  if (text.slice(expansion.start, after) !== expansion.replacement) return undefined;
  return text.slice(0, expansion.start) + expansion.undo.text + text.slice(after);
}

export interface RealWordWarning {
  /** The shortcut's position in the list. */
  index: number;
  abbreviation: string;
  /** The common word it collides with, as the word list spells it (`pół` for `pol`). */
  word: string;
  language: CommonWordsLanguage;
}

/** `pół` → `pol`: marks dropped, and `ł`, which Unicode does not decompose, read as `l`. */
function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').normalize('NFC');
}

const wordSets = new Map<CommonWordsLanguage, Map<string, string>>();

function wordsOf(language: CommonWordsLanguage): Map<string, string> {
  let words = wordSets.get(language);
  if (!words) {
    words = new Map();
    // Latin-script words are also found without their diacritics: a Polish agent typing fast writes
    // `pol` for `pół`. Not for Cyrillic or kana, where a stripped mark makes another letter (й → и).
    const fold = language === 'pl' || language === 'en';
    for (const word of COMMON_WORDS[language].split(' ')) {
      const key = abbreviationKey(word);
      words.set(key, word);
      if (fold) {
        const folded = foldDiacritics(key);
        if (!words.has(folded)) words.set(folded, word);
      }
    }
    wordSets.set(language, words);
  }
  return words;
}

export function isCommonWordsLanguage(language: string): language is CommonWordsLanguage {
  return Object.hasOwn(COMMON_WORDS, language);
}

/**
 * Shortcuts whose abbreviation is also a common word in `language` (a UI or mailbox language such as `ru` or
 * `pl-PL`; one with no word list gives no warnings): typing that word would expand it by accident, which is
 * why the seed's demo link is `демоо` and not `демо`.
 */
export function realWordWarnings(shortcuts: readonly TextShortcut[], language: string): RealWordWarning[] {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? '';
  if (!isCommonWordsLanguage(base)) return [];
  const words = wordsOf(base);
  const warnings: RealWordWarning[] = [];
  shortcuts.forEach((shortcut, index) => {
    const key = abbreviationKey(shortcut.abbreviation);
    const word = words.get(key);
    if (word !== undefined)
      warnings.push({ index, abbreviation: shortcut.abbreviation, word, language: base });
  });
  return warnings;
}
