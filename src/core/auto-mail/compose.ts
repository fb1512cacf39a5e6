/**
 * The RFC 5322 message of an automatic mail in a ticket's thread (issue 6: acknowledgement, CSAT survey,
 * Pending reminder), ready for `users.messages.send` with the thread id (the caller base64url-encodes it).
 *
 * A composer of our own on TextEncoder/btoa rather than a library: it runs in the service worker (no Node
 * Buffer), the Node worker and tests. `mimetext` would bring @babel/runtime-corejs3 and mime-types (mime-db)
 * for a job of headers, encoded words and two transfer encodings; nodemailer/libmime need Node's Buffer.
 * Tests parse the output with the real MIME parsers (@zone-eu/mailsplit, libmime).
 */

export type AutoMailKind = 'ack' | 'survey' | 'reminder';

/** Marks every automatic mail Labeldesk sends, so no runner ever answers or counts one (`<kind>; ref=<reference>`). */
export const AUTO_MAIL_HEADER = 'X-Labeldesk-Auto';

export interface AutoMailAddress {
  email: string;
  name?: string;
}

export interface AutoReplyInput {
  from: AutoMailAddress;
  to: AutoMailAddress;
  /** The ticket's subject; "Re: " is added once. */
  subject: string;
  /** The Message-ID header of the customer's message this answers. */
  inReplyTo?: string;
  references?: string[];
  text: string;
  html?: string;
  kind: AutoMailKind;
  /** The ticket reference (`#ABC123`). */
  reference: string;
  date: Date;
  /** Our own Message-ID, with or without angle brackets. */
  messageId: string;
  /**
   * The survey's token (`ld-7f3a…`), written into the X-Labeldesk-Auto header so an answer can be matched to
   * the survey that asked; letters, digits and hyphens only.
   */
  token?: string;
}

export class AutoMailInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutoMailInputError';
  }
}

const CRLF = '\r\n';
const TOKEN = /^[A-Za-z0-9-]{4,40}$/;
/** An addr-spec we are willing to write: no whitespace, angle brackets, quotes, commas or control characters. */
const EMAIL = /^[^\s<>"(),;:\\@\p{Cc}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/u;
/** A msg-id as RFC 5322 writes it (dot-atom-ish left and right), without the brackets. */
const MSG_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,400}@[\x21-\x3b\x3d\x3f-\x5a\x5e-\x7e]{1,255}$/;
const REFERENCE = /^#?[A-Za-z0-9-]{1,40}$/;
/** Reply prefixes mail clients add (English, German, Polish, Nordic, Dutch, Russian, with Outlook's "Re[2]:"). */
const REPLY_PREFIX = /^\s*(?:re|aw|odp|sv|antw|vs|ответ|отв)(?:\s*\[\d{1,3}\]|\s*\(\d{1,3}\))?\s*[:：]\s*/iu;

/** Every control character (CR and LF included) becomes a space: a header value never breaks its line. */
export function stripControls(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** "Re: <subject>" with any reply prefixes the subject already carries folded into one. */
export function replySubject(subject: string): string {
  let rest = stripControls(subject).trim();
  for (let i = 0; i < 20; i++) {
    const match = REPLY_PREFIX.exec(rest);
    if (!match) break;
    rest = rest.slice(match[0].length);
  }
  return rest === '' ? 'Re:' : `Re: ${rest}`;
}

function checkedEmail(email: string, role: string): string {
  const trimmed = email.trim();
  if (!EMAIL.test(trimmed)) throw new AutoMailInputError(`not a usable ${role} address`);
  return trimmed;
}

/** `<id@host>` from an id with or without brackets; null when it is not a msg-id (hostile or broken). */
export function normalizeMessageId(value: string): string | null {
  const inner = value.trim().replace(/^<(.*)>$/, '$1');
  return MSG_ID.test(inner) ? `<${inner}>` : null;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** RFC 2047 encoded words (B, UTF-8), each at most 68 characters and never splitting a character. */
export function encodeWords(value: string): string[] {
  const encoder = new TextEncoder();
  const words: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    if (chunk.length > 0) words.push(`=?UTF-8?B?${bytesToBase64(Uint8Array.from(chunk))}?=`);
    chunk = [];
  };
  for (const char of value) {
    const bytes = encoder.encode(char);
    // 42 bytes are 56 base64 characters: with `=?UTF-8?B?` and `?=` the word is 68 long, so even
    // `Subject: ` and the first word stay within RFC 5322's 78.
    if (chunk.length + bytes.length > 42) flush();
    chunk.push(...bytes);
  }
  flush();
  return words;
}

/** An unstructured header value (Subject): plain when it is short printable ASCII, encoded words otherwise. */
function unstructured(name: string, value: string): string {
  const clean = stripControls(value);
  if (ASCII_PRINTABLE.test(clean) && !clean.includes('=?')) return foldAscii(`${name}: ${clean}`);
  return `${name}: ${encodeWords(clean).join(`${CRLF} `)}`;
}

/** Folds a printable ASCII header at spaces so lines stay near 78 characters (never over 998). */
function foldAscii(line: string): string {
  if (line.length <= 78) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/(?= )/)) {
    if (current.length > 0 && current.length + word.length > 78) {
      out.push(current);
      current = word;
    } else current += word;
  }
  out.push(current);
  if (out.some((l) => l.length > 998)) throw new AutoMailInputError('header word too long');
  return out.join(CRLF);
}

