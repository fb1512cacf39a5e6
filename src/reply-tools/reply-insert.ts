/**
 * Puts a rendered template into Gmail's reply to the open thread (issue 5): the reply being written if there
 * is one (where the agent's caret was, else before the signature and the quoted conversation), else a reply
 * opened with Gmail's own Reply button. Text only, never markup. The subject of a template's variant is not
 * used: a reply keeps Gmail's "Re:" subject, which keeps the thread together.
 */
import { type ComposeBox, findComposeBoxes, insertIntoCompose } from '../gmail/dom/compose';
import { baseSubject } from '../gmail/dom/replying';
import { gmailSelectors, observeMutations, queryAllGmail, queryGmail } from '../gmail/dom/selectors';
import { isShown, openThreadHeading } from '../gmail/dom/thread-id';

/** What was inserted, to take back (a macro's undo) only while the agent has not changed it. */
export interface InsertedReply {
  box: ComposeBox;
  /** Removes exactly the inserted nodes if they are still there as inserted; true when it did. */
  remove(): boolean;
}

export type InsertOutcome = { ok: true; inserted: InsertedReply } | { ok: false; reason: 'no-reply-box' };

export interface InsertOptions {
  /** Where the agent's caret last was in a compose body (rememberComposeCaret). */
  caret?: () => Range | undefined;
  /** How long to wait for the reply Gmail opens after a click on Reply. */
  timeoutMs?: number;
}

/** The reply box for the open thread: the one holding the caret, the inline reply, a pop-out "Re:" of it. */
export function findReplyBox(doc: Document, caret?: Range): ComposeBox | undefined {
  const boxes = findComposeBoxes(doc);
  if (caret) {
    const holding = boxes.find((box) => box.body.contains(caret.startContainer));
    if (holding) return holding;
  }
  const inline = boxes.find((box) => box.kind === 'inline' && isShown(box.body));
  if (inline) return inline;
  const subject = baseSubject(openThreadHeading(doc)?.textContent ?? '');
  if (subject === '') return undefined;
  return boxes.find((box) => {
    const window = box.body.closest('[role="dialog"], .aSt') ?? box.body.parentElement;
    const field = window ? queryGmail<HTMLInputElement>(window, gmailSelectors.composeSubject) : undefined;
    return baseSubject(field?.value || field?.getAttribute('value') || '') === subject;
  });
}

/** Clicks Gmail's Reply for the thread's last message and waits for the reply body. */
export function openReply(doc: Document, timeoutMs = 3_000): Promise<ComposeBox | undefined> {
  const main = queryGmail(doc, gmailSelectors.mainRegion) ?? doc;
  const button = queryAllGmail(main, gmailSelectors.replyButton).at(-1);
  if (!button) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let done = false;
    const finish = (box: ComposeBox | undefined) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve(box);
    };
    const observer = observeMutations(doc, () => {
      const box = findReplyBox(doc);
      if (box) finish(box);
    });
    observer.observe(doc.body ?? doc.documentElement, { subtree: true, childList: true });
    const timer = setTimeout(() => finish(findReplyBox(doc)), timeoutMs);
    // Gmail's buttons act on the press and release, not only on `click`.
    const View = doc.defaultView;
    for (const type of ['mousedown', 'mouseup', 'click']) {
      const init = { bubbles: true, cancelable: true, view: View };
      button.dispatchEvent(View ? new View.MouseEvent(type, init) : new MouseEvent(type, init));
    }
    const already = findReplyBox(doc);
    if (already) finish(already);
  });
}

/** Inserts `text` into the thread's reply, opening one if none is open. Never throws into Gmail's page. */
export async function insertReply(
  doc: Document,
  text: string,
  { caret, timeoutMs }: InsertOptions = {},
): Promise<InsertOutcome> {
  try {
    const at = caret?.();
    const box = findReplyBox(doc, at) ?? (await openReply(doc, timeoutMs));
    if (!box) return { ok: false, reason: 'no-reply-box' };
    const { inserted } = insertIntoCompose(
      box,
      text,
      at && box.body.contains(at.startContainer) ? at : undefined,
    );
    return { ok: true, inserted: takeBack(box, inserted) };
  } catch {
    return { ok: false, reason: 'no-reply-box' };
  }
}

function takeBack(box: ComposeBox, range: Range): InsertedReply {
  const parent = range.startContainer;
  const nodes = range.collapsed ? [] : [...parent.childNodes].slice(range.startOffset, range.endOffset);
  const texts = nodes.map((node) => node.textContent);
  return {
    box,
    remove() {
      if (nodes.length === 0) return false;
      const unchanged = nodes.every(
        (node, index) =>
          node.parentNode === parent &&
          node.textContent === texts[index] &&
          (index === 0 || node.previousSibling === nodes[index - 1]),
      );
      if (!unchanged) return false;
      for (const node of nodes) node.parentNode?.removeChild(node);
      const View = box.body.ownerDocument.defaultView;
      if (View)
        box.body.dispatchEvent(new View.InputEvent('input', { bubbles: true, inputType: 'deleteContent' }));
      return true;
    },
  };
}
