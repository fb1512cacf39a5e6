// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketToolsProps } from '../content/reply-tools-api';
import type { ArticleDraft, ArticleRecord } from '../core/knowledge/articles';
import { type LoadedFixture, loadFixture } from '../gmail/dom/fixtures.test-helper';
import { LabeldeskError } from '../messaging/errors';
import { type FakeHandlers, fakeConnector } from '../ui/connector';
import { button, mount, unmount, useEnglish, waitFor } from '../ui/ticket/testing';
import { articleTitle, ReplyToArticle } from './reply-to-article';
import { MAILBOX, NOW, TEAM, TICKET } from './testing';
import { readThreadMessages } from './thread-reading';

const SAVED_ID = '00000000-0000-4000-8000-0000000000c1';
const SIGNATURE =
  '<div class="gmail_signature" data-smartmail="gmail_signature">-- <br>Anna, Northwind</div>';
const QUOTE =
  '<div class="gmail_quote">On Fri, Olga wrote:<blockquote>Где мой заказ? Мой телефон +7 900 000-00-00</blockquote></div>';

const TOOLS: TicketToolsProps = {
  mailbox: MAILBOX,
  threadId: TICKET.threadId,
  ticket: {
    ...TICKET,
    subject: 'Re: Fwd: Спасибо!',
    tags: [{ what: 'Returns', why: 'Damaged in transit' }, { what: 'Feedback' }],
  },
  team: TEAM,
  me: 'Anna',
  now: () => NOW,
  applyPatch: () => ({ revoke() {} }),
};

function saved(article: ArticleDraft): ArticleRecord {
  return {
    ...article,
    kind: 'article',
    id: '00000000-0000-4000-8000-0000000000d1',
    articleId: SAVED_ID,
    author: 'Anna',
    createdAt: NOW,
  };
}

let restore = () => {};
let page: LoadedFixture | undefined;
beforeEach(() => {
  restore = useEnglish();
});
afterEach(async () => {
  unmount();
  restore();
  await page?.close();
  page = undefined;
});

function mountOn(
  view: 'reply' | 'thread' | undefined,
  handlers: FakeHandlers,
  openKnowledgeBase: (articleId?: string) => Promise<void> = async () => {},
) {
  page = view === undefined ? undefined : loadFixture(view);
  const doc = page?.document ?? document;
  const connector = fakeConnector(handlers, MAILBOX);
  const root = mount(
    <ReplyToArticle
      tools={TOOLS}
      messages={readThreadMessages(doc)}
      connector={connector}
      doc={doc}
      caret={() => undefined}
      openKnowledgeBase={openKnowledgeBase}
    />,
  );
  const saves = () =>
    connector.calls
      .filter((call) => call.method === 'kb.save')
      .map((call) => call.args as { article: ArticleDraft });
  return { root, doc, connector, saves };
}

const turn = (root: HTMLElement) => act(() => button(root, 'Turn this reply into an article')?.click());

describe("an article's title from the ticket's subject", () => {
  it.each([
    ['Re: Fwd: Where is my order?', 'Where is my order?'],
    ['RE: AW:  Возврат   товара ', 'Возврат товара'],
    ['Odp: Zwrot [Ticket #K7Q2XM]', 'Zwrot [Ticket #K7Q2XM]'],
    ['Re:', ''],
  ])('%j → %j', (subject, title) => {
    expect(articleTitle(subject)).toBe(title);
  });
});

