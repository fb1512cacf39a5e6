/**
 * Knowledge-base articles (issue 7, PRODUCT.md "Knowledge base"): FAQ answers the team writes once, often
 * from a reply that worked, and links or pastes into replies. Articles are shared records: each save is a
 * new record (kind 'article') carrying the whole article; the newest record of an `articleId` is the
 * article, and a record with `deleted` removes it (saving the previous version again is the undo).
 * zod/mini, so the reply tools' script can validate what it is sent without zod's classic build.
 */
import { z } from 'zod/mini';
import { TEMPLATE_LANGUAGES } from '../templates';

export const ARTICLE_TITLE_MAX = 200;
export const ARTICLE_BODY_MAX = 50_000;
export const ARTICLE_TAGS_MAX = 20;
/** An article not reviewed for this long is flagged stale (PRODUCT.md: owner and last-reviewed date). */
export const ARTICLE_STALE_AFTER_DAYS = 180;

const recordId = z.string().check(z.regex(/^[0-9a-f-]{36}$/));
const epochMs = z.number().check(z.int(), z.nonnegative());
const agent = z.string().check(z.minLength(1), z.maxLength(200));

/** Where the article is published for customers: only https, so an inserted link is never `javascript:`. */
export const articleUrlSchema = z.string().check(
  z.maxLength(2_000),
  z.refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// address'),
);

/** What an editor sends to save: the article without its record bookkeeping. */
export const articleDraftSchema = z.object({
  /** Absent for a new article: the service worker gives it one. */
  articleId: z.optional(recordId),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(ARTICLE_TITLE_MAX)),
  /** Markdown. Raw HTML in it is shown as text, never run (see ./markdown.ts). */
  body: z.string().check(z.maxLength(ARTICLE_BODY_MAX)),
  language: z.enum(TEMPLATE_LANGUAGES),
  owner: agent,
  tags: z.array(z.string().check(z.minLength(1), z.maxLength(401))).check(z.maxLength(ARTICLE_TAGS_MAX)),
  state: z.enum(['draft', 'published']),
  lastReviewedAt: epochMs,
  /** The ticket whose reply it was made from ("turn this reply into an article"). */
  sourceThreadId: z.optional(z.string().check(z.regex(/^[0-9a-f]{1,16}$/))),
  url: z.optional(articleUrlSchema),
});
export type ArticleDraft = z.infer<typeof articleDraftSchema>;

export const articleRecordSchema = z.object({
  kind: z.literal('article'),
  /** This version's record id. */
  id: recordId,
  ...articleDraftSchema.shape,
  articleId: recordId,
  /** Who saved this version. */
  author: agent,
  deleted: z.optional(z.literal(true)),
  createdAt: epochMs,
});
export type ArticleRecord = z.infer<typeof articleRecordSchema>;

/** The articles in force: the newest record of each articleId (ties by record id), deleted ones left out. */
export function currentArticles(records: readonly ArticleRecord[]): ArticleRecord[] {
  const newest = new Map<string, ArticleRecord>();
  for (const record of records) {
    const seen = newest.get(record.articleId);
    if (
      !seen ||
      record.createdAt > seen.createdAt ||
      (record.createdAt === seen.createdAt && record.id > seen.id)
    )
      newest.set(record.articleId, record);
  }
  return [...newest.values()]
    .filter((record) => !record.deleted)
    .sort((a, b) => a.title.localeCompare(b.title) || (a.articleId < b.articleId ? -1 : 1));
}

/** Whether nobody has reviewed the article for ARTICLE_STALE_AFTER_DAYS. */
export function isStale(article: Pick<ArticleRecord, 'lastReviewedAt'>, now: number): boolean {
  return now - article.lastReviewedAt > ARTICLE_STALE_AFTER_DAYS * 86_400_000;
}
