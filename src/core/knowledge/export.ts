/**
 * The knowledge base as files to publish or keep (issue 7: "export as Markdown and static HTML"): one
 * Markdown file, and one self-contained HTML page that runs nothing and loads nothing (its own CSP says so),
 * so it can go on any static host or be opened from disk. Published articles only, by language then title.
 */
import { TEMPLATE_LANGUAGES } from '../templates';
import type { ArticleRecord } from './articles';
import { articleHtml, escapeHtml, safeHref } from './markdown';

/** The words around the articles; English unless the page passes its own (from the UI's locale). */
export interface ExportLabels {
  knowledgeBase: string;
  exported: string;
  contents: string;
  language: string;
  owner: string;
  lastReviewed: string;
  tags: string;
  publicUrl: string;
}

export const ENGLISH_EXPORT_LABELS: ExportLabels = {
  knowledgeBase: 'Knowledge base',
  exported: 'Exported',
  contents: 'Contents',
  language: 'Language',
  owner: 'Owner',
  lastReviewed: 'Last reviewed',
  tags: 'Tags',
  publicUrl: 'Public page',
};

export interface ExportOptions {
  /** The team or mailbox the knowledge base belongs to, in the file's title. */
  team?: string;
  now: number;
  labels?: ExportLabels;
  /** The language of `labels` (the HTML page's lang=); 'en' by default. */
  language?: string;
}

/** Each language's own name, so a reader finds theirs whatever the file's other words are in. */
export const LANGUAGE_NAMES: Record<ArticleRecord['language'], string> = {
  en: 'English',
  ru: 'Русский',
  pl: 'Polski',
  ja: '日本語',
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Published articles, by language (the product's order: en, ru, pl, ja) then title. */
export function exportOrder(articles: readonly ArticleRecord[]): ArticleRecord[] {
  const rank = (a: ArticleRecord) => TEMPLATE_LANGUAGES.indexOf(a.language);
  return articles
    .filter((a) => a.state === 'published' && !a.deleted)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.title.localeCompare(b.title, a.language) ||
        (a.articleId < b.articleId ? -1 : 1),
    );
}

function titleOf(options: ExportOptions, labels: ExportLabels): string {
  return options.team ? `${labels.knowledgeBase}: ${oneLine(options.team)}` : labels.knowledgeBase;
}

/** One Markdown file: a title, then each article as `## Title`, its details, then its body as written. */
export function articlesMarkdown(articles: readonly ArticleRecord[], options: ExportOptions): string {
  const labels = options.labels ?? ENGLISH_EXPORT_LABELS;
  const parts = [`# ${titleOf(options, labels)}`, `${labels.exported}: ${day(options.now)}`];
  for (const article of exportOrder(articles)) {
    const details = [
      `${labels.language}: ${LANGUAGE_NAMES[article.language]}`,
      `${labels.owner}: ${oneLine(article.owner)}`,
      `${labels.lastReviewed}: ${day(article.lastReviewedAt)}`,
      ...(article.tags.length > 0 ? [`${labels.tags}: ${article.tags.map(oneLine).join(', ')}`] : []),
    ];
    const url = article.url === undefined ? undefined : safeHref(article.url);
    parts.push(
      [
        `## ${oneLine(article.title)}`,
        '',
        `*${details.join(' · ')}*`,
        ...(url ? ['', `${labels.publicUrl}: <${url}>`] : []),
      ].join('\n'),
      article.body.trim(),
    );
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #ffffff; --muted: #55565e; --line: #d5d6dc; --link: #0b57d0; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6ea; --bg: #17181c; --muted: #b4b5bd; --line: #3a3b42; --link: #9cc0ff; } }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans JP", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header, nav, main { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.meta { color: var(--muted); font-size: .9rem; }
nav { border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
nav h2 { font-size: 1.1rem; }
nav h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
article { border-bottom: 1px solid var(--line); padding: 1.5rem 0; }
article h2 { margin: 0 0 .25rem; }
pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
pre { overflow-x: auto; padding: .75rem; border: 1px solid var(--line); border-radius: 4px; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .5rem; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid var(--line); color: var(--muted); }
`
  .trim()
  .replace(/\n+/g, '\n');

/** Where an article is in the page: from its id, which is hex and hyphens only. */
const anchorOf = (article: ArticleRecord) => `article-${article.articleId.replace(/[^0-9a-f-]/g, '')}`;

/**
 * One static HTML page: a contents list by language, then each article (lang= set, body through articleHtml,
 * so its raw HTML is text and its links are http(s)/mailto only). No script; its CSP forbids any, and any
 * load but the inline style.
 */
export function articlesHtml(articles: readonly ArticleRecord[], options: ExportOptions): string {
  const labels = options.labels ?? ENGLISH_EXPORT_LABELS;
  const ordered = exportOrder(articles);
  const title = escapeHtml(titleOf(options, labels));
  const contents: string[] = [];
  for (const language of TEMPLATE_LANGUAGES) {
    const inLanguage = ordered.filter((a) => a.language === language);
    if (inLanguage.length === 0) continue;
    contents.push(
      `<h3 lang="${language}">${escapeHtml(LANGUAGE_NAMES[language])}</h3>`,
      `<ul lang="${language}">`,
      ...inLanguage.map((a) => `<li><a href="#${anchorOf(a)}">${escapeHtml(oneLine(a.title))}</a></li>`),
      '</ul>',
    );
  }
  const bodies = ordered.map((article) => {
    const details = [
      `${labels.language}: ${LANGUAGE_NAMES[article.language]}`,
      `${labels.owner}: ${oneLine(article.owner)}`,
      `${labels.lastReviewed}: ${day(article.lastReviewedAt)}`,
      ...(article.tags.length > 0 ? [`${labels.tags}: ${article.tags.map(oneLine).join(', ')}`] : []),
    ];
    const url = article.url === undefined ? undefined : safeHref(article.url);
    return [
      `<article id="${anchorOf(article)}" lang="${article.language}">`,
      `<h2>${escapeHtml(oneLine(article.title))}</h2>`,
      `<p class="meta">${escapeHtml(details.join(' · '))}${
        url ? ` · <a href="${escapeHtml(url)}">${escapeHtml(labels.publicUrl)}</a>` : ''
      }</p>`,
      articleHtml(article.body),
      '</article>',
    ].join('\n');
  });
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(options.language ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<header><h1>${title}</h1><p class="meta">${escapeHtml(labels.exported)}: ${day(options.now)}</p></header>`,
    `<nav aria-label="${escapeHtml(labels.contents)}">`,
    `<h2>${escapeHtml(labels.contents)}</h2>`,
    ...contents,
    '</nav>',
    '<main>',
    ...bodies,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A file name for the export: `knowledge-base-2026-11-20.md` (the team's name is not put in a path). */
export function exportFileName(now: number, extension: 'md' | 'html'): string {
  return `knowledge-base-${day(now)}.${extension}`;
}
