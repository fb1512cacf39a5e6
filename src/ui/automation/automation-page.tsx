import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AutomationSettings as Settings } from '../../core/automation-config';
import { type TeamConfig, teamGroups } from '../../core/team-config';
import type { Template } from '../../core/templates';
import { formatDateTime, t, tn } from '../i18n';
import { ErrorText, type FieldErrors } from '../team/field-error';
import { zodErrorMap } from '../team/zod-messages';
import { type AutomationDraft, checkDraft, draftFromSettings, fieldIdOf } from './automation-draft';
import type { AutomationService } from './automation-service';
import { draftProblemText, schemaMessageText } from './automation-text';
import { CalendarsEditor } from './calendars-editor';
import { MailEditor } from './mail-editor';
import { RulesEditor } from './rules-editor';
import { RunnerPanel } from './runner-panel';
import { SlaEditor } from './sla-editor';

export interface AutomationSettingsProps {
  service: AutomationService;
  mailbox: string;
  /** The UI language: weekday names, zod's messages. */
  language: string;
  now?: () => number;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | {
      state: 'ready';
      saved: Settings;
      updatedAt: number | null;
      author: string | null;
      team: TeamConfig | null;
      templates: Pick<Template, 'id' | 'name'>[];
      macros: { id: string; name: string }[];
    };

type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  /** `elsewhere`: problems with no field of their own on the page, listed in the alert. */
  | { state: 'invalid'; count: number; elsewhere: string[] }
  | { state: 'failed'; reason: string };

/** How many of the newest stored tickets a rule's preview tries. */
const RULE_PREVIEW_TICKETS = 200;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The nearest field on the page a value's path belongs to: the path itself, else its parent, and so on. */
function placeOf(path: readonly (string | number)[]): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const id = fieldIdOf(path.slice(0, n));
    if (document.getElementById(id) !== null) return id;
  }
  return undefined;
}

function focusField(id: string) {
  const element = document.getElementById(id);
  if (element === null) return;
  const field = element.matches('input, select, textarea, button')
    ? element
    : element.querySelector<HTMLElement>('input, select, textarea');
  (field ?? element).focus();
}

/**
 * The options page's Automation section for one mailbox: business hours, SLA, acknowledgement, Pending,
 * CSAT, rules and the runner, edited as one draft and saved whole with one 'automation.set' (a failed save
 * keeps every edit). Nothing is saved while the shared schema refuses a value; each problem shows beside its
 * field.
 */
