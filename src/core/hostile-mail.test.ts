import { describe, expect, it } from 'vitest';
import {
  addresses,
  allTexts,
  attachmentNames,
  bigBody,
  bodies,
  generatedCase,
  names,
  subjects,
} from '../../test/fixtures/hostile/corpus';
import { messageText } from '../sync/automation/rules';
import { decodeEncodedWords, parseSurveyAnswer } from './auto-mail/csat-answer';
import { detectLanguage } from './language-detect';
import { parseMailbox } from './mail-address';
import { parsePersonName, renderTemplate, renderToText, templateFromText } from './template-render';
import { decideTicket } from './ticket-rule';

/**
 * Issue 8, hostile mail in the pure code that reads it: headers (From, Subject) through the ticket rule and the
 * address parser, names and subjects through the template renderer (a customer's name is data, never a
 * template), bodies through the rule matcher's text and the survey reader. Nothing throws, nothing runs, the
 * big cases stay linear.
 */
const globals = globalThis as { __pwned?: unknown };
const RULE = { teamAddresses: ['support@shop.example', 'anna@shop.example'], teamDomains: ['shop.example'] };
const CONTEXT = { language: 'en' as const, timeZone: 'Europe/Warsaw', now: Date.UTC(2026, 10, 23, 12) };
const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('hostile From and Subject headers', () => {
  it.each([...names, ...addresses].map((c, i) => [c.id, c.value, i] as const))(
    '%s: the ticket rule and the address parser decide without throwing',
    (_, value, i) => {
      const froms = [
        value,
        `"${value}" <${at(addresses, i).value}>`,
        `${value} <mallory@evil.example>`,
        `=?utf-8?B?${Buffer.from(value).toString('base64')}?= <mallory@evil.example>`,
      ];
      for (const from of froms) {
        const mailbox = parseMailbox(from);
        if (mailbox) expect(typeof mailbox.email).toBe('string');
        const decision = decideTicket(
          {
            labelIds: ['INBOX'],
            firstMessageHeaders: [
              { name: 'From', value: from },
              { name: 'Subject', value: at(subjects, i).value },
              { name: 'Auto-Submitted', value: value },
              { name: 'Precedence', value: value },
            ],
          },
          RULE,
        );
        expect(typeof decision.ticket).toBe('boolean');
      }
      expect(globals.__pwned).toBeUndefined();
    },
  );

  it('cuts a 5,000-character name to what the store keeps and refuses an address no mail server delivers', () => {
    const long = parseMailbox(`${'A'.repeat(5000)} <jan@firma.example>`);
    expect(long).toEqual({ email: 'jan@firma.example', name: 'A'.repeat(400) });
    const emoji = parseMailbox(`"${'💥'.repeat(300)}" <jan@firma.example>`);
    expect(emoji?.name?.length).toBe(400);
    expect(parseMailbox(`Jan <${'x'.repeat(4000)}@evil.example>`)).toBeNull();
    expect(parseMailbox(`${'x'.repeat(4000)}@evil.example`)).toBeNull();
  });

  it('a look-alike of the team domain is a customer, not the team', () => {
    const decision = decideTicket(
      {
        labelIds: ['INBOX'],
        firstMessageHeaders: [{ name: 'From', value: 'Anna <anna@shop.example.evil.example>' }],
      },
      RULE,
    );
    expect(decision).toMatchObject({ ticket: true, requester: { email: 'anna@shop.example.evil.example' } });
  });

  it.each(subjects.map((c) => [c.id, c.value] as const))(
    '%s: RFC 2047 decoding and language detection cope',
    (_, value) => {
      expect(typeof decodeEncodedWords(value)).toBe('string');
      expect(typeof detectLanguage(value).language).toBe('string');
    },
  );
});

