/**
 * What each browser keeps in IndexedDB (DESIGN.md section 1: a cache and an outbox, never the only copy).
 * Every record is validated with zod when it is read: a record written by an older version, or damaged,
 * is reported and rebuilt from the mailbox instead of reaching the UI.
 */
import type { DBSchema } from 'idb';
import { z } from 'zod';
import type { SharedRecord } from '../core/records';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../core/ticket';

const epochMs = z.number().int().nonnegative();
const hexThreadId = z.string().regex(/^[0-9a-f]{1,16}$/);
const historyId = z.string().regex(/^\d{1,20}$/);

/** A timeline keeps at most this many customer messages and team replies each (a longer thread is a rarity). */
export const TIMELINE_MAX_MESSAGES = 1_000;
export const TIMELINE_MAX_SOLVES = 200;

export const ticketRecordSchema = z.object({
  threadId: hexThreadId,
  reference: z.string().regex(/^#[0-9A-Z]{6}$/),
  subject: z.string().max(2_000),
  requester: z.object({ email: z.string().max(320), name: z.string().max(400).optional() }).optional(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assignee: z.string().min(1).max(200).optional(),
  group: z.string().min(1).max(200).optional(),
  tags: z
    .array(z.object({ what: z.string().min(1).max(200), why: z.string().min(1).max(200).optional() }))
    .max(100),
  createdAt: epochMs,
  firstResponseAt: epochMs.optional(),
  lastCustomerMessageAt: epochMs.optional(),
  solvedAt: epochMs.optional(),
  slaDueAt: epochMs.optional(),
  /** When the SLA clock turns "at risk" (the policy's share of its business time used); issue 6. */
  slaAtRiskAt: epochMs.optional(),
  /** Every Gmail label id on the thread, as last seen. */
  labelIds: z.array(z.string().max(300)).max(500),
  /** The history id of the thread when these fields were read. */
  historyId: historyId.optional(),
  /** False until message metadata (subject, requester, dates) has been fetched: label membership comes first. */
  hasMetadata: z.boolean(),
  // Derived fields for the indexes; written by the store, never by callers.
  requesterEmail: z.string().optional(),
  requesterDomain: z.string().optional(),
  tagKeys: z.array(z.string()),
  /**
   * 1 while metadata is still to fetch, absent after: IndexedDB leaves a record without the key out of an
   * index, so the `metadataPending` index lists exactly the tickets a poll must fill in, without a scan.
   */
  metadataPending: z.literal(1).optional(),
  /**
   * When each customer message came, each human team reply went out and each solve happened (issue 7's
   * reports), ascending. Absent until the whole thread was read (on demand: `SyncEngine.fetchTimelines`);
   * once present, every poll keeps it up to date for free.
   */
  timeline: z
    .object({
      customer: z.array(epochMs).max(TIMELINE_MAX_MESSAGES),
      team: z.array(epochMs).max(TIMELINE_MAX_MESSAGES),
      solves: z.array(epochMs).max(TIMELINE_MAX_SOLVES),
    })
    .optional(),
  /** 1 while the timeline is still to read, absent after: the `timelinePending` index, as `metadataPending`. */
  timelinePending: z.literal(1).optional(),
  /**
   * The store's change number of the write that stored this row (ticket-store.ts's putTickets): the
   * `changeSeq` index lists the rows written after the reports' facts snapshot was taken. Absent on rows
   * written before version 7.
   */
  changeSeq: z.number().int().nonnegative().optional(),
});
export type TicketRecord = z.infer<typeof ticketRecordSchema>;
export type TicketTimeline = NonNullable<TicketRecord['timeline']>;

/** One row of a queue's sorted index. The key orders the queue; the value points at the ticket. */
export type QueueEntryKey = [
  queue: string,
  priorityOrder: number,
  dueAt: number,
  createdAt: number,
  threadId: string,
];
export interface QueueEntry {
  key: QueueEntryKey;
  threadId: string;
}

export const outboxChangeSchema = z.object({
  seq: z.number().int().positive(),
  threadId: hexThreadId,
  /** Label names, not ids: ids are resolved when the change is sent, so a renamed label is caught then. */
  add: z.array(z.string()).max(100),
  remove: z.array(z.string()).max(100),
  createdAt: epochMs,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: epochMs,
  /** Who asked for the change, for the activity history and for "your change lost" messages. */
  agent: z.string().max(200).optional(),
  lastError: z.string().max(500).optional(),
  /** Set while a flush is sending the change; a stale mark means the sender died and the change is retried. */
  sendingSince: epochMs.optional(),
});
export type OutboxChange = z.infer<typeof outboxChangeSchema>;

export const cursorSchema = z.object({
  name: z.string(),
  historyId,
  updatedAt: epochMs,
});
export type SyncCursor = z.infer<typeof cursorSchema>;

export type AutomationMemoryEntry =
  | { key: string; type: 'sent'; to: string; at: number; kind: string; threadId: string }
  | {
      key: string;
      type: 'status';
      threadId: string;
      status: string;
      since: number;
      /** True when this runner saw the ticket in another status before: `since` is when it changed. */
      changed?: boolean;
    }
  /** Something an automation finished (an acknowledgement checked, an answer read): not looked at again. */
  | { key: string; type: 'handled'; at: number };

/** A shared record as this browser keeps it: the record and the Gmail message that carries it. */
export type StoredSharedRecord = SharedRecord & { messageId: string };

export interface CorruptRecordReport {
  store: 'tickets' | 'outbox' | 'cursors';
  key: string;
  /** zod's issue paths and messages; never the record's content, which may hold mail text. */
  problems: string[];
  at: number;
}

export interface LabeldeskDB extends DBSchema {
  tickets: {
    key: string;
    value: TicketRecord;
    indexes: {
      status: string;
      assignee: string;
      group: string;
      priority: string;
      tag: string;
      slaDue: number;
      requester: string;
      requesterDomain: string;
      metadataPending: number;
      timelinePending: number;
      changeSeq: number;
    };
  };
  queueEntries: {
    key: QueueEntryKey;
    value: QueueEntry;
    indexes: { threadId: string };
  };
  outbox: {
    key: number;
    value: OutboxChange;
    indexes: { threadId: string; nextAttemptAt: number };
  };
  cursors: {
    key: string;
    value: SyncCursor;
  };
  /**
   * How many entries each queue has, kept in the same transaction as the entries: a queue's total is one
   * read, where counting its range would walk every entry (30,000 in a large "All open").
   */
  queueCounts: {
    key: string;
    value: number;
  };
  /** Shared records read from the mailbox (notes, activity), keyed by their writer-chosen id. */
  records: {
    key: string;
    value: StoredSharedRecord;
    indexes: { threadId: string; kind: string };
  };
  /**
   * The automation runner's memory in this browser or worker (issue 6): automatic mail it sent (the
   * per-sender rate limit) and when it first saw a ticket in a status. Hints only: the mailbox stays the truth.
   */
  automationMemory: {
    key: string;
    value: AutomationMemoryEntry;
    indexes: { to: string };
  };
  /**
   * Small values about the store itself, by name: the tickets' change number ('tickets.changeSeq') and the
   * reports' facts snapshot ('reports.facts'). Checked on read like everything else.
   */
  meta: {
    key: string;
    value: unknown;
  };
  /** Threads whose stored record failed validation: sync fetches them again. */
  rebuild: {
    key: string;
    value: CorruptRecordReport;
  };
}
