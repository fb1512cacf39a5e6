// Service worker entry: answers the content script and the options page through the messaging contract,
// keeps every mailbox a Gmail tab has shown in sync on an alarm, and tells the tabs when their data changed.

import { REPLY_TOOLS_FILE } from '../content/reply-tools-names';
import { SETTINGS_STORAGE_KEY } from '../core/settings';
import { createGmailClient, GMAIL_API_BASE_URL } from '../gmail/api/client';
import type { StoreEvent } from '../messaging/contract';
import { listen } from '../messaging/receiver';
import { getTicket } from '../store/ticket-store';
import { AutomationRunner } from '../sync/automation/runner';
import { t } from '../ui/i18n';
import { sessionTokenCache, WebAuthTokenSource } from './auth';
import { createDesk } from './desk';
import { createHandlers } from './handlers';
import { MacroNotifier } from './notifications';
import { loadSettings, saveSettings } from './settings-store';
import { POLL_MINUTES, type PollReport, SYNC_ALARM, SyncRunner } from './sync-runner';
import { TabEvents } from './tab-events';

const tokenCache = sessionTokenCache();
const tokensFor = (mailbox: string) =>
  new WebAuthTokenSource({
    mailbox,
    cache: tokenCache,
    clientId: async () => (await loadSettings()).clientId,
  });

const tabEvents = new TabEvents((tabId, event: StoreEvent) => chrome.tabs.sendMessage(tabId, event));

const sync = new SyncRunner({
  tokensFor,
  baseUrl: GMAIL_API_BASE_URL,
  storage: chrome.storage.local,
  onNotice: (mailbox, notice) => {
    // Kinds and ids only: a notice never carries mail content.
    console.info('Labeldesk sync:', notice.kind);
    tabEvents.notice(mailbox, notice);
  },
  // One runner per mailbox for the life of this service worker; its lease lives in the mailbox.
  createRunner: (input) => new AutomationRunner(input),
  agentName: async () => (await loadSettings()).agentName,
  onRunnerError: (_mailbox, error) => {
    console.warn('Labeldesk automations failed:', error instanceof Error ? error.name : 'error');
  },
});

/** "Dmitri assigned you a ticket": notify records for this browser's agent, shown once (notifications.ts). */
const notifier = new MacroNotifier({
  agentName: async () => (await loadSettings()).agentName,
  storage: {
    get: (key) => chrome.storage.local.get(key),
    set: (items) => chrome.storage.local.set(items),
  },
  notifications: {
    create: (id, options) => chrome.notifications.create(id, options),
    clear: (id) => chrome.notifications.clear(id),
  },
  tabs: {
    get: (tabId) => chrome.tabs.get(tabId),
    queryGmail: () => chrome.tabs.query({ url: 'https://mail.google.com/*' }),
    update: (tabId, properties) => chrome.tabs.update(tabId, properties),
    create: (properties) => chrome.tabs.create(properties),
  },
  focusWindow: (windowId) => chrome.windows.update(windowId, { focused: true }),
  iconUrl: chrome.runtime.getURL('icons/128.png'),
  text: (key, substitutions) => t(key, substitutions),
  now: () => Date.now(),
});

function notifyAfterPoll(mailbox: string): void {
  sync
    .mailboxFor(mailbox)
    .then(({ engine, db }) =>
      notifier.afterPoll(mailbox, {
        notifications: async () => (await engine.records?.notifications()) ?? [],
        ticket: async (threadId) => {
          const record = await getTicket(db, threadId);
          return record && { subject: record.subject, reference: record.reference };
        },
      }),
    )
    .catch((error: unknown) => {
      console.warn('Labeldesk: notifications not checked:', error instanceof Error ? error.name : 'error');
    });
}

/**
 * A poll that changed anything tells the mailbox's tabs to re-read what they show, and shows the
 * notifications it brought. Records other browsers wrote (a note, a new reply library, a notification)
 * arrive as new messages, so a poll that read one counts changed threads and the tabs hear `all`.
 */
function announcePoll(report: PollReport): PollReport {
  if (report.tickets > 0 || report.metadataFetched > 0 || report.sent > 0 || report.fullSync) {
    tabEvents.announce(report.mailbox, [], true);
    notifyAfterPoll(report.mailbox);
  }
  return report;
}

