import { useMemo, useState } from 'preact/hooks';
import { type ArticleRecord, isStale } from '../../core/knowledge/articles';
import { searchArticles } from '../../core/knowledge/search';
import { TEMPLATE_LANGUAGES } from '../../core/templates';
import { formatRelative, t, tn } from '../i18n';
import { languageName } from '../library/library-text';

export interface ArticleListProps {
  articles: readonly ArticleRecord[];
  selectedId: string | undefined;
  uiLanguage: string;
  now: number;
  onSelect(articleId: string): void;
}

type Language = ArticleRecord['language'];

/** Every article in force, searchable and filtered by language, staleness and drafts, with its badges. */
export function ArticleList({ articles, selectedId, uiLanguage, now, onSelect }: ArticleListProps) {
  const [query, setQuery] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [staleOnly, setStaleOnly] = useState(false);
  const [draftsOnly, setDraftsOnly] = useState(false);

  const shown = useMemo(() => {
    const byId = new Map(articles.map((a) => [a.articleId, a]));
    const hits = searchArticles(articles, query, {
      ...(language !== '' ? { language } : {}),
      limit: articles.length,
      includeDrafts: true,
    });
    return hits
      .map((hit) => byId.get(hit.articleId))
      .filter((a): a is ArticleRecord => a !== undefined)
      .filter((a) => (!staleOnly || isStale(a, now)) && (!draftsOnly || a.state === 'draft'));
  }, [articles, query, language, staleOnly, draftsOnly, now]);

  return (
    <section class="ld-kb-list" aria-labelledby="kb-list-heading">
      <h2 id="kb-list-heading">{t('kbPageListHeading')}</h2>
      <div class="ld-kb-filters">
        <p class="ld-field">
          <label for="kb-search">{t('kbPageSearch')}</label>
          <input
            id="kb-search"
            type="search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            aria-controls="kb-articles"
          />
        </p>
        <p class="ld-field">
          <label for="kb-filter-language">{t('kbPageFieldLanguage')}</label>
          <select
            id="kb-filter-language"
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as Language | '')}
          >
            <option value="">{t('kbPageAllLanguages')}</option>
            {TEMPLATE_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code, uiLanguage)}
              </option>
            ))}
          </select>
        </p>
        <label class="ld-check">
          <input
            type="checkbox"
            checked={staleOnly}
            onChange={(e) => setStaleOnly(e.currentTarget.checked)}
          />
          {t('kbPageStaleOnly')}
        </label>
        <label class="ld-check">
          <input
            type="checkbox"
            checked={draftsOnly}
            onChange={(e) => setDraftsOnly(e.currentTarget.checked)}
          />
          {t('kbPageDraftsOnly')}
        </label>
      </div>
      <p class="ld-help" role="status">
        {shown.length === 0 ? t('kbPageNoMatch') : tn('kbPageArticleCount', shown.length)}
      </p>
      <ul id="kb-articles" class="ld-kb-items">
        {shown.map((article) => (
          <li key={article.articleId}>
            <a
              href={`#article=${article.articleId}`}
              aria-current={article.articleId === selectedId ? 'true' : undefined}
              onClick={(event) => {
                event.preventDefault();
                onSelect(article.articleId);
              }}
            >
              <span class="ld-kb-item-title" lang={article.language}>
                {article.title}
              </span>
              <span class="ld-kb-badges">
                {article.state === 'draft' && (
                  <span class="ld-badge ld-badge-draft">{t('kbPageBadgeDraft')}</span>
                )}
                {isStale(article, now) && (
                  <span class="ld-badge ld-badge-stale">{t('kbPageBadgeStale')}</span>
                )}
                <span class="ld-badge">{languageName(article.language, uiLanguage)}</span>
                <span class="ld-badge">{t('kbPageBadgeOwner', article.owner)}</span>
                <span class="ld-badge">
                  {t('kbPageBadgeReviewed', formatRelative(article.lastReviewedAt, now))}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
