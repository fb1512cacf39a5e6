/**
 * The knowledge base in Gmail's reply (issue 7, PRODUCT.md "Knowledge base"): the team's published articles,
 * searched in the customer's language first, inserted into the reply as a link ("Title: https://…") or as
 * the article's text, the way a template is. Everything is text: an article's Markdown is converted to plain
 * text here and Gmail's body never receives markup from it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketToolsProps } from '../content/reply-tools-api';
import { markdownToPlainText } from '../core/knowledge/plain-text';
import type { TemplateLanguage } from '../core/templates';
import { type ArticleHit, replyResults } from '../messaging/contract-replies';
import { callerFor } from '../messaging/sender';
import type { Connector } from '../ui/connector';
import { t } from '../ui/i18n';
import { asLabeldeskError, errorText } from '../ui/ticket/labels';
import type { InsertOutcome } from './reply-insert';
import { languageName } from './template-picker';

/** How many hits the picker asks for: more than a sidebar list is worth scrolling through is noise. */
export const ARTICLE_HITS_LIMIT = 20;
const SEARCH_DEBOUNCE_MS = 250;

const callKnowledge = callerFor({ 'kb.open': replyResults['kb.open'] });

/** Opens the knowledge-base page (on the article when given): a content script cannot open it itself. */
export async function openKnowledgeBase(articleId?: string): Promise<void> {
  await callKnowledge('kb.open', articleId === undefined ? {} : { articleId });
}

export interface ArticlePickerProps {
  tools: TicketToolsProps;
  connector: Connector;
  /** The customer's language, detected from the thread: articles in it are searched first. */
  language: TemplateLanguage | undefined;
  insert(text: string): Promise<InsertOutcome>;
  openKnowledgeBase(articleId?: string): Promise<void>;
  /** The pause after a keystroke before searching (tests shorten it). */
  debounceMs?: number | undefined;
}

/** The article's public address when it is an https one: anything else is never put into a reply. */
export function articleLink(hit: Pick<ArticleHit, 'url'>): string | undefined {
  if (!hit.url) return undefined;
  try {
    return new URL(hit.url).protocol === 'https:' ? hit.url : undefined;
  } catch {
    return undefined;
  }
}

/** What "Insert link" puts into the reply: the title, then the address. */
export function articleLinkText(hit: Pick<ArticleHit, 'title' | 'url'>): string | undefined {
  const url = articleLink(hit);
  return url === undefined ? undefined : `${hit.title.trim()}: ${url}`;
}

/** What "Insert text" puts into the reply: the article's Markdown as plain text. */
export function articleBodyText(hit: Pick<ArticleHit, 'body'>): string {
  return markdownToPlainText(hit.body);
}

interface SearchKey {
  query: string;
  language: TemplateLanguage | undefined;
}

type Search =
  | { kind: 'loading'; hits: ArticleHit[] | undefined }
  | { kind: 'failed'; detail: string }
  | { kind: 'ready'; hits: ArticleHit[]; key: SearchKey };

type Outcome = { articleId: string; ok: boolean; text: string } | undefined;

/**
 * Search box, a switch to all languages (when the customer's is known), and the hits with "Insert link" and
 * "Insert text". The first search (no words: it lists the articles) runs when the agent first turns to the
 * search box; typing searches again after a pause, Enter at once. Only the latest answer is shown.
 */
