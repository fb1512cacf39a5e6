// Service worker entry: answers the content script and the options page through the messaging contract.
import { createGmailClient } from '../gmail/api/client';
import { listen } from '../messaging/receiver';
import { sessionTokenCache, WebAuthTokenSource } from './auth';
import { createHandlers } from './handlers';
import { loadSettings, saveSettings } from './settings-store';

const tokenCache = sessionTokenCache();

// Registered synchronously at start-up, so the message that woke the worker finds its listener.
listen(
  createHandlers({
    loadSettings: () => loadSettings(),
    saveSettings: (settings) => saveSettings(settings),
    tokensFor: (mailbox) =>
      new WebAuthTokenSource({
        mailbox,
        cache: tokenCache,
        clientId: async () => (await loadSettings()).clientId,
      }),
    gmailFor: (tokenSource) => createGmailClient({ tokenSource }),
    openOptions: () => chrome.runtime.openOptionsPage(),
  }),
);
