/**
 * The knowledge base's methods in the service worker (issue 7): the mailbox's article records (shared
 * records, one per saved version), searched for the reply tools' article picker, and the FAQ candidates
 * computed from this browser's store. Kept apart from desk.ts, which serves the tickets.
 */

import { type ArticleDraft, currentArticles } from '../core/knowledge/articles';
import { faqCandidates } from '../core/knowledge/candidates';
import { searchArticles } from '../core/knowledge/search';
import { LabeldeskError } from '../messaging/errors';
import { readReportInputs, saveFactsSnapshot } from '../store/report-inputs';
import type { RecordBook } from '../sync/record-book';
import type { DeskServices } from './desk';
import type { DeskHandlers } from './handlers';

export type KnowledgeHandlers = Pick<
  DeskHandlers,
  'kb.list' | 'kb.save' | 'kb.delete' | 'kb.search' | 'kb.candidates'
>;

export function createKnowledgeDesk(services: DeskServices): KnowledgeHandlers {
  const recordsOf = async (mailbox: string): Promise<RecordBook> => {
    const { engine } = await services.mailboxFor(mailbox);
    if (!engine.records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
    return engine.records;
  };
  /** Who saves: this browser's agent name, or the mailbox on a shared account without names. */
  const actor = async (mailbox: string) => (await services.loadSettings()).agentName || mailbox;
  const inForce = async (mailbox: string) => currentArticles(await (await recordsOf(mailbox)).articles());

  return {
    'kb.list': async ({ mailbox }) => ({ articles: await inForce(mailbox) }),

    'kb.save': async ({ mailbox, article }) => {
      await services.verifyMailbox(mailbox);
      const records = await recordsOf(mailbox);
      const saved = await records.addArticle(article as ArticleDraft, await actor(mailbox));
      // Every tab of the mailbox re-reads: the reply tools' article picker shows the new version.
      services.announce(mailbox, [], true);
      return { article: saved };
    },

    'kb.delete': async ({ mailbox, articleId }) => {
      await services.verifyMailbox(mailbox);
      const records = await recordsOf(mailbox);
      const current = currentArticles(await records.articles()).find((a) => a.articleId === articleId);
      if (!current) throw new LabeldeskError('not-found', `No article ${articleId} in this browser`);
      const deleted = await records.deleteArticle(current, await actor(mailbox));
      services.announce(mailbox, [], true);
      return { article: deleted };
    },

    'kb.search': async ({ mailbox, query, language, limit }) => ({
      hits: searchArticles(await inForce(mailbox), query, {
        ...(language !== undefined ? { language } : {}),
        limit,
      }),
    }),

    'kb.candidates': async ({ mailbox }) => {
      const { db } = await services.mailboxFor(mailbox);
      const [inputs, articles] = await Promise.all([readReportInputs(db), inForce(mailbox)]);
      // Saved after the answer: the next read (here or on the reports page) starts from these facts.
      const stale = inputs.staleSnapshot;
      if (stale) setTimeout(() => void saveFactsSnapshot(db, inputs.facts, stale).catch(() => false), 0);
      return { candidates: faqCandidates(inputs.facts, articles, services.now()) };
    },
  };
}
