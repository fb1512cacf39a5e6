import { afterEach, describe, expect, it } from 'vitest';
import { importedJson } from '../../test/fixtures/hostile/corpus';
import { parseReplyLibraryFile } from './reply-library-io';
import { parseTeamFile } from './team-config-io';

/**
 * Issue 8, hostile imported JSON: team files and reply libraries with `__proto__` / `constructor.prototype`
 * keys, markup in every name, wrong types, truncation, BOMs, 10,000-deep nesting and HTML pages. Reading them
 * never throws and never pollutes a prototype; a broken file is refused with at least one positioned problem;
 * a well-formed one may be taken, its markup kept as plain data for Preact to escape.
 */
afterEach(() => {
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('lead');
});

function parse(target: 'team' | 'library', text: string) {
  return target === 'team' ? parseTeamFile(text) : parseReplyLibraryFile(text);
}

/** Every object in a parsed value is a plain object or array whose own keys include no prototype key. */
function assertPlain(value: unknown, path = '$'): void {
  if (value === null || typeof value !== 'object') return;
  const proto = Object.getPrototypeOf(value);
  expect(proto === Object.prototype || proto === Array.prototype, `${path} has a foreign prototype`).toBe(
    true,
  );
  for (const key of Object.keys(value)) {
    expect(['__proto__', 'prototype'], `${path}.${key}`).not.toContain(key);
    assertPlain((value as Record<string, unknown>)[key], `${path}.${key}`);
  }
}

describe('hostile imported JSON', () => {
  it.each(importedJson.map((c) => [c.id, c] as const))('%s is read safely', (_, file) => {
    const result = parse(file.target, file.text);
    if (!result.ok) {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) expect(problem.kind).toMatch(/^[a-z-]+$/);
      expect(file.acceptable, `${file.id} was refused: ${JSON.stringify(result.problems[0])}`).not.toBe(true);
      return;
    }
    expect(file.acceptable, `${file.id} should have been refused`).toBe(true);
    assertPlain(result);
  });

  it('a __proto__ inside an agent gives no hidden lead and no extra agent field', () => {
    const file = importedJson.find((c) => c.id === 'import-team-proto-agent');
    const result = parseTeamFile(file?.text ?? '');
    if (result.ok) {
      for (const agent of result.config.agents) expect(agent.lead).not.toBe(true);
    } else {
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('keeps markup in names as the characters typed', () => {
    const file = importedJson.find((c) => c.id === 'import-team-agent-xss');
    const result = parseTeamFile(file?.text ?? '');
    expect(result.ok && result.config.agents.map((a) => a.name)).toContain(
      '<img src=x onerror=window.__pwned=1>',
    );
  });
});
