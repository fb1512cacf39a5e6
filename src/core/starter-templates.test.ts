import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detect';
import { checkBeforeSending } from './send-checks';
import { STARTER_TAGS } from './starter-tags';
import { STARTER_TEMPLATES, starterTemplates } from './starter-templates';
import { type RenderContext, renderTemplate, renderToText } from './template-render';
import { pickVariant, TEMPLATE_LANGUAGES, type TemplateLanguage, templateLibrarySchema } from './templates';

const NOW = Date.UTC(2026, 10, 24, 8, 30);
const CUSTOMERS: Record<TemplateLanguage, string> = {
  en: 'Emma Collins',
  ru: 'Ольга Смирнова',
  pl: 'Katarzyna Wiśniewska',
  ja: '佐藤 美咲',
};
const full = (language: TemplateLanguage): RenderContext => ({
  language,
  timeZone: 'Europe/Warsaw',
  now: NOW,
  customer: { displayName: CUSTOMERS[language] },
  ticket: { reference: '#K7Q2XM', promisedBy: NOW + 3 * 86_400_000 },
  agent: { name: 'Anna Kowalska' },
  reply: { expectedBy: NOW + 86_400_000 },
});

const variants = STARTER_TEMPLATES.flatMap((starter) =>
  TEMPLATE_LANGUAGES.map((language) => [starter.key, language, starter.variants[language]] as const),
);

describe('starter templates', () => {
  it('are the six replies issue 5 asks for', () => {
    expect(STARTER_TEMPLATES.map((s) => s.key)).toEqual([
      'acknowledgement',
      'need-more-information',
      'solved',
      'delay',
      'complaint-apology',
      'order-not-received',
    ]);
    expect(new Set(STARTER_TEMPLATES.map((s) => s.id)).size).toBe(STARTER_TEMPLATES.length);
  });

  it.each(TEMPLATE_LANGUAGES)(
    'make a valid shared library for a %s team, each template in four languages',
    (team) => {
      const templates = starterTemplates(team, NOW, 'Labeldesk');
      const library = templateLibrarySchema.parse({ templates });
      for (const template of library.templates) {
        expect(template.variants.map((v) => v.language)).toEqual(['en', 'ru', 'pl', 'ja']);
        for (const tag of template.tags) expect(STARTER_TAGS[team].map((t) => t.path)).toContain(tag);
      }
      expect(library.templates.find((t) => t.id.endsWith('6'))?.tags).toEqual([STARTER_TAGS[team][7]?.path]);
    },
  );

  it.each(TEMPLATE_LANGUAGES.filter((l) => l !== 'en'))('are named in %s for a team writing it', (team) => {
    const names = starterTemplates(team, NOW, 'Labeldesk').map((t) => t.name);
    const english = starterTemplates('en', NOW, 'Labeldesk').map((t) => t.name);
    for (const [i, name] of names.entries()) expect(name).not.toBe(english[i]);
  });

  it.each(variants)('%s (%s) uses only known variables, with or without data', (_, language, variant) => {
    for (const text of [variant.body, variant.subject ?? '']) {
      expect(renderTemplate(text, full(language)).unknown).toEqual([]);
      expect(renderTemplate(text, { language, timeZone: 'UTC', now: NOW }).unknown).toEqual([]);
    }
  });

  it.each(variants)(
    '%s (%s) filled in is ready to send: nothing unfilled, no bad link, no promised attachment',
    (_, language, variant) => {
      const result = renderTemplate(variant.body, full(language));
      expect(result.unfilled).toEqual([]);
      const text = renderToText(variant.body, full(language));
      expect(checkBeforeSending({ text, segments: result.segments, attachmentCount: 0 })).toEqual([]);
      expect(renderToText(variant.subject ?? '', full(language))).toContain('#K7Q2XM');
    },
  );

  it.each(variants)('%s (%s) is written in its own language (and detected as it)', (_, language, variant) => {
    expect(detectLanguage(renderToText(variant.body, full(language)))).toMatchObject({ language });
    expect(detectLanguage(renderToText(variant.body, full(language))).confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each(variants)('%s (%s) greets the customer by name', (_, language, variant) => {
    const opening = renderToText(variant.body, full(language)).split('\n')[0];
    expect(opening).toBe(
      { en: 'Hi Emma,', ru: 'Здравствуйте, Ольга!', pl: 'Dzień dobry Pani Katarzyno,', ja: '佐藤様' }[
        language
      ],
    );
  });

  it.each(STARTER_TEMPLATES.map((s) => [s.key, s.variants.ru.body] as const))(
    '%s (ru) addresses the customer with formal Вы, never ты',
    (_, body) => {
      expect(body).not.toMatch(
        /(?<!\p{L})(?:ты|тебя|тебе|тобой|твой|твоя|твоё|твои|твоего|твоей)(?!\p{L})/iu,
      );
      expect(body).not.toMatch(/(?<!\p{L})(?:вы|вас|вам|ваш\p{L}*)(?!\p{L})/u);
    },
  );

  it.each(STARTER_TEMPLATES.map((s) => [s.key, s.variants.pl.body] as const))(
    '%s (pl) keeps the formal register: no ty forms, no agent gender',
    (_, body) => {
      expect(body).not.toMatch(
        /(?<!\p{L})(?:ty|ci|cię|tobie|twój|twoja|twoje|twojego|twoją|twoim)(?!\p{L})/iu,
      );
      expect(body).not.toMatch(/(?<!\p{L})\p{L}+(?:łam|łem)(?!\p{L})/u);
    },
  );

  it.each(STARTER_TEMPLATES.map((s) => [s.key, s.variants.ru.body] as const))(
    '%s (ru) needs no agent gender (no past tense in the first person singular)',
    (_, body) => {
      expect(body).not.toMatch(/(?<!\p{L})я(?: \p{L}+)? \p{L}+л(?:а)?(?!\p{L})/u);
    },
  );

  it.each(STARTER_TEMPLATES.map((s) => [s.key, s.variants.ja.body] as const))(
    '%s (ja) is written in keigo',
    (_, body) => {
      expect(body).toMatch(/ございます|いたします|申し上げます/);
      expect(body).not.toMatch(/(?<![ご])(?:だよ|だね|してね|です。よ)/);
    },
  );

  it('promise a reply time in the acknowledgement and a date in the delay, in every language', () => {
    const byKey = Object.fromEntries(STARTER_TEMPLATES.map((s) => [s.key, s]));
    for (const language of TEMPLATE_LANGUAGES) {
      expect(byKey.acknowledgement?.variants[language].body).toContain('{{ticket.reference}}');
      expect(byKey.acknowledgement?.variants[language].body).toContain('{{reply.expectedBy}}');
      expect(byKey.delay?.variants[language].body).toContain('{{ticket.promisedBy}}');
    }
  });

  it("picks the customer's language, whatever the team's", () => {
    const [ack] = starterTemplates('en', NOW, 'Labeldesk');
    if (!ack) throw new Error('no starter templates');
    const text = renderToText(pickVariant(ack, 'ja', ['en']).body, full('ja'));
    expect(text).toContain('受付番号#K7Q2XMにて承りました');
    expect(text).toContain('11月25日水曜日 09:30までに');
  });
});
