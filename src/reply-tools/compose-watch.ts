/**
 * Text shortcuts and checks before sending in every Gmail compose box of a tab (issue 5). One set of
 * capture-phase listeners on the document, whatever number of compose boxes opens and closes: each event is
 * acted on only when its target is a compose body (or its Send button), so the subject, the recipients and the
 * rest of Gmail are never touched. The shortcuts come from the team's library, loaded at once and kept fresh
 * by librarySource; a keystroke never waits for it.
 */
import { checksBeforeSending } from '../core/team-config';
import { gmailSelectors, matchesGmail } from '../gmail/dom/selectors';
import type { Connector } from '../ui/connector';
import { librarySource } from './library-source';
import { createSendGuard } from './send-guard';
import { createShortcutExpander } from './shortcut-expander';

export interface WatchComposeOptions {
  /** For tests: a fakeConnector instead of the tab's line to the service worker. */
  connector?: Connector;
  /** Cmd rather than Ctrl for undo and send; read from the browser when not given. */
  isMac?: boolean;
}

export interface ComposeWatch {
  /** Settles once the shortcuts and the team's choice were first read (or failed to be). */
  readonly ready: Promise<void>;
  /** Removes the listeners (tests; the page's own watch lasts as long as the tab). */
  stop(): void;
}

const watches = new WeakMap<Document, ComposeWatch>();

const EDITABLE = '[g_editable="true"], [contenteditable="true"][role="textbox"]';
const BODY_SELECTORS = [
  gmailSelectors.inlineReplyBody,
  gmailSelectors.composeDialogBody,
  gmailSelectors.fullscreenComposeBody,
];

/** Editable elements already found to be (or not to be) compose bodies: a keystroke asks again and again. */
const knownBodies = new WeakMap<Element, boolean>();

/** The compose body an event happened in, or undefined (subject, recipients, anything else). */
export function composeBodyAt(target: EventTarget | null): HTMLElement | undefined {
  if (!target || (target as Node).nodeType !== 1) return undefined;
  const element = target as HTMLElement;
  let isBody = knownBodies.get(element);
  if (isBody === undefined) {
    const editable = element.closest<HTMLElement>(EDITABLE);
    if (editable !== element) return editable ? composeBodyAt(editable) : undefined;
    isBody = BODY_SELECTORS.some((spec) => matchesGmail(element, spec));
    knownBodies.set(element, isBody);
  }
  return isBody ? element : undefined;
}

function browserIsMac(doc: Document): boolean {
  const navigator = doc.defaultView?.navigator as
    | (Navigator & { userAgentData?: { platform?: string } })
    | undefined;
  const platform = navigator?.userAgentData?.platform ?? navigator?.platform ?? '';
  return /mac|iphone|ipad/i.test(platform);
}

/** Starts text shortcuts and checks before sending in `doc`; a second call for the same document is a no-op. */
export function watchCompose(
  doc: Document,
  mailbox: string,
  options: WatchComposeOptions = {},
): ComposeWatch {
  const known = watches.get(doc);
  if (known) return known;

  const controller = new AbortController();
  const { signal } = controller;
  const isMac = options.isMac ?? browserIsMac(doc);
  const source = librarySource(mailbox, options.connector);
  // A failed read is tried again on the next announced change; until then no shortcut expands.
  const libraryRead = source.library().then(
    () => {},
    () => {},
  );

  // Checks before sending are the team's choice; undefined (an older config) means off.
  let checksOn = false;
  const readTeam = () =>
    source.connector.call('team.get', {}).then(
      (team) => {
        checksOn = checksBeforeSending(team.config);
      },
      () => {},
    );
  const ready = Promise.all([libraryRead, readTeam()]).then(() => {});
  const unsubscribe = source.connector.subscribe((event) => {
    if (event.all) void readTeam();
  });

  const expander = createShortcutExpander(doc, {
    shortcuts: () => source.current()?.library.shortcuts ?? [],
    isMac,
  });
  const guard = createSendGuard(doc, { enabled: () => checksOn, isMac });

  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (event: DocumentEventMap[K]) => void) =>
    doc.addEventListener(type, handler, { capture: true, signal });

  listen('beforeinput', (event) => {
    const body = composeBodyAt(event.target);
    if (body) expander.onBeforeInput(event, body);
    else expander.forget();
  });
  listen('keydown', (event) => {
    guard.onKeyDown(event);
    if (event.defaultPrevented) return;
    const body = composeBodyAt(event.target);
    if (body) expander.onKeyDown(event, body);
    else expander.forget();
  });
  const pointer = (event: MouseEvent) => {
    if (event.type === 'mousedown') expander.forget();
    guard.onPointer(event);
  };
  listen('mousedown', pointer);
  listen('mouseup', pointer);
  listen('click', pointer);

  const watch: ComposeWatch = {
    ready,
    stop() {
      controller.abort();
      unsubscribe();
      watches.delete(doc);
    },
  };
  watches.set(doc, watch);
  return watch;
}
