import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TeamConfig } from '../../core/team-config';
import {
  checkTeamConfig,
  type ImportProblem,
  parseTeamFile,
  TEAM_FILE_MAX_BYTES,
  type TeamProblem,
  teamFileName,
  teamFileText,
} from '../../core/team-config-io';
import { t, tn } from '../i18n';
import { AgentsEditor } from './agents-editor';
import { ErrorText, type FieldErrors, fieldAria } from './field-error';
import type { OptionsService } from './options-service';
import { importProblemText, teamProblemText } from './problem-text';
import { TagsEditor } from './tags-editor';
import {
  agentNames,
  draftFromConfig,
  draftInput,
  fieldIdOf,
  fieldIds,
  NEW_TEAM,
  type TeamDraft,
} from './team-draft';
import { zodErrorMap } from './zod-messages';

/** Hands a file to the person: the options page downloads it through an `<a download>`. */
export type DownloadFile = (fileName: string, text: string) => void;

export interface TeamSetupProps {
  service: OptionsService;
  mailbox: string;
  /** The UI language: the starter tags' language and zod's messages. */
  language: string;
  download: DownloadFile;
  /** The agents' names as currently typed, for "I am". */
  onAgentNames?(names: string[]): void;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; isNew: boolean; savedPrefix: string };

type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'invalid'; count: number }
  | { state: 'failed'; reason: string };

type FileState =
  | { state: 'idle' }
  | { state: 'imported'; fileName: string }
  | { state: 'refused'; fileName: string; lines: string[] };

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorsOf(draft: TeamDraft, problems: readonly TeamProblem[]): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const problem of problems) {
    const id = fieldIdOf(draft, problem.path);
    errors[id] = [...(errors[id] ?? []), teamProblemText(problem)];
  }
  return errors;
}

/**
 * The team set-up of one mailbox: agents, label prefix, ticket rule and tag taxonomy, checked with the same
 * rules as an imported file, and saved as a shared config record for every agent of the mailbox.
 */
