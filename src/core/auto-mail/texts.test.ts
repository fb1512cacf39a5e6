// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  acknowledgementFromTemplate,
  acknowledgementText,
  formatExpectedBy,
  mailtoUrl,
  quoteLines,
  reminderText,
  surveyAnswerSubject,
  surveyText,
} from './texts';

const LOCALES = { en: 'en-GB', ru: 'ru-RU', pl: 'pl-PL', ja: 'ja-JP' } as const;
/** Monday 23 Nov 2026, 09:00 UTC. */
const now = Date.UTC(2026, 10, 23, 9, 0);

function intl(locale: string, timeZone: string, at: number, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(at);
}

describe('acknowledgementText', () => {
  // Promised Wednesday 25 Nov 2026 10:00 in Warsaw (09:00 UTC); Thursday 02:00 in Tokyo is a different day.
  const expectedBy = Date.UTC(2026, 10, 25, 9, 0);
  it.each([
    ['en', 'Europe/London'],
    ['ru', 'Europe/Moscow'],
    ['pl', 'Europe/Warsaw'],
    ['ja', 'Asia/Tokyo'],
    ['en', 'America/New_York'],
    ['ja', 'Europe/Warsaw'],
  ] as const)('promises the right weekday and time in %s (%s)', (language, timeZone) => {
    const { text, subject } = acknowledgementText({
      language,
      reference: '#K7Q2XM',
      expectedBy,
      timeZone,
      subject: 'Order 1234',
      now,
    });
    const locale = LOCALES[language];
    const weekday = intl(locale, timeZone, expectedBy, { weekday: 'long' });
    const time = intl(locale, timeZone, expectedBy, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(text).toContain(weekday);
    expect(text).toContain(time);
    expect(text).toContain('#K7Q2XM');
    expect(subject).toBe('Order 1234');
    // Within six days, no date: the weekday says it.
    expect(text).not.toContain(intl(locale, timeZone, expectedBy, { month: 'long' }));
  });

  it('computes the hour in the calendar zone across the DST change', () => {
    // Monday 30 Mar 2026 09:00 Warsaw is 07:00 UTC (CEST) while a week earlier it was 08:00 UTC (CET).
    const due = Date.UTC(2026, 2, 30, 7, 0);
    const { text } = acknowledgementText({
      language: 'pl',
      reference: '#K7Q2XM',
      expectedBy: due,
      timeZone: 'Europe/Warsaw',
      subject: 'x',
      now: Date.UTC(2026, 2, 27, 12),
    });
    expect(text).toContain('poniedziałek, 09:00.');
  });

  it('adds the date when the answer is a week or more away, and the zone name where it is not obvious', () => {
    const far = Date.UTC(2026, 11, 7, 9, 0);
    for (const language of ['en', 'ru', 'pl', 'ja'] as const) {
      const { text } = acknowledgementText({
        language,
        reference: '#K7Q2XM',
        expectedBy: far,
        timeZone: 'Europe/Warsaw',
        subject: 'x',
        now,
      });
      const locale = LOCALES[language];
      expect(text).toContain(
        intl(locale, 'Europe/Warsaw', far, { day: 'numeric', month: 'long' }).replace(/\s/g, ' '),
      );
      expect(text).toContain(
        intl(locale, 'Europe/Warsaw', far, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      );
      const zone = language === 'pl' ? undefined : language === 'en' ? 'CET' : 'GMT+1';
      if (zone) expect(text).toContain(zone);
      else expect(text).not.toMatch(/CET|GMT/);
    }
    expect(formatExpectedBy(Date.UTC(2026, 10, 24, 1, 0), 'ja', 'Asia/Tokyo', now)).toBe('火曜日 10:00');
    expect(formatExpectedBy(Date.UTC(2026, 11, 7, 1, 0), 'ja', 'Asia/Tokyo', now)).toBe('12月7日(月) 10:00');
    expect(formatExpectedBy(Date.UTC(2026, 10, 24, 9, 0), 'en', 'Europe/London', now)).toBe(
      'Tuesday 09:00 (GMT)',
    );
  });

  it('greets formally in each language', () => {
    const greet = (language: 'en' | 'ru' | 'pl' | 'ja', customerName: string) =>
      acknowledgementText({
        language,
        customerName,
        reference: '#K7Q2XM',
        expectedBy: now + 3_600_000,
        timeZone: 'UTC',
        subject: 'x',
        now,
      }).text.split('\n')[0];
    expect(greet('en', 'Anna Smith')).toBe('Hello Anna,');
    expect(greet('ru', 'Смирнова Ольга Ивановна')).toBe('Здравствуйте, Ольга Ивановна!');
    expect(greet('pl', 'Katarzyna Nowak')).toBe('Dzień dobry Pani Katarzyno,');
    expect(greet('ja', '佐藤 美咲')).toBe('佐藤様');
    expect(greet('ja', 'satoshi@example.jp')).toBe('お客様');
  });
});

describe('acknowledgementFromTemplate', () => {
  const template = {
    variants: [
      {
        language: 'en' as const,
        body: 'Hi {{customer.firstName | there}}, {{ticket.reference}} by {{reply.expectedBy}}.',
      },
      {
        language: 'pl' as const,
        body: 'Dzień dobry {{customer.vocative}}, zgłoszenie {{ticket.reference}}.',
      },
    ],
  };
  const input = {
    language: 'ru' as const,
    reference: '#K7Q2XM',
    expectedBy: Date.UTC(2026, 10, 25, 9),
    timeZone: 'UTC',
    subject: 'Order',
    now,
  };

  it('renders the variant in the customer language, else English', () => {
    const en = acknowledgementFromTemplate(template, input);
    expect(en?.language).toBe('en');
    expect(en?.text).toBe('Hi there, #K7Q2XM by Wednesday 25 November at 09:00.');
    expect(
      acknowledgementFromTemplate(template, { ...input, language: 'pl', customerName: 'Anna Nowak' })?.text,
    ).toBe('Dzień dobry Pani Anno, zgłoszenie #K7Q2XM.');
  });

  it('gives up (the built-in text is sent) when a variable would stay unfilled', () => {
    expect(acknowledgementFromTemplate(template, { ...input, language: 'pl' })).toBeNull();
    expect(
      acknowledgementFromTemplate({ variants: [{ language: 'en', body: '{{customer.frist}}' }] }, input),
    ).toBeNull();
  });
});

describe('surveyText', () => {
  const input = {
    language: 'en' as const,
    customerName: 'Anna Smith',
    reference: '#K7Q2XM',
    subject: 'Where is my order?',
    mailbox: 'support@northwind-shop.example',
    quote: 'Hello, where is my parcel?\n\nIt was due on Monday.',
    effortQuestion: false,
    token: 'ld-7f3a',
  };

  it('offers three one-click answers to the shared mailbox with a recognisable subject', () => {
    const { text, html, subject } = surveyText(input);
    expect(subject).toBe('Where is my order?');
    expect(surveyAnswerSubject('#K7Q2XM', 'good', 'ld-7f3a')).toBe('[#K7Q2XM] Rating: good (ld-7f3a)');
    const urls = [...text.matchAll(/<(mailto:[^>]+)>/g)].map((m) => m[1] ?? '');
    expect(urls).toHaveLength(3);
    const subjects = urls.map((u) => new URL(u).searchParams.get('subject'));
    expect(subjects).toEqual([
      '[#K7Q2XM] Rating: good (ld-7f3a)',
      '[#K7Q2XM] Rating: okay (ld-7f3a)',
      '[#K7Q2XM] Rating: bad (ld-7f3a)',
    ]);
    const first = new URL(urls[0] ?? '');
    expect(first.pathname).toBe('support@northwind-shop.example');
    expect(first.searchParams.get('body')).toContain('Anything to add? Write it above this line.');
    expect(urls[0]).toContain('%0D%0A');
    expect(text).toContain('not about our products');
    expect(text).toContain('> Hello, where is my parcel?\n>\n> It was due on Monday.');
    expect(html.match(/href="mailto:/g)).toHaveLength(3);
  });

  it('adds five effort answers when asked', () => {
    const { text, html } = surveyText({ ...input, effortQuestion: true });
    const subjects = [...text.matchAll(/<(mailto:[^>]+)>/g)].map((m) =>
      new URL(m[1] ?? '').searchParams.get('subject'),
    );
    expect(subjects.slice(3)).toEqual([1, 2, 3, 4, 5].map((n) => `[#K7Q2XM] Effort: ${n} (ld-7f3a)`));
    expect(html.match(/href="mailto:/g)).toHaveLength(8);
  });

  it('escapes every customer string in the html', () => {
    const hostile = '<img src=x onerror=alert(1)>"\'&';
    const { html } = surveyText({ ...input, subject: hostile, quote: hostile, customerName: hostile });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    expect([...doc.querySelectorAll('a')].every((a) => a.getAttribute('href')?.startsWith('mailto:'))).toBe(
      true,
    );
  });

  it('writes every language with its own words and percent-encoded UTF-8 mailto URLs', () => {
    for (const language of ['ru', 'pl', 'ja'] as const) {
      const { text } = surveyText({ ...input, language });
      const url = /<(mailto:[^>]+)>/.exec(text)?.[1] ?? '';
      expect(url).toMatch(/^mailto:support@northwind-shop\.example\?subject=[\x21-\x7e]+&body=[\x21-\x7e]+$/);
      expect(text).not.toContain('Anything to add');
    }
    expect(surveyText({ ...input, language: 'ru' }).text).toContain('а не наши товары');
    expect(mailtoUrl('a+b@x.example', 'Ocena: źle', 'x\ny')).toBe(
      'mailto:a%2Bb@x.example?subject=Ocena%3A%20%C5%BAle&body=x%0D%0Ay',
    );
  });

  it('quotes a long conversation sensibly', () => {
    const lines = quoteLines(Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n'));
    expect(lines).toHaveLength(41);
    expect(lines.at(-1)).toBe('[…]');
    expect(quoteLines('x'.repeat(1_000_000)).at(-1)).toBe('[…]');
  });
});

describe('reminderText', () => {
  it('says when the ticket closes, in each language', () => {
    const closesAt = Date.UTC(2026, 10, 30, 12);
    for (const language of ['en', 'ru', 'pl', 'ja'] as const) {
      const { text } = reminderText({
        language,
        reference: '#K7Q2XM',
        subject: 'Order',
        closesAt,
        timeZone: 'Europe/Warsaw',
        now,
      });
      expect(text).toContain('#K7Q2XM');
      expect(text).toContain(intl(LOCALES[language], 'Europe/Warsaw', closesAt, { weekday: 'long' }));
    }
    expect(
      reminderText({ language: 'en', reference: '#K7Q2XM', subject: 'x', timeZone: 'UTC', now }).text,
    ).toContain('simply reply to this email');
  });
});
