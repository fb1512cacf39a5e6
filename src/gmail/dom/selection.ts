/**
 * The threads checked in Gmail's thread list, for bulk status, assignee and tags.
 * A row is checked when its checkbox says `aria-checked="true"`, else when Gmail gave it `.x7`
 * ([row-selection] in selectors.ts). Its id: `data-legacy-thread-id` (hex), else `#thread-f:<dec>` in
 * `data-thread-id` turned into hex (DESIGN.md section 5).
 */
import { gmailSelectors, matchesGmail, observeMutations, queryAllGmail, queryGmail } from './selectors';
import { GmailIdError, threadIdFromPermId } from './thread-token';

const HEX_ID = /^[0-9a-f]{1,16}$/i;

/** The hex thread id of a list row; undefined for rows without ids (or `thread-a:` rows). */
export function threadIdOfRow(row: Element): string | undefined {
  const carriers = [row, ...queryAllGmail(row, gmailSelectors.rowThreadIds)];
  for (const carrier of carriers) {
    const legacy = carrier.getAttribute('data-legacy-thread-id');
    if (legacy !== null && HEX_ID.test(legacy)) return legacy.toLowerCase();
  }
  for (const carrier of carriers) {
    const syncId = carrier.getAttribute('data-thread-id')?.replace(/^#/, '');
    if (syncId === undefined) continue;
    try {
      return threadIdFromPermId(syncId);
    } catch (error) {
      if (!(error instanceof GmailIdError)) throw error;
    }
  }
  return undefined;
}

export function isRowSelected(row: Element): boolean {
  const checkbox = queryGmail(row, gmailSelectors.rowCheckbox);
  const checked = checkbox?.getAttribute('aria-checked');
  if (checked === 'true' || checked === 'false') return checked === 'true';
  return matchesGmail(row, gmailSelectors.selectedRow);
}

/** Hex ids of the checked rows, in list order, without repeats. Never throws. */
export function readSelectedThreads(doc: Document | Element): string[] {
  try {
    const ids = queryAllGmail(doc, gmailSelectors.threadRow)
      .filter(isRowSelected)
      .map(threadIdOfRow)
      .filter((id): id is string => id !== undefined);
    return [...new Set(ids)];
  } catch {
    return [];
  }
}

export interface WatchSelectionOptions {
  debounceMs?: number;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Calls `onChange` with the checked threads now and whenever they change (a checkbox's aria-checked, a
 * row's class, rows replaced on navigation). Stops when `signal` aborts.
 */
export function watchSelection(
  doc: Document,
  onChange: (threadIds: string[]) => void,
  signal: AbortSignal,
  { debounceMs = 30 }: WatchSelectionOptions = {},
): void {
  if (signal.aborted) return;
  let current = readSelectedThreads(doc);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    if (signal.aborted) return;
    const next = readSelectedThreads(doc);
    if (sameIds(current, next)) return;
    current = next;
    onChange(next);
  };
  const observer = observeMutations(doc, () => {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  });
  // The whole body: Gmail replaces its main region on navigation, and the list may render later.
  observer.observe(doc.body ?? doc.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-checked', 'class'],
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  onChange(current);
}
