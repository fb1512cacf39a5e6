import { describe, expect, it } from 'vitest';
import { SIDEBAR_CSS } from '../../src/ui/sidebar-styles';
import { compactCss, compactCssLiterals } from './compact-css';

describe('compactCss', () => {
  it('drops comments and the whitespace around delimiters', () => {
    expect(
      compactCss(`
/* The panel. */
.sidebar > h2,
.sidebar h4 {
  margin: 0 0 var(--ld-gap);
  font-size: 16px;
}
`),
    ).toBe('.sidebar>h2,.sidebar h4{margin:0 0 var(--ld-gap);font-size:16px}');
  });

  it('keeps a space before a colon (a descendant pseudo-class) and spaces that separate values', () => {
    expect(compactCss('.sidebar :focus-visible { outline: 2px solid var(--ld-focus); }')).toBe(
      '.sidebar :focus-visible{outline:2px solid var(--ld-focus)}',
    );
    expect(compactCss('.a { width: calc(100% - 2 * var(--ld-gap)); }')).toBe(
      '.a{width:calc(100% - 2 * var(--ld-gap))}',
    );
  });

  it('keeps quoted strings as written, comment-like text and delimiters included', () => {
    expect(compactCss(`.a::before { content: ' /* { a ; b } */ '; font: 14px 'Google  Sans', Arial; }`)).toBe(
      ".a::before{content:' /* { a ; b } */ ';font:14px 'Google  Sans',Arial}",
    );
  });

  it('leaves CSS with a lone quote as written', () => {
    const css = ".a { content: 'open; }\n";
    expect(compactCss(css)).toBe(css);
  });

  it('shortens the sidebar’s CSS and keeps every rule', () => {
    const compact = compactCss(SIDEBAR_CSS);
    expect(compact.length).toBeLessThan(SIDEBAR_CSS.length * 0.85);
    const selectors = (css: string) =>
      [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{/g)].map((m) =>
        (m[1] as string)
          .replace(/\s+/g, ' ')
          .replace(/ ?([,>]) ?/g, '$1')
          .replace(/: /g, ':')
          .trim(),
      );
    expect(selectors(compact)).toEqual(selectors(SIDEBAR_CSS));
  });
});

describe('compactCssLiterals', () => {
  const transform = (code: string, id: string) => {
    const plugin = compactCssLiterals();
    const hook = plugin.transform as (code: string, id: string) => { code: string } | null;
    return hook.call({}, code, id)?.code;
  };

  it('compacts the template literals of a styles module', () => {
    const code = 'export const A = `\n.a {\n  color: red;\n}\n`;\nexport const B = "x  y";\n';
    expect(transform(code, '/repo/src/ui/queues/queue-styles.ts')).toBe(
      'export const A = `.a{color:red}`;\nexport const B = "x  y";\n',
    );
  });

  it('leaves literals with substitutions or escapes, and other modules, as written', () => {
    const substitution = `${'$'}{w}`;
    const code = `const w = 1;\nexport const A = \`\n.a { width: ${substitution}px; }\n\`;\nexport const B = \`\n.b { content: "\\\\2014"; }\n\`;\n`;
    expect(transform(code, '/repo/src/ui/sidebar-styles.ts')).toBeUndefined();
    expect(
      transform('export const A = `\n.a { color: red; }\n`;\n', '/repo/src/ui/sidebar.tsx'),
    ).toBeUndefined();
  });
});
