/**
 * Static checks that keep the code and SECURITY.md saying the same thing (issue 8, "Security review"):
 * the manifest asks for exactly the permissions SECURITY.md justifies, the code uses exactly the OAuth scopes
 * it justifies, the CSP is strict and quoted verbatim, no new HTML or code sink appears in src/** without a
 * reason, and no console call logs a token, an authorization header or mail content.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
  content_scripts?: { matches: string[]; all_frames?: boolean }[];
}

const manifest = JSON.parse(read('manifest.json')) as Manifest;
const securityMd = read('SECURITY.md');

/** The text under a Markdown heading, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`SECURITY.md has no "${heading}" heading`);
  const level = heading.match(/^#+/)?.[0].length ?? 0;
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && (line.match(/^#+/)?.[0].length ?? 0) <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The first column of a Markdown table's body rows, when it is one `code` span. */
function firstColumnCodes(markdown: string): string[] {
  const codes: string[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*`([^`]+)`\s*\|/.exec(line.trim());
    if (match?.[1] !== undefined) codes.push(match[1]);
  }
  return codes;
}

/** Every production source file under `dir`: tests and test helpers are not shipped. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
    if (/\.test\.tsx?$|\.test-helper\.ts$/.test(entry.name)) continue;
    out.push(relative(ROOT, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

const SRC_FILES = sourceFiles('src');
const WORKER_FILES = ['scripts/worker.ts', ...sourceFiles('scripts/worker')];

/** Blanks out comments and the text of string and template literals (keeping `${…}`, quotes and lines). */
function codeOnly(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  let out = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    const two = source.slice(i, i + 2);
    if (two === '//' || two === '/*') {
      const close = two === '//' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2);
      const stop = close < 0 ? source.length : two === '//' ? close : close + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (char === "'" || char === '"' || char === '`') {
      out += char;
      let j = i + 1;
      while (j < source.length && source[j] !== char) {
        if (source[j] === '\\') {
          out += blank(source.slice(j, j + 2));
          j += 2;
        } else if (char === '`' && source.slice(j, j + 2) === '${') {
          // A template literal's `${…}` is code: keep it, braces balanced.
          let depth = 0;
          const from = j;
          j++; // the `$`; the loop starts at the `{`
          do {
            if (source[j] === '{') depth++;
            else if (source[j] === '}') depth--;
            j++;
          } while (j < source.length && depth > 0);
          out += source.slice(from, j);
        } else {
          out += blank(source[j] as string);
          j++;
        }
      }
      out += source[j] ?? '';
      i = j + 1;
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

