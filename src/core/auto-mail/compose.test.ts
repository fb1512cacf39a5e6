import libmime from 'libmime';
import { describe, expect, it } from 'vitest';
import { headerValue, parseAddresses, parseMessage } from '../../../scripts/gmail-standin/mime';
import {
  AUTO_MAIL_HEADER,
  AutoMailInputError,
  type AutoReplyInput,
  composeAutoReply,
  quotedPrintable,
  replySubject,
} from './compose';
import { parseSurveyAnswer } from './csat-answer';
import { surveyText } from './texts';

const base: AutoReplyInput = {
  from: { email: 'support@northwind-shop.example', name: 'Northwind Support' },
  to: { email: 'anna@customer.example', name: 'Anna Smith' },
  subject: 'Where is my order?',
  inReplyTo: '<m0@customer.example>',
  text: 'Hello Anna,\nwe got your message.\n',
  kind: 'ack',
  reference: '#K7Q2XM',
  date: new Date('2026-11-23T05:30:00Z'),
  messageId: '<ld-ack-1@northwind-shop.example>',
};

async function parse(raw: string) {
  // Every line of the message is ASCII and ends with CRLF; no line is longer than RFC 5322's limit.
  expect(/^[\x20-\x7e\r\n\t]*$/.test(raw)).toBe(true);
  expect(raw.replace(/\r\n/g, '').includes('\n')).toBe(false);
  expect(raw.replace(/\r\n/g, '').includes('\r')).toBe(false);
  for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  return parseMessage(Buffer.from(raw, 'latin1'));
}

function rawHeaderBlock(raw: string): string {
  return raw.slice(0, raw.indexOf('\r\n\r\n'));
}

