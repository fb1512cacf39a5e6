// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultInsertionPoint,
  findComposeBoxes,
  insertIntoCompose,
  ownTextOf,
  rememberComposeCaret,
} from './compose';
import { loadFixture } from './fixtures.test-helper';

const SIGNATURE =
  '<div class="gmail_signature" data-smartmail="gmail_signature">-- <br>Anna, Northwind Shop</div>';
const QUOTE =
  '<div class="gmail_quote"><div class="gmail_attr">On Mon, Paweł wrote:</div><blockquote>Where is it?</blockquote></div>';

function inlineReply(inner: string): HTMLElement {
  document.body.innerHTML = `<div role="main"><div class="M9"><div class="Ap"><div class="Am" g_editable="true" contenteditable="true" role="textbox">${inner}</div></div></div></div>`;
  return document.querySelector('[g_editable]') as HTMLElement;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('compose bodies', () => {
  it('finds the inline reply and the pop-out window in the committed layouts', async () => {
    const reply = loadFixture('reply');
    expect(findComposeBoxes(reply.document).map((box) => box.kind)).toEqual(['inline']);
    await reply.close();
    const popout = loadFixture('popout-compose');
    expect(findComposeBoxes(popout.document).map((box) => box.kind)).toContain('dialog');
    await popout.close();
  });

  it('inserts before the signature and the quote when the caret is elsewhere, as text, lines kept', () => {
    const body = inlineReply(`${SIGNATURE}${QUOTE}`);
    const [box] = findComposeBoxes(document);
    if (!box) throw new Error('no box');
    const inputs: string[] = [];
    body.addEventListener('input', (event) => inputs.push((event as InputEvent).inputType));
    insertIntoCompose(box, 'Dear Paweł,\n<img src=x onerror=alert(1)>\nThanks');
    expect(
      body.innerHTML.startsWith(
        'Dear Paweł,<br>&lt;img src=x onerror=alert(1)&gt;<br>Thanks<div class="gmail_signature"',
      ),
    ).toBe(true);
    expect(body.querySelector('img')).toBeNull();
    expect(body.querySelector('.gmail_quote blockquote')?.textContent).toBe('Where is it?');
    expect(inputs).toEqual(['insertText']);
  });

  it('inserts at the remembered caret, replacing the selection, and leaves the caret after the text', () => {
    const body = inlineReply('Hello ,<br>bye');
    const [box] = findComposeBoxes(document);
    if (!box) throw new Error('no box');
    const controller = new AbortController();
    const caret = rememberComposeCaret(document, controller.signal);
    const text = body.firstChild as Text;
    const selection = document.getSelection();
    const range = document.createRange();
    range.setStart(text, 6);
    range.collapse(true);
    selection?.removeAllRanges();
    selection?.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    // The agent clicks in the sidebar: the selection leaves the body, the remembered caret stays.
    selection?.removeAllRanges();
    insertIntoCompose(box, 'Paweł', caret());
    expect(body.textContent).toBe('Hello Paweł,bye');
    const after = document.getSelection()?.getRangeAt(0);
    expect(after?.collapsed).toBe(true);
    controller.abort();
  });

  it('never inserts inside the signature or the quote', () => {
    const body = inlineReply(`Hi${SIGNATURE}`);
    const [box] = findComposeBoxes(document);
    if (!box) throw new Error('no box');
    const inside = document.createRange();
    inside.selectNodeContents(body.querySelector('.gmail_signature') as Element);
    insertIntoCompose(box, ' there', inside);
    expect(body.querySelector('.gmail_signature')?.textContent).toBe('-- Anna, Northwind Shop');
    expect(body.firstChild?.textContent).toBe('Hi');
    expect(body.childNodes[1]?.textContent).toBe(' there');
  });

  it('puts the default point at the end of an empty body', () => {
    const body = inlineReply('');
    const point = defaultInsertionPoint(body);
    expect(point.startContainer).toBe(body);
    expect(point.collapsed).toBe(true);
  });

  it("reads an agent's own words from a sent message, without signature and quote", () => {
    const message = document.createElement('div');
    message.innerHTML = `<div>Dear Anna,</div><div><br></div><div>the parcel left today.</div>${SIGNATURE}${QUOTE}`;
    expect(ownTextOf(message)).toBe('Dear Anna,\n\nthe parcel left today.');
  });
});
