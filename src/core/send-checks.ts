/**
 * Checks before sending (PRODUCT.md "Replies", S003 L22-40: test every link before it goes out): a variable
 * left unfilled, a link that is not complete, an attachment the text promises but the reply lacks. Each
 * problem is a code with its place in the text, so the UI can say it in the agent's language and select it.
 */
import type { TemplateSegment } from './template-render';

export type SendCheckCode =
  | 'unfilled-variable'
  | 'incomplete-link'
  | 'placeholder-link'
  | 'attachment-missing';

export interface SendProblem {
  code: SendCheckCode;
  /** UTF-16 offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  /** The text at that place: `{{ticket.reference}}`, `https://`, "во вложении". */
  text: string;
}

export interface SendCheckInput {
  /** The agent's own text of the reply (Gmail's quoted text and signature left out). */
  text: string;
  /** The rendered template, when the reply came from one: a variable segment not filled is flagged. */
  segments?: readonly TemplateSegment[];
  attachmentCount: number;
}

export function checkBeforeSending(input: SendCheckInput): SendProblem[] {
  const problems = [
    ...unfilledVariables(input.text, input.segments),
    ...linkProblems(input.text),
    ...(input.attachmentCount > 0 ? [] : attachmentMentions(input.text)),
  ];
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

const LEFT_PLACEHOLDER = /\{\{[^{}\n]{0,200}\}\}|\{\{|\}\}/g;

/**
 * `{{…}}` still in the text, and the unfilled variables of a rendered template that the UI inserted as
 * empty highlights: one is still unfilled while the text after it follows with nothing typed between.
 */
export function unfilledVariables(text: string, segments?: readonly TemplateSegment[]): SendProblem[] {
  const found = matches(text, LEFT_PLACEHOLDER, 'unfilled-variable');
  if (!segments) return found;
  let offset = 0;
  segments.forEach((segment, index) => {
    if (segment.kind === 'text') {
      const at = text.indexOf(segment.text, offset);
      if (at >= 0) offset = at + segment.text.length;
      return;
    }
    if (segment.filled) {
      const at = text.indexOf(segment.value, offset);
      if (at >= 0) offset = at + segment.value.length;
      return;
    }
    if (text.startsWith(segment.source, offset)) return; // still written out: the pattern above has it
    const next = segments[index + 1];
    const followsAt = next?.kind === 'text' ? text.indexOf(next.text, offset) : text.length;
    if (followsAt === offset) {
      found.push({ code: 'unfilled-variable', start: offset, end: offset, text: segment.source });
    }
  });
  return dedupe(found);
}

const URL_LIKE =
  /\bhttps?:\/\/[^\s<>"'«»“”]*|<\s*(?:link|url|ссылка|link tutaj|リンク|URL)\s*>|\[\s*(?:link|url|ссылка|リンク)\s*\]/giu;
/**
 * example.com/.org/.net are what people type as a stand-in; the `.example` TLD is not flagged, because the
 * demo shop (northwind-shop.example) and its links live there.
 */
const PLACEHOLDER_HOSTS =
  /^(?:(?:www\.)?example\.(?:com|org|net)|[^/]*\.(?:invalid|localhost)|localhost|(?:your)?domain\.com|site\.com)$/i;
const PLACEHOLDER_PATH = /(?:^|[/=?#_-])(?:todo|tbd|xxx+|fixme|link|placeholder|ссылка)(?:$|[/=?#_.-])/i;
const HOST =
  /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$|^\d{1,3}(?:\.\d{1,3}){3}$/u;

/**
 * Links that would not work: a scheme with no host (`https://`), a host with no dot (`https://shop`), a
 * placeholder host or path (example.com/TODO), or a `<link>` left from a template.
 */
export function linkProblems(text: string): SendProblem[] {
  const out: SendProblem[] = [];
  for (const match of text.matchAll(URL_LIKE)) {
    // Sentence punctuation after a link is not part of it.
    const raw = /^https?:/i.test(match[0]) ? match[0].replace(/[.,;:!?)\]。、]+$/u, '') : match[0];
    const start = match.index;
    const problem = (code: SendCheckCode) => out.push({ code, start, end: start + raw.length, text: raw });
    if (!/^https?:/i.test(raw)) {
      problem('placeholder-link');
      continue;
    }
    const rest = raw.replace(/^https?:\/\//i, '');
    const authority = rest.split(/[/?#]/)[0] ?? '';
    const host = (authority.split('@').pop() ?? '').replace(/:\d*$/, '');
    if (host === '' || !HOST.test(host)) problem('incomplete-link');
    else if (PLACEHOLDER_HOSTS.test(host) || PLACEHOLDER_PATH.test(rest.slice(authority.length))) {
      problem('placeholder-link');
    }
  }
  return out;
}

/**
 * Words that promise an attachment, in the four languages. Latin-script words need a word boundary
 * ("attachments" yes, "reattached" no); Russian and Polish stems take their endings; Japanese has none.
 */
const ATTACHMENT_WORDS: readonly RegExp[] = [
  /\b(?:attached|attachments?|enclosed|(?:i|we) attach|(?:i'm|we're|i am|we are) attaching)\b/giu,
  // Not "приложите" or "приложение" (also "the app"): those ask the customer or mean something else.
  /(?<!\p{L})(?:во вложении|вложени[еия]|вложенн\p{L}*|прикрепл\p{L}*|прилага\p{L}*|приложил\p{L}*)/giu,
  /(?<!\p{L})(?:w załącznik\p{L}*|załączam\p{L}*|załączon\p{L}*|w załączeniu)/giu,
  // 添付 but not a request to the customer (添付してください, 添付をお願い…).
  /添付(?!して(?:ください|くださ|いただ)|ください|いただ|をお願い|の上|のうえ)/gu,
];

/** Mentions of an attachment (the caller knows there is none). */
export function attachmentMentions(text: string): SendProblem[] {
  const out: SendProblem[] = [];
  for (const pattern of ATTACHMENT_WORDS) out.push(...matches(text, pattern, 'attachment-missing'));
  return dedupe(out);
}

function matches(text: string, pattern: RegExp, code: SendCheckCode): SendProblem[] {
  return [...text.matchAll(pattern)].map((m) => ({
    code,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

/** One problem per place: a match inside a longer one of the same code is dropped. */
function dedupe(problems: readonly SendProblem[]): SendProblem[] {
  const sorted = [...problems].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SendProblem[] = [];
  for (const p of sorted) {
    const inside = out.some(
      (q) => q.code === p.code && q.start <= p.start && p.end <= q.end && q.end > q.start,
    );
    const same = out.some((q) => q.code === p.code && q.start === p.start && q.end === p.end);
    if (!inside && !same) out.push(p);
  }
  return out;
}
