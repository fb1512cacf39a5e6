import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  parseReplyLibraryFile,
  REPLY_LIBRARY_MAX_BYTES,
  type ReplyLibrary,
  type ReplyLibraryImportProblem,
  type ReplyLibrarySection,
  replyLibraryFileName,
  replyLibraryFileText,
} from '../../core/reply-library-io';
import { starterTemplates } from '../../core/starter-templates';
import type { TeamConfig } from '../../core/team-config';
import { formatProblemPath } from '../../core/team-config-io';
import { type TemplateLibrary, templateLibrarySchema } from '../../core/templates';
import { formatDateTime, t, tn } from '../i18n';
import type { OptionsService } from '../team/options-service';
import type { DownloadFile } from '../team/team-setup';
import { zodErrorMap } from '../team/zod-messages';
import { libraryImportProblemText, templateLanguageOf } from './library-text';
import { MacrosEditor } from './macros-editor';
import { ShortcutsEditor } from './shortcuts-editor';
import { TemplatesEditor } from './templates-editor';

export type LibraryService = Pick<OptionsService, 'getLibrary' | 'setLibrary' | 'getTeam'>;

export interface LibraryEditorProps {
  service: LibraryService;
  mailbox: string;
  /** The UI language: the starter library's language, sorting, zod's messages. */
  language: string;
  download: DownloadFile;
  now?: () => number;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | {
      state: 'ready';
      saved: TemplateLibrary;
      updatedAt: number | null;
      author: string | null;
      team: Pick<TeamConfig, 'agents' | 'tags'>;
      me: string;
    };

type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'invalid'; lines: string[] }
  | { state: 'failed'; reason: string };

type FileState =
  | { state: 'idle' }
  | { state: 'refused'; fileName: string; lines: string[] }
  | { state: 'pending'; fileName: string; library: ReplyLibrary; sections: ReplyLibrarySection[] };

const EMPTY: TemplateLibrary = { templates: [], shortcuts: [], macros: [] };
const NO_TEAM: Pick<TeamConfig, 'agents' | 'tags'> = { agents: [], tags: [] };

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const isEmpty = (library: TemplateLibrary) =>
  library.templates.length === 0 && library.shortcuts.length === 0 && library.macros.length === 0;

/**
 * The team's reply library for one mailbox: templates, text shortcuts and macros edited as one draft, saved
 * whole with one 'library.set' (a failed save keeps every edit), exported and imported as a JSON file.
 */
