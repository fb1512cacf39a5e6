// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markdownToPlainText } from '../core/knowledge/plain-text';
import { type LoadedFixture, loadFixture } from '../gmail/dom/fixtures.test-helper';
import type { ArticleHit } from '../messaging/contract-replies';
import { LabeldeskError } from '../messaging/errors';
import { type FakeHandlers, fakeConnector } from '../ui/connector';
import { button, byLabel, typeInto, useEnglish, waitFor } from '../ui/ticket/testing';
import { ARTICLE_HITS_LIMIT, articleLinkText } from './article-picker';
import { librarySource } from './library-source';
import { libraryView, MAILBOX, NOW, TEAM, TICKET } from './testing';
import { TicketTools } from './ticket-tools';

const RETURNS: ArticleHit = {
  articleId: '00000000-0000-4000-8000-0000000000b1',
  title: 'Возврат товара',
  language: 'ru',
  body: '# Возврат\n\n**В течение 30 дней** можно [вернуть заказ](https://help.northwind-shop.example/ru/returns).\n\n- Упакуйте товар\n- Приложите чек',
  url: 'https://help.northwind-shop.example/ru/returns',
  state: 'published',
  excerpt: '…можно вернуть заказ…',
};
const DELIVERY: ArticleHit = {
  articleId: '00000000-0000-4000-8000-0000000000b2',
  title: 'Delivery times',
  language: 'en',
  body: 'Parcels arrive in *3–5 days*. <b>Bold</b> stays text.',
  state: 'published',
  excerpt: 'Parcels arrive in 3–5 days.',
};

const SIGNATURE =
  '<div class="gmail_signature" data-smartmail="gmail_signature">-- <br>Anna, Northwind</div>';

interface Mounted {
  root: HTMLElement;
  doc: Document;
  connector: ReturnType<typeof fakeConnector>;
  opened: (string | undefined)[];
  searches(): unknown[];
}

let restore = () => {};
let page: LoadedFixture | undefined;
let root: HTMLElement | undefined;
beforeEach(() => {
  restore = useEnglish();
});
afterEach(async () => {
  if (root) act(() => render(null, root as HTMLElement));
  root = undefined;
  restore();
  await page?.close();
  page = undefined;
  document.body.innerHTML = '';
});

/** TicketTools in a shadow root, as the sidebar mounts it, over `view`'s Gmail page (none: an empty page). */
function mountOn(
  view: 'reply' | 'thread' | undefined,
  handlers: FakeHandlers,
  replyTimeoutMs = 200,
): Mounted {
  page = view === undefined ? undefined : loadFixture(view);
  const doc = page?.document ?? document;
  const connector = fakeConnector({ 'library.get': () => libraryView(), ...handlers }, MAILBOX);
  const opened: (string | undefined)[] = [];
  document.body.innerHTML = '<div id="host"></div>';
  const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
  const slot = document.createElement('div');
  slot.className = 'sidebar';
  shadow.append(slot);
  root = slot;
  act(() =>
    render(
      <TicketTools
        mailbox={MAILBOX}
        threadId={TICKET.threadId}
        ticket={TICKET}
        team={TEAM}
        me="Anna"
        now={() => NOW}
        applyPatch={() => ({ revoke() {} })}
        source={librarySource(MAILBOX, connector)}
        doc={doc}
        replyTimeoutMs={replyTimeoutMs}
        searchDebounceMs={0}
        openKnowledgeBase={async (articleId) => {
          opened.push(articleId);
        }}
      />,
      slot,
    ),
  );
  return {
    root: slot,
    doc,
    connector,
    opened,
    searches: () => connector.calls.filter((call) => call.method === 'kb.search').map((call) => call.args),
  };
}

const searchBox = (m: Mounted) => byLabel(m.root, 'Search articles') as HTMLInputElement;
const titles = (m: Mounted) => [...m.root.querySelectorAll('.article-title')].map((p) => p.textContent);
const replyBody = (doc: Document) => doc.querySelector('.M9 [g_editable="true"]') as HTMLElement;
/** The hit's own buttons: every hit has an "Insert text", so they are looked up within its item. */
const hitButton = (m: Mounted, title: string, name: string) => {
  const item = [...m.root.querySelectorAll('li.article-hit')].find((li) =>
    li.querySelector('.article-title')?.textContent?.includes(title),
  );
  return item ? button(item, name) : null;
};

async function turnToArticles(m: Mounted): Promise<void> {
  await act(() => searchBox(m).focus());
}

