import { describe, expect, it } from 'vitest';
import {
  emptyLibrary,
  pickVariant,
  TEMPLATE_BODY_MAX,
  TEMPLATES_MAX,
  type Template,
  templateLibraryRecordSchema,
  templateLibrarySchema,
  templateSchema,
  templatesByFolder,
  upsertTemplate,
} from './templates';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function template(overrides: Partial<Template> = {}): Template {
  return {
    id: id(1),
    name: 'Order not received',
    tags: [],
    variants: [
      { language: 'en', subject: 'Your order', body: 'Hi {{customer.firstName | there}},' },
      { language: 'pl', body: 'Dzień dobry {{customer.vocative | Państwu}},' },
    ],
    updatedAt: 1_700_000_000_000,
    author: 'Anna Kowalska',
    ...overrides,
  };
}

describe('template schema', () => {
  it.each([
    ['a template with two variants', template(), true],
    ['a folder and tags', template({ folder: 'Shipping', tags: ['Shipping/Late by shipper'] }), true],
    ['an empty name', template({ name: '  ' }), false],
    ['a name over 200 characters', template({ name: 'x'.repeat(201) }), false],
    ['no variant', template({ variants: [] }), false],
    [
      'two variants in one language',
      template({
        variants: [
          { language: 'en', body: 'a' },
          { language: 'en', body: 'b' },
        ],
      }),
      false,
    ],
    [
      'a language Labeldesk does not write',
      { ...template(), variants: [{ language: 'de', body: 'Hallo' }] },
      false,
    ],
    [
      'a body of 20,000 characters',
      template({ variants: [{ language: 'en', body: 'x'.repeat(TEMPLATE_BODY_MAX) }] }),
      true,
    ],
    [
      'a body over 20,000 characters',
      template({ variants: [{ language: 'en', body: 'x'.repeat(TEMPLATE_BODY_MAX + 1) }] }),
      false,
    ],
    ['an empty body', template({ variants: [{ language: 'en', body: '' }] }), false],
    ['an id that is not a UUID', template({ id: '../etc/passwd' }), false],
  ])('%s: valid %s', (_, value, valid) => {
    expect(templateSchema.safeParse(value).success).toBe(valid);
  });

  it('tags default to none', () => {
    const { tags: _, ...rest } = template();
    expect(templateSchema.parse(rest).tags).toEqual([]);
  });
});

describe('template library', () => {
  it(`holds at most ${TEMPLATES_MAX} templates, each id once`, () => {
    const many = Array.from({ length: TEMPLATES_MAX + 1 }, (_, n) => template({ id: id(n) }));
    expect(templateLibrarySchema.safeParse({ templates: many.slice(0, TEMPLATES_MAX) }).success).toBe(true);
    expect(templateLibrarySchema.safeParse({ templates: many }).success).toBe(false);
    expect(templateLibrarySchema.safeParse({ templates: [template(), template()] }).success).toBe(false);
  });

  it('refuses a library too large for one mailbox message', () => {
    const big = Array.from({ length: 160 }, (_, n) =>
      template({ id: id(n), variants: [{ language: 'en', body: 'x'.repeat(TEMPLATE_BODY_MAX) }] }),
    );
    expect(templateLibrarySchema.safeParse({ templates: big }).success).toBe(false);
  });

  it('travels as a shared record', () => {
    const record = {
      kind: 'templates',
      id: id(9),
      author: 'Anna Kowalska',
      library: { templates: [template()] },
      createdAt: 1,
    };
    // Written before shortcuts and macros existed: it reads with none.
    const parsed = templateLibraryRecordSchema.parse(record);
    expect(parsed.library.templates).toHaveLength(1);
    expect(parsed.library.shortcuts).toEqual([]);
    expect(parsed.library.macros).toEqual([]);
    expect(templateLibraryRecordSchema.safeParse({ ...record, kind: 'note' }).success).toBe(false);
  });

  it('upserts by id', () => {
    const library = { ...emptyLibrary(), templates: [template()] };
    const renamed = upsertTemplate(library, template({ name: 'Parcel lost' }));
    expect(renamed.templates.map((t) => t.name)).toEqual(['Parcel lost']);
    const added = upsertTemplate(library, template({ id: id(2), name: 'Refund' }));
    expect(added.templates.map((t) => t.name)).toEqual(['Order not received', 'Refund']);
    expect(library.templates).toHaveLength(1);
  });

  it('groups by folder, no folder first, names in the locale order', () => {
    const library = {
      ...emptyLibrary(),
      templates: [
        template({ id: id(1), name: 'Zwrot', folder: 'Zwroty' }),
        template({ id: id(2), name: 'Łódź', folder: 'Dostawa' }),
        template({ id: id(3), name: 'Lato', folder: 'Dostawa' }),
        template({ id: id(4), name: 'Powitanie' }),
      ],
    };
    expect(templatesByFolder(library, 'pl').map((g) => [g.folder, g.templates.map((t) => t.name)])).toEqual([
      [undefined, ['Powitanie']],
      ['Dostawa', ['Lato', 'Łódź']],
      ['Zwroty', ['Zwrot']],
    ]);
  });
});

describe('pickVariant', () => {
  const t = template({
    variants: [
      { language: 'en', body: 'en' },
      { language: 'pl', body: 'pl' },
      { language: 'ja', body: 'ja' },
    ],
  });
  it.each([
    ['the customer writes Polish', 'pl', ['en'], 'pl'],
    ['the customer writes Japanese', 'ja', ['pl', 'en'], 'ja'],
    ['no Russian variant: the team language comes next', 'ru', ['pl', 'en'], 'pl'],
    ['no Russian variant, English next', 'ru', ['en', 'pl'], 'en'],
    ['language unknown', undefined, ['ja'], 'ja'],
    ['nothing in the fallback order exists: the first variant', 'ru', ['ru'], 'en'],
  ] as const)('%s', (_, customer, order, expected) => {
    expect(pickVariant(t, customer, order).body).toBe(expected);
  });
});
