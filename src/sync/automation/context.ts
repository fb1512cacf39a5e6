/**
 * What every automation of a runner's pass gets (issue 6). One pass of the mailbox's runner (the service
 * worker of one agent's browser, or the Node worker: whoever holds the lease, lease.ts) calls each automation
 * in turn with this context. Automations decide from the store, the shared records and the settings, write
 * ticket changes through the engine's outbox, and send mail only through `sendAutoReply`, which checks the
 * thread in Gmail first so that no customer gets the same automatic email twice.
 */
import type { AutomationSettings } from '../../core/automation-config';
import type { TeamConfig } from '../../core/records';
import type { TemplateLibrary } from '../../core/templates';
import type { TicketStatus } from '../../core/ticket';
import type { SyncCalls } from '../../gmail/api/sync-calls';
import type { PassSummary } from '../../messaging/contract-automation';
import type { LabeldeskDatabase } from '../../store/db';
import type { TicketRecord } from '../../store/schema';
import type { SyncEngine } from '../engine';
import type { RecordBook } from '../record-book';

export type AutoMailKind = 'ack' | 'survey' | 'reminder';

export interface AutoReplyRequest {
  ticket: TicketRecord;
  kind: AutoMailKind;
  /**
   * The episode this mail belongs to (epoch ms): an earlier mail of the same kind in the thread dated at or
   * after it counts as already sent. The acknowledgement's episode is the ticket's creation, a survey's the
   * moment the ticket was solved, a reminder's the moment it went Pending.
   */
  episodeStart: number;
  /** The text and html to send; the subject, threading headers and the automatic-mail headers are added. */
  build(thread: AutoReplyThread): { subject: string; text: string; html?: string };
}

/** What the thread check read: the customer's message to answer (threading) and the language to answer in. */
export interface AutoReplyThread {
  /** The Message-ID header of the newest customer message, for In-Reply-To/References. */
  inReplyTo?: string;
  references: string[];
  /** The Subject of the thread's first message. */
  subject: string;
  customer: { email: string; name?: string };
}

export type AutoReplyOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'already-sent' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'lost-lease' };

/** The runner's memory in this browser (IndexedDB) or worker: hints only, the mailbox stays the truth. */
export interface AutomationMemory {
  /** When the ticket was first seen in this status: from the newest activity record, else from this runner. */
  statusSince(ticket: TicketRecord, status: TicketStatus): Promise<number | undefined>;
  /** Automatic mail this runner sent to an address in the last 24 hours (the per-sender rate limit). */
  sentTo(address: string, since: number): Promise<number>;
  noteSent(address: string, at: number): Promise<void>;
}

export interface PassContext {
  mailbox: string;
  engine: SyncEngine;
  db: LabeldeskDatabase;
  calls: SyncCalls;
  records: RecordBook;
  settings: AutomationSettings;
  team: TeamConfig | undefined;
  library: TemplateLibrary;
  /** The mailbox's clock (Gmail's time, which the stand-in's `POST /__standin/clock` moves in tests). */
  now: number;
  /** False once the lease may have passed to another runner: send nothing more in this pass. */
  holdsLease(): boolean;
  sendAutoReply(request: AutoReplyRequest): Promise<AutoReplyOutcome>;
  memory: AutomationMemory;
  /** Counters of this pass; each automation adds what it did. */
  summary: PassSummary;
  /** What the pass did, for logs: never a mail body, a subject or a token. */
  log(event: { automation: string; threadId?: string; outcome: string }): void;
}

export type Automation = (context: PassContext) => Promise<void>;

/** A pass's counters before it did anything. */
export function emptyPassSummary(at: number): PassSummary {
  return {
    at,
    acknowledged: 0,
    surveys: 0,
    answersRecorded: 0,
    reminders: 0,
    closed: 0,
    escalated: 0,
    rulesApplied: 0,
    skipped: 0,
    unitsUsed: 0,
  };
}
