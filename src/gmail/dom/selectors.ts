/**
 * Every selector Labeldesk uses on Gmail's page, in one module (DESIGN.md section 5). Each has candidates
 * tried in order: attributes and ARIA first, Gmail's obfuscated classes last, generated ids never.
 * When Gmail changes, add the new variant at the front and keep the old one with a dated note; add a
 * fixture (test/fixtures/gmail/gmail-YYYY-MM-DD-<view>.html) and its expected counts in selectors.test.ts.
 *
 * Sources (each fact is also checked on the stand-in's page in test/conformance/gmail-page-facts.test.ts):
 * - [design] DESIGN.md section 5.
 * - [inboxsdk-getter] https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/gmail-element-getter.ts
 *   (compose windows `.dw .nH > .nH > .no`, full-screen compose `.aSs .aSt`, preview pane `.aia`, list `[gh=tl]`,
 *   content section `div.nH.bkK > .nH`).
 * - [inboxsdk-styles] https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/gmail-driver/track-gmail-styles.ts
 *   (dark body: background of `.bkK > .nH`; compact density: the nav item `.aim` is 24 px high).
 * - [gmailjs] https://github.com/KartikTalwar/gmail.js/blob/master/src/gmail.js (`div[role=main]`, `[gh=tl]`,
 *   preview pane `[gh=tl].aia`, `.hP` subject, drafts `.AD [name=draft]`).
 * - [flowcrypt] https://github.com/FlowCrypt/flowcrypt-browser/blob/master/test/source/tests/gmail.ts
 *   (`div[aria-label="Message Body"]`, `[data-tooltip="Reply"]`).
 * - [compose-html] a saved Gmail compose window, `div.nH.Hd[role=dialog]` titled "New Message":
 *   https://github.com/evan-brass/js-min/blob/master/examples/instantiate-performance/index.mjs
 * - [inboxsdk-thread] https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/views/gmail-thread-view.ts
 * - [inboxsdk-message] https://github.com/InboxSDK/InboxSDK/blob/main/src/platform-implementation-js/dom-driver/gmail/views/gmail-message-view.ts
 * - [subjectbox] public Gmail automation code reads the subject of a compose as `div[role='dialog']
 *   input[name=subjectbox]` and of an inline reply as `.M9 input[name=subjectbox]` (found with the code search).
 * - [row-selection] selected rows `tr.zA.x7` with the row checkbox `div.oZ-jc[role=checkbox][aria-checked]`, as
 *   public Gmail extensions and their tests read them (found with the code search, 2026-11-23).
 * - [send-button] the Send button `div.T-I.J-J5-Ji.aoO.T-I-atl.L3[role=button]` in `.dC`, and attached files as
 *   `input[name=attach]` beside a link to the file, as public Gmail automation code and extensions read them
 *   (found with the code search, 2026-11-23).
 */

export interface GmailSelector {
  /** Named in errors and logs, so a broken selector is found without a debugger. */
  readonly name: string;
  readonly candidates: readonly string[];
}

/**
 * Which Gmail layout each selector's candidates were seen in, when, and where they come from, is in
 * `selector-notes.ts` beside this module: tests and people read it; it stays out of the bundle every Gmail
 * tab loads.
 */
function selector(name: string, candidates: readonly string[]): GmailSelector {
  return { name, candidates };
}

