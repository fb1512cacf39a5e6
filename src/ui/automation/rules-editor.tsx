import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type BusinessCalendar,
  type Rule,
  type RuleAssign,
  type RuleCondition,
  ruleSchema,
} from '../../core/automation-config';
import { type TeamConfig, teamGroups } from '../../core/team-config';
import { TICKET_PRIORITIES, type TicketPriority, tagPath } from '../../core/ticket';
import type { RulePreview, RulePreviewRow } from '../../messaging/contract-automation';
import { type MessageKey, t, tn, uiLanguage } from '../i18n';
import { languageName, priorityText } from '../library/library-text';

export interface RulesEditorProps {
  /** The rules of the settings draft, in the order they run. */
  rules: Rule[];
  onChange(rules: Rule[]): void;
  team: TeamConfig | null;
  /** The library's macros a rule may apply (their field changes only). */
  macros: { id: string; name: string }[];
  /** The draft's calendars, for "time of arrival" conditions. */
  calendars: BusinessCalendar[];
  /** "What would this rule have done" on past tickets (the page asks the service worker). */
  preview(rule: Rule): Promise<RulePreview>;
}

type Field = RuleCondition['field'];
const FIELDS: readonly Field[] = ['subject', 'body', 'sender', 'domain', 'language', 'attachment', 'time'];
const FIELD_TEXT: Record<Field, MessageKey> = {
  sender: 'rulesFieldSender',
  domain: 'rulesFieldDomain',
  subject: 'rulesFieldSubject',
  body: 'rulesFieldBody',
  language: 'rulesFieldLanguage',
  attachment: 'rulesFieldAttachment',
  time: 'rulesFieldTime',
};
const LANGUAGES = ['en', 'ru', 'pl', 'ja'] as const;
const KEEP = '';

/** A condition of the field with nothing filled in yet (the schema asks for the rest before saving). */
export function blankCondition(field: Field): RuleCondition {
  switch (field) {
    case 'sender':
    case 'domain':
      return { field, value: '' };
    case 'subject':
    case 'body':
      return { field, words: [], not: false };
    case 'language':
      return { field, value: 'en' };
    case 'attachment':
      return { field, value: true };
    case 'time':
      return { field, value: 'out-of-hours' };
  }
}

/** A rule id the schema accepts and the list does not have yet. */
export function newRuleId(taken: readonly Rule[], random: () => number = Math.random): string {
  for (;;) {
    const id = `rule-${Math.floor(random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')}`;
    if (!taken.some((rule) => rule.id === id)) return id;
  }
}

/** "a, b ,, c" → ["a", "b", "c"]: words and tags are typed as one comma-separated line. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、]/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * The control of a rule's form that a settings problem points at (a zod issue path inside the rule), for the
 * page's error summary; the rule's name button when the form has no such control. The form must be open for
 * the control to exist: the name button opens it.
 */
export function ruleControlId(ruleId: string, path: readonly PropertyKey[]): string {
  const [first, second, third] = path;
  const id = `rules-${ruleId}`;
  if (first === 'name') return `${id}-name`;
  if (first === 'conditions' && typeof second === 'number') {
    return third === 'calendar' ? `${id}-c${second}-calendar` : `${id}-c${second}-value`;
  }
  if (first === 'conditions') return `${id}-add-condition`;
  if (first === 'actions') {
    if (second === 'assign') return third === 'agent' ? `${id}-agent` : `${id}-assign`;
    if (second === 'tags') return `${id}-tags`;
    if (second === 'priority' || second === 'group') return `${id}-${second}`;
    if (second === 'macroId') return `${id}-macro`;
  }
  return `${id}-edit`;
}

const nameOf = (rule: Rule) => (rule.name.trim() === '' ? t('rulesUntitled') : rule.name);

