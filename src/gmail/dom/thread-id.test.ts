// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from './fixtures.test-helper';
import { isThreadViewChanged, readThreadIdNow, resolveThreadId, threadIdFromHash } from './thread-id';
import { encodeThreadToken, permIdFromMessageId } from './thread-token';

// The real pair from DESIGN.md section 5.
const TOKEN = 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM';
const PERM_ID = 'thread-f:1750360559522271241';
const THREAD_ID = '184a87a7b32dd009';
/** A thread Gmail has not synced yet: its sync id has no 64-bit number, so no API id. */
const THREAD_A = 'thread-a:r-8345772017428813123';
const THREAD_A_TOKEN = encodeThreadToken(THREAD_A);
const MESSAGE_ID = '18c0ffee12345678';

function page(html: string, hash: string) {
  document.body.innerHTML = html;
  window.location.hash = hash;
}

function message(id = MESSAGE_ID) {
  return `<div class="adn ads" data-message-id="#${permIdFromMessageId(id)}" data-legacy-message-id="${id}"></div>`;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('resolveThreadId, step by step', () => {
  it('1. reads data-legacy-thread-id', async () => {
    page(
      `<div role="main"><h2 class="hP" data-thread-perm-id="${PERM_ID}" data-legacy-thread-id="${THREAD_ID}">S</h2></div>`,
      '#inbox',
    );
    expect(await resolveThreadId(document)).toEqual({
      ok: true,
      threadId: THREAD_ID,
      source: 'legacy-attribute',
    });
  });

  it('2. turns the thread-f: sync id into hex with BigInt', async () => {
    page(`<div role="main"><h2 class="hP" data-thread-perm-id="${PERM_ID}">S</h2></div>`, '#inbox');
    expect(await resolveThreadId(document)).toEqual({ ok: true, threadId: THREAD_ID, source: 'perm-id' });
  });

  it('3. decodes the URL token (the real pair of DESIGN.md section 5)', async () => {
    page('<div role="main"></div>', `#label/Helpdesk%2FOpen/${TOKEN}`);
    expect(await resolveThreadId(document)).toEqual({ ok: true, threadId: THREAD_ID, source: 'url-token' });
  });

  it('3b. accepts the legacy hex id Gmail still opens in the URL', async () => {
    page('<div role="main"></div>', `#inbox/${THREAD_ID}`);
    expect(await resolveThreadId(document)).toEqual({
      ok: true,
      threadId: THREAD_ID,
      source: 'url-legacy-id',
    });
  });

  it('4. asks the API for the thread of the newest message when the page names none', async () => {
    page(
      `<div role="main"><h2 class="hP" data-thread-perm-id="${THREAD_A}">Draft</h2>${message('1111')}${message()}</div>`,
      `#inbox/${THREAD_A_TOKEN}`,
    );
    const ofMessage = vi.fn(async (id: string) => (id === MESSAGE_ID ? THREAD_ID : undefined));
    expect(await resolveThreadId(document, { ofMessage })).toEqual({
      ok: true,
      threadId: THREAD_ID,
      source: 'message-api',
    });
    expect(ofMessage).toHaveBeenCalledTimes(1);
    expect(ofMessage).toHaveBeenCalledWith(MESSAGE_ID);
  });

  it('4b. reads a message id from msg-f: when the hex attribute is missing', async () => {
    page(
      `<div role="main"><div class="adn ads" data-message-id="#${permIdFromMessageId(MESSAGE_ID)}"></div></div>`,
      '#inbox',
    );
    const ofMessage = vi.fn(async () => THREAD_ID);
    expect(await resolveThreadId(document, { ofMessage })).toMatchObject({ ok: true, source: 'message-api' });
    expect(ofMessage).toHaveBeenCalledWith(MESSAGE_ID);
  });
});

describe('resolveThreadId failures are values, not exceptions', () => {
  it('a list: no thread, naming the selectors that found nothing', async () => {
    page('<div role="main"><table></table></div>', '#inbox');
    const result = await resolveThreadId(document, { ofMessage: vi.fn() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('no-thread');
    expect(result.failure.missing.map((error) => error.selector.name)).toEqual(['threadSubject', 'message']);
  });

  it('a thread-a: thread with no message to look up has no API id', async () => {
    page(
      `<div role="main"><h2 class="hP" data-thread-perm-id="${THREAD_A}">Draft</h2></div>`,
      `#inbox/${THREAD_A_TOKEN}`,
    );
    const result = await resolveThreadId(document);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'no-api-id' } });
    expect(threadIdFromHash(`#inbox/${THREAD_A_TOKEN}`)).toBe('no-api-id');
  });

  it('a failing lookup is reported with its error', async () => {
    page(`<div role="main"><h2 class="hP">Changed Gmail</h2>${message()}</div>`, '#inbox');
    const boom = new Error('quota');
    const result = await resolveThreadId(document, {
      ofMessage: async () => {
        throw boom;
      },
    });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'not-found', lookupError: boom } });
  });

  it('a lookup that finds nothing is not found', async () => {
    page(`<div role="main">${message()}</div>`, '#inbox');
    expect(await resolveThreadId(document, { ofMessage: async () => undefined })).toMatchObject({
      ok: false,
      failure: { kind: 'not-found' },
    });
  });
});

