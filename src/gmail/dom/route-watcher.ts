import { gmailSelectors, queryGmail } from './selectors';
import { readThreadView, type ThreadView } from './thread-view';

/** What the tab shows: a thread, or a list (undefined). */
export type GmailRoute = ThreadView | undefined;

export interface WatchOptions {
  /** Gmail re-renders in bursts; one answer per burst. */
  debounceMs?: number;
}

function sameRoute(a: GmailRoute, b: GmailRoute): boolean {
  return a?.threadId === b?.threadId && a?.subject === b?.subject;
}

/**
 * Calls `onRoute` with the current route now and whenever it changes: on `hashchange`/`popstate`, and on
 * DOM changes in Gmail's main region (Gmail renders a thread after the hash has changed). Stops when
 * `signal` aborts.
 */
export function watchGmailRoute(
  win: Window,
  onRoute: (route: GmailRoute) => void,
  signal: AbortSignal,
  { debounceMs = 80 }: WatchOptions = {},
): void {
  const doc = win.document;
  let current: GmailRoute = readThreadView(doc);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let observed: Element | undefined;
  const observer = new MutationObserver(() => schedule());

  const observeMainRegion = () => {
    // Until Gmail has rendered its main region, watch the body for it to appear.
    const target = queryGmail(doc, gmailSelectors.mainRegion) ?? doc.body;
    if (target === observed) return;
    observer.disconnect();
    observer.observe(target, { childList: true, subtree: true, attributes: true, characterData: true });
    observed = target;
  };

  const check = () => {
    timer = undefined;
    if (signal.aborted) return;
    observeMainRegion();
    const next = readThreadView(doc);
    if (sameRoute(current, next)) return;
    current = next;
    onRoute(next);
  };

  function schedule() {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  }

  // A route change is read at once (the URL names the thread before Gmail renders it); DOM changes, which
  // come in bursts while Gmail renders, are read once per burst.
  const now = () => {
    if (timer !== undefined) clearTimeout(timer);
    check();
    schedule(); // and once more after the burst, for the subject Gmail renders next
  };
  win.addEventListener('hashchange', now, { signal });
  win.addEventListener('popstate', now, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  observeMainRegion();
  onRoute(current);
}