/** A comma-separated list input that keeps what is typed (a trailing comma, spaces) while the list updates. */
function ListInput({
  id,
  label,
  values,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  /** The accessible name, when no visible <label for> names the input. */
  label?: string;
  values: readonly string[];
  onChange(values: string[]): void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const [text, setText] = useState(values.join(', '));
  const last = useRef(values.join('\n'));
  useEffect(() => {
    const joined = values.join('\n');
    // Changed from outside (undo, another control): show the new list.
    if (joined !== last.current && joined !== splitList(text).join('\n')) setText(values.join(', '));
    last.current = joined;
  }, [values, text]);
  return (
    <input
      id={id}
      type="text"
      aria-label={label}
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid ? 'true' : undefined}
      onInput={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        onChange(splitList(next));
      }}
    />
  );
}

function ConditionRow({
  ruleId,
  index,
  condition,
  calendars,
  onChange,
  onRemove,
  removable,
}: {
  ruleId: string;
  index: number;
  condition: RuleCondition;
  calendars: readonly BusinessCalendar[];
  onChange(condition: RuleCondition): void;
  onRemove(): void;
  removable: boolean;
}) {
  const id = `rules-${ruleId}-c${index}`;
  const number = String(index + 1);
  const part = (key: MessageKey) => t('rulesConditionPart', [number, t(key)]);
  const ui = uiLanguage();
  let value = null;
  switch (condition.field) {
    case 'sender':
    case 'domain':
      value = (
        <input
          id={`${id}-value`}
          type="text"
          inputMode={condition.field === 'sender' ? 'email' : 'url'}
          spellcheck={false}
          aria-label={part(condition.field === 'sender' ? 'rulesPartAddress' : 'rulesPartDomain')}
          value={condition.value}
          aria-invalid={condition.value.trim() === '' ? 'true' : undefined}
          onInput={(event) => onChange({ ...condition, value: event.currentTarget.value.trim() })}
        />
      );
      break;
    case 'subject':
    case 'body':
      value = (
        <>
          <ListInput
            id={`${id}-value`}
            label={part('rulesPartWords')}
            values={condition.words}
            describedBy="rules-words-help"
            invalid={condition.words.length === 0}
            onChange={(words) => onChange({ ...condition, words })}
          />
          <label class="ld-check ld-rules-not">
            <input
              id={`${id}-not`}
              type="checkbox"
              aria-label={part('rulesPartNone')}
              checked={condition.not}
              onChange={(event) => onChange({ ...condition, not: event.currentTarget.checked })}
            />
            {t('rulesPartNone')}
          </label>
        </>
      );
      break;
    case 'language':
      value = (
        <select
          id={`${id}-value`}
          aria-label={part('rulesPartLanguage')}
          value={condition.value}
          onChange={(event) =>
            onChange({ ...condition, value: event.currentTarget.value as (typeof LANGUAGES)[number] })
          }
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {languageName(language, ui)}
            </option>
          ))}
        </select>
      );
      break;
    case 'attachment':
      value = (
        <select
          id={`${id}-value`}
          aria-label={part('rulesPartAttachment')}
          value={condition.value ? 'yes' : 'no'}
          onChange={(event) => onChange({ ...condition, value: event.currentTarget.value === 'yes' })}
        >
          <option value="yes">{t('rulesAttachmentYes')}</option>
          <option value="no">{t('rulesAttachmentNo')}</option>
        </select>
      );
      break;
    case 'time': {
      const { calendar, ...rest } = condition;
      value = (
        <>
          <select
            id={`${id}-value`}
            aria-label={part('rulesPartWhen')}
            value={condition.value}
            onChange={(event) =>
              onChange({ ...condition, value: event.currentTarget.value as 'in-hours' | 'out-of-hours' })
            }
          >
            <option value="in-hours">{t('rulesTimeIn')}</option>
            <option value="out-of-hours">{t('rulesTimeOut')}</option>
          </select>
          <select
            id={`${id}-calendar`}
            aria-label={part('rulesPartCalendar')}
            value={calendar ?? KEEP}
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              onChange(chosen === KEEP ? rest : { ...rest, calendar: chosen });
            }}
          >
            <option value={KEEP}>{t('rulesCalendarDefault')}</option>
            {calendars.map((known) => (
              <option key={known.id} value={known.id}>
                {known.name}
              </option>
            ))}
            {calendar !== undefined && !calendars.some((known) => known.id === calendar) && (
              <option value={calendar}>{t('rulesCalendarMissing')}</option>
            )}
          </select>
        </>
      );
      break;
    }
  }
  return (
    <li class="ld-rules-condition">
      <select
        id={`${id}-field`}
        aria-label={part('rulesPartField')}
        value={condition.field}
        onChange={(event) => onChange(blankCondition(event.currentTarget.value as Field))}
      >
        {FIELDS.map((field) => (
          <option key={field} value={field}>
            {t(FIELD_TEXT[field])}
          </option>
        ))}
      </select>
      {value}
      {removable && (
        <button type="button" class="ld-quiet" id={`${id}-remove`} onClick={onRemove}>
          {t('rulesConditionRemove', number)}
        </button>
      )}
    </li>
  );
}

