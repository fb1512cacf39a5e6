import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './plain-text';

describe('markdownToPlainText', () => {
  it('keeps headings as their own lines and drops the hashes', () => {
    expect(markdownToPlainText('# Returns\nSend it back within 30 days.\n## Costs\nFree.')).toBe(
      'Returns\nSend it back within 30 days.\n\nCosts\nFree.',
    );
  });

  it('drops setext underlines and thematic breaks', () => {
    expect(markdownToPlainText('Returns\n=======\n\nText\n\n---\n\nMore')).toBe('Returns\n\nText\n\nMore');
  });

  it('drops emphasis but keeps words with underscores', () => {
    expect(markdownToPlainText('This is **very** _important_ and *new*, ~~old~~; see order_id')).toBe(
      'This is very important and new, old; see order_id',
    );
  });

  it('writes links as text (address) and images as their alt text', () => {
    expect(
      markdownToPlainText(
        'Read [our policy](https://shop.example/returns "Returns") or <https://shop.example>. ![Label](x.png)',
      ),
    ).toBe('Read our policy (https://shop.example/returns) or https://shop.example. Label');
    expect(markdownToPlainText('[https://a.example](https://a.example)')).toBe('https://a.example');
  });

  it('keeps lists with "- " and "1. "', () => {
    expect(markdownToPlainText('* one\n+ two\n  - nested\n1) first\n2. second')).toBe(
      '- one\n- two\n  - nested\n1. first\n2. second',
    );
  });

  it('keeps code as written, fenced and inline', () => {
    expect(markdownToPlainText('Run `npm *install*`:\n```sh\nls **/*.md\n# not a heading\n```\nDone.')).toBe(
      'Run npm *install*:\nls **/*.md\n# not a heading\nDone.',
    );
  });

  it('unquotes blockquotes, removes link definitions and backslash escapes', () => {
    expect(markdownToPlainText('> Quoted *text*\n\n[ref]: https://x.example\n2 \\* 3')).toBe(
      'Quoted text\n\n2 * 3',
    );
  });

  it('leaves raw HTML as text (a reply is plain text; nothing runs)', () => {
    expect(markdownToPlainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('handles Cyrillic and Japanese untouched, and CRLF line ends', () => {
    expect(markdownToPlainText('# Возврат\r\n**Срок** — 30 дней\r\n\r\n返品は**30日**以内です')).toBe(
      'Возврат\nСрок — 30 дней\n\n返品は30日以内です',
    );
  });

  it('collapses runs of blank lines and trims the ends', () => {
    expect(markdownToPlainText('\n\nA\n\n\n\nB\n\n')).toBe('A\n\nB');
  });
});
