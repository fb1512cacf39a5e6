import { describe, expect, it } from 'vitest';
import type { TicketLabelState } from './ticket';
import type { TicketRule } from './ticket-rule';
import { newTicketState, stateAfterArrival } from './triage';

const rule: TicketRule = { teamAddresses: ['support@northwind-shop.example', 'anna@northwind-shop.example'] };
const headers = (from: string, extra: Record<string, string> = {}) =>
  Object.entries({ From: from, ...extra }).map(([name, value]) => ({ name, value }));

describe('newTicketState', () => {
  it('makes a customer thread in the inbox a New ticket', () => {
    expect(
      newTicketState(
        { labelIds: ['INBOX'], headers: headers('Jan <jan@firma.pl>') },
        ['INBOX', 'UNREAD'],
        rule,
      ),
    ).toEqual({
      status: 'New',
      tags: [],
    });
  });

  it.each([
    ['an auto-reply', headers('ooo@client.example', { 'Auto-Submitted': 'auto-replied' })],
    ['the team’s own mail', headers('Anna <anna@northwind-shop.example>')],
    ['a newsletter', headers('news@shop.example', { 'List-Unsubscribe': '<mailto:x@shop.example>' })],
  ])('leaves %s alone', (_what, messageHeaders) => {
    expect(newTicketState({ labelIds: ['INBOX'], headers: messageHeaders }, ['INBOX'], rule)).toBeNull();
  });

  it('leaves archived mail alone', () => {
    expect(
      newTicketState({ labelIds: [], headers: headers('jan@firma.pl') }, ['CATEGORY_UPDATES'], rule),
    ).toBeNull();
  });
});

describe('stateAfterArrival', () => {
  const solved: TicketLabelState = { status: 'Solved', assignee: 'Anna', tags: [{ what: 'Shipping' }] };

  it.each(['Solved', 'Pending'] as const)(
    'reopens a %s ticket when the customer writes, keeping the rest',
    (status) => {
      expect(
        stateAfterArrival(
          { ...solved, status },
          { labelIds: ['INBOX', 'UNREAD'], headers: headers('jan@firma.pl') },
          rule,
        ),
      ).toEqual({
        ...solved,
        status: 'Open',
      });
    },
  );

  it.each([
    ['the team’s reply', { labelIds: ['SENT'], headers: headers('support@northwind-shop.example') }],
    [
      'an out-of-office',
      { labelIds: ['INBOX'], headers: headers('jan@firma.pl', { 'Auto-Submitted': 'auto-replied' }) },
    ],
    ['a bounce', { labelIds: ['INBOX'], headers: headers('MAILER-DAEMON@mx.example') }],
    [
      'an agent writing from their own address',
      { labelIds: ['INBOX'], headers: headers('anna@northwind-shop.example') },
    ],
  ])('does not reopen on %s', (_what, message) => {
    expect(stateAfterArrival(solved, message, rule)).toBeNull();
  });

  it.each(['New', 'Open', 'On hold', 'Closed'] as const)('leaves a %s ticket as it is', (status) => {
    expect(
      stateAfterArrival(
        { ...solved, status },
        { labelIds: ['INBOX'], headers: headers('jan@firma.pl') },
        rule,
      ),
    ).toBeNull();
  });
});
