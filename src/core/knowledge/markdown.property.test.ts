// @vitest-environment happy-dom
/**
 * Property-based test of the one renderer that writes HTML (issue 8, "Hostile input"): an article's Markdown,
 * often pasted from a customer's thread, becomes HTML for the knowledge page and for the static HTML export
 * (a file opened without the extension's CSP, and without DOMPurify's second pass). So `articleHtml` alone
 * must yield only marked's own inert markup: no tag or attribute from the source, no event handler, no image,
 * and links only to https:, http: or mailto: addresses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleHtml } from './markdown';

const ALLOWED_TAGS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'CODE',
  'PRE',
  'EM',
  'STRONG',
  'DEL',
  'A',
  'BLOCKQUOTE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
  'HR',
  'BR',
  // A GFM task list's box: marked writes it disabled; DOMPurify drops it on the page.
  'INPUT',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'title',
  'rel',
  'target',
  'align',
  'start',
  'class',
  'type',
  'disabled',
  'checked',
]);

const HOSTILE_URL = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'https://example.com/"onmouseover="alert(1)',
  "https://example.com/'><script>alert(1)</script>",
  'mailto:a@example.com?subject=<b>',
  '//evil.example/x',
  'http://ok.example/a_(b)',
];

const HOSTILE_HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>*{display:none}</style>',
  '<div onclick="alert(1)">',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<form action=https://evil.example><button>go</button></form>',
  '<object data=x></object>',
  '<base href=https://evil.example/>',
  '<meta http-equiv=refresh content=0;url=https://evil.example>',
];

const inlineText = fc.oneof(
  fc.constantFrom(...HOSTILE_HTML),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('**bold**', '_em_', '`<code>`', '~~del~~', 'a | b', 'x\\<y', '"quoted"'),
);

const piece = fc.oneof(
  inlineText,
  fc.tuple(inlineText, fc.constantFrom(...HOSTILE_URL)).map(([text, url]) => `[${text}](${url})`),
  fc
    .tuple(inlineText, fc.constantFrom(...HOSTILE_URL))
    .map(([text, url]) => `[${text}](${url} "t<i>t\\"le")`),
  fc.constantFrom(...HOSTILE_URL).map((url) => `<${url}>`),
  fc.tuple(inlineText, fc.constantFrom(...HOSTILE_URL)).map(([text, url]) => `![${text}](${url})`),
  fc.tuple(inlineText, fc.constantFrom(...HOSTILE_URL)).map(([text, url]) => `[${text}][r]\n\n[r]: ${url}`),
  fc.constantFrom(
    '# ',
    '## ',
    '- ',
    '1. ',
    '> ',
    '- [ ] ',
    '- [x] ',
    '```\n',
    '```html\n<script>alert(1)</script>\n```',
    '    <script>indented</script>',
    '| a | b |\n|---|:-:|\n| <img src=x onerror=alert(1)> | c |',
    '---',
    '***',
  ),
);

const markdown = fc
  .array(fc.tuple(piece, fc.constantFrom('', ' ', '\n', '\n\n')), { maxLength: 12 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

function parse(html: string): DocumentFragment {
  const holder = document.createElement('template');
  holder.innerHTML = html;
  return holder.content;
}

/** Generous: the machine running the suite may be busy, and a slow run is not a failed property. */
const PROPERTY_TIMEOUT_MS = 30_000;

describe('article Markdown to HTML', () => {
  it(
    'writes only marked’s own inert markup, whatever the Markdown holds',
    () => {
      fc.assert(
        fc.property(markdown, (source) => {
          const html = articleHtml(source);
          for (const element of parse(html).querySelectorAll('*')) {
            expect(ALLOWED_TAGS, `<${element.tagName}> in ${html}`).toContain(element.tagName);
            for (const attribute of element.getAttributeNames()) {
              expect(ALLOWED_ATTRIBUTES, `${attribute} on <${element.tagName}> in ${html}`).toContain(
                attribute,
              );
            }
            if (element.tagName === 'A') {
              expect(element.getAttribute('href') ?? '').toMatch(/^(https?:|mailto:)/);
              expect(element.getAttribute('rel')).toBe('noopener noreferrer');
            }
            if (element.tagName === 'INPUT') {
              expect(element.getAttribute('type')).toBe('checkbox');
              expect(element.hasAttribute('disabled')).toBe(true);
            }
          }
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
