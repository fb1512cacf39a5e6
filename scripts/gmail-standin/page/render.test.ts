import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import {
  FakeMailbox,
  HOSTILE_SUBJECT,
  message,
  REAL_THREAD_ID,
  REAL_TOKEN,
  sampleMailbox,
} from './fake-mailbox.test-helper';
import { escapeHtml, html } from './html';
import { DEFAULT_LAYOUT } from './layout';
import { listDate, pageTitle, renderPage, snippetText } from './render';
import { INBOX_ROUTE, parseRoute } from './routes';
import { mailboxForOneRequest, resolveView } from './view';

const NOW = new Date(Date.UTC(2026, 10, 21, 12, 0));

/** Parses rendered HTML without running scripts, so the tests see exactly the markup served. */
function parse(markup: string): Document {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true } });
  window.document.write(markup);
  return window.document as unknown as Document;
}

function sampleMailboxWithSnippet(snippet: string) {
  const mailbox = sampleMailbox();
  for (const message of mailbox.getThread(REAL_THREAD_ID)?.messages ?? []) message.snippet = snippet;
  return mailbox;
}

function render(hash: string, mailbox = sampleMailbox()) {
  const view = resolveView(hash, { mailbox, now: NOW, timeZone: 'UTC' });
  return { view, document: parse(renderPage(view, mailbox).value), mailbox };
}

describe('html escaping', () => {
  it('escapes interpolated text and attribute values', () => {
    expect(html`<b title="${'"x"'}">${'<i>&</i>'}</b>`.value).toBe(
      '<b title="&quot;x&quot;">&lt;i&gt;&amp;&lt;/i&gt;</b>',
    );
    expect(escapeHtml(`'\``)).toBe('&#39;&#96;');
  });

  it('passes nested templates and arrays through once', () => {
    expect(html`<p>${[html`<i>${'<'}</i>`, '>']}</p>`.value).toBe('<p><i>&lt;</i>&gt;</p>');
  });
});

describe('the thread list', () => {
  it('renders one tr.zA per thread with Gmail ids on the subject span', () => {
    const { document } = render('#inbox');
    const rows = [...document.querySelectorAll('div[role=main] tr.zA')];
    expect(rows).toHaveLength(3);
    const first = rows[0]?.querySelector('[data-thread-id][data-legacy-thread-id]');
    expect(first?.getAttribute('data-thread-id')).toBe('#thread-f:1750360559522271241');
    expect(first?.getAttribute('data-legacy-thread-id')).toBe(REAL_THREAD_ID);
    expect(first?.textContent).toBe('Where is my order #1042?');
    expect(rows[0]?.getAttribute('data-standin-href')).toBe(`#inbox/${REAL_TOKEN}`);
  });

  it('marks unread rows zE and read rows yO', () => {
    const { document } = render('#inbox');
    const rows = [...document.querySelectorAll('tr.zA')];
    expect(
      rows.map((row) =>
        row.classList.contains('zE') ? 'unread' : row.classList.contains('yO') ? 'read' : '?',
      ),
    ).toEqual(['unread', 'read', 'unread']);
  });

  it('names senders with their address and "me" for the mailbox', () => {
    const { document } = render('#inbox');
    const senders = [...(document.querySelectorAll('tr.zA')[1]?.querySelectorAll('[email]') ?? [])];
    expect(senders.map((sender) => sender.textContent)).toEqual(['Anna Kowalska', 'me']);
    expect(senders[0]?.getAttribute('email')).toBe('anna@example.com');
  });

  it('lists a nested label by name and search results by query', () => {
    expect(render('#label/Helpdesk%2FStatus%2FOpen').document.querySelectorAll('tr.zA')).toHaveLength(1);
    expect(render('#search/refund').document.querySelectorAll('tr.zA')).toHaveLength(1);
    expect(render('#label/Nope').document.querySelector('.standin-empty')?.textContent).toContain(
      'No conversations',
    );
  });

  it('pages the list 50 at a time at #inbox/p<N>, as Gmail does', () => {
    const threads = Array.from({ length: 60 }, (_, i) => {
      const id = (0x18c0ffee00000000n + BigInt(i)).toString(16);
      return {
        threadId: id,
        subject: `Order question ${i}`,
        labelIds: ['INBOX'],
        labelNames: [],
        messages: [message(id, id, { email: `c${i}@example.com` }, 'Hello')],
      };
    });
    const first = render('#inbox', new FakeMailbox(threads)).document;
    expect(first.querySelectorAll('tr.zA')).toHaveLength(50);
    expect(first.querySelector('.Dj')?.textContent).toBe('1–50 of 60');
    expect(first.querySelector('a[aria-label="Older"]')?.getAttribute('href')).toBe('#inbox/p2');
    const second = render('#inbox/p2', new FakeMailbox(threads)).document;
    expect(second.querySelectorAll('tr.zA')).toHaveLength(10);
    expect(second.querySelector('.Dj')?.textContent).toBe('51–60 of 60');
    expect(second.querySelector('tr.zA .bqe')?.textContent).toBe('Order question 50');
    expect(second.querySelector('a[aria-label="Newer"]')?.getAttribute('href')).toBe('#inbox');
  });

  it('shows the nested user labels in the left navigation', () => {
    const { document } = render('#inbox');
    const titles = [...document.querySelectorAll('div[role=navigation] a[title]')].map((a) =>
      a.getAttribute('title'),
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        'Inbox',
        'Starred',
        'Sent',
        'Helpdesk',
        'Helpdesk/Status',
        'Helpdesk/Status/Open',
      ]),
    );
    expect(document.querySelector('a[title="Helpdesk/Status/On hold"]')?.getAttribute('href')).toBe(
      '#label/Helpdesk%2FStatus%2FOn+hold',
    );
  });

  it('keeps a hostile subject, name and snippet as text', () => {
    const { document } = render('#inbox');
    expect(document.querySelectorAll('script:not([src]), img, b')).toHaveLength(0);
    const subject = document.querySelector('[data-legacy-thread-id="18c0ffee00000100"]');
    expect(subject?.textContent).toBe(HOSTILE_SUBJECT);
    expect(document.body.textContent).toContain('<script>window.__pwned=5</script>');
  });
});

