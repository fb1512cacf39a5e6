/**
 * Logic-less template rendering (issue 5). No eval, no `new Function`, no HTML: the output is a list of
 * segments the UI turns into text nodes, so a customer's name such as `<img onerror=…>` stays text, and an
 * unfilled variable can be highlighted before the agent sends.
 *
 * Syntax: `{{customer.firstName}}`, with a fallback after a bar: `{{customer.firstName | there}}`.
 */
import type { TemplateLanguage } from './templates';

export const TEMPLATE_VARIABLES = [
  'customer.firstName',
  'customer.familyName',
  'customer.name',
  /** How a formal reply addresses them: "Pani Katarzyno" (Polish vocative), "Ольга Ивановна", "佐藤様". */
  'customer.vocative',
  'ticket.reference',
  /** The date promised to the customer (an On-hold ticket's "promised by"). */
  'ticket.promisedBy',
  'agent.name',
  'agent.firstName',
  'reply.expectedBy',
  'today',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export type TemplateSegment =
  | { kind: 'text'; text: string }
  | {
      kind: 'variable';
      name: string;
      value: string;
      /** False when neither the data nor a fallback gave a value: the UI highlights it, send checks flag it. */
      filled: boolean;
      /** True when the value is the template's fallback, not the customer's data. */
      fromFallback: boolean;
      /** The `{{…}}` as written, for "save as template" and for showing an unknown variable. */
      source: string;
    };

export interface RenderContext {
  /** The variant's language: names and dates follow its conventions. */
  language: TemplateLanguage;
  /** IANA time zone the dates are written in (the team's or the agent's). */
  timeZone: string;
  now: number;
  customer?: { displayName?: string };
  ticket?: { reference?: string; promisedBy?: number };
  agent?: { name?: string };
  reply?: { expectedBy?: number };
}

export interface RenderResult {
  segments: TemplateSegment[];
  /** Names used in the template that are not template variables (a typo such as `{{customer.frist}}`). */
  unknown: string[];
  /** Known variables with no value and no fallback. */
  unfilled: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*(?:\|([^{}]*))?\}\}/g;

/** The template as segments, in order; text between placeholders is kept exactly. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'placeholder'; name: string; fallback?: string; source: string };

export function parseTemplate(body: string): TemplatePart[] {
  const out: TemplatePart[] = [];
  let last = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const index = match.index;
    if (index > last) out.push({ kind: 'text', text: body.slice(last, index) });
    const fallback = match[2]?.trim();
    out.push({
      kind: 'placeholder',
      name: match[1] ?? '',
      source: match[0],
      ...(fallback !== undefined && fallback !== '' ? { fallback } : {}),
    });
    last = index + match[0].length;
  }
  if (last < body.length) out.push({ kind: 'text', text: body.slice(last) });
  return out;
}

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

export function renderTemplate(body: string, context: RenderContext): RenderResult {
  const values = variableValues(context);
  const segments: TemplateSegment[] = [];
  const unknown = new Set<string>();
  const unfilled = new Set<string>();
  for (const part of parseTemplate(body)) {
    if (part.kind === 'text') {
      segments.push(part);
      continue;
    }
    const known = isTemplateVariable(part.name);
    if (!known) unknown.add(part.name);
    const value = isTemplateVariable(part.name) ? values[part.name] : undefined;
    if (value !== undefined && value !== '') {
      segments.push({
        kind: 'variable',
        name: part.name,
        value,
        filled: true,
        fromFallback: false,
        source: part.source,
      });
    } else if (part.fallback !== undefined) {
      segments.push({
        kind: 'variable',
        name: part.name,
        value: part.fallback,
        filled: true,
        fromFallback: true,
        source: part.source,
      });
    } else {
      if (known) unfilled.add(part.name);
      segments.push({
        kind: 'variable',
        name: part.name,
        value: '',
        filled: false,
        fromFallback: false,
        source: part.source,
      });
    }
  }
  return { segments: withoutDoubleStops(segments), unknown: [...unknown], unfilled: [...unfilled] };
}

/** A value ending in a full stop ("2027 г.") before the template's own full stop gives one, not two. */
function withoutDoubleStops(segments: TemplateSegment[]): TemplateSegment[] {
  return segments.map((segment, index) => {
    const next = segments[index + 1];
    return segment.kind === 'variable' &&
      segment.value.endsWith('.') &&
      next?.kind === 'text' &&
      next.text.startsWith('.')
      ? { ...segment, value: segment.value.slice(0, -1) }
      : segment;
  });
}

