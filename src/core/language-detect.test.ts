import { describe, expect, it } from 'vitest';
import { SCENARIOS_EN } from '../../scripts/gmail-standin/seeds/demo-scenarios-en';
import { SCENARIOS_JA } from '../../scripts/gmail-standin/seeds/demo-scenarios-ja';
import { SCENARIOS_PL } from '../../scripts/gmail-standin/seeds/demo-scenarios-pl';
import { SCENARIOS_RU } from '../../scripts/gmail-standin/seeds/demo-scenarios-ru';
import { detectLanguage, detectThreadLanguage } from './language-detect';

describe('detectLanguage on real lines of the seeds', () => {
  it.each([
    // S001 L341, L350
    [
      'ru',
      'Вместо этого используйте мягкий информативный тон. Терпение — ваш лучший друг, когда вы помогаете разочарованному клиенту.',
    ],
    ['ru', 'Начните с шаблона, а затем измените его, прежде чем отвечать клиентам.'],
    // S003 L22
    [
      'ru',
      'Это быстро и отнимет не больше минуты времени, но надежно застрахует от неловкого «простите, не знаю, как так вышло» и повторного обращения.',
    ],
    // S002 L304-312, L350
    ['pl', 'Cześć Geraldine,'],
    ['pl', 'Przykro mi, że Twoje zamówienie jeszcze nie dotarło.'],
    ['pl', 'Dzięki,'],
    ['pl', 'Z poważaniem,'],
    [
      'pl',
      'Dziękujemy za napisanie do nas w tej sprawie. Jeśli jest jeszcze coś, w czym możemy Ci pomóc, daj mi znać.',
    ],
    // S004 L1, L15
    ['ja', '効果的な顧客サポートを編成するための10のルール'],
    ['ja', 'カスタマーサポートポリシー'],
  ] as const)('%s: %s', (language, line) => {
    const guess = detectLanguage(line);
    expect(guess.language).toBe(language);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.5);
  });
});

/** A demo text as the customer's mail would read: placeholders filled, the first of each choice taken. */
function asMail(text: string): string {
  return text
    .replace(/\{(?:order|orderNumber)\}/g, '#NW-10423')
    .replace(/\{tracking2?\}/g, 'PX123456789PL')
    .replace(/\{amount\}/g, '249,00')
    .replace(/\{\w+\}/g, '')
    .replace(/[<[]([^|\]>]*)\|[^\]>]*[\]>]/g, '$1');
}

describe('detectLanguage on the stand-in demo scenarios', () => {
  const scenarios = [...SCENARIOS_EN, ...SCENARIOS_RU, ...SCENARIOS_PL, ...SCENARIOS_JA];
  const cases = scenarios.flatMap((scenario) =>
    scenario.steps
      .filter((step) => step.by === 'customer')
      .flatMap((step) => (typeof step.text === 'string' ? [step.text] : step.text))
      .map((text, index) => [`${scenario.id} #${index + 1}`, scenario.language, asMail(text)] as const),
  );

  it('has cases in all four languages', () => {
    expect(new Set(cases.map(([, language]) => language))).toEqual(new Set(['en', 'ru', 'pl', 'ja']));
  });

  it.each(cases)('%s is %s', (_, language, text) => {
    expect(detectLanguage(text).language).toBe(language);
  });
});

describe('detectLanguage edge cases', () => {
  it.each([
    ['nothing', '', 'en', 0, 0],
    ['an order number only', '#NW-10423 249,00', 'en', 0, 0.3],
    [
      'Polish typed without diacritics',
      'Dzien dobry, nie dotarla do mnie paczka, czy mozna sprawdzic?',
      'pl',
      0.5,
      1,
    ],
    [
      'English with a Polish name',
      'Hi, this is Łukasz Wiśniewski. My order has not arrived yet, could you check?',
      'en',
      0.5,
      1,
    ],
    [
      'Russian with an English order id',
      'Здравствуйте! Где мой заказ NW-10423? Трек-номер не обновляется.',
      'ru',
      0.7,
      1,
    ],
    ['kanji with no kana', '注文番号確認依頼', 'ja', 0.5, 1],
    [
      'a Japanese line with a Latin order number',
      '注文番号 NW-10423 の商品がまだ届いておりません。',
      'ja',
      0.6,
      1,
    ],
    ['a short English line', 'Thanks!', 'en', 0.3, 1],
  ] as const)('%s', (_, text, language, min, max) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBe(language);
    expect(guess.confidence).toBeGreaterThanOrEqual(min);
    expect(guess.confidence).toBeLessThanOrEqual(max);
  });

  it('ignores quoted text, links and addresses', () => {
    const reply = [
      'Dziękuję, wszystko działa!',
      '',
      '> On Tue, Nov 24, 2026 at 9:30 AM Northwind Support <support@northwind-shop.example> wrote:',
      '> Thank you for your patience. The order was shipped today and you can follow it at',
      '> https://tracking.example/the-order-is-on-its-way-to-you-now',
    ].join('\n');
    expect(detectLanguage(reply).language).toBe('pl');
  });

  it('is more sure with more text', () => {
    const short = detectLanguage('Dzięki').confidence;
    const long = detectLanguage(
      'Dzień dobry, zamówienie jeszcze nie dotarło. Czy mogą Państwo sprawdzić przesyłkę?',
    );
    expect(long.confidence).toBeGreaterThan(short);
  });
});

describe('detectThreadLanguage', () => {
  it('follows the customer into the newest language they wrote', () => {
    expect(
      detectThreadLanguage([
        'Hello, my order has not arrived.',
        'Przepraszam, wolę pisać po polsku. Czy paczka już wyszła?',
      ]).language,
    ).toBe('pl');
  });

  it('looks back past a line too short to tell', () => {
    expect(detectThreadLanguage(['Здравствуйте, заказ так и не пришёл.', 'OK']).language).toBe('ru');
  });
});