describe('the thread view', () => {
  it('opens the thread a Gmail token names, with Gmail ids on heading and messages', () => {
    const { document, mailbox } = render(`#inbox/${REAL_TOKEN}`);
    const heading = document.querySelector('div[role=main] h2.hP[data-legacy-thread-id]');
    expect(heading?.getAttribute('data-legacy-thread-id')).toBe(REAL_THREAD_ID);
    expect(heading?.getAttribute('data-thread-perm-id')).toBe('thread-f:1750360559522271241');
    const message = document.querySelector('div.adn.ads[data-message-id][data-legacy-message-id]');
    expect(message?.getAttribute('data-message-id')).toBe('#msg-f:1750360559522271241');
    expect(message?.getAttribute('data-legacy-message-id')).toBe('184a87a7b32dd009');
    const sender = message?.querySelector('span.gD[email][name]');
    expect(sender?.getAttribute('email')).toBe('anna@example.com');
    expect(sender?.getAttribute('name')).toBe('Anna Kowalska');
    expect(mailbox.markedRead).toEqual([REAL_THREAD_ID]);
  });

  it('opens a thread by its legacy hex id and under a label route', () => {
    expect(render(`#inbox/${REAL_THREAD_ID}`).document.querySelector('h2.hP')).not.toBeNull();
    const { document } = render(`#label/Helpdesk%2FStatus%2FOpen/${REAL_TOKEN}`);
    expect(document.querySelector('h2.hP')?.textContent).toBe('Where is my order #1042?');
    expect(document.querySelector('[aria-label="Back to Helpdesk/Status/Open"]')?.getAttribute('href')).toBe(
      '#label/Helpdesk%2FStatus%2FOpen',
    );
  });

  it('says so for a token of no thread', () => {
    const { document } = render('#inbox/FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrN');
    expect(document.querySelector('h2.hP')).toBeNull();
    expect(document.querySelector('.standin-empty')?.textContent).toContain('could not be loaded');
  });

  it("carries an inline reply template with Gmail's editable body and Send button", () => {
    const { document } = render(`#inbox/${REAL_TOKEN}`);
    const template = document.querySelector('template#standin-reply-template') as HTMLTemplateElement | null;
    const box = template?.content.querySelector('.M9');
    const body = box?.querySelector('.Ap [g_editable="true"][contenteditable="true"][role="textbox"]');
    expect(body?.getAttribute('aria-label')).toBe('Message Body');
    const send = box?.querySelector('div[role="button"][data-tooltip^="Send"]');
    expect(send?.textContent).toBe('Send');
    expect(document.querySelector('.ams[role="link"]')?.textContent).toBe('Reply');
  });

  it('shows an HTML body only in a sandboxed iframe and the hostile subject as text', () => {
    const { document } = render('#inbox/18c0ffee00000100');
    const frame = document.querySelector('iframe.standin-html-body');
    expect(frame?.getAttribute('sandbox')).toBe('');
    expect(frame?.getAttribute('srcdoc')).toContain('<script>parent.__pwned=3</script>');
    expect(document.querySelector('h2.hP')?.textContent).toBe(HOSTILE_SUBJECT);
    expect(document.querySelectorAll('script:not([src]), img')).toHaveLength(0);
    expect(document.querySelector('span.gD')?.textContent).toBe('<b>Eve</b>');
  });
});

