import { describe, expect, it } from 'vitest';
import {
  formatTemplateDate,
  parsePersonName,
  parseTemplate,
  polishVocative,
  type RenderContext,
  renderTemplate,
  renderToText,
  TEMPLATE_VARIABLES,
  templateFromText,
} from './template-render';

/** Tuesday 24 November 2026, 09:30 in Warsaw. */
const NOW = Date.UTC(2026, 10, 24, 8, 30);
const context = (overrides: Partial<RenderContext> = {}): RenderContext => ({
  language: 'en',
  timeZone: 'Europe/Warsaw',
  now: NOW,
  customer: { displayName: 'Emma Collins' },
  ticket: { reference: '#K7Q2XM' },
  agent: { name: 'Anna Kowalska' },
  reply: { expectedBy: NOW + 24 * 3_600_000 },
  ...overrides,
});

describe('parseTemplate', () => {
  it.each([
    ['Hi {{customer.firstName}}!', ['Hi ', '{{customer.firstName}}', '!']],
    ['{{ customer.firstName | there }},', ['{{ customer.firstName | there }}', ',']],
    ['no placeholders', ['no placeholders']],
    ['{{not closed', ['{{not closed']],
    ['{{}} and {{1abc}}', ['{{}} and {{1abc}}']],
    ['a{{x}}{{y}}b', ['a', '{{x}}', '{{y}}', 'b']],
  ])('%s', (body, parts) => {
    expect(parseTemplate(body).map((p) => (p.kind === 'text' ? p.text : p.source))).toEqual(parts);
  });

  it('reads the fallback after the bar, trimmed', () => {
    expect(parseTemplate('{{customer.firstName | there }}')).toEqual([
      {
        kind: 'placeholder',
        name: 'customer.firstName',
        fallback: 'there',
        source: '{{customer.firstName | there }}',
      },
    ]);
  });
});

describe('renderTemplate', () => {
  it('fills every variable from the context', () => {
    const body = TEMPLATE_VARIABLES.map((name) => `${name}=[{{${name}}}]`).join('\n');
    const result = renderTemplate(body, context({ ticket: { reference: '#K7Q2XM', promisedBy: NOW } }));
    expect(result.unknown).toEqual([]);
    expect(result.unfilled).toEqual([]);
    expect(renderToText(body, context({ ticket: { reference: '#K7Q2XM', promisedBy: NOW } }))).toBe(
      [
        'customer.firstName=[Emma]',
        'customer.familyName=[Collins]',
        'customer.name=[Emma Collins]',
        'customer.vocative=[Emma]',
        'ticket.reference=[#K7Q2XM]',
        'ticket.promisedBy=[Tuesday 24 November]',
        'agent.name=[Anna Kowalska]',
        'agent.firstName=[Anna]',
        'reply.expectedBy=[Wednesday 25 November at 09:30]',
        'today=[Tuesday 24 November]',
      ].join('\n'),
    );
  });

  it('uses the fallback when the data has no value, and says so', () => {
    const result = renderTemplate('Hi {{customer.firstName | there}},', context({ customer: {} }));
    expect(result.segments).toEqual([
      { kind: 'text', text: 'Hi ' },
      {
        kind: 'variable',
        name: 'customer.firstName',
        value: 'there',
        filled: true,
        fromFallback: true,
        source: '{{customer.firstName | there}}',
      },
      { kind: 'text', text: ',' },
    ]);
  });

  it('reports an unfilled variable and keeps it visible in the text', () => {
    const result = renderTemplate('Ref {{ticket.reference}}.', context({ ticket: {} }));
    expect(result.unfilled).toEqual(['ticket.reference']);
    expect(result.segments[1]).toMatchObject({ kind: 'variable', filled: false, value: '' });
    expect(renderToText('Ref {{ticket.reference}}.', context({ ticket: {} }))).toBe(
      'Ref {{ticket.reference}}.',
    );
  });

  it('reports an unknown variable instead of dropping it', () => {
    const result = renderTemplate('Hi {{customer.frist}} {{order.number | —}}', context());
    expect(result.unknown).toEqual(['customer.frist', 'order.number']);
    expect(renderToText('Hi {{customer.frist}}', context())).toBe('Hi {{customer.frist}}');
  });

  it.each([
    ['<img src=x onerror=alert(1)> {{agent.name}}', '{{agent.name}}'],
    ['Emma <3 {{today}} <b', 'Emma <3 {{today}} <b'],
  ])('keeps the display name %s as a value, never markup or a template', (displayName, value) => {
    const result = renderTemplate('{{customer.name}}', context({ customer: { displayName } }));
    expect(result.segments).toEqual([expect.objectContaining({ kind: 'variable', value })]);
    // The value is data: no second pass, so the {{…}} in it is not expanded.
    const text = renderToText('{{customer.name}}', context({ customer: { displayName } }));
    expect(text).toBe(value);
  });

  it('needs neither eval nor Function', () => {
    const source = renderTemplate.toString() + parseTemplate.toString();
    expect(source).not.toMatch(/\beval\b|new Function/);
  });
});

