// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { articlesHtml, articlesMarkdown, exportFileName, exportOrder } from './export';
import { article, DAY, NOW } from './test-articles';

const en = article(1, {
  title: 'Returns',
  body: 'Send it back within **30 days**.',
  tags: ['Returns/Wrong size', 'Shipping'],
  owner: 'Anna',
  lastReviewedAt: Date.UTC(2026, 9, 1),
  url: 'https://shop.example/help/returns',
});
const enB = article(2, { title: 'Address change', body: 'Write to us before it ships.' });
const ja = article(3, { title: '返品', body: '30日以内です。', language: 'ja' });
const pl = article(4, { title: 'Zwroty', body: 'W ciągu 30 dni.', language: 'pl' });
const draft = article(5, { title: 'Secret draft', body: 'not yet', state: 'draft' });
const hostile = article(6, {
  title: 'Say "hi" <script>alert(1)</script> & \'bye\'',
  body: '<script>alert(2)</script>\n\n[click](javascript:alert(3)) <img src=x onerror=alert(4)>\n\n![t](https://t.example/p.png)',
  owner: 'Eve <eve@example.com>',
  tags: ['<b>tag</b>'],
});

describe('exportOrder', () => {
  it('keeps published articles, by language then title', () => {
    expect(exportOrder([ja, draft, pl, en, enB]).map((a) => a.title)).toEqual([
      'Address change',
      'Returns',
      'Zwroty',
      '返品',
    ]);
  });
});

describe('articlesMarkdown', () => {
  it('writes a title, then each article with its details and body', () => {
    const md = articlesMarkdown([en, enB, draft], { team: 'Shop support', now: NOW });
    expect(md).toBe(
      [
        '# Knowledge base: Shop support',
        '',
        'Exported: 2026-11-20',
        '',
        '## Address change',
        '',
        '*Language: English · Owner: Anna · Last reviewed: 2026-11-10*',
        '',
        'Write to us before it ships.',
        '',
        '## Returns',
        '',
        '*Language: English · Owner: Anna · Last reviewed: 2026-10-01 · Tags: Returns/Wrong size, Shipping*',
        '',
        'Public page: <https://shop.example/help/returns>',
        '',
        'Send it back within **30 days**.',
        '',
      ].join('\n'),
    );
  });

  it('uses the labels it is given and leaves drafts out', () => {
    const md = articlesMarkdown([draft, pl], {
      now: NOW - DAY,
      labels: {
        knowledgeBase: 'Baza wiedzy',
        exported: 'Wyeksportowano',
        contents: 'Spis treści',
        language: 'Język',
        owner: 'Właściciel',
        lastReviewed: 'Ostatni przegląd',
        tags: 'Tagi',
        publicUrl: 'Strona publiczna',
      },
    });
    expect(md).toMatch(/^# Baza wiedzy\n\nWyeksportowano: 2026-11-19\n/);
    expect(md).toContain('*Język: Polski · Właściciel: Anna');
    expect(md).not.toContain('Secret draft');
  });

  it('keeps a title on one line', () => {
    const md = articlesMarkdown([article(7, { title: 'Two\nlines' })], { now: NOW });
    expect(md).toContain('## Two lines\n');
  });
});

describe('articlesHtml', () => {
  const html = articlesHtml([en, enB, ja, pl, draft, hostile], { team: 'Shop "support"', now: NOW });
  const doc = new DOMParser().parseFromString(html, 'text/html');

  it('is one self-contained page: charset, a CSP allowing only inline style, no script', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(doc.querySelector('style')?.textContent).toContain('prefers-color-scheme: dark');
    expect(doc.querySelectorAll('script, img, iframe, link, object, embed, svg')).toHaveLength(0);
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.name).not.toMatch(/^on/i);
    }
    for (const link of doc.querySelectorAll('a')) {
      expect(link.getAttribute('href')).toMatch(/^(#article-[0-9a-f-]+|https?:|mailto:)/);
    }
  });

  it('has a contents list by language and each article with lang=', () => {
    expect([...doc.querySelectorAll('nav h3')].map((h) => h.textContent)).toEqual([
      'English',
      'Polski',
      '日本語',
    ]);
    const articles = [...doc.querySelectorAll('main article')];
    expect(articles.map((a) => a.getAttribute('lang'))).toEqual(['en', 'en', 'en', 'pl', 'ja']);
    expect(articles.map((a) => a.querySelector('h2')?.textContent)).toEqual([
      'Address change',
      'Returns',
      hostile.title,
      'Zwroty',
      '返品',
    ]);
    const toc = doc.querySelector('nav a[href="#article-00000000-0000-4000-8000-000000000001"]');
    expect(toc?.textContent).toBe('Returns');
    expect(doc.getElementById('article-00000000-0000-4000-8000-000000000001')).not.toBeNull();
    expect(html).not.toContain('Secret draft');
  });

  it('escapes a title with quotes and tags, in the page title and the article', () => {
    expect(doc.title).toBe('Knowledge base: Shop "support"');
    expect(html).toContain('<title>Knowledge base: Shop &quot;support&quot;</title>');
    expect(html).toContain('Say &quot;hi&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;bye&#39;');
    expect(html).toContain('Owner: Eve &lt;eve@example.com&gt;');
    expect(html).toContain('Tags: &lt;b&gt;tag&lt;/b&gt;');
  });

  it('shows the hostile body as text with no javascript link and no image', () => {
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/javascript:|t\.example/);
    expect(html).toContain('click');
  });

  it('links the public page', () => {
    const link = doc.querySelector('a[href="https://shop.example/help/returns"]');
    expect(link?.textContent).toBe('Public page');
  });
});

describe('exportFileName', () => {
  it('dates the file', () => {
    expect(exportFileName(NOW, 'md')).toBe('knowledge-base-2026-11-20.md');
    expect(exportFileName(NOW, 'html')).toBe('knowledge-base-2026-11-20.html');
  });
});
