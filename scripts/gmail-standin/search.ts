/**
 * The subset of Gmail's search syntax the stand-in understands
 * (https://support.google.com/mail/answer/7190): `from: to: subject: label: is: in: category: has:attachment
 * after: before: newer_than: older_than: rfc822msgid:` and plain words, ANDed, each optionally negated with `-`.
 */

/** What a search term can look at on one message. */
export interface SearchableMessage {
  from: string;
  to: string;
  subject: string;
  body: string;
  rfc822MessageId: string;
  internalDate: number;
  labelIds: readonly string[];
  attachments: readonly unknown[];
}

export interface SearchContext {
  /** The stand-in's now, for `newer_than:`. */
  now: number;
  /** Label id for a `label:` value, matched the way Gmail does (case-insensitive, `/` and space as `-`). */
  labelIdFor(name: string): string | undefined;
}

export type MessagePredicate = (message: SearchableMessage) => boolean;

interface Term {
  negated: boolean;
  operator: string | undefined;
  value: string;
}

function tokenize(query: string): Term[] {
  const terms: Term[] = [];
  const pattern = /(-?)(?:([a-z_0-9]+):)?("([^"]*)"|\S+)/gi;
  for (const match of query.matchAll(pattern)) {
    const operator = match[2]?.toLowerCase();
    const value = match[4] ?? match[3] ?? '';
    if (!operator && value.toUpperCase() === 'AND') continue;
    terms.push({ negated: match[1] === '-', operator, value });
  }
  return terms;
}

/** `2024/01/31`, `2024-01-31` or epoch seconds, as Gmail accepts for `after:`/`before:`. */
function parseDay(value: string): number | undefined {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000;
  const day = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (!day) return undefined;
  return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
}

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  d: 86_400_000,
  m: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

function parseAge(value: string): number | undefined {
  const age = /^(\d+)([hdmy])$/i.exec(value);
  if (!age) return undefined;
  return Number(age[1]) * (UNIT_MS[(age[2] ?? 'd').toLowerCase()] ?? 86_400_000);
}

const IN_LABELS: Record<string, string> = {
  inbox: 'INBOX',
  sent: 'SENT',
  drafts: 'DRAFT',
  draft: 'DRAFT',
  spam: 'SPAM',
  trash: 'TRASH',
  starred: 'STARRED',
  important: 'IMPORTANT',
  unread: 'UNREAD',
};

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Gmail matches whole words, and a phrase as consecutive words ("refun" does not find "refund"; "customer.example"
 * finds an address at that domain). Text in Chinese, Japanese or Korean has no spaces, so it is matched as is.
 */
function includesText(haystack: string, needle: string): boolean {
  if (CJK.test(needle)) return haystack.toLowerCase().includes(needle.toLowerCase());
  const wanted = words(needle);
  if (!wanted.length) return true;
  const have = words(haystack);
  for (let start = 0; start + wanted.length <= have.length; start++) {
    if (wanted.every((word, i) => have[start + i] === word)) return true;
  }
  return false;
}

function termPredicate(term: Term, context: SearchContext): MessagePredicate {
  const value = term.value;
  switch (term.operator) {
    case 'from':
      return (m) => includesText(m.from, value);
    case 'to':
      return (m) => includesText(m.to, value);
    case 'subject':
      return (m) => includesText(m.subject, value);
    case 'rfc822msgid': {
      const wanted = value.replace(/^<|>$/g, '').toLowerCase();
      return (m) => m.rfc822MessageId.replace(/^<|>$/g, '').toLowerCase() === wanted;
    }
    case 'label': {
      const id = context.labelIdFor(value);
      return (m) => id !== undefined && m.labelIds.includes(id);
    }
    case 'in':
    case 'is': {
      const lower = value.toLowerCase();
      if (lower === 'anywhere') return () => true;
      if (lower === 'read') return (m) => !m.labelIds.includes('UNREAD');
      const id = IN_LABELS[lower] ?? context.labelIdFor(value);
      return (m) => id !== undefined && m.labelIds.includes(id);
    }
    case 'category': {
      const id = `CATEGORY_${value.toUpperCase()}`;
      return (m) => m.labelIds.includes(id);
    }
    case 'has':
      if (value.toLowerCase() === 'attachment') return (m) => m.attachments.length > 0;
      return () => false;
    case 'after': {
      const day = parseDay(value);
      return (m) => day !== undefined && m.internalDate >= day;
    }
    case 'before': {
      const day = parseDay(value);
      return (m) => day !== undefined && m.internalDate < day;
    }
    case 'newer_than': {
      const age = parseAge(value);
      return (m) => age !== undefined && m.internalDate >= context.now - age;
    }
    case 'older_than': {
      const age = parseAge(value);
      return (m) => age !== undefined && m.internalDate < context.now - age;
    }
    default: {
      // An unknown `word:word` is searched as plain text, as Gmail does.
      const text = term.operator ? `${term.operator}:${value}` : value;
      return (m) =>
        includesText(m.subject, text) ||
        includesText(m.body, text) ||
        includesText(m.from, text) ||
        includesText(m.to, text);
    }
  }
}

/** Whether the query names SPAM or TRASH itself, which lifts the default exclusion of those. */
export function queryMentionsSpamOrTrash(query: string | undefined): boolean {
  return /\b(in|label):(spam|trash|anywhere)\b/i.test(query ?? '');
}

export function compileQuery(query: string | undefined, context: SearchContext): MessagePredicate {
  const predicates = tokenize(query ?? '').map((term) => {
    const predicate = termPredicate(term, context);
    return term.negated ? (m: SearchableMessage) => !predicate(m) : predicate;
  });
  return (m) => predicates.every((p) => p(m));
}

/** Gmail's search form of a label name: lower case, `/` and spaces as `-`. */
export function searchFormOfLabel(name: string): string {
  return name.toLowerCase().replace(/[/\s]+/g, '-');
}
