// Content script entry: docks the Labeldesk sidebar in Gmail, follows Gmail's route, theme and selection, and
// wires the keyboard shortcuts and the collision warning. Nothing here may throw into Gmail's page.
import { render } from 'preact';
import type { Keymap } from '../core/keymap';
import { buildKeymap } from '../core/keymap';
import { DEFAULT_SETTINGS, SETTINGS_STORAGE_KEY, type Settings } from '../core/settings';
import { type GmailLook, readGmailLook, watchGmailLook } from '../gmail/dom/look';
import { readMailbox } from '../gmail/dom/mailbox';
import { type GmailRoute, watchGmailRoute } from '../gmail/dom/route-watcher';
import { watchSelection } from '../gmail/dom/selection';
import { mountSidebarHost } from '../gmail/dom/sidebar-host';
import { isThreadViewChanged, resolveThreadId } from '../gmail/dom/thread-id';
import { callBackground } from '../messaging/sender';
import { DeskActions } from '../ui/actions';
import { t } from '../ui/i18n';
import { isMac } from '../ui/keyboard/action-labels';
import { KEYBOARD_CSS } from '../ui/keyboard/keyboard-styles';
import { listenForShortcuts } from '../ui/keyboard/listen';
import { moveThroughQueue, QueueNavigator } from '../ui/queues/queue-navigator';
import { QUEUE_CSS } from '../ui/queues/queue-styles';
import { SIDEBAR_CSS } from '../ui/sidebar-styles';
import { listHash, type TabConnector, tabConnector } from './connector';
import * as presence from './features/presence';
import * as syncTrigger from './features/sync-trigger';
import { loadReplyTools } from './reply-tools-api';
import { SidebarApp, type SidebarView } from './sidebar-app';

/** How long Gmail gets to render a thread before the sidebar says the page changed. */
const PAGE_CHECK_MS = 1_500;

