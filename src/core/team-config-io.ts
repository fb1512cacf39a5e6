/**
 * The team set-up as a JSON file (export, import) and the checks a config passes before it is shared.
 * An imported file is parsed with offsets (jsonc-parser in strict JSON mode), so every problem, from a
 * missing comma to a bad email address, names the line and column of the value at fault. Nothing here
 * touches the form or the mailbox: a broken file changes nothing.
 *
 * Options page only: jsonc-parser and zod's English messages never reach the content script.
 */

import type { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import {
  type EnvelopeProblem,
  type FilePosition,
  findNodeAtLocation,
  type JsonFileProblem,
  nearestNode,
  parseLabeldeskFile,
  positionAt,
} from './json-file';
import { hasControlCharacter } from './label-codec';
import type { TeamConfig } from './team-config';
import { teamConfigSchema } from './team-config-schema';

export const TEAM_FILE_KIND = 'team-config';
export const TEAM_FILE_VERSION = 1;
/** A team of 200 agents and 1,000 described tags fits in well under 1 MB; anything bigger is not ours. */
export const TEAM_FILE_MAX_BYTES = 1024 * 1024;

export type { FilePosition, JsonSyntaxError } from './json-file';
export { positionAt } from './json-file';

export type ProblemPath = (string | number)[];

/** Why a config cannot be shared, with the path of the value at fault (`['agents', 2, 'email']`). */
export type TeamProblem =
  /** A zod issue; `message` is in the language of the error map passed in (English by default). */
  | { kind: 'schema'; path: ProblemPath; message: string }
  /** An empty name, address or tag: zod's "too small" said plainly. */
  | { kind: 'required'; path: ProblemPath }
  /** Two agents with one address (Gmail addresses ignore case). */
  | { kind: 'duplicate-email'; path: ProblemPath; value: string }
  /** Two agents with one name: the assignee label is the name, so they would share tickets. */
  | { kind: 'duplicate-name'; path: ProblemPath; value: string }
  /** Two tags with one path (Gmail label names ignore case). */
  | { kind: 'duplicate-tag'; path: ProblemPath; value: string }
  /** A tag path other than `what` or `what/why`. */
  | { kind: 'tag-path'; path: ProblemPath; value: string }
  /** A name, group, tag part or prefix part that cannot be part of a Gmail label name. */
  | { kind: 'label-name'; path: ProblemPath; value: string }
  /** A team domain that is not a domain name (`shop.example`). */
  | { kind: 'domain'; path: ProblemPath; value: string };

export type TeamCheck = { ok: true; config: TeamConfig } | { ok: false; problems: TeamProblem[] };

export type ImportProblem = JsonFileProblem | EnvelopeProblem | (FilePosition & TeamProblem);

export type ImportResult = { ok: true; config: TeamConfig } | { ok: false; problems: ImportProblem[] };

/** Zod's error map for the UI language (`zod/v4/locales/ru.js` and so on); English when not given. */
export interface CheckOptions {
  errorMap?: z.core.$ZodErrorMap;
}

const englishErrors = en().localeError;

// A domain name: labels of letters, digits and hyphens (punycode included), at least two of them.
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function labelSegmentOk(value: string): boolean {
  return value.length > 0 && value.trim() === value && !value.includes('/') && !hasControlCharacter(value);
}

/**
 * Everything a config must satisfy before it is shared: the schema, then what the schema cannot see
 * (duplicates, and names that must become Gmail labels). Every problem is reported, not only the first.
 */
export function checkTeamConfig(input: unknown, options: CheckOptions = {}): TeamCheck {
  const parsed = teamConfigSchema.safeParse(input, { error: options.errorMap ?? englishErrors });
  const problems: TeamProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue): TeamProblem => {
        const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
        const empty = issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1;
        return empty ? { kind: 'required', path } : { kind: 'schema', path, message: issue.message };
      });
  // The rules below read the input as far as it has the right shape, so a file or form with a schema
  // error still hears about its duplicates at once; a value the schema already refused is not told twice.
  const refused = new Set(problems.map((problem) => formatProblemPath(problem.path)));
  const report = (problem: TeamProblem) => {
    if (!refused.has(formatProblemPath(problem.path))) problems.push(problem);
  };
  const shape = looseShape(input);

  if (shape.labelPrefix !== undefined && !shape.labelPrefix.split('/').every(labelSegmentOk)) {
    report({ kind: 'label-name', path: ['labelPrefix'], value: shape.labelPrefix });
  }

  const emails = new Set<string>();
  const names = new Set<string>();
  shape.agents.forEach((agent, index) => {
    if (agent.email !== undefined && agent.email !== '') {
      const email = agent.email.toLowerCase();
      if (emails.has(email))
        report({ kind: 'duplicate-email', path: ['agents', index, 'email'], value: agent.email });
      emails.add(email);
    }
    if (agent.name !== undefined && agent.name !== '') {
      const path = ['agents', index, 'name'];
      const name = agent.name.toLowerCase();
      if (!labelSegmentOk(agent.name)) report({ kind: 'label-name', path, value: agent.name });
      else if (names.has(name)) report({ kind: 'duplicate-name', path, value: agent.name });
      names.add(name);
    }
    agent.groups.forEach((group, groupIndex) => {
      if (group !== undefined && group !== '' && !labelSegmentOk(group)) {
        report({ kind: 'label-name', path: ['agents', index, 'groups', groupIndex], value: group });
      }
    });
  });

  shape.teamDomains.forEach((domain, index) => {
    if (domain !== undefined && !DOMAIN.test(domain)) {
      report({ kind: 'domain', path: ['teamDomains', index], value: domain });
    }
  });

  const tagPaths = new Set<string>();
  shape.tags.forEach((tagPath, index) => {
    if (tagPath === undefined || tagPath === '') return;
    const path = ['tags', index, 'path'];
    const parts = tagPath.split('/');
    if (parts.length > 2) report({ kind: 'tag-path', path, value: tagPath });
    else if (!parts.every(labelSegmentOk)) report({ kind: 'label-name', path, value: tagPath });
    else if (tagPaths.has(tagPath.toLowerCase())) report({ kind: 'duplicate-tag', path, value: tagPath });
    tagPaths.add(tagPath.toLowerCase());
  });

  if (parsed.success && problems.length === 0) return { ok: true, config: parsed.data };
  return { ok: false, problems: sortByPath(problems) };
}

