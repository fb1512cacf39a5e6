import { describe, expect, it } from 'vitest';
import { STARTER_LANGUAGES, STARTER_TAGS, starterLanguage, withStarterTags } from './starter-tags';
import { checkTeamConfig } from './team-config-io';

describe('starter tags', () => {
  it.each(STARTER_LANGUAGES)('%s: every tag can be shared as the team taxonomy', (language) => {
    const tags = [...STARTER_TAGS[language]];
    expect(checkTeamConfig({ agents: [], tags })).toMatchObject({ ok: true });
    for (const tag of tags) expect(tag.description, tag.path).toMatch(/\S/);
  });

  it.each(STARTER_LANGUAGES)('%s: every why-tag has its what-tag before it', (language) => {
    const seen = new Set<string>();
    for (const { path } of STARTER_TAGS[language]) {
      const [what, why] = path.split('/');
      if (why !== undefined) expect(seen, path).toContain(what);
      else seen.add(path);
    }
  });

  it.each(STARTER_LANGUAGES.filter((language) => language !== 'en'))(
    '%s: the same taxonomy as English, in its own words',
    (language) => {
      const english = STARTER_TAGS.en;
      const translated = STARTER_TAGS[language];
      expect(translated).toHaveLength(english.length);
      translated.forEach((tag, index) => {
        const source = english[index];
        expect(tag.path.split('/').length, tag.path).toBe(source?.path.split('/').length);
        expect(tag.path).not.toBe(source?.path);
        expect(tag.description).not.toBe(source?.description);
      });
    },
  );

  it('says why, as PRODUCT.md asks: shipping and payment problems by cause', () => {
    const paths = STARTER_TAGS.en.map((tag) => tag.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'Invoice data',
        'Order processing',
        'Shipping/Late by shipper',
        'Shipping/Warehouse delays',
        'Returns and exchanges',
        'Customer accounts',
        'Complaint',
        'Feature request',
        'Pre-sales',
        'Payments/Payment error',
      ]),
    );
  });

  it.each([
    ['ru', 'ru'],
    ['pl-PL', 'pl'],
    ['ja_JP', 'ja'],
    ['en-GB', 'en'],
    ['de', 'en'],
    ['', 'en'],
  ])('picks the set for UI language %j', (ui, language) => {
    expect(starterLanguage(ui)).toBe(language);
  });

  it('adds only the starter tags the team lacks, ignoring case, and keeps its own', () => {
    const own = [
      { path: 'shipping', description: 'Our own wording' },
      { path: 'VIP', description: 'Key accounts' },
    ];
    const { tags, added } = withStarterTags(own, 'en');
    expect(tags.slice(0, 2)).toEqual(own);
    expect(added).toBe(STARTER_TAGS.en.length - 1);
    expect(tags.filter((tag) => tag.path.toLowerCase() === 'shipping')).toHaveLength(1);
    expect(withStarterTags(tags, 'en').added).toBe(0);
  });

  it('adds the set in the UI language', () => {
    expect(withStarterTags([], 'ja').tags[0]?.path).toBe('請求書情報');
  });
});