describe('the article picker', () => {
  it("searches once the agent turns to it, in the customer's language first, then in all languages", async () => {
    const m = mountOn('reply', {
      'kb.search': ({ language }) => ({ hits: language === 'ru' ? [RETURNS] : [RETURNS, DELIVERY] }),
    });
    await waitFor(() => button(m.root, 'Parcel late'), 'the tools');
    // Opening a ticket costs the worker nothing until the agent looks for an article.
    expect(m.searches()).toEqual([]);
    await turnToArticles(m);
    await waitFor(() => titles(m).length === 1, 'the Russian articles');
    expect(m.searches()).toEqual([{ query: '', language: 'ru', limit: ARTICLE_HITS_LIMIT }]);
    const hit = m.root.querySelector('li.article-hit') as HTMLElement;
    expect(hit.textContent).toContain('Russian');
    expect(hit.textContent).toContain('…можно вернуть заказ…');
    expect(hit.querySelector('.article-title')?.getAttribute('lang')).toBe('ru');

    const toggle = byLabel(m.root, 'Show articles in all languages') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await act(() => toggle.click());
    await waitFor(() => titles(m).length === 2, 'the articles in every language');
    expect(titles(m)).toEqual(['Возврат товара', 'Delivery times']);
    expect(m.searches().at(-1)).toEqual({ query: '', limit: ARTICLE_HITS_LIMIT });

    await typeInto(searchBox(m), '  delivery times ');
    await waitFor(() => m.searches().length === 3, 'the search for the words');
    expect(m.searches().at(-1)).toEqual({ query: 'delivery times', limit: ARTICLE_HITS_LIMIT });
  });

  it('shows only the answer to the latest search', async () => {
    const answers: ((hits: ArticleHit[]) => void)[] = [];
    const m = mountOn('reply', {
      'kb.search': () => new Promise((resolve) => answers.push((hits) => resolve({ hits }))),
    });
    await turnToArticles(m);
    await waitFor(() => answers.length === 1, 'the first search');
    expect(m.root.textContent).toContain('Searching articles…');
    await typeInto(searchBox(m), 'delivery');
    await waitFor(() => answers.length === 2, 'the second search');
    await act(() => answers[1]?.([DELIVERY]));
    await waitFor(() => titles(m).length === 1, 'the second answer');
    await act(() => answers[0]?.([RETURNS]));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(titles(m)).toEqual(['Delivery times']);
  });

  it('inserts the title and the https address with "Insert link", before the signature of the open reply', async () => {
    const m = mountOn('reply', { 'kb.search': () => ({ hits: [RETURNS] }) });
    const body = replyBody(m.doc);
    body.insertAdjacentHTML('beforeend', SIGNATURE);
    await turnToArticles(m);
    await waitFor(() => hitButton(m, 'Возврат товара', 'Insert link'), 'the hit');
    hitButton(m, 'Возврат товара', 'Insert link')?.click();
    const status = await waitFor(() => m.root.querySelector('li [role="status"].reply-status'), 'the status');
    expect(status.textContent).toBe('Inserted into the reply');
    const signature = body.querySelector('.gmail_signature') as ChildNode;
    const before = [...body.childNodes].slice(0, [...body.childNodes].indexOf(signature));
    expect(before.map((node) => node.textContent).join('')).toBe(
      'Thank you for your message. Возврат товара: https://help.northwind-shop.example/ru/returns',
    );
    expect(body.querySelector('a')).toBeNull();
  });

  it('inserts the article\'s Markdown as plain text with "Insert text"; markup in it stays text', async () => {
    const m = mountOn('reply', { 'kb.search': () => ({ hits: [RETURNS, DELIVERY] }) });
    const body = replyBody(m.doc);
    body.textContent = '';
    await turnToArticles(m);
    await waitFor(() => hitButton(m, 'Возврат товара', 'Insert text'), 'the hits');
    hitButton(m, 'Возврат товара', 'Insert text')?.click();
    await waitFor(() => m.root.querySelector('li [role="status"].reply-status'), 'the insert');
    const lines = [...body.childNodes]
      .map((node) => (node.nodeName === 'BR' ? '\n' : node.textContent))
      .join('');
    expect(lines).toBe(markdownToPlainText(RETURNS.body));
    expect(lines).toContain('В течение 30 дней');
    expect(lines).toContain('https://help.northwind-shop.example/ru/returns');
    expect(lines).not.toMatch(/\*\*|^#|\]\(/m);

    body.textContent = '';
    hitButton(m, 'Delivery times', 'Insert text')?.click();
    await waitFor(
      () => [...m.root.querySelectorAll('li [role="status"].reply-status')].length === 1 && body.textContent,
      'the second insert',
    );
    expect(body.textContent).toContain('<b>Bold</b> stays text.');
    expect(body.querySelector('b')).toBeNull();
  });

  it('offers "Insert link" only for an article published at an https address', async () => {
    const hostile = {
      ...DELIVERY,
      articleId: '00000000-0000-4000-8000-0000000000b3',
      title: 'Bad',
      url: 'javascript:alert(1)',
    };
    const m = mountOn('reply', { 'kb.search': () => ({ hits: [RETURNS, DELIVERY, hostile] }) });
    await turnToArticles(m);
    await waitFor(() => titles(m).length === 3, 'the hits');
    expect(hitButton(m, 'Возврат товара', 'Insert link')).not.toBeNull();
    expect(hitButton(m, 'Delivery times', 'Insert link')).toBeNull();
    expect(hitButton(m, 'Bad', 'Insert link')).toBeNull();
    expect(hitButton(m, 'Bad', 'Insert text')).not.toBeNull();
    expect(articleLinkText({ title: 'x', url: 'http://plain.example' })).toBeUndefined();
    // Each action is described by its article's title, so a screen reader tells the hits apart.
    const link = hitButton(m, 'Возврат товара', 'Insert link') as HTMLButtonElement;
    expect(m.root.querySelector(`[id="${link.getAttribute('aria-describedby')}"]`)?.textContent).toBe(
      'Возврат товара',
    );
  });

  it("opens Gmail's reply when none is open, then inserts", async () => {
    const m = mountOn('thread', { 'kb.search': () => ({ hits: [RETURNS] }) });
    for (const reply of m.doc.querySelectorAll('[role="button"][data-tooltip="Reply"]')) {
      reply.addEventListener('click', () => {
        setTimeout(() => {
          const template = m.doc.getElementById('standin-reply-template') as HTMLTemplateElement;
          m.doc.querySelector('.standin-reply-slot')?.append(template.content.cloneNode(true));
        }, 10);
      });
    }
    await turnToArticles(m);
    await waitFor(() => hitButton(m, 'Возврат товара', 'Insert link'), 'the hit');
    hitButton(m, 'Возврат товара', 'Insert link')?.click();
    await waitFor(() => m.root.querySelector('li [role="status"].reply-status'), 'the insert');
    expect(replyBody(m.doc).textContent).toBe(
      'Возврат товара: https://help.northwind-shop.example/ru/returns',
    );
  });

  it('says to open a reply when Gmail shows none and cannot open one', async () => {
    const m = mountOn(undefined, { 'kb.search': () => ({ hits: [DELIVERY] }) }, 20);
    await turnToArticles(m);
    await waitFor(() => hitButton(m, 'Delivery times', 'Insert text'), 'the hit');
    hitButton(m, 'Delivery times', 'Insert text')?.click();
    const alert = await waitFor(() => m.root.querySelector('li [role="alert"].reply-error'), 'the alert');
    expect(alert.textContent).toBe('Open a reply in Gmail, then insert again');
  });
});

describe('when the search finds nothing or fails', () => {
  it('offers to write the first article when the team has none', async () => {
    // No customer message on an empty page: no language to prefer.
    const m = mountOn(undefined, { 'kb.search': () => ({ hits: [] }) });
    await turnToArticles(m);
    await waitFor(() => m.root.textContent?.includes('No published articles yet'), 'the empty state');
    expect(m.searches()).toEqual([{ query: '', limit: ARTICLE_HITS_LIMIT }]);
    expect(m.root.querySelector('.article-languages')).toBeNull();
    await act(() => button(m.root, 'Open the knowledge base')?.click());
    expect(m.opened).toEqual([undefined]);
  });

  it("says when there is nothing in the customer's language, and when nothing matches", async () => {
    const m = mountOn('reply', { 'kb.search': () => ({ hits: [] }) });
    await turnToArticles(m);
    await waitFor(() => m.root.textContent?.includes('No articles in Russian yet'), 'none in Russian');
    await typeInto(searchBox(m), 'refund');
    await waitFor(() => m.root.textContent?.includes('No article matches'), 'no match');
    expect(button(m.root, 'Open the knowledge base')).toBeNull();
  });

  it('says why the search failed and searches again', async () => {
    let fail = true;
    const m = mountOn('reply', {
      'kb.search': () => {
        if (fail) throw new LabeldeskError('unreachable', "Labeldesk's background did not answer");
        return { hits: [RETURNS] };
      },
    });
    await turnToArticles(m);
    const alert = await waitFor(() => m.root.querySelector('.article-picker [role="alert"]'), 'the alert');
    expect(alert.textContent).toContain('Could not search the knowledge base');
    expect(alert.textContent).toContain("Labeldesk's background did not answer");
    fail = false;
    await act(() => button(alert, 'Try again')?.click());
    await waitFor(() => titles(m).length === 1, 'the hits after the retry');
    expect(m.root.querySelector('.article-picker [role="alert"]')).toBeNull();
    expect(m.searches()).toHaveLength(2);
  });
});
