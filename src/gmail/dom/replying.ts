/**
 * Whether the agent is writing a reply to the open thread, for the collision warning: an inline reply
 * under the thread (`.M9 [g_editable=true]`), or a pop-out / full-screen compose window whose subject is
 * the thread's ("Re: <subject>"). Gmail does not put the thread id on a popped-out reply, so the subject is
 * the link; a new message with the same subject also counts, which errs on the side of warning.
 */
import { gmailSelectors, observeMutations, queryAllGmail, queryGmail } from './selectors';
import { isShown, openThreadHeading, readThreadIdNow } from './thread-id';

/** "Re: Re: Fwd: Where is my order?" → "where is my order?" */
export function baseSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fwd?|aw|wg|sv|vs|odp|pd|ответ|пересл)\s*(\[\d+\])?\s*:\s*)+/iu, '')
    .trim()
    .toLowerCase();
}

function composeWindows(doc: Document): Element[] {
  const dialogs = queryAllGmail(doc, gmailSelectors.composeDialog);
  const fullscreen = queryAllGmail(doc, gmailSelectors.fullscreenComposeBody).map(
    (body) => body.closest('.aSt') ?? body,
  );
  return [...dialogs, ...fullscreen];
}

/** True while a reply to `threadId` is being written in this tab. Never throws. */
export function isReplying(doc: Document, threadId: string): boolean {
  try {
    const open = readThreadIdNow(doc);
    if (!open.ok || open.threadId !== threadId.toLowerCase()) return false;
    const main = queryGmail(doc, gmailSelectors.mainRegion) ?? doc;
    if (queryAllGmail(main, gmailSelectors.inlineReplyBody).some(isShown)) return true;
    const subject = baseSubject(openThreadHeading(doc)?.textContent ?? '');
    if (subject === '') return false;
    return composeWindows(doc).some((window) => {
      const field = queryGmail<HTMLInputElement>(window, gmailSelectors.composeSubject);
      const value = field?.value || field?.getAttribute('value') || '';
      return baseSubject(value) === subject;
    });
  } catch {
    return false;
  }
}

export interface WatchReplyingOptions {
  debounceMs?: number;
}

/**
 * Calls `onChange(true)` when a reply to `threadId` opens and `onChange(false)` when it closes (sent,
 * discarded, or the thread left), starting with the state now. Stops when `signal` aborts.
 */
export function watchReplying(
  doc: Document,
  threadId: string,
  onChange: (replying: boolean) => void,
  signal: AbortSignal,
  { debounceMs = 50 }: WatchReplyingOptions = {},
): void {
  if (signal.aborted) return;
  let current = isReplying(doc, threadId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    if (signal.aborted) return;
    const next = isReplying(doc, threadId);
    if (next === current) return;
    current = next;
    onChange(next);
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  };
  // Compose windows live outside the main region (in .dw at the end of the body): watch the body.
  const observer = observeMutations(doc, schedule);
  observer.observe(doc.body ?? doc.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['style', 'hidden', 'class'],
  });
  doc.defaultView?.addEventListener('hashchange', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  onChange(current);
}
