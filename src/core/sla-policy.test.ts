import { describe, expect, it } from 'vitest';
import { automationSettingsSchema, defaultAutomationSettings } from './automation-config';
import {
  customerTier,
  expectedReplyBy,
  type SlaTicket,
  slaClock,
  slaRowFields,
  slaStanding,
  slaTargetFor,
} from './sla-policy';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

// Warsaw office hours for the team; a second line in New York; VIPs by address, domain and tag.
const settings = automationSettingsSchema.parse({
  calendars: [
    { id: 'team', name: 'Warsaw', timeZone: 'Europe/Warsaw', hours: weekdays('09:00', '17:00') },
    { id: 'second-line', name: 'New York', timeZone: 'America/New_York', hours: weekdays('09:00', '17:00') },
  ],
  sla: {
    targets: [
      { priority: 'Urgent', firstResponseHours: 2, resolutionHours: 8 },
      { tier: 'vip', firstResponseHours: 4, resolutionHours: 16 },
      { priority: 'Low', firstResponseHours: 48 },
      { firstResponseHours: 24 },
    ],
    groupCalendars: { 'Second line': 'second-line' },
    vip: { addresses: ['Boss@Client.example'], domains: ['bigco.example'], tag: 'VIP' },
  },
});
const policy = settings.sla;

// Friday 13 November 2026, 16:00 in Warsaw (CET, UTC+1).
const friday16 = utc('2026-11-13T15:00:00Z');

function ticket(overrides: Partial<SlaTicket> = {}): SlaTicket {
  return {
    status: 'New',
    tags: [],
    createdAt: friday16,
    requester: { email: 'someone@example.com' },
    ...overrides,
  };
}

describe('customerTier', () => {
  it.each([
    ['a listed address, any case', { email: 'boss@client.EXAMPLE' }, [], 'vip'],
    ['a listed domain', { email: 'anna@bigco.example' }, [], 'vip'],
    ['a subdomain of a listed domain', { email: 'anna@eu.bigco.example' }, [], 'vip'],
    ['a look-alike domain', { email: 'anna@notbigco.example' }, [], 'standard'],
    ['the VIP tag', { email: 'a@b.example' }, [{ what: 'VIP' }], 'vip'],
    ['a tag under the VIP tag', { email: 'a@b.example' }, [{ what: 'VIP', why: 'Reseller' }], 'vip'],
    ['another tag', { email: 'a@b.example' }, [{ what: 'VIPs' }], 'standard'],
    ['anyone else', { email: 'a@b.example' }, [], 'standard'],
  ] as const)('%s', (_, requester, tags, tier) => {
    expect(customerTier({ requester, tags: [...tags] }, policy)).toBe(tier);
  });

  it('a ticket without a requester is standard unless tagged', () => {
    expect(customerTier({ tags: [] }, policy)).toBe('standard');
    expect(customerTier({ tags: [{ what: 'vip' }] }, policy)).toBe('vip');
  });
});

describe('slaTargetFor', () => {
  it.each([
    ['Urgent beats VIP (first match)', { priority: 'Urgent', email: 'boss@client.example' }, 2],
    ['VIP at Normal', { email: 'boss@client.example' }, 4],
    ['VIP at Low still VIP (earlier target)', { priority: 'Low', email: 'boss@client.example' }, 4],
    ['Low', { priority: 'Low', email: 'a@b.example' }, 48],
    ['no priority counts as Normal', { email: 'a@b.example' }, 24],
    ['High falls to the catch-all', { priority: 'High', email: 'a@b.example' }, 24],
  ] as const)('%s', (_, input, hours) => {
    const t = ticket({
      requester: { email: input.email },
      ...('priority' in input ? { priority: input.priority } : {}),
    });
    expect(slaTargetFor(t, policy).firstResponseHours).toBe(hours);
  });

  it('a policy where nothing matches gives the default 24 hours', () => {
    const only = { ...policy, targets: [{ priority: 'Urgent' as const, firstResponseHours: 1 }] };
    expect(slaTargetFor(ticket(), only)).toEqual({ firstResponseHours: 24 });
  });
});

