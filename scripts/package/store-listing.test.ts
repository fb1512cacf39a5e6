import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './package';

const LANGUAGES = ['en', 'ru', 'pl', 'ja'] as const;
const SECTIONS = ['Name', 'Summary', 'Description', 'Privacy', 'Permissions'] as const;

/** `## Heading` → the text under it, trimmed. */
function sections(language: string): Map<string, string> {
  const text = readFileSync(join(ROOT, 'store', `${language}.md`), 'utf8');
  const found = new Map<string, string>();
  for (const part of text.split(/^## /m).slice(1)) {
    const [heading = '', ...body] = part.split('\n');
    found.set(heading.trim(), body.join('\n').trim());
  }
  return found;
}

const messages = (language: string) =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', language, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;

describe.each(LANGUAGES)('store listing %s', (language) => {
  const listing = sections(language);

  it('has every section, none empty', () => {
    for (const section of SECTIONS) expect(listing.get(section), section).toBeTruthy();
  });

  it("keeps to the stores' limits", () => {
    expect([...(listing.get('Name') ?? '')].length).toBeLessThanOrEqual(50); // AMO's name limit
    expect([...(listing.get('Summary') ?? '')].length).toBeLessThanOrEqual(132); // Chrome's summary limit
    expect([...(listing.get('Description') ?? '')].length).toBeLessThanOrEqual(16_000);
  });

  it('names and summarises the extension as its manifest does in that language', () => {
    expect(listing.get('Name')).toBe(messages(language).extName?.message);
    expect(listing.get('Summary')).toBe(messages(language).extDescription?.message);
  });

  it('carries the Google limited-use statement and justifies every permission in the manifest', () => {
    expect(listing.get('Privacy')).toContain('Google API Services User Data Policy');
    expect(listing.get('Privacy')).toContain('Limited Use');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as {
      permissions: string[];
      host_permissions: string[];
    };
    for (const permission of [...manifest.permissions, ...manifest.host_permissions]) {
      expect(listing.get('Permissions'), permission).toContain(`\`${permission}\``);
    }
  });

  it('points at the privacy policy in its own language, a page the package ships', () => {
    const page = language === 'en' ? 'privacy.html' : `privacy.${language}.html`;
    const named = listing.get('Privacy')?.match(/privacy(?:\.[a-z]{2})?\.html/g);
    expect(named).toEqual([page]);
    expect(existsSync(join(ROOT, 'public', page)), page).toBe(true);
  });

  it('is not a copy of the English text', () => {
    if (language === 'en') return;
    expect(listing.get('Description')).not.toBe(sections('en').get('Description'));
  });
});
