/**
 * What the knowledge-base page asks of the service worker, as one small interface (like the options page's
 * OptionsService), so its components run and are tested without chrome.*. The page passes
 * `backgroundKnowledgeService()`; tests pass `fakeKnowledgeService`.
 */
import type { ArticleDraft, ArticleRecord } from '../../core/knowledge/articles';
import type { TeamView } from '../../messaging/contract';
import type { FaqCandidate } from '../../messaging/contract-replies';
import type { BackgroundCall } from '../team/options-service';

export interface KnowledgeService {
  /** Mailboxes a Gmail tab has shown in this browser; each has its own articles. */
  mailboxes(): Promise<string[]>;
  /** The team (agents for the owner, tags) and this browser's agent name. */
  getTeam(mailbox: string): Promise<TeamView>;
  /** The articles in force, titles in order. */
  list(mailbox: string): Promise<ArticleRecord[]>;
  /** Saves a new version (a new article without an id); the service worker sets author and time. */
  save(mailbox: string, draft: ArticleDraft): Promise<ArticleRecord>;
  /** Removes an article; the answer is the deleted version. Saving the previous version again undoes it. */
  remove(mailbox: string, articleId: string): Promise<ArticleRecord>;
  candidates(mailbox: string): Promise<FaqCandidate[]>;
}

/** The service backed by the messaging contract (`callBackground` on the knowledge-base page). */
export function backgroundKnowledgeService(call: BackgroundCall): KnowledgeService {
  return {
    mailboxes: async () => (await call('team.mailboxes', {})).mailboxes,
    getTeam: (mailbox) => call('team.get', { mailbox }),
    list: async (mailbox) => (await call('kb.list', { mailbox })).articles,
    save: async (mailbox, article) => (await call('kb.save', { mailbox, article })).article,
    remove: async (mailbox, articleId) => (await call('kb.delete', { mailbox, articleId })).article,
    candidates: async (mailbox) => (await call('kb.candidates', { mailbox })).candidates,
  };
}

/** The parts of an article record an editor sends back to save it again (the undo of a delete). */
export function draftOf(record: ArticleRecord): ArticleDraft {
  const {
    kind: _kind,
    id: _id,
    author: _author,
    createdAt: _createdAt,
    deleted: _deleted,
    ...draft
  } = record;
  return draft;
}
