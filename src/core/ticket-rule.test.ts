import { describe, expect, it } from 'vitest';
import { parseMailbox } from './mail-address';
import { decideTicket, type MessageHeader, type TicketRule } from './ticket-rule';

const rule: TicketRule = {
  teamAddresses: ['support@northwind-shop.example', 'Anna.Kowalska@northwind-shop.example'],
};

function facts(headers: Record<string, string>, labelIds: string[] = ['INBOX', 'UNREAD']) {
  const firstMessageHeaders: MessageHeader[] = Object.entries(headers).map(([name, value]) => ({
    name,
    value,
  }));
  return { labelIds, firstMessageHeaders };
}

describe('decideTicket', () => {
  it('makes a customer’s mail in the inbox a ticket, with the customer as requester', () => {
    expect(decideTicket(facts({ From: 'Ольга Петрова <Olga.Petrova@Example.RU>' }), rule)).toEqual({
      ticket: true,
      requester: { email: 'olga.petrova@example.ru', name: 'Ольга Петрова' },
    });
  });

  it.each([
    ['an out-of-office (RFC 3834)', { From: 'a@b.example', 'Auto-Submitted': 'auto-replied' }, 'auto-reply'],
    ['a generated notice', { From: 'a@b.example', 'Auto-Submitted': 'auto-generated' }, 'auto-reply'],
    ['an X-Autoreply responder', { From: 'a@b.example', 'X-Autoreply': 'yes' }, 'auto-reply'],
    ['Precedence: auto_reply', { From: 'a@b.example', Precedence: 'auto_reply' }, 'auto-reply'],
    ['bulk mail', { From: 'news@b.example', Precedence: 'bulk' }, 'bulk'],
    ['a mailing list', { From: 'list@b.example', Precedence: 'list' }, 'bulk'],
    ['a newsletter', { From: 'news@b.example', 'List-Unsubscribe': '<mailto:u@b.example>' }, 'newsletter'],
    ['a list message', { From: 'x@b.example', 'List-Id': '<shop.b.example>' }, 'newsletter'],
    ['a bounce', { From: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example>' }, 'bounce'],
    ['a postmaster notice', { From: 'postmaster@mx.example' }, 'bounce'],
    ['a null return path', { From: 'x@b.example', 'Return-Path': '<>' }, 'bounce'],
    [
      'a delivery report',
      { From: 'x@b.example', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' },
      'bounce',
    ],
    ['mail the team sent', { From: 'Northwind Support <support@northwind-shop.example>' }, 'sent-by-team'],
    ['an agent’s own address, in any case', { From: 'anna.kowalska@NORTHWIND-shop.example' }, 'sent-by-team'],
    ['no sender at all', { Subject: 'hi' }, 'no-sender'],
  ])('does not make %s a ticket', (_what, headers, reason) => {
    expect(decideTicket(facts(headers), rule)).toEqual({ ticket: false, reason });
  });

  it('keeps a person’s reply that says Auto-Submitted: no', () => {
    expect(decideTicket(facts({ From: 'a@b.example', 'Auto-Submitted': 'no' }), rule).ticket).toBe(true);
  });

  it('leaves archived, spam and trashed mail out', () => {
    expect(decideTicket(facts({ From: 'a@b.example' }, ['CATEGORY_UPDATES']), rule)).toEqual({
      ticket: false,
      reason: 'not-in-inbox',
    });
    expect(decideTicket(facts({ From: 'a@b.example' }, ['INBOX', 'SPAM']), rule)).toEqual({
      ticket: false,
      reason: 'spam-or-trash',
    });
    expect(decideTicket(facts({ From: 'a@b.example' }, []), { ...rule, inboxOnly: false }).ticket).toBe(true);
  });

  it('counts a whole team domain as the team when configured', () => {
    const withDomain = { ...rule, teamDomains: ['northwind-shop.example'] };
    expect(decideTicket(facts({ From: 'warehouse@northwind-shop.example' }), withDomain)).toEqual({
      ticket: false,
      reason: 'sent-by-team',
    });
  });

  it('takes the requester from Reply-To when a form relays the message', () => {
    const decision = decideTicket(
      facts({
        From: 'Shop form <forms@northwind-shop.example>',
        'Reply-To': 'Jan Nowak <jan@nowak.example.pl>',
      }),
      { teamAddresses: ['support@northwind-shop.example'] },
    );
    expect(decision).toEqual({
      ticket: true,
      requester: { email: 'jan@nowak.example.pl', name: 'Jan Nowak' },
    });
  });
});

describe('parseMailbox', () => {
  it.each([
    ['"Kowalski, Jan" <jan@example.pl>', { email: 'jan@example.pl', name: 'Kowalski, Jan' }],
    ['山田 太郎 <taro@example.jp>', { email: 'taro@example.jp', name: '山田 太郎' }],
    ['bare@example.com', { email: 'bare@example.com' }],
    ['J. R. Smith <jr@example.com>', { email: 'jr@example.com', name: 'J. R. Smith' }],
    ['not an address', null],
    ['', null],
  ])('reads %j', (input, expected) => {
    expect(parseMailbox(input)).toEqual(expected);
  });
});