/** Plain text: an unfilled variable stays as written (`{{ticket.reference}}`) so the send check still sees it. */
export function renderToText(body: string, context: RenderContext): string {
  return segmentsToText(renderTemplate(body, context).segments);
}

export function segmentsToText(segments: readonly TemplateSegment[]): string {
  return segments.map((s) => (s.kind === 'text' ? s.text : s.filled ? s.value : s.source)).join('');
}

export function variableValues(context: RenderContext): Record<TemplateVariable, string | undefined> {
  const name = context.customer?.displayName ? parsePersonName(context.customer.displayName) : undefined;
  const agent = context.agent?.name ? parsePersonName(context.agent.name) : undefined;
  const day = (ms: number | undefined) =>
    ms === undefined
      ? undefined
      : formatTemplateDate(ms, context.language, context.timeZone, false, context.now);
  return {
    'customer.firstName': name?.given,
    'customer.familyName': name?.family,
    'customer.name': name?.full,
    'customer.vocative': name ? formalAddress(name, context.language) : undefined,
    'ticket.reference': context.ticket?.reference,
    'ticket.promisedBy': day(context.ticket?.promisedBy),
    'agent.name': agent?.full,
    'agent.firstName': agent?.given,
    'reply.expectedBy':
      context.reply?.expectedBy === undefined
        ? undefined
        : formatTemplateDate(context.reply.expectedBy, context.language, context.timeZone, true, context.now),
    today: day(context.now),
  };
}

const DATE_LOCALE: Record<TemplateLanguage, string> = { en: 'en-GB', ru: 'ru-RU', pl: 'pl-PL', ja: 'ja-JP' };

/**
 * "Friday, 3 August 2026" / "пятница, 3 августа 2026 г." / "piątek, 3 sierpnia 2026" / "2026年8月3日金曜日";
 * given `now`, a date in the current year goes without it ("Friday, 3 August"), as people write it.
 */