type PreviewState =
  | { state: 'idle' }
  | { state: 'invalid' }
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; result: RulePreview };

function changeText(row: RulePreviewRow): string {
  const parts: string[] = [];
  if (row.tags !== undefined && row.tags.length > 0) {
    parts.push(t('rulesChangeTags', row.tags.map(tagPath).join(', ')));
  }
  if (row.priority !== undefined) parts.push(t('rulesChangePriority', priorityText(row.priority)));
  if (row.group !== undefined) parts.push(t('rulesChangeGroup', row.group));
  if (row.assignee !== undefined) parts.push(t('rulesChangeAssignee', row.assignee));
  if (row.macro !== undefined) parts.push(t('rulesChangeMacro', row.macro));
  return parts.length === 0 ? t('rulesPreviewNothing') : parts.join('; ');
}

function PreviewPanel({ rule, preview }: { rule: Rule; preview(rule: Rule): Promise<RulePreview> }) {
  const [state, setState] = useState<PreviewState>({ state: 'idle' });
  const shown = useRef<string | null>(null);
  const asked = useRef(0);
  const key = JSON.stringify(rule);
  // A preview of an older version of the rule would mislead: it goes when the rule changes.
  useEffect(() => {
    if (shown.current !== null && shown.current !== key) {
      asked.current += 1;
      shown.current = null;
      setState({ state: 'idle' });
    }
  }, [key]);

  const run = async () => {
    const checked = ruleSchema.safeParse(rule);
    if (!checked.success) {
      setState({ state: 'invalid' });
      return;
    }
    const attempt = ++asked.current;
    shown.current = key;
    setState({ state: 'loading' });
    try {
      const result = await preview(checked.data);
      if (attempt === asked.current) setState({ state: 'ready', result });
    } catch (error) {
      if (attempt === asked.current) {
        setState({ state: 'failed', reason: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  const id = `rules-${rule.id}-preview`;
  return (
    <div class="ld-rules-preview" aria-busy={state.state === 'loading' ? 'true' : undefined}>
      <button type="button" id={`${id}-run`} onClick={() => void run()} disabled={state.state === 'loading'}>
        {t('rulesPreview')}
      </button>
      <p role="status" id={`${id}-status`} class="ld-help">
        {state.state === 'loading' && t('rulesPreviewLoading')}
        {state.state === 'ready' &&
          state.result.matches.length === 0 &&
          tn('rulesPreviewEmpty', state.result.examined)}
        {state.state === 'ready' &&
          state.result.matches.length > 0 &&
          tn('rulesPreviewMatches', state.result.matches.length, [String(state.result.examined)])}
      </p>
      {state.state === 'invalid' && (
        <p role="alert" class="ld-alert" id={`${id}-invalid`}>
          {t('rulesPreviewInvalid')}
        </p>
      )}
      {state.state === 'failed' && (
        <div role="alert" class="ld-alert" id={`${id}-failed`}>
          <p>{t('rulesPreviewFailed', state.reason)}</p>
          <button type="button" onClick={() => void run()}>
            {t('actionRetry')}
          </button>
        </div>
      )}
      {state.state === 'ready' && state.result.matches.length > 0 && (
        <div class="ld-rules-table-wrap">
          <table class="ld-rules-table" id={`${id}-table`}>
            <caption class="ld-visually-hidden">{t('rulesPreviewCaption', nameOf(rule))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rulesPreviewReference')}</th>
                <th scope="col">{t('rulesPreviewSubject')}</th>
                <th scope="col">{t('rulesPreviewChange')}</th>
              </tr>
            </thead>
            <tbody>
              {state.result.matches.map((row) => (
                <tr key={row.threadId}>
                  <td>{row.reference}</td>
                  <td class="ld-rules-subject">{row.subject}</td>
                  <td>{changeText(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

interface RuleFormProps {
  rule: Rule;
  team: TeamConfig | null;
  macros: { id: string; name: string }[];
  calendars: readonly BusinessCalendar[];
  onChange(rule: Rule): void;
  onDelete(): void;
  onClose(): void;
  preview(rule: Rule): Promise<RulePreview>;
}

function withAction<K extends keyof Rule['actions']>(
  rule: Rule,
  key: K,
  value: Rule['actions'][K] | undefined,
) {
  const { [key]: _old, ...actions } = rule.actions;
  return { ...rule, actions: value === undefined ? actions : { ...actions, [key]: value } };
}

function RuleForm({ rule, team, macros, calendars, onChange, onDelete, onClose, preview }: RuleFormProps) {
  const id = `rules-${rule.id}`;
  const groups = teamGroups(team ?? undefined);
  const agents = team?.agents.map((agent) => agent.name) ?? [];
  const { actions } = rule;
  const assign = actions.assign;
  const setCondition = (index: number, condition: RuleCondition) =>
    onChange({ ...rule, conditions: rule.conditions.map((c, i) => (i === index ? condition : c)) });
  const assignMode = assign?.mode ?? KEEP;
  const setAssignMode = (mode: string) => {
    let next: RuleAssign | undefined;
    if (mode === 'agent') next = { mode: 'agent', agent: agents[0] ?? '' };
    else if (mode === 'round-robin' || mode === 'least-loaded') next = { mode };
    onChange(withAction(rule, 'assign', next));
  };

  return (
    <fieldset class="ld-lib-form ld-rules-form" id={`${id}-form`}>
      <legend>{nameOf(rule)}</legend>
      <p class="ld-field">
        <label for={`${id}-name`}>{t('rulesName')}</label>
        <input
          id={`${id}-name`}
          type="text"
          value={rule.name}
          aria-invalid={rule.name.trim() === '' ? 'true' : undefined}
          onInput={(event) => onChange({ ...rule, name: event.currentTarget.value })}
        />
      </p>
      <p class="ld-field">
        <label for={`${id}-match`}>{t('rulesMatch')}</label>
        <select
          id={`${id}-match`}
          value={rule.match}
          onChange={(event) => onChange({ ...rule, match: event.currentTarget.value as 'all' | 'any' })}
        >
          <option value="all">{t('rulesMatchAll')}</option>
          <option value="any">{t('rulesMatchAny')}</option>
        </select>
      </p>
      <fieldset class="ld-rules-group">
        <legend>{t('rulesConditions')}</legend>
        <ol class="ld-rules-conditions">
          {rule.conditions.map((condition, index) => (
            <ConditionRow
              key={`${index}-${condition.field}`}
              ruleId={rule.id}
              index={index}
              condition={condition}
              calendars={calendars}
              removable={rule.conditions.length > 1}
              onChange={(next) => setCondition(index, next)}
              onRemove={() =>
                onChange({ ...rule, conditions: rule.conditions.filter((_, i) => i !== index) })
              }
            />
          ))}
        </ol>
        <small id="rules-words-help">{t('rulesWordsHelp')}</small>
        <p class="ld-actions">
          <button
            type="button"
            id={`${id}-add-condition`}
            disabled={rule.conditions.length >= 20}
            onClick={() => onChange({ ...rule, conditions: [...rule.conditions, blankCondition('subject')] })}
          >
            {t('rulesConditionAdd')}
          </button>
        </p>
      </fieldset>

      <fieldset class="ld-rules-group">
        <legend>{t('rulesActions')}</legend>
        <p class="ld-field">
          <label for={`${id}-tags`}>{t('rulesTags')}</label>
          <ListInput
            id={`${id}-tags`}
            values={actions.tags ?? []}
            describedBy={`${id}-tags-help`}
            onChange={(tags) => onChange(withAction(rule, 'tags', tags.length > 0 ? tags : undefined))}
          />
          <small id={`${id}-tags-help`}>{t('rulesTagsHelp')}</small>
        </p>
        <p class="ld-field">
          <label for={`${id}-priority`}>{t('ticketFieldPriority')}</label>
          <select
            id={`${id}-priority`}
            value={actions.priority ?? KEEP}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange(withAction(rule, 'priority', value === KEEP ? undefined : (value as TicketPriority)));
            }}
          >
            <option value={KEEP}>{t('rulesKeep')}</option>
            {TICKET_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {priorityText(priority)}
              </option>
            ))}
          </select>
        </p>
        <p class="ld-field">
          <label for={`${id}-group`}>{t('ticketFieldGroup')}</label>
          <select
            id={`${id}-group`}
            value={actions.group ?? KEEP}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange(withAction(rule, 'group', value === KEEP ? undefined : value));
            }}
          >
            <option value={KEEP}>{t('rulesKeep')}</option>
            {groups.map((group) => (
              <option key={group} value={group}>
                {group}
              </option>
            ))}
            {actions.group !== undefined && !groups.includes(actions.group) && (
              <option value={actions.group}>{t('rulesNotInTeam', actions.group)}</option>
            )}
          </select>
        </p>
        <p class="ld-field">
          <label for={`${id}-assign`}>{t('rulesAssign')}</label>
          <select
            id={`${id}-assign`}
            value={assignMode}
            aria-describedby={`${id}-assign-help`}
            onChange={(event) => setAssignMode(event.currentTarget.value)}
          >
            <option value={KEEP}>{t('rulesKeep')}</option>
            <option value="agent">{t('rulesAssignAgent')}</option>
            <option value="round-robin">{t('rulesAssignRoundRobin')}</option>
            <option value="least-loaded">{t('rulesAssignLeastLoaded')}</option>
          </select>
          <small id={`${id}-assign-help`}>{t('rulesAssignHelp')}</small>
        </p>
        {assign?.mode === 'agent' && (
          <p class="ld-field">
            <label for={`${id}-agent`}>{t('ticketFieldAssignee')}</label>
            <select
              id={`${id}-agent`}
              value={assign.agent}
              aria-invalid={agents.includes(assign.agent) ? undefined : 'true'}
              onChange={(event) =>
                onChange(withAction(rule, 'assign', { mode: 'agent', agent: event.currentTarget.value }))
              }
            >
              {agents.map((agent) => (
                <option key={agent} value={agent}>
                  {agent}
                </option>
              ))}
              {!agents.includes(assign.agent) && (
                <option value={assign.agent}>{t('rulesNotInTeam', assign.agent || '?')}</option>
              )}
            </select>
          </p>
        )}
        <p class="ld-field">
          <label for={`${id}-macro`}>{t('rulesMacro')}</label>
          <select
            id={`${id}-macro`}
            value={actions.macroId ?? KEEP}
            aria-describedby={`${id}-macro-help`}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange(withAction(rule, 'macroId', value === KEEP ? undefined : value));
            }}
          >
            <option value={KEEP}>{t('rulesMacroNone')}</option>
            {macros.map((macro) => (
              <option key={macro.id} value={macro.id}>
                {macro.name}
              </option>
            ))}
            {actions.macroId !== undefined && !macros.some((macro) => macro.id === actions.macroId) && (
              <option value={actions.macroId}>{t('rulesMacroMissing')}</option>
            )}
          </select>
          <small id={`${id}-macro-help`}>{t('rulesMacroHelp')}</small>
        </p>
      </fieldset>

      <label class="ld-check">
        <input
          id={`${id}-stop`}
          type="checkbox"
          checked={rule.stop}
          onChange={(event) => onChange({ ...rule, stop: event.currentTarget.checked })}
        />
        {t('rulesStop')}
      </label>

      <PreviewPanel rule={rule} preview={preview} />

      <p class="ld-actions">
        <button type="button" id={`${id}-done`} onClick={onClose}>
          {t('rulesDone')}
        </button>
        <button type="button" id={`${id}-delete`} onClick={onDelete}>
          {t('rulesDelete')}
        </button>
      </p>
    </fieldset>
  );
}

type Announcement =
  | { kind: 'moved'; name: string; position: number }
  | { kind: 'deleted'; rule: Rule; index: number };

/**
 * The team's rules, in the order they run: turn each on or off, move it up or down (buttons, or Alt+↑/↓ on
 * its name), add, duplicate and delete (with undo), and edit one at a time with a preview on past tickets.
 * Edits go to the page's settings draft through `onChange`; the page saves them with the other settings.
 */
export function RulesEditor({ rules, onChange, team, macros, calendars, preview }: RulesEditorProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState<Announcement | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  const current = rules.find((rule) => rule.id === editing);

  const move = (index: number, by: -1 | 1, focus: string) => {
    const to = index + by;
    const rule = rules[index];
    if (rule === undefined || to < 0 || to >= rules.length) return;
    const next = [...rules];
    next.splice(index, 1);
    next.splice(to, 0, rule);
    onChange(next);
    setSaid({ kind: 'moved', name: nameOf(rule), position: to + 1 });
    setFocusId(focus);
  };
  const add = () => {
    const rule: Rule = {
      id: newRuleId(rules),
      name: '',
      enabled: true,
      match: 'all',
      conditions: [blankCondition('subject')],
      actions: {},
      stop: false,
    };
    onChange([...rules, rule]);
    setEditing(rule.id);
    setFocusId(`rules-${rule.id}-name`);
  };
  const duplicate = (index: number) => {
    const rule = rules[index];
    if (rule === undefined) return;
    const copy: Rule = {
      ...structuredClone(rule),
      id: newRuleId(rules),
      name: t('rulesCopyName', nameOf(rule)),
    };
    const next = [...rules];
    next.splice(index + 1, 0, copy);
    onChange(next);
    setEditing(copy.id);
    setFocusId(`rules-${copy.id}-name`);
  };
  const remove = (rule: Rule) => {
    const index = rules.findIndex((known) => known.id === rule.id);
    onChange(rules.filter((known) => known.id !== rule.id));
    setSaid({ kind: 'deleted', rule, index });
    setEditing(null);
    setFocusId('rules-undo');
  };
  const undo = () => {
    if (said?.kind !== 'deleted') return;
    const next = [...rules];
    next.splice(Math.min(said.index, next.length), 0, said.rule);
    onChange(next);
    setSaid(null);
    setFocusId(`rules-${said.rule.id}-edit`);
  };

  return (
    <section class="ld-section ld-rules" aria-labelledby="rules-heading" id="auto-rules">
      <h3 id="rules-heading">{t('rulesHeading')}</h3>
      <p class="ld-help" id="rules-help">
        {t('rulesHelp')}
      </p>
      {rules.length === 0 && (
        <p class="ld-help" id="rules-none">
          {t('rulesNone')}
        </p>
      )}
      <ol class="ld-rules-list" aria-labelledby="rules-heading">
        {rules.map((rule, index) => {
          const name = nameOf(rule);
          const first = index === 0;
          const last = index === rules.length - 1;
          const incomplete = rule.name.trim() === '' || !ruleSchema.safeParse(rule).success;
          return (
            <li key={rule.id} class={rule.enabled ? undefined : 'ld-rules-off'}>
              <input
                id={`rules-${rule.id}-enabled`}
                type="checkbox"
                aria-label={t('rulesEnabled', name)}
                checked={rule.enabled}
                onChange={(event) => {
                  const enabled = event.currentTarget.checked;
                  onChange(rules.map((known) => (known.id === rule.id ? { ...known, enabled } : known)));
                }}
              />
              <button
                type="button"
                class="ld-quiet ld-rules-name"
                id={`rules-${rule.id}-edit`}
                aria-expanded={editing === rule.id ? 'true' : 'false'}
                aria-describedby={
                  incomplete ? `rules-${rule.id}-incomplete rules-keys-help` : 'rules-keys-help'
                }
                onClick={() => setEditing(editing === rule.id ? null : rule.id)}
                onKeyDown={(event) => {
                  if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
                  event.preventDefault();
                  move(index, event.key === 'ArrowUp' ? -1 : 1, `rules-${rule.id}-edit`);
                }}
              >
                {name}
              </button>
              {!rule.enabled && <span class="ld-rules-badge">{t('rulesOff')}</span>}
              {incomplete && (
                <span class="ld-warning ld-rules-incomplete" id={`rules-${rule.id}-incomplete`}>
                  {t('rulesIncomplete')}
                </span>
              )}
              <span class="ld-rules-tools">
                <button
                  type="button"
                  class="ld-quiet"
                  id={`rules-${rule.id}-up`}
                  aria-label={t('rulesMoveUp', name)}
                  aria-disabled={first ? 'true' : undefined}
                  onClick={() => move(index, -1, `rules-${rule.id}-up`)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  class="ld-quiet"
                  id={`rules-${rule.id}-down`}
                  aria-label={t('rulesMoveDown', name)}
                  aria-disabled={last ? 'true' : undefined}
                  onClick={() => move(index, 1, `rules-${rule.id}-down`)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  class="ld-quiet"
                  id={`rules-${rule.id}-duplicate`}
                  aria-label={t('rulesDuplicate', name)}
                  disabled={rules.length >= 200}
                  onClick={() => duplicate(index)}
                >
                  {t('rulesDuplicateShort')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <small id="rules-keys-help">{t('rulesKeysHelp')}</small>
      <p role="status" class="ld-help" id="rules-status">
        {said?.kind === 'moved' && t('rulesMoved', [said.name, String(said.position), String(rules.length)])}
        {said?.kind === 'deleted' && t('rulesDeleted', nameOf(said.rule))}
      </p>
      {said?.kind === 'deleted' && (
        <p class="ld-actions">
          <button type="button" id="rules-undo" onClick={undo}>
            {t('ticketUndo')}
          </button>
        </p>
      )}
      {current !== undefined && (
        <RuleForm
          key={current.id}
          rule={current}
          team={team}
          macros={macros}
          calendars={calendars}
          preview={preview}
          onChange={(next) => onChange(rules.map((rule) => (rule.id === next.id ? next : rule)))}
          onDelete={() => remove(current)}
          onClose={() => {
            setEditing(null);
            setFocusId(`rules-${current.id}-edit`);
          }}
        />
      )}
      <p class="ld-actions">
        <button type="button" id="rules-add" disabled={rules.length >= 200} onClick={add}>
          {t('rulesAdd')}
        </button>
      </p>
    </section>
  );
}
