/**
 * Gmail's compose and reply bodies, for inserting a template reply (issue 5): where they are, where the agent's
 * caret was, and putting text there as editable text, ahead of Gmail's signature and the quoted conversation.
 *
 * Gmail's body is a contenteditable `div[g_editable=true][role=textbox]` (DESIGN.md section 5). Its signature is
 * `div.gmail_signature` (with `data-smartmail="gmail_signature"`) and the quoted conversation `div.gmail_quote`
 * (public: Gmail's own HTML in sent mail, handled the same way by InboxSDK's `getBodyElement` users and by
 * Gmail-reading libraries such as talon). Inserted text is made of text nodes and line breaks only: nothing a
 * customer wrote (a name in a template variable) can become markup.
 */
import { gmailSelectors, queryAllGmail } from './selectors';

export type ComposeKind = 'inline' | 'dialog' | 'fullscreen';

export interface ComposeBox {
  body: HTMLElement;
  kind: ComposeKind;
}

/** What follows the agent's own text in a body: the signature, then the quoted conversation. */
const TRAILING_PARTS = '.gmail_signature, [data-smartmail="gmail_signature"], .gmail_quote, blockquote';

/** Every compose or reply body open in the tab, inline first. Never throws. */
export function findComposeBoxes(doc: Document): ComposeBox[] {
  try {
    const boxes: ComposeBox[] = [];
    const seen = new Set<Element>();
    const add = (kind: ComposeKind, bodies: HTMLElement[]) => {
      for (const body of bodies) {
        if (seen.has(body)) continue;
        seen.add(body);
        boxes.push({ body, kind });
      }
    };
    add('inline', queryAllGmail(doc, gmailSelectors.inlineReplyBody));
    add('fullscreen', queryAllGmail(doc, gmailSelectors.fullscreenComposeBody));
    add('dialog', queryAllGmail(doc, gmailSelectors.composeDialogBody));
    return boxes;
  } catch {
    return [];
  }
}

/**
 * Remembers where the caret last was in a compose body: clicking a button in the sidebar moves the focus out
 * of Gmail's body, and the template must still go where the agent was typing. Stops when `signal` aborts.
 */
export function rememberComposeCaret(doc: Document, signal: AbortSignal): () => Range | undefined {
  let last: Range | undefined;
  const onSelection = () => {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (composeBodyOf(range.startContainer, doc) !== undefined) last = range.cloneRange();
  };
  doc.addEventListener('selectionchange', onSelection, { signal });
  return () => (last?.startContainer.isConnected ? last : undefined);
}

function composeBodyOf(node: Node, doc: Document): HTMLElement | undefined {
  const element = node instanceof Element ? node : node.parentElement;
  const editable = element?.closest<HTMLElement>(
    '[g_editable="true"], [contenteditable="true"][role="textbox"]',
  );
  if (!editable) return undefined;
  return findComposeBoxes(doc).some((box) => box.body === editable) ? editable : undefined;
}

/** Where a template goes when the caret is not in the body: after the agent's text, before signature and quote. */
export function defaultInsertionPoint(body: HTMLElement): Range {
  const doc = body.ownerDocument;
  const range = doc.createRange();
  const trailing = [...body.children].find((child) => child.matches(TRAILING_PARTS));
  if (trailing) range.setStartBefore(trailing);
  else range.selectNodeContents(body);
  range.collapse(trailing !== undefined);
  return range;
}

export interface InsertResult {
  /** The inserted text, as a range over the new nodes (for highlighting unfilled variables, or undo). */
  inserted: Range;
}

/**
 * Inserts `text` into `box` at `caret` (when it lies in this body), else at the default point, replacing any
 * selected text. Lines become text nodes separated by `<br>`. The caret ends after the insertion, and an
 * `input` event tells Gmail the draft changed (it saves drafts on input).
 */
export function insertIntoCompose(box: ComposeBox, text: string, caret?: Range): InsertResult {
  const { body } = box;
  const doc = body.ownerDocument;
  const range =
    caret && body.contains(caret.startContainer) && body.contains(caret.endContainer)
      ? caret.cloneRange()
      : defaultInsertionPoint(body);
  // Never inside the signature or the quote: a caret there moves to just before them.
  const trailing = (
    range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement
  )?.closest(TRAILING_PARTS);
  const target = trailing && body.contains(trailing) ? defaultInsertionPoint(body) : range;
  target.deleteContents();

  const fragment = doc.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((line, index) => {
    if (index > 0) fragment.append(doc.createElement('br'));
    if (line !== '') fragment.append(doc.createTextNode(line));
  });
  const first = fragment.firstChild;
  const last = fragment.lastChild;
  target.insertNode(fragment);

  const inserted = doc.createRange();
  if (first && last) {
    inserted.setStartBefore(first);
    inserted.setEndAfter(last);
  } else {
    inserted.setStart(target.startContainer, target.startOffset);
  }
  const after = doc.createRange();
  after.setStart(inserted.endContainer, inserted.endOffset);
  after.collapse(true);
  const selection = doc.getSelection();
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(after);
  }
  const view = doc.defaultView;
  if (view)
    body.dispatchEvent(new view.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return { inserted };
}

/**
 * The agent's own words in a sent message's body (for "save this reply as a template"): the text without the
 * signature and the quoted conversation, lines kept.
 */
export function ownTextOf(messageBody: Element): string {
  const copy = messageBody.cloneNode(true) as Element;
  for (const part of copy.querySelectorAll(TRAILING_PARTS)) part.remove();
  for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
  for (const block of copy.querySelectorAll('div, p')) block.append('\n');
  return (copy.textContent ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