describe('composeAutoReply', () => {
  it('writes the threading, loop-guard and marker headers', async () => {
    const raw = composeAutoReply({ ...base, references: ['<m-1@customer.example>'] });
    const parsed = await parse(raw);
    const h = parsed.root.headers;
    expect(headerValue(h, 'subject')).toBe('Re: Where is my order?');
    expect(headerValue(h, 'in-reply-to')).toBe('<m0@customer.example>');
    expect(headerValue(h, 'references')).toBe('<m-1@customer.example> <m0@customer.example>');
    expect(headerValue(h, 'message-id')).toBe('<ld-ack-1@northwind-shop.example>');
    expect(headerValue(h, 'auto-submitted')).toBe('auto-replied');
    expect(headerValue(h, AUTO_MAIL_HEADER)).toBe('ack; ref=#K7Q2XM');
    expect(headerValue(h, 'precedence')).toBeUndefined();
    expect(headerValue(h, 'date')).toBe('Mon, 23 Nov 2026 05:30:00 +0000');
    expect(parseAddresses(headerValue(h, 'from'))).toEqual([
      { name: 'Northwind Support', email: 'support@northwind-shop.example' },
    ]);
    expect(parsed.text).toBe('Hello Anna,\r\nwe got your message.\r\n');
  });

  it('marks a survey and a reminder as auto-generated (RFC 3834: not an answer to a message)', async () => {
    for (const kind of ['survey', 'reminder'] as const) {
      const parsed = await parse(composeAutoReply({ ...base, kind }));
      expect(headerValue(parsed.root.headers, 'auto-submitted')).toBe('auto-generated');
      expect(headerValue(parsed.root.headers, AUTO_MAIL_HEADER)).toBe(`${kind}; ref=#K7Q2XM`);
    }
  });

  it('carries the survey token in the marker header, and refuses a token that could break the header', async () => {
    const parsed = await parse(composeAutoReply({ ...base, kind: 'survey', token: 'ld-7f3a09c1e2' }));
    expect(headerValue(parsed.root.headers, AUTO_MAIL_HEADER)).toBe(
      'survey; ref=#K7Q2XM; token=ld-7f3a09c1e2',
    );
    for (const token of ['ld-1;x=2', 'ld-1\r\nBcc: x@y.example', 'ab', ''])
      expect(() => composeAutoReply({ ...base, kind: 'survey', token })).toThrow(AutoMailInputError);
  });

  it.each([
    ['Re: Where is my order?', 'Re: Where is my order?'],
    ['RE: Re: AW: Where is my order?', 'Re: Where is my order?'],
    ['Odp: Zamówienie', 'Re: Zamówienie'],
    ['Re[2]: Where', 'Re: Where'],
    ['Fwd: Where', 'Re: Fwd: Where'],
    ['Reorder', 'Re: Reorder'],
  ])('does not stack reply prefixes: %s', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it.each([
    ['Russian', 'Смирнова Ольга Ивановна', 'Не пришёл заказ №12345 — прошу проверить доставку'],
    ['Polish', 'Katarzyna Wiśniewska-Żółćńska', 'Zwrot zamówienia: źle dobrany rozmiar, proszę o pomoc'],
    ['Japanese', '佐藤 美咲', '注文した商品がまだ届いていません。配送状況を確認していただけますか'],
  ])('encodes %s names and subjects so a MIME parser decodes them back', async (_, name, subject) => {
    const text = `${name}\n${subject}\n`;
    const raw = composeAutoReply({ ...base, to: { email: 'c@customer.example', name }, subject, text });
    const head = rawHeaderBlock(raw);
    expect(head).toContain('=?UTF-8?B?');
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const parsed = await parse(raw);
    expect(headerValue(parsed.root.headers, 'subject')).toBe(`Re: ${subject}`);
    expect(parseAddresses(headerValue(parsed.root.headers, 'to'))).toEqual([
      { name, email: 'c@customer.example' },
    ]);
    // libmime on the raw folded header, independently of the stand-in's parser.
    const subjectLines = /^Subject: (.*(?:\r\n .*)*)/m.exec(head)?.[1] ?? '';
    expect(libmime.decodeWords(subjectLines.replace(/\r\n /g, ' '))).toBe(`Re: ${subject}`);
    expect(parsed.text).toBe(`${name}\r\n${subject}\r\n`);
  });

  it('writes multipart/alternative with both parts when html is given', async () => {
    const raw = composeAutoReply({ ...base, text: 'Dziękujemy!', html: '<p>Dziękujemy!</p>' });
    const parsed = await parse(raw);
    expect(parsed.root.mimeType).toBe('multipart/alternative');
    expect(parsed.root.parts.map((p) => p.mimeType)).toEqual(['text/plain', 'text/html']);
    expect(parsed.text).toBe('Dziękujemy!');
    expect(parsed.html).toBe('<p>Dziękujemy!</p>');
  });

  it('keeps long English lines intact through quoted-printable soft breaks', async () => {
    const line = `${'word '.repeat(40)}= end`;
    const raw = composeAutoReply({ ...base, text: line });
    expect(raw).toContain('Content-Transfer-Encoding: quoted-printable');
    expect((await parse(raw)).text).toBe(line);
    expect(quotedPrintable('a \nb')).toBe('a=20\r\nb');
  });

  it('never lets CR or LF in a name or subject start a new header', async () => {
    const raw = composeAutoReply({
      ...base,
      to: { email: 'c@customer.example', name: 'Eve\r\nBcc: victim@example.com' },
      subject: 'Hi\r\nBcc: victim@example.com\nX-Evil: 1',
    });
    const parsed = await parse(raw);
    expect(headerValue(parsed.root.headers, 'bcc')).toBeUndefined();
    expect(headerValue(parsed.root.headers, 'x-evil')).toBeUndefined();
    expect(headerValue(parsed.root.headers, 'subject')).toBe('Re: Hi Bcc: victim@example.com X-Evil: 1');
  });

  it('refuses addresses, ids and references it cannot write safely, and drops a hostile In-Reply-To', async () => {
    expect(() =>
      composeAutoReply({ ...base, to: { email: 'c@customer.example\r\nBcc: x@y.example' } }),
    ).toThrow(AutoMailInputError);
    expect(() => composeAutoReply({ ...base, to: { email: 'a b@c.example' } })).toThrow(AutoMailInputError);
    expect(() => composeAutoReply({ ...base, messageId: 'x\r\nBcc: y@z' })).toThrow(AutoMailInputError);
    expect(() => composeAutoReply({ ...base, reference: '#A\r\nB' })).toThrow(AutoMailInputError);
    const parsed = await parse(
      composeAutoReply({ ...base, inReplyTo: '<a@b>\r\nBcc: victim@example.com', references: ['junk'] }),
    );
    expect(headerValue(parsed.root.headers, 'in-reply-to')).toBeUndefined();
    expect(headerValue(parsed.root.headers, 'references')).toBeUndefined();
    expect(headerValue(parsed.root.headers, 'bcc')).toBeUndefined();
  });

  it('quotes an ASCII display name with specials', async () => {
    const raw = composeAutoReply({ ...base, to: { email: 'c@customer.example', name: 'Smith, "Jo" \\ Co' } });
    const parsed = await parse(raw);
    expect(parseAddresses(headerValue(parsed.root.headers, 'to'))).toEqual([
      { name: 'Smith, "Jo" \\ Co', email: 'c@customer.example' },
    ]);
  });

  it('carries a Japanese survey whose answer link, followed, is recognised', async () => {
    const survey = surveyText({
      language: 'ja',
      customerName: '佐藤 美咲',
      reference: '#K7Q2XM',
      subject: '注文について',
      mailbox: 'support@northwind-shop.example',
      quote: '注文した商品が届きません。',
      effortQuestion: true,
      token: 'ld-7f3a',
    });
    const raw = composeAutoReply({
      ...base,
      kind: 'survey',
      subject: survey.subject,
      text: survey.text,
      html: survey.html,
    });
    const parsed = await parse(raw);
    expect(headerValue(parsed.root.headers, 'subject')).toBe('Re: 注文について');
    const href = /href="(mailto:[^"]+)"/.exec(parsed.html ?? '')?.[1]?.replace(/&amp;/g, '&') ?? '';
    const link = new URL(href);
    const answer = parseSurveyAnswer({
      subject: link.searchParams.get('subject') ?? '',
      text: `とても助かりました。${link.searchParams.get('body') ?? ''}`,
      from: 'misaki@customer.example',
    });
    expect(answer).toEqual({
      reference: '#K7Q2XM',
      rating: 'good',
      token: 'ld-7f3a',
      comment: 'とても助かりました。',
    });
    expect(parsed.text).toContain('> 注文した商品が届きません。');
  });
});
