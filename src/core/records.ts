/**
 * Shared records (DESIGN.md section 1): internal notes, activity events and team settings, kept in the
 * mailbox itself as small messages under a hidden label. Never in the inbox, never sent: they are made
 * with `messages.insert`, addressed to nobody but the mailbox, and carry a header that marks them.
 *
 * Records are append-only. Nobody edits one; a newer record supersedes an older one where that makes
 * sense (settings), so two agents writing at once never overwrite each other.
 */
import { z } from 'zod';

export const RECORD_HEADER = 'X-Labeldesk-Record';
export const RECORD_FORMAT_VERSION = 1;

const threadId = z.string().regex(/^[0-9a-f]{1,16}$/);
const agent = z.string().min(1).max(200);
const epochMs = z.number().int().nonnegative();
/** A record id is chosen by its writer (a random UUID), so writers need no coordination. */
const recordId = z.string().regex(/^[0-9a-f-]{36}$/);

export const noteRecordSchema = z.object({
  kind: z.literal('note'),
  id: recordId,
  threadId,
  author: agent,
  body: z.string().min(1).max(20_000),
  mentions: z.array(agent).max(50).default([]),
  createdAt: epochMs,
});

export const activityRecordSchema = z.object({
  kind: z.literal('activity'),
  id: recordId,
  threadId,
  actor: agent,
  /** What changed, in the helpdesk's words: a field and its values before and after. */
  field: z.enum(['status', 'priority', 'assignee', 'group', 'tags', 'ticket']),
  from: z.string().max(2_000).optional(),
  to: z.string().max(2_000).optional(),
  createdAt: epochMs,
});

export const shareRecordSchema = z.discriminatedUnion('kind', [noteRecordSchema, activityRecordSchema]);
export type SharedRecord = z.infer<typeof shareRecordSchema>;
export type NoteRecord = z.infer<typeof noteRecordSchema>;
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

const envelopeSchema = z.object({ labeldesk: z.literal(RECORD_FORMAT_VERSION), record: z.unknown() });

function base64Lines(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const b64 = btoa(binary);
  return b64.replace(/.{1,76}/g, '$&\r\n');
}

/**
 * The record as an RFC 5322 message. Every header is ASCII by construction (no customer text reaches a
 * header), and the JSON travels base64-encoded, so no header encoding is needed and nothing in a note
 * can break out of the body.
 */
export function recordToRfc822(record: SharedRecord, mailbox: string, now: Date): string {
  const parsed = shareRecordSchema.parse(record);
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(mailbox)) throw new TypeError('The mailbox address must be ASCII');
  const json = JSON.stringify({ labeldesk: RECORD_FORMAT_VERSION, record: parsed });
  const headers = [
    `From: Labeldesk <${mailbox}>`,
    `To: ${mailbox}`,
    `Subject: Labeldesk ${parsed.kind} ${parsed.threadId}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${parsed.id}@labeldesk.invalid>`,
    `${RECORD_HEADER}: ${parsed.kind}; v=${RECORD_FORMAT_VERSION}`,
    // Tells auto-responders and our own ticket rule that no person wrote this (RFC 3834).
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: application/json; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(new TextEncoder().encode(json))}`;
}

export type RecordReadResult = { ok: true; record: SharedRecord } | { ok: false; problem: string };

/** Reads a record from its decoded body (Gmail's `payload.body.data`, already transfer-decoded). */
export function recordFromJson(text: string): RecordReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, problem: 'not a Labeldesk record of a known format version' };
  const record = shareRecordSchema.safeParse(envelope.data.record);
  if (!record.success) {
    const issue = record.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, record: record.data };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Mentions are `@Name` tokens that match an agent's name, longest names first so "Anna K" beats "Anna". */
export function findMentions(body: string, agents: readonly string[]): string[] {
  const found = new Set<string>();
  const byLength = [...agents].sort((a, b) => b.length - a.length);
  let index = body.indexOf('@');
  while (index >= 0) {
    const rest = body.slice(index + 1);
    const match = byLength.find((name) => {
      if (!rest.toLowerCase().startsWith(name.toLowerCase())) return false;
      const after = rest.charAt(name.length);
      // Japanese writes no spaces: "@田中さん" mentions 田中, so a CJK name needs no boundary after it.
      if (CJK.test(name.slice(-1))) return true;
      return after === '' || !/[\p{L}\p{N}_]/u.test(after);
    });
    if (match) found.add(match);
    index = body.indexOf('@', index + 1);
  }
  return [...found];
}