export function ArticlePicker(props: ArticlePickerProps) {
  const { tools, connector, language, insert } = props;
  const debounceMs = props.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const [query, setQuery] = useState('');
  // No search until the agent turns to the articles: opening a ticket costs the worker nothing.
  const [active, setActive] = useState(false);
  const [allLanguages, setAllLanguages] = useState(false);
  const [search, setSearch] = useState<Search>({ kind: 'loading', hits: undefined });
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const typed = useRef(false);
  const now = useRef<() => void>(() => {});
  const id = `articles-${tools.threadId}`;
  const filter = allLanguages ? undefined : language;

  useEffect(() => {
    if (!active) return;
    const key: SearchKey = { query: query.trim().slice(0, 200), language: filter };
    const run = () => {
      clearTimeout(timer);
      const ticket = ++latest.current;
      setSearch((current) => ({
        kind: 'loading',
        hits: current.kind === 'failed' ? undefined : current.hits,
      }));
      connector
        .call('kb.search', {
          query: key.query,
          ...(key.language ? { language: key.language } : {}),
          limit: ARTICLE_HITS_LIMIT,
        })
        .then(
          ({ hits }) => ticket === latest.current && setSearch({ kind: 'ready', hits, key }),
          (error: unknown) =>
            ticket === latest.current &&
            setSearch({ kind: 'failed', detail: errorText(asLabeldeskError(error)) }),
        );
    };
    // Typing waits for a pause; the first search, a language switch and a retry go at once.
    const timer = setTimeout(run, typed.current ? debounceMs : 0);
    typed.current = false;
    now.current = run;
    return () => {
      clearTimeout(timer);
      latest.current += 1;
    };
  }, [active, connector, query, filter, attempt, debounceMs]);

  const onInsert = async (hit: ArticleHit, text: string) => {
    setBusy(true);
    const result = await insert(text);
    setBusy(false);
    setOutcome({
      articleId: hit.articleId,
      ok: result.ok,
      text: result.ok ? t('replyInserted') : t('replyOpenReplyFirst'),
    });
  };

  const hits = search.kind === 'failed' ? undefined : search.hits;
  return (
    <section aria-labelledby={id} class="article-picker">
      <h5 id={id}>{t('kbReplyHeading')}</h5>
      <div class="field">
        <label for={`${id}-search`}>{t('kbReplySearch')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          maxLength={200}
          onFocus={() => setActive(true)}
          onInput={(event) => {
            typed.current = active;
            setActive(true);
            setQuery(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            now.current();
          }}
        />
      </div>
      {language && (
        <div class="article-languages">
          <input
            id={`${id}-all-languages`}
            type="checkbox"
            checked={allLanguages}
            onChange={(event) => {
              setActive(true);
              setAllLanguages(event.currentTarget.checked);
            }}
          />
          <label for={`${id}-all-languages`}>{t('kbReplyAllLanguages')}</label>
        </div>
      )}
      {active && search.kind === 'loading' && (
        <p class="hint" role="status">
          {t('kbReplySearching')}
        </p>
      )}
      {search.kind === 'failed' && (
        <div role="alert" class="reply-error-box">
          <p class="reply-error">{t('kbReplySearchFailed', search.detail)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('actionRetry')}
          </button>
        </div>
      )}
      {search.kind === 'ready' && search.hits.length === 0 && (
        <EmptyResult searched={search.key} openKnowledgeBase={props.openKnowledgeBase} />
      )}
      {hits && hits.length > 0 && (
        <ul class="article-list" aria-label={t('kbReplyHitsLabel')} aria-busy={search.kind === 'loading'}>
          {hits.map((hit) => {
            const link = articleLinkText(hit);
            const titleId = `${id}-hit-${hit.articleId}`;
            return (
              <li key={hit.articleId} class="article-hit">
                <p class="article-title" id={titleId} lang={hit.language}>
                  {hit.title}
                </p>
                <p class="hint">
                  <span class="article-language">{languageName(hit.language)}</span>
                  {hit.excerpt !== '' && (
                    <>
                      {' · '}
                      <span lang={hit.language}>{hit.excerpt}</span>
                    </>
                  )}
                </p>
                <div class="reply-actions">
                  {link !== undefined && (
                    <button
                      type="button"
                      aria-describedby={titleId}
                      disabled={busy}
                      onClick={() => void onInsert(hit, link)}
                    >
                      {t('kbReplyInsertLink')}
                    </button>
                  )}
                  <button
                    type="button"
                    aria-describedby={titleId}
                    disabled={busy}
                    onClick={() => void onInsert(hit, articleBodyText(hit))}
                  >
                    {t('kbReplyInsertText')}
                  </button>
                </div>
                {outcome?.articleId === hit.articleId && (
                  <p
                    class={outcome.ok ? 'reply-status' : 'reply-error'}
                    role={outcome.ok ? 'status' : 'alert'}
                  >
                    {outcome.text}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Nothing found: no articles at all (offer to write the first), none in this language, or no match. */
function EmptyResult({
  searched,
  openKnowledgeBase,
}: {
  searched: SearchKey;
  openKnowledgeBase(articleId?: string): Promise<void>;
}) {
  const [failed, setFailed] = useState<string>();
  if (searched.query !== '') return <p class="empty">{t('kbReplyNoMatch')}</p>;
  if (searched.language !== undefined)
    return <p class="empty">{t('kbReplyNoneInLanguage', [languageName(searched.language)])}</p>;
  return (
    <div class="empty">
      <p>{t('kbReplyNoArticles')}</p>
      <button
        type="button"
        onClick={() => {
          setFailed(undefined);
          openKnowledgeBase().catch((error: unknown) => setFailed(errorText(asLabeldeskError(error))));
        }}
      >
        {t('kbReplyOpenKnowledgeBase')}
      </button>
      {failed !== undefined && (
        <p class="reply-error" role="alert">
          {t('kbReplyOpenKnowledgeBaseFailed', failed)}
        </p>
      )}
    </div>
  );
}
