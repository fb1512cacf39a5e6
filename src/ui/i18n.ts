/** The UI's strings come from `public/_locales/<lang>/messages.json` through Chrome's i18n API. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/**
 * The message in the browser's language, with `$1`-style substitutions; the key itself where chrome.i18n is
 * missing (unit tests), followed by the substitutions so tests can still see them.
 */
export function t(key: MessageKey, detail?: string | readonly string[]): string {
  const details = detail === undefined ? undefined : typeof detail === 'string' ? [detail] : [...detail];
  const message = globalThis.chrome?.i18n?.getMessage(key, details);
  if (message === undefined || message === '') return details ? `${key} ${details.join(' ')}` : key;
  return message;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * The language the UI's strings are in, for dates, numbers, plurals and `lang` attributes: the one Chrome
 * picked the messages from (each messages.json names itself in `appLanguage`). Chrome's UI language can
 * differ from it: a browser in German gets Labeldesk's English strings, which must not come with German
 * dates, and headless Chromium says en-US whatever language it shows. That is the fallback only.
 */
export function uiLanguage(): string {
  const own = globalThis.chrome?.i18n?.getMessage('appLanguage');
  if (own !== undefined && LANGUAGE_TAG.test(own)) return own;
  return globalThis.chrome?.i18n?.getUILanguage() ?? 'en';
}

/** Plural keys exist in every locale with all four endings, so the locale test can demand one key set. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never;
}[MessageKey];

/**
 * A count in words, with the plural form the UI language needs (Russian and Polish have one, few, many and
 * other; Japanese only other). `$COUNT$` in the message is the number, formatted for the language.
 */
export function tn(base: PluralBase, count: number, extra: readonly string[] = []): string {
  const language = uiLanguage();
  const form = new Intl.PluralRules(language).select(count);
  const ending = form === 'one' || form === 'few' || form === 'many' ? form : 'other';
  return t(`${base}_${ending}` as MessageKey, [new Intl.NumberFormat(language).format(count), ...extra]);
}

/** A date and time the way the UI language writes them ("23 Nov, 14:05", "23 нояб., 14:05"). */
export function formatDateTime(epochMs: number, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(uiLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...options,
  }).format(epochMs);
}

export function formatDate(epochMs: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(epochMs);
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "in 3 hours", "5 minutes ago", "через 3 часа": relative to `now`, in the UI language. */
export function formatRelative(epochMs: number, now: number): string {
  let value = (epochMs - now) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      return new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }).format(Math.round(value), unit);
    }
    value /= size;
  }
  return formatDateTime(epochMs);
}
