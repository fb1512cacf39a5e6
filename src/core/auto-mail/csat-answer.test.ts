import { describe, expect, it } from 'vitest';
import {
  decodeEncodedWords,
  ownComment,
  parseEffortAnswer,
  parseSurveyAnswer,
  ratingWord,
} from './csat-answer';
import { surveyAnswerSubject } from './texts';

const SUBJECT = '[#K7Q2XM] Rating: good (ld-7f3a)';
const PROMPT = '-- Anything to add? Write it above this line. --';
const from = 'Anna Smith <anna@customer.example>';

describe('parseSurveyAnswer: one fixture per client', () => {
  it('Gmail (web): the one-click mail with a comment above the prompt', () => {
    const text = `Quick and friendly, thank you!\r\n\r\n\r\n${PROMPT}\r\n`;
    expect(parseSurveyAnswer({ subject: SUBJECT, text, from })).toEqual({
      reference: '#K7Q2XM',
      rating: 'good',
      token: 'ld-7f3a',
      comment: 'Quick and friendly, thank you!',
    });
  });

  it('Gmail: a reply with a wrapped "On … wrote:" attribution and quoted text', () => {
    const text = [
      'Took two days, but solved.',
      '',
      'On Mon, 23 Nov 2026 at 10:00, Northwind Support <',
      'support@northwind-shop.example> wrote:',
      '',
      '> Your request #K7Q2XM has been solved.',
      '> How would you rate our support?',
    ].join('\r\n');
    expect(parseSurveyAnswer({ subject: 'Re: [#K7Q2XM] Rating: okay (ld-7f3a)', text, from })).toEqual({
      reference: '#K7Q2XM',
      rating: 'okay',
      token: 'ld-7f3a',
      comment: 'Took two days, but solved.',
    });
  });

  it('Outlook (German desktop): "AW:" and the From/Gesendet block', () => {
    const text = [
      'Die Antwort kam schnell, danke.',
      '',
      'Mit freundlichen Grüßen',
      'Jonas Weber',
      '',
      '________________________________',
      'Von: Northwind Support <support@northwind-shop.example>',
      'Gesendet: Montag, 23. November 2026 10:00',
      'An: Jonas Weber <jonas@kunde.example>',
      'Betreff: [#K7Q2XM] Rating: good (ld-7f3a)',
      '',
      'Anything to add?',
    ].join('\r\n');
    expect(parseSurveyAnswer({ subject: 'AW: [#K7Q2XM] Rating: good (ld-7f3a)', text, from })?.comment).toBe(
      'Die Antwort kam schnell, danke.\n\nMit freundlichen Grüßen\nJonas Weber',
    );
  });

  it('Outlook (English): "RE:" with "-----Original Message-----" and stacked prefixes', () => {
    const text = [
      'The agent did not read my first mail.',
      '',
      '-----Original Message-----',
      'From: Northwind Support <support@northwind-shop.example>',
      'Sent: Monday, November 23, 2026 10:00 AM',
      'Subject: [#K7Q2XM] Rating: bad (ld-7f3a)',
    ].join('\r\n');
    expect(parseSurveyAnswer({ subject: 'Re: RE: AW: [#K7Q2XM] Rating: bad (ld-7f3a)', text, from })).toEqual(
      {
        reference: '#K7Q2XM',
        rating: 'bad',
        token: 'ld-7f3a',
        comment: 'The agent did not read my first mail.',
      },
    );
  });

  it('Outlook with "From:" and "Sent:" bold (Outlook on the web writes *From:*)', () => {
    const text = 'Fine.\r\n\r\n*From:* Support <s@x.example>\r\n*Sent:* 23 November 2026 10:00\r\n*To:* me';
    expect(ownComment(text)).toBe('Fine.');
  });

  it('Polish webmail (Onet/WP): "Odp:" and "W dniu … napisał(a):"', () => {
    const text = [
      'Wszystko załatwione szybko, dziękuję.',
      '',
      'W dniu 23.11.2026 o 10:00, Northwind Support <support@northwind-shop.example> napisał(a):',
      '> Państwa zgłoszenie #K7Q2XM zostało rozwiązane.',
    ].join('\n');
    expect(parseSurveyAnswer({ subject: 'Odp: [#K7Q2XM] Rating: good (ld-7f3a)', text, from })?.comment).toBe(
      'Wszystko załatwione szybko, dziękuję.',
    );
  });

  it('Apple Mail on iPhone: "Sent from my iPhone" and an "On … wrote:" in one line', () => {
    const text = [
      'Thanks!',
      '',
      'Sent from my iPhone',
      '',
      'On 23 Nov 2026, at 10:00, Northwind Support <support@northwind-shop.example> wrote:',
      '',
      '> How would you rate our support?',
    ].join('\n');
    expect(parseSurveyAnswer({ subject: SUBJECT, text, from })?.comment).toBe('Thanks!');
  });

  it('Japanese iPhone: "iPhoneから送信" and "…のメッセージ:"', () => {
    const text = [
      '丁寧なご対応ありがとうございました。',
      '',
      'iPhoneから送信',
      '',
      '2026/11/23 10:00、Northwind Support <support@northwind-shop.example>のメッセージ:',
      '',
      '> 今回のサポートの対応はいかがでしたか？',
    ].join('\n');
    expect(parseSurveyAnswer({ subject: SUBJECT, text, from })?.comment).toBe(
      '丁寧なご対応ありがとうございました。',
    );
    expect(
      ownComment(
        '良かったです\n\n2026年11月23日(月) 10:00 Support <s@x.example>:に佐藤が書きました:\n> 引用',
      ),
    ).toBe('良かったです');
  });

  it('Gmail in Korean and German clients: "님이 작성:" and "Am … schrieb …:"', () => {
    expect(
      ownComment('감사합니다\n\n2026년 11월 23일 (월) 오전 10:00, Support <s@x.example>님이 작성:\n> q'),
    ).toBe('감사합니다');
    expect(
      ownComment('Danke\n\nAm Mo., 23. Nov. 2026 um 10:00 Uhr schrieb Support <s@x.example>:\n> q'),
    ).toBe('Danke');
  });

  it('Russian Gmail/Yandex on Android: "пишет:" and "Отправлено с …"', () => {
    const text = [
      'Всё решили быстро, спасибо.',
      '',
      'Отправлено с iPhone',
      '',
      '23 нояб. 2026 г., в 10:00, Northwind Support <support@northwind-shop.example> пишет:',
      '> Как вы оцениваете работу поддержки?',
    ].join('\n');
    expect(parseSurveyAnswer({ subject: SUBJECT, text, from })?.comment).toBe('Всё решили быстро, спасибо.');
  });

  it('Android Gmail: "Get Outlook for Android" style signatures and "-- " are cut', () => {
    expect(ownComment('Ok\n\nGet Outlook for Android\n> q')).toBe('Ok');
    expect(ownComment('Ok\n-- \nJan Kowalski\nCEO')).toBe('Ok');
  });

  it('no comment at all: only the prompt', () => {
    expect(parseSurveyAnswer({ subject: SUBJECT, text: `\r\n\r\n\r\n${PROMPT}`, from })).toEqual({
      reference: '#K7Q2XM',
      rating: 'good',
      token: 'ld-7f3a',
    });
  });
});

