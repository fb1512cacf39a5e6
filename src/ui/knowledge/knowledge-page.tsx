import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleDraft, ArticleRecord } from '../../core/knowledge/articles';
import { articlesHtml, articlesMarkdown, exportFileName } from '../../core/knowledge/export';
import { uniqueNames } from '../../core/team-config';
import type { TeamView } from '../../messaging/contract';
import type { FaqCandidate } from '../../messaging/contract-replies';
import { t } from '../i18n';
import { templateLanguageOf } from '../library/library-text';
import { ArticleEditor } from './article-editor';
import { ArticleList } from './article-list';
import { FaqCandidates } from './faq-candidates';
import { draftOf, type KnowledgeService } from './knowledge-service';
import { exportLabels } from './knowledge-text';

/** Saves a file the user asked for (a Blob download on the page). */
export type DownloadText = (fileName: string, text: string, type: string) => void;

export interface KnowledgePageProps {
  service: KnowledgeService;
  /** The UI language: language names, the export's words, a new article's language. */
  language: string;
  download: DownloadText;
  /** The mailbox to show first (`?mailbox=`). */
  initialMailbox?: string;
  /** The article to open (`#article=<id>`); looked for in every mailbox when not in the first. */
  articleId?: string;
  /** Told which article is open, so the page's address can say it (`#article=<id>`). */
  onShow?(articleId: string | undefined): void;
  now?: () => number;
}

type Mailboxes =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; list: string[] };

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; articles: ArticleRecord[]; team: TeamView };

type Selection =
  | { kind: 'none' }
  | { kind: 'article'; articleId: string; editorKey: string; focus: boolean }
  | { kind: 'new'; draft: ArticleDraft; editorKey: string };

type Notice =
  | { kind: 'none' }
  | { kind: 'deleted'; previous: ArticleRecord }
  | { kind: 'restored'; title: string }
  | { kind: 'failed'; text: string }
  | { kind: 'not-found' };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let editors = 0;
const nextEditorKey = () => {
  editors += 1;
  return `editor-${editors}`;
};

/**
 * The knowledge base (issue 7): the team's articles with search and filters, one article's editor, the FAQ
 * candidates from recurring tags, and the export. Articles are shared records of the mailbox: every save is
 * a new version every agent reads after one sync.
 */
