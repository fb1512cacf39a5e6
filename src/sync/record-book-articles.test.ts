import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type ArticleDraft, articleRecordSchema, currentArticles } from '../core/knowledge/articles';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../store/db';
import { testRecordBook } from './automation/testing';

const NOW = Date.UTC(2026, 10, 20, 12);
const opened: LabeldeskDatabase[] = [];
let count = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function book(clock: { now: number }) {
  count += 1;
  const db = await openLabeldeskDatabase(`articles-${count}@shop.example`);
  opened.push(db);
  let ids = 0;
  const records = testRecordBook(db, 'support@shop.example', () => clock.now);
  // Predictable ids: the book's id source, as the service worker's would be.
  (records as unknown as { newId: () => string }).newId = () => {
    ids += 1;
    return `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`;
  };
  return { db, records };
}

const draft: ArticleDraft = {
  title: 'Returns',
  body: 'Within 30 days.',
  language: 'en',
  owner: 'Anna',
  tags: ['Returns'],
  state: 'published',
  lastReviewedAt: NOW,
};

describe('RecordBook articles', () => {
  it('writes a new article with a new id and the clock time, and reads it back', async () => {
    const clock = { now: NOW };
    const { db, records } = await book(clock);
    const saved = await records.addArticle(draft, 'Anna');
    expect(saved).toEqual({
      kind: 'article',
      id: '00000000-0000-4000-8000-000000000001',
      articleId: '00000000-0000-4000-8000-000000000002',
      author: 'Anna',
      createdAt: NOW,
      ...draft,
    });
    expect(articleRecordSchema.parse(saved)).toEqual(saved);
    expect(await records.articles()).toEqual([saved]);
    // Stored as a shared record under its message id, beside the other kinds.
    expect((await db.get('records', saved.id))?.messageId).toBe('a0001');
  });

  it('keeps every version; a delete is a newer version marked deleted, and saving again undoes it', async () => {
    const clock = { now: NOW };
    const { records } = await book(clock);
    const first = await records.addArticle(draft, 'Anna');
    const second = await records.addArticle(
      { ...draft, articleId: first.articleId, title: 'Returns and refunds' },
      'Dmitri',
    );
    // The same millisecond: the new version still comes after the old one.
    expect(second.createdAt).toBe(NOW + 1);
    expect(currentArticles(await records.articles()).map((a) => a.title)).toEqual(['Returns and refunds']);

    const deleted = await records.deleteArticle(second, 'Anna');
    expect(deleted).toMatchObject({
      articleId: first.articleId,
      deleted: true,
      author: 'Anna',
      createdAt: NOW + 2,
    });
    expect(deleted).not.toHaveProperty('messageId');
    expect(currentArticles(await records.articles())).toEqual([]);

    clock.now = NOW + 60_000;
    const { kind: _k, id: _i, author: _a, createdAt: _c, ...undo } = second;
    await records.addArticle(undo, 'Anna');
    expect(currentArticles(await records.articles()).map((a) => a.title)).toEqual(['Returns and refunds']);
    expect(await records.articles()).toHaveLength(4);
  });

  it('lists only article records', async () => {
    const { records } = await book({ now: NOW });
    await records.addNote({ threadId: 'a1', author: 'Anna', body: 'A note', mentions: [] });
    await records.addArticle(draft, 'Anna');
    expect((await records.articles()).map((r) => r.kind)).toEqual(['article']);
    expect(await records.forThread('a1')).toHaveLength(1);
  });
});