/** Problems in the order of the fields they name, so the first one is the first field at fault. */
function sortByPath(problems: TeamProblem[]): TeamProblem[] {
  const order = ['agents', 'labelPrefix', 'teamDomains', 'tags'];
  const rank = (problem: TeamProblem) => {
    const [section, index] = problem.path;
    const sectionRank = typeof section === 'string' ? order.indexOf(section) : -1;
    return [sectionRank, typeof index === 'number' ? index : -1] as const;
  };
  return problems
    .map((problem, position) => ({ problem, position, rank: rank(problem) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.position - b.position)
    .map((entry) => entry.problem);
}

const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The strings of a config-like input wherever they are, `undefined` where something else stands. */
function looseShape(input: unknown) {
  const config = record(input);
  return {
    labelPrefix: stringOrUndefined(config.labelPrefix),
    agents: list(config.agents).map((value) => {
      const agent = record(value);
      return {
        name: stringOrUndefined(agent.name),
        email: stringOrUndefined(agent.email),
        groups: list(agent.groups).map(stringOrUndefined),
      };
    }),
    teamDomains: list(config.teamDomains).map(stringOrUndefined),
    tags: list(config.tags).map((value) => stringOrUndefined(record(value).path)),
  };
}

/** `['agents', 2, 'email']` → `agents[2].email`, as the error list shows it. */
export function formatProblemPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text;
}

/** The file's text for a config: a versioned envelope, so an import can tell our files from any JSON. */
export function teamFileText(config: TeamConfig): string {
  return `${JSON.stringify({ labeldesk: TEAM_FILE_KIND, version: TEAM_FILE_VERSION, config }, null, 2)}\n`;
}

/** `labeldesk-team-support@shop.example.json`; characters a file system may refuse become `_`. */
export function teamFileName(mailbox: string): string {
  return `labeldesk-team-${mailbox.replace(/[^A-Za-z0-9@._+-]/g, '_')}.json`;
}

/**
 * Reads an exported team file. Any problem refuses the whole file and lists every problem with its line and
 * column; only a file that passes `checkTeamConfig` gives a config (for the form, not yet saved).
 */
export function parseTeamFile(text: string, options: CheckOptions = {}): ImportResult {
  const file = parseLabeldeskFile(text, {
    kind: TEAM_FILE_KIND,
    version: TEAM_FILE_VERSION,
    maxBytes: TEAM_FILE_MAX_BYTES,
  });
  if (!file.ok) return file;
  const { root } = file;
  const configNode = findNodeAtLocation(root, ['config']);
  // getNodeValue would also do; JSON.parse is exact (numbers, escapes) and the text is known to be valid.
  const config: unknown =
    configNode === undefined ? undefined : (JSON.parse(text) as { config: unknown }).config;
  const checked = checkTeamConfig(config, options);
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.problems.map((problem) => ({
      ...problem,
      ...positionAt(text, nearestNode(root, ['config', ...problem.path]).offset),
    })),
  };
}