export function AutomationSettings({ service, mailbox, language, now = Date.now }: AutomationSettingsProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [draft, setDraft] = useState<AutomationDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  // After a refused save, every change re-checks, so fixed fields lose their error at once.
  const [checking, setChecking] = useState(false);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const [focusId, setFocusId] = useState<string | null>(null);
  const errorMap = useMemo(() => zodErrorMap(language), [language]);
  // The draft as rendered last, so an answer to a save does not undo what was typed while it ran.
  const currentDraft = useRef(draft);
  currentDraft.current = draft;

  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    Promise.all([
      service.getAutomation(mailbox),
      // The team and the library only fill choices in: without them the settings still load.
      service.getTeam(mailbox).catch(() => null),
      service.getLibrary(mailbox).catch(() => null),
    ]).then(
      ([view, team, library]) => {
        if (!live) return;
        setDraft(draftFromSettings(view.settings));
        setErrors({});
        setChecking(false);
        setLoaded({
          state: 'ready',
          saved: view.settings,
          updatedAt: view.updatedAt,
          author: view.author,
          team: team?.config ?? null,
          templates: (library?.library.templates ?? []).map(({ id, name }) => ({ id, name })),
          macros: (library?.library.macros ?? []).map(({ id, name }) => ({ id, name })),
        });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [service, mailbox, attempt]);

  useEffect(() => {
    if (focusId === null) return;
    focusField(focusId);
    setFocusId(null);
  }, [focusId]);

  const check = (next: AutomationDraft) => checkDraft(next, errorMap, draftProblemText, schemaMessageText);

  /** Marks every problem beside its field; answers the ones with no field of their own. */
  const markProblems = (issues: { path: (string | number)[]; message: string }[]) => {
    const next: Record<string, string[]> = {};
    const elsewhere: string[] = [];
    let first: string | undefined;
    for (const issue of issues) {
      const id = placeOf(issue.path);
      if (id === undefined) {
        elsewhere.push(`${issue.path.join('.')}: ${issue.message}`);
        continue;
      }
      first ??= id;
      // A rule's fields are the rules editor's own: its problems are listed under it, named by the rule.
      const rule = issue.path[0] === 'rules' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
      const ruleName =
        rule === undefined ? undefined : currentDraft.current?.settings.rules[rule]?.name || `#${rule + 1}`;
      const message = ruleName === undefined ? issue.message : `${ruleName}: ${issue.message}`;
      next[id] = [...(next[id] ?? []), message];
    }
    setErrors(next);
    return { first, elsewhere };
  };

  const edit = (change: (draft: AutomationDraft) => AutomationDraft) => {
    const base = currentDraft.current;
    if (base === null) return;
    const next = change(base);
    currentDraft.current = next;
    setDraft(next);
    if (save.state === 'saved' || save.state === 'failed') setSave({ state: 'idle' });
    if (checking) {
      const checked = check(next);
      if (checked.ok) {
        setErrors({});
        setSave((s) => (s.state === 'invalid' ? { state: 'idle' } : s));
      } else {
        // Marked after the render, so fields that this change adds or removes are where the errors go.
        requestAnimationFrame(() => {
          const { elsewhere } = markProblems(checked.issues);
          setSave((s) =>
            s.state === 'invalid' ? { state: 'invalid', count: checked.issues.length, elsewhere } : s,
          );
        });
      }
    }
  };

  const publish = async () => {
    const sent = currentDraft.current;
    if (sent === null || save.state === 'saving') return;
    const checked = check(sent);
    if (!checked.ok) {
      const { first, elsewhere } = markProblems(checked.issues);
      setChecking(true);
      setSave({ state: 'invalid', count: checked.issues.length, elsewhere });
      if (first !== undefined) setFocusId(first);
      return;
    }
    setErrors({});
    setSave({ state: 'saving' });
    try {
      const view = await service.setAutomation(mailbox, checked.settings);
      if (currentDraft.current === sent) setDraft(draftFromSettings(view.settings));
      setLoaded((state) =>
        state.state === 'ready'
          ? { ...state, saved: view.settings, updatedAt: view.updatedAt, author: view.author }
          : state,
      );
      setChecking(false);
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', reason: reasonOf(error) });
    }
  };

  if (loaded.state === 'failed') {
    return (
      <div role="alert" class="ld-alert" id="auto-load-failed">
        <p>{t('autoLoadFailed', loaded.reason)}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('actionRetry')}
        </button>
      </div>
    );
  }
  if (loaded.state === 'loading' || draft === null) {
    return (
      <p role="status" class="ld-help" id="auto-loading">
        {t('autoLoading')}
      </p>
    );
  }

  const groups = teamGroups(loaded.team ?? undefined);
  const tagPaths = (loaded.team?.tags ?? []).map((tag) => tag.path);

  return (
    <form
      class="ld-automation"
      noValidate
      aria-busy={save.state === 'saving' ? 'true' : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        void publish();
      }}
    >
      <p class="ld-help" id="auto-saved-by">
        {loaded.updatedAt === null
          ? t('autoNeverSaved', mailbox)
          : t('autoSavedBy', [loaded.author ?? '?', formatDateTime(loaded.updatedAt)])}
      </p>

      <CalendarsEditor draft={draft} errors={errors} edit={edit} language={language} now={now} />
      <SlaEditor draft={draft} errors={errors} edit={edit} groups={groups} tagPaths={tagPaths} />
      <MailEditor
        draft={draft}
        errors={errors}
        edit={edit}
        templates={loaded.templates}
        tagPaths={tagPaths}
      />

      <RulesEditor
        rules={draft.settings.rules}
        onChange={(rules) => edit((d) => ({ ...d, settings: { ...d.settings, rules } }))}
        team={loaded.team}
        macros={loaded.macros}
        calendars={draft.settings.calendars}
        preview={(rule) => service.previewRule(mailbox, rule, RULE_PREVIEW_TICKETS)}
      />
      <ErrorText fieldId="auto-rules" errors={errors} />

      <RunnerPanel draft={draft} edit={edit} service={service} mailbox={mailbox} now={now} />

      <div class="ld-save">
        <button type="submit" class="ld-primary" id="auto-save" disabled={save.state === 'saving'}>
          {t('autoSave')}
        </button>
        <button
          type="button"
          id="auto-reset"
          disabled={save.state === 'saving'}
          onClick={() => {
            const saved = draftFromSettings(loaded.saved);
            currentDraft.current = saved;
            setDraft(saved);
            setErrors({});
            setChecking(false);
            setSave({ state: 'idle' });
          }}
        >
          {t('autoReset')}
        </button>
        <p role="status" id="auto-save-status">
          {save.state === 'saving' && t('autoSaving')}
          {save.state === 'saved' && t('autoSaved')}
        </p>
        {save.state === 'invalid' && (
          <div role="alert" class="ld-alert" id="auto-save-problems">
            <p>{tn('autoProblems', save.count)}</p>
            {save.elsewhere.length > 0 && (
              <ul>
                {save.elsewhere.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {save.state === 'failed' && (
          <div role="alert" class="ld-alert" id="auto-save-failed">
            <p>{t('autoSaveFailed', save.reason)}</p>
            <button type="button" id="auto-save-retry" onClick={() => void publish()}>
              {t('actionRetry')}
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