export function KnowledgePage({
  service,
  language,
  download,
  initialMailbox,
  articleId,
  onShow,
  now = Date.now,
}: KnowledgePageProps) {
  const [mailboxes, setMailboxes] = useState<Mailboxes>({ state: 'loading' });
  const [mailbox, setMailbox] = useState('');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [selection, setSelection] = useState<Selection>({ kind: 'none' });
  const [notice, setNotice] = useState<Notice>({ kind: 'none' });
  const [version, setVersion] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const undoButton = useRef<HTMLButtonElement>(null);
  /** The article asked for by the address, until it was looked for. */
  const wanted = useRef<string | undefined>(articleId);

  useEffect(() => {
    service.mailboxes().then(
      async (list) => {
        const first = list.find((known) => known === initialMailbox?.toLowerCase()) ?? list[0] ?? '';
        let chosen = first;
        // "Turn this reply into an article" opens the page on an article, not on a mailbox: find it.
        const id = wanted.current;
        if (id !== undefined && list.length > 1) {
          for (const candidate of [first, ...list.filter((known) => known !== first)]) {
            const articles = await service.list(candidate).catch(() => []);
            if (articles.some((a) => a.articleId === id)) {
              chosen = candidate;
              break;
            }
          }
        }
        setMailboxes({ state: 'ready', list });
        setMailbox(chosen);
      },
      (error: unknown) => setMailboxes({ state: 'failed', reason: reasonOf(error) }),
    );
  }, [service, initialMailbox]);

  useEffect(() => {
    if (mailbox === '') return;
    let live = true;
    setLoaded({ state: 'loading' });
    Promise.all([service.list(mailbox), service.getTeam(mailbox)]).then(
      ([articles, team]) => {
        if (!live) return;
        setLoaded({ state: 'ready', articles, team });
        const id = wanted.current;
        if (id !== undefined) {
          wanted.current = undefined;
          if (articles.some((a) => a.articleId === id)) {
            setSelection({ kind: 'article', articleId: id, editorKey: nextEditorKey(), focus: false });
          } else setNotice({ kind: 'not-found' });
        }
      },
      (error: unknown) => live && setLoaded({ state: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [service, mailbox, attempt]);

  // The address changed (back, or a second "open in the knowledge base"): open that article.
  useEffect(() => {
    if (articleId === undefined || loaded.state !== 'ready') return;
    if (selection.kind === 'article' && selection.articleId === articleId) return;
    if (loaded.articles.some((a) => a.articleId === articleId)) {
      setSelection({ kind: 'article', articleId, editorKey: nextEditorKey(), focus: false });
    }
    // Only the address decides here: the selection changing on its own must not run this again.
  }, [articleId, loaded]);

  // Articles saved in another tab or by another agent: re-read when the page comes back into view.
  useEffect(() => {
    const reread = () => {
      if (document.visibilityState !== 'visible' || mailbox === '') return;
      service.list(mailbox).then(
        (articles) =>
          setLoaded((current) => (current.state === 'ready' ? { ...current, articles } : current)),
        () => undefined, // the list on screen stays; the next save says what is wrong
      );
    };
    document.addEventListener('visibilitychange', reread);
    return () => document.removeEventListener('visibilitychange', reread);
  }, [service, mailbox]);

  const shownId = selection.kind === 'article' ? selection.articleId : undefined;
  useEffect(() => {
    onShow?.(shownId);
  }, [shownId, onShow]);

  useEffect(() => {
    if (notice.kind === 'deleted') undoButton.current?.focus();
  }, [notice]);

  const loadCandidates = useCallback(() => service.candidates(mailbox), [service, mailbox]);

  const replace = (record: ArticleRecord) => {
    setLoaded((current) => {
      if (current.state !== 'ready') return current;
      const others = current.articles.filter((a) => a.articleId !== record.articleId);
      const articles = record.deleted ? others : [...others, record];
      articles.sort((a, b) => a.title.localeCompare(b.title) || (a.articleId < b.articleId ? -1 : 1));
      return { ...current, articles };
    });
    setVersion((n) => n + 1);
  };

  if (mailboxes.state === 'loading') {
    return (
      <Frame>
        <p role="status">{t('kbPageLoading')}</p>
      </Frame>
    );
  }
  if (mailboxes.state === 'failed') {
    return (
      <Frame>
        <p role="alert" class="ld-alert">
          {t('kbPageLoadFailed', mailboxes.reason)}
        </p>
      </Frame>
    );
  }
  if (mailboxes.list.length === 0) {
    return (
      <Frame>
        <Intro />
        <p class="ld-notice">{t('kbPageNoMailboxes')}</p>
      </Frame>
    );
  }

  const ready = loaded.state === 'ready' ? loaded : undefined;
  const team = ready?.team;
  const me = team?.me || mailbox;
  const owners = uniqueNames([...(team?.config?.agents ?? []).map((a) => a.name), me]);
  const tags = uniqueNames([
    ...(team?.config?.tags ?? []).map((tag) => tag.path),
    ...(team?.labels?.tags ?? []),
  ]);
  const uiArticleLanguage = templateLanguageOf(language);

  const startNew = (patch: Partial<ArticleDraft> = {}) => {
    setNotice({ kind: 'none' });
    setSelection({
      kind: 'new',
      editorKey: nextEditorKey(),
      draft: {
        title: '',
        body: '',
        language: uiArticleLanguage,
        owner: me,
        tags: [],
        state: 'draft',
        lastReviewedAt: now(),
        ...patch,
      },
    });
  };

  const writeFrom = (candidate: FaqCandidate) => {
    const examples = candidate.examples.map((e) => `- ${e.reference} ${e.subject}`.trim());
    startNew({
      title: candidate.tag.slice(0, 200),
      tags: [candidate.tag],
      body: examples.length > 0 ? `${t('kbPageCandidateBody')}\n\n${examples.join('\n')}\n` : '',
    });
  };

  const open = (id: string, focus = false) => {
    setNotice({ kind: 'none' });
    setSelection({ kind: 'article', articleId: id, editorKey: nextEditorKey(), focus });
  };

  const remove = async (article: ArticleRecord) => {
    try {
      const deleted = await service.remove(mailbox, article.articleId);
      replace(deleted);
      setSelection({ kind: 'none' });
      setNotice({ kind: 'deleted', previous: article });
    } catch (error) {
      setNotice({ kind: 'failed', text: t('kbPageDeleteFailed', reasonOf(error)) });
    }
  };

  const undo = async (previous: ArticleRecord) => {
    try {
      const restored = await service.save(mailbox, draftOf(previous));
      replace(restored);
      setNotice({ kind: 'restored', title: restored.title });
      setSelection({
        kind: 'article',
        articleId: restored.articleId,
        editorKey: nextEditorKey(),
        focus: false,
      });
    } catch (error) {
      setNotice({ kind: 'failed', text: t('kbPageUndoFailed', reasonOf(error)) });
    }
  };

  const exportAs = (kind: 'md' | 'html') => {
    if (!ready) return;
    const options = { team: mailbox, now: now(), labels: exportLabels(), language };
    if (kind === 'md') {
      download(exportFileName(options.now, 'md'), articlesMarkdown(ready.articles, options), 'text/markdown');
    } else {
      download(exportFileName(options.now, 'html'), articlesHtml(ready.articles, options), 'text/html');
    }
  };

  const current =
    selection.kind === 'article'
      ? ready?.articles.find((a) => a.articleId === selection.articleId)
      : undefined;
  const editing = selection.kind === 'new' ? selection.draft : current;

  return (
    <Frame>
      <div class="ld-kb-toolbar">
        {mailboxes.list.length > 1 && (
          <p class="ld-field">
            <label for="kb-mailbox">{t('kbPageMailbox')}</label>
            <select
              id="kb-mailbox"
              value={mailbox}
              onChange={(event) => {
                setSelection({ kind: 'none' });
                setNotice({ kind: 'none' });
                setMailbox(event.currentTarget.value);
              }}
            >
              {mailboxes.list.map((known) => (
                <option key={known} value={known}>
                  {known}
                </option>
              ))}
            </select>
          </p>
        )}
        <div class="ld-actions">
          <button type="button" class="ld-primary" disabled={!ready} onClick={() => startNew()}>
            {t('kbPageNew')}
          </button>
          <button type="button" disabled={!ready} onClick={() => exportAs('md')}>
            {t('kbPageExportMarkdown')}
          </button>
          <button type="button" disabled={!ready} onClick={() => exportAs('html')}>
            {t('kbPageExportHtml')}
          </button>
        </div>
        <p class="ld-help">{t('kbPageExportHelp')}</p>
      </div>

      <div class="ld-kb-notice" role="status">
        {notice.kind === 'deleted' && (
          <p>
            {t('kbPageDeleted', notice.previous.title)}{' '}
            <button type="button" ref={undoButton} onClick={() => undo(notice.previous)}>
              {t('kbPageUndo')}
            </button>
          </p>
        )}
        {notice.kind === 'restored' && <p>{t('kbPageRestored', notice.title)}</p>}
        {notice.kind === 'failed' && <p class="ld-error">{notice.text}</p>}
        {notice.kind === 'not-found' && <p class="ld-warning">{t('kbPageNotFound')}</p>}
      </div>

      {loaded.state === 'loading' && <p role="status">{t('kbPageLoading')}</p>}
      {loaded.state === 'failed' && (
        <div role="alert" class="ld-alert">
          <p>{t('kbPageLoadFailed', loaded.reason)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('actionRetry')}
          </button>
        </div>
      )}

      {ready && (
        <div class="ld-kb-main">
          {ready.articles.length === 0 && selection.kind === 'none' ? (
            <section class="ld-kb-empty" aria-labelledby="kb-empty-heading">
              <h2 id="kb-empty-heading">{t('kbPageEmptyHeading')}</h2>
              <Intro />
            </section>
          ) : (
            <ArticleList
              articles={ready.articles}
              selectedId={shownId}
              uiLanguage={language}
              now={now()}
              onSelect={(id) => open(id, true)}
            />
          )}
          {editing && selection.kind !== 'none' && (
            <ArticleEditor
              key={selection.editorKey}
              article={editing}
              owners={owners}
              tags={tags}
              uiLanguage={language}
              now={now}
              focusTitle={selection.kind === 'new' || selection.focus}
              onSave={async (draft) => {
                const saved = await service.save(mailbox, draft);
                replace(saved);
                // A new article keeps its editor (and its "Saved"), now on the saved article.
                if (selection.kind === 'new') {
                  setSelection({
                    kind: 'article',
                    articleId: saved.articleId,
                    editorKey: selection.editorKey,
                    focus: false,
                  });
                }
                return saved;
              }}
              {...(current ? { onDelete: () => remove(current) } : {})}
            />
          )}
          {selection.kind === 'none' && ready.articles.length > 0 && (
            <p class="ld-kb-pick ld-help">{t('kbPagePick')}</p>
          )}
        </div>
      )}

      {ready && (
        <FaqCandidates
          mailbox={mailbox}
          load={loadCandidates}
          version={version}
          onWrite={writeFrom}
          onReview={(id) => open(id, true)}
        />
      )}
    </Frame>
  );
}

function Frame({ children }: { children: ComponentChildren }) {
  return (
    <div class="ld-kb">
      <h1>{t('kbPageTitle')}</h1>
      {children}
    </div>
  );
}

/** What the knowledge base is for: the empty state's explanation. */
function Intro() {
  return (
    <div class="ld-kb-intro">
      <p>{t('kbPageIntroWhy')}</p>
      <p>{t('kbPageIntroHow')}</p>
    </div>
  );
}