describe('the page', () => {
  it("has Gmail's title, account button, search box and main region", () => {
    const { document, view } = render('#inbox');
    expect(view.title).toBe('Inbox (2) - support@northwind-shop.example - Gmail');
    expect(document.title).toBe(view.title);
    expect(document.querySelector('a[aria-label*="@"]')?.getAttribute('aria-label')).toBe(
      'Google Account: Northwind Support (support@northwind-shop.example)',
    );
    expect(document.querySelector('form[role=search] input[aria-label="Search mail"]')).not.toBeNull();
    expect(document.querySelectorAll('div[role=main]')).toHaveLength(1);
    expect(document.querySelectorAll('[role=complementary]')).toHaveLength(0);
  });

  it('titles a thread by its subject and other lists by name', () => {
    const mailbox = sampleMailbox();
    expect(pageTitle(mailbox, parseRoute('#starred'))).toBe(
      'Starred - support@northwind-shop.example - Gmail',
    );
    expect(pageTitle(mailbox, INBOX_ROUTE, 'Refund please')).toBe(
      'Refund please - support@northwind-shop.example - Gmail',
    );
    expect(render('#search/refund').view.title).toBe(
      'Search results - support@northwind-shop.example - Gmail',
    );
  });

  it("shows the API's HTML-escaped snippets as the text they stand for", () => {
    expect(snippetText('I&#39;m &quot;here&quot; &lt;b&gt; &amp;amp; &#x41;&nbsp;')).toBe(
      'I\'m "here" <b> &amp; A\u00a0',
    );
    expect(snippetText('&bogus; &#0; & plain')).toBe('&bogus; &#0; & plain');
    const { document } = render(
      '#inbox',
      sampleMailboxWithSnippet('&lt;img src=x onerror=alert(1)&gt; I&#39;m'),
    );
    expect(document.querySelector('tr.zA .y2')?.textContent).toContain("<img src=x onerror=alert(1)> I'm");
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });

  it('writes list dates as Gmail does', () => {
    const context = { now: NOW, timeZone: 'UTC' };
    expect(listDate(Date.UTC(2026, 10, 21, 9, 5), context)).toBe('9:05 AM');
    expect(listDate(Date.UTC(2026, 2, 3, 9, 5), context)).toBe('Mar 3');
    expect(listDate(Date.UTC(2025, 2, 3, 9, 5), context)).toBe('3/3/25');
  });
});

describe('one request', () => {
  it('reads the label list once per render and again after a write', () => {
    const mailbox = sampleMailbox();
    let reads = 0;
    const counting = Object.assign(Object.create(mailbox) as typeof mailbox, {
      labels: () => {
        reads++;
        return mailbox.labels();
      },
    });
    const oneRequest = mailboxForOneRequest(counting);
    resolveView('#label/Helpdesk%2FStatus%2FOpen', { mailbox: oneRequest, now: NOW });
    expect(reads).toBe(1);
    resolveView(`#inbox/${REAL_TOKEN}`, { mailbox: oneRequest, now: NOW });
    // Opening the unread thread marks it read, so the counts are read again for the nav and title.
    expect(reads).toBe(2);
  });
});

describe("Gmail's layouts", () => {
  function renderIn(hash: string, layout: Partial<typeof DEFAULT_LAYOUT>) {
    const mailbox = sampleMailbox();
    const full = { ...DEFAULT_LAYOUT, ...layout };
    const view = resolveView(hash, { mailbox, now: NOW, timeZone: 'UTC' }, full);
    return parse(renderPage(view, mailbox, full).value);
  }

  it('shows the list with .aia and the thread beside it when the reading pane is on', () => {
    const document = renderIn(`#inbox/${REAL_TOKEN}`, { readingPane: 'right' });
    expect(document.querySelector('div[role=main] [gh=tl].aia tr.zA')).not.toBeNull();
    expect(document.querySelector('.standin-reading-pane h2.hP')?.getAttribute('data-legacy-thread-id')).toBe(
      REAL_THREAD_ID,
    );
    const empty = renderIn('#inbox', { readingPane: 'right' });
    expect(empty.querySelector('.standin-reading-pane h2.hP')).toBeNull();
  });

  it('carries pop-out compose windows as templates and an empty compose dock', () => {
    const document = renderIn(`#inbox/${REAL_TOKEN}`, { replyIn: 'popout' });
    expect(document.querySelector('.dw .nH > .nH > .no')?.children).toHaveLength(0);
    const reply = document.querySelector<HTMLTemplateElement>('#standin-popout-reply-template');
    const dialog = reply?.content.querySelector('[role=dialog]');
    expect(dialog?.getAttribute('aria-label')).toBe('Re: Where is my order #1042?');
    expect(dialog?.querySelector('input[name=subjectbox]')?.getAttribute('value')).toBe(
      'Re: Where is my order #1042?',
    );
    expect(dialog?.querySelector('[g_editable="true"][role=textbox]')).not.toBeNull();
    const compose = document.querySelector<HTMLTemplateElement>('#standin-compose-template');
    expect(compose?.content.querySelector('[role=dialog]')?.getAttribute('aria-label')).toBe('New Message');
    expect(document.querySelector('[data-standin-reply-in="popout"]')).not.toBeNull();
  });

  it('marks theme and density on <html> for the stylesheet only', () => {
    const document = renderIn('#inbox', { theme: 'dark', density: 'compact' });
    expect(document.documentElement.className).toBe('standin-theme-dark standin-density-compact');
  });
});
