// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './package';

/** The privacy policy ships in every language the UI speaks; English is the reference the others follow. */
const PAGES = {
  en: 'privacy.html',
  ru: 'privacy.ru.html',
  pl: 'privacy.pl.html',
  ja: 'privacy.ja.html',
} as const;
type Language = keyof typeof PAGES;
const LANGUAGES = Object.keys(PAGES) as Language[];
const GOOGLE_POLICY = 'https://developers.google.com/terms/api-services-user-data-policy';

const source = (language: Language) => readFileSync(join(ROOT, 'public', PAGES[language]), 'utf8');
const parse = (language: Language) => new DOMParser().parseFromString(source(language), 'text/html');
const texts = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '');

describe.each(LANGUAGES)('privacy policy %s', (language) => {
  const doc = parse(language);
  const english = parse('en');

  it('declares its language and runs nothing, loads nothing from elsewhere', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe(language);
    const html = source(language);
    expect(html).not.toMatch(
      /<script|<iframe|<object|<embed|<img|<form|\son[a-z]+\s*=|\sstyle\s*=|javascript:/i,
    );
    expect(html).not.toMatch(/@import|url\(/i);
    // No inline styles: every language links the one shared sheet, privacy.css (shipped beside the pages).
    expect(doc.querySelectorAll('style')).toHaveLength(0);
    expect(
      [...doc.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')),
    ).toEqual(['privacy.css']);
    // Relative links to the other languages, and Google's policy: nothing else leaves the page.
    const targets = [...doc.querySelectorAll('[href], [src]')].map(
      (element) => element.getAttribute('href') ?? element.getAttribute('src'),
    );
    for (const target of targets)
      expect([...Object.values(PAGES), 'privacy.css', GOOGLE_POLICY], String(target)).toContain(target);
  });

  it('links to every language at the top, marking its own', () => {
    const list = doc.querySelector('main > nav:first-child');
    expect(list?.getAttribute('aria-label')).toBeTruthy();
    const links = [...(list?.querySelectorAll('a') ?? [])];
    expect(links.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')])).toEqual(
      LANGUAGES.map((other) => [other, PAGES[other]]),
    );
    for (const link of links) expect(link.getAttribute('lang')).toBe(link.getAttribute('hreflang'));
    expect(
      links
        .filter((link) => link.getAttribute('aria-current') === 'page')
        .map((link) => link.getAttribute('hreflang')),
    ).toEqual([language]);
    const alternates = [...doc.querySelectorAll('link[rel=alternate]')];
    expect(alternates.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')])).toEqual(
      LANGUAGES.map((other) => [other, PAGES[other]]),
    );
  });

  it('has the same sections, table and lists as the English page', () => {
    const ids = (d: Document) => [...d.querySelectorAll('h2')].map((heading) => heading.id);
    expect(ids(doc)).toEqual(ids(english));
    const shape = (d: Document) => [...d.querySelectorAll('tr')].map((row) => row.children.length);
    expect(shape(doc)).toEqual(shape(english));
    const items = (d: Document) => [...d.querySelectorAll('main > ul')].map((list) => list.children.length);
    expect(items(doc)).toEqual(items(english));
    expect(doc.querySelectorAll('th[scope=col]')).toHaveLength(3);
  });

  it('keeps the facts: scope, storage areas, hosts, commands and file names, in the same order', () => {
    expect(texts(doc, 'code')).toEqual(texts(english, 'code'));
    expect(texts(doc, 'code')).toContain('https://www.googleapis.com/auth/gmail.modify');
    const quote = doc.querySelector('blockquote');
    expect(quote?.querySelector('a')?.getAttribute('href')).toBe(GOOGLE_POLICY);
    // The policy's and the requirement's own names stay findable for Google's reviewers.
    expect(quote?.textContent).toContain('Google API Services User Data Policy');
    expect(quote?.textContent).toContain('Limited Use');
    expect(doc.querySelector('.updated')?.textContent).toMatch(/2026/);
  });

  it('is written in its language, not a copy of the English text', () => {
    if (language === 'en') return;
    expect(doc.title).not.toBe(english.title);
    const sentences = (d: Document) => texts(d, 'main p, main > ul li, main td, main h1, main h2');
    const shared = sentences(doc).filter((text) => sentences(english).includes(text));
    expect(shared).toEqual([]);
  });
});
