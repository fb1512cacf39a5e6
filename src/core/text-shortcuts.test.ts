import { describe, expect, it } from 'vitest';
import {
  applyExpansion,
  expandAt,
  MAX_ABBREVIATION_LENGTH,
  realWordWarnings,
  type TextShortcut,
  textShortcutsSchema,
  undoExpansion,
} from './text-shortcuts';

/** The seed's own shortcuts (S000 lines 128-134). */
const seed: TextShortcut[] = [
  { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
  { abbreviation: 'пож', expansion: 'пожалуйста,' },
  { abbreviation: 'демоо', expansion: 'https://demo.example/book-a-demo' },
  { abbreviation: 'ty', expansion: 'thank you' },
];

/** Types `typed` then `key` after `before`; the body as the UI leaves it (Enter's new line not shown). */
function type(before: string, key: string, shortcuts = seed): string {
  const text = before;
  const expansion = expandAt(text, key, shortcuts);
  if (!expansion) return key === '\t' || key === '\n' ? text : text + key;
  return applyExpansion(text, expansion);
}

describe('text shortcuts: when they expand', () => {
  it.each<[string, string, string, string]>([
    // The seed's cases.
    ['Зд + space', 'Зд', ' ', 'Здравствуйте, '],
    ['пож + space mid-sentence', 'Проверьте, пож', ' ', 'Проверьте, пожалуйста, '],
    [
      'демоо becomes the demo link',
      'Запишитесь: демоо',
      ' ',
      'Запишитесь: https://demo.example/book-a-demo ',
    ],
    ['демо stays as typed', 'Посмотрите демо', ' ', 'Посмотрите демо '],
    ['пожалуйста does not expand', 'пожалуйста', ' ', 'пожалуйста '],
    ['Зд inside Здание does not', 'Здание', ' ', 'Здание '],
    ['Зд at the end of a longer word does not', 'Гнезд', ' ', 'Гнезд '],
    // Triggers.
    ['a full stop', 'ty', '.', 'thank you.'],
    ['a comma the expansion already ends with is not doubled', 'пож', ',', 'пожалуйста,'],
    ['Tab expands and is swallowed', 'ty', '\t', 'thank you'],
    ['Enter expands; Gmail makes the new line', 'ty', '\n', 'thank you'],
    ['a no-break space (contenteditable)', 'ty', '\u00a0', 'thank you\u00a0'],
    ['Japanese full stop', 'ty', '。', 'thank you。'],
    ['a letter is no trigger', 'ty', 'x', 'tyx'],
    ['a hyphen is part of the word', 'ty', '-', 'ty-'],
    // Boundaries before the token.
    ['after a newline', 'Hi\nty', ' ', 'Hi\nthank you '],
    ['after an opening bracket', '(ty', ')', '(ty)'],
    ['after an opening bracket, then space', '(ty', ' ', '(thank you '],
    ['after a quote', '"ty', ',', '"thank you,'],
    ['not in a link', 'shop.example/ty', ' ', 'shop.example/ty '],
    ['not in an address', 'me@ty', ' ', 'me@ty '],
    ['not after a hyphen', 'pre-ty', ' ', 'pre-ty '],
    ['not after an underscore', 'x_ty', ' ', 'x_ty '],
    ['not after a digit', '2ty', ' ', '2ty '],
    ['not after an apostrophe', "don'ty", ' ', "don'ty "],
    ['not after a combining mark', 'éty'.normalize('NFD'), ' ', `${'éty'.normalize('NFD')} `],
    ['not after a letter outside the BMP', '𝒜ty', ' ', '𝒜ty '],
    // Case.
    ['typed in lower case, the expansion as written', 'зд', ' ', 'Здравствуйте, '],
    ['typed capitalised, a lower-case expansion is capitalised', 'Пож', ' ', 'Пожалуйста, '],
    ['typed in capitals, only the first letter changes', 'TY', ' ', 'Thank you '],
  ])('%s', (_name, before, key, after) => {
    expect(type(before, key)).toBe(after);
  });

  it('reports the range of the typed abbreviation and what replaces it', () => {
    expect(expandAt('Добрый день! Зд', ' ', seed)).toEqual({
      start: 13,
      end: 15,
      typed: 'Зд',
      replacement: 'Здравствуйте, ',
      keepKey: false,
      undo: { text: 'Зд ', caretOffset: 3 },
    });
    expect(expandAt('ty', '\n', seed)?.keepKey).toBe(true);
    expect(expandAt('ty', '\t', seed)?.keepKey).toBe(false);
  });

  it('reads only the end of a long body', () => {
    const body = `${'слово '.repeat(1_000)}пож`;
    expect(expandAt(body, ' ', seed)?.start).toBe(body.length - 3);
    // A token longer than every abbreviation stops the walk back at once.
    expect(expandAt(`${'я'.repeat(10_000)}пож`, ' ', seed)).toBeUndefined();
    expect(expandAt('', ' ', seed)).toBeUndefined();
    expect(expandAt('ty', ' ', [])).toBeUndefined();
  });
});

describe('text shortcuts: undo', () => {
  it.each<[string, string, string]>([
    ['Зд', ' ', 'Зд '],
    ['Добрый день, пож', ',', 'Добрый день, пож,'],
    ['ty', '\t', 'ty'],
  ])('undoes %j + %j to what was typed', (before, key, undone) => {
    const expansion = expandAt(before, key, seed);
    if (!expansion) throw new Error('no expansion');
    const after = `${applyExpansion(before, expansion)} and more`;
    expect(undoExpansion(after, expansion)).toBe(`${undone} and more`);
    expect(expansion.undo.caretOffset).toBe(expansion.undo.text.length);
  });

  it('does nothing once the agent edited the expansion', () => {
    const expansion = expandAt('Зд', ' ', seed);
    if (!expansion) throw new Error('no expansion');
    expect(undoExpansion('Здравствуй, ', expansion)).toBeUndefined();
  });
});

describe('text shortcut sets', () => {
  it('accepts the seed set', () => {
    expect(textShortcutsSchema.safeParse(seed).success).toBe(true);
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['a space inside', [{ abbreviation: 'з д', expansion: 'x' }], [0, 'abbreviation']],
    ['punctuation inside', [{ abbreviation: 'з.д', expansion: 'x' }], [0, 'abbreviation']],
    ['an empty abbreviation', [{ abbreviation: '', expansion: 'x' }], [0, 'abbreviation']],
    [
      'a too long abbreviation',
      [{ abbreviation: 'a'.repeat(MAX_ABBREVIATION_LENGTH + 1), expansion: 'x' }],
      [0, 'abbreviation'],
    ],
    ['an empty expansion', [{ abbreviation: 'zd', expansion: '' }], [0, 'expansion']],
    [
      'one abbreviation twice, ignoring case',
      [
        { abbreviation: 'Зд', expansion: 'a' },
        { abbreviation: 'зД', expansion: 'b' },
      ],
      [1, 'abbreviation'],
    ],
  ])('refuses %s', (_name, input, path) => {
    const parsed = textShortcutsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});

describe('real-word warnings', () => {
  const set = (...abbreviations: string[]) =>
    abbreviations.map((abbreviation) => ({ abbreviation, expansion: 'x' }));

  it.each<[string, string[], string, string[]]>([
    ['демо is a Russian word', ['демо', 'демоо', 'Зд', 'пож'], 'ru', ['демо']],
    ['pol is Polish pół typed fast', ['pol', 'zd'], 'pl', ['pol=pół']],
    ['case is ignored', ['THE', 'tyvm'], 'en', ['THE']],
    ['a region tag reads as its language', ['демо'], 'ru-RU', ['демо']],
    ['Japanese', ['です', 'dsu'], 'ja', ['です']],
    ['a language without a list warns of nothing', ['the'], 'de', []],
  ])('%s', (_name, abbreviations, language, expected) => {
    const warnings = realWordWarnings(set(...abbreviations), language);
    expect(
      warnings.map((w) =>
        w.word === w.abbreviation.toLowerCase() ? w.abbreviation : `${w.abbreviation}=${w.word}`,
      ),
    ).toEqual(expected);
  });

  it('names the shortcut by its position', () => {
    expect(realWordWarnings(set('zd', 'демо'), 'ru')).toEqual([
      { index: 1, abbreviation: 'демо', word: 'демо', language: 'ru' },
    ]);
  });
});