function pollAndAnnounce(mailbox: string, threadIds: readonly string[] = []): void {
  sync.poll(mailbox).then(
    (report) => {
      announcePoll(report);
      if (threadIds.length > 0) tabEvents.announce(mailbox, threadIds);
    },
    (error: unknown) => {
      console.warn('Labeldesk sync failed:', error instanceof Error ? error.name : 'error');
      if (threadIds.length > 0) tabEvents.announce(mailbox, threadIds); // the sidebar shows "not saved yet"
    },
  );
}

const desk = createDesk({
  mailboxFor: (mailbox) => sync.mailboxFor(mailbox),
  verifyMailbox: (mailbox) => sync.verifyMailbox(mailbox),
  knownMailboxes: () => sync.knownMailboxes(),
  loadSettings: () => loadSettings(),
  afterChange: (mailbox, threadIds) => pollAndAnnounce(mailbox, threadIds),
  announce: (mailbox, threadIds, all) => tabEvents.announce(mailbox, threadIds, all),
  now: () => Date.now(),
  runnerStatus: (mailbox) => sync.runnerStatus(mailbox),
});

// Registered synchronously at start-up, so the message or alarm that woke the worker finds its listener.
listen(
  createHandlers({
    loadSettings: () => loadSettings(),
    saveSettings: (settings) => saveSettings(settings),
    tokensFor,
    gmailFor: (tokenSource) => createGmailClient({ tokenSource }),
    openOptions: () => chrome.runtime.openOptionsPage(),
    // The knowledge-base page in a new tab, on the article when given (the page reads `#article=<id>`).
    openKnowledge: async (articleId) => {
      const page = chrome.runtime.getURL('src/knowledge/index.html');
      await chrome.tabs.create({
        url: articleId ? `${page}#article=${encodeURIComponent(articleId)}` : page,
      });
    },
    // The content script's top frame only (the manifest's content script runs there), in its isolated world.
    injectReplyTools: async (tabId) => {
      await chrome.scripting.executeScript({ target: { tabId }, files: [REPLY_TOOLS_FILE] });
    },
    syncNow: async (mailbox) => {
      await sync.attach(mailbox);
      const { tickets, fullSync, metadataFetched, sent, remainingOutbox } = announcePoll(
        await sync.poll(mailbox),
      );
      return { tickets, fullSync, metadataFetched, sent, remainingOutbox };
    },
    desk,
  }),
  {
    onCall: (args, context) => {
      // A Gmail tab that calls with a mailbox wants that mailbox's events.
      if (context.tabId !== undefined && typeof args === 'object' && args !== null && 'mailbox' in args) {
        const mailbox = (args as { mailbox: unknown }).mailbox;
        if (typeof mailbox === 'string') {
          tabEvents.remember(mailbox, context.tabId);
          notifier.rememberTab(mailbox, context.tabId);
        }
      }
    },
  },
);

// New settings (the options page saved them, or storage.sync brought them from the agent's other computer):
// a sidebar that asked for a client id or for who the agent is re-reads its ticket at once.
// A poll follows, so the sync line of each tab says how sync stands with the new settings.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'sync' || !(SETTINGS_STORAGE_KEY in changes)) return;
  tabEvents.announceEverywhere();
  pollEveryMailbox();
});

chrome.notifications.onClicked.addListener((notificationId) => {
  notifier.clicked(notificationId).catch((error: unknown) => {
    console.warn('Labeldesk: the ticket did not open:', error instanceof Error ? error.name : 'error');
  });
});

/** Every mailbox a Gmail tab showed, one after the other; a failure reaches the tabs as the sync's health. */
function pollEveryMailbox(): void {
  sync.pollAll().then((results) => {
    for (const result of results) {
      if (result.status === 'fulfilled') announcePoll(result.value);
      else {
        const reason = result.reason;
        console.warn('Labeldesk sync failed:', reason instanceof Error ? reason.name : 'error');
      }
    }
  });
}

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) pollEveryMailbox();
});

// Alarms persist across worker restarts but not across a browser update or reinstall: make sure it exists.
chrome.alarms.get(SYNC_ALARM).then((existing) => {
  if (!existing) chrome.alarms.create(SYNC_ALARM, { periodInMinutes: POLL_MINUTES });
});
