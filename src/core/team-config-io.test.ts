import { describe, expect, it } from 'vitest';
import ru from 'zod/v4/locales/ru.js';
import { checksBeforeSending, type TeamConfig } from './team-config';
import {
  checkTeamConfig,
  formatProblemPath,
  type ImportProblem,
  parseTeamFile,
  positionAt,
  TEAM_FILE_MAX_BYTES,
  teamFileName,
  teamFileText,
} from './team-config-io';

const team: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Bo', email: 'bo@shop.example', groups: [], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example'],
  tags: [{ path: 'Shipping', description: 'Delivery problems' }, { path: 'Shipping/Late by shipper' }],
};

/** A file as a person would write it: one value per line, so positions are easy to read in the cases. */
function file(config: unknown, envelope: Record<string, unknown> = { labeldesk: 'team-config', version: 1 }) {
  return JSON.stringify({ ...envelope, config }, null, 2);
}

function where(problems: ImportProblem[]) {
  return problems.map((problem) => {
    if (problem.kind === 'too-large') return problem.kind;
    const detail =
      problem.kind === 'syntax'
        ? problem.error
        : 'path' in problem
          ? `${problem.kind} ${formatProblemPath(problem.path)}`
          : problem.kind;
    return `${problem.line}:${problem.column} ${detail}`;
  });
}

