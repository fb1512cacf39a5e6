import { useEffect, useState } from 'preact/hooks';
import { MACRO_ME, type Macro, type MacroPatch, type MacroProblem, planMacro } from '../../core/macros';
import { type TeamConfig, teamGroups } from '../../core/team-config';
import type { Template } from '../../core/templates';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../core/ticket';
import { t } from '../i18n';
import { macroProblemText, priorityText, statusText } from './library-text';

export interface MacrosEditorProps {
  macros: readonly Macro[];
  onChange(macros: Macro[]): void;
  templates: readonly Template[];
  team: Pick<TeamConfig, 'agents' | 'tags'>;
  /** The agent using the options page ('me' in a macro), when known. */
  me: string;
}

const KEEP = '\u2060keep';
const CLEAR = '\u2060clear';

/**
 * What planMacro would refuse on any ticket of the team as it is now (a deleted agent, a missing template, an
 * unknown group or tag). Planned against a blank ticket, so only the macro's own faults show.
 */
export function macroProblems(
  macro: Macro,
  team: Pick<TeamConfig, 'agents' | 'tags'>,
  templates: readonly Template[],
  me: string,
): MacroProblem[] {
  const plan = planMacro(macro, {
    ticket: { status: 'New', tags: [] },
    team,
    templateIds: templates.map((template) => template.id),
    ...(me !== '' ? { me } : {}),
  });
  return plan.ok ? [] : plan.problems;
}

function withPatch(macro: Macro, key: keyof MacroPatch, value: string): Macro {
  const { [key]: _old, ...patch } = macro.patch;
  if (value === KEEP) return { ...macro, patch };
  return { ...macro, patch: { ...patch, [key]: value === CLEAR ? null : value } };
}

const selectValue = (value: string | null | undefined) =>
  value === undefined ? KEEP : value === null ? CLEAR : value;

interface MacroFormProps {
  macro: Macro;
  templates: readonly Template[];
  team: Pick<TeamConfig, 'agents' | 'tags'>;
  onChange(macro: Macro): void;
  onDelete(): void;
  onClose(): void;
}

function TagChoices({
  id,
  legend,
  chosen,
  paths,
  onChange,
}: {
  id: string;
  legend: string;
  chosen: readonly string[];
  paths: readonly string[];
  onChange(paths: string[]): void;
}) {
  const all = [...paths, ...chosen.filter((path) => !paths.includes(path))];
  return (
    <fieldset class="ld-lib-tags" id={id}>
      <legend>{legend}</legend>
      {all.length === 0 && <p class="ld-help">{t('libraryNoTaxonomy')}</p>}
      {all.map((path) => (
        <label key={path} class="ld-check">
          <input
            type="checkbox"
            checked={chosen.includes(path)}
            onChange={(event) =>
              onChange(event.currentTarget.checked ? [...chosen, path] : chosen.filter((p) => p !== path))
            }
          />
          {path}
        </label>
      ))}
    </fieldset>
  );
}