export function formatTemplateDate(
  ms: number,
  language: TemplateLanguage,
  timeZone: string,
  withTime: boolean,
  now?: number,
): string {
  const year = (at: number) => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at);
  const sameYear = now !== undefined && year(ms) === year(now);
  return new Intl.DateTimeFormat(DATE_LOCALE[language], {
    timeZone,
    weekday: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(ms);
}

export interface PersonName {
  full: string;
  given?: string;
  family?: string;
  /** Russian отчество, when the name carries one. */
  patronymic?: string;
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々・\s]+$/u;
const HONORIFIC =
  /^(mr|mrs|ms|miss|mx|dr|prof|sir|pan|pani|p\.|dr\.|prof\.|mr\.|mrs\.|ms\.|г-н|г-жа|господин|госпожа)$/i;
const RU_PATRONYMIC = /(вич|вна|ична|инична)$/i;
const RU_FAMILY = /(ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|ук|юк|ых|их)$/i;
const PL_FAMILY = /(ski|ska|cki|cka|dzki|dzka|wicz|czyk|ńczyk)$/i;

/**
 * A display name split into given and family names, by the conventions a support inbox meets:
 * "Kowalska, Anna" (family first, comma), "Anna Kowalska", "KOWALSKA Anna" (family in capitals),
 * "Смирнова Ольга Ивановна" (family, given, patronymic), "佐藤 美咲" (Japanese: family first).
 * A Japanese name written with no space cannot be split safely, so it has neither part.
 */
export function parsePersonName(displayName: string): PersonName | undefined {
  const full = displayName
    .replace(/<[^>]*>/g, '')
    .replace(/["“”„«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!full || full.includes('@')) return undefined;
  if (CJK_NAME.test(full)) {
    const parts = full.split(/[\s・]+/).filter(Boolean);
    if (parts.length < 2) return { full };
    // A foreign name in katakana is written given name first, with a middle dot: アンナ・コワルスカ.
    if (full.includes('・') && !/\p{Script=Han}/u.test(full)) {
      return { full, given: parts[0], family: parts.slice(1).join(' ') };
    }
    return { full, family: parts[0], given: parts.slice(1).join(' ') };
  }
  const comma = full.indexOf(',');
  if (comma > 0) {
    const family = full.slice(0, comma).trim();
    const givenPart = full
      .slice(comma + 1)
      .trim()
      .split(' ');
    return { full, family, given: givenPart[0] || undefined, ...patronymicOf(givenPart.slice(1)) };
  }
  const words = full.split(' ').filter((w) => !HONORIFIC.test(w));
  if (words.length === 0) return { full };
  if (words.length === 1) return { full, given: words[0] };
  // A word in capitals is the family name, as French, Polish and Russian forms write it ("NOWAK Tomasz").
  const capitals = words.findIndex((w) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase());
  if (capitals >= 0 && words.some((w) => w !== w.toUpperCase())) {
    const rest = words.filter((_, i) => i !== capitals);
    return { full, family: titleCase(words[capitals] ?? ''), given: rest[0], ...patronymicOf(rest.slice(1)) };
  }
  const [first = '', second = '', third] = words;
  if (third !== undefined && RU_PATRONYMIC.test(third) && !RU_PATRONYMIC.test(second)) {
    return { full, family: first, given: second, patronymic: third };
  }
  if (RU_PATRONYMIC.test(second) && third !== undefined) {
    return { full, given: first, patronymic: second, family: words.slice(2).join(' ') };
  }
  if (words.length === 2) {
    const familyFirst =
      (RU_FAMILY.test(first) && !RU_FAMILY.test(second) && /\p{Script=Cyrillic}/u.test(first)) ||
      (PL_FAMILY.test(first) && !PL_FAMILY.test(second));
    if (familyFirst) return { full, family: first, given: second };
  }
  return { full, given: first, family: words.slice(1).join(' ') };
}

function patronymicOf(words: readonly string[]): { patronymic?: string } {
  const word = words[0];
  return word && RU_PATRONYMIC.test(word) ? { patronymic: word } : {};
}

function titleCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[-'])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** How a formal reply in `language` addresses the person; undefined when it cannot be said safely. */
export function formalAddress(name: PersonName, language: TemplateLanguage): string | undefined {
  switch (language) {
    case 'ja':
      return name.family ? `${name.family}様` : undefined;
    case 'ru':
      return name.given && name.patronymic ? `${name.given} ${name.patronymic}` : name.given;
    case 'pl':
      return name.given ? polishVocative(name.given) : undefined;
    default:
      return name.given;
  }
}

const PL_MALE_IN_A = new Set(['kuba', 'barnaba', 'bonawentura', 'kosma', 'jarema', 'zawisza']);
const PL_FEMALE_NOT_IN_A = new Set([
  'beatrycze',
  'noemi',
  'miriam',
  'ruth',
  'nel',
  'karmen',
  'ingrid',
  'abigail',
]);

/**
 * "Pani Katarzyno", "Panie Tomaszu": the Polish form of address with the first name in the vocative,
 * as a reply opens ("Dzień dobry Pani Katarzyno,"). Undefined for a name whose form is not certain, so
 * the template's fallback is used rather than a wrong ending.
 */
export function polishVocative(given: string): string | undefined {
  const lower = given.toLocaleLowerCase('pl');
  if (!/^\p{L}+$/u.test(given)) return undefined;
  if (PL_FEMALE_NOT_IN_A.has(lower)) return `Pani ${given}`;
  // Diminutives: Kasia → Kasiu, Ania → Aniu, Ola → Olu (but Maria → Mario, Julia → Julio).
  if (/(?:[csnz]ia|^[oa]la)$/.test(lower)) return `Pani ${given.slice(0, -1)}u`;
  if (lower.endsWith('a') && !PL_MALE_IN_A.has(lower)) return `Pani ${given.slice(0, -1)}o`;
  if (PL_MALE_IN_A.has(lower)) return `Panie ${given.slice(0, -1)}o`;
  const male = polishMaleVocative(given);
  return male ? `Panie ${male}` : undefined;
}

/** The vocative of a male first name by its ending; undefined where the rules below do not decide. */
function polishMaleVocative(given: string): string | undefined {
  const rules: [RegExp, (stem: string) => string][] = [
    [/(ek)$/i, (s) => `${s.slice(0, -2)}ku`], // Marek → Marku, Jacek → Jacku
    [/(eł)$/i, (s) => `${s.slice(0, -2)}le`], // Paweł → Pawle
    [/(ł)$/i, (s) => `${s.slice(0, -1)}le`], // Michał → Michale
    [/(sz|cz|rz|ż|dż|c|j|k|g|ch|h|l)$/i, (s) => `${s}u`], // Tomasz → Tomaszu, Andrzej → Andrzeju
    [/(tr|dr|r)$/i, (s) => `${s}ze`], // Piotr → Piotrze, Aleksander → Aleksandrze
    [/(st)$/i, (s) => `${s.slice(0, -2)}ście`], // Ernest → Erneście
    [/(t)$/i, (s) => `${s.slice(0, -1)}cie`], // Robert → Robercie
    [/(d)$/i, (s) => `${s.slice(0, -1)}dzie`], // Konrad → Konradzie
    [/(n|m|f|w|b|p|s|z)$/i, (s) => `${s}ie`], // Jan → Janie, Adam → Adamie, Jakub → Jakubie
  ];
  for (const [ending, vocative] of rules) if (ending.test(given)) return vocative(given);
  return undefined;
}

/**
 * "Save this reply as a template" (issue 5): the values this ticket filled in (the customer's and the
 * agent's names, the reference, the dates) become their variables again, longest first, whole words only,
 * so the next customer is not greeted by this one's name. A value both people share is left as written.
 */
export function templateFromText(text: string, context: RenderContext): string {
  const values = variableValues(context);
  const byValue = new Map<string, TemplateVariable | null>();
  for (const name of TEMPLATE_VARIABLES) {
    const value = values[name];
    if (!value || value.length < 2) continue;
    const seen = byValue.get(value);
    // "Anna" may be both the customer's first name and the agent's: no way to tell which is meant.
    if (seen === undefined) byValue.set(value, name);
    else if (seen !== null && seen.split('.')[0] !== name.split('.')[0]) byValue.set(value, null);
  }
  const candidates = [...byValue.entries()]
    .filter((entry): entry is [string, TemplateVariable] => entry[1] !== null)
    .sort(([a], [b]) => b.length - a.length);
  if (candidates.length === 0) return text;
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(candidates.map(([value]) => escapeRegExp(value)).join('|'), 'gu');
  const lookup = new Map(candidates);
  // A whole word where words have edges: "Emma" not inside "Emmanuel"; Japanese runs words together.
  const word = /[\p{L}\p{N}]/u;
  const joins = (a: string, b: string) =>
    word.test(a) && word.test(b) && !CJK_CHAR.test(a) && !CJK_CHAR.test(b);
  return text.replace(pattern, (match: string, offset: number) => {
    const before = text.charAt(offset - 1);
    const after = text.charAt(offset + match.length);
    if (joins(before, match.charAt(0)) || joins(match.charAt(match.length - 1), after)) return match;
    return `{{${lookup.get(match) ?? ''}}}`;
  });
}
