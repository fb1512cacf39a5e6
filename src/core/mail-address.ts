/**
 * Email addresses as the helpdesk compares them. Parsing is RFC 5322's, through `email-addresses`
 * (small, no dependencies): display names may hold commas, quotes and encoded text that a regex gets wrong.
 */
import emailAddresses from 'email-addresses';

export interface Mailbox {
  email: string;
  name?: string;
}

/** The first mailbox of an address header (From, Reply-To), or null when it holds none. */
export function parseMailbox(header: string | undefined): Mailbox | null {
  if (!header) return null;
  const list = emailAddresses.parseAddressList({ input: header, rfc6532: true, partial: false }) ?? [];
  for (const entry of list) {
    const mailbox = entry.type === 'group' ? entry.addresses[0] : entry;
    if (mailbox) return toMailbox(mailbox.address, mailbox.name);
  }
  // Real mail is often not quite RFC 5322 (unquoted dots or brackets in names): fall back to the angle address.
  const angle = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(header);
  if (angle?.[1]) {
    const name = header
      .slice(0, angle.index)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return toMailbox(angle[1], name || null);
  }
  const bare = /^\s*([^<>\s@]+@[^<>\s@]+)\s*$/.exec(header);
  return bare?.[1] ? toMailbox(bare[1], null) : null;
}

/** Addresses compare without regard to the case of the domain; local parts are compared lowercased too, as Gmail does. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : normalizeEmail(email.slice(at + 1));
}

/** The store's limits (src/store/schema.ts): a longer address is no address SMTP delivers (RFC 5321 4.5.3.1). */
const MAX_EMAIL_LENGTH = 320;
const MAX_NAME_LENGTH = 400;

// A forged header with a 5,000-character name or address made the store refuse the ticket and the whole poll
// fail; the name is cut (never inside a surrogate pair), an overlong address is no address.
function toMailbox(address: string, name: string | null): Mailbox | null {
  const email = normalizeEmail(address);
  if (email.length > MAX_EMAIL_LENGTH) return null;
  let trimmed = name?.trim();
  if (trimmed !== undefined && trimmed.length > MAX_NAME_LENGTH) {
    trimmed = trimmed.slice(0, MAX_NAME_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
  }
  return trimmed ? { email, name: trimmed } : { email };
}

/** Free mail providers common among the shop's customers (the seeds' markets: EN, RU, PL, JA). */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'mail.ru',
  'inbox.ru',
  'bk.ru',
  'list.ru',
  'yandex.ru',
  'ya.ru',
  'rambler.ru',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'op.pl',
  'yahoo.co.jp',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'softbank.ne.jp',
  'i.softbank.jp',
  'au.com',
]);

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(normalizeEmail(domain));
}
