/**
 * A customer's answer to a CSAT survey (issue 6), as it comes back to the shared mailbox from the survey's
 * one-click `mailto:` links: `[#ABC123] Rating: good (ld-7f3a)`, perhaps behind the prefixes a client adds
 * ("Re: RE: AW: Odp:"), perhaps RFC 2047-encoded, with a comment above quoted text and a phone signature.
 *
 * Decisions:
 * - A forwarded subject (Fwd:, Fw:, WG:, TR:, PD:, RV:, I:, Пересл:, 転送:) is not an answer: whoever forwards
 *   a survey passes it on to someone (a colleague, the boss); it stays an ordinary mail.
 * - A customer who typed a rating word (in any of the four languages) under a subject that carries the
 *   reference and "Rating:" with no known word, or who retyped the subject with a localised word, is
 *   understood; a subject without "Rating:" is never an answer ("Good, thanks" in a reply is not a rating).
 * - Everything runs on a bounded slice of the body, line by line, with anchored patterns: a 1 MB body is read
 *   in linear time.
 */
import type { CsatRating } from '../records';
import { stripControls } from './compose';
import { ANSWER_PROMPT } from './texts';

export interface SurveyAnswer {
  reference: string;
  rating: CsatRating;
  effort?: 1 | 2 | 3 | 4 | 5;
  token?: string;
  comment?: string;
}

export interface EffortAnswer {
  reference: string;
  effort: 1 | 2 | 3 | 4 | 5;
  token?: string;
  comment?: string;
}

export interface SurveyAnswerInput {
  /** The Subject header, decoded (Gmail's metadata) or raw with encoded words. */
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The From header or address. */
  from: string;
}

/** The longest comment kept (CsatRecord allows 5,000 characters). */
export const COMMENT_MAX = 5_000;
/** Only the top of a body is read: the customer's own words are there, quoted history below. */
const BODY_READ_MAX = 100_000;
const SUBJECT_READ_MAX = 2_000;
/** Lines are tested against the patterns below only up to this length. */
const LINE_TEST_MAX = 400;

// --- RFC 2047 -------------------------------------------------------------------------------------------------

const ENCODED_WORD = /=\?([^?\s]{1,64})\?([bBqQ])\?([^?\s]{0,1000})\?=/g;

