/**
 * Shared records (DESIGN.md section 1): internal notes, activity events and team settings, kept in the
 * mailbox itself as small messages under a hidden label. Never in the inbox, never sent: they are made
 * with `messages.insert`, addressed to nobody but the mailbox, and carry a header that marks them.
 *
 * Records are append-only. Nobody edits one; a newer record supersedes an older one where that makes
 * sense (settings), so two agents writing at once never overwrite each other.
 */
import { z } from 'zod';
import { automationSettingsSchema } from './automation-config';
import { articleRecordSchema } from './knowledge/articles';
import { notifyRecordSchema } from './macros';
import { teamConfigSchema } from './team-config-schema';
import { templateLibraryRecordSchema } from './templates';

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
  field: z.enum(['status', 'priority', 'assignee', 'group', 'tags', 'ticket', 'hold']),
  from: z.string().max(2_000).optional(),
  to: z.string().max(2_000).optional(),
  createdAt: epochMs,
});

export type { TeamConfig } from './team-config';
export { teamConfigSchema } from './team-config-schema';

/**
 * "Waiting for" and "promised by" of an On-hold ticket (PRODUCT.md "Tickets"): not label state (a date and a
 * free text make poor labels), so a record; the newest one for a thread is in force.
 */
export const holdRecordSchema = z.object({
  kind: z.literal('hold'),
  id: recordId,
  threadId,
  actor: agent,
  waitingFor: z.string().max(500).optional(),
  promisedBy: epochMs.optional(),
  createdAt: epochMs,
});

/**
 * An agent has a ticket open, or is replying (the collision warning, issue 4). Shared through the mailbox
 * like every record, so another agent sees it after one poll; a presence older than PRESENCE_TTL_MS is
 * stale (the browser was closed without saying so). `threadId` null: the agent left the ticket.
 */
export const presenceRecordSchema = z.object({
  kind: z.literal('presence'),
  id: recordId,
  agent,
  threadId: threadId.nullable(),
  state: z.enum(['viewing', 'replying']),
  createdAt: epochMs,
});
export const PRESENCE_TTL_MS = 3 * 60_000;

export const configRecordSchema = z.object({
  kind: z.literal('config'),
  id: recordId,
  author: agent,
  config: teamConfigSchema,
  createdAt: epochMs,
});
export type ConfigRecord = z.infer<typeof configRecordSchema>;

/** The team's automation settings (src/core/automation-config.ts); the newest record is in force. */
export const automationRecordSchema = z.object({
  kind: z.literal('automation'),
  id: recordId,
  author: agent,
  settings: automationSettingsSchema,
  createdAt: epochMs,
});
export type AutomationRecord = z.infer<typeof automationRecordSchema>;

export const CSAT_RATINGS = ['good', 'okay', 'bad'] as const;
export type CsatRating = (typeof CSAT_RATINGS)[number];

/**
 * A customer's answer to a satisfaction survey, recorded by the runner that read it (issue 6, CSAT). The
 * answer's own message is labelled and archived; this record is what reports and the sidebar read.
 */
export const csatRecordSchema = z.object({
  kind: z.literal('csat'),
  id: recordId,
  threadId,
  rating: z.enum(CSAT_RATINGS),
  /** The optional Customer Effort answer, 1 (very hard) to 5 (very easy). */
  effort: z.number().int().min(1).max(5).optional(),
  /** The customer's own words, quoted text and signature removed. */
  comment: z.string().max(5_000).optional(),
  /** The Gmail id of the answer message, so one answer is recorded once. */
  answerMessageId: threadId,
  /** When the customer answered (the answer's internal date). */
  answeredAt: epochMs,
  createdAt: epochMs,
});
export type CsatRecord = z.infer<typeof csatRecordSchema>;

export const shareRecordSchema = z.discriminatedUnion('kind', [
  automationRecordSchema,
  csatRecordSchema,
  noteRecordSchema,
  activityRecordSchema,
  configRecordSchema,
  holdRecordSchema,
  presenceRecordSchema,
  notifyRecordSchema,
  templateLibraryRecordSchema,
  articleRecordSchema,
]);
export type SharedRecord = z.infer<typeof shareRecordSchema>;
export type NoteRecord = z.infer<typeof noteRecordSchema>;
export type ActivityRecord = z.infer<typeof activityRecordSchema>;
export type HoldRecord = z.infer<typeof holdRecordSchema>;
export type PresenceRecord = z.infer<typeof presenceRecordSchema>;

