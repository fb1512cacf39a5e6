/**
 * "Turn this reply into an article" (issue 7, PRODUCT.md "Knowledge base"): the reply being written, or else
 * the team's latest message in the thread, saved as a draft article (the agent's own words only: the
 * signature and the quoted conversation are left out, as for a template) and opened in the knowledge base to
 * be finished there. The text goes only into the mailbox's own records ('kb.save').
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketToolsProps } from '../content/reply-tools-api';
import {
  ARTICLE_BODY_MAX,
  ARTICLE_TAGS_MAX,
  ARTICLE_TITLE_MAX,
  type ArticleDraft,
} from '../core/knowledge/articles';
import { detectLanguage } from '../core/language-detect';
import { tagPath } from '../core/ticket';
import { ownTextOf } from '../gmail/dom/compose';
import type { Connector } from '../ui/connector';
import { t } from '../ui/i18n';
import { asLabeldeskError, errorText } from '../ui/ticket/labels';
import { findReplyBox } from './reply-insert';
import type { ThreadMessage } from './thread-reading';

export type ReplyOrigin = 'compose' | 'sent';

export interface ReplyForArticle {
  /** The writer's own words: without the signature and the quoted conversation. */
  text: string;
  origin: ReplyOrigin;
}

/**
 * The reply to make the article from: the open reply's own words (the reply box holding the caret, else the
 * thread's), else the latest message the team sent in the thread (from the mailbox or an agent's address).
 */
export function replyForArticle(
  doc: Document,
  messages: readonly ThreadMessage[],
  teamAddresses: readonly string[],
  caret?: Range,
): ReplyForArticle | undefined {
  const box = findReplyBox(doc, caret);
  const writing = box ? ownTextOf(box.body) : '';
  if (writing !== '') return { text: writing, origin: 'compose' };
  const team = new Set(teamAddresses.map((address) => address.toLowerCase()));
  const sent = messages.filter((message) => team.has(message.from) && message.text.trim() !== '').at(-1);
  return sent ? { text: sent.text, origin: 'sent' } : undefined;
}

// Reply and forward prefixes as mail clients write them (the same list as baseSubject, which lower-cases).
const SUBJECT_PREFIXES = /^\s*((re|fwd?|aw|wg|sv|vs|odp|pd|ответ|пересл)\s*(\[\d+\])?\s*:\s*)+/iu;

/** "Re: Fwd: Where is my order?" → "Where is my order?" (case kept); "" when nothing is left. */
export function articleTitle(subject: string): string {
  return subject.replace(SUBJECT_PREFIXES, '').replace(/\s+/g, ' ').trim().slice(0, ARTICLE_TITLE_MAX).trim();
}

/** The draft article for the ticket's reply: subject as title, the reply as body, the ticket's tags. */
export function articleDraftFromReply(
  tools: Pick<TicketToolsProps, 'mailbox' | 'threadId' | 'ticket' | 'me' | 'now'>,
  text: string,
  untitled: string,
): ArticleDraft {
  const body = text.trim().slice(0, ARTICLE_BODY_MAX);
  const title = articleTitle(tools.ticket.subject) || untitled;
  return {
    title,
    // Plain text is valid Markdown: the agent formats it in the knowledge base.
    body,
    language: detectLanguage(body).language,
    owner: (tools.me || tools.mailbox).slice(0, 200),
    tags: [...new Set(tools.ticket.tags.map(tagPath))].slice(0, ARTICLE_TAGS_MAX),
    state: 'draft',
    lastReviewedAt: tools.now(),
    ...(/^[0-9a-f]{1,16}$/.test(tools.threadId) ? { sourceThreadId: tools.threadId } : {}),
  };
}

export interface ReplyToArticleProps {
  tools: TicketToolsProps;
  /** The open thread's messages, oldest first. */
  messages: readonly ThreadMessage[];
  connector: Connector;
  /** Gmail's page. */
  doc: Document;
  /** Where the agent's caret last was in a compose body (rememberComposeCaret). */
  caret(): Range | undefined;
  openKnowledgeBase(articleId?: string): Promise<void>;
}

type Turning =
  | { kind: 'idle' }
  | { kind: 'nothing' }
  | { kind: 'saving' }
  | { kind: 'saved'; articleId: string }
  | { kind: 'open-failed'; articleId: string; detail: string }
  | { kind: 'failed'; detail: string };

/** The button, and what became of the last press. */
export function ReplyToArticle({
  tools,
  messages,
  connector,
  doc,
  caret,
  openKnowledgeBase,
}: ReplyToArticleProps) {
  const [turning, setTurning] = useState<Turning>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const id = `reply-to-article-${tools.threadId}`;

  const open = async (articleId: string) => {
    setTurning({ kind: 'saved', articleId });
    try {
      await openKnowledgeBase(articleId);
    } catch (error) {
      if (alive.current)
        setTurning({ kind: 'open-failed', articleId, detail: errorText(asLabeldeskError(error)) });
    }
  };

  const turn = async () => {
    const teamAddresses = [tools.mailbox, ...(tools.team?.config?.agents.map((agent) => agent.email) ?? [])];
    const reply = replyForArticle(doc, messages, teamAddresses, caret());
    if (!reply) {
      setTurning({ kind: 'nothing' });
      return;
    }
    setTurning({ kind: 'saving' });
    try {
      const { article } = await connector.call('kb.save', {
        article: articleDraftFromReply(tools, reply.text, t('kbReplyUntitled')),
      });
      if (alive.current) await open(article.articleId);
    } catch (error) {
      if (alive.current) setTurning({ kind: 'failed', detail: errorText(asLabeldeskError(error)) });
    }
  };

  return (
    <div class="reply-to-article">
      <div class="reply-actions">
        <button
          type="button"
          aria-describedby={`${id}-hint`}
          disabled={turning.kind === 'saving'}
          onClick={() => void turn()}
        >
          {t('kbReplyTurn')}
        </button>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {t('kbReplyTurnHint')}
      </p>
      {turning.kind === 'saving' && (
        <p class="reply-status" role="status">
          {t('kbReplySavingDraft')}
        </p>
      )}
      {turning.kind === 'saved' && (
        <p class="reply-status" role="status">
          {t('kbReplyDraftSaved')}
        </p>
      )}
      {turning.kind === 'nothing' && (
        <p class="reply-error" role="alert">
          {t('kbReplyNothingToTurn')}
        </p>
      )}
      {turning.kind === 'failed' && (
        <div role="alert" class="reply-error-box">
          <p class="reply-error">{t('kbReplyDraftFailed', turning.detail)}</p>
          <button type="button" onClick={() => void turn()}>
            {t('actionRetry')}
          </button>
        </div>
      )}
      {turning.kind === 'open-failed' && (
        <div role="alert" class="reply-error-box">
          <p class="reply-error">{t('kbReplyDraftOpenFailed', turning.detail)}</p>
          <button type="button" onClick={() => void open(turning.articleId)}>
            {t('kbReplyOpenDraft')}
          </button>
        </div>
      )}
    </div>
  );
}
