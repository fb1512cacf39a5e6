import { render } from 'preact';
import { callBackground } from '../messaging/sender';
import { t, uiLanguage } from '../ui/i18n';
import { OptionsForm, type SettingsStore } from '../ui/options-form';

// Settings go through the service worker, which owns storage and validates them against the contract.
const store: SettingsStore = {
  load: () => callBackground('settings.get', {}),
  save: (settings) => callBackground('settings.set', settings),
};

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
const app = document.getElementById('app');
if (app !== null) render(<OptionsForm store={store} />, app);
