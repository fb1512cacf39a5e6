import { describe, expect, it } from 'vitest';
import type { MessageHeader } from '../ticket-rule';
import { type AckSkipReason, ackEligibility, RATE_WINDOW_MS, senderRateLimit } from './eligibility';

const team = {
  teamAddresses: ['anna@northwind-shop.example'],
  teamDomains: ['northwind.example'],
  mailbox: 'support@northwind-shop.example',
};

function check(extra: Record<string, string>, from = 'Olga <olga@customer.example>', labelIds = ['INBOX']) {
  const headers: MessageHeader[] = [
    { name: 'From', value: from },
    { name: 'Subject', value: 'Order 123' },
    ...Object.entries(extra).map(([name, value]) => ({ name, value })),
  ];
  return ackEligibility({ headers, labelIds, from, ...team });
}

describe('ackEligibility', () => {
  it('acknowledges a person writing from outside the team', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ 'Auto-Submitted': 'no', 'Content-Type': 'multipart/mixed; boundary=x' })).toEqual({
      ok: true,
    });
    expect(check({ 'X-Auto-Response-Suppress': 'DR, RN' })).toEqual({ ok: true });
  });

  it.each<[string, Record<string, string>, AckSkipReason]>([
    ['Auto-Submitted auto-replied', { 'Auto-Submitted': 'auto-replied' }, 'auto-reply'],
    ['Auto-Submitted auto-generated', { 'Auto-Submitted': 'auto-generated' }, 'auto-reply'],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'auto-reply'],
    ['X-Autorespond', { 'X-Autorespond': 'Out of office' }, 'auto-reply'],
    ['X-Auto-Response-Suppress All', { 'X-Auto-Response-Suppress': 'All' }, 'auto-reply'],
    ['X-Auto-Response-Suppress OOF', { 'X-Auto-Response-Suppress': 'DR, OOF' }, 'auto-reply'],
    ['X-Auto-Response-Suppress AutoReply', { 'X-Auto-Response-Suppress': 'AutoReply' }, 'auto-reply'],
    ['Precedence auto_reply', { Precedence: 'auto_reply' }, 'auto-reply'],
    ['Precedence bulk', { Precedence: 'bulk' }, 'bulk'],
    ['Precedence list', { Precedence: 'list' }, 'bulk'],
    ['Precedence junk', { Precedence: 'junk' }, 'bulk'],
    ['List-Id', { 'List-Id': '<news.shop.example>' }, 'bulk'],
    ['List-Unsubscribe', { 'List-Unsubscribe': '<mailto:u@shop.example>' }, 'bulk'],
    ['List-Post', { 'List-Post': '<mailto:group@lists.example>' }, 'bulk'],
    [
      'Feedback-ID with List-Unsubscribe',
      { 'Feedback-ID': '123:campaign:esp', 'List-Unsubscribe': '<https://esp.example/u>' },
      'bulk',
    ],
    ['Return-Path <>', { 'Return-Path': '<>' }, 'mailer-daemon'],
    ['X-Failed-Recipients', { 'X-Failed-Recipients': 'gone@example.com' }, 'mailer-daemon'],
    [
      'multipart/report',
      { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary=b' },
      'mailer-daemon',
    ],
    ['our acknowledgement', { 'X-Labeldesk-Auto': 'ack; ref=#K7Q2XM' }, 'our-own-mail'],
    ['our record', { 'X-Labeldesk-Record': 'note; v=1' }, 'our-own-mail'],
  ])('skips %s', (_, headers, reason) => {
    expect(check(headers)).toEqual({ ok: false, reason });
  });

  it.each<[string, AckSkipReason]>([
    ['MAILER-DAEMON@mx.customer.example', 'mailer-daemon'],
    ['postmaster@customer.example', 'mailer-daemon'],
    ['noreply@shop.example', 'no-reply-address'],
    ['No-Reply <no-reply@accounts.example>', 'no-reply-address'],
    ['donotreply@bank.example', 'no-reply-address'],
    ['do-not-reply@bank.example', 'no-reply-address'],
    ['noreply-orders@shop.example', 'no-reply-address'],
    ['support@northwind-shop.example', 'team'],
    ['support+returns@northwind-shop.example', 'team'],
    ['Anna <ANNA@northwind-shop.example>', 'team'],
    ['boss@northwind.example', 'team'],
    ['not an address', 'no-reply-address'],
  ])('skips the sender %s', (from, reason) => {
    expect(check({}, from)).toEqual({ ok: false, reason });
  });

  it('does not take a person whose name merely contains "reply" for a no-reply address', () => {
    expect(check({}, 'Replyn Smith <replyn@customer.example>')).toEqual({ ok: true });
  });

  it('skips mail the mailbox sent itself and spam', () => {
    expect(check({}, 'olga@customer.example', ['SENT'])).toEqual({ ok: false, reason: 'team' });
    expect(check({}, 'olga@customer.example', ['SPAM'])).toEqual({ ok: false, reason: 'bulk' });
  });
});

describe('senderRateLimit', () => {
  const now = Date.UTC(2026, 10, 23, 12);
  const history = [
    { to: 'olga@customer.example', at: now - 1_000 },
    { to: 'OLGA@customer.example', at: now - RATE_WINDOW_MS / 2 },
    { to: 'olga@customer.example', at: now - RATE_WINDOW_MS - 1 },
    { to: 'jan@customer.example', at: now - 5 },
  ];

  it('allows fewer than perDay mails to one address in 24 hours', () => {
    expect(senderRateLimit(history, 'olga@customer.example', now, 3)).toBe(true);
    expect(senderRateLimit(history, 'Olga <olga@customer.example>', now, 2)).toBe(false);
    expect(senderRateLimit(history, 'jan@customer.example', now, 1)).toBe(false);
    expect(senderRateLimit(history, 'new@customer.example', now, 1)).toBe(true);
    expect(senderRateLimit([], 'olga@customer.example', now, 1)).toBe(true);
  });

  it('forgets a mail once it is older than 24 hours', () => {
    expect(senderRateLimit(history, 'olga@customer.example', now + RATE_WINDOW_MS, 1)).toBe(true);
  });
});
