// Service worker entry: answers the content script and the options page through the messaging contract,
// and keeps every mailbox a Gmail tab has shown in sync on an alarm.
import { createGmailClient, GMAIL_API_BASE_URL } from '../gmail/api/client';
import { listen } from '../messaging/receiver';
import { sessionTokenCache, WebAuthTokenSource } from './auth';
import { createHandlers } from './handlers';
import { loadSettings, saveSettings } from './settings-store';
import { POLL_MINUTES, SYNC_ALARM, SyncRunner } from './sync-runner';

const tokenCache = sessionTokenCache();
const tokensFor = (mailbox: string) =>
  new WebAuthTokenSource({
    mailbox,
    cache: tokenCache,
    clientId: async () => (await loadSettings()).clientId,
  });

const sync = new SyncRunner({
  tokensFor,
  baseUrl: GMAIL_API_BASE_URL,
  storage: chrome.storage.local,
  onNotice: (_mailbox, notice) => {
    // Kinds and ids only: a notice never carries mail content.
    console.info('Labeldesk sync:', notice.kind);
  },
});

// Registered synchronously at start-up, so the message or alarm that woke the worker finds its listener.
listen(
  createHandlers({
    loadSettings: () => loadSettings(),
    saveSettings: (settings) => saveSettings(settings),
    tokensFor,
    gmailFor: (tokenSource) => createGmailClient({ tokenSource }),
    openOptions: () => chrome.runtime.openOptionsPage(),
    syncNow: async (mailbox) => {
      await sync.attach(mailbox);
      const { tickets, fullSync, metadataFetched, sent, remainingOutbox } = await sync.poll(mailbox);
      return { tickets, fullSync, metadataFetched, sent, remainingOutbox };
    },
  }),
);

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== SYNC_ALARM) return;
  sync.pollAll().then((results) => {
    for (const result of results) {
      if (result.status === 'rejected') {
        const reason = result.reason;
        console.warn('Labeldesk sync failed:', reason instanceof Error ? reason.name : 'error');
      }
    }
  });
});

// Alarms persist across worker restarts but not across a browser update or reinstall: make sure it exists.
chrome.alarms.get(SYNC_ALARM).then((existing) => {
  if (!existing) chrome.alarms.create(SYNC_ALARM, { periodInMinutes: POLL_MINUTES });
});