describe('team files', () => {
  it('round-trips a config through its file', () => {
    const text = teamFileText(team);
    expect(JSON.parse(text)).toEqual({ labeldesk: 'team-config', version: 1, config: team });
    expect(parseTeamFile(text)).toEqual({ ok: true, config: team });
  });

  it('fills defaults a hand-written file leaves out', () => {
    const result = parseTeamFile(file({ agents: [] }));
    expect(result).toEqual({
      ok: true,
      config: { agents: [], labelPrefix: 'Helpdesk', teamDomains: [], tags: [] },
    });
  });

  it('carries "check replies before sending"; a file from before the setting reads as off', () => {
    const on = { ...team, checksBeforeSending: true };
    const result = parseTeamFile(teamFileText(on));
    expect(result).toEqual({ ok: true, config: on });
    expect(result.ok && checksBeforeSending(result.config)).toBe(true);
    const old = parseTeamFile(file({ agents: [] }));
    expect(old.ok && checksBeforeSending(old.config)).toBe(false);
    const wrong = parseTeamFile(file({ agents: [], checksBeforeSending: 'yes' }));
    expect(wrong.ok).toBe(false);
  });

  it('names the file after the mailbox, without characters a file system may refuse', () => {
    expect(teamFileName('support@shop.example')).toBe('labeldesk-team-support@shop.example.json');
    expect(teamFileName('a/b\\c:d@x.example')).toBe('labeldesk-team-a_b_c_d@x.example.json');
  });

  it.each([
    ['LF', 'a\nbc\nd', 4, { line: 2, column: 3 }],
    ['CRLF', 'a\r\nbc\r\nd', 7, { line: 3, column: 1 }],
    ['first character', 'abc', 0, { line: 1, column: 1 }],
  ])('counts lines and columns (%s)', (_name, text, offset, position) => {
    expect(positionAt(text, offset)).toEqual(position);
  });

  const agents = (...extra: unknown[]) => [...team.agents, ...extra];

  it.each<[string, string, string[]]>([
    ['a missing comma', '{\n  "labeldesk": "team-config"\n  "version": 1\n}', ['3:3 comma-expected']],
    [
      'a trailing comma, reported once',
      '{\n  "labeldesk": "team-config",\n}',
      ['3:1 property-name-expected'],
    ],
    ['a comment (strict JSON)', '// team\n{}', ['1:1 comment']],
    [
      'an unterminated string',
      '{\n  "labeldesk": "team-co',
      ['2:16 unterminated-string', '2:24 close-brace-expected'],
    ],
    ['an empty file', '', ['1:1 value-expected']],
    ["another program's JSON", '{\n  "name": "eslint-config"\n}', ['1:1 envelope']],
    ['a bare config without envelope', JSON.stringify(team, null, 2), ['1:1 envelope']],
    ['an array at the top', '[1, 2]', ['1:1 envelope']],
    ['a missing config', '{ "labeldesk": "team-config", "version": 1 }', ['1:1 schema ']],
  ])('refuses %s with line-precise problems', (_name, text, expected) => {
    const result = parseTeamFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(where(result.problems)).toEqual(expected);
  });

  /** Where `find` starts in the text, plus `skip` characters, counted by lines as an editor does. */
  function at(text: string, find: string, skip = 0): string {
    const offset = text.indexOf(find);
    expect(offset, find).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, offset + skip).split('\n');
    return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
  }

  it.each<[string, string, [detail: string, find: string, skip?: number][]]>([
    [
      'another kind of Labeldesk file',
      file(team, { labeldesk: 'templates', version: 1 }),
      [['envelope', '"templates"']],
    ],
    ['a newer file version', file(team, { labeldesk: 'team-config', version: 2 }), [['version', '2,']]],
    ['agents of the wrong type', file({ ...team, agents: 'Anna, Bo' }), [['schema agents', '"Anna, Bo"']]],
    [
      'a bad email address',
      file({ ...team, agents: agents({ name: 'Cy', email: 'cy at shop', groups: [], lead: false }) }),
      [['schema agents[2].email', '"cy at shop"']],
    ],
    [
      'a missing name, at the agent',
      file({ ...team, agents: agents({ email: 'cy@shop.example' }) }),
      [['schema agents[2].name', '{\n        "email": "cy@']],
    ],
    [
      'duplicate agent emails, ignoring case',
      file({ ...team, agents: agents({ name: 'Cy', email: 'ANNA@shop.example' }) }),
      [['duplicate-email agents[2].email', '"ANNA@shop.example"']],
    ],
    [
      'duplicate agent names, ignoring case',
      file({ ...team, agents: agents({ name: 'anna', email: 'a2@shop.example' }) }),
      [['duplicate-name agents[2].name', '"anna"']],
    ],
    [
      'duplicate tag paths, ignoring case',
      file({ ...team, tags: [...team.tags, { path: 'shipping/late BY shipper' }] }),
      [['duplicate-tag tags[2].path', '"shipping/late BY shipper"']],
    ],
    [
      'an empty tag path, said plainly',
      file({ ...team, tags: [{ path: '' }] }),
      [['required tags[0].path', '"path": ""', '"path": '.length]],
    ],
    [
      'a tag three levels deep',
      file({ ...team, tags: [{ path: 'a/b/c' }] }),
      [['tag-path tags[0].path', '"a/b/c"']],
    ],
    [
      'a tag with an empty part',
      file({ ...team, tags: [{ path: 'Shipping/' }] }),
      [['label-name tags[0].path', '"Shipping/"']],
    ],
    [
      'a domain that is an address',
      file({ ...team, teamDomains: ['me@shop.example'] }),
      [['domain teamDomains[0]', '"me@shop.example"']],
    ],
    [
      'a schema error and a duplicate at once',
      file({ ...team, agents: agents({ name: 'bo', email: 'nope' }) }),
      [
        ['schema agents[2].email', '"nope"'],
        ['duplicate-name agents[2].name', '"bo"'],
      ],
    ],
    [
      'several problems, each with its place',
      file({ ...team, labelPrefix: '', agents: agents({ name: 'Cy', email: 'nope' }) }),
      [
        ['schema agents[2].email', '"nope"'],
        ['required labelPrefix', '"labelPrefix": ""', '"labelPrefix": '.length],
      ],
    ],
  ])('refuses %s at the value at fault', (_name, text, expected) => {
    const result = parseTeamFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(where(result.problems)).toEqual(
        expected.map(([detail, find, skip]) => `${at(text, find, skip)} ${detail}`),
      );
    }
  });

  it("gives zod's message in the error map's language", () => {
    const text = file({
      ...team,
      agents: agents({ name: 'Cy', email: 'cy at shop', groups: [], lead: false }),
    });
    const english = parseTeamFile(text);
    const russian = parseTeamFile(text, { errorMap: ru().localeError });
    expect(english.ok === false && english.problems[0]).toMatchObject({ message: 'Invalid email address' });
    expect(russian.ok === false && russian.problems[0]).toMatchObject({ message: 'Неверный email адрес' });
  });

  it('refuses a file over 1 MB before parsing it', () => {
    const big = file({ ...team, tags: [{ path: 'x', description: 'é'.repeat(TEAM_FILE_MAX_BYTES / 2) }] });
    const result = parseTeamFile(big);
    expect(result).toEqual({ ok: false, problems: [{ kind: 'too-large', bytes: expect.any(Number) }] });
  });
});

describe('checkTeamConfig', () => {
  it('accepts a sound config', () => {
    expect(checkTeamConfig(team)).toEqual({ ok: true, config: team });
  });

  it.each<[string, unknown, string[]]>([
    ['a prefix with an empty part', { ...team, labelPrefix: 'Help//desk' }, ['label-name labelPrefix']],
    ['a nested prefix', { ...team, labelPrefix: 'Team/Helpdesk' }, []],
    [
      'a name with a slash',
      { ...team, agents: [{ name: 'A/B', email: 'ab@shop.example' }] },
      ['label-name agents[0].name'],
    ],
    [
      'a group with spaces at the ends',
      { ...team, agents: [{ name: 'A', email: 'a@shop.example', groups: [' Billing'] }] },
      ['label-name agents[0].groups[0]'],
    ],
    ['a punycode domain', { ...team, teamDomains: ['xn--80ak6aa92e.xn--p1ai'] }, []],
  ])('%s', (_name, input, expected) => {
    const result = checkTeamConfig(input);
    expect(result.ok ? [] : result.problems.map((p) => `${p.kind} ${formatProblemPath(p.path)}`)).toEqual(
      expected,
    );
  });
});
