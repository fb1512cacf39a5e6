/**
 * An article's body as formatted text: the ONLY place the knowledge-base page puts HTML into the page.
 *
 * Why this is safe: the body is Markdown an agent typed or pasted from a customer's thread, so hostile.
 * 1. `articleHtml` (src/core/knowledge/markdown.ts) never passes raw HTML through: every `<tag>` in the
 *    source is escaped and shown as text, links keep only https:, http: and mailto: addresses, images are
 *    never emitted; what remains is marked's own markup (p, h1-h6, ul/ol/li, code, pre, em, strong, a,
 *    blockquote, table, hr, br, del) around escaped text.
 * 2. DOMPurify then parses that HTML and keeps only those elements and attributes (not even a task list's
 *    checkbox: no form controls) and http(s)/mailto addresses, so a mistake in step 1 (or in marked) still
 *    cannot bring a script, an event handler, a form or a remote load into the page.
 * 3. The extension page's CSP (MV3: script-src 'self') refuses inline script anyway.
 * Tests: "a hostile body cannot inject" (knowledge-page.test.tsx) and, with Chromium's real DOMPurify,
 * "shows a hostile body inert" (test/browser/ui-knowledge.test.ts).
 */
import DOMPurify from 'dompurify';
import { useMemo } from 'preact/hooks';
import { articleHtml } from '../../core/knowledge/markdown';

const ALLOWED_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'em',
  'strong',
  'del',
  'a',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'br',
];
const ALLOWED_ATTR = ['href', 'title', 'rel', 'target', 'align', 'start', 'class'];

/** DOMPurify with only the elements and attributes marked writes, and only http(s)/mailto addresses. */
export function purifyArticleHtml(html: string): string {
  // The leading line break changes nothing in Chromium; happy-dom (the unit tests' DOM) drops the first
  // element's tag without it.
  const clean = DOMPurify.sanitize(`\n${html}`, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  });
  return typeof clean === 'string' ? clean : String(clean);
}

/** articleHtml's output through DOMPurify. */
export function sanitizedArticleHtml(markdown: string): string {
  return purifyArticleHtml(articleHtml(markdown));
}

export interface ArticleBodyProps {
  markdown: string;
  class?: string;
  id?: string;
}

export function ArticleBody({ markdown, class: className, id }: ArticleBodyProps) {
  const html = useMemo(() => sanitizedArticleHtml(markdown), [markdown]);
  // Safe: escaped by articleHtml and sanitized by DOMPurify (see the comment at the top of this file).
  return <div class={className} id={id} dangerouslySetInnerHTML={{ __html: html }} />;
}
