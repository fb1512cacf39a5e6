// Service worker entry: answers the content script and the options page through the messaging contract.
import { LabeldeskError } from '../messaging/errors';
import { type Handlers, listen } from '../messaging/receiver';
import { loadSettings, saveSettings } from './settings-store';

const handlers: Handlers = {
  'ticket.describe': async () => {
    throw new LabeldeskError('not-configured', 'Gmail API access is not wired yet');
  },
  'auth.signIn': async () => {
    throw new LabeldeskError('not-configured', 'Gmail API access is not wired yet');
  },
  'settings.get': () => loadSettings(),
  'settings.set': (settings) => saveSettings(settings),
  'options.open': async () => {
    await chrome.runtime.openOptionsPage();
    return {};
  },
};

// Registered synchronously at start-up, so a message that woke the worker finds its listener.
listen(handlers);