function MacroForm({ macro, templates, team, onChange, onDelete, onClose }: MacroFormProps) {
  const id = `lib-macro-${macro.id}`;
  const groups = teamGroups(team);
  const tagPaths = team.tags.map((tag) => tag.path);
  const setTags = (key: 'addTags' | 'removeTags', paths: string[]) => {
    const { [key]: _old, ...patch } = macro.patch;
    onChange({ ...macro, patch: paths.length === 0 ? patch : { ...patch, [key]: paths } });
  };
  const select = (
    key: 'status' | 'priority' | 'group' | 'assignee',
    label: string,
    options: { value: string; text: string }[],
  ) => {
    const value = selectValue(macro.patch[key]);
    const known = options.some((option) => option.value === value);
    return (
      <p class="ld-field">
        <label for={`${id}-${key}`}>{label}</label>
        <select
          id={`${id}-${key}`}
          value={value}
          onChange={(event) => onChange(withPatch(macro, key, event.currentTarget.value))}
        >
          <option value={KEEP}>{t('libraryMacroKeep')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
          {!known && <option value={value}>{value}</option>}
        </select>
      </p>
    );
  };

  return (
    <fieldset class="ld-lib-form" id={id}>
      <legend>{macro.name.trim() === '' ? t('libraryMacroUntitled') : macro.name}</legend>
      <p class="ld-field">
        <label for={`${id}-name`}>{t('libraryMacroName')}</label>
        <input
          id={`${id}-name`}
          type="text"
          value={macro.name}
          aria-invalid={macro.name.trim() === '' ? 'true' : undefined}
          onInput={(event) => onChange({ ...macro, name: event.currentTarget.value })}
        />
      </p>
      <p class="ld-field">
        <label for={`${id}-template`}>{t('libraryMacroTemplate')}</label>
        <select
          id={`${id}-template`}
          value={macro.templateId ?? ''}
          onChange={(event) => {
            const templateId = event.currentTarget.value;
            const { templateId: _old, ...rest } = macro;
            onChange(templateId === '' ? rest : { ...rest, templateId });
          }}
        >
          <option value="">{t('libraryMacroNoTemplate')}</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
          {macro.templateId !== undefined && !templates.some((tp) => tp.id === macro.templateId) && (
            <option value={macro.templateId}>{t('libraryMacroTemplateMissing')}</option>
          )}
        </select>
      </p>
      {select(
        'status',
        t('ticketFieldStatus'),
        TICKET_STATUSES.map((status) => ({ value: status, text: statusText(status) })),
      )}
      {select('priority', t('ticketFieldPriority'), [
        { value: CLEAR, text: t('libraryMacroNoPriority') },
        ...TICKET_PRIORITIES.map((priority) => ({ value: priority, text: priorityText(priority) })),
      ])}
      {select('group', t('ticketFieldGroup'), [
        { value: CLEAR, text: t('libraryMacroNoGroup') },
        ...groups.map((group) => ({ value: group, text: group })),
      ])}
      {select('assignee', t('ticketFieldAssignee'), [
        { value: CLEAR, text: t('libraryMacroNobody') },
        { value: MACRO_ME, text: t('libraryMacroMe') },
        ...team.agents.map((agent) => ({ value: agent.name, text: agent.name })),
      ])}
      <TagChoices
        id={`${id}-add-tags`}
        legend={t('libraryMacroAddTags')}
        chosen={macro.patch.addTags ?? []}
        paths={tagPaths}
        onChange={(paths) => setTags('addTags', paths)}
      />
      <TagChoices
        id={`${id}-remove-tags`}
        legend={t('libraryMacroRemoveTags')}
        chosen={macro.patch.removeTags ?? []}
        paths={tagPaths}
        onChange={(paths) => setTags('removeTags', paths)}
      />
      <p class="ld-field">
        <label for={`${id}-note`}>{t('ticketFieldNote')}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          value={macro.note ?? ''}
          onInput={(event) => {
            const note = event.currentTarget.value;
            const { note: _old, ...rest } = macro;
            onChange(note.trim() === '' ? rest : { ...rest, note });
          }}
        />
      </p>
      <label class="ld-check">
        <input
          id={`${id}-notify`}
          type="checkbox"
          checked={macro.notifyAssignee}
          onChange={(event) => onChange({ ...macro, notifyAssignee: event.currentTarget.checked })}
        />
        {t('libraryMacroNotify')}
      </label>
      <p class="ld-actions">
        <button type="button" onClick={onClose}>
          {t('libraryTemplateDone')}
        </button>
        <button type="button" onClick={onDelete}>
          {t('libraryMacroDelete')}
        </button>
      </p>
    </fieldset>
  );
}

/** Macros: the list with what would stop each one applying, and one edited at a time. */
export function MacrosEditor({ macros, onChange, templates, team, me }: MacrosEditorProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<{ macro: Macro; index: number } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  const current = macros.find((macro) => macro.id === editing);

  const add = () => {
    const macro: Macro = { id: crypto.randomUUID(), name: '', patch: {}, notifyAssignee: false };
    onChange([...macros, macro]);
    setEditing(macro.id);
    setFocusId(`lib-macro-${macro.id}-name`);
  };
  const remove = (macro: Macro) => {
    const index = macros.findIndex((known) => known.id === macro.id);
    onChange(macros.filter((known) => known.id !== macro.id));
    setDeleted({ macro, index });
    setEditing(null);
    setFocusId('lib-macro-undo');
  };
  const undo = () => {
    if (deleted === null) return;
    const next = [...macros];
    next.splice(Math.min(deleted.index, next.length), 0, deleted.macro);
    onChange(next);
    setDeleted(null);
  };

  return (
    <section class="ld-section" aria-labelledby="lib-macros-heading">
      <h3 id="lib-macros-heading">{t('libraryMacros')}</h3>
      {macros.length === 0 && <p class="ld-help">{t('libraryNoMacros')}</p>}
      <ul class="ld-lib-list">
        {macros.map((macro) => {
          const problems = macroProblems(macro, team, templates, me);
          return (
            <li key={macro.id}>
              <button
                type="button"
                class="ld-quiet"
                aria-expanded={editing === macro.id ? 'true' : 'false'}
                aria-describedby={problems.length > 0 ? `lib-macro-${macro.id}-problems` : undefined}
                onClick={() => setEditing(editing === macro.id ? null : macro.id)}
              >
                {macro.name.trim() === '' ? t('libraryMacroUntitled') : macro.name}
              </button>
              {problems.length > 0 && (
                <ul id={`lib-macro-${macro.id}-problems`} class="ld-warning ld-lib-problems">
                  {problems.map((problem, index) => (
                    <li key={index}>{macroProblemText(problem)}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <p role="status" class="ld-help">
        {deleted !== null && t('libraryMacroDeleted', deleted.macro.name)}
      </p>
      {deleted !== null && (
        <p class="ld-actions">
          <button type="button" id="lib-macro-undo" onClick={undo}>
            {t('ticketUndo')}
          </button>
        </p>
      )}
      {current !== undefined && (
        <MacroForm
          key={current.id}
          macro={current}
          templates={templates}
          team={team}
          onChange={(next) => onChange(macros.map((macro) => (macro.id === next.id ? next : macro)))}
          onDelete={() => remove(current)}
          onClose={() => {
            setEditing(null);
            setFocusId('lib-macro-add');
          }}
        />
      )}
      <p class="ld-actions">
        <button type="button" id="lib-macro-add" onClick={add}>
          {t('libraryMacroAdd')}
        </button>
      </p>
    </section>
  );
}
