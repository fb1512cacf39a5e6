import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ARTICLE_BODY_MAX,
  ARTICLE_TITLE_MAX,
  type ArticleDraft,
  type ArticleRecord,
  articleDraftSchema,
  isStale,
} from '../../core/knowledge/articles';
import { TEMPLATE_LANGUAGES } from '../../core/templates';
import { formatDate, formatRelative, t } from '../i18n';
import { languageName } from '../library/library-text';
import { ArticleBody } from './article-body';

export interface ArticleEditorProps {
  /** The version in force (an article being edited) or a new draft. */
  article: ArticleRecord | ArticleDraft;
  /** Agents who may own it (the team's), and the team's tags. */
  owners: readonly string[];
  tags: readonly string[];
  uiLanguage: string;
  now: () => number;
  onSave(draft: ArticleDraft): Promise<ArticleRecord>;
  /** Absent for a draft never saved. */
  onDelete?(): void;
  /** Focus the title when it opens (a new article). */
  focusTitle?: boolean;
}

type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'invalid' }
  | { state: 'failed'; reason: string };

type Problems = Partial<Record<'title' | 'body' | 'url', string>>;

const isRecord = (article: ArticleRecord | ArticleDraft): article is ArticleRecord => 'kind' in article;

/** Only the editable fields: what 'kb.save' takes. */
function editable(article: ArticleRecord | ArticleDraft): ArticleDraft {
  const draft: ArticleDraft = {
    title: article.title,
    body: article.body,
    language: article.language,
    owner: article.owner,
    tags: [...article.tags],
    state: article.state,
    lastReviewedAt: article.lastReviewedAt,
  };
  if (article.articleId !== undefined) draft.articleId = article.articleId;
  if (article.sourceThreadId !== undefined) draft.sourceThreadId = article.sourceThreadId;
  if (article.url !== undefined) draft.url = article.url;
  return draft;
}

/** What the draft lacks to be saved, per field, in the UI language. */
function problemsOf(draft: ArticleDraft): Problems {
  const parsed = articleDraftSchema.safeParse(draft);
  if (parsed.success) return {};
  const problems: Problems = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'title' && !problems.title)
      problems.title = draft.title.trim() === '' ? t('kbPageTitleMissing') : t('kbPageTitleTooLong');
    else if (field === 'body' && !problems.body) problems.body = t('kbPageBodyTooLong');
    else if (field === 'url' && !problems.url) problems.url = t('kbPageUrlInvalid');
  }
  return problems;
}

/**
 * One article's editor: title, Markdown body with a live preview, language, owner, tags, published or draft,
 * the public address and its review date. Saves the whole article as a new version; a failed save keeps
 * every edit.
 */
