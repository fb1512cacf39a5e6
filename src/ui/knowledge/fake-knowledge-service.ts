/**
 * An in-memory KnowledgeService for tests (never imported by the page): keeps every saved version like the
 * mailbox's records, answers with the articles in force, records calls, and lets a test make the next call
 * of a method fail (`failNext.save = 'quota'`).
 */
import { type ArticleDraft, type ArticleRecord, currentArticles } from '../../core/knowledge/articles';
import type { TeamConfig } from '../../core/team-config';
import type { TeamView } from '../../messaging/contract';
import type { FaqCandidate } from '../../messaging/contract-replies';
import type { KnowledgeService } from './knowledge-service';

export interface FakeKnowledgeState {
  mailboxes: string[];
  teams: Record<string, TeamConfig | null>;
  me: string;
  /** Every version saved, per mailbox. */
  records: Record<string, ArticleRecord[]>;
  candidates?: Record<string, FaqCandidate[]>;
}

export function fakeKnowledgeService(state: FakeKnowledgeState, now: () => number) {
  const calls: { method: keyof KnowledgeService; args: unknown[] }[] = [];
  const failNext: Partial<Record<keyof KnowledgeService, string>> = {};
  let ids = 0;
  const newId = () => {
    ids += 1;
    return `00000000-0000-4000-9000-${String(ids).padStart(12, '0')}`;
  };
  const answer = async <T>(method: keyof KnowledgeService, args: unknown[], value: () => T): Promise<T> => {
    calls.push({ method, args });
    await Promise.resolve();
    const failure = failNext[method];
    if (failure !== undefined) {
      delete failNext[method];
      throw new Error(failure);
    }
    return structuredClone(value());
  };
  const versions = (mailbox: string) => {
    state.records[mailbox] ??= [];
    return state.records[mailbox];
  };
  const write = (mailbox: string, record: ArticleRecord) => {
    versions(mailbox).push(record);
    return record;
  };
  const at = (mailbox: string, articleId: string) =>
    Math.max(
      now(),
      ...versions(mailbox)
        .filter((r) => r.articleId === articleId)
        .map((r) => r.createdAt + 1),
    );

  const service: KnowledgeService = {
    mailboxes: () => answer('mailboxes', [], () => state.mailboxes),
    getTeam: (mailbox) =>
      answer(
        'getTeam',
        [mailbox],
        (): TeamView => ({ mailbox, config: state.teams[mailbox] ?? null, me: state.me }),
      ),
    list: (mailbox) => answer('list', [mailbox], () => currentArticles(versions(mailbox))),
    save: (mailbox, draft: ArticleDraft) =>
      answer('save', [mailbox, draft], () => {
        const { articleId, ...rest } = draft;
        const id = articleId ?? newId();
        return write(mailbox, {
          kind: 'article',
          id: newId(),
          ...rest,
          articleId: id,
          author: state.me || mailbox,
          createdAt: articleId === undefined ? now() : at(mailbox, id),
        });
      }),
    remove: (mailbox, articleId) =>
      answer('remove', [mailbox, articleId], () => {
        const current = currentArticles(versions(mailbox)).find((a) => a.articleId === articleId);
        if (!current) throw new Error('not found');
        return write(mailbox, {
          ...current,
          id: newId(),
          deleted: true,
          createdAt: at(mailbox, articleId),
        });
      }),
    candidates: (mailbox) => answer('candidates', [mailbox], () => state.candidates?.[mailbox] ?? []),
  };
  return { service, calls, failNext, state };
}
