/**
 * The customer's language among the four Labeldesk writes in, from the thread's text, so the template
 * variant in that language is picked by default (issue 5). Script first (Cyrillic is Russian, kana or
 * kanji Japanese); among Latin-script texts, Polish letters and common Polish words decide against English.
 */
import type { TemplateLanguage } from './templates';

export interface LanguageGuess {
  language: TemplateLanguage;
  /** 0 (a guess from nothing) to 1 (no doubt). */
  confidence: number;
}

const POLISH_LETTERS = /[ąćęłńśźż]/giu;
const POLISH_WORDS = new Set(
  (
    'nie się jest że czy dzień dobry dziękuję dziękuje proszę zamówienie zamówienia paczka paczki przesyłka ' +
    'pozdrawiam witam mój moja moje jak ale tak już jeszcze przez oraz bardzo który która które można będzie było ' +
    'został została faktura fakturę do od na w z za jestem mam nr numer kiedy gdzie dlaczego pani pan państwo ' +
    'szanowni szanowna szanowny pozdrowienia serdecznie zwrot reklamacja kurier'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the and is are you your to of my order please thanks thank hi hello i it in for on with have has was ' +
    'not this that we can would could received regards dear best kind sincerely invoice refund'
  ).split(' '),
);

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** Quoted lines, links and addresses say nothing about the writer's language. */
function ownText(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\S+@\S+/g, ' ');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

export function detectLanguage(text: string): LanguageGuess {
  const own = ownText(text);
  const cyrillic = count(own, CYRILLIC);
  const kana = count(own, KANA);
  const han = count(own, HAN);
  const latin = count(own, LATIN);
  const letters = cyrillic + kana + han + latin;
  if (letters === 0) return { language: 'en', confidence: 0 };

  // Japanese mixes kana and kanji with Latin order numbers; kana is Japanese alone, kanji alone nearly so.
  const japanese = kana + han;
  if (kana > 0 && japanese >= cyrillic) return { language: 'ja', confidence: share(japanese, letters, 0.2) };
  if (cyrillic > 0 && cyrillic >= han && cyrillic * 3 >= latin) {
    return { language: 'ru', confidence: share(cyrillic, letters, 0.2) };
  }
  if (han > 0 && han * 3 >= latin) return { language: 'ja', confidence: share(han, letters, 0) };

  const words = own.toLocaleLowerCase('pl').match(/\p{L}+/gu) ?? [];
  let polish = count(own, POLISH_LETTERS);
  let english = 0;
  for (const word of words) {
    if (POLISH_WORDS.has(word)) polish += 2;
    if (ENGLISH_WORDS.has(word)) english += 2;
  }
  if (polish === 0 && english === 0) return { language: 'en', confidence: 0.3 };
  if (polish > english) return { language: 'pl', confidence: evidence(polish, english) };
  return { language: 'en', confidence: evidence(english, polish) };
}

/** A script's share of the letters, nudged up by a bonus for a telling sign, capped at 1. */
function share(part: number, whole: number, bonus: number): number {
  return round(Math.min(1, part / whole + bonus));
}

/** How strongly one side's score beats the other, and how much evidence there is at all. */
function evidence(winner: number, loser: number): number {
  const margin = winner / (winner + loser);
  const amount = Math.min(1, winner / 10);
  return round(margin * (0.5 + amount / 2));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The language of a thread from the customer's messages, newest weighing most: a thread the customer
 * started in English and continued in Polish is answered in Polish.
 */
export function detectThreadLanguage(customerMessages: readonly string[]): LanguageGuess {
  for (let i = customerMessages.length - 1; i >= 0; i--) {
    const guess = detectLanguage(customerMessages[i] ?? '');
    if (guess.confidence >= 0.5) return guess;
  }
  return detectLanguage(customerMessages.join('\n'));
}
