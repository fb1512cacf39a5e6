// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type LoadedFixture, loadFixture } from '../gmail/dom/fixtures.test-helper';
import { findReplyBox, insertReply, openReply } from './reply-insert';

let page: LoadedFixture | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function load(view: 'reply' | 'thread' | 'popout-compose'): Document {
  page = loadFixture(view);
  return page.document;
}

describe('the reply box of the open thread', () => {
  it('is the inline reply under the thread', () => {
    const doc = load('reply');
    expect(findReplyBox(doc)?.kind).toBe('inline');
  });

  it('is the popped-out "Re:" window, not a new message beside it', () => {
    const doc = load('popout-compose');
    const box = findReplyBox(doc);
    expect(box?.kind).toBe('dialog');
    const subject = box?.body
      .closest('[role="dialog"]')
      ?.querySelector<HTMLInputElement>('[name="subjectbox"]');
    expect(subject?.value || subject?.getAttribute('value')).toBe('Re: Спасибо!');
  });

  it('is nothing when Gmail opens no reply in time after a click on Reply', async () => {
    const doc = load('thread');
    expect(findReplyBox(doc)).toBeUndefined();
    expect(await openReply(doc, 30)).toBeUndefined();
  });
});

describe('an inserted reply', () => {
  it('can be taken back exactly, leaving what was there', async () => {
    const doc = load('reply');
    const body = doc.querySelector('.M9 [g_editable="true"]') as HTMLElement;
    const before = body.innerHTML;
    const outcome = await insertReply(doc, 'Line one\n\nLine three');
    if (!outcome.ok) throw new Error('not inserted');
    expect(body.innerHTML).toBe(`${before}Line one<br><br>Line three`);
    expect(outcome.inserted.remove()).toBe(true);
    expect(body.innerHTML).toBe(before);
    // Once only: the nodes are gone.
    expect(outcome.inserted.remove()).toBe(false);
  });

  it('stays when the agent has changed it', async () => {
    const doc = load('reply');
    const outcome = await insertReply(doc, 'Hello Olga');
    if (!outcome.ok) throw new Error('not inserted');
    const body = outcome.inserted.box.body;
    const text = [...body.childNodes].find((node) => node.textContent === 'Hello Olga');
    if (text) text.textContent = 'Hello Olga, and thanks';
    expect(outcome.inserted.remove()).toBe(false);
    expect(body.textContent).toContain('Hello Olga, and thanks');
  });

  it('says so when there is no reply to insert into', async () => {
    const doc = load('thread');
    for (const button of doc.querySelectorAll('[data-tooltip="Reply"], .ams.bkH')) button.remove();
    expect(await insertReply(doc, 'Hello', { timeoutMs: 30 })).toEqual({ ok: false, reason: 'no-reply-box' });
  });
});
