// The results of the reply tools' methods (issue 5): templates, text shortcuts, macros and their
// notifications. Apart from contract-results.ts so that the content script loaded with every Gmail page
// does not carry them; the reply tools' own script (loaded on first use) and the extension pages do.
import { z } from 'zod/mini';
import { articleRecordSchema } from '../core/knowledge/articles';
import { templateLibrarySchema } from '../core/templates';
import { agentNameSchema, epochMsSchema, labeldeskResults, threadIdSchema } from './contract-results';

/** The team's reply library in force, with who saved it last and when (null: nobody has yet). */
export const libraryViewSchema = z.object({
  library: templateLibrarySchema,
  updatedAt: z.nullable(epochMsSchema),
  author: z.nullable(agentNameSchema),
});
export type LibraryView = z.infer<typeof libraryViewSchema>;

const empty = z.object({});

/** One knowledge-base search hit: enough to insert a link or the text into a reply (issue 7). */
export const articleHitSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  language: articleRecordSchema.shape.language,
  /** Markdown, as written; the reply tools insert it as plain text. */
  body: z.string(),
  url: z.optional(z.string()),
  state: articleRecordSchema.shape.state,
  /** A few words around the first match, for the list. */
  excerpt: z.string(),
});
export type ArticleHit = z.infer<typeof articleHitSchema>;

/** A recurring tag with no article yet (or a stale one): a proposal for the FAQ. */
export const faqCandidateSchema = z.object({
  tag: z.string(),
  /** Tickets with the tag created in the last 90 days, and how many of those are solved. */
  tickets: z.number().check(z.int(), z.nonnegative()),
  solved: z.number().check(z.int(), z.nonnegative()),
  /** Solved tickets to write the article from, newest first (at most 5). */
  examples: z.array(
    z.object({
      threadId: threadIdSchema,
      reference: z.string(),
      subject: z.string(),
      solvedAt: z.optional(epochMsSchema),
    }),
  ),
  /** The article that already covers the tag, if any (a candidate then means "review it"). */
  articleId: z.optional(z.string()),
  stale: z.boolean(),
});
export type FaqCandidate = z.infer<typeof faqCandidateSchema>;

export const replyResults = {
  'library.get': libraryViewSchema,
  'library.set': libraryViewSchema,
  'template.save': libraryViewSchema,
  'notify.send': empty,
  /** Every article in force (the newest version of each, deleted ones left out), titles in order. */
  'kb.list': z.object({ articles: z.array(articleRecordSchema) }),
  /** The saved version (a new article record). */
  'kb.save': z.object({ article: articleRecordSchema }),
  'kb.delete': z.object({ article: articleRecordSchema }),
  'kb.search': z.object({ hits: z.array(articleHitSchema) }),
  'kb.candidates': z.object({ candidates: z.array(faqCandidateSchema) }),
  'kb.open': empty,
} as const;

export type ReplyResults = typeof replyResults;

/** Every method's result: for the scripts that call reply methods as well as the others. */
export const allResults = { ...labeldeskResults, ...replyResults } as const;
