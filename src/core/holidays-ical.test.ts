import { describe, expect, it } from 'vitest';
import { holidaysFromIcs, ICS_MAX_BYTES, ICS_MAX_HOLIDAYS } from './holidays-ical';

const ics = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

const WARSAW = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Warsaw',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const yearly = (uid: string, date: string, summary: string, end?: string) => [
  'BEGIN:VEVENT',
  `UID:${uid}@holidays.example.pl`,
  'DTSTAMP:20251101T120000Z',
  `DTSTART;VALUE=DATE:${date}`,
  ...(end !== undefined ? [`DTEND;VALUE=DATE:${end}`] : []),
  'RRULE:FREQ=YEARLY',
  `SUMMARY:${summary}`,
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
];

const once = (uid: string, date: string, summary: string) => [
  'BEGIN:VEVENT',
  `UID:${uid}@holidays.example.pl`,
  'DTSTAMP:20251101T120000Z',
  `DTSTART;VALUE=DATE:${date}`,
  `SUMMARY:${summary}`,
  'END:VEVENT',
];

/** Polish public holidays as a calendar app exports them: fixed ones yearly, Easter's by year. */
const POLISH = ics(
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Labeldesk test//Święta w Polsce//PL',
  'CALSCALE:GREGORIAN',
  'X-WR-CALNAME:Święta w Polsce',
  'X-WR-TIMEZONE:Europe/Warsaw',
  ...WARSAW,
  ...yearly('nowy-rok', '20200101', 'Nowy Rok', '20200102'),
  ...yearly('trzech-kroli', '20200106', 'Święto Trzech Króli'),
  ...yearly('swieto-pracy', '20200501', 'Święto Pracy'),
  ...yearly('3-maja', '20200503', 'Święto Narodowe Trzeciego Maja'),
  ...yearly('wniebowziecie', '20200815', 'Wniebowzięcie Najświętszej Maryi Panny'),
  ...yearly('wszystkich-swietych', '20201101', 'Wszystkich Świętych'),
  // A folded line (RFC 5545 §3.1) in the middle of a name.
  'BEGIN:VEVENT',
  'UID:niepodleglosc@holidays.example.pl',
  'DTSTAMP:20251101T120000Z',
  'DTSTART;VALUE=DATE:20201111',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Narodowe Święto Niep',
  ' odległości',
  'END:VEVENT',
  ...yearly('wigilia', '20251224', 'Wigilia Bożego Narodzenia'),
  // Two days in one event: DTEND is exclusive.
  ...yearly('boze-narodzenie', '20201225', 'Boże Narodzenie', '20201227'),
  ...once('wielkanoc-2026', '20260405', 'Wielkanoc'),
  ...once('poniedzialek-2026', '20260406', 'Poniedziałek Wielkanocny'),
  ...once('zeslanie-2026', '20260524', 'Zesłanie Ducha Świętego'),
  ...once('boze-cialo-2026', '20260604', 'Boże Ciało'),
  ...once('wielkanoc-2027', '20270328', 'Wielkanoc'),
  ...once('poniedzialek-2027', '20270329', 'Poniedziałek Wielkanocny'),
  ...once('zeslanie-2027', '20270516', 'Zesłanie Ducha Świętego'),
  ...once('boze-cialo-2027', '20270527', 'Boże Ciało'),
  ...once('wielkanoc-2025', '20250420', 'Wielkanoc'),
  // The team's own afternoon off, with a time of day.
  'BEGIN:VEVENT',
  'UID:wigilia-firmowa-2026@shop.example',
  'DTSTAMP:20251101T120000Z',
  'DTSTART;TZID=Europe/Warsaw:20261223T140000',
  'DTEND;TZID=Europe/Warsaw:20261223T180000',
  'SUMMARY:Wigilia firmowa',
  'END:VEVENT',
  'END:VCALENDAR',
);

