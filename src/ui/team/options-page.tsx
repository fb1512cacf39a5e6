import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { t, uiLanguage } from '../i18n';
import { OptionsForm, type SettingsStore } from '../options-form';
import { type HostAccess, HostAccessWarning } from './host-access';
import type { OptionsService } from './options-service';
import { type DownloadFile, TeamSetup } from './team-setup';

export interface OptionsPageProps {
  service: OptionsService;
  /** The UI language (`chrome.i18n.getUILanguage()`). */
  language: string;
  download: DownloadFile;
  /** The mailbox to show first (`?mailbox=` when a Gmail tab opened the page). */
  initialMailbox?: string;
  /** The keyboard shortcut editor (src/ui/keyboard); its section appears only when one is given. */
  shortcuts?: ComponentChildren;
  /**
   * The reply library editor (src/ui/library) for the mailbox chosen in the team set-up's picker; its section
   * appears only when one is given and a mailbox is chosen.
   */
  library?: (mailbox: string) => ComponentChildren;
  /**
   * The automation settings (src/ui/automation) for the same mailbox, a section of its own after the library;
   * it appears only when one is given and a mailbox is chosen.
   */
  automation?: (mailbox: string) => ComponentChildren;
  /** The browser's host permissions (Firefox lets users withdraw them): a warning at the top while missing. */
  hostAccess?: HostAccess;
}

/** The privacy policy shipped per UI language (public/privacy*.html, at the package's root); English otherwise. */
const PRIVACY_FILES = new Map([
  ['ru', 'privacy.ru.html'],
  ['pl', 'privacy.pl.html'],
  ['ja', 'privacy.ja.html'],
]);

/** The policy's file in the language the page's strings are in ("pl-PL" → privacy.pl.html). */
export function privacyPolicyFile(language: string = uiLanguage()): string {
  return PRIVACY_FILES.get(language.toLowerCase().split('-')[0] ?? '') ?? 'privacy.html';
}

type Mailboxes =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; list: string[] };

/** The whole options page: the agent's own settings, the team set-up per mailbox, the keyboard shortcuts. */
export function OptionsPage({
  service,
  language,
  download,
  initialMailbox,
  shortcuts,
  library,
  automation,
  hostAccess,
}: OptionsPageProps) {
  const [mailboxes, setMailboxes] = useState<Mailboxes>({ state: 'loading' });
  const [mailbox, setMailbox] = useState('');
  const [agents, setAgents] = useState<string[]>([]);
  const store = useMemo<SettingsStore>(
    () => ({ load: () => service.getSettings(), save: (settings) => service.setSettings(settings) }),
    [service],
  );

  useEffect(() => {
    service.mailboxes().then(
      (list) => {
        setMailboxes({ state: 'ready', list });
        const wanted = initialMailbox?.toLowerCase();
        setMailbox(list.find((known) => known === wanted) ?? list[0] ?? '');
      },
      (error: unknown) =>
        setMailboxes({ state: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  }, [service, initialMailbox]);

  const onAgentNames = useCallback((names: string[]) => setAgents(names), []);

  return (
    <div class="ld-options">
      <h1>{t('optionsTitle')}</h1>
      {/* The founder's pages (issue 7): computed and kept in this browser, opened beside the settings. */}
      <nav class="ld-pages" aria-label={t('optionsPagesNav')}>
        <a href="../reports/index.html">{t('optionsReportsLink')}</a>
        <a href="../knowledge/index.html">{t('optionsKnowledgeLink')}</a>
        {/* What is processed, and that it stays here: in the language of the link's own text. */}
        <a href={`../../${privacyPolicyFile()}`}>{t('optionsPrivacyLink')}</a>
      </nav>
      {hostAccess !== undefined && <HostAccessWarning access={hostAccess} />}

      <section aria-labelledby="options-you-heading">
        <h2 id="options-you-heading">{t('optionsYou')}</h2>
        <OptionsForm store={store} agents={agents} mailbox={mailbox} />
      </section>

      <section aria-labelledby="team-heading">
        <h2 id="team-heading">{t('teamHeading')}</h2>
        {mailboxes.state === 'loading' && (
          <p role="status" class="ld-help">
            {t('teamMailboxesLoading')}
          </p>
        )}
        {mailboxes.state === 'failed' && (
          <p role="alert" class="ld-alert">
            {t('teamLoadFailed', mailboxes.reason)}
          </p>
        )}
        {mailboxes.state === 'ready' && mailboxes.list.length === 0 && (
          <p class="ld-notice">{t('teamNoMailboxes')}</p>
        )}
        {mailboxes.state === 'ready' && mailboxes.list.length > 1 && (
          <p class="ld-field">
            <label for="team-mailbox">{t('teamMailbox')}</label>
            <select
              id="team-mailbox"
              value={mailbox}
              onChange={(event) => {
                setAgents([]);
                setMailbox(event.currentTarget.value);
              }}
            >
              {mailboxes.list.map((known) => (
                <option key={known} value={known}>
                  {known}
                </option>
              ))}
            </select>
          </p>
        )}
        {mailbox !== '' && (
          <TeamSetup
            key={mailbox}
            service={service}
            mailbox={mailbox}
            language={language}
            download={download}
            onAgentNames={onAgentNames}
          />
        )}
      </section>

      {library !== undefined && mailbox !== '' && (
        <section aria-labelledby="library-heading" id="options-library">
          <h2 id="library-heading">{t('libraryHeading')}</h2>
          <div key={mailbox}>{library(mailbox)}</div>
        </section>
      )}

      {automation !== undefined && mailbox !== '' && (
        <section aria-labelledby="automation-heading" id="options-automation">
          <h2 id="automation-heading">{t('autoHeading')}</h2>
          <div key={mailbox}>{automation(mailbox)}</div>
        </section>
      )}

      {/* KEYBOARD SHORTCUTS: the options entry (src/options/main.tsx) passes <ShortcutEditor/> from
          src/ui/keyboard as `shortcuts`; it saves settings.shortcuts through the same service. */}
      {/* The editor is its own section with its own "Keyboard shortcuts" heading: a second region of the same
          name around it would repeat the heading (axe landmark-unique). */}
      {shortcuts !== undefined && <div id="options-shortcuts">{shortcuts}</div>}
    </div>
  );
}
