// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readMailbox } from './mailbox';
import { GmailSelectorError, gmailSelectors, queryGmailOrFail } from './selectors';
import { readThreadView, threadTokenFromHash } from './thread-view';

// The real pair from DESIGN.md section 5.
const TOKEN = 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM';
const PERM_ID = 'thread-f:1750360559522271241';
const THREAD_ID = '184a87a7b32dd009';

function page(html: string, hash = '#inbox', title = 'Inbox - support@shop.example - Gmail') {
  document.body.innerHTML = html;
  document.title = title;
  window.location.hash = hash;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('readThreadView', () => {
  it('reads the API thread id and the subject from the heading', () => {
    page(
      `<div role="main"><h2 class="hP" data-thread-perm-id="${PERM_ID}" data-legacy-thread-id="${THREAD_ID}">
        Where is my order #1042?</h2></div>`,
      `#inbox/${TOKEN}`,
    );
    expect(readThreadView(document)).toEqual({ threadId: THREAD_ID, subject: 'Where is my order #1042?' });
  });

  it('falls back to the decimal sync id when the hex attribute is missing', () => {
    page(`<div role="main"><h2 class="hP" data-thread-perm-id="${PERM_ID}">Refund</h2></div>`);
    expect(readThreadView(document)).toEqual({ threadId: THREAD_ID, subject: 'Refund' });
  });

  it('knows a thread-a: thread has no API id', () => {
    page(`<div role="main"><h2 class="hP" data-thread-perm-id="thread-a:r-123456">Draft</h2></div>`);
    expect(readThreadView(document)).toEqual({ threadId: undefined, subject: 'Draft' });
  });

  it('ignores a heading Gmail left hidden behind the list', () => {
    page(
      `<div role="main"><div style="display:none"><h2 class="hP" data-legacy-thread-id="${THREAD_ID}">Old</h2></div>
       <table><tr class="zA" data-thread-id="#thread-f:1" data-legacy-thread-id="1"><td>row</td></tr></table></div>`,
    );
    expect(readThreadView(document)).toBeUndefined();
  });

  it('uses the route token while the thread is still rendering', () => {
    page('<div role="main"></div>', `#label/Helpdesk%2FOpen/${TOKEN}`);
    expect(readThreadView(document)).toEqual({ threadId: THREAD_ID, subject: '' });
  });

  it('sees a list on list routes', () => {
    page('<div role="main"><table></table></div>', '#inbox');
    expect(readThreadView(document)).toBeUndefined();
  });
});

describe('threadTokenFromHash', () => {
  it.each([
    [`#inbox/${TOKEN}`, THREAD_ID],
    [`#search/refund/${TOKEN}`, THREAD_ID],
    [`#label/Helpdesk%2FStatus%2FOpen/${TOKEN}`, THREAD_ID],
  ])('finds the thread in %s', (hash, threadId) => {
    expect(threadTokenFromHash(hash)?.threadId).toBe(threadId);
  });

  it.each(['#inbox', '#search/refund', '#label/Support', '', '#inbox/notatokenatall'])(
    'finds none in %j',
    (hash) => {
      expect(threadTokenFromHash(hash)).toBeUndefined();
    },
  );
});

describe('the mailbox address', () => {
  it('reads the account button label, whatever its language', () => {
    page(
      '<header><a aria-label="Аккаунт Google: Northwind Support (Support@Northwind-Shop.example)" href="https://accounts.google.com/SignOutOptions"></a></header>',
    );
    expect(readMailbox(document).address).toBe('support@northwind-shop.example');
  });

  it('falls back to the page title', () => {
    page('<div></div>', '#inbox', 'Входящие (3) - agent@shop.example - Gmail');
    expect(readMailbox(document).address).toBe('agent@shop.example');
  });

  it('answers undefined when neither names an address', () => {
    page('<div></div>', '#inbox', 'Gmail');
    expect(readMailbox(document).address).toBeUndefined();
  });
});

describe('selectors', () => {
  it('names the selector when a required element is missing', () => {
    page('<div></div>');
    expect(() => queryGmailOrFail(document, gmailSelectors.mainRegion)).toThrow(GmailSelectorError);
    expect(() => queryGmailOrFail(document, gmailSelectors.mainRegion)).toThrow(/mainRegion/);
  });

  it('tries the candidates in order', () => {
    page('<h2 data-legacy-thread-id="1">plain</h2><h2 class="hP" data-legacy-thread-id="2">classic</h2>');
    expect(queryGmailOrFail(document, gmailSelectors.threadSubject).textContent).toBe('classic');
  });
});