describe('dates in the reply language and the team time zone', () => {
  const at = Date.UTC(2026, 7, 3, 22, 30); // 3 August 22:30 UTC: already 4 August in Tokyo
  it.each([
    ['en', 'Europe/London', false, 'Monday, 3 August 2026'],
    ['ru', 'Europe/Moscow', false, 'вторник, 4 августа 2026 г.'],
    ['pl', 'Europe/Warsaw', false, 'wtorek, 4 sierpnia 2026'],
    ['ja', 'Asia/Tokyo', false, '2026年8月4日火曜日'],
    ['ja', 'Asia/Tokyo', true, '2026年8月4日火曜日 07:30'],
    ['pl', 'Europe/Warsaw', true, 'wtorek, 4 sierpnia 2026 00:30'],
  ] as const)('%s in %s (time: %s)', (language, zone, withTime, expected) => {
    expect(formatTemplateDate(at, language, zone, withTime).replace(/\s+/g, ' ')).toBe(expected);
  });
});

describe('dates this year and next', () => {
  it('leaves out the current year and keeps the next', () => {
    const nextYear = Date.UTC(2027, 0, 8, 12);
    expect(formatTemplateDate(nextYear, 'en', 'UTC', false, NOW)).toBe('Friday, 8 January 2027');
    expect(formatTemplateDate(NOW, 'en', 'UTC', false, NOW)).toBe('Tuesday 24 November');
  });

  it('writes one full stop after a Russian date that ends a sentence', () => {
    const promisedBy = Date.UTC(2027, 0, 8, 12);
    const body = 'Крайний срок — {{ticket.promisedBy}}.';
    expect(renderToText(body, context({ language: 'ru', ticket: { promisedBy } }))).toBe(
      'Крайний срок — пятница, 8 января 2027 г.',
    );
  });
});

describe('names in the four languages', () => {
  it.each([
    ['Anna Kowalska', { given: 'Anna', family: 'Kowalska' }],
    ['Kowalska, Anna', { given: 'Anna', family: 'Kowalska' }],
    ['KOWALSKA Anna', { given: 'Anna', family: 'Kowalska' }],
    ['Kowalska Anna', { given: 'Anna', family: 'Kowalska' }],
    ['Tomasz Nowak', { given: 'Tomasz', family: 'Nowak' }],
    ['Joanna Dąbrowska', { given: 'Joanna', family: 'Dąbrowska' }],
    ['"Piotr Zieliński" <p.zielinski@poczta.example>', { given: 'Piotr', family: 'Zieliński' }],
    ['Ольга Смирнова', { given: 'Ольга', family: 'Смирнова' }],
    ['Иванов Алексей', { given: 'Алексей', family: 'Иванов' }],
    ['Смирнова Ольга Ивановна', { given: 'Ольга', family: 'Смирнова', patronymic: 'Ивановна' }],
    ['Ольга Ивановна Смирнова', { given: 'Ольга', family: 'Смирнова', patronymic: 'Ивановна' }],
    ['佐藤 美咲', { given: '美咲', family: '佐藤' }],
    ['渡辺　あかり', { given: 'あかり', family: '渡辺' }],
    ['アンナ・コワルスカ', { given: 'アンナ', family: 'コワルスカ' }],
    ['Dr. Emma Collins', { given: 'Emma', family: 'Collins' }],
    ["James O'Brien", { given: 'James', family: "O'Brien" }],
    ['Emma', { given: 'Emma' }],
  ])('%s', (display, parts) => {
    expect(parsePersonName(display)).toMatchObject(parts);
  });

  it.each([['佐藤美咲'], ['support@northwind-shop.example'], ['  ']])('%s: no parts guessed', (display) => {
    const name = parsePersonName(display);
    expect(name?.given).toBeUndefined();
    expect(name?.family).toBeUndefined();
  });
});

