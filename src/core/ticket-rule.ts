/**
 * Which threads are tickets. The default rule (issue 3): a thread in the inbox whose first message comes
 * from outside the team. Auto-replies, bounces, bulk mail and newsletters are never tickets: answering them
 * wastes the team's time and, worse, an auto-acknowledgement to an auto-reply starts a mail loop.
 */
import { emailDomain, type Mailbox, normalizeEmail, parseMailbox } from './mail-address';

export interface MessageHeader {
  name: string;
  value: string;
}

export interface ThreadFacts {
  labelIds: readonly string[];
  /** Headers of the thread's first message, as `format=metadata` returns them. */
  firstMessageHeaders: readonly MessageHeader[];
}

export interface TicketRule {
  /** The shared mailbox and every agent's own address. */
  teamAddresses: readonly string[];
  /** Domains whose every address counts as the team (for example the company's own). */
  teamDomains?: readonly string[];
  /** Only threads in the inbox become tickets (default true); archived mail stays out of the queues. */
  inboxOnly?: boolean;
}

export type NotTicketReason =
  | 'not-in-inbox'
  | 'spam-or-trash'
  | 'no-sender'
  | 'sent-by-team'
  | 'auto-reply'
  | 'bounce'
  | 'bulk'
  | 'newsletter';

export type TicketDecision =
  | { ticket: true; requester: Mailbox }
  | { ticket: false; reason: NotTicketReason };

/** Precedence values that mark mail no person should answer (RFC 2076; `auto_reply` is common practice). */
const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const BOUNCE_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);

export function header(headers: readonly MessageHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/**
 * Is this mail machine-written? Shared by the ticket rule and, later, the auto-acknowledgement guard.
 * RFC 3834: `Auto-Submitted` other than `no` means automatic. `X-Autoreply`/`X-Autorespond` are what
 * common responders send instead.
 */
export function automaticMailKind(
  headers: readonly MessageHeader[],
): 'auto-reply' | 'bounce' | 'bulk' | 'newsletter' | null {
  const from = parseMailbox(header(headers, 'From'));
  const localPart = from?.email.split('@')[0] ?? '';
  const contentType = header(headers, 'Content-Type')?.toLowerCase() ?? '';
  if (BOUNCE_LOCAL_PARTS.has(localPart) || /report-type="?delivery-status/.test(contentType)) return 'bounce';
  if (header(headers, 'Return-Path')?.trim() === '<>') return 'bounce';
  const autoSubmitted = header(headers, 'Auto-Submitted')?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no'))
    return 'auto-reply';
  if (header(headers, 'X-Autoreply') !== undefined || header(headers, 'X-Autorespond') !== undefined) {
    return 'auto-reply';
  }
  const precedence = header(headers, 'Precedence')?.trim().toLowerCase();
  if (precedence !== undefined && BULK_PRECEDENCE.has(precedence)) {
    return precedence === 'auto_reply' ? 'auto-reply' : 'bulk';
  }
  if (header(headers, 'List-Unsubscribe') !== undefined || header(headers, 'List-Id') !== undefined) {
    return 'newsletter';
  }
  return null;
}

export function isTeamAddress(email: string, rule: TicketRule): boolean {
  const normal = normalizeEmail(email);
  if (rule.teamAddresses.some((a) => normalizeEmail(a) === normal)) return true;
  const domain = emailDomain(normal);
  return (rule.teamDomains ?? []).some((d) => normalizeEmail(d) === domain);
}

export function decideTicket(facts: ThreadFacts, rule: TicketRule): TicketDecision {
  if (facts.labelIds.includes('SPAM') || facts.labelIds.includes('TRASH'))
    return { ticket: false, reason: 'spam-or-trash' };
  if ((rule.inboxOnly ?? true) && !facts.labelIds.includes('INBOX'))
    return { ticket: false, reason: 'not-in-inbox' };
  const kind = automaticMailKind(facts.firstMessageHeaders);
  if (kind !== null) return { ticket: false, reason: kind };
  const from = parseMailbox(header(facts.firstMessageHeaders, 'From'));
  if (from === null) return { ticket: false, reason: 'no-sender' };
  if (isTeamAddress(from.email, rule)) return { ticket: false, reason: 'sent-by-team' };
  // Replies go to Reply-To when a form or a marketplace relays the customer's message.
  const replyTo = parseMailbox(header(facts.firstMessageHeaders, 'Reply-To'));
  const requester =
    replyTo !== null && !isTeamAddress(replyTo.email, rule)
      ? { ...replyTo, name: replyTo.name ?? from.name }
      : from;
  return { ticket: true, requester: stripUndefinedName(requester) };
}

function stripUndefinedName(mailbox: { email: string; name?: string | undefined }): Mailbox {
  return mailbox.name === undefined ? { email: mailbox.email } : { email: mailbox.email, name: mailbox.name };
}
