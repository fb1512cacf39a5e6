import { describe, expect, it } from 'vitest';
import { searchArticles } from './search';
import { article } from './test-articles';

const returns = article(1, {
  title: 'Returns and exchanges',
  body: 'You can send any order back within **30 days**. Print the label from your account.',
  tags: ['Returns/Wrong size'],
  url: 'https://shop.example/help/returns',
});
const shipping = article(2, {
  title: 'Where is my parcel?',
  body: 'Parcels leave the warehouse in 2 days. Returns of damaged parcels are free.',
  tags: ['Shipping/Late by shipper'],
});
const polish = article(3, {
  title: 'Zwrót towaru',
  body: 'Możesz odesłać zamówienie w ciągu 30 dni. Zwroty są bezpłatne.',
  language: 'pl',
  tags: ['Zwroty'],
});
const russian = article(4, {
  title: 'Ёлочные игрушки: возврат',
  body: 'Вернуть заказ можно в течение 30 дней.',
  language: 'ru',
});
const japanese = article(5, {
  title: '返品について',
  body: 'ご注文の商品は到着から30日以内であれば返品できます。返品送料は無料です。',
  language: 'ja',
});
const draft = article(6, { title: 'Returns (draft)', state: 'draft', body: 'returns' });
const all = [returns, shipping, polish, russian, japanese, draft];

const ids = (hits: { articleId: string }[]) => hits.map((h) => h.articleId);

describe('searchArticles', () => {
  it('weighs the title over tags over the body, published only', () => {
    const hits = searchArticles(all, 'returns', { limit: 10 });
    expect(ids(hits)).toEqual([returns.articleId, shipping.articleId]);
    expect(hits[0]).toMatchObject({
      title: 'Returns and exchanges',
      language: 'en',
      state: 'published',
      url: 'https://shop.example/help/returns',
    });
  });

  it('ranks a tag match over a body match', () => {
    const tagged = article(7, { title: 'Sizes', tags: ['Fit'], body: 'nothing' });
    const mentioned = article(8, { title: 'Care', body: 'Fit is about sizes.' });
    expect(ids(searchArticles([mentioned, tagged], 'fit', { limit: 5 }))).toEqual([
      tagged.articleId,
      mentioned.articleId,
    ]);
  });

  it('needs every query word and matches word starts while typing', () => {
    expect(ids(searchArticles(all, 'parcel ware', { limit: 5 }))).toEqual([shipping.articleId]);
    expect(ids(searchArticles(all, 'parcel refund', { limit: 5 }))).toEqual([]);
    expect(ids(searchArticles(all, 'arcel', { limit: 5 }))).toEqual([]);
  });

  it('is case- and diacritic-insensitive for Latin and Cyrillic', () => {
    expect(ids(searchArticles(all, 'ZWROT', { limit: 5 }))).toEqual([polish.articleId]);
    expect(ids(searchArticles(all, 'bezplatne', { limit: 5 }))).toEqual([polish.articleId]);
    expect(ids(searchArticles(all, 'елочные', { limit: 5 }))).toEqual([russian.articleId]);
    expect(ids(searchArticles(all, 'ВОЗВРАТ', { limit: 5 }))).toEqual([russian.articleId]);
  });

  it('finds Japanese by character bigrams', () => {
    expect(ids(searchArticles(all, '返品', { limit: 5 }))).toEqual([japanese.articleId]);
    expect(ids(searchArticles(all, '送料無料', { limit: 5 }))).toEqual([]);
    expect(ids(searchArticles(all, '返品送料', { limit: 5 }))).toEqual([japanese.articleId]);
    expect(ids(searchArticles(all, '品', { limit: 5 }))).toEqual([japanese.articleId]);
  });

  it('lists drafts too when asked (the knowledge-base page)', () => {
    expect(ids(searchArticles(all, 'returns', { limit: 10, includeDrafts: true }))).toEqual([
      returns.articleId,
      draft.articleId,
      shipping.articleId,
    ]);
  });

  it('filters by language and keeps to the limit', () => {
    expect(ids(searchArticles(all, '30', { language: 'pl', limit: 5 }))).toEqual([polish.articleId]);
    expect(searchArticles(all, '30', { limit: 2 })).toHaveLength(2);
  });

  it('lists published articles by title for an empty query', () => {
    expect(searchArticles(all, '  ', { language: 'en', limit: 5 }).map((h) => h.title)).toEqual([
      'Returns and exchanges',
      'Where is my parcel?',
    ]);
  });

  it('makes an excerpt around the first match, as plain text', () => {
    const long = article(9, {
      title: 'Long',
      body: `${'Lorem ipsum dolor sit amet. '.repeat(10)}The **warranty** lasts two years. ${'Tail words. '.repeat(20)}`,
    });
    const [hit] = searchArticles([long], 'warranty', { limit: 1 });
    expect(hit?.excerpt).toMatch(/^…/);
    expect(hit?.excerpt).toMatch(/…$/);
    expect(hit?.excerpt).toContain('The warranty lasts two years.');
    expect(hit?.body).toBe(long.body);
    const [title] = searchArticles([returns], 'exchanges', { limit: 1 });
    expect(title?.excerpt).toMatch(/^You can send any order back within 30 days\./);
  });

  it('treats regular-expression characters in a query as text', () => {
    const odd = article(10, { title: 'C++ (basics)', body: 'a+b' });
    expect(ids(searchArticles([odd], 'c++ (', { limit: 5 }))).toEqual([odd.articleId]);
    expect(ids(searchArticles([odd], '.*', { limit: 5 }))).toEqual([odd.articleId]);
  });
});
