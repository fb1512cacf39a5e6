/**
 * The shortcut editor on the options page: every action with its keys; "Change" records the next key
 * combination pressed (Escape cancels, Tab leaves), refusing what has no Ctrl/Alt/Cmd or is Gmail's or the
 * browser's own; two actions on one combination are flagged and block saving. Saves `settings.shortcuts`
 * with only the actions that differ from their default.
 */

import { useMemo, useState } from 'preact/hooks';
import {
  type BindingProblem,
  buildKeymap,
  chordFromEvent,
  chordOwners,
  chordProblems,
  chordToString,
  DEFAULT_BINDINGS,
  formatChord,
  type KeyChord,
  overridesFor,
  parseChord,
  SHORTCUT_ACTION_IDS,
  type ShortcutActionId,
} from '../../core/keymap';
import type { Settings } from '../../core/settings';
import { useDomId } from '../dom-id';
import { t } from '../i18n';
import { actionLabel, isMac } from './action-labels';

export interface ShortcutEditorProps {
  settings: Settings;
  /** Stores the settings (the options page's messaging call); a rejection is shown. */
  onSave(settings: Settings): Promise<unknown>;
  mac?: boolean;
}

type Draft = Record<ShortcutActionId, KeyChord | undefined>;

type Outcome =
  | { state: 'idle' }
  | { state: 'refused'; text: string }
  | { state: 'saved' }
  | { state: 'failed'; message: string }
  | { state: 'clashes' };