describe('slaClock', () => {
  it('first response over a weekend on the team calendar', () => {
    // 24 business hours from Friday 16:00: Wednesday 16:00; at risk after 19.2 h: Wednesday 11:12.
    expect(slaClock(ticket(), settings)).toEqual({
      target: 'first-response',
      startAt: friday16,
      dueAt: utc('2026-11-18T15:00:00Z'),
      atRiskAt: utc('2026-11-18T10:12:00Z'),
    });
  });

  it("a group's own calendar (New York hours for the second line)", () => {
    // Friday 10:00 in New York (EST) is 15:00Z: 7 h on Friday, 1 on Monday: Monday 10:00 EST.
    const clock = slaClock(
      ticket({ group: 'Second line', priority: 'Urgent', createdAt: utc('2026-11-13T15:00:00Z') }),
      settings,
    );
    // Urgent: 2 business hours: Friday 12:00 EST.
    expect(clock?.dueAt).toBe(utc('2026-11-13T17:00:00Z'));
    const normal = slaClock(
      ticket({ group: 'Second line', createdAt: utc('2026-11-13T15:00:00Z') }),
      settings,
    );
    // 24 h: 7 on Friday, 8 Monday, 8 Tuesday, 1 Wednesday: Wednesday 10:00 EST.
    expect(normal?.dueAt).toBe(utc('2026-11-18T15:00:00Z'));
  });

  it('after the first answer the resolution target runs, if the policy has one', () => {
    const vip = ticket({
      requester: { email: 'boss@client.example' },
      status: 'Open',
      firstResponseAt: friday16 + HOUR,
    });
    // 16 business hours from Friday 16:00: 1 + 8 Monday + 7 Tuesday: Tuesday 16:00.
    expect(slaClock(vip, settings)).toMatchObject({
      target: 'resolution',
      dueAt: utc('2026-11-17T15:00:00Z'),
    });
    const plain = ticket({ status: 'Open', firstResponseAt: friday16 + HOUR });
    expect(slaClock(plain, settings)).toBeUndefined();
  });

  it('no clock on finished tickets; the default settings run 24 clock hours', () => {
    expect(slaClock(ticket({ status: 'Solved' }), settings)).toBeUndefined();
    expect(slaClock(ticket({ status: 'Closed' }), settings)).toBeUndefined();
    const clock = slaClock(ticket(), defaultAutomationSettings());
    expect(clock).toEqual({
      target: 'first-response',
      startAt: friday16,
      dueAt: friday16 + 24 * HOUR,
      atRiskAt: friday16 + 0.8 * 24 * HOUR,
    });
  });

  it('slaRowFields stores the due and at-risk times, or nothing', () => {
    expect(slaRowFields(ticket(), settings)).toEqual({
      slaDueAt: utc('2026-11-18T15:00:00Z'),
      slaAtRiskAt: utc('2026-11-18T10:12:00Z'),
    });
    expect(slaRowFields(ticket({ status: 'Solved' }), settings)).toEqual({});
  });
});

describe('slaStanding', () => {
  const row = {
    status: 'Open' as const,
    createdAt: friday16,
    slaDueAt: utc('2026-11-18T15:00:00Z'),
    slaAtRiskAt: utc('2026-11-18T10:12:00Z'),
  };

  it.each([
    ['running before the at-risk time', row, '2026-11-17T12:00:00Z', 'running'],
    // 80% of the clock hours would be Tuesday; business time says Wednesday 11:12.
    ['at risk at the stored business-time instant', row, '2026-11-18T10:12:00Z', 'at-risk'],
    ['breached at the due time', row, '2026-11-18T15:00:00Z', 'breached'],
    [
      'paused while Pending, even past due',
      { ...row, status: 'Pending' as const },
      '2026-11-20T00:00:00Z',
      'paused',
    ],
    ['paused while On hold', { ...row, status: 'On hold' as const }, '2026-11-17T12:00:00Z', 'paused'],
    ['none when solved', { ...row, status: 'Solved' as const }, '2026-11-20T00:00:00Z', 'none'],
    [
      'answered without a clock',
      { status: 'Open' as const, createdAt: friday16, firstResponseAt: friday16 },
      '2026-11-20T00:00:00Z',
      'answered',
    ],
    [
      'none without a clock or answer',
      { status: 'New' as const, createdAt: friday16 },
      '2026-11-20T00:00:00Z',
      'none',
    ],
  ] as const)('%s', (_, input, now, standing) => {
    expect(slaStanding(input, settings, utc(now))).toBe(standing);
  });

  it('a policy that does not pause keeps counting while Pending', () => {
    const pending = { ...row, status: 'Pending' as const };
    expect(slaStanding(pending, { pauseWhile: [] }, utc('2026-11-20T00:00:00Z'))).toBe('breached');
    expect(slaStanding(pending, { pauseWhile: ['On hold'] }, utc('2026-11-18T11:00:00Z'))).toBe('at-risk');
  });

  it('without a stored at-risk time, the share of the span decides', () => {
    const clockRow = { status: 'New' as const, createdAt: 0, slaDueAt: 10 * HOUR };
    expect(slaStanding(clockRow, { pauseWhile: [] }, 8 * HOUR - 1)).toBe('running');
    expect(slaStanding(clockRow, { pauseWhile: [] }, 8 * HOUR)).toBe('at-risk');
  });
});

describe('expectedReplyBy', () => {
  it('promises the first-response due time in business hours', () => {
    // Saturday night in Warsaw, 24 h: Monday 09:00 + 24 business hours = Wednesday 17:00.
    expect(expectedReplyBy(utc('2026-11-14T21:00:00Z'), { tags: [] }, settings)).toBe(
      utc('2026-11-18T16:00:00Z'),
    );
    // A VIP writing on Friday 16:00 hears by Monday 12:00 (4 business hours).
    expect(
      expectedReplyBy(friday16, { tags: [], requester: { email: 'anna@bigco.example' } }, settings),
    ).toBe(utc('2026-11-16T11:00:00Z'));
  });
});
