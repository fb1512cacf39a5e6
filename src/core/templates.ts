/**
 * Reply templates (PRODUCT.md "Replies", issue 5): a shared library every agent sees, kept as one shared
 * record in the mailbox like the team config, the newest record in force. A template is a starting point
 * the agent personalises (S001 L350-351), with one variant per customer language.
 */
// zod/mini: the reply tools' script (loaded into Gmail tabs) validates `library.get` answers with these
// schemas and must not carry zod classic. Classic schemas (records.ts) hold mini ones as they are.
import { z } from 'zod/mini';
import { macrosSchema } from './macros';
import { textShortcutsSchema } from './text-shortcuts';

export const TEMPLATE_LANGUAGES = ['en', 'ru', 'pl', 'ja'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const TEMPLATE_NAME_MAX = 200;
export const TEMPLATE_BODY_MAX = 20_000;
export const TEMPLATE_SUBJECT_MAX = 998;
export const TEMPLATES_MAX = 2_000;
/** One mailbox message holds the library: bound the sum of the bodies (about the metadata snapshot's 4 MB). */
export const LIBRARY_BODY_CHARS_MAX = 3_000_000;

/** A record id is chosen by its writer (a random UUID), as in records.ts. */
const templateId = z.string().check(z.regex(/^[0-9a-f-]{36}$/));
const agent = z.string().check(z.minLength(1), z.maxLength(200));
const epochMs = z.int().check(z.nonnegative());
const trimmedName = z.string().check(z.trim(), z.minLength(1), z.maxLength(TEMPLATE_NAME_MAX));

export const templateLanguageSchema = z.enum(TEMPLATE_LANGUAGES);

export const templateVariantSchema = z.object({
  language: templateLanguageSchema,
  subject: z.optional(z.string().check(z.maxLength(TEMPLATE_SUBJECT_MAX))),
  body: z.string().check(z.minLength(1), z.maxLength(TEMPLATE_BODY_MAX)),
});
export type TemplateVariant = z.infer<typeof templateVariantSchema>;

export const templateSchema = z.object({
  id: templateId,
  name: trimmedName,
  folder: z.optional(trimmedName),
  /** Tag paths of the team taxonomy ("Shipping/Late by shipper"), for finding a template by topic. */
  tags: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(400))).check(z.maxLength(50)), []),
  variants: z.array(templateVariantSchema).check(
    z.minLength(1),
    z.maxLength(TEMPLATE_LANGUAGES.length),
    z.refine((variants) => new Set(variants.map((v) => v.language)).size === variants.length, {
      message: 'one variant per language',
    }),
  ),
  updatedAt: epochMs,
  author: agent,
});
export type Template = z.infer<typeof templateSchema>;

/**
 * The team's reply library: templates, text shortcuts and macros, shared as one record (below). A record
 * written before shortcuts and macros existed reads with none.
 */
export const templateLibrarySchema = z
  .object({
    shortcuts: z._default(textShortcutsSchema, []),
    macros: z._default(macrosSchema, []),
    templates: z.array(templateSchema).check(
      z.maxLength(TEMPLATES_MAX),
      z.refine((templates) => new Set(templates.map((t) => t.id)).size === templates.length, {
        message: 'template ids must be unique',
      }),
    ),
  })
  .check(
    z.refine(
      (library) =>
        library.templates.reduce((sum, t) => sum + t.variants.reduce((s, v) => s + v.body.length, 0), 0) <=
        LIBRARY_BODY_CHARS_MAX,
      { message: 'the library is too large to share' },
    ),
  );
export type TemplateLibrary = z.output<typeof templateLibrarySchema>;

/** A library with nothing in it: what a mailbox has before anyone saved one. */
export function emptyLibrary(): TemplateLibrary {
  return { templates: [], shortcuts: [], macros: [] };
}

/**
 * The library as a shared record (kind 'templates'): the whole library in each record, newest wins
 * (records.ts `newestRecord`), so two agents saving at once never interleave half a library.
 */
export const templateLibraryRecordSchema = z.object({
  kind: z.literal('templates'),
  id: templateId,
  author: agent,
  library: templateLibrarySchema,
  createdAt: epochMs,
});
export type TemplateLibraryRecord = z.output<typeof templateLibraryRecordSchema>;

/**
 * The variant to insert: the customer's language, else the first of `fallbackOrder` the template has
 * (typically the team's language, then English), else the template's first variant.
 */
export function pickVariant(
  template: Pick<Template, 'variants'>,
  customerLanguage: TemplateLanguage | undefined,
  fallbackOrder: readonly TemplateLanguage[] = ['en'],
): TemplateVariant {
  const order = customerLanguage ? [customerLanguage, ...fallbackOrder] : fallbackOrder;
  for (const language of order) {
    const found = template.variants.find((v) => v.language === language);
    if (found) return found;
  }
  const first = template.variants[0];
  if (!first) throw new RangeError('A template has at least one variant');
  return first;
}

/** Replaces one template in the library (or adds it), the rest unchanged; the caller stamps updatedAt. */
export function upsertTemplate(library: TemplateLibrary, template: Template): TemplateLibrary {
  const index = library.templates.findIndex((t) => t.id === template.id);
  const templates = [...library.templates];
  if (index >= 0) templates[index] = template;
  else templates.push(template);
  return { ...library, templates };
}

/** Templates by folder (no folder first), each list sorted by name in the given locale. */
export function templatesByFolder(
  library: TemplateLibrary,
  locale: string,
): { folder: string | undefined; templates: Template[] }[] {
  const folders = new Map<string | undefined, Template[]>();
  for (const t of library.templates) folders.set(t.folder, [...(folders.get(t.folder) ?? []), t]);
  const collator = new Intl.Collator(locale);
  return [...folders.entries()]
    .sort(([a], [b]) => (a === undefined ? -1 : b === undefined ? 1 : collator.compare(a, b)))
    .map(([folder, templates]) => ({
      folder,
      templates: templates.sort((a, b) => collator.compare(a.name, b.name)),
    }));
}
