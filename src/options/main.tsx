import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/settings';
import { pageResults } from '../messaging/contract-automation';
import { callerFor } from '../messaging/sender';
import { AutomationSettings } from '../ui/automation/automation-page';
import { automationService } from '../ui/automation/automation-service';
import { AUTOMATION_CSS } from '../ui/automation/automation-styles';
import { RULES_CSS } from '../ui/automation/rules-styles';
import { t, uiLanguage } from '../ui/i18n';
import { KEYBOARD_CSS } from '../ui/keyboard/keyboard-styles';
import { ShortcutEditor } from '../ui/keyboard/shortcut-editor';
import { LibraryEditor } from '../ui/library/library-editor';
import { LIBRARY_CSS } from '../ui/library/library-styles';
import { browserHostAccess } from '../ui/team/host-access';
import { OptionsPage } from '../ui/team/options-page';
import { backgroundOptionsService } from '../ui/team/options-service';
import { OPTIONS_CSS } from '../ui/team/options-styles';
import { THEME_CSS } from '../ui/theme-styles';

// Settings and the team set-up go through the service worker, which owns storage and the mailbox records
// and validates every call against the contract.
const callBackground = callerFor(pageResults);
const service = backgroundOptionsService(callBackground);
const automation = automationService(callBackground);
// Asked of the browser itself, not the service worker: permissions.request needs this page's click.
const hostAccess = browserHostAccess(chrome);

const root = document.documentElement;
root.lang = uiLanguage();
root.classList.add('labeldesk-root');
document.title = t('optionsTitle');

const style = document.createElement('style');
style.textContent = THEME_CSS + OPTIONS_CSS + KEYBOARD_CSS + LIBRARY_CSS + AUTOMATION_CSS + RULES_CSS;
document.head.append(style);

// Extension pages follow the system's light or dark setting (Gmail's own theme is not visible from here).
const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
const applyTheme = () => {
  root.dataset.theme = dark?.matches ? 'dark' : 'light';
};
applyTheme();
dark?.addEventListener('change', applyTheme);

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked a little later: Chrome has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The keyboard shortcut editor, on the settings as stored. It saves only the shortcuts, over the settings as
 * they are at that moment, so the settings form above and this editor never undo each other's changes.
 */
function Shortcuts() {
  const [settings, setSettings] = useState<Settings | undefined>();
  useEffect(() => {
    callBackground('settings.get', {}).then(setSettings, () => undefined);
  }, []);
  if (!settings) return null;
  return (
    <ShortcutEditor
      settings={settings}
      onSave={async ({ shortcuts }) => {
        const current = await callBackground('settings.get', {});
        setSettings(await callBackground('settings.set', { ...current, shortcuts }));
      }}
    />
  );
}

const app = document.getElementById('app');
if (app !== null) {
  render(
    <OptionsPage
      service={service}
      language={uiLanguage()}
      download={download}
      hostAccess={hostAccess}
      initialMailbox={new URLSearchParams(location.search).get('mailbox') ?? undefined}
      shortcuts={<Shortcuts />}
      library={(mailbox) => (
        <LibraryEditor
          key={mailbox}
          service={service}
          mailbox={mailbox}
          language={uiLanguage()}
          download={download}
        />
      )}
      automation={(mailbox) => (
        <AutomationSettings key={mailbox} service={automation} mailbox={mailbox} language={uiLanguage()} />
      )}
    />,
    app,
  );
}
