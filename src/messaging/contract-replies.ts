// The results of the reply tools' methods (issue 5): templates, text shortcuts, macros and their
// notifications. Apart from contract-results.ts so that the content script loaded with every Gmail page
// does not carry them; the reply tools' own script (loaded on first use) and the extension pages do.
import { z } from 'zod/mini';
import { templateLibrarySchema } from '../core/templates';
import { agentNameSchema, epochMsSchema, labeldeskResults } from './contract-results';

/** The team's reply library in force, with who saved it last and when (null: nobody has yet). */
export const libraryViewSchema = z.object({
  library: templateLibrarySchema,
  updatedAt: z.nullable(epochMsSchema),
  author: z.nullable(agentNameSchema),
});
export type LibraryView = z.infer<typeof libraryViewSchema>;

const empty = z.object({});

export const replyResults = {
  'library.get': libraryViewSchema,
  'library.set': libraryViewSchema,
  'template.save': libraryViewSchema,
  'notify.send': empty,
} as const;

export type ReplyResults = typeof replyResults;

/** Every method's result: for the scripts that call reply methods as well as the others. */
export const allResults = { ...labeldeskResults, ...replyResults } as const;
