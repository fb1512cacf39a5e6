/**
 * The UI's CSS lives in string constants (`src/ui/**\/*-styles.ts`), written to be read: indented, one
 * declaration a line, with comments. The content script ships them in every Gmail tab, so the build takes
 * out what CSS ignores — comments and the whitespace around `{ } ; , > :` — and nothing else: quoted
 * strings are kept as written, and a space before `:` stays (`.sidebar :focus-visible` is a descendant).
 */
import { type Plugin, parseSync, Visitor } from 'vite';

// A quoted string, a comment, a run of anything else, or one character (a lone quote or slash).
const TOKEN = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|[^'"/]+|[\s\S]/g;

/** CSS without comments and without the whitespace CSS does not read. */
export function compactCss(css: string): string {
  let out = '';
  for (const [token] of css.matchAll(TOKEN)) {
    // A quote that opens no whole string: the CSS is not what this expects, so it stays as written.
    if (token === "'" || token === '"') return css;
    out += token.startsWith('/*') ? ' ' : token;
  }
  // Whitespace runs become one space, then go where a delimiter makes them meaningless. Quoted strings were
  // kept whole above, so split them out again for this pass.
  return out
    .split(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

/**
 * A Vite plugin: every template literal without `${…}` or a backslash in the files matched by `include` is
 * compacted; one with substitutions or escapes is left as written (its CSS could continue across them).
 */
export function compactCssLiterals(include: RegExp = /\/src\/ui\/(?:.+\/)?[^/]+-styles\.ts$/): Plugin {
  return {
    name: 'labeldesk:compact-css',
    transform(code, id) {
      if (!include.test(id)) return null;
      const { program, errors } = parseSync(id, code);
      if (errors.length > 0) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      new Visitor({
        TemplateLiteral(node) {
          const [quasi] = node.quasis;
          if (node.quasis.length !== 1 || !quasi) return;
          const raw = quasi.value.raw;
          if (raw.includes('\\')) return;
          // oxc's span of a lone quasi takes in the backticks; checked against the raw text either way, so an
          // offset that is not what this expects leaves the file alone instead of corrupting it.
          const inner = code.slice(quasi.start, quasi.end) === `\`${raw}\`` ? 1 : 0;
          const start = quasi.start + inner;
          if (code.slice(start, start + raw.length) !== raw) return;
          edits.push({ start, end: start + raw.length, text: compactCss(raw) });
        },
      }).visit(program);
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      }
      return { code: out, map: null };
    },
  };
}