export function LibraryEditor({ service, mailbox, language, download, now = Date.now }: LibraryEditorProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [draft, setDraft] = useState<TemplateLibrary>(EMPTY);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [file, setFile] = useState<FileState>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const errorMap = useMemo(() => zodErrorMap(language), [language]);
  const currentDraft = useRef(draft);
  currentDraft.current = draft;
  const teamLanguage = templateLanguageOf(language);

  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    Promise.all([service.getLibrary(mailbox), service.getTeam(mailbox)]).then(
      ([view, team]) => {
        if (!live) return;
        setDraft(view.library);
        setLoaded({
          state: 'ready',
          saved: view.library,
          updatedAt: view.updatedAt,
          author: view.author,
          team: team.config ?? NO_TEAM,
          me: team.me,
        });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [service, mailbox, attempt]);

  const edit = useCallback((change: (library: TemplateLibrary) => TemplateLibrary) => {
    setDraft((library) => change(library));
    setSave((state) => (state.state === 'saved' ? { state: 'idle' } : state));
  }, []);

  const publish = async (library: TemplateLibrary) => {
    const checked = templateLibrarySchema.safeParse(library, { error: errorMap });
    if (!checked.success) {
      setSave({
        state: 'invalid',
        lines: checked.error.issues.map((issue) => {
          const path = formatProblemPath(
            issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
          );
          return path === '' ? issue.message : t('teamImportPathProblem', [path, issue.message]);
        }),
      });
      return;
    }
    setSave({ state: 'saving' });
    try {
      const view = await service.setLibrary(mailbox, checked.data);
      // What was saved comes back as the worker keeps it, unless typing went on meanwhile.
      if (currentDraft.current === library) setDraft(view.library);
      setLoaded((state) =>
        state.state === 'ready'
          ? { ...state, saved: view.library, updatedAt: view.updatedAt, author: view.author }
          : state,
      );
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', reason: reasonOf(error) });
    }
  };

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = '';
    if (chosen === undefined) return;
    let problems: ReplyLibraryImportProblem[];
    if (chosen.size > REPLY_LIBRARY_MAX_BYTES) {
      problems = [{ kind: 'too-large', bytes: chosen.size }];
    } else {
      let text: string;
      try {
        text = await chosen.text();
      } catch (error) {
        setFile({
          state: 'refused',
          fileName: chosen.name,
          lines: [t('teamImportUnreadable', reasonOf(error))],
        });
        return;
      }
      const result = parseReplyLibraryFile(text, { errorMap });
      if (result.ok) {
        setFile({
          state: 'pending',
          fileName: chosen.name,
          library: result.library,
          sections: result.sections,
        });
        return;
      }
      problems = result.problems;
    }
    setFile({ state: 'refused', fileName: chosen.name, lines: problems.map(libraryImportProblemText) });
  };

  const applyImport = () => {
    if (file.state !== 'pending') return;
    const next = { ...draft };
    for (const section of file.sections) {
      if (section === 'templates') next.templates = file.library.templates;
      if (section === 'shortcuts') next.shortcuts = file.library.shortcuts;
      if (section === 'macros') next.macros = file.library.macros;
    }
    setDraft(next);
    currentDraft.current = next;
    setFile({ state: 'idle' });
    void publish(next);
  };

  if (loaded.state === 'loading') {
    return (
      <p role="status" class="ld-help">
        {t('libraryLoading')}
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <div role="alert" class="ld-alert">
        <p>{t('libraryLoadFailed', loaded.reason)}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('actionRetry')}
        </button>
      </div>
    );
  }

  const { team, me } = loaded;
  const tagPaths = team.tags.map((tag) => tag.path);
  const wordLanguages = [
    ...new Set([teamLanguage, ...draft.templates.flatMap((tp) => tp.variants.map((v) => v.language))]),
  ];
  const sectionNames: Record<ReplyLibrarySection, string> = {
    templates: t('libraryTemplates'),
    shortcuts: t('libraryShortcuts'),
    macros: t('libraryMacros'),
  };

  return (
    <div class="ld-library" aria-busy={save.state === 'saving' ? 'true' : undefined}>
      <p class="ld-help" id="lib-saved-by">
        {loaded.updatedAt === null
          ? t('libraryNeverSaved', mailbox)
          : t('librarySavedBy', [loaded.author ?? '?', formatDateTime(loaded.updatedAt)])}
      </p>

      {isEmpty(draft) && (
        <div class="ld-notice" id="lib-empty">
          <p>{t('libraryEmpty')}</p>
          <button
            type="button"
            id="lib-add-starter"
            onClick={() => {
              const next = { ...draft, templates: starterTemplates(teamLanguage, now(), me || 'Labeldesk') };
              setDraft(next);
              currentDraft.current = next;
              void publish(next);
            }}
          >
            {t('libraryAddStarter')}
          </button>
        </div>
      )}

      <TemplatesEditor
        templates={draft.templates}
        onChange={(templates) => edit((library) => ({ ...library, templates }))}
        tagPaths={tagPaths}
        language={language}
        me={me}
        now={now}
      />
      <ShortcutsEditor
        shortcuts={draft.shortcuts}
        onChange={(shortcuts) => edit((library) => ({ ...library, shortcuts }))}
        language={language}
        wordLanguages={wordLanguages}
      />
      <MacrosEditor
        macros={draft.macros}
        onChange={(macros) => edit((library) => ({ ...library, macros }))}
        templates={draft.templates}
        team={team}
        me={me}
      />

      <fieldset class="ld-section">
        <legend>{t('libraryFile')}</legend>
        <p class="ld-actions">
          <button
            type="button"
            id="lib-export"
            onClick={() => download(replyLibraryFileName(mailbox), replyLibraryFileText(loaded.saved))}
          >
            {t('libraryExport')}
          </button>
          <span class="ld-file">
            <input
              id="lib-import"
              type="file"
              accept=".json,application/json"
              aria-describedby="lib-import-help"
              onChange={onImport}
            />
            <label for="lib-import">{t('libraryImport')}</label>
          </span>
        </p>
        <small id="lib-import-help">{t('libraryImportHelp')}</small>
        {file.state === 'refused' && (
          <div role="alert" class="ld-alert" id="lib-import-problems">
            <p>{t('teamImportFailed', file.fileName)}</p>
            <ul>
              {file.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </div>
        )}
        {file.state === 'pending' && (
          <div class="ld-notice" id="lib-import-summary">
            <p id="lib-import-summary-text">
              {t('libraryImportSummary', [
                file.fileName,
                tn('libraryTemplateCount', file.library.templates.length),
                tn('libraryShortcutCount', file.library.shortcuts.length),
                tn('libraryMacroCount', file.library.macros.length),
              ])}
            </p>
            <p>
              {t('libraryImportReplaces', file.sections.map((section) => sectionNames[section]).join(', '))}
            </p>
            <button type="button" class="ld-primary" id="lib-import-apply" onClick={applyImport}>
              {t('libraryImportApply')}
            </button>
            <button type="button" onClick={() => setFile({ state: 'idle' })}>
              {t('libraryImportCancel')}
            </button>
          </div>
        )}
      </fieldset>

      <div class="ld-save">
        <button
          type="button"
          class="ld-primary"
          id="lib-save"
          disabled={save.state === 'saving'}
          onClick={() => void publish(draft)}
        >
          {t('librarySave')}
        </button>
        <p role="status" id="lib-save-status">
          {save.state === 'saving' && t('librarySaving')}
          {save.state === 'saved' && t('librarySaved')}
        </p>
        {save.state === 'invalid' && (
          <div role="alert" class="ld-alert" id="lib-save-problems">
            <p>{tn('libraryProblems', save.lines.length)}</p>
            <ul>
              {save.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </div>
        )}
        {save.state === 'failed' && (
          <div role="alert" class="ld-alert" id="lib-save-failed">
            <p>{t('librarySaveFailed', save.reason)}</p>
            <button type="button" onClick={() => void publish(draft)}>
              {t('actionRetry')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
