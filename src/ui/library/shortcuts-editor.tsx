import { useEffect, useState } from 'preact/hooks';
import {
  abbreviationKey,
  MAX_ABBREVIATION_LENGTH,
  realWordWarnings,
  type TextShortcut,
} from '../../core/text-shortcuts';
import { t } from '../i18n';
import { languageName } from './library-text';

export interface ShortcutsEditorProps {
  shortcuts: readonly TextShortcut[];
  onChange(shortcuts: TextShortcut[]): void;
  /** The UI language (names of languages). */
  language: string;
  /** The languages the team writes in: a shortcut that is a common word in any of them is flagged. */
  wordLanguages: readonly string[];
}

/** Indexes of the shortcuts whose abbreviation (ignoring case) an earlier one already uses. */
export function duplicateAbbreviations(shortcuts: readonly TextShortcut[]): Set<number> {
  const seen = new Set<string>();
  const repeats = new Set<number>();
  shortcuts.forEach((shortcut, index) => {
    const key = abbreviationKey(shortcut.abbreviation);
    if (key !== '' && seen.has(key)) repeats.add(index);
    seen.add(key);
  });
  return repeats;
}

const ABBREVIATION = /^[\p{L}\p{M}\p{N}_-]+$/u;

/** Text shortcuts: abbreviation → expansion, a repeat refused, a real word warned about. */
export function ShortcutsEditor({ shortcuts, onChange, language, wordLanguages }: ShortcutsEditorProps) {
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const duplicates = duplicateAbbreviations(shortcuts);
  const warnings = new Map<number, string[]>();
  for (const wordLanguage of wordLanguages) {
    for (const warning of realWordWarnings(shortcuts, wordLanguage)) {
      const text = t('libraryShortcutRealWord', [
        warning.abbreviation,
        languageName(warning.language, language),
        warning.word,
      ]);
      warnings.set(warning.index, [...(warnings.get(warning.index) ?? []), text]);
    }
  }
  const update = (index: number, change: Partial<TextShortcut>) =>
    onChange(shortcuts.map((shortcut, i) => (i === index ? { ...shortcut, ...change } : shortcut)));

  return (
    <section class="ld-section" aria-labelledby="lib-shortcuts-heading">
      <h3 id="lib-shortcuts-heading">{t('libraryShortcuts')}</h3>
      <p class="ld-help" id="lib-shortcuts-help">
        {t('libraryShortcutsHelp')}
      </p>
      {shortcuts.length === 0 ? (
        <p class="ld-help">{t('libraryNoShortcuts')}</p>
      ) : (
        <table class="ld-tags ld-lib-shortcuts">
          <thead>
            <tr>
              <th scope="col">{t('libraryShortcutAbbreviation')}</th>
              <th scope="col">{t('libraryShortcutExpansion')}</th>
              <th scope="col">
                <span class="ld-visually-hidden">{t('libraryActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((shortcut, index) => {
              const id = `lib-shortcut-${index}`;
              const errors = [
                duplicates.has(index) && t('libraryShortcutDuplicate', shortcut.abbreviation),
                shortcut.abbreviation.trim() === '' && t('teamErrorRequired'),
                shortcut.abbreviation !== '' &&
                  !ABBREVIATION.test(shortcut.abbreviation) &&
                  t('libraryShortcutCharacters'),
              ].filter((e): e is string => typeof e === 'string');
              const notes = warnings.get(index) ?? [];
              const describedBy = [
                errors.length > 0 && `${id}-error`,
                notes.length > 0 && `${id}-warning`,
              ].filter(Boolean);
              return (
                <tr key={index}>
                  <td>
                    <input
                      id={`${id}-abbreviation`}
                      type="text"
                      autocomplete="off"
                      spellcheck={false}
                      maxLength={MAX_ABBREVIATION_LENGTH}
                      aria-label={t('libraryShortcutAbbreviationOf', String(index + 1))}
                      value={shortcut.abbreviation}
                      aria-invalid={errors.length > 0 ? 'true' : undefined}
                      aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
                      onInput={(event) => update(index, { abbreviation: event.currentTarget.value.trim() })}
                    />
                    {errors.length > 0 && (
                      <p id={`${id}-error`} class="ld-error">
                        {errors.join(' ')}
                      </p>
                    )}
                    {notes.length > 0 && (
                      <p id={`${id}-warning`} class="ld-warning">
                        {notes.join(' ')}
                      </p>
                    )}
                  </td>
                  <td>
                    <input
                      id={`${id}-expansion`}
                      type="text"
                      autocomplete="off"
                      aria-label={t('libraryShortcutExpansionOf', String(index + 1))}
                      value={shortcut.expansion}
                      aria-invalid={shortcut.expansion === '' ? 'true' : undefined}
                      onInput={(event) => update(index, { expansion: event.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="ld-quiet"
                      aria-label={t('libraryShortcutRemove', shortcut.abbreviation || String(index + 1))}
                      onClick={() => {
                        onChange(shortcuts.filter((_, i) => i !== index));
                        setFocusId('lib-shortcut-add');
                      }}
                    >
                      {t('teamRemove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="ld-actions">
        <button
          type="button"
          id="lib-shortcut-add"
          onClick={() => {
            onChange([...shortcuts, { abbreviation: '', expansion: '' }]);
            setFocusId(`lib-shortcut-${shortcuts.length}-abbreviation`);
          }}
        >
          {t('libraryShortcutAdd')}
        </button>
      </p>
    </section>
  );
}
