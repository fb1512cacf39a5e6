// Content script entry: docks the Labeldesk sidebar in Gmail and re-runs its features on every route change.
import { type GmailRoute, watchGmailRoute } from '../gmail/dom/route-watcher';
import { mountSidebarHost } from '../gmail/dom/sidebar-host';
import { SIDEBAR_CSS } from '../ui/sidebar-styles';
import * as syncTrigger from './features/sync-trigger';
import * as ticketPanel from './features/ticket-panel';

/** Each feature starts on a route and stops when its signal aborts (refined-github's feature manager). */
const features = [ticketPanel, syncTrigger];

function start(): void {
  const sidebar = mountSidebarHost(document, SIDEBAR_CSS);
  let routeController: AbortController | undefined;
  const lifetime = new AbortController();

  const onRoute = (route: GmailRoute) => {
    routeController?.abort();
    routeController = new AbortController();
    for (const feature of features) {
      try {
        feature.init(routeController.signal, { route, mount: sidebar.mount, doc: document });
      } catch (error) {
        report(error); // one broken feature must not break Gmail or the other features
      }
    }
  };
  watchGmailRoute(window, onRoute, lifetime.signal);
}

function report(error: unknown): void {
  console.error('Labeldesk:', error instanceof Error ? error.message : error);
}

try {
  start();
} catch (error) {
  report(error); // never throw into Gmail's page
}