describe('hostile names and texts in templates', () => {
  it.each(allTexts.map((c, i) => [c.id, c.value, i] as const))(
    '%s as the customer and the agent is inserted as data, never expanded',
    (_, value, i) => {
      const context = { ...CONTEXT, customer: { displayName: value }, agent: { name: at(names, i).value } };
      expect(() => parsePersonName(value)).not.toThrow();
      const text = renderToText('Hello {{customer.name|there}}, {{agent.name}} here. {{today}}', context);
      // The rendered reply contains no placeholder that came from the data being filled in.
      const rendered = renderTemplate(text, context);
      expect(rendered.segments.every((s) => s.kind === 'text' || s.source.startsWith('{{'))).toBe(true);
      expect(text).toContain('Hello ');
      expect(globals.__pwned).toBeUndefined();
    },
  );

  it.each(allTexts.map((c) => [c.id, c.value] as const))(
    '%s as a template body renders as text',
    (_, body) => {
      const result = renderTemplate(body, { ...CONTEXT, customer: { displayName: 'Jan Kowalski' } });
      expect(result.segments.length).toBeGreaterThanOrEqual(body === '' ? 0 : 1);
      expect(typeof templateFromText(body, CONTEXT)).toBe('string');
      expect(globals.__pwned).toBeUndefined();
    },
  );

  it("leaves {{constructor.constructor('…')()}} and {{__proto__}} as unknown text", () => {
    const body =
      "A {{constructor.constructor('window.__pwned=1')()}} B {{__proto__}} C {{customer.__proto__}}";
    const result = renderTemplate(body, { ...CONTEXT, customer: { displayName: 'Jan Kowalski' } });
    expect(renderToText(body, CONTEXT)).toBe(body);
    // `{{__proto__}}` is not even a placeholder (names start with a letter); the others are unknown names.
    expect(result.unknown).toEqual(['customer.__proto__']);
    expect(globals.__pwned).toBeUndefined();
  });

  it('a customer named like a placeholder is written as typed', () => {
    const name = '{{agent.name}} {{constructor}}';
    const text = renderToText('Dear {{customer.name}}', {
      ...CONTEXT,
      customer: { displayName: name },
      agent: { name: 'Anna' },
    });
    expect(text).not.toContain('Anna');
  });
});

describe('hostile bodies and attachment names through the rules text and the survey reader', () => {
  it.each(bodies.map((c, i) => [c.id, c, i] as const))('%s', (_, body, i) => {
    const mimeType = body.format === 'html' ? 'text/html' : 'text/plain';
    const payload = {
      mimeType: 'multipart/mixed',
      parts: [
        { mimeType, body: { data: b64url(body.value) } },
        { mimeType: 'application/pdf', filename: at(attachmentNames, i).value, body: { attachmentId: 'a1' } },
      ],
    };
    const text = messageText(payload);
    expect(text.hasAttachment).toBe(at(attachmentNames, i).value !== '');
    expect(typeof text.body).toBe('string');
    const answer = parseSurveyAnswer({
      subject: at(subjects, i).value,
      text: body.value,
      from: at(addresses, i).value,
    });
    expect(answer === null || typeof answer.rating === 'string').toBe(true);
  });

  it('reads a part tree nested 200 deep and bad base64 without throwing', () => {
    type Part = { mimeType: string; body?: { data: string }; parts?: Part[] };
    let part: Part = { mimeType: 'text/plain', body: { data: '!!!not base64***' } };
    for (let i = 0; i < 200; i++) part = { mimeType: 'multipart/mixed', parts: [part] };
    expect(messageText(part)).toEqual({ body: '', hasAttachment: false });
  });

  it('reads a 10 MB body in bounded time and keeps only its head', () => {
    const spec = generatedCase('big-message-10mb-text', 'message');
    const body = bigBody(spec);
    expect(body.length).toBe(10 * 1024 * 1024);
    const started = performance.now();
    const text = messageText({ mimeType: 'text/plain', body: { data: b64url(body) } });
    const answer = parseSurveyAnswer({ subject: '[#K7Q2XM] Rating: good', text: body, from: 'a@b.example' });
    expect(text.body.length).toBeLessThanOrEqual(100_000);
    expect(answer?.rating).toBe('good');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
