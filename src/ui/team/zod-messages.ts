/**
 * Zod's own messages ("Invalid email address") in the UI language, for the options page's validation
 * errors. Only the four UI languages are bundled, and only into the options page.
 */
import type { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import ja from 'zod/v4/locales/ja.js';
import pl from 'zod/v4/locales/pl.js';
import ru from 'zod/v4/locales/ru.js';

const LOCALES = { en, ja, pl, ru } as const;

export function zodErrorMap(uiLanguage: string): z.core.$ZodErrorMap {
  const base = uiLanguage.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const locale = Object.hasOwn(LOCALES, base) ? LOCALES[base as keyof typeof LOCALES] : en;
  return locale().localeError;
}