export function ShortcutEditor({ settings, onSave, mac = isMac() }: ShortcutEditorProps) {
  const headingId = useDomId();
  const initial = useMemo(() => buildKeymap(settings.shortcuts, chordProblems), [settings.shortcuts]);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial.bindings));
  const [notes, setNotes] = useState<Partial<Record<ShortcutActionId, BindingProblem>>>(() =>
    storedNotes(initial.problems),
  );
  const [recording, setRecording] = useState<ShortcutActionId | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const duplicates = duplicatesOf(draft);

  const set = (id: ShortcutActionId, chord: KeyChord | undefined) => {
    setDraft((before) => ({ ...before, [id]: chord }));
    setNotes((before) => ({ ...before, [id]: undefined }));
    setOutcome({ state: 'idle' });
  };

  const onRecordKey = (id: ShortcutActionId, event: KeyboardEvent) => {
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      setRecording(undefined); // Tab leaves the control as usual
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
      setRecording(undefined);
      return;
    }
    const chord = chordFromEvent(event);
    if (!chord) return; // a modifier on its own: wait for the key
    const refused = chordProblems(chord)[0];
    if (refused) {
      // Shown beside the action and said once through the status line; recording goes on for another try.
      setNotes((before) => ({ ...before, [id]: refused }));
      setOutcome({ state: 'refused', text: problemText(refused) });
      return;
    }
    set(id, chord);
    setRecording(undefined);
  };

  const save = async () => {
    if (duplicates.size > 0) {
      setOutcome({ state: 'clashes' });
      return;
    }
    try {
      await onSave({ ...settings, shortcuts: overridesFor(draft) });
      setOutcome({ state: 'saved' });
    } catch (error) {
      setOutcome({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section class="keys-editor" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('keysHelpTitle')}</h2>
      <table class="keys-table">
        <thead>
          <tr>
            <th scope="col">{t('keysActionColumn')}</th>
            <th scope="col">{t('keysKeysColumn')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_ACTION_IDS.map((id) => {
            const label = actionLabel(id);
            const chord = draft[id];
            const other = duplicates.get(id);
            const problem: BindingProblem | undefined =
              notes[id] ?? (other === undefined ? undefined : { kind: 'duplicate', other });
            const noteId = `${headingId}-${id}-note`;
            const isRecording = recording === id;
            return (
              <tr key={id} data-action={id}>
                <th scope="row">{label}</th>
                <td>
                  {chord ? <kbd>{formatChord(chord, { mac })}</kbd> : t('keysNotSet')}
                  {problem && (
                    <span id={noteId} class="keys-note">
                      {problemText(problem)}
                    </span>
                  )}
                </td>
                <td class="keys-buttons">
                  <button
                    type="button"
                    class={isRecording ? 'keys-change is-recording' : 'keys-change'}
                    // The name says what the button does now (no aria-pressed: a toggle's name must not change).
                    aria-label={isRecording ? t('keysPressNew', label) : t('keysChangeFor', label)}
                    aria-describedby={problem ? noteId : undefined}
                    onClick={() => {
                      setNotes((before) => ({ ...before, [id]: undefined }));
                      setRecording(isRecording ? undefined : id);
                    }}
                    onKeyDown={isRecording ? (event) => onRecordKey(id, event) : undefined}
                    onBlur={() => isRecording && setRecording(undefined)}
                  >
                    {isRecording ? t('keysPressNew', label) : t('keysChange')}
                  </button>
                  <button
                    type="button"
                    class="keys-clear"
                    aria-label={t('keysClearFor', label)}
                    disabled={chord === undefined}
                    onClick={() => set(id, undefined)}
                  >
                    {t('keysClear')}
                  </button>
                  <button
                    type="button"
                    class="keys-reset"
                    aria-label={t('keysResetFor', label)}
                    disabled={chord !== undefined && chordToString(chord) === DEFAULT_BINDINGS[id]}
                    onClick={() => set(id, parseChord(DEFAULT_BINDINGS[id]))}
                  >
                    {t('keysReset')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="keys-actions">
        <button type="button" class="keys-save" onClick={save}>
          {t('keysSave')}
        </button>
        <button
          type="button"
          class="keys-reset-all"
          onClick={() => {
            setDraft(draftOf(buildKeymap().bindings));
            setNotes({});
            setOutcome({ state: 'idle' });
          }}
        >
          {t('keysResetAll')}
        </button>
      </p>
      <p class="keys-outcome" role="status">
        {outcome.state === 'refused' && outcome.text}
        {outcome.state === 'saved' && t('keysSaved')}
        {outcome.state === 'clashes' && t('keysFixClashes')}
        {outcome.state === 'failed' && t('keysSaveFailed', outcome.message)}
      </p>
    </section>
  );
}

export function problemText(problem: BindingProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return t('keysUnreadable');
    case 'no-modifier':
      return t('keysNoModifier');
    case 'gmail':
      return t('keysClashGmail', problem.keys);
    case 'browser':
      return t('keysClashBrowser', problem.keys);
    case 'duplicate':
      return t('keysClashAction', actionLabel(problem.other));
  }
}

function draftOf(bindings: ReadonlyMap<ShortcutActionId, KeyChord | undefined>): Draft {
  const draft = {} as Draft;
  for (const id of SHORTCUT_ACTION_IDS) draft[id] = bindings.get(id);
  return draft;
}

/** Stored re-bindings that were refused: the first reason each (clashes between actions are shown live). */
function storedNotes(
  problems: ReadonlyMap<ShortcutActionId, readonly BindingProblem[]>,
): Partial<Record<ShortcutActionId, BindingProblem>> {
  const notes: Partial<Record<ShortcutActionId, BindingProblem>> = {};
  for (const [id, list] of problems) {
    const first = list.find((problem) => problem.kind !== 'duplicate');
    if (first) notes[id] = first;
  }
  return notes;
}

/** Each action that shares its chord, with the other action it shares it with. */
function duplicatesOf(draft: Draft): Map<ShortcutActionId, ShortcutActionId> {
  const duplicates = new Map<ShortcutActionId, ShortcutActionId>();
  const { clashes } = chordOwners(SHORTCUT_ACTION_IDS.map((id) => [id, draft[id]] as const));
  for (const [id, first] of clashes) {
    duplicates.set(id, first);
    if (!duplicates.has(first)) duplicates.set(first, id);
  }
  return duplicates;
}
