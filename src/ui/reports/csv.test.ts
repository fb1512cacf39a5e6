import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv';

describe('CSV export', () => {
  it('writes RFC 4180 text with a byte order mark and CRLF lines', () => {
    const text = toCsv({
      columns: ['Tag', 'Tickets', 'Share'],
      rows: [
        ['Shipping, late', 12, 0.5],
        ['Says "hello"\non two lines', 3, null],
        ['Zwroty/Wymiana — łódź', 0, -1.5],
      ],
    });
    expect(text).toBe(
      '\uFEFFTag,Tickets,Share\r\n' +
        '"Shipping, late",12,0.5\r\n' +
        '"Says ""hello""\non two lines",3,\r\n' +
        'Zwroty/Wymiana — łódź,0,-1.5\r\n',
    );
    // UTF-8 with the BOM's three bytes first, as Excel expects.
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain = text', 'plain = text'],
  ])('guards %j against formula injection', (cell, expected) => {
    expect(csvCell(cell)).toBe(expected);
  });

  it('writes numbers as numbers, negative ones unguarded, and no data as an empty cell', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('names files with letters, digits and hyphens only', () => {
    expect(csvFileName('CSAT by tag / ¿qué?', '2026-11-01', '2026-11-30')).toBe(
      'labeldesk-csat-by-tag-qu-2026-11-01-2026-11-30.csv',
    );
  });
});
