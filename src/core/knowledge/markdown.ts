/**
 * An article's Markdown as HTML, for the knowledge-base page's preview and the static HTML export (issue 7).
 * Articles are written by agents, often from a customer's thread, so the body is treated as hostile: raw
 * HTML in it is shown as text (never parsed), links keep only https:, http: and mailto: addresses (any other
 * becomes its text), and images are never loaded (their alt text stands in). Uses marked; the page and the
 * export only, never a Gmail-tab script (the reply tools use ./plain-text.ts).
 */
import { Marked, type Tokens } from 'marked';

const SAFE_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The address when it is an absolute https:, http: or mailto: URL; undefined for anything else. */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href.trim());
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined; // relative or malformed: nothing to follow outside this page
  }
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML, block or inline, is text: `<script>` shows as "<script>".
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      const escaped = escapeHtml(text);
      return block ? `<p>${escaped.trim()}</p>\n` : escaped;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      const url = safeHref(href);
      if (url === undefined) return label;
      const titled = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(url)}"${titled} rel="noopener noreferrer" target="_blank">${label}</a>`;
    },
    // Never loaded: a remote image would tell its server who read the article, and when.
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
  },
});

/** The article's body as HTML: hostile Markdown yields inert HTML (no raw tags, no scripts, no images). */
export function articleHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