describe('the chain on the committed layouts', () => {
  it.each(['thread', 'reply', 'preview-pane', 'popout-compose', 'delegated'] as const)(
    '%s: the heading names the thread its URL token names',
    async (view) => {
      const fixture = loadFixture(view);
      const { document: doc } = fixture;
      const fromPage = readThreadIdNow(doc);
      expect(fromPage).toMatchObject({ ok: true, source: 'legacy-attribute' });
      const fromUrl = threadIdFromHash(doc.location.hash);
      expect(typeof fromUrl === 'object' && fromUrl.threadId).toBe(fromPage.ok && fromPage.threadId);
      await fixture.close();
    },
  );

  it('falls back step by step as the heading loses its attributes', async () => {
    const fixture = loadFixture('thread');
    const doc = fixture.document;
    const heading = doc.querySelector('h2.hP');
    const expected = heading?.getAttribute('data-legacy-thread-id');
    heading?.removeAttribute('data-legacy-thread-id');
    expect(await resolveThreadId(doc)).toEqual({ ok: true, threadId: expected, source: 'perm-id' });
    heading?.removeAttribute('data-thread-perm-id');
    expect(await resolveThreadId(doc)).toEqual({ ok: true, threadId: expected, source: 'url-token' });
    const newest = [...doc.querySelectorAll('div.adn')].at(-1)?.getAttribute('data-legacy-message-id');
    const ofMessage = vi.fn(async () => expected ?? undefined);
    expect(await resolveThreadId(doc, { hash: '#inbox', ofMessage })).toEqual({
      ok: true,
      threadId: expected,
      source: 'message-api',
    });
    expect(ofMessage).toHaveBeenCalledWith(newest);
    await fixture.close();
  });
});

describe('isThreadViewChanged', () => {
  it('is false on a rendered thread and on a list, true when the messages render without the heading ids', async () => {
    const list = loadFixture('thread-list');
    expect(isThreadViewChanged(list.document)).toBe(false);
    await list.close();
    const fixture = loadFixture('thread');
    const doc = fixture.document;
    expect(isThreadViewChanged(doc)).toBe(false);
    const heading = doc.querySelector('h2.hP');
    heading?.removeAttribute('data-legacy-thread-id');
    expect(isThreadViewChanged(doc)).toBe(false); // the sync id still names it
    heading?.removeAttribute('data-thread-perm-id');
    expect(isThreadViewChanged(doc)).toBe(true);
    await fixture.close();
  });

  it('is false while a thread is still rendering from its URL', () => {
    page('<div role="main"></div>', `#inbox/${TOKEN}`);
    expect(isThreadViewChanged(document)).toBe(false);
  });
});
