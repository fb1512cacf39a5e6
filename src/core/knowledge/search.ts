/**
 * Knowledge-base search (issue 7): the reply tools' article picker and the knowledge-base page. Small and
 * exact rather than clever: the team's articles number in the tens or hundreds, so every search reads them
 * all. Latin and Cyrillic text is matched by words (a query word matches the start of a word, so results
 * come while typing), case- and diacritic-insensitive ("zwrot" finds "Zwrót", "ЕЛКА" finds "ёлка");
 * Japanese, written without spaces, by character bigrams. Every query word must match somewhere; the
 * title weighs 3, the tags 2, the body 1.
 */
import type { ArticleHit } from '../../messaging/contract-replies';
import type { ArticleRecord } from './articles';
import { markdownToPlainText } from './plain-text';

export interface SearchOptions {
  language?: ArticleRecord['language'];
  limit: number;
  /** Drafts too: the knowledge-base page lists them; the reply tools never insert one. */
  includeDrafts?: boolean;
}

const WEIGHT = { title: 3, tags: 2, body: 1 } as const;
const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 180;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Letters a diacritic-stripping decomposition leaves alone, folded by hand. */
const FOLD: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/** One character, lower case without diacritics (may be empty or longer than one). */
function foldChar(char: string): string {
  const lower = char.toLowerCase();
  return FOLD[lower] ?? lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The folded text and, for each folded character, the index of the original character it came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const out = foldChar(char);
    for (let k = 0; k < out.length; k += 1) origin.push(index);
    folded += out;
    index += char.length;
  }
  return { folded, origin };
}

type Term = { kind: 'word' | 'bigram'; text: string };

/** The search terms of (folded) text: words outside Japanese, character bigrams inside it. */
function terms(folded: string): Term[] {
  const out: Term[] = [];
  let word = '';
  let cjk = '';
  const flushWord = () => {
    if (word) out.push({ kind: 'word', text: word });
    word = '';
  };
  const flushCjk = () => {
    const chars = [...cjk];
    if (chars.length === 1) out.push({ kind: 'bigram', text: cjk });
    for (let i = 0; i + 1 < chars.length; i += 1)
      out.push({ kind: 'bigram', text: `${chars[i]}${chars[i + 1]}` });
    cjk = '';
  };
  for (const char of folded) {
    if (CJK.test(char)) {
      flushWord();
      cjk += char;
    } else if (WORD_CHAR.test(char)) {
      flushCjk();
      word += char;
    } else {
      flushWord();
      flushCjk();
    }
  }
  flushWord();
  flushCjk();
  return out;
}

interface Field {
  weight: number;
  words: string[];
  text: string;
}

function field(text: string, weight: number): Field {
  const folded = fold(text).folded;
  return { weight, words: terms(folded).map((t) => t.text), text: folded };
}

function matches(term: Term, target: Field): boolean {
  // A bigram (or a single Japanese character) matches anywhere; a word matches the start of a word.
  if (term.kind === 'bigram') return target.text.includes(term.text);
  return target.words.some((w) => w.startsWith(term.text));
}

/** A few words of the body around the first place a query term occurs (its start when none does). */
function excerptOf(body: string, query: readonly Term[]): string {
  const plain = markdownToPlainText(body).replace(/\s+/g, ' ').trim();
  const { folded, origin } = fold(plain);
  let first = -1;
  for (const term of query) {
    const pattern =
      term.kind === 'bigram' ? escapeRegExp(term.text) : `(?<![\\p{L}\\p{N}])${escapeRegExp(term.text)}`;
    const found = new RegExp(pattern, 'u').exec(folded);
    if (found && (first < 0 || found.index < first)) first = found.index;
  }
  const at = first < 0 ? 0 : (origin[first] ?? 0);
  let start = Math.max(0, at - EXCERPT_BEFORE);
  // Start and end on a word boundary where there is one near.
  if (start > 0) {
    const space = plain.indexOf(' ', start);
    if (space >= 0 && space < at) start = space + 1;
  }
  let end = Math.min(plain.length, start + EXCERPT_LENGTH);
  if (end < plain.length) {
    const space = plain.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '…' : ''}${plain.slice(start, end)}${end < plain.length ? '…' : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toHit(article: ArticleRecord, excerpt: string): ArticleHit {
  const hit: ArticleHit = {
    articleId: article.articleId,
    title: article.title,
    language: article.language,
    body: article.body,
    state: article.state,
    excerpt,
  };
  if (article.url !== undefined) hit.url = article.url;
  return hit;
}

/**
 * Published articles matching every word of the query, best first (ties by title), at most `limit`. An empty
 * query lists the published articles by title. `articles` are the articles in force (currentArticles).
 */
export function searchArticles(
  articles: readonly ArticleRecord[],
  query: string,
  { language, limit, includeDrafts = false }: SearchOptions,
): ArticleHit[] {
  const wanted = terms(fold(query).folded);
  const candidates = articles.filter(
    (a) =>
      (includeDrafts || a.state === 'published') &&
      !a.deleted &&
      (language === undefined || a.language === language),
  );
  const scored: { article: ArticleRecord; score: number }[] = [];
  for (const article of candidates) {
    const fields = [
      field(article.title, WEIGHT.title),
      field(article.tags.join(' '), WEIGHT.tags),
      field(article.body, WEIGHT.body),
    ];
    let score = 0;
    let all = true;
    for (const term of wanted) {
      const found = fields.filter((f) => matches(term, f)).reduce((sum, f) => sum + f.weight, 0);
      if (found === 0) {
        all = false;
        break;
      }
      score += found;
    }
    if (all) scored.push({ article, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.article.title.localeCompare(b.article.title) ||
      (a.article.articleId < b.article.articleId ? -1 : 1),
  );
  return scored
    .slice(0, Math.max(0, limit))
    .map(({ article }) => toHit(article, excerptOf(article.body, wanted)));
}
