/** Hand-made article records for the knowledge base's unit tests (not shipped: only tests import it). */
import type { ArticleRecord } from './articles';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 20, 12);

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function article(n: number, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    kind: 'article',
    id: uuid(1000 + n),
    articleId: uuid(n),
    title: `Article ${n}`,
    body: '',
    language: 'en',
    owner: 'Anna',
    tags: [],
    state: 'published',
    lastReviewedAt: NOW - 10 * DAY,
    author: 'Anna',
    createdAt: NOW - 10 * DAY,
    ...overrides,
  };
}