export function TeamSetup({ service, mailbox, language, download, onAgentNames }: TeamSetupProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [draft, setDraft] = useState<TeamDraft>(() => draftFromConfig(NEW_TEAM));
  const [errors, setErrors] = useState<FieldErrors>({});
  // After a refused save, every change re-checks, so fixed fields lose their error at once.
  const [checking, setChecking] = useState(false);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [file, setFile] = useState<FileState>({ state: 'idle' });
  const [focusId, setFocusId] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const errorMap = useMemo(() => zodErrorMap(language), [language]);
  // The draft as rendered last, so an answer to a save does not undo what was typed while it ran.
  const currentDraft = useRef(draft);
  currentDraft.current = draft;

  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    service.getTeam(mailbox).then(
      (view) => {
        if (!live) return;
        setDraft(draftFromConfig(view.config ?? NEW_TEAM));
        setLoaded({
          state: 'ready',
          isNew: view.config === null,
          savedPrefix: view.config?.labelPrefix ?? NEW_TEAM.labelPrefix,
        });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [service, mailbox, attempt]);

  const names = agentNames(draft).join('\n');
  useEffect(() => onAgentNames?.(names === '' ? [] : names.split('\n')), [names, onAgentNames]);

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const edit = (next: TeamDraft) => {
    setDraft(next);
    if (save.state === 'saved' || save.state === 'failed') setSave({ state: 'idle' });
    if (checking) {
      const checked = checkTeamConfig(draftInput(next), { errorMap });
      setErrors(checked.ok ? {} : errorsOf(next, checked.problems));
      if (checked.ok) setSave({ state: 'idle' });
      else if (save.state === 'invalid') setSave({ state: 'invalid', count: checked.problems.length });
    }
  };

  /** The draft as a valid config, or null after marking every problem next to its field. */
  const validated = (): TeamConfig | null => {
    const checked = checkTeamConfig(draftInput(draft), { errorMap });
    if (checked.ok) {
      setErrors({});
      return checked.config;
    }
    const fieldErrors = errorsOf(draft, checked.problems);
    setErrors(fieldErrors);
    setChecking(true);
    setSave({ state: 'invalid', count: checked.problems.length });
    const first = checked.problems[0];
    if (first !== undefined) setFocusId(fieldIdOf(draft, first.path));
    return null;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (save.state === 'saving') return;
    const config = validated();
    if (config === null) return;
    setSave({ state: 'saving' });
    const sent = draft;
    try {
      const view = await service.setTeam(mailbox, config);
      const saved = view.config ?? config;
      // The form shows what was saved, tidied (groups split, domains lower case), unless typing went on.
      if (currentDraft.current === sent) setDraft(draftFromConfig(saved));
      setLoaded({ state: 'ready', isNew: false, savedPrefix: saved.labelPrefix });
      setChecking(false);
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', reason: reasonOf(error) });
    }
  };

  const onExport = () => {
    const config = validated();
    if (config !== null) download(teamFileName(mailbox), teamFileText(config));
  };

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0];
    // The same file can be chosen again after fixing it.
    input.value = '';
    if (chosen === undefined) return;
    let problems: ImportProblem[] | undefined;
    let config: TeamConfig | undefined;
    if (chosen.size > TEAM_FILE_MAX_BYTES) {
      problems = [{ kind: 'too-large', bytes: chosen.size }];
    } else {
      let text: string | undefined;
      try {
        text = await chosen.text();
      } catch (error) {
        setFile({
          state: 'refused',
          fileName: chosen.name,
          lines: [t('teamImportUnreadable', reasonOf(error))],
        });
      }
      if (text === undefined) return;
      const result = parseTeamFile(text, { errorMap });
      if (result.ok) config = result.config;
      else problems = result.problems;
    }
    if (config === undefined) {
      setFile({ state: 'refused', fileName: chosen.name, lines: (problems ?? []).map(importProblemText) });
      return;
    }
    setDraft(draftFromConfig(config));
    setErrors({});
    setChecking(false);
    setSave({ state: 'idle' });
    setFile({ state: 'imported', fileName: chosen.name });
  };

  if (loaded.state === 'loading') {
    return (
      <p role="status" class="ld-help">
        {t('teamLoading')}
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <div role="alert" class="ld-alert">
        <p>{t('teamLoadFailed', loaded.reason)}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('actionRetry')}
        </button>
      </div>
    );
  }

  // A mailbox without a config has been labelled with the default prefix all along, so it warns too.
  const prefixChanged = draft.labelPrefix.trim() !== loaded.savedPrefix;
  const focus = (id: string) => setFocusId(id);

  return (
    // aria-busy only while saving: `form[aria-busy="false"]` keeps meaning "the settings form has loaded".
    <form
      class="ld-team"
      onSubmit={onSubmit}
      noValidate
      aria-busy={save.state === 'saving' ? 'true' : undefined}
    >
      <p class="ld-help">{loaded.isNew ? t('teamIntroNew', mailbox) : t('teamIntroShared', mailbox)}</p>

      <AgentsEditor
        agents={draft.agents}
        errors={errors}
        focus={focus}
        onChange={(agents) => edit({ ...draft, agents })}
      />

      <fieldset class="ld-section">
        <legend>{t('teamLabels')}</legend>
        <p class="ld-field">
          <label for={fieldIds.labelPrefix}>{t('teamLabelPrefix')}</label>
          <input
            id={fieldIds.labelPrefix}
            type="text"
            autocomplete="off"
            value={draft.labelPrefix}
            onInput={(event) => edit({ ...draft, labelPrefix: event.currentTarget.value })}
            {...fieldAria(
              fieldIds.labelPrefix,
              errors,
              'team-label-prefix-help',
              prefixChanged && 'team-label-prefix-warning',
            )}
          />
          <small id="team-label-prefix-help">{t('teamLabelPrefixHelp')}</small>
          {prefixChanged && (
            <small id="team-label-prefix-warning" class="ld-warning">
              {t('teamLabelPrefixWarning', loaded.savedPrefix)}
            </small>
          )}
          <ErrorText fieldId={fieldIds.labelPrefix} errors={errors} />
        </p>
      </fieldset>

      <fieldset class="ld-section">
        <legend>{t('teamTicketRule')}</legend>
        <p class="ld-field">
          <label for={fieldIds.teamDomains}>{t('teamDomains')}</label>
          <input
            id={fieldIds.teamDomains}
            type="text"
            autocomplete="off"
            spellcheck={false}
            placeholder="shop.example"
            value={draft.teamDomains}
            onInput={(event) => edit({ ...draft, teamDomains: event.currentTarget.value })}
            {...fieldAria(fieldIds.teamDomains, errors, 'team-domains-help')}
          />
          <small id="team-domains-help">{t('teamDomainsHelp')}</small>
          <ErrorText fieldId={fieldIds.teamDomains} errors={errors} />
        </p>
      </fieldset>

      <div class="ld-section">
        <p class="ld-check">
          <input
            id={fieldIds.checksBeforeSending}
            type="checkbox"
            checked={draft.checksBeforeSending}
            aria-describedby="team-checks-before-sending-help"
            onChange={(event) => edit({ ...draft, checksBeforeSending: event.currentTarget.checked })}
          />
          <label for={fieldIds.checksBeforeSending}>{t('teamChecksBeforeSending')}</label>
        </p>
        <small id="team-checks-before-sending-help">{t('teamChecksBeforeSendingHelp')}</small>
      </div>

      <TagsEditor
        tags={draft.tags}
        errors={errors}
        language={language}
        focus={focus}
        onChange={(tags) => edit({ ...draft, tags })}
      />

      <fieldset class="ld-section">
        <legend>{t('teamFile')}</legend>
        <p class="ld-actions">
          <button type="button" id="team-export" onClick={onExport}>
            {t('teamExport')}
          </button>
          <span class="ld-file">
            <input
              id="team-import"
              type="file"
              accept=".json,application/json"
              aria-describedby="team-import-help"
              onChange={onImport}
            />
            <label for="team-import">{t('teamImport')}</label>
          </span>
        </p>
        <small id="team-import-help">{t('teamImportHelp')}</small>
        {file.state === 'refused' && (
          <div role="alert" class="ld-alert" id="team-import-problems">
            <p>{t('teamImportFailed', file.fileName)}</p>
            <ul>
              {file.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </div>
        )}
        <p role="status" class="ld-help" id="team-import-status">
          {file.state === 'imported' && t('teamImported', file.fileName)}
        </p>
      </fieldset>

      <div class="ld-save">
        <button
          type="submit"
          class="ld-primary"
          aria-describedby="team-save-help"
          disabled={save.state === 'saving'}
        >
          {t('teamSave')}
        </button>
        <small id="team-save-help">{t('teamSaveHelp')}</small>
        <p role="status">
          {save.state === 'saving' && t('teamSaving')}
          {save.state === 'saved' && t('teamSaved')}
        </p>
        {save.state === 'invalid' && (
          <p role="alert" class="ld-alert">
            {tn('teamProblems', save.count)}
          </p>
        )}
        {save.state === 'failed' && (
          <p role="alert" class="ld-alert">
            {t('teamSaveFailed', save.reason)}
          </p>
        )}
      </div>
    </form>
  );
}
