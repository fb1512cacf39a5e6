/**
 * Real MIME for the stand-in. Messages are built with nodemailer's MailComposer (the most used MIME builder
 * for Node: encoded words, folding, multipart/alternative and attachments done right) and parsed with
 * @zone-eu/mailsplit (the splitter behind WildDuck's IMAP server: it keeps every header line in its
 * original order and bytes, which Gmail's payload tree needs and higher-level parsers throw away).
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Joiner, type MimeNode, Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address, SeedMessage } from './contracts';

export interface MessageHeader {
  name: string;
  value: string;
}

/** One MIME part, shaped the way Gmail's `MessagePart` needs it. */
export interface ParsedPart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: MessageHeader[];
  /** Transfer-decoded bytes (text parts re-encoded as UTF-8); empty for multiparts. */
  body: Buffer;
  isAttachment: boolean;
  parts: ParsedPart[];
}

export interface ParsedMessage {
  root: ParsedPart;
  text?: string;
  html?: string;
  attachments: { partId: string; filename: string; mimeType: string; size: number }[];
}

/** Builds RFC 822 bytes from seed-style data. */
export function buildMessage(message: {
  from: Address;
  to: Address[];
  cc?: Address[];
  subject: string;
  date: Date;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: SeedMessage['attachments'];
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}): Promise<Buffer> {
  const toNodemailer = (a: Address) => ({ name: a.name ?? '', address: a.email });
  const composer = new MailComposer({
    from: toNodemailer(message.from),
    to: message.to.map(toNodemailer),
    cc: message.cc?.map(toNodemailer),
    subject: message.subject,
    date: message.date,
    text: message.text,
    html: message.html,
    headers: message.headers,
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    references: message.references,
    attachments: message.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.contentBase64, 'base64'),
    })),
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, raw) => (error ? reject(error) : resolve(raw)));
  });
}

/** Unfolds a raw header line into Gmail's `{name, value}` with encoded words decoded. */
export function headerFromLine(binaryLine: string): MessageHeader {
  const line = utf8Header(binaryLine);
  const colon = line.indexOf(':');
  const name = colon >= 0 ? line.slice(0, colon).trim() : line.trim();
  const rawValue = colon >= 0 ? line.slice(colon + 1) : '';
  const unfolded = rawValue.replace(/\r?\n(?=[ \t])/g, '').trim();
  let value = unfolded;
  try {
    value = libmime.decodeWords(unfolded);
  } catch {
    // A broken encoded word stays as it was, as Gmail shows it.
  }
  return { name, value };
}

/** mailsplit hands header lines over as binary strings; 8-bit header bytes are read as UTF-8, as Gmail does. */
function utf8Header(binary: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for bytes above 0x7f
  if (!/[^\x00-\x7f]/.test(binary)) return binary;
  const decoded = Buffer.from(binary, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? binary : decoded;
}

function decodeCharset(bytes: Buffer, charset: string | false): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function decodeBody(node: MimeNode, encoded: Buffer[]): Promise<Buffer> {
  const decoder = node.getDecoder();
  const out: Buffer[] = [];
  decoder.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    decoder.on('end', () => resolve());
    decoder.on('error', reject);
  });
  for (const chunk of encoded) decoder.write(chunk);
  decoder.end();
  await done;
  return Buffer.concat(out);
}

