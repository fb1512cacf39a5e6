// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { type FixtureView, loadFixture } from './fixtures.test-helper';
import { baseSubject, isReplying, watchReplying } from './replying';

function openThreadId(doc: Document): string {
  return doc.querySelector('h2.hP')?.getAttribute('data-legacy-thread-id') ?? '';
}

describe('isReplying on the committed layouts', () => {
  it.each([
    ['reply', true],
    ['popout-compose', true],
    ['thread', false],
    ['preview-pane', false],
    ['delegated', false],
  ] as [FixtureView, boolean][])('%s: %s', async (view, replying) => {
    const fixture = loadFixture(view);
    const threadId = openThreadId(fixture.document);
    expect(threadId).not.toBe('');
    expect(isReplying(fixture.document, threadId)).toBe(replying);
    // Never for another thread than the one open.
    expect(isReplying(fixture.document, 'ffff')).toBe(false);
    await fixture.close();
  });

  it("a list is nobody's reply", async () => {
    const fixture = loadFixture('thread-list');
    expect(isReplying(fixture.document, '184a87a7b32dd009')).toBe(false);
    await fixture.close();
  });

  it('a pop-out window about another subject is not a reply to this thread', async () => {
    const fixture = loadFixture('popout-compose');
    const doc = fixture.document;
    for (const field of doc.querySelectorAll<HTMLInputElement>('.dw [role=dialog] input[name=subjectbox]')) {
      field.value = 'Re: something else';
      field.setAttribute('value', 'Re: something else');
    }
    expect(isReplying(doc, openThreadId(doc))).toBe(false);
    await fixture.close();
  });

  it('a full-screen compose about the thread is a reply', async () => {
    const fixture = loadFixture('thread');
    const doc = fixture.document;
    const subject = doc.querySelector('h2.hP')?.textContent ?? '';
    const host = doc.createElement('div');
    host.className = 'aSs';
    host.innerHTML =
      '<div class="aSt"><input type="hidden" name="subjectbox"><div contenteditable="true" g_editable="true" role="textbox"></div></div>';
    host.querySelector('input')?.setAttribute('value', `RE: ${subject}`);
    doc.body.append(host);
    expect(isReplying(doc, openThreadId(doc))).toBe(true);
    await fixture.close();
  });
});

describe('baseSubject', () => {
  it.each([
    ['Re: Re: Fwd: Where is my order?', 'where is my order?'],
    ['AW: Rechnung', 'rechnung'],
    ['Odp: Zamówienie', 'zamówienie'],
    ['Ответ: Заказ', 'заказ'],
    ['  Refund  ', 'refund'],
  ])('%s', (subject, expected) => {
    expect(baseSubject(subject)).toBe(expected);
  });
});

describe('watchReplying', () => {
  it('goes true when the inline reply opens and false when it is discarded, until aborted', async () => {
    const fixture = loadFixture('reply');
    const doc = fixture.document;
    const threadId = openThreadId(doc);
    const slot = doc.querySelector('.standin-reply-slot');
    const reply = slot?.innerHTML ?? '';
    slot?.replaceChildren();
    const seen: boolean[] = [];
    const controller = new AbortController();
    watchReplying(doc, threadId, (replying) => seen.push(replying), controller.signal, { debounceMs: 5 });
    expect(seen).toEqual([false]);
    if (slot) slot.innerHTML = reply;
    await vi.waitFor(() => expect(seen).toEqual([false, true]));
    slot?.replaceChildren();
    await vi.waitFor(() => expect(seen).toEqual([false, true, false]));
    controller.abort();
    if (slot) slot.innerHTML = reply;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual([false, true, false]);
    await fixture.close();
  });
});
