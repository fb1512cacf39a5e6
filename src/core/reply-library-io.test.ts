import { describe, expect, it } from 'vitest';
import ru from 'zod/v4/locales/ru.js';
import type { Macro } from './macros';
import {
  parseReplyLibraryFile,
  REPLY_LIBRARY_MAX_BYTES,
  type ReplyLibrary,
  type ReplyLibraryImportProblem,
  replyLibraryFileName,
  replyLibraryFileText,
} from './reply-library-io';
import { formatProblemPath } from './team-config-io';
import type { Template } from './templates';

const template: Template = {
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Order not received',
  folder: 'Shipping',
  tags: ['Shipping/Late by shipper'],
  variants: [
    { language: 'en', body: 'Hello {{customer.firstName}}, your parcel is on its way.' },
    { language: 'ru', body: 'Здравствуйте, {{customer.firstName}}! Посылка уже в пути.' },
  ],
  updatedAt: 1_700_000_000_000,
  author: 'Anna',
};

const macro: Macro = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Late parcel: hand to Shipping',
  templateId: template.id,
  patch: { status: 'Pending', group: 'Shipping', assignee: 'Dmitri', addTags: ['Shipping/Late by shipper'] },
  notifyAssignee: true,
};

const library: ReplyLibrary = {
  templates: [template],
  shortcuts: [
    { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
    { abbreviation: 'пож', expansion: 'пожалуйста,' },
    { abbreviation: 'демоо', expansion: 'https://demo.example/book-a-demo' },
  ],
  macros: [macro],
};

const envelope = { labeldesk: 'reply-library', version: 1 };
/** A file as a person would write it: one value per line, so positions are easy to read in the cases. */
const file = (sections: Record<string, unknown>, head: Record<string, unknown> = envelope) =>
  JSON.stringify({ ...head, ...sections }, null, 2);

function where(problems: ReplyLibraryImportProblem[]): string[] {
  return problems.map((problem) => {
    if (problem.kind === 'too-large') return problem.kind;
    const detail =
      problem.kind === 'syntax'
        ? problem.error
        : 'path' in problem
          ? `${problem.kind} ${formatProblemPath(problem.path)}${problem.kind === 'duplicate' ? ` ${problem.value}` : ''}`
          : problem.kind;
    return `${problem.line}:${problem.column} ${detail}`;
  });
}

function problemsOf(text: string): string[] {
  const result = parseReplyLibraryFile(text);
  if (result.ok) throw new Error('the file must be refused');
  return where(result.problems);
}

describe('reply library files', () => {
  it('round-trips templates, shortcuts and macros through one file', () => {
    const text = replyLibraryFileText(library);
    expect(JSON.parse(text)).toMatchObject({ labeldesk: 'reply-library', version: 1 });
    expect(parseReplyLibraryFile(text)).toEqual({
      ok: true,
      library,
      sections: ['templates', 'shortcuts', 'macros'],
    });
  });

  it('reads a file with one section and says which sections it had', () => {
    const result = parseReplyLibraryFile(file({ shortcuts: library.shortcuts }));
    expect(result).toEqual({
      ok: true,
      library: { templates: [], shortcuts: library.shortcuts, macros: [] },
      sections: ['shortcuts'],
    });
  });

  it('fills what a hand-written macro leaves out', () => {
    const { notifyAssignee: _, ...bare } = macro;
    const result = parseReplyLibraryFile(file({ macros: [bare] }));
    expect(result.ok && result.library.macros[0]?.notifyAssignee).toBe(false);
  });

  it('names the file after the mailbox', () => {
    expect(replyLibraryFileName('support@shop.example')).toBe('labeldesk-replies-support@shop.example.json');
    expect(replyLibraryFileName('a/b:c@x.example')).toBe('labeldesk-replies-a_b_c@x.example.json');
  });

  it.each<[string, string, string[]]>([
    ['a missing comma', '{\n  "labeldesk": "reply-library"\n  "version": 1\n}', ['3:3 comma-expected']],
    ['a trailing comma, once', '{\n  "labeldesk": "reply-library",\n}', ['3:1 property-name-expected']],
    ['a comment', '// replies\n{}', ['1:1 comment']],
    [
      'an unterminated string',
      '{\n  "labeldesk": "reply-library',
      ['2:16 unterminated-string', '2:30 close-brace-expected'],
    ],
    ['an empty file', '', ['1:1 value-expected']],
    ['a team file', file({ config: {} }, { labeldesk: 'team-config', version: 1 }), ['2:16 envelope']],
    ['any other JSON', '[1, 2]', ['1:1 envelope']],
    ['a newer version', file({}, { labeldesk: 'reply-library', version: 2 }), ['3:14 version']],
  ])('refuses %s, saying where', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('names the line and column of every bad entry, in file order', () => {
    const text = file({
      templates: [template, { ...template, name: '' }],
      shortcuts: [
        { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
        { abbreviation: 'з д', expansion: 'x' },
        { abbreviation: 'зД', expansion: 'y' },
      ],
      macros: [macro, { ...macro, id: 'not-a-uuid', patch: { status: 'Done' } }],
    });
    expect(problemsOf(text)).toEqual([
      '26:13 duplicate templates[1].id 00000000-0000-4000-8000-0000000000aa',
      '27:15 required templates[1].name',
      '52:23 schema shortcuts[1].abbreviation',
      '56:23 duplicate shortcuts[2].abbreviation зД',
      '76:13 schema macros[1].id',
      '80:19 schema macros[1].patch.status',
    ]);
  });

  it('reports a misspelt section at its key', () => {
    expect(problemsOf(file({ shortcut: [] }))).toEqual(['4:15 schema shortcut']);
  });

  it('reports duplicate macro names, ignoring case', () => {
    const text = file({
      macros: [
        macro,
        { ...macro, id: '00000000-0000-4000-8000-000000000002', name: 'LATE PARCEL: HAND TO SHIPPING' },
      ],
    });
    expect(problemsOf(text)).toEqual(['21:15 duplicate macros[1].name LATE PARCEL: HAND TO SHIPPING']);
  });

  it('speaks the UI language in schema messages', () => {
    const result = parseReplyLibraryFile(file({ macros: [{ ...macro, notifyAssignee: 'yes' }] }), {
      errorMap: ru().localeError,
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatchObject({ kind: 'schema', message: expect.stringMatching(/[а-я]/) });
  });

  it('refuses a file too large before reading it', () => {
    const text = ' '.repeat(REPLY_LIBRARY_MAX_BYTES + 1);
    expect(parseReplyLibraryFile(text)).toEqual({
      ok: false,
      problems: [{ kind: 'too-large', bytes: REPLY_LIBRARY_MAX_BYTES + 1 }],
    });
  });
});
