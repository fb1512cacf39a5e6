/**
 * Every selector Labeldesk uses on Gmail's page, in one module (DESIGN.md section 5). Each has candidates
 * tried in order: attributes and ARIA first, Gmail's obfuscated classes last, generated ids never.
 * When Gmail changes, add the new variant at the front and keep the old one with a dated note.
 */

export interface GmailSelector {
  /** Named in errors and logs, so a broken selector is found without a debugger. */
  readonly name: string;
  readonly candidates: readonly string[];
}

function selector(name: string, candidates: readonly string[]): GmailSelector {
  return { name, candidates };
}

export const gmailSelectors = {
  /** The open thread's subject heading; its data attributes carry the thread's ids (2026 layout). */
  threadSubject: selector('threadSubject', [
    'h2.hP[data-legacy-thread-id]',
    'h2[data-legacy-thread-id]',
    'h2.hP[data-thread-perm-id]',
    'h2[data-thread-perm-id]',
  ]),
  /** The region Gmail re-renders on navigation: list and thread views live inside it. */
  mainRegion: selector('mainRegion', ['div[role="main"]', '[role="main"]']),
  /** The account button names the signed-in address in its (localised) label. */
  accountButton: selector('accountButton', [
    'header a[aria-label*="@"]',
    'a[aria-label*="@"][href*="accounts.google.com"]',
    'a[aria-label*="@"]',
  ]),
  /** A row of the thread list. */
  threadRow: selector('threadRow', ['tr.zA[data-thread-id]', '[data-legacy-thread-id][data-thread-id]']),
} as const;

export class GmailSelectorError extends Error {
  constructor(readonly selector: GmailSelector) {
    super(`Gmail's page changed: nothing matches ${selector.name} (${selector.candidates.join(' | ')})`);
    this.name = 'GmailSelectorError';
  }
}

/** The first element matched by the first candidate that matches anything, or undefined. */
export function queryGmail<E extends Element = HTMLElement>(
  root: ParentNode,
  { candidates }: GmailSelector,
): E | undefined {
  for (const candidate of candidates) {
    const found = root.querySelector<E>(candidate);
    if (found !== null) return found;
  }
  return undefined;
}

/** Every element matched by the first candidate that matches anything. */
export function queryAllGmail<E extends Element = HTMLElement>(
  root: ParentNode,
  { candidates }: GmailSelector,
): E[] {
  for (const candidate of candidates) {
    const found = root.querySelectorAll<E>(candidate);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** For elements that must be there: a missing one is a typed error that names the selector. */
export function queryGmailOrFail<E extends Element = HTMLElement>(root: ParentNode, spec: GmailSelector): E {
  const found = queryGmail<E>(root, spec);
  if (found === undefined) throw new GmailSelectorError(spec);
  return found;
}