function base64Bytes(data: string): Uint8Array {
  const clean = data.replace(/[^A-Za-z0-9+/]/g, '');
  const padded = clean + '='.repeat((4 - (clean.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

function qBytes(data: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i] ?? '';
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

function decodeBytes(bytes: Uint8Array, charset: string): string | null {
  try {
    return new TextDecoder(charset.replace(/\*.*$/, '').toLowerCase()).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes RFC 2047 encoded words (B and Q, any charset TextDecoder knows: UTF-8, ISO-8859-2, KOI8-R,
 * windows-1251…). Adjacent words of one charset are joined before decoding, so a character split across two
 * words (as some clients do) survives; the space between encoded words is not text (RFC 2047 section 6.2).
 */
export function decodeEncodedWords(value: string): string {
  let out = '';
  let last = 0;
  let run: { charset: string; bytes: number[] } | null = null;
  const flush = () => {
    if (run === null) return;
    out += decodeBytes(Uint8Array.from(run.bytes), run.charset) ?? '\ufffd';
    run = null;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const [word, charset = 'utf-8', encoding = 'B', data = ''] = match;
    const start = match.index;
    const between = value.slice(last, start);
    const adjacent = run !== null && /^[ \t\r\n]*$/.test(between);
    if (!adjacent) {
      flush();
      out += between;
    }
    const bytes = encoding.toUpperCase() === 'B' ? base64Bytes(data) : qBytes(data);
    const current = run as { charset: string; bytes: number[] } | null;
    if (current !== null && current.charset.toLowerCase() === charset.toLowerCase()) {
      for (const b of bytes) current.bytes.push(b);
    } else {
      flush();
      if (decodeBytes(new Uint8Array(), charset) === null) {
        out += word; // An unknown charset stays as written.
      } else run = { charset, bytes: [...bytes] };
    }
    last = start + word.length;
  }
  flush();
  return out + value.slice(last);
}

// --- Subject --------------------------------------------------------------------------------------------------

const REPLY_PREFIX =
  /^(?:re|aw|odp|sv|vs|antw|ynt|ответ|отв|返信|回复|答复)(?:\s*\[\d{1,4}\]|\s*\(\d{1,4}\))?\s*[:：]\s*/iu;
const FORWARD_PREFIX =
  /^(?:fwd?|wg|tr|pd|pdf|rv|enc|i|vl|vs?b|fs|пересл|пересылка|転送|fw)(?:\s*\[\d{1,4}\])?\s*[:：]\s*/iu;
const REFERENCE = /\[\s*(#[0-9A-HJKMNP-TV-Z]{6})\s*\]/i;
const LABEL = /(rating|ocena|оценка|評価|effort|wysiłek|усилия|労力)\s*[:：]\s*([^()[\]]{0,40})/iu;
const TOKEN = /\(\s*(ld-[A-Za-z0-9]{1,32})\s*\)/;
const EFFORT_LABELS = new Set(['effort', 'wysiłek', 'усилия', '労力']);

/** Rating words people write, in the four languages (lowercase; matched after trimming punctuation). */
const RATING_WORDS: Record<CsatRating, readonly string[]> = {
  good: [
    'good',
    'great',
    'excellent',
    'very good',
    '👍',
    '🙂',
    '😀',
    'хорошо',
    'отлично',
    'хорошая',
    'dobrze',
    'bardzo dobrze',
    'świetnie',
    'dobra',
    'dobry',
    '良い',
    'よい',
    '良かった',
    'とても良い',
    '満足',
  ],
  okay: [
    'okay',
    'ok',
    'fine',
    'average',
    'so-so',
    '😐',
    'нормально',
    'норм',
    'средне',
    'удовлетворительно',
    'przeciętnie',
    'w porządku',
    'średnio',
    'ok.',
    '普通',
    'ふつう',
    'まあまあ',
  ],
  bad: [
    'bad',
    'poor',
    'terrible',
    '👎',
    '🙁',
    '😞',
    'плохо',
    'ужасно',
    'źle',
    'zle',
    'słabo',
    'kiepsko',
    'fatalnie',
    '悪い',
    'わるい',
    '不満',
    'よくない',
  ],
};

/** A rating word, or null: the whole (short) phrase must be one, so "not good" is not "good". */
export function ratingWord(value: string): CsatRating | null {
  const word = value
    .toLocaleLowerCase()
    .replace(/^[\s.,!?。、！？:;"'«»„”“()-]+|[\s.,!?。、！？:;"'«»„”“()-]+$/gu, '')
    .replace(/\s+/g, ' ');
  if (word === '' || word.length > 30) return null;
  for (const rating of ['good', 'okay', 'bad'] as const) {
    if (RATING_WORDS[rating].includes(word)) return rating;
  }
  return null;
}

interface SubjectFacts {
  reference: string;
  label?: 'rating' | 'effort';
  value: string;
  token?: string;
}

/** The reference, label and value of an answer's subject; null when it is no answer (or a forward). */
function readSubject(raw: string): SubjectFacts | null {
  let subject = stripControls(decodeEncodedWords(raw.slice(0, SUBJECT_READ_MAX)))
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 20; i++) {
    if (FORWARD_PREFIX.test(subject)) return null;
    const match = REPLY_PREFIX.exec(subject);
    if (!match) break;
    subject = subject.slice(match[0].length);
  }
  const reference = REFERENCE.exec(subject);
  if (!reference?.[1]) return null;
  const rest = subject.slice(reference.index + reference[0].length);
  const label = LABEL.exec(rest);
  const token = TOKEN.exec(rest)?.[1];
  return {
    reference: reference[1].toUpperCase(),
    ...(label ? { label: EFFORT_LABELS.has((label[1] ?? '').toLowerCase()) ? 'effort' : 'rating' } : {}),
    value: (label?.[2] ?? '').trim(),
    ...(token ? { token } : {}),
  };
}

// --- Body -----------------------------------------------------------------------------------------------------

/** Lines that start the quoted history or a signature: the customer's own words are above. */
const HISTORY_STARTS: readonly RegExp[] = [
  /^On\b.{0,300}\bwrote\s?:?$/i, // Gmail, Apple Mail: "On Mon, 23 Nov 2026 at 10:00, Support <…> wrote:"
  /^Am\b.{0,300}\bschrieb\b.{0,300}:$/i, // German Gmail/Apple/Thunderbird
  /^(?:W dniu|Dnia)\b.{0,300}\bnapisał(?:\(a\)|a)?\s?:?$/i, // Polish
  /^.{0,300}\sпишет\s?:$/i, // Russian Gmail/Yandex: "23 нояб. 2026 г., в 10:00, Support <…> пишет:"
  /^Le\b.{0,300}\ba écrit\s?:$/i,
  /(?:님이 작성|のメッセージ|が書きました|は書きました)\s?[:：]$/, // Korean, Japanese (Gmail, iOS)
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Wiadomość oryginalna|Oryginalna wiadomość|Исходное сообщение|Пересылаемое сообщение|元のメッセージ|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}$/i,
  /^_{10,}$/, // Outlook's rule above its From/Sent block
  /^(?:Sent from my (?:iPhone|iPad|Android|phone|Galaxy|Samsung|mobile)|Sent from (?:Mail|Outlook|Yahoo Mail|Gmail)|Get Outlook for (?:iOS|Android))\b/i,
  /^(?:Отправлено с (?:iPhone|iPad|моего|мобильного)|Отправлено из (?:мобильной|приложения))/i,
  /^(?:Wysłane z (?:iPhone|iPada|mojego|telefonu)|Wysłano z (?:iPhone|mojego|aplikacji|telefonu))/i,
  /^(?:iPhoneから送信|iPadから送信|Androidから送信|Android から送信|Outlook for (?:iOS|Android) を入手)/i,
  /^Gesendet (?:von meinem|mit der|aus)\b/i,
  /^--\s?$/, // the signature delimiter
];
const OUTLOOK_FROM = /^\*?(?:From|Von|Od|От|差出人|De|Från)\s?\*?\s?[:：]/i;
const OUTLOOK_SENT =
  /^\*?(?:Sent|Gesendet|Wysłano|Wysłane|Data|Отправлено|Дата|送信日時|日付|Envoyé|Skickat|Date)\s?\*?\s?[:：]/i;
const PROMPTS = Object.values(ANSWER_PROMPT);

function startsHistory(lines: readonly string[], i: number): boolean {
  const line = (lines[i] ?? '').trim().slice(0, LINE_TEST_MAX);
  if (PROMPTS.some((p) => line.includes(p))) return true;
  if (HISTORY_STARTS.some((re) => re.test(line))) return true;
  // Gmail wraps a long attribution: "On Mon, … Support <" / "support@…> wrote:".
  if (/^(?:On|Am|W dniu|Dnia|Le)\s/i.test(line)) {
    const joined = `${line} ${(lines[i + 1] ?? '').trim().slice(0, LINE_TEST_MAX)}`;
    if (HISTORY_STARTS.some((re) => re.test(joined))) return true;
  }
  // Outlook: "From: …" then "Sent: …" (or Date:) within the next few lines.
  if (OUTLOOK_FROM.test(line)) {
    for (let j = i + 1; j <= i + 4 && j < lines.length; j++) {
      if (OUTLOOK_SENT.test((lines[j] ?? '').trim().slice(0, LINE_TEST_MAX))) return true;
    }
  }
  return false;
}

/** The customer's own words: quoted lines, reply attributions, Outlook headers, signatures and our prompt removed. */
export function ownComment(text: string): string {
  const lines = text.slice(0, BODY_READ_MAX).split(/\r\n|\r|\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (startsHistory(lines, i)) break;
    const line = lines[i] ?? '';
    if (/^\s*>/.test(line)) continue;
    kept.push(line.replace(/\s+$/, ''));
  }
  const comment = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return [...comment].length > COMMENT_MAX ? `${[...comment].slice(0, COMMENT_MAX - 1).join('')}…` : comment;
}

const BOUNCE_SENDER = /(?:^|<|\s)(?:mailer-daemon|postmaster)@/i;

function withComment<T extends object>(answer: T, comment: string): T & { comment?: string } {
  return comment === '' ? answer : { ...answer, comment };
}

/**
 * A rating answer to a survey, or null when the mail is not one (no reference in brackets, no rating, a
 * forward, a bounce). A rating word the customer typed as the first line counts when the subject has none.
 */
export function parseSurveyAnswer(input: SurveyAnswerInput): SurveyAnswer | null {
  if (BOUNCE_SENDER.test(input.from)) return null;
  const facts = readSubject(input.subject);
  // Without "Rating:" in the subject a mail is a reply about something else, whatever its first word.
  if (facts === null || facts.label !== 'rating') return null;
  const comment = ownComment(input.text);
  let rating = ratingWord(facts.value);
  let rest = comment;
  if (rating === null) {
    // The customer typed the answer: "Хорошо, спасибо!" → the first line decides, the rest is the comment.
    const [first = '', ...others] = comment.split('\n');
    const phrase = first.split(/[,.!。、！]/u)[0] ?? '';
    rating = ratingWord(first) ?? ratingWord(phrase);
    if (rating === null) return null;
    rest = ratingWord(first) !== null ? others.join('\n').trim() : comment;
  }
  return withComment(
    { reference: facts.reference, rating, ...(facts.token ? { token: facts.token } : {}) },
    rest,
  );
}

/** A Customer Effort answer (`[#ABC123] Effort: 4 (ld-7f3a)`), or null. */
export function parseEffortAnswer(input: SurveyAnswerInput): EffortAnswer | null {
  if (BOUNCE_SENDER.test(input.from)) return null;
  const facts = readSubject(input.subject);
  if (facts === null || facts.label !== 'effort') return null;
  const digit = /^[1-5]$/.exec(facts.value.trim())?.[0];
  if (digit === undefined) return null;
  return withComment(
    {
      reference: facts.reference,
      effort: Number(digit) as 1 | 2 | 3 | 4 | 5,
      ...(facts.token ? { token: facts.token } : {}),
    },
    ownComment(input.text),
  );
}