/** The newest record of a list, ties broken by id, so every browser picks the same one. */
export function newestRecord<R extends { createdAt: number; id: string }>(
  records: readonly R[],
): R | undefined {
  let best: R | undefined;
  for (const r of records) {
    if (!best || r.createdAt > best.createdAt || (r.createdAt === best.createdAt && r.id > best.id)) best = r;
  }
  return best;
}

/** Each agent's newest presence that is not stale at `now`, on `threadId` (all threads when omitted). */
export function currentPresence(
  records: readonly PresenceRecord[],
  now: number,
  threadId?: string,
): PresenceRecord[] {
  const byAgent = new Map<string, PresenceRecord[]>();
  for (const r of records) byAgent.set(r.agent, [...(byAgent.get(r.agent) ?? []), r]);
  const out: PresenceRecord[] = [];
  for (const list of byAgent.values()) {
    const newest = newestRecord(list);
    if (!newest || newest.threadId === null || now - newest.createdAt > PRESENCE_TTL_MS) continue;
    if (threadId === undefined || newest.threadId === threadId) out.push(newest);
  }
  return out.sort((a, b) => a.agent.localeCompare(b.agent));
}

/** The config in force: the newest record, ties broken by id, so every browser picks the same one. */
export function latestConfig(records: readonly ConfigRecord[]): ConfigRecord | undefined {
  return [...records].sort(
    (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  )[0];
}

const envelopeSchema = z.object({ labeldesk: z.literal(RECORD_FORMAT_VERSION), record: z.unknown() });

function base64Lines(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const b64 = btoa(binary);
  return b64.replace(/.{1,76}/g, '$&\r\n');
}

/**
 * A metadata snapshot (issue 3, many agents at once): first-message metadata of one slice of the tickets,
 * published by the agent that fetched it so that the others read one message instead of fetching it all.
 * Only what never changes is shared (subject, requester, created); ticket state always comes from labels.
 */
export const METADATA_SNAPSHOT_KIND = 'metadata-snapshot';
export const SLICE_CLAIM_KIND = 'slice-claim';
/** A slice record holds at most this many tickets: a forged one cannot make a browser store a flood. */
export const SNAPSHOT_MAX_ENTRIES = 5_000;
/** The largest snapshot body read at all (base64url characters, before decoding): about 3 MB of JSON. */
export const SNAPSHOT_MAX_BODY_CHARS = 4_000_000;

/** Tickets are split into `of` slices by a hash of the thread id; every agent computes the same split. */
export const ticketSliceSchema = z
  .object({ index: z.number().int().nonnegative(), of: z.number().int().positive().max(4_096) })
  .refine((slice) => slice.index < slice.of, { message: 'slice index out of range' });
export type TicketSlice = z.infer<typeof ticketSliceSchema>;

export const snapshotEntrySchema = z.object({
  threadId,
  subject: z.string().max(2_000),
  requester: z
    .object({ email: z.string().min(3).max(320).includes('@'), name: z.string().max(400).optional() })
    .optional(),
  createdAt: epochMs,
});
export type SnapshotEntry = z.infer<typeof snapshotEntrySchema>;

export const metadataSnapshotSchema = z.object({
  kind: z.literal(METADATA_SNAPSHOT_KIND),
  id: recordId,
  slice: ticketSliceSchema,
  entries: z.array(snapshotEntrySchema).max(SNAPSHOT_MAX_ENTRIES),
  createdAt: epochMs,
});
export type MetadataSnapshot = z.infer<typeof metadataSnapshotSchema>;

/** "I am fetching this slice": the earliest fresh claim (by Gmail message id) wins; others pick another. */
export const sliceClaimSchema = z.object({
  kind: z.literal(SLICE_CLAIM_KIND),
  id: recordId,
  slice: ticketSliceSchema,
  createdAt: epochMs,
});
export type SliceClaim = z.infer<typeof sliceClaimSchema>;

/** Subject words the records are searched by (`messages.list q=subject:"…"`): no body needs reading. */
export function snapshotSubject(slice?: TicketSlice): string {
  return slice ? `Labeldesk snapshot k${slice.of} s${slice.index}` : 'Labeldesk snapshot';
}
export function claimSubject(slice: TicketSlice): string {
  return `Labeldesk claim k${slice.of} s${slice.index}`;
}

/** The automation runner's lease (src/sync/automation/lease.ts): headers only, read by the lease alone. */
export const RUNNER_LEASE_KIND = 'runner-lease';

/** The coordination kinds: the record book skips them; the shared metadata fetch and the lease read them. */
export function isCoordinationKind(headerValue: string | undefined): boolean {
  const kind = headerValue?.split(';')[0]?.trim().toLowerCase();
  return kind === METADATA_SNAPSHOT_KIND || kind === SLICE_CLAIM_KIND || kind === RUNNER_LEASE_KIND;
}

export function snapshotToRfc822(snapshot: MetadataSnapshot, mailbox: string, now: Date): string {
  const parsed = metadataSnapshotSchema.parse(snapshot);
  return recordMessage(parsed.kind, parsed.id, snapshotSubject(parsed.slice), parsed, mailbox, now);
}

export function claimToRfc822(claim: SliceClaim, mailbox: string, now: Date): string {
  const parsed = sliceClaimSchema.parse(claim);
  return recordMessage(parsed.kind, parsed.id, claimSubject(parsed.slice), parsed, mailbox, now);
}

export type SnapshotReadResult = { ok: true; snapshot: MetadataSnapshot } | { ok: false; problem: string };

/** Reads a snapshot from its decoded body; anything else (a note, a forged or oversized body) is refused. */
export function snapshotFromJson(text: string): SnapshotReadResult {
  if (text.length > SNAPSHOT_MAX_BODY_CHARS) return { ok: false, problem: 'the snapshot is too large' };
  const read = readEnvelope(text, metadataSnapshotSchema, 'snapshot');
  return read.ok ? { ok: true, snapshot: read.value } : read;
}

/**
 * The record as an RFC 5322 message. Every header is ASCII by construction (no customer text reaches a
 * header), and the JSON travels base64-encoded, so no header encoding is needed and nothing in a note
 * can break out of the body.
 */
export function recordToRfc822(record: SharedRecord, mailbox: string, now: Date): string {
  const parsed = shareRecordSchema.parse(record);
  return recordMessage(
    parsed.kind,
    parsed.id,
    parsed.kind === 'config'
      ? 'Labeldesk config'
      : parsed.kind === 'templates'
        ? 'Labeldesk templates'
        : parsed.kind === 'automation'
          ? 'Labeldesk automation'
          : parsed.kind === 'article'
            ? `Labeldesk article ${parsed.articleId}`
            : parsed.kind === 'presence'
              ? `Labeldesk presence ${parsed.threadId ?? 'none'}`
              : `Labeldesk ${parsed.kind} ${parsed.threadId}`, // notes, activity, hold, notify
    parsed,
    mailbox,
    now,
  );
}

function recordMessage(
  kind: string,
  id: string,
  subject: string,
  record: unknown,
  mailbox: string,
  now: Date,
): string {
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(mailbox)) throw new TypeError('The mailbox address must be ASCII');
  const json = JSON.stringify({ labeldesk: RECORD_FORMAT_VERSION, record });
  const headers = [
    `From: Labeldesk <${mailbox}>`,
    `To: ${mailbox}`,
    `Subject: ${subject}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}@labeldesk.invalid>`,
    `${RECORD_HEADER}: ${kind}; v=${RECORD_FORMAT_VERSION}`,
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
  const read = readEnvelope(text, shareRecordSchema, 'record');
  return read.ok ? { ok: true, record: read.value } : read;
}

/** Parses a record body: JSON, our envelope and format version, then the kind's schema; a reason when not. */
function readEnvelope<T>(
  text: string,
  schema: z.ZodType<T>,
  what: string,
): { ok: true; value: T } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, problem: 'not a Labeldesk record of a known format version' };
  const parsed = schema.safeParse(envelope.data.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || what}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data };
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
