import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const LOCALES_DIR = join(import.meta.dirname, '../../public/_locales');
const REQUIRED_LOCALES = ['en', 'ja', 'pl', 'ru'];

const messagesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_]+$/),
  z.object({
    message: z.string().min(1),
    description: z.string().optional(),
    placeholders: z
      .record(z.string(), z.object({ content: z.string(), example: z.string().optional() }))
      .optional(),
  }),
);

function load(locale: string) {
  return messagesSchema.parse(JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')));
}

/** `$DETAIL$` style references, which Chrome resolves through `placeholders`. */
function placeholderRefs(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => (match[1] ?? '').toLowerCase()).sort();
}

const english = load('en');

describe('locales', () => {
  it('ships exactly en, ja, pl and ru', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual(REQUIRED_LOCALES);
  });

  it.each(REQUIRED_LOCALES)('%s has every key English has, and no other', (locale) => {
    expect(Object.keys(load(locale)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(REQUIRED_LOCALES)('%s uses the same placeholders as English, each one declared', (locale) => {
    for (const [key, entry] of Object.entries(load(locale))) {
      const refs = placeholderRefs(entry.message);
      expect(refs, key).toEqual(placeholderRefs(english[key]?.message ?? ''));
      for (const ref of refs) expect(Object.keys(entry.placeholders ?? {}), key).toContain(ref);
    }
  });

  it.each(REQUIRED_LOCALES.filter((locale) => locale !== 'en'))('%s is translated, not copied', (locale) => {
    const messages = load(locale);
    const copied = Object.keys(english).filter(
      (key) =>
        messages[key]?.message === english[key]?.message &&
        !/Labeldesk|OAuth/.test(english[key]?.message ?? ''),
    );
    expect(copied).toEqual([]);
  });
});
