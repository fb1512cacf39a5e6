import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../core/knowledge/articles';
import { DEFAULT_SETTINGS } from '../core/settings';
import { replyResults } from '../messaging/contract-replies';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../store/db';
import { putTickets, type TicketInput } from '../store/ticket-store';
import { testRecordBook } from '../sync/automation/testing';
import type { DeskServices } from './desk';
import { createKnowledgeDesk } from './knowledge-desk';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;
const MAILBOX = 'support@shop.example';

const opened: LabeldeskDatabase[] = [];
let count = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function desk({ agentName = 'Anna', tickets = [] as TicketInput[] } = {}) {
  count += 1;
  const db = await openLabeldeskDatabase(`kb-${count}@shop.example`);
  opened.push(db);
  await putTickets(db, tickets);
  const clock = { now: NOW };
  const records = testRecordBook(db, MAILBOX, () => clock.now);
  const verified: string[] = [];
  const announced: { mailbox: string; all: boolean | undefined }[] = [];
  const services = {
    mailboxFor: async () => ({ engine: { records }, db, calls: {} }),
    verifyMailbox: async (mailbox: string) => {
      verified.push(mailbox);
    },
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, agentName }),
    announce: (mailbox: string, _threadIds: readonly string[], all?: boolean) =>
      announced.push({ mailbox, all }),
    now: () => clock.now,
  } as unknown as DeskServices;
  return { handlers: createKnowledgeDesk(services), verified, announced, clock, db };
}

const context = { caller: 'extension-page' as const };

const draft: ArticleDraft = {
  title: 'Returns',
  body: 'Send it back within 30 days.',
  language: 'en',
  owner: 'Anna',
  tags: ['Returns'],
  state: 'published',
  lastReviewedAt: NOW,
};

describe('the knowledge desk', () => {
  it('saves after checking the mailbox, as this browser’s agent, and tells the tabs', async () => {
    const { handlers, verified, announced } = await desk();
    const { article } = await handlers['kb.save']({ mailbox: MAILBOX, article: draft }, context);
    expect(replyResults['kb.save'].parse({ article })).toEqual({ article });
    expect(article).toMatchObject({ ...draft, author: 'Anna', createdAt: NOW, kind: 'article' });
    expect(verified).toEqual([MAILBOX]);
    expect(announced).toEqual([{ mailbox: MAILBOX, all: true }]);
    const listed = await handlers['kb.list']({ mailbox: MAILBOX }, context);
    expect(listed.articles).toEqual([article]);
  });

  it('names the mailbox as author when this browser has no agent name', async () => {
    const { handlers } = await desk({ agentName: '' });
    const { article } = await handlers['kb.save']({ mailbox: MAILBOX, article: draft }, context);
    expect(article.author).toBe(MAILBOX);
  });

  it('lists the newest version of each article; a delete removes it and saving it again is the undo', async () => {
    const { handlers, clock } = await desk();
    const { article: first } = await handlers['kb.save']({ mailbox: MAILBOX, article: draft }, context);
    clock.now += 1_000;
    const { article: edited } = await handlers['kb.save'](
      { mailbox: MAILBOX, article: { ...draft, articleId: first.articleId, title: 'Returns and refunds' } },
      context,
    );
    await handlers['kb.save']({ mailbox: MAILBOX, article: { ...draft, title: 'Address change' } }, context);
    const titles = async () =>
      (await handlers['kb.list']({ mailbox: MAILBOX }, context)).articles.map((a) => a.title);
    expect(await titles()).toEqual(['Address change', 'Returns and refunds']);

    const { article: deleted } = await handlers['kb.delete'](
      { mailbox: MAILBOX, articleId: first.articleId },
      context,
    );
    expect(deleted).toMatchObject({
      articleId: first.articleId,
      deleted: true,
      title: 'Returns and refunds',
    });
    expect(await titles()).toEqual(['Address change']);

    const { kind: _k, id: _i, author: _a, createdAt: _c, ...undo } = edited;
    await handlers['kb.save']({ mailbox: MAILBOX, article: undo }, context);
    expect(await titles()).toEqual(['Address change', 'Returns and refunds']);
  });

  it('refuses to delete an article it does not know', async () => {
    const { handlers } = await desk();
    await expect(
      handlers['kb.delete']({ mailbox: MAILBOX, articleId: '00000000-0000-4000-8000-000000000099' }, context),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('searches the published articles in force', async () => {
    const { handlers } = await desk();
    await handlers['kb.save']({ mailbox: MAILBOX, article: draft }, context);
    await handlers['kb.save'](
      { mailbox: MAILBOX, article: { ...draft, title: 'Returns draft', state: 'draft' } },
      context,
    );
    await handlers['kb.save'](
      { mailbox: MAILBOX, article: { ...draft, title: 'Zwroty', language: 'pl', body: 'returns' } },
      context,
    );
    const all = await handlers['kb.search']({ mailbox: MAILBOX, query: 'returns', limit: 10 }, context);
    expect(all.hits.map((h) => h.title)).toEqual(['Returns', 'Zwroty']);
    const polish = await handlers['kb.search'](
      { mailbox: MAILBOX, query: 'returns', language: 'pl', limit: 10 },
      context,
    );
    expect(polish.hits.map((h) => h.title)).toEqual(['Zwroty']);
    expect(replyResults['kb.search'].parse(polish)).toEqual(polish);
  });

  it('proposes FAQ candidates from the stored tickets, leaving out tags a fresh article covers', async () => {
    const ticket = (n: number, tag: string, status: TicketInput['status']): TicketInput => ({
      threadId: `b${n}`,
      reference: `#0000B${n}`,
      subject: `Question ${n}`,
      requester: { email: 'jan@client.pl' },
      status,
      tags: [{ what: tag }],
      createdAt: NOW - n * DAY,
      labelIds: [],
      hasMetadata: true,
    });
    const { handlers } = await desk({
      tickets: [
        ticket(1, 'Returns', 'Solved'),
        ticket(2, 'Returns', 'Open'),
        ticket(3, 'Returns', 'Solved'),
        ticket(4, 'Payment error', 'Solved'),
        ticket(5, 'Payment error', 'Solved'),
        ticket(6, 'Payment error', 'Open'),
        ticket(7, 'Payment error', 'Solved'),
      ],
    });
    const before = await handlers['kb.candidates']({ mailbox: MAILBOX }, context);
    expect(replyResults['kb.candidates'].parse(before)).toEqual(before);
    expect(before.candidates.map((c) => [c.tag, c.tickets, c.solved])).toEqual([
      ['Payment error', 4, 3],
      ['Returns', 3, 2],
    ]);
    expect(before.candidates[1]?.examples.map((e) => e.reference)).toEqual(['#0000B1', '#0000B3']);
    await handlers['kb.save']({ mailbox: MAILBOX, article: draft }, context);
    const after = await handlers['kb.candidates']({ mailbox: MAILBOX }, context);
    expect(after.candidates.map((c) => c.tag)).toEqual(['Payment error']);
  });
});