describe('turning a reply into an article', () => {
  it('saves the reply being written as a draft (without signature and quote) and opens it in the knowledge base', async () => {
    const opened: (string | undefined)[] = [];
    const m = mountOn('reply', { 'kb.save': ({ article }) => ({ article: saved(article) }) }, async (id) => {
      opened.push(id);
    });
    const body = m.doc.querySelector('.M9 [g_editable="true"]') as HTMLElement;
    body.innerHTML = `Здравствуйте!<br>Верните товар в течение 30 дней, и мы вернём деньги.<br>${SIGNATURE}${QUOTE}`;
    await turn(m.root);
    await waitFor(() => opened.length === 1, 'the knowledge base opened');
    expect(m.root.querySelector('[role="status"]')?.textContent).toBe(
      'Draft saved, opening the knowledge base',
    );
    expect(m.saves()).toEqual([
      {
        article: {
          title: 'Спасибо!',
          body: 'Здравствуйте!\nВерните товар в течение 30 дней, и мы вернём деньги.',
          language: 'ru',
          owner: 'Anna',
          tags: ['Returns/Damaged in transit', 'Feedback'],
          state: 'draft',
          lastReviewedAt: NOW,
          sourceThreadId: TICKET.threadId,
        },
      },
    ]);
    expect(opened).toEqual([SAVED_ID]);
  });

  it("saves the team's latest message in the thread when no reply is being written", async () => {
    const m = mountOn('thread', { 'kb.save': ({ article }) => ({ article: saved(article) }) });
    const team = readThreadMessages(m.doc).filter((message) => message.from === MAILBOX);
    expect(team.length).toBeGreaterThan(0);
    await turn(m.root);
    await waitFor(() => m.saves().length === 1, 'the save');
    const article = m.saves()[0]?.article;
    expect(article?.body).toBe(team.at(-1)?.text);
    expect(article?.body.startsWith('Здравствуйте, Ольга!')).toBe(true);
    expect(article).toMatchObject({ title: 'Спасибо!', language: 'ru', state: 'draft', owner: 'Anna' });
    // Only the team's words: nothing the customer wrote.
    for (const message of readThreadMessages(m.doc).filter((message) => message.from !== MAILBOX))
      expect(article?.body).not.toContain(message.text.slice(0, 40));
  });

  it("uses the team's latest message when the open reply is still empty", async () => {
    const m = mountOn('reply', { 'kb.save': ({ article }) => ({ article: saved(article) }) });
    (m.doc.querySelector('.M9 [g_editable="true"]') as HTMLElement).innerHTML = `${SIGNATURE}${QUOTE}`;
    await turn(m.root);
    await waitFor(() => m.saves().length === 1, 'the save');
    expect(m.saves()[0]?.article.body.startsWith('Здравствуйте, Ольга!')).toBe(true);
  });

  it('says there is nothing to turn into an article, and saves nothing', async () => {
    const m = mountOn(undefined, {});
    await turn(m.root);
    const alert = await waitFor(() => m.root.querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toBe(
      'There is no reply to turn into an article: write one, or open a thread the team has answered',
    );
    expect(m.connector.calls).toEqual([]);
  });

  it('says why the draft was not saved and tries again', async () => {
    let fail = true;
    const opened: (string | undefined)[] = [];
    const m = mountOn(
      'thread',
      {
        'kb.save': ({ article }) => {
          if (fail) throw new LabeldeskError('mailbox-mismatch', 'other mailbox');
          return { article: saved(article) };
        },
      },
      async (id) => {
        opened.push(id);
      },
    );
    await turn(m.root);
    const alert = await waitFor(() => m.root.querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toContain('Could not save the draft');
    expect(opened).toEqual([]);
    fail = false;
    await act(() => button(alert as HTMLElement, 'Try again')?.click());
    await waitFor(() => opened.length === 1, 'the knowledge base opened');
    expect(m.saves()).toHaveLength(2);
    expect(m.root.querySelector('[role="alert"]')).toBeNull();
  });

  it('says the draft is saved when the knowledge base does not open, and opens it on request', async () => {
    const opened: (string | undefined)[] = [];
    const m = mountOn('thread', { 'kb.save': ({ article }) => ({ article: saved(article) }) }, async (id) => {
      opened.push(id);
      if (opened.length === 1) throw new LabeldeskError('unreachable', 'no answer');
    });
    await turn(m.root);
    const alert = await waitFor(() => m.root.querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toContain('Draft saved, but the knowledge base did not open');
    await act(() => button(alert as HTMLElement, 'Open the draft')?.click());
    await waitFor(() => opened.length === 2, 'the second opening');
    expect(opened).toEqual([SAVED_ID, SAVED_ID]);
    // Saved once: opening again does not make a second draft.
    expect(m.saves()).toHaveLength(1);
  });
});