export function ArticleEditor({
  article,
  owners,
  tags,
  uiLanguage,
  now,
  onSave,
  onDelete,
  focusTitle = false,
}: ArticleEditorProps) {
  const [draft, setDraft] = useState<ArticleDraft>(() => editable(article));
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState<ArticleRecord | undefined>(isRecord(article) ? article : undefined);
  const title = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusTitle) title.current?.focus();
  }, [focusTitle]);

  const change = (patch: Partial<ArticleDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    if (save.state !== 'saving') setSave({ state: 'idle' });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = problemsOf(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setSave({ state: 'invalid' });
      // The first field to fix gets the focus; its message is its description.
      const first = (['title', 'url', 'body'] as const).find((field) => found[field] !== undefined);
      document.getElementById(`kb-${first}`)?.focus();
      return;
    }
    setSave({ state: 'saving' });
    try {
      const record = await onSave(draft);
      setSaved(record);
      setDraft((current) => ({ ...current, articleId: record.articleId }));
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', reason: error instanceof Error ? error.message : String(error) });
      summary.current?.focus();
    }
  };

  const owner = [...new Set([...owners, draft.owner].filter((name) => name !== ''))];
  const tagChoices = [...new Set([...tags, ...draft.tags])];
  const stale = isStale(draft, now());
  const heading = saved ? t('kbPageEditHeading') : t('kbPageNewHeading');

  return (
    <form class="ld-kb-editor" onSubmit={submit} noValidate aria-labelledby="kb-editor-heading">
      <h2 id="kb-editor-heading">{heading}</h2>
      {saved && (
        <p class="ld-help">{t('kbPageSavedBy', [saved.author, formatRelative(saved.createdAt, now())])}</p>
      )}

      <p class="ld-field">
        <label for="kb-title">{t('kbPageFieldTitle')}</label>
        <input
          id="kb-title"
          ref={title}
          type="text"
          maxLength={ARTICLE_TITLE_MAX}
          value={draft.title}
          required
          aria-invalid={problems.title ? 'true' : undefined}
          aria-describedby={problems.title ? 'kb-title-problem' : undefined}
          onInput={(e) => change({ title: e.currentTarget.value })}
        />
        {problems.title && (
          <span id="kb-title-problem" class="ld-error">
            {problems.title}
          </span>
        )}
      </p>

      <div class="ld-kb-write">
        <p class="ld-field">
          <label for="kb-body">{t('kbPageFieldBody')}</label>
          <textarea
            id="kb-body"
            rows={16}
            maxLength={ARTICLE_BODY_MAX}
            value={draft.body}
            aria-invalid={problems.body ? 'true' : undefined}
            aria-describedby={problems.body ? 'kb-body-help kb-body-problem' : 'kb-body-help'}
            onInput={(e) => change({ body: e.currentTarget.value })}
          />
          <small id="kb-body-help">{t('kbPageBodyHelp')}</small>
          {problems.body && (
            <span id="kb-body-problem" class="ld-error">
              {problems.body}
            </span>
          )}
        </p>
        <section class="ld-kb-preview" aria-labelledby="kb-preview-heading">
          <h3 id="kb-preview-heading">{t('kbPagePreview')}</h3>
          {draft.body.trim() === '' ? (
            <p class="ld-help">{t('kbPagePreviewEmpty')}</p>
          ) : (
            <ArticleBody markdown={draft.body} class="ld-kb-article" id="kb-preview" />
          )}
        </section>
      </div>

      <div class="ld-kb-grid">
        <p class="ld-field">
          <label for="kb-language">{t('kbPageFieldLanguage')}</label>
          <select
            id="kb-language"
            value={draft.language}
            onChange={(e) => change({ language: e.currentTarget.value as ArticleDraft['language'] })}
          >
            {TEMPLATE_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code, uiLanguage)}
              </option>
            ))}
          </select>
        </p>
        <p class="ld-field">
          <label for="kb-owner">{t('kbPageFieldOwner')}</label>
          <select
            id="kb-owner"
            value={draft.owner}
            onChange={(e) => change({ owner: e.currentTarget.value })}
          >
            {owner.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </p>
      </div>

      <fieldset class="ld-kb-tags">
        <legend>{t('kbPageFieldTags')}</legend>
        {tagChoices.length === 0 ? (
          <p class="ld-help">{t('kbPageNoTags')}</p>
        ) : (
          <ul>
            {tagChoices.map((tag, index) => (
              <li key={tag}>
                <label class="ld-check">
                  <input
                    type="checkbox"
                    id={`kb-tag-${index}`}
                    checked={draft.tags.includes(tag)}
                    onChange={(e) =>
                      change({
                        tags: e.currentTarget.checked
                          ? [...draft.tags, tag]
                          : draft.tags.filter((other) => other !== tag),
                      })
                    }
                  />
                  {tag}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset class="ld-kb-state" aria-describedby="kb-state-help">
        <legend>{t('kbPageFieldState')}</legend>
        {(['published', 'draft'] as const).map((state) => (
          <label key={state} class="ld-check">
            <input
              type="radio"
              name="kb-state"
              value={state}
              checked={draft.state === state}
              onChange={() => change({ state })}
            />
            {state === 'published' ? t('kbPageStatePublished') : t('kbPageStateDraft')}
          </label>
        ))}
        <small id="kb-state-help">{t('kbPageStateHelp')}</small>
      </fieldset>

      <p class="ld-field">
        <label for="kb-url">{t('kbPageFieldUrl')}</label>
        <input
          id="kb-url"
          type="url"
          inputMode="url"
          value={draft.url ?? ''}
          placeholder="https://"
          aria-invalid={problems.url ? 'true' : undefined}
          aria-describedby={problems.url ? 'kb-url-help kb-url-problem' : 'kb-url-help'}
          onInput={(e) => {
            const url = e.currentTarget.value.trim();
            setDraft((current) => {
              const { url: _old, ...rest } = current;
              return url === '' ? rest : { ...rest, url };
            });
            if (save.state !== 'saving') setSave({ state: 'idle' });
          }}
        />
        <small id="kb-url-help">{t('kbPageUrlHelp')}</small>
        {problems.url && (
          <span id="kb-url-problem" class="ld-error">
            {problems.url}
          </span>
        )}
      </p>

      <div class="ld-kb-review">
        <p>
          {t('kbPageLastReviewed', [
            formatDate(draft.lastReviewedAt),
            formatRelative(draft.lastReviewedAt, now()),
          ])}
        </p>
        {stale && <p class="ld-warning">{t('kbPageStaleNotice')}</p>}
        <button type="button" onClick={() => change({ lastReviewedAt: now() })}>
          {t('kbPageMarkReviewed')}
        </button>
      </div>

      <div class="ld-save">
        <div class="ld-actions">
          <button type="submit" class="ld-primary" disabled={save.state === 'saving'}>
            {t('kbPageSave')}
          </button>
          {onDelete && (
            <button type="button" class="ld-danger" onClick={onDelete}>
              {t('kbPageDelete')}
            </button>
          )}
        </div>
        <div ref={summary} tabIndex={-1} role="status" class="ld-kb-save-status">
          {save.state === 'saving' && t('kbPageSaving')}
          {save.state === 'saved' && t('kbPageSaved')}
          {save.state === 'invalid' && <span class="ld-error">{t('kbPageFixFields')}</span>}
          {save.state === 'failed' && <span class="ld-error">{t('kbPageSaveFailed', save.reason)}</span>}
        </div>
      </div>
    </form>
  );
}