export const gmailSelectors = {
  /** The region Gmail re-renders on navigation: list and thread views live inside it. */
  mainRegion: selector('mainRegion', ['div[role="main"]', '[role="main"]']),
  /** The surface whose background tells Gmail's theme. */
  themeSurface: selector('themeSurface', ['.bkK > .nH[role="main"]', '.bkK > .nH', 'div[role="main"]']),
  /** A left navigation item; 24 px high in compact density. */
  navItem: selector('navItem', ['[role="navigation"] .aim', '.aim']),
  /** The account button names the signed-in Google account in its (localised) label. */
  accountButton: selector('accountButton', [
    'header a[aria-label*="@"]',
    '[role="banner"] a[aria-label*="@"]',
    'a[aria-label*="@"][href*="accounts.google.com"]',
    'a[aria-label*="@"]',
  ]),

  // ---------- thread view ----------

  /** The open thread's subject heading; its data attributes carry the thread's ids. */
  threadSubject: selector('threadSubject', [
    'h2.hP[data-legacy-thread-id]',
    'h2[data-legacy-thread-id]',
    'h2.hP[data-thread-perm-id]',
    'h2[data-thread-perm-id]',
  ]),
  /** One message of the open thread, with its sync id and its API id. */
  message: selector('message', [
    'div[data-message-id][data-legacy-message-id]',
    'div.adn[data-message-id]',
    'div.adn.ads',
  ]),
  /** The inline reply's editable body, under the thread. */
  inlineReplyBody: selector('inlineReplyBody', [
    '.M9 [g_editable="true"]',
    '.M9 [contenteditable="true"][role="textbox"]',
    '.M9 .Ap [contenteditable="true"]',
  ]),
  /** A pop-out compose window (new message, or a reply popped out of the thread). */
  composeDialog: selector('composeDialog', [
    '[role="dialog"]:has([g_editable="true"])',
    '.dw [role="dialog"]',
    '.dw .nH > .nH > .no .Hd',
  ]),
  /** The editable body of a pop-out compose window. */
  composeDialogBody: selector('composeDialogBody', [
    '[role="dialog"] [g_editable="true"]',
    '[role="dialog"] [contenteditable="true"][role="textbox"]',
    '.dw .no [contenteditable="true"]',
  ]),
  /** The editable body of a full-screen compose window. */
  fullscreenComposeBody: selector('fullscreenComposeBody', [
    '.aSs .aSt [g_editable="true"]',
    '.aSs .aSt [contenteditable="true"]',
  ]),
  /** The hidden subject field of a compose or reply form; a reply's subject names the thread. */
  composeSubject: selector('composeSubject', ['input[name="subjectbox"]']),
  /** Inside a message: its sender, whose address is in the `email` attribute. */
  messageSender: selector('messageSender', ['h3 .gD[email]', '.gD[email]', 'h3 [email]']),
  /** Inside a message: its body as Gmail renders it (signature and quoted text included). */
  messageBody: selector('messageBody', ['.ii.gt .a3s', '.a3s']),
  /** A message's Reply button (in its header), or the Reply button under the thread. */
  replyButton: selector('replyButton', ['[role="button"][data-tooltip="Reply"]', '.amn .ams.bkH']),
  /** The Send button of a compose or reply form (not the schedule-send arrow beside it). */
  composeSendButton: selector('composeSendButton', [
    '[role="button"].T-I.aoO',
    '.dC > [role="button"]:not([aria-haspopup="true"])',
  ]),
  /** An attached file in a compose or reply form: each carries a hidden `input[name=attach]`. */
  composeAttachment: selector('composeAttachment', ['input[name="attach"]']),

  // ---------- thread list ----------

  /** The thread list; in the preview-pane layout it carries `.aia`. */
  threadList: selector('threadList', ['div[role="main"] [gh="tl"]', '[gh="tl"]']),
  /** The preview pane (split) layout: list and reading pane side by side. */
  previewPane: selector('previewPane', ['div[role="main"] [gh="tl"].aia', '[gh="tl"].aia', '.aia']),
  /** A row of the thread list. */
  threadRow: selector('threadRow', ['[gh="tl"] tr[role="row"]', 'div[role="main"] tr.zA', 'tr.zA']),
  /** Inside a row: the element carrying the thread's ids (the subject span in 2026 Gmail). */
  rowThreadIds: selector('rowThreadIds', [
    '[data-legacy-thread-id][data-thread-id]',
    '[data-legacy-thread-id]',
    '[data-thread-id]',
  ]),
  /** Inside a row: its selection checkbox. */
  rowCheckbox: selector('rowCheckbox', ['[role="checkbox"][aria-checked]', '.oZ-jc']),
  /** A checked row, by Gmail's class, for when the checkbox has no aria-checked. */
  selectedRow: selector('selectedRow', ['tr.zA.x7']),
} as const satisfies Record<string, GmailSelector>;

export type GmailSelectorName = keyof typeof gmailSelectors;

export class GmailSelectorError extends Error {
  constructor(readonly selector: GmailSelector) {
    super(`Gmail's page changed: nothing matches ${selector.name} (${selector.candidates.join(' | ')})`);
    this.name = 'GmailSelectorError';
  }
}

/** `querySelectorAll` that answers nothing for a candidate the browser cannot parse (`:has` in old engines). */
function safeQueryAll<E extends Element>(root: ParentNode, candidate: string): E[] {
  try {
    return Array.from(root.querySelectorAll<E>(candidate));
  } catch {
    return [];
  }
}

/** The first element matched by the first candidate that matches anything, or undefined. */
export function queryGmail<E extends Element = HTMLElement>(
  root: ParentNode,
  { candidates }: GmailSelector,
): E | undefined {
  for (const candidate of candidates) {
    const found = safeQueryAll<E>(root, candidate)[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every element matched by the first candidate that matches anything. */
export function queryAllGmail<E extends Element = HTMLElement>(
  root: ParentNode,
  { candidates }: GmailSelector,
): E[] {
  for (const candidate of candidates) {
    const found = safeQueryAll<E>(root, candidate);
    if (found.length > 0) return found;
  }
  return [];
}

/** Which candidate matched (its index), so tests and logs can tell a fallback is in use. */
export function matchingCandidate(root: ParentNode, { candidates }: GmailSelector): number | undefined {
  const index = candidates.findIndex((candidate) => safeQueryAll(root, candidate).length > 0);
  return index < 0 ? undefined : index;
}

/** Whether `element` matches any candidate of `spec`. */
export function matchesGmail(element: Element, { candidates }: GmailSelector): boolean {
  return candidates.some((candidate) => {
    try {
      return element.matches(candidate);
    } catch {
      return false;
    }
  });
}

/** For elements that must be there: a missing one is a typed error that names the selector. */
export function queryGmailOrFail<E extends Element = HTMLElement>(root: ParentNode, spec: GmailSelector): E {
  const found = queryGmail<E>(root, spec);
  if (found === undefined) throw new GmailSelectorError(spec);
  return found;
}

/** The same, as a value: for code that must never throw into Gmail's page. */
export type GmailQueryResult<E extends Element> =
  | { ok: true; element: E }
  | { ok: false; error: GmailSelectorError };

export function tryQueryGmail<E extends Element = HTMLElement>(
  root: ParentNode,
  spec: GmailSelector,
): GmailQueryResult<E> {
  const element = queryGmail<E>(root, spec);
  return element === undefined ? { ok: false, error: new GmailSelectorError(spec) } : { ok: true, element };
}

/** A MutationObserver of the document's own window (a test DOM, or Gmail's page in the content script). */
export function observeMutations(doc: Document, callback: MutationCallback): MutationObserver {
  const View = (doc.defaultView as (Window & { MutationObserver?: typeof MutationObserver }) | null)
    ?.MutationObserver;
  return new (View ?? MutationObserver)(callback);
}