describe('holidaysFromIcs', () => {
  it('takes Polish public holidays for 2026 and 2027: yearly rules expanded, Christmas as two days', () => {
    const { holidays, details } = holidaysFromIcs(POLISH, { fromYear: 2026, toYear: 2027 });
    const y2026 = holidays.filter((h) => h.date.startsWith('2026')).map((h) => h.date);
    expect(y2026).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-03',
      '2026-05-24',
      '2026-06-04',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-23',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(holidays.filter((h) => h.date.startsWith('2027'))).toHaveLength(14);
    expect(holidays).toHaveLength(29);
    expect(holidays.find((h) => h.date === '2027-11-11')?.name).toBe('Narodowe Święto Niepodległości');
    expect(holidays.find((h) => h.date === '2026-12-26')?.name).toBe('Boże Narodzenie');
    expect(holidays.find((h) => h.date === '2027-03-29')?.name).toBe('Poniedziałek Wielkanocny');
    // 2025's Easter is outside the range; the timed event is taken as its date with a note.
    expect(holidays.some((h) => h.date.startsWith('2025'))).toBe(false);
    expect(details).toEqual([{ kind: 'timed', summary: 'Wigilia firmowa', date: '2026-12-23' }]);
  });

  it('says a broken line and where it is', () => {
    const broken = ics(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260101',
      'THIS LINE IS BROKEN',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const result = holidaysFromIcs(broken, { fromYear: 2026, toYear: 2026 });
    expect(result.holidays).toEqual([]);
    expect(result.details).toEqual([{ kind: 'syntax', line: 5, detail: expect.stringContaining('BROKEN') }]);
    expect(result.problems[0]).toMatch(/^Line 5: /);
  });

  it('refuses what is not a calendar, an empty calendar and a file over 1 MB', () => {
    expect(holidaysFromIcs('', { fromYear: 2026, toYear: 2026 }).details).toEqual([{ kind: 'not-calendar' }]);
    expect(
      holidaysFromIcs(ics('BEGIN:VCARD', 'VERSION:4.0', 'FN:Anna', 'END:VCARD'), {
        fromYear: 2026,
        toYear: 2026,
      }).details,
    ).toEqual([{ kind: 'not-calendar' }]);
    expect(
      holidaysFromIcs(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'END:VCALENDAR'), {
        fromYear: 2026,
        toYear: 2026,
      }).details,
    ).toEqual([{ kind: 'no-events' }]);
    const huge = ics('BEGIN:VCALENDAR', `X-PAD:${'x'.repeat(ICS_MAX_BYTES)}`, 'END:VCALENDAR');
    const result = holidaysFromIcs(huge, { fromYear: 2026, toYear: 2026 });
    expect(result.details[0]?.kind).toBe('too-large');
    expect(result.holidays).toEqual([]);
  });

  it('takes only the first date of a rule that repeats weekly, and notes an event without a start', () => {
    const text = ics(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:fridays',
      'DTSTART;VALUE=DATE:20260102',
      'RRULE:FREQ=WEEKLY',
      'SUMMARY:Piątki',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:nothing',
      'SUMMARY:Bez daty',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const result = holidaysFromIcs(text, { fromYear: 2026, toYear: 2026 });
    expect(result.holidays).toEqual([{ date: '2026-01-02', name: 'Piątki' }]);
    expect(result.details).toEqual([
      { kind: 'not-yearly', summary: 'Piątki', date: '2026-01-02' },
      { kind: 'no-start', summary: 'Bez daty' },
    ]);
  });

  it('stops at the limit of holidays a calendar keeps', () => {
    const text = ics(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      ...yearly('whole-year', '20000101', 'Closed', '20010101'),
      'END:VCALENDAR',
    );
    const result = holidaysFromIcs(text, { fromYear: 2000, toYear: 2010 });
    expect(result.holidays).toHaveLength(ICS_MAX_HOLIDAYS);
    expect(result.details).toEqual([{ kind: 'too-many', limit: ICS_MAX_HOLIDAYS }]);
  });
});