function start(): void {
  const doc = document;
  const sidebar = mountSidebarHost(doc, SIDEBAR_CSS + QUEUE_CSS + KEYBOARD_CSS);
  const lifetime = new AbortController();
  const actions = new DeskActions();
  const navigator = new QueueNavigator();
  let settings: Settings = DEFAULT_SETTINGS;
  let connector: TabConnector | undefined;
  let view: SidebarView = { kind: 'list', selected: [] };
  let routeController: AbortController | undefined;
  let keymap: Keymap | undefined;
  let mailboxNotice: string | undefined;
  let shortcutsController: AbortController | undefined;

  const paint = () => {
    try {
      render(
        <SidebarApp
          view={view}
          connector={connector}
          actions={actions}
          navigator={navigator}
          me={settings.agentName}
          keymap={keymap}
          mailboxNotice={mailboxNotice}
          replyTools={loadReplyTools}
          onSignIn={async () => {
            if (connector) await callBackground('auth.signIn', { mailbox: connector.mailbox });
          }}
        />,
        sidebar.mount,
      );
    } catch (error) {
      report(error);
    }
  };

  // The mailbox can render after the content script starts (the account button comes late): read it again on
  // every route until it is known; a tab that switches accounts reloads the page, so it never changes after.
  const ensureConnector = () => {
    if (connector) return connector;
    const { address, delegated } = readMailbox(doc);
    // Gmail's API refuses a delegate's token on a delegated mailbox (DESIGN.md section 1): say so up front.
    mailboxNotice = delegated && address !== undefined ? t('domWriteDelegated', [address]) : undefined;
    if (address !== undefined) {
      connector = tabConnector(address, window);
      moveThroughQueue(actions, navigator, connector, () =>
        view.kind === 'thread' ? view.threadId : undefined,
      );
    }
    return connector;
  };

  const onRoute = (route: GmailRoute) => {
    applyLook(readGmailLook(doc));
    routeController?.abort();
    const controller = new AbortController();
    routeController = controller;
    const tab = ensureConnector();
    if (route === undefined) {
      view = { kind: 'list', selected: [] };
      watchSelection(
        doc,
        (selected) => {
          view = { kind: 'list', selected, bulk: selected.length > 0 || (view.kind === 'list' && view.bulk) };
          paint();
        },
        controller.signal,
      );
    } else if (route.threadId !== undefined) {
      view = { kind: 'thread', threadId: route.threadId, subject: route.subject };
      // Once Gmail has had time to render: a thread found only through the URL means the page changed.
      const shown = view;
      const check = setTimeout(() => {
        if (view !== shown || !isThreadViewChanged(doc)) return;
        view = { ...shown, pageChanged: true };
        paint();
      }, PAGE_CHECK_MS);
      controller.signal.addEventListener('abort', () => clearTimeout(check), { once: true });
    } else {
      // No id on the heading or in the URL: ask the API through a message of the thread.
      view = { kind: 'unknown-thread', subject: route.subject, reason: 'page-changed' };
      resolveThreadId(doc, {
        ofMessage: async (messageId) =>
          tab ? (await tab.call('thread.ofMessage', { messageId })).threadId : undefined,
      }).then(
        (result) => {
          if (controller.signal.aborted) return;
          view = result.ok
            ? { kind: 'thread', threadId: result.threadId, subject: route.subject }
            : {
                kind: 'unknown-thread',
                subject: route.subject,
                reason: result.failure.kind === 'no-api-id' ? 'no-api-id' : 'page-changed',
              };
          paint();
        },
        (error: unknown) => report(error),
      );
    }
    paint();
    // After the sidebar asked for its ticket: the sync poll and the presence record wait their turn.
    const context = { route, doc, connector: tab, signal: controller.signal };
    for (const feature of [syncTrigger, presence]) {
      try {
        feature.init(controller.signal, context);
      } catch (error) {
        report(error);
      }
    }
  };

  const applyLook = (look: GmailLook) => {
    sidebar.mount.dataset.theme = look.theme;
    sidebar.mount.dataset.density = look.density;
  };
  applyLook(readGmailLook(doc));
  watchGmailLook(doc, applyLook, lifetime.signal);
  // A stylesheet that finishes loading changes no DOM the watcher sees: look again once the page has
  // loaded, and on every route change (below).
  window.addEventListener('load', () => applyLook(readGmailLook(doc)), { once: true });

  watchGmailRoute(window, onRoute, lifetime.signal);

  // Text shortcuts and checks before sending come with the first compose box the agent focuses.
  doc.addEventListener(
    'focusin',
    (event) => {
      const mailbox = connector?.mailbox;
      if (mailbox && (event.target as HTMLElement).isContentEditable)
        loadReplyTools().then((tools) => tools.watchCompose(mailbox), report);
    },
    { signal: lifetime.signal },
  );

  // The agent's settings, and again whenever the options page changes them (shortcuts re-bound, "I am").
  const useSettings = (loaded: Settings) => {
    settings = loaded;
    keymap = buildKeymap(settings.shortcuts);
    shortcutsController?.abort();
    shortcutsController = new AbortController();
    listenForShortcuts(doc, keymap, actions, shortcutsController.signal, {
      shadowRoot: sidebar.shadowRoot,
      mac: isMac(),
    });
    paint();
  };
  const readSettings = () => callBackground('settings.get', {}).then(useSettings, report);
  readSettings();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && SETTINGS_STORAGE_KEY in changes) void readSettings();
  });

  // "Open queue" from a thread goes back to the list the thread was opened from; the queue panel focuses.
  actions.listen((action) => {
    if (action.kind === 'open-queue' && view.kind !== 'list')
      window.location.hash = listHash(window.location.hash);
  });
}

function report(error: unknown): void {
  console.error('Labeldesk:', error instanceof Error ? error.message : error);
}

try {
  start();
} catch (error) {
  report(error); // never throw into Gmail's page
}
