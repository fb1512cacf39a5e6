/**
 * Gmail's URL tokens and sync ids, with no DOM.
 *
 * Gmail's hash routes (`#inbox/FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM`) carry a token that is the thread's sync id
 * (`thread-f:<decimal>`) written in base 64 and then re-read as one number in a 40-letter consonant alphabet.
 * For thread ids the `thread-` prefix is left out of the token. The decimal is the same 64-bit number as the
 * REST API's hex thread id. Learned from ArsenalRecon's forensic write-up and decoder:
 * https://github.com/ArsenalRecon/GmailURLDecoder
 */

/** The 40 consonants Gmail's tokens are written in, lowest digit first. */
const TOKEN_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz';
const THREAD_PREFIX = 'thread-';
const MAX_UINT64 = (1n << 64n) - 1n;

/** A sync id Gmail puts in the DOM and in tokens: `thread-f:<dec>`, `thread-a:r<…>`, `msg-f:<dec>`, `msg-a:r<…>`. */
const SYNC_ID = /^(thread|msg)-(f:(0|[1-9][0-9]{0,19})|a:[A-Za-z0-9_-]+)$/;
const HEX_ID = /^[0-9a-f]{1,16}$/;

export class GmailIdError extends Error {
  override name = 'GmailIdError';
}

/** `thread-f:1750360559522271241` → `184a87a7b32dd009`, the id the Gmail REST API uses. */
export function threadIdFromPermId(permId: string): string {
  return hexFromSyncId(permId, 'thread');
}

/** `184a87a7b32dd009` → `thread-f:1750360559522271241`, as `data-thread-perm-id` holds it. */
export function permIdFromThreadId(threadId: string): string {
  return `thread-f:${decimalFromHex(threadId)}`;
}

/** `msg-f:<dec>` → the REST API's hex message id. */
export function messageIdFromPermId(permId: string): string {
  return hexFromSyncId(permId, 'msg');
}

/** The REST API's hex message id → `msg-f:<dec>`, as `data-message-id` holds it (after a `#`). */
export function permIdFromMessageId(messageId: string): string {
  return `msg-f:${decimalFromHex(messageId)}`;
}

/** `thread-f:1750360559522271241` → `FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM`. */
export function encodeThreadToken(syncId: string): string {
  if (!SYNC_ID.test(syncId)) throw new GmailIdError(`not a Gmail sync id: ${JSON.stringify(syncId)}`);
  const payload = syncId.startsWith(THREAD_PREFIX) ? syncId.slice(THREAD_PREFIX.length) : syncId;
  let value = 0n;
  for (const digit of base64Digits(payload)) value = value * 64n + BigInt(digit);
  let token = '';
  while (value > 0n) {
    token = TOKEN_ALPHABET.charAt(Number(value % 40n)) + token;
    value /= 40n;
  }
  return token;
}

/** `FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM` → `thread-f:1750360559522271241`; throws on anything else. */
export function decodeThreadToken(token: string): string {
  if (token.length === 0 || token.length > 200) throw new GmailIdError('token length out of range');
  let value = 0n;
  for (const char of token) {
    const digit = TOKEN_ALPHABET.indexOf(char);
    if (digit < 0) throw new GmailIdError(`not a Gmail token: ${JSON.stringify(token)}`);
    value = value * 40n + BigInt(digit);
  }
  const digits: number[] = [];
  while (value > 0n) {
    digits.unshift(Number(value % 64n));
    value /= 64n;
  }
  const payload = textFromBase64Digits(digits);
  const syncId =
    payload.startsWith('thread-') || payload.startsWith('msg-') ? payload : THREAD_PREFIX + payload;
  if (!SYNC_ID.test(syncId))
    throw new GmailIdError(`token does not hold a sync id: ${JSON.stringify(token)}`);
  return syncId;
}

/** The hex thread id behind a token, or undefined for tokens of `thread-a:` threads, which have no hex form. */
export function threadIdFromToken(token: string): string | undefined {
  const syncId = decodeThreadToken(token);
  return syncId.startsWith('thread-f:') ? threadIdFromPermId(syncId) : undefined;
}

function hexFromSyncId(syncId: string, kind: 'thread' | 'msg'): string {
  const match = SYNC_ID.exec(syncId);
  const decimal = match?.[3];
  if (match?.[1] !== kind || decimal === undefined) {
    throw new GmailIdError(`not a ${kind}-f sync id: ${JSON.stringify(syncId)}`);
  }
  const value = BigInt(decimal);
  if (value > MAX_UINT64) throw new GmailIdError(`sync id beyond 64 bits: ${syncId}`);
  return value.toString(16);
}

function decimalFromHex(hexId: string): string {
  if (!HEX_ID.test(hexId)) throw new GmailIdError(`not a Gmail hex id: ${JSON.stringify(hexId)}`);
  return BigInt(`0x${hexId}`).toString(10);
}

/** Unpadded standard base 64 of an ASCII string, as digit values (0 = 'A' … 63 = '/'). */
function base64Digits(text: string): number[] {
  const bytes = Array.from(text, (char) => char.charCodeAt(0));
  const digits: number[] = [];
  for (let at = 0; at < bytes.length; at += 3) {
    const chunk = bytes.slice(at, at + 3);
    const bits = ((chunk[0] ?? 0) << 16) | ((chunk[1] ?? 0) << 8) | (chunk[2] ?? 0);
    const count = chunk.length + 1;
    for (let i = 0; i < count; i++) digits.push((bits >> (18 - 6 * i)) & 63);
  }
  return digits;
}

/** The inverse of `base64Digits`, strict: no dangling bits, printable ASCII only. */
function textFromBase64Digits(digits: number[]): string {
  if (digits.length % 4 === 1) throw new GmailIdError('token is not whole base 64');
  let text = '';
  for (let at = 0; at < digits.length; at += 4) {
    const chunk = digits.slice(at, at + 4);
    const bits = chunk.reduce((sum, digit, i) => sum | (digit << (18 - 6 * i)), 0);
    const byteCount = chunk.length - 1;
    if ((bits & ((1 << (24 - 8 * byteCount)) - 1)) !== 0) throw new GmailIdError('token has dangling bits');
    for (let i = 0; i < byteCount; i++) {
      const byte = (bits >> (16 - 8 * i)) & 255;
      if (byte < 0x21 || byte > 0x7e) throw new GmailIdError('token does not hold text');
      text += String.fromCharCode(byte);
    }
  }
  return text;
}