describe('the form of address', () => {
  it.each([
    ['pl', 'Katarzyna Wiśniewska', 'Dzień dobry Pani Katarzyno,'],
    ['pl', 'Tomasz Nowak', 'Dzień dobry Panie Tomaszu,'],
    ['pl', 'Piotr Zieliński', 'Dzień dobry Panie Piotrze,'],
    ['pl', 'Michał Kamiński', 'Dzień dobry Panie Michale,'],
    ['pl', 'Paweł Szymański', 'Dzień dobry Panie Pawle,'],
    ['pl', 'Agnieszka Wójcik', 'Dzień dobry Pani Agnieszko,'],
    ['pl', 'Jerzy Nowak', 'Dzień dobry Państwu,'],
    ['pl', undefined, 'Dzień dobry Państwu,'],
    ['ja', '佐藤 美咲', '佐藤様'],
    ['ja', '佐藤美咲', 'お客様'],
    ['ru', 'Смирнова Ольга Ивановна', 'Здравствуйте, Ольга Ивановна!'],
    ['ru', 'Алексей Иванов', 'Здравствуйте, Алексей!'],
  ] as const)('%s: %s', (language, displayName, expected) => {
    const body = {
      pl: 'Dzień dobry {{customer.vocative | Państwu}},',
      ja: '{{customer.familyName | お客}}様',
      ru: 'Здравствуйте, {{customer.vocative}}!',
    }[language];
    const customer = displayName === undefined ? {} : { displayName };
    expect(renderToText(body, context({ language, customer }))).toBe(expected);
  });

  it.each([
    ['Katarzyna', 'Pani Katarzyno'],
    ['Maria', 'Pani Mario'],
    ['Kasia', 'Pani Kasiu'],
    ['Ola', 'Pani Olu'],
    ['Beatrycze', 'Pani Beatrycze'],
    ['Kuba', 'Panie Kubo'],
    ['Marek', 'Panie Marku'],
    ['Andrzej', 'Panie Andrzeju'],
    ['Jan', 'Panie Janie'],
    ['Adam', 'Panie Adamie'],
    ['Robert', 'Panie Robercie'],
    ['Konrad', 'Panie Konradzie'],
    ['Wojciech', 'Panie Wojciechu'],
    ['Jerzy', undefined],
    ['Jean-Luc', undefined],
  ])('%s → %s', (given, vocative) => {
    expect(polishVocative(given)).toBe(vocative);
  });
});

describe('templateFromText: save this reply as a template', () => {
  it.each([
    [
      'en',
      'Emma Collins',
      'Hi Emma,\n\nyour request #K7Q2XM is solved. Emma Collins, thanks!\n\nAnna',
      'Hi {{customer.firstName}},\n\nyour request {{ticket.reference}} is solved. {{customer.name}}, thanks!\n\n{{agent.firstName}}',
    ],
    [
      'pl',
      'Tomasz Nowak',
      'Dzień dobry Panie Tomaszu,\n\nzgłoszenie #K7Q2XM',
      'Dzień dobry {{customer.vocative}},\n\nzgłoszenie {{ticket.reference}}',
    ],
    [
      'ja',
      '佐藤 美咲',
      '佐藤様\n\n受付番号#K7Q2XMにて承りました。',
      '{{customer.vocative}}\n\n受付番号{{ticket.reference}}にて承りました。',
    ],
    ['en', 'Emma Collins', 'Emmanuel wrote to Emmas', 'Emmanuel wrote to Emmas'],
    ['en', 'Anna Smith', 'Hi Anna, this is Anna.', 'Hi Anna, this is Anna.'],
  ] as const)('%s: %s', (language, displayName, text, template) => {
    expect(templateFromText(text, context({ language, customer: { displayName } }))).toBe(template);
  });

  it('renders back to the reply it came from', () => {
    const reply = 'Hi Emma, your request #K7Q2XM is solved.';
    expect(renderToText(templateFromText(reply, context()), context())).toBe(reply);
  });
});