/** `Name <email>`: an ASCII name as a quoted string, any other as encoded words. */
function mailboxHeader(name: string, address: AutoMailAddress, role: string): string {
  const email = checkedEmail(address.email, role);
  const display = address.name === undefined ? '' : stripControls(address.name).trim();
  if (display === '') return `${name}: ${email}`;
  if (ASCII_PRINTABLE.test(display) && !display.includes('=?')) {
    const quoted = `"${display.replace(/(["\\])/g, '\\$1')}"`;
    return foldAscii(`${name}: ${quoted} <${email}>`);
  }
  return `${name}: ${encodeWords(display).join(`${CRLF} `)}${CRLF} <${email}>`;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Normalises line ends to CRLF (the body of a message is lines) and drops other control characters but tab. */
function bodyLines(text: string): string[] {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: bodies keep tab, lose the other controls
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .split('\n')
  );
}

/** Quoted-printable (RFC 2045 6.7) of UTF-8 text: soft breaks keep every line at most 76 characters. */
export function quotedPrintable(text: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  for (const line of bodyLines(text)) {
    const bytes = encoder.encode(line);
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] ?? 0;
      const last = i === bytes.length - 1;
      const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
      const token = literal
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(CRLF);
}

function base64Body(text: string): string {
  const b64 = bytesToBase64(new TextEncoder().encode(bodyLines(text).join(CRLF)));
  return (b64.match(/.{1,76}/g) ?? []).join(CRLF);
}

/** Mostly-ASCII text reads better (and scores better with filters) as quoted-printable; other text as base64. */
function textPart(mime: 'text/plain' | 'text/html', text: string): string {
  const bytes = new TextEncoder().encode(text);
  let high = 0;
  for (const byte of bytes) if (byte > 126) high++;
  const qp = high * 6 < bytes.length;
  return [
    `Content-Type: ${mime}; charset=UTF-8`,
    `Content-Transfer-Encoding: ${qp ? 'quoted-printable' : 'base64'}`,
    '',
    qp ? quotedPrintable(text) : base64Body(text),
  ].join(CRLF);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date-time in UTC (`Mon, 23 Nov 2026 05:32:51 +0000`). */
export function rfc5322Date(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new AutoMailInputError('invalid date');
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** A boundary that cannot occur in base64 or quoted-printable output (both never contain `=_`). */
function boundaryFor(messageId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) hash = Math.imul(hash ^ messageId.charCodeAt(i), 0x01000193);
  return `=_labeldesk_${(hash >>> 0).toString(36)}`;
}

/**
 * The message. Throws AutoMailInputError for an address or our own Message-ID that cannot be written safely;
 * a hostile In-Reply-To/References id from the customer's mail is dropped (Gmail threads by the thread id).
 * Auto-Submitted follows RFC 3834: `auto-replied` for the acknowledgement (an answer to a message),
 * `auto-generated` for the survey and the reminder (sent because of time, not a message); both are not "no",
 * so every loop guard treats them alike. No `Precedence: bulk`: it would send the mail to Promotions.
 */
export function composeAutoReply(input: AutoReplyInput): string {
  const reference = input.reference.trim();
  if (!REFERENCE.test(reference)) throw new AutoMailInputError('not a ticket reference');
  const messageId = normalizeMessageId(input.messageId);
  if (messageId === null) throw new AutoMailInputError('not a Message-ID');
  const inReplyTo = input.inReplyTo === undefined ? null : normalizeMessageId(input.inReplyTo);
  if (input.token !== undefined && !TOKEN.test(input.token))
    throw new AutoMailInputError('not a survey token');
  const references = (input.references ?? [])
    .map(normalizeMessageId)
    .filter((id): id is string => id !== null);
  if (inReplyTo !== null && !references.includes(inReplyTo)) references.push(inReplyTo);

  const headers = [
    mailboxHeader('From', input.from, 'sender'),
    mailboxHeader('To', input.to, 'recipient'),
    unstructured('Subject', replySubject(input.subject)),
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo !== null ? [`In-Reply-To: ${inReplyTo}`] : []),
    // Keep the last ids when a long thread would make the header huge (RFC 5322 3.6.4 allows trimming).
    ...(references.length > 0 ? [`References: ${references.slice(-20).join(`${CRLF} `)}`] : []),
    `Auto-Submitted: ${input.kind === 'ack' ? 'auto-replied' : 'auto-generated'}`,
    // Asks Exchange/Outlook not to answer this with an out-of-office note: the other half of the loop guard.
    'X-Auto-Response-Suppress: All',
    `${AUTO_MAIL_HEADER}: ${input.kind}; ref=${reference}${input.token === undefined ? '' : `; token=${input.token}`}`,
    'MIME-Version: 1.0',
  ];
  if (input.html === undefined) {
    return `${headers.join(CRLF)}${CRLF}${textPart('text/plain', input.text)}`;
  }
  const boundary = boundaryFor(messageId);
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    textPart('text/plain', input.text),
    `--${boundary}`,
    textPart('text/html', input.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
