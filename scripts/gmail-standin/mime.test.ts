import { describe, expect, it } from 'vitest';
import { buildMessage, completeHeaders, headerValue, parseAddresses, parseMessage, snippetOf } from './mime';

describe('buildMessage and parseMessage', () => {
  it('round-trips a multipart message with an attachment and extra headers', async () => {
    const raw = await buildMessage({
      from: { name: 'Yuki Tanaka', email: 'yuki@customer.example' },
      to: [{ email: 'support@northwind-shop.example' }],
      subject: '注文について',
      date: new Date('2026-11-01T10:00:00Z'),
      text: 'こんにちは',
      html: '<p>こんにちは</p>',
      headers: { 'Auto-Submitted': 'auto-replied', 'Content-Language': 'ja' },
      attachments: [
        {
          filename: 'receipt.pdf',
          contentType: 'application/pdf',
          contentBase64: Buffer.from('%PDF').toString('base64'),
        },
      ],
      messageId: '<m1@customer.example>',
      inReplyTo: '<m0@northwind-shop.example>',
      references: ['<m0@northwind-shop.example>'],
    });
    const parsed = await parseMessage(raw);
    expect(headerValue(parsed.root.headers, 'subject')).toBe('注文について');
    expect(headerValue(parsed.root.headers, 'auto-submitted')).toBe('auto-replied');
    expect(headerValue(parsed.root.headers, 'in-reply-to')).toBe('<m0@northwind-shop.example>');
    expect(parsed.text?.trim()).toBe('こんにちは');
    expect(parsed.html).toContain('<p>こんにちは</p>');
    expect(parsed.attachments).toEqual([
      { partId: '1', filename: 'receipt.pdf', mimeType: 'application/pdf', size: 4 },
    ]);
    expect(parsed.root.parts.map((p) => p.partId)).toEqual(['0', '1']);
  });

  it('decodes a legacy charset body to UTF-8', async () => {
    const body = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      body,
    ]);
    expect((await parseMessage(raw)).text).toBe('Привет');
  });
});

describe('completeHeaders', () => {
  it('adds only the missing headers and keeps the body bytes', async () => {
    const raw = Buffer.from('To: a@b.example\r\nSubject: Hi\r\n\r\nBody line\r\n');
    const done = (await completeHeaders(raw, { From: 'me@x.example', Subject: 'ignored' })).toString();
    expect(done).toMatch(/^From: me@x.example$/m);
    expect(done.match(/^Subject:/gm)).toHaveLength(1);
    expect(done).toContain('\r\n\r\nBody line\r\n');
  });
});

describe('snippets and addresses', () => {
  it('collapses whitespace, cuts at 200 characters and escapes as Gmail does', () => {
    expect(snippetOf('  a\n\nb  <c> & "d" \'e\'', undefined)).toBe(
      'a b &lt;c&gt; &amp; &quot;d&quot; &#39;e&#39;',
    );
    expect(snippetOf('x'.repeat(300), undefined)).toHaveLength(200);
    expect(snippetOf(undefined, '<style>p{}</style><p>Hello&nbsp;<b>there</b></p>')).toBe('Hello there');
  });

  it('parses address lists with display names and groups', () => {
    expect(parseAddresses('"Nowak, Anna" <anna@x.example>, bob@y.example, Team: c@z.example;')).toEqual([
      { name: 'Nowak, Anna', email: 'anna@x.example' },
      { email: 'bob@y.example' },
      { email: 'c@z.example' },
    ]);
  });
});