const SINKS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'eval', pattern: /(?<![\w$.])eval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { name: 'innerHTML =', pattern: /\.innerHTML\s*\+?=(?!=)/ },
  { name: 'outerHTML =', pattern: /\.outerHTML\s*\+?=(?!=)/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\s*\(/ },
  { name: 'document.write', pattern: /\bdocument\.write(?:ln)?\s*\(/ },
  { name: 'dangerouslySetInnerHTML', pattern: /\bdangerouslySetInnerHTML\b/ },
  { name: 'setTimeout with a string', pattern: /\bset(?:Timeout|Interval)\s*\(\s*['"`]/ },
];

/** Where a sink is allowed, and why. Every entry must still match something, so none goes stale. */
const SINK_ALLOW_LIST: readonly { file: string; sink: string; reason: string }[] = [
  {
    file: 'src/ui/knowledge/article-body.tsx',
    sink: 'dangerouslySetInnerHTML',
    reason:
      'article Markdown with raw HTML escaped (articleHtml), then DOMPurify with a tag/attribute allow-list',
  },
  {
    file: 'src/ui/ticket/testing.ts',
    sink: 'innerHTML =',
    reason: 'test helper: resets document.body to fixed markup between tests; imported by tests only',
  },
  {
    file: 'src/reply-tools/testing.tsx',
    sink: 'innerHTML =',
    reason: 'test helper: resets document.body to fixed markup between tests; imported by tests only',
  },
];

/** Test helpers may hold sinks only because nothing that ships imports them. */
const TEST_ONLY_HELPERS = SINK_ALLOW_LIST.filter((entry) => /\/testing\.tsx?$/.test(entry.file)).map(
  (entry) => entry.file,
);

function findSinks(file: string, source: string): (Finding & { sink: string })[] {
  const found: (Finding & { sink: string })[] = [];
  const code = codeOnly(source).split('\n');
  const original = source.split('\n');
  code.forEach((line, index) => {
    for (const { name, pattern } of SINKS) {
      // The string check needs the quote only, which codeOnly keeps.
      if (pattern.test(line)) {
        found.push({ file, line: index + 1, text: (original[index] ?? '').trim(), sink: name });
      }
    }
  });
  return found;
}

/** Identifiers in console arguments that name a secret or mail content. */
const SUSPICIOUS_IDENTIFIER =
  /token|authori[sz]ation|bearer|secret|password|credential|cookie|body|snippet|subject|payload|raw|headers?$|rfc822|html/i;

/** console calls whose arguments may name a suspicious identifier, and why that one is harmless. */
const CONSOLE_ALLOW_LIST: readonly { file: string; identifier: string; reason: string }[] = [];

/** The argument text of each console.* call: balanced parentheses over code with strings blanked. */
function consoleCalls(file: string, source: string): Finding[] {
  const code = codeOnly(source);
  const calls: Finding[] = [];
  const start = /\bconsole\s*\.\s*(log|info|warn|error|debug|trace|dir|table)\s*\(/g;
  for (const match of code.matchAll(start)) {
    let depth = 1;
    let j = match.index + match[0].length;
    const from = j;
    while (j < code.length && depth > 0) {
      if (code[j] === '(') depth++;
      if (code[j] === ')') depth--;
      j++;
    }
    calls.push({
      file,
      line: code.slice(0, match.index).split('\n').length,
      text: code.slice(from, j - 1),
    });
  }
  return calls;
}

function suspiciousConsoleArguments(file: string, source: string): (Finding & { identifier: string })[] {
  const out: (Finding & { identifier: string })[] = [];
  for (const call of consoleCalls(file, source)) {
    for (const identifier of call.text.match(/[A-Za-z_$][\w$]*/g) ?? []) {
      if (!SUSPICIOUS_IDENTIFIER.test(identifier)) continue;
      if (CONSOLE_ALLOW_LIST.some((entry) => entry.file === file && entry.identifier === identifier))
        continue;
      out.push({ ...call, identifier });
    }
  }
  return out;
}

describe('SECURITY.md cites real code', () => {
  it('names only files and folders that exist', () => {
    const cited = [...securityMd.matchAll(/`((?:src|scripts)\/[^`*\s]+)`/g)].map((m) => m[1] ?? '');
    expect(cited.length).toBeGreaterThan(20);
    expect(cited.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('supports the version package.json releases, and reports only through a private GitHub advisory', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    const [major, minor] = version.split('.');
    expect(section(securityMd, '## Supported versions')).toContain(`| ${major}.${minor}.x`);
    const reporting = section(securityMd, '## Reporting a vulnerability');
    expect(reporting).toContain('/security/advisories/new');
    expect(reporting).not.toMatch(/@|e-?mail/i);
  });
});

describe('the manifest asks for what SECURITY.md justifies', () => {
  it('lists exactly the API permissions justified under "API permissions"', () => {
    const justified = firstColumnCodes(section(securityMd, '### API permissions'));
    expect(justified.length).toBeGreaterThan(0);
    expect([...justified].sort()).toEqual([...(manifest.permissions ?? [])].sort());
  });

  it('lists exactly the host permissions justified under "Host permissions"', () => {
    const justified = firstColumnCodes(section(securityMd, '### Host permissions'));
    expect([...justified].sort()).toEqual([...(manifest.host_permissions ?? [])].sort());
  });

  it('asks for no optional permissions, no external messaging and no web-accessible files', () => {
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('runs the content script on Gmail only, in the top frame only', () => {
    for (const script of manifest.content_scripts ?? []) {
      expect(script.matches).toEqual(['https://mail.google.com/*']);
      expect(script.all_frames ?? false).toBe(false);
    }
  });
});

describe('OAuth scopes', () => {
  it('uses in code exactly the scopes SECURITY.md justifies', () => {
    const justified = firstColumnCodes(section(securityMd, '## OAuth scopes'));
    const used = new Set<string>();
    for (const file of [...SRC_FILES, ...WORKER_FILES]) {
      for (const scope of read(file).match(/https:\/\/www\.googleapis\.com\/auth\/[\w.]+/g) ?? []) {
        used.add(scope);
      }
      // The all-mail scope has no /auth/ path: it must never be asked for.
      expect(read(file), `${file} asks for https://mail.google.com/`).not.toMatch(
        /scope[^\n]*['"`]https:\/\/mail\.google\.com\/['"`]/,
      );
    }
    expect(used.size).toBeGreaterThan(0);
    expect([...used].sort()).toEqual([...justified].sort());
  });
});

describe('the content security policy', () => {
  const csp = manifest.content_security_policy?.extension_pages ?? '';

  it('is set, and quoted verbatim in SECURITY.md', () => {
    expect(csp).not.toBe('');
    expect(securityMd).toContain(csp);
    expect(manifest.content_security_policy?.sandbox).toBeUndefined();
  });

  it("allows no 'unsafe-eval', no 'unsafe-inline' and no remote host", () => {
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|wasm-unsafe-eval/);
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name as string, sources]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^'(self|none)'$/);
      }
    }
  });
});

