/**
 * May a new ticket get an automatic acknowledgement? Never to machines (auto-replies, bounces, bulk mail):
 * an acknowledgement to an out-of-office note that acknowledges back is a mail loop (RFC 3834 section 2).
 * The ticket rule's own test (`automaticMailKind`) comes first; the checks here are the stricter ones only
 * an automatic sender needs.
 */
import { emailDomain, normalizeEmail, parseMailbox } from '../mail-address';
import { RECORD_HEADER } from '../records';
import { automaticMailKind, header, isTeamAddress, type MessageHeader } from '../ticket-rule';
import { AUTO_MAIL_HEADER } from './compose';

export type AckSkipReason =
  | 'auto-reply'
  | 'bulk'
  | 'mailer-daemon'
  | 'team'
  | 'no-reply-address'
  | 'our-own-mail';

export type AckEligibility = { ok: true } | { ok: false; reason: AckSkipReason };

export interface AckEligibilityInput {
  /** Headers of the customer's message (Gmail `format=metadata`). */
  headers: MessageHeader[];
  labelIds: string[];
  /** The address the acknowledgement would go to (a bare address or a From/Reply-To header value). */
  from: string;
  teamAddresses: string[];
  teamDomains: string[];
  /** The shared mailbox's address. */
  mailbox: string;
}

const BOUNCE_LOCAL_PARTS = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounces?)(?:[+._-].*)?$/;
/** noreply, no-reply, no_reply, donotreply, do-not-reply, noreply-orders… */
const NO_REPLY_LOCAL_PARTS =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|notifications?-noreply)(?:[+._-].*)?$/;
/** Microsoft's X-Auto-Response-Suppress values that ask automatic answers to keep quiet. */
const SUPPRESS_VALUES = new Set(['all', 'oof', 'autoreply']);

function localPart(email: string): string {
  const at = email.lastIndexOf('@');
  return (at < 0 ? email : email.slice(0, at)).toLowerCase();
}

/** The mailbox itself, or one of its plus-addresses (support+orders@…): both are us. */
function isMailbox(email: string, mailbox: string): boolean {
  const a = normalizeEmail(email);
  const b = normalizeEmail(mailbox);
  if (a === b) return true;
  return emailDomain(a) === emailDomain(b) && localPart(a).split('+')[0] === localPart(b).split('+')[0];
}

export function ackEligibility(input: AckEligibilityInput): AckEligibility {
  const { headers } = input;
  if (header(headers, AUTO_MAIL_HEADER) !== undefined || header(headers, RECORD_HEADER) !== undefined) {
    return { ok: false, reason: 'our-own-mail' };
  }
  const to = parseMailbox(input.from)?.email;
  const sender = parseMailbox(header(headers, 'From'))?.email;
  const rule = { teamAddresses: [...input.teamAddresses, input.mailbox], teamDomains: input.teamDomains };
  for (const email of [to, sender]) {
    if (email !== undefined && (isMailbox(email, input.mailbox) || isTeamAddress(email, rule))) {
      return { ok: false, reason: 'team' };
    }
  }
  if (input.labelIds.includes('SENT')) return { ok: false, reason: 'team' };

  const contentType = header(headers, 'Content-Type')?.toLowerCase() ?? '';
  if (
    header(headers, 'X-Failed-Recipients') !== undefined ||
    /^\s*multipart\/report/.test(contentType) ||
    [to, sender].some((e) => e !== undefined && BOUNCE_LOCAL_PARTS.test(localPart(e)))
  ) {
    return { ok: false, reason: 'mailer-daemon' };
  }
  const kind = automaticMailKind(headers);
  if (kind === 'bounce') return { ok: false, reason: 'mailer-daemon' };
  if (kind === 'auto-reply') return { ok: false, reason: 'auto-reply' };
  if (kind === 'bulk' || kind === 'newsletter') return { ok: false, reason: 'bulk' };
  const suppress = (header(headers, 'X-Auto-Response-Suppress') ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase());
  if (suppress.some((v) => SUPPRESS_VALUES.has(v))) return { ok: false, reason: 'auto-reply' };
  if (header(headers, 'List-Post') !== undefined || input.labelIds.includes('SPAM')) {
    return { ok: false, reason: 'bulk' };
  }
  // A mass mailer's feedback loop id (Gmail's Feedback-ID) with an unsubscribe link is a campaign.
  if (header(headers, 'Feedback-ID') !== undefined && header(headers, 'List-Unsubscribe') !== undefined) {
    return { ok: false, reason: 'bulk' };
  }
  if (
    to === undefined ||
    [to, sender].some((e) => e !== undefined && NO_REPLY_LOCAL_PARTS.test(localPart(e)))
  ) {
    return { ok: false, reason: 'no-reply-address' };
  }
  return { ok: true };
}

export const RATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * True when one more acknowledgement may go to `to`: fewer than `perDay` went to that address in the 24
 * hours before `now`. The runner keeps `history` (every automatic mail it sent) and prunes it.
 */
export function senderRateLimit(
  history: readonly { to: string; at: number }[],
  to: string,
  now: number,
  perDay: number,
): boolean {
  const wanted = parseMailbox(to)?.email ?? normalizeEmail(to);
  let sent = 0;
  for (const entry of history) {
    if (entry.at > now - RATE_WINDOW_MS && entry.at <= now && normalizeEmail(entry.to) === wanted) sent++;
    if (sent >= perDay) return false;
  }
  return true;
}