describe('parseSurveyAnswer: encoded and localised subjects', () => {
  const b64 = (s: string, charset = 'UTF-8') => `=?${charset}?B?${Buffer.from(s).toString('base64')}?=`;

  it('reads an RFC 2047 B subject split over several words (a character cut between words)', () => {
    const bytes = Buffer.from('Re: [#K7Q2XM] Rating: bad (ld-7f3a) — жаль');
    const words = [bytes.subarray(0, 10), bytes.subarray(10, 44), bytes.subarray(44)];
    const subject = words.map((w) => `=?utf-8?B?${w.toString('base64')}?=`).join('\r\n ');
    expect(parseSurveyAnswer({ subject, text: '', from })?.rating).toBe('bad');
  });

  it('reads a Q-encoded subject and mixed plain and encoded text', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Odp:_[#K7Q2XM]_Rating:_good_(ld-7f3a)?=')).toBe(
      'Odp: [#K7Q2XM] Rating: good (ld-7f3a)',
    );
    expect(decodeEncodedWords('Odp: =?UTF-8?Q?Ocena:_=C5=BAle?= =?UTF-8?Q?_(ld-1)?= end')).toBe(
      'Odp: Ocena: źle (ld-1) end',
    );
    expect(parseSurveyAnswer({ subject: `${b64('AW: ')} ${b64(SUBJECT)}`, text: '', from })?.rating).toBe(
      'good',
    );
  });

  it('reads ISO-8859-2 and KOI8-R encoded words', () => {
    // "Ocena: źle" in ISO-8859-2: ź = 0xBC; "оценка: плохо" in KOI8-R.
    const latin2 = `=?ISO-8859-2?Q?[#K7Q2XM]_Ocena:_=BCle_(ld-7f3a)?=`;
    expect(parseSurveyAnswer({ subject: latin2, text: '', from })?.rating).toBe('bad');
    const koi8 = Buffer.from([0xcf, 0xc3, 0xc5, 0xce, 0xcb, 0xc1, 0x3a, 0x20, 0xd0, 0xcc, 0xcf, 0xc8, 0xcf]);
    const subject = `[#K7Q2XM] =?KOI8-R?B?${koi8.toString('base64')}?=`;
    expect(decodeEncodedWords(subject)).toBe('[#K7Q2XM] оценка: плохо');
    expect(parseSurveyAnswer({ subject, text: '', from })?.rating).toBe('bad');
    expect(decodeEncodedWords('=?x-unknown?B?QUJD?=')).toBe('=?x-unknown?B?QUJD?=');
  });

  it('understands a localised rating word typed into the subject or as the first line', () => {
    expect(parseSurveyAnswer({ subject: '[#K7Q2XM] Оценка: хорошо', text: '', from })?.rating).toBe('good');
    expect(parseSurveyAnswer({ subject: '[#K7Q2XM] 評価: 普通 (ld-7f3a)', text: '', from })?.rating).toBe(
      'okay',
    );
    expect(parseSurveyAnswer({ subject: '[#K7Q2XM] Rating: (ld-7f3a)', text: 'плохо', from })?.rating).toBe(
      'bad',
    );
    expect(
      parseSurveyAnswer({ subject: '[#K7Q2XM] Rating: (ld-7f3a)', text: 'Nice people', from }),
    ).toBeNull();
    expect(
      parseSurveyAnswer({ subject: '[#K7Q2XM] Rating: ? (ld-7f3a)', text: 'Źle.\nNikt nie odpisał.', from }),
    ).toEqual({ reference: '#K7Q2XM', rating: 'bad', token: 'ld-7f3a', comment: 'Nikt nie odpisał.' });
    expect(
      parseSurveyAnswer({ subject: '[#K7Q2XM] Rating: (ld-7f3a)', text: 'Хорошо, спасибо!', from })?.rating,
    ).toBe('good');
    expect(ratingWord('not good')).toBeNull();
  });

  it('is not fooled by forwards, replies about other things, bounces and missing references', () => {
    for (const prefix of ['Fwd: ', 'FW: ', 'WG: ', 'TR: ', 'PD: ', 'Re: Fwd: ', '転送: ']) {
      expect(parseSurveyAnswer({ subject: `${prefix}${SUBJECT}`, text: '', from })).toBeNull();
    }
    expect(parseSurveyAnswer({ subject: 'Re: Where is my order?', text: 'Good, thanks!', from })).toBeNull();
    expect(parseSurveyAnswer({ subject: '[#K7Q2XM] Where is my order?', text: 'Good', from })).toBeNull();
    expect(parseSurveyAnswer({ subject: 'Rating: good', text: '', from })).toBeNull();
    expect(parseSurveyAnswer({ subject: SUBJECT, text: '', from: 'MAILER-DAEMON@mx.example' })).toBeNull();
  });

  it('round-trips every subject the survey writes', () => {
    for (const rating of ['good', 'okay', 'bad'] as const) {
      expect(
        parseSurveyAnswer({ subject: surveyAnswerSubject('#K7Q2XM', rating, 'ld-7f3a'), text: '', from })
          ?.rating,
      ).toBe(rating);
    }
  });

  it('reads effort answers separately', () => {
    expect(parseEffortAnswer({ subject: 'Re: [#K7Q2XM] Effort: 4 (ld-7f3a)', text: 'Easy.', from })).toEqual({
      reference: '#K7Q2XM',
      effort: 4,
      token: 'ld-7f3a',
      comment: 'Easy.',
    });
    expect(parseSurveyAnswer({ subject: '[#K7Q2XM] Effort: 4 (ld-7f3a)', text: '', from })).toBeNull();
    expect(parseEffortAnswer({ subject: '[#K7Q2XM] Effort: 9 (ld-7f3a)', text: '', from })).toBeNull();
    expect(parseEffortAnswer({ subject: SUBJECT, text: '', from })).toBeNull();
  });
});

describe('parseSurveyAnswer: hostile input', () => {
  it('reads a 1 MB body in bounded time and bounds the comment', () => {
    const bodies = [
      'a'.repeat(1_000_000),
      'On '.repeat(350_000),
      `${'x '.repeat(200)}\n`.repeat(2_500),
      `${'>'.repeat(999)}\n`.repeat(1_000),
      '=?UTF-8?B?'.repeat(100_000),
      `${'От: a\n'.repeat(170_000)}`,
    ];
    for (const text of bodies) {
      const started = performance.now();
      const answer = parseSurveyAnswer({ subject: `${'Re: '.repeat(10_000)}${SUBJECT}`, text, from });
      expect(performance.now() - started).toBeLessThan(1_500);
      expect((answer?.comment ?? '').length).toBeLessThanOrEqual(5_000);
    }
    const started = performance.now();
    decodeEncodedWords('=?UTF-8?Q?'.repeat(100_000));
    parseSurveyAnswer({ subject: `=?UTF-8?B?${'A'.repeat(1_000_000)}`, text: '', from });
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