/** Parses raw RFC 822 bytes into a part tree with Gmail's part ids ('' for the root, then '0', '0.1', ...). */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  const splitter = new Splitter();
  const nodes: MimeNode[] = [];
  const bodies = new Map<MimeNode, Buffer[]>();
  splitter.on('data', (chunk: SplitterChunk) => {
    if (chunk.type === 'node') {
      nodes.push(chunk);
      bodies.set(chunk, []);
    } else if (chunk.type === 'body') {
      bodies.get(chunk.node)?.push(chunk.value);
    }
  });
  await pipeline(Readable.from([raw]), splitter);

  const parts = new Map<MimeNode, ParsedPart>();
  let root: ParsedPart | undefined;
  for (const node of nodes) {
    const headers = node.headers ? node.headers.getList().map((h) => headerFromLine(h.line)) : [];
    const mimeType = node.contentType || 'text/plain';
    const filename = node.filename || '';
    const isText = mimeType.startsWith('text/');
    let body: Buffer = Buffer.alloc(0);
    if (!node.multipart) {
      const decoded = await decodeBody(node, bodies.get(node) ?? []);
      body = isText && !filename ? Buffer.from(decodeCharset(decoded, node.charset), 'utf8') : decoded;
    }
    const part: ParsedPart = {
      partId: '',
      mimeType,
      filename,
      headers,
      body,
      isAttachment: Boolean(filename) || node.disposition === 'attachment',
      parts: [],
    };
    const parent = node.parentNode ? parts.get(node.parentNode as MimeNode) : undefined;
    if (parent) {
      part.partId =
        parent.partId === '' ? `${parent.parts.length}` : `${parent.partId}.${parent.parts.length}`;
      parent.parts.push(part);
    } else if (!root) {
      root = part;
    }
    parts.set(node, part);
  }
  if (!root)
    root = {
      partId: '',
      mimeType: 'text/plain',
      filename: '',
      headers: [],
      body: raw,
      isAttachment: false,
      parts: [],
    };

  const parsed: ParsedMessage = { root, attachments: [] };
  const visit = (part: ParsedPart) => {
    if (part.isAttachment) {
      parsed.attachments.push({
        partId: part.partId,
        filename: part.filename,
        mimeType: part.mimeType,
        size: part.body.length,
      });
    } else if (part.mimeType === 'text/plain' && parsed.text === undefined) {
      parsed.text = part.body.toString('utf8');
    } else if (part.mimeType === 'text/html' && parsed.html === undefined) {
      parsed.html = part.body.toString('utf8');
    }
    for (const child of part.parts) visit(child);
  };
  visit(root);
  return parsed;
}

export function headerValue(headers: MessageHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Message-ids listed in a References or In-Reply-To header. */
export function messageIdsIn(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

export function parseAddresses(value: string | undefined): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  const walk = (entries: ReturnType<typeof addressparser>) => {
    for (const entry of entries) {
      if ('group' in entry && entry.group) walk(entry.group);
      else if ('address' in entry && entry.address)
        out.push(entry.name ? { name: entry.name, email: entry.address } : { email: entry.address });
    }
  };
  walk(addressparser(value));
  return out;
}

/**
 * Adds headers that Gmail fills in on send when the client left them out (From, Date, Message-ID),
 * rewriting only the top header block through mailsplit, so the body bytes stay as the client sent them.
 */
export async function completeHeaders(raw: Buffer, missing: Record<string, string>): Promise<Buffer> {
  const splitter = new Splitter();
  const joiner = new Joiner();
  const out: Buffer[] = [];
  const addToRoot = new Transform({
    objectMode: true,
    transform(chunk: SplitterChunk, _encoding: BufferEncoding, callback: TransformCallback) {
      if (chunk.type === 'node' && chunk.root && chunk.headers) {
        for (const [key, value] of Object.entries(missing)) {
          if (!chunk.headers.hasHeader(key)) chunk.headers.add(key, value);
        }
      }
      callback(null, chunk);
    },
  });
  joiner.on('data', (b: Buffer) => out.push(b));
  await pipeline(Readable.from([raw]), splitter, addToRoot, joiner);
  return Buffer.concat(out);
}

/** Gmail-like snippet: the readable text, whitespace collapsed, about 200 characters, HTML-escaped. */
export function snippetOf(text: string | undefined, html: string | undefined): string {
  let plain = text;
  if (plain === undefined && html !== undefined) {
    plain = html
      .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }
  const collapsed = (plain ?? '').replace(/\s+/g, ' ').trim();
  const cut = Array.from(collapsed).slice(0, 200).join('').trimEnd();
  return escapeSnippet(cut);
}

/** Gmail escapes these five characters in `snippet` (an apostrophe becomes `&#39;`). */
export function escapeSnippet(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