describe('no string becomes code or markup', () => {
  it('has no eval, new Function, innerHTML =, dangerouslySetInnerHTML … outside the allow-list', () => {
    const findings = SRC_FILES.flatMap((file) => findSinks(file, read(file)));
    const unexplained = findings.filter(
      (f) => !SINK_ALLOW_LIST.some((entry) => entry.file === f.file && entry.sink === f.sink),
    );
    expect(unexplained).toEqual([]);
    for (const entry of SINK_ALLOW_LIST) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(
        findings.some((f) => f.file === entry.file && f.sink === entry.sink),
        `stale allow-list entry ${entry.file} ${entry.sink}`,
      ).toBe(true);
    }
  });

  it('ships no allow-listed test helper: only tests import them', () => {
    for (const file of SRC_FILES) {
      if (TEST_ONLY_HELPERS.includes(file) || /(^|\/)testing\.tsx?$/.test(file)) continue;
      const imports = [...read(file).matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
      expect(
        imports.filter((path) => /(^|\/)testing$/.test(path)),
        `${file} imports a test helper`,
      ).toEqual([]);
    }
  });

  it('the scanner finds each sink and ignores comments and strings', () => {
    const sample = [
      'el.innerHTML = html;',
      "eval('1');",
      'const f = new Function("a", "return a");',
      'node.insertAdjacentHTML("beforeend", x);',
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
      "setTimeout('alert(1)', 0);",
      '// el.innerHTML = comment;',
      "const s = 'eval(x)';",
      'if (el.innerHTML === "") {}',
      'retrieval(x);',
    ].join('\n');
    expect(findSinks('sample.ts', sample).map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('logs carry no token and no mail content', () => {
  it('has no console call in src/** or the Node worker whose arguments name a token, a header or a body', () => {
    const files = [...SRC_FILES, ...WORKER_FILES];
    const findings = files.flatMap((file) => suspiciousConsoleArguments(file, read(file)));
    expect(findings).toEqual([]);
    // The scan saw the calls there are (so a broken parser cannot pass by finding none).
    expect(files.flatMap((file) => consoleCalls(file, read(file))).length).toBeGreaterThan(5);
  });

  it('the scanner flags suspicious arguments and ignores the words inside strings', () => {
    const sample = [
      "console.info('token refreshed');",
      'console.warn("failed:", error.name);',
      'console.log(accessToken);',
      `console.error(\`Bearer \${token}\`);`,
      "console.log('headers', request.headers);",
      'console.debug(note.body.length);',
      'console.info(\n  message.subject,\n);',
    ].join('\n');
    expect(suspiciousConsoleArguments('sample.ts', sample).map((f) => [f.line, f.identifier])).toEqual([
      [3, 'accessToken'],
      [4, 'token'],
      [5, 'headers'],
      [6, 'body'],
      [7, 'subject'],
    ]);
  });
});
