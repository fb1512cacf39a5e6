/**
 * The sync engine: Gmail ⇄ the store (DESIGN.md section 3).
 *
 * - Full sync by label membership: thread ids per Helpdesk label, 500 a page, rebuild the ticket/label
 *   matrix; message metadata is fetched afterwards, the tickets a queue shows first.
 * - Incremental sync with `history.list` from the stored cursor: 2 units a poll when nothing changed;
 *   a 404 (the cursor expired) runs a full sync, which loses nothing.
 * - Writes go through the outbox: one `threads.modify` per ticket change, batched, one batch in flight.
 *
 * The same code runs in the service worker and in the Node worker; nothing here knows which.
 */

import { type AutomationSettings, defaultAutomationSettings } from '../core/automation-config';
import { createLabelCodec, type LabelCodec, type SingleValuedCategory } from '../core/label-codec';
import { parseMailbox } from '../core/mail-address';
import type { ActivityRecord, AutomationRecord } from '../core/records';
import { slaRowFields } from '../core/sla-policy';
import {
  ACTIVE_STATUSES,
  type TicketLabelState,
  type TicketPriority,
  type TicketStatus,
  type TicketTag,
  tagPath,
} from '../core/ticket';
import { ticketReference } from '../core/ticket-reference';
import { header, type TicketRule } from '../core/ticket-rule';
import { newTicketState, stateAfterArrival } from '../core/triage';
import { GmailApiError } from '../gmail/api/errors';
import type { MessageMetadata, SyncCalls } from '../gmail/api/sync-calls';
import { MAX_BATCH_SIZE } from '../gmail/api/transport';
import { advanceCursor, readCursor } from '../store/cursors';
import type { LabeldeskDatabase } from '../store/db';
import {
  claimDueChanges,
  completeChange,
  enqueueChange,
  failChange,
  pendingChanges,
  STALE_SENDING_MS,
} from '../store/outbox';
import {
  type OutboxChange,
  TIMELINE_MAX_MESSAGES,
  type TicketRecord,
  type TicketTimeline,
} from '../store/schema';
import {
  deleteTicket,
  getTicket,
  getTickets,
  putTicketsLeavingOutInvalid,
  type TicketInput,
  threadsToRebuild,
} from '../store/ticket-store';
import { retryDelayMs } from './backoff';
import { foldHistory, type HistoryRecord, type ThreadChange } from './history-apply';
import { RecordBook } from './record-book';
import { addTime, classifyMessage, isSurveyAnswer, solvesFrom, timelineOf, withSolve } from './timeline';

export const HISTORY_CURSOR = 'history';

/**
 * How often a poll reads the label list again (1 unit). Gmail's history records no label renames, so a
 * label renamed (or deleted) by hand in Gmail is only seen this way; when one of ours changed, the poll
 * rebuilds the ticket/label matrix with a full sync.
 */
export const LABEL_RECHECK_MS = 10 * 60_000;

/**
 * How long after sending a change this browser still tells its agent when another agent's change replaced
 * it: two agents who change one ticket "at the same moment" reach Gmail up to a poll or two apart.
 */
export const OVERRIDE_WINDOW_MS = 60_000;

/** The field values one thread's sent changes put in Gmail, and when the last was sent. */
interface SentValues {
  values: Map<TicketField, string | null>;
  at: number;
}

export interface SyncOptions {
  db: LabeldeskDatabase;
  calls: SyncCalls;
  codec?: LabelCodec;
  now?: () => number;
  random?: () => number;
  /** The mailbox address: needed to write shared records (notes, activity). */
  mailbox?: string;
  /** Called for what a person should know (a change that could not be applied); never with mail content. */
  onNotice?: (notice: SyncNotice) => void;
  /** After this long a change marked as being sent is presumed orphaned by a killed worker and sent again. */
  staleSendingMs?: number;
  /**
   * Triage arriving mail with this rule: a new customer thread in the inbox becomes a New ticket, and a
   * customer's message reopens a Solved or Pending one. Without a rule, sync only mirrors labels.
   */
  triage?: TicketRule | (() => Promise<TicketRule>);
  /**
   * The automation settings in force (issue 6), read synchronously whenever a ticket row is written: its SLA
   * fields follow the team's policy and calendars. Absent, or answering undefined: the newest 'automation'
   * record this engine has read, else the defaults (24 hours around the clock).
   */
  automation?: () => AutomationSettings | undefined;
}

/** The single-valued ticket fields, as the agent sees them; tags merge per label and never override. */
export type TicketField = 'status' | 'priority' | 'assignee' | 'group';

const FIELD_OF: Record<SingleValuedCategory, TicketField> = {
  Status: 'status',
  Priority: 'priority',
  Assignee: 'assignee',
  Group: 'group',
};
const SINGLE_VALUED: readonly SingleValuedCategory[] = ['Status', 'Priority', 'Assignee', 'Group'];

export type SyncNotice =
  | { kind: 'history-expired' }
  | { kind: 'change-rejected'; threadId: string; reason: string }
  /**
   * A change held in the outbox because Gmail will not create a label it needs (the mailbox's label limit):
   * kept, retried, and sent once there is room. Told once per held change, not at every flush.
   */
  | { kind: 'change-waiting'; threadId: string; reason: string }
  | { kind: 'label-conflict'; threadId: string; decisive: boolean }
  /**
   * A change this browser sent reached Gmail, and another agent's later change (by history order) set the
   * same field to another value: theirs stands. `null` means the field was cleared.
   */
  | {
      kind: 'change-overridden';
      threadId: string;
      field: TicketField;
      yours: string | null;
      theirs: string | null;
    }
  | { kind: 'record-unreadable'; messageId: string; problem: string };

export interface FullSyncReport {
  tickets: number;
  removed: number;
  labelsListed: number;
  historyId: string;
}

export interface IncrementalReport {
  fullSync: FullSyncReport | null;
  threadsChanged: number;
  historyId: string;
}

export interface FlushReport {
  sent: number;
  failed: number;
  rejected: number;
  remaining: number;
}

/** Gmail ids carry their creation time in the high bits: a sort key until metadata arrives. */
export function timeFromGmailId(id: string): number {
  try {
    return Number(BigInt(`0x${id}`) >> 20n);
  } catch {
    return 0;
  }
}

class LabelDirectory {
  readonly byId = new Map<string, string>();
  readonly byName = new Map<string, string>();
  constructor(labels: readonly { id: string; name: string }[]) {
    for (const label of labels) {
      this.byId.set(label.id, label.name);
      this.byName.set(label.name.toLowerCase(), label.id);
    }
  }
  nameOf(id: string): string | undefined {
    return this.byId.get(id);
  }
  idOf(name: string): string | undefined {
    return this.byName.get(name.toLowerCase());
  }
}

export class SyncEngine {
  readonly codec: LabelCodec;
  private labels: LabelDirectory | undefined;
  private labelsReadAt = 0;
  private flushing: Promise<FlushReport> | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  /**
   * Per thread, the field values this browser's sent changes put in Gmail and when: if a poll's history ends
   * on another value, the agent is told their change was overridden. Kept for OVERRIDE_WINDOW_MS after the
   * send even when the next poll still shows ours: another agent's change of the same moment may reach Gmail
   * after that poll. Kept in memory: a restarted worker forgets them, which can only miss a notice, never a
   * change.
   */
  private readonly sentValues = new Map<string, SentValues>();
  /** Polls and the store writes after a modify take turns, so an older answer never overwrites a newer one. */
  private turn: Promise<void> = Promise.resolve();
  /**
   * Writers of ticket rows take turns from reading the outbox to writing the row, with no network call in
   * between, so a row's fields always equal its labels with the unsent changes laid over them.
   */
  private storeTurn: Promise<void> = Promise.resolve();
  /** Notes and activity shared through the mailbox; present when the mailbox address is known. */
  readonly records: RecordBook | undefined;
  /** The newest 'automation' record read so far (undefined: none, the defaults apply). */
  private automationRecord: AutomationRecord | undefined;
  private automationLoaded = false;

  constructor(private readonly options: SyncOptions) {
    this.codec = options.codec ?? createLabelCodec();
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.records = options.mailbox
      ? new RecordBook({
          db: options.db,
          calls: options.calls,
          codec: this.codec,
          mailbox: options.mailbox,
          now: this.now,
          recordsLabelId: () => this.recordsLabelId(),
          onUnreadable: (messageId, problem) =>
            options.onNotice?.({ kind: 'record-unreadable', messageId, problem }),
        })
      : undefined;
  }

  private async recordsLabelId(): Promise<string> {
    let id = (await this.directory()).idOf(this.codec.recordsLabel);
    if (id === undefined) id = (await this.loadLabels(true)).idOf(this.codec.recordsLabel);
    if (id === undefined) throw new Error(`The label ${this.codec.recordsLabel} could not be created`);
    return id;
  }

  /**
   * Every ticket row this engine writes carries its SLA fields (due and at-risk times), recomputed from the
   * fields they are derived from and the automation settings in force.
   */
  private async putTickets(tickets: readonly TicketInput[]): Promise<void> {
    const settings = this.automationSettings();
    const refused = await putTicketsLeavingOutInvalid(
      this.db,
      tickets.map((ticket) => {
        const { slaDueAt: _due, slaAtRiskAt: _risk, ...rest } = ticket;
        return { ...rest, ...slaFields(ticket, settings) };
      }),
    );
    // Counted, never described: the refused fields are mail text. The rest of the poll goes on.
    if (refused.length > 0)
      console.warn(`Labeldesk: ${refused.length} ticket(s) the store refused were left out`);
  }

  /** The settings a row is written with: the caller's getter, else the newest record read, else defaults. */
  private automationSettings(): AutomationSettings {
    return this.options.automation?.() ?? this.automationRecord?.settings ?? defaultSettings();
  }

  /**
   * Reads the newest 'automation' record from the store; when it is another one than before, every stored
   * ticket's SLA fields are recomputed, so the queues follow a policy or calendar change at once in every
   * client (browser or worker). Called after each read of the shared records.
   */
  private async followAutomationRecord(): Promise<void> {
    if (!this.records) return;
    const record = await this.records.automation();
    if (this.automationLoaded && record?.id === this.automationRecord?.id) return;
    this.automationRecord = record;
    this.automationLoaded = true;
    await this.recomputeSla();
  }

  /** After a start: the record the stored rows were written with, so rows written before any news follow it. */
  private async loadAutomationRecord(): Promise<void> {
    if (this.automationLoaded || !this.records) return;
    this.automationRecord = await this.records.automation();
    this.automationLoaded = true;
  }

  /**
   * Rewrites the SLA fields of every active ticket (New, Open, Pending, On hold) with the settings in force,
   * 500 rows a transaction. Returns how many rows were written.
   */
  async recomputeSla(): Promise<number> {
    await this.loadAutomationRecord();
    let written = 0;
    for (const status of ACTIVE_STATUSES) {
      const keys = await this.db.getAllKeysFromIndex('tickets', 'status', status);
      for (let i = 0; i < keys.length; i += 500) {
        const chunk = keys.slice(i, i + 500);
        written += await this.inStoreTurn(async () => {
          const rows = (await getTickets(this.db, chunk)).filter((t) => ACTIVE_STATUSES.has(t.status));
          await this.putTickets(rows.map(stripDerived));
          return rows.length;
        });
      }
    }
    return written;
  }

  private get db() {
    return this.options.db;
  }
  private get calls() {
    return this.options.calls;
  }

  /** Reads the mailbox's labels (1 unit) and creates the scheme's static labels that are missing. */
  async loadLabels(create = false): Promise<LabelDirectory> {
    let directory = new LabelDirectory(await this.calls.listLabels());
    if (create) {
      const missing = this.codec.staticLabels().filter((name) => directory.idOf(name) === undefined);
      if (missing.length > 0) {
        for (const name of missing) await this.createLabel(name);
        directory = new LabelDirectory(await this.calls.listLabels());
      }
    }
    this.labels = directory;
    this.labelsReadAt = this.now();
    return directory;
  }

  /** Creates a label; a 409 means another browser created it first, which is what we wanted. */
  private async createLabel(name: string): Promise<void> {
    try {
      await this.calls.createLabel(name, name === this.codec.recordsLabel);
    } catch (error) {
      if (!(error instanceof GmailApiError && error.status === 409)) throw error;
    }
  }

  private async directory(): Promise<LabelDirectory> {
    return this.labels ?? this.loadLabels(true);
  }

  /** Runs `work` after every earlier turn has finished (polls, full syncs, recording a batch's answer). */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private inStoreTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.storeTurn.then(work, work);
    this.storeTurn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Rebuilds every ticket's labels from label membership. Metadata is left for `fetchMetadata`. */
  fullSync(): Promise<FullSyncReport> {
    return this.inTurn(() => this.fullSyncNow());
  }

  private async fullSyncNow(): Promise<FullSyncReport> {
    // The cursor is taken before listing: whatever changes while we list is replayed by the next poll.
    const profile = await this.calls.getProfile();
    const labels = await this.loadLabels(true);
    const membership = new Map<string, Set<string>>();
    let labelsListed = 0;
    for (const [id, name] of labels.byId) {
      if (!this.codec.owns(name) || name.toLowerCase() === this.codec.recordsLabel.toLowerCase()) continue;
      labelsListed += 1;
      let pageToken: string | undefined;
      do {
        const page = await this.calls.listThreadIds(id, pageToken);
        for (const thread of page.threads) {
          const set = membership.get(thread.id) ?? new Set<string>();
          set.add(id);
          membership.set(thread.id, set);
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
    }

    const { writes, removed } = await this.inStoreTurn(() => this.storeMembership(membership, labels));
    await this.records?.readAll();
    await this.followAutomationRecord();
    await advanceCursor(this.db, HISTORY_CURSOR, profile.historyId, this.now());
    return { tickets: writes, removed, labelsListed, historyId: profile.historyId };
  }

  private async storeMembership(
    membership: ReadonlyMap<string, ReadonlySet<string>>,
    labels: LabelDirectory,
  ): Promise<{ writes: number; removed: number }> {
    const stored = new Map((await this.db.getAll('tickets')).map((t) => [t.threadId, t]));
    const outbox = new Map<string, OutboxChange[]>();
    for (const change of (await this.db.getAll('outbox')).sort((a, b) => a.seq - b.seq)) {
      outbox.set(change.threadId, [...(outbox.get(change.threadId) ?? []), change]);
    }
    const writes: TicketInput[] = [];
    let removed = 0;
    for (const [threadId, labelIds] of membership) {
      const names = [...labelIds].map((id) => labels.nameOf(id)).filter((n): n is string => n !== undefined);
      const repair = this.codec.repair(names);
      if (repair.remove.length > 0)
        this.options.onNotice?.({ kind: 'label-conflict', threadId, decisive: false });
      if (repair.state === null) continue;
      const previous = stored.get(threadId);
      const keptLabels = (previous?.labelIds ?? []).filter((id) => !this.codec.owns(labels.nameOf(id) ?? ''));
      const state = await this.withPendingChanges(threadId, repair.state, outbox);
      writes.push(this.ticketFrom(threadId, state, [...keptLabels, ...labelIds], previous));
    }
    for (const threadId of stored.keys()) {
      if (!membership.has(threadId)) {
        await deleteTicket(this.db, threadId);
        removed += 1;
      }
    }
    for (let i = 0; i < writes.length; i += 500) await this.putTickets(writes.slice(i, i + 500));
    return { writes: writes.length, removed };
  }

  /** One poll: replays history since the cursor. Falls back to a full sync when there is no usable cursor. */
  incrementalSync(): Promise<IncrementalReport> {
    return this.inTurn(() => this.pollNow());
  }

  private async pollNow(): Promise<IncrementalReport> {
    await this.loadAutomationRecord();
    const cursor = await readCursor(this.db, HISTORY_CURSOR);
    // Only what was sent before the history is read can be judged against it.
    const sentBefore = new Map(this.sentValues);
    if (!cursor) {
      const report = await this.fullSyncNow();
      return { fullSync: report, threadsChanged: report.tickets, historyId: report.historyId };
    }
    if (this.labels && this.now() - this.labelsReadAt >= LABEL_RECHECK_MS) {
      const before = this.labels;
      const after = await this.loadLabels(false);
      if (this.ownLabelsChanged(before, after)) {
        const report = await this.fullSyncNow();
        return { fullSync: report, threadsChanged: report.tickets, historyId: report.historyId };
      }
    }
    const records: HistoryRecord[] = [];
    let latest = cursor.historyId;
    let pageToken: string | undefined;
    try {
      do {
        const page = await this.calls.listHistory(cursor.historyId, pageToken);
        records.push(...(page.history ?? []));
        latest = page.historyId;
        pageToken = page.nextPageToken;
      } while (pageToken);
    } catch (error) {
      // https://developers.google.com/gmail/api/guides/sync#partial: 404 means the start id is too old.
      if (error instanceof GmailApiError && error.status === 404) {
        this.options.onNotice?.({ kind: 'history-expired' });
        const report = await this.fullSyncNow();
        return { fullSync: report, threadsChanged: report.tickets, historyId: report.historyId };
      }
      throw error;
    }
    if (records.length === 0) {
      // Nothing changed in Gmail; a damaged local copy is still mended (nothing to read when there is none).
      await this.rebuildDamaged();
      await advanceCursor(this.db, HISTORY_CURSOR, latest, this.now());
      return { fullSync: null, threadsChanged: 0, historyId: latest };
    }

    let labels = await this.directory();
    const unknownLabel = records.some((r) =>
      [...(r.labelsAdded ?? []), ...(r.labelsRemoved ?? [])].some((c) =>
        c.labelIds.some((id) => !labels.byId.has(id)),
      ),
    );
    if (unknownLabel) labels = await this.loadLabels(false);

    const threadIds = new Set(
      records.flatMap((r) =>
        [
          ...(r.messagesAdded ?? []),
          ...(r.messagesDeleted ?? []),
          ...(r.labelsAdded ?? []),
          ...(r.labelsRemoved ?? []),
        ].map((c) => c.message.threadId),
      ),
    );
    const { changes, repairs } = await this.inStoreTurn(() =>
      this.storeHistory(records, threadIds, labels, cursor.historyId, sentBefore),
    );
    if (repairs.length > 0) await this.writeRepairs(repairs, labels);
    await this.rebuildDamaged(labels);
    const triage = this.options.triage;
    if (triage) {
      const rule = typeof triage === 'function' ? await triage() : triage;
      await this.triageArrivals(changes.values(), labels, rule);
    }
    const recordsLabel = labels.idOf(this.codec.recordsLabel);
    if (this.records && recordsLabel !== undefined) {
      const newRecords = [...changes.values()].flatMap((c) =>
        c.messagesAdded.filter((m) => m.labelIds.includes(recordsLabel)).map((m) => m.id),
      );
      if (newRecords.length > 0 && (await this.records.read(newRecords)) > 0) {
        await this.followAutomationRecord();
      }
    }
    await advanceCursor(this.db, HISTORY_CURSOR, latest, this.now());
    return { fullSync: null, threadsChanged: changes.size, historyId: latest };
  }

  /** True when a label that is (or was) one of ours was renamed or deleted, which history does not record. */
  private ownLabelsChanged(before: LabelDirectory, after: LabelDirectory): boolean {
    for (const [id, name] of before.byId) {
      const now = after.nameOf(id);
      if (now === name) continue;
      if (this.codec.owns(name) || (now !== undefined && this.codec.owns(now))) return true;
    }
    return false;
  }

  /** Folds a poll's history into the stored tickets; answers the changes and the decisive repairs to write. */
  private async storeHistory(
    records: readonly HistoryRecord[],
    threadIds: ReadonlySet<string>,
    labels: LabelDirectory,
    windowStart: string,
    sentBefore: ReadonlyMap<string, SentValues>,
  ) {
    const stored = new Map((await getTickets(this.db, [...threadIds])).map((t) => [t.threadId, t]));
    const changes = foldHistory(records, (threadId) => {
      const record = stored.get(threadId);
      return record ? new Set(record.labelIds) : undefined;
    });

    const writes: TicketInput[] = [];
    const repairs: { threadId: string; add: string[]; remove: string[] }[] = [];
    for (const change of changes.values()) {
      const previous = stored.get(change.threadId);
      const names = [...change.labelIds]
        .map((id) => labels.nameOf(id))
        .filter((n): n is string => n !== undefined);
      const addedAt = new Map<string, string>();
      for (const [id, historyId] of change.addedAt) {
        const name = labels.nameOf(id);
        if (name) addedAt.set(name, historyId);
      }
      // A label of a known thread that this window did not add was there before the window: it is older
      // than every label the window added, which is evidence too (two such labels stay undecided).
      if (previous) for (const name of names) if (!addedAt.has(name)) addedAt.set(name, windowStart);
      // A thread we have never seen carries labels the window does not show: a full read settles it later.
      const repair = this.codec.repair(names, previous ? addedAt : undefined);
      const pending = await pendingChanges(this.db, change.threadId);
      if (repair.remove.length > 0) {
        this.options.onNotice?.({
          kind: 'label-conflict',
          threadId: change.threadId,
          decisive: repair.decisive,
        });
        // A pending change of ours replaces every other value of what it sets, so it settles the thread.
        if (repair.decisive && repair.state && pending.length === 0) {
          repairs.push({ threadId: change.threadId, ...this.repairChange(repair.state, repair.remove) });
        }
      }
      if (repair.state === null) {
        if (previous) await deleteTicket(this.db, change.threadId);
        continue;
      }
      this.noticeOverridden(change.threadId, repair.state, pending, sentBefore);
      const state = await this.withPendingChanges(change.threadId, repair.state);
      const ticket = this.ticketFrom(change.threadId, state, [...change.labelIds], previous);
      ticket.historyId = change.lastHistoryId;
      // Another agent (or Gmail's history of our own change) solved it: the poll is when this browser knows.
      const timeline = withSolve(ticket.timeline, previous?.status, ticket.status, this.now());
      if (timeline) ticket.timeline = timeline;
      writes.push(ticket);
    }
    await this.putTickets(writes);
    return { changes, repairs };
  }

  /**
   * Tickets whose stored copy failed validation were set aside (store/ticket-store.ts); read their labels
   * from Gmail again (10 units each) and store them anew. A thread Gmail no longer has is forgotten.
   */
  async rebuildDamaged(labels?: LabelDirectory): Promise<number> {
    const damaged = await threadsToRebuild(this.db);
    if (damaged.length === 0) return 0;
    const directory = labels ?? (await this.directory());
    let rebuilt = 0;
    for (let i = 0; i < damaged.length; i += MAX_BATCH_SIZE) {
      const chunk = damaged.slice(i, i + MAX_BATCH_SIZE);
      const results = await this.calls.threadLabels(chunk);
      await this.inStoreTurn(async () => {
        const writes: TicketInput[] = [];
        for (const [index, result] of results.entries()) {
          const threadId = chunk[index] as string;
          if (!result.ok) {
            if (result.error instanceof GmailApiError && result.error.status === 404) {
              await this.db.delete('rebuild', threadId);
            }
            continue;
          }
          const labelIds = [...new Set(result.value.messages.flatMap((m) => m.labelIds))];
          const names = labelIds
            .map((id) => directory.nameOf(id))
            .filter((n): n is string => n !== undefined);
          const state = this.codec.repair(names).state;
          if (!state) {
            await this.db.delete('rebuild', threadId);
            continue;
          }
          const ticket = this.ticketFrom(threadId, state, labelIds, undefined);
          if (result.value.historyId) ticket.historyId = result.value.historyId;
          writes.push(ticket);
        }
        await this.putTickets(writes);
        rebuilt += writes.length;
      });
    }
    return rebuilt;
  }

  /**
   * Mail that arrived in this poll: new customer threads become New tickets, a customer's message reopens
   * a Solved or Pending ticket, and the ticket's response times follow. The changes go through the outbox
   * like an agent's; "New never beats a person's status" keeps a slow browser from undoing triage.
   */
  private async triageArrivals(changes: Iterable<ThreadChange>, labels: LabelDirectory, rule: TicketRule) {
    const recordsLabel = labels.idOf(this.codec.recordsLabel);
    const arrivals = [...changes].filter((c) =>
      c.messagesAdded.some(
        (m) =>
          !m.labelIds.includes('DRAFT') && (recordsLabel === undefined || !m.labelIds.includes(recordsLabel)),
      ),
    );
    if (arrivals.length === 0) return;
    const tickets = new Map(
      (
        await getTickets(
          this.db,
          arrivals.map((c) => c.threadId),
        )
      ).map((t) => [t.threadId, t]),
    );
    // What to read: every new message of a ticket, and the first message of a thread that is not one yet.
    const wanted = new Set<string>();
    for (const change of arrivals) {
      if (tickets.has(change.threadId)) {
        for (const m of change.messagesAdded) if (!m.labelIds.includes('DRAFT')) wanted.add(m.id);
      } else if (change.labelIds.has('INBOX')) {
        wanted.add(change.threadId);
      }
    }
    const ids = [...wanted];
    const metadata = new Map<string, MessageMetadata>();
    for (let i = 0; i < ids.length; i += MAX_BATCH_SIZE) {
      const chunk = ids.slice(i, i + MAX_BATCH_SIZE);
      for (const [index, result] of (await this.calls.messageMetadata(chunk)).entries()) {
        if (result.ok) metadata.set(chunk[index] as string, result.value);
      }
    }
    for (const change of arrivals) {
      const ticket = tickets.get(change.threadId);
      if (!ticket) {
        const first = metadata.get(change.threadId);
        if (!first) continue;
        const state = newTicketState(
          { labelIds: first.labelIds, headers: first.payload.headers },
          [...change.labelIds],
          rule,
        );
        // A customer's answer to a satisfaction survey is recorded by the CSAT automation, never a ticket.
        if (state && !isSurveyAnswer(first)) {
          // A thread born in this window with one message: its timeline is that message, read already.
          const added = change.messagesAdded.filter((m) => !m.labelIds.includes('DRAFT'));
          const whole = added.length === 1 && added[0]?.id === change.threadId;
          const timeline = whole ? timelineOf([first], rule, []) : undefined;
          await this.makeTicket(change.threadId, [...change.labelIds], first, labels, timeline);
        }
        continue;
      }
      // A survey answer that landed in the ticket's own thread neither reopens it nor counts as the customer's.
      const messages = change.messagesAdded
        .map((m) => metadata.get(m.id))
        .filter((m): m is MessageMetadata => !!m && !isSurveyAnswer(m));
      await this.noteResponseTimes(ticket, messages, rule);
      for (const message of messages) {
        const current = (await getTicket(this.db, change.threadId)) ?? ticket;
        const next = stateAfterArrival(
          current,
          { labelIds: message.labelIds, headers: message.payload.headers },
          rule,
        );
        if (next) await this.updateTicket(change.threadId, { status: next.status }, 'Labeldesk');
      }
    }
  }

  /**
   * The assignees, groups and tags the mailbox has labels for (from the label list this browser holds, no
   * call): what the pickers and queues offer before, or beside, the team's own set-up.
   */
  async labelValues(): Promise<{ assignees: string[]; groups: string[]; tags: string[] }> {
    const labels = await this.directory();
    const prefix = `${this.codec.prefix.toLowerCase()}/`;
    const found = { Assignee: new Set<string>(), Group: new Set<string>(), Tag: new Set<string>() };
    for (const name of labels.byId.values()) {
      if (!name.toLowerCase().startsWith(prefix)) continue;
      const [category, ...values] = name.slice(prefix.length).split('/');
      if (values.length === 0 || values.some((v) => v === '')) continue;
      if (category === 'Assignee' || category === 'Group') found[category].add(values[0] as string);
      else if (category === 'Tag' && values.length <= 2) found.Tag.add(values.join('/'));
    }
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
    return { assignees: sorted(found.Assignee), groups: sorted(found.Group), tags: sorted(found.Tag) };
  }

  /**
   * The sidebar's one round trip for a thread this browser has not stored (10 units): a thread whose labels
   * make it a ticket is stored at once, with its first message's metadata; any other thread is described.
   */
  async lookupThread(
    threadId: string,
  ): Promise<
    { kind: 'ticket'; record: TicketRecord } | { kind: 'not-ticket'; subject: string; messageCount: number }
  > {
    const stored = await getTicket(this.db, threadId);
    if (stored) return { kind: 'ticket', record: stored };
    const [thread, labels] = await Promise.all([this.calls.threadSummary(threadId), this.directory()]);
    const labelIds = [...new Set(thread.messages.flatMap((m) => m.labelIds))];
    const names = labelIds.map((id) => labels.nameOf(id)).filter((n): n is string => n !== undefined);
    const state = this.codec.repair(names).state;
    const first = thread.messages[0];
    if (!state || !first) {
      const subject = first ? (header(first.payload.headers, 'Subject') ?? '') : '';
      return { kind: 'not-ticket', subject, messageCount: thread.messages.length };
    }
    // The whole thread is here with the headers that classify its messages: its timeline costs nothing more.
    const [rule, activity] = await Promise.all([this.ticketRule(), this.statusActivity(threadId)]);
    await this.inStoreTurn(async () => {
      if (await getTicket(this.db, threadId)) return; // a poll stored it meanwhile: its copy is as good
      const ticket = this.ticketFrom(threadId, state, labelIds, undefined);
      if (thread.historyId) ticket.historyId = thread.historyId;
      await this.putTickets([this.withTimeline({ ...ticket, tagKeys: [] }, thread.messages, activity, rule)]);
    });
    const record = await getTicket(this.db, threadId);
    if (!record) throw new Error(`The ticket ${threadId} could not be stored`);
    return { kind: 'ticket', record };
  }

  /** "Make ticket": an agent turns a thread the rule passed over into a New ticket. */
  async makeTicketOf(threadId: string, agent: string): Promise<TicketRecord> {
    const found = await this.lookupThread(threadId);
    if (found.kind === 'ticket') return found.record;
    const [thread, labels] = await Promise.all([this.calls.threadSummary(threadId), this.directory()]);
    const first = thread.messages[0];
    if (!first) throw new Error(`The thread ${threadId} has no messages`);
    const labelIds = [...new Set(thread.messages.flatMap((m) => m.labelIds))];
    await this.inStoreTurn(async () => {
      if (!(await getTicket(this.db, threadId))) {
        const placeholder = this.ticketFrom(threadId, { status: 'New', tags: [] }, labelIds, undefined);
        await this.putTickets([withMetadata({ ...placeholder, tagKeys: [] }, first)]);
      }
      return this.queueChange(threadId, (current) => ({ ...current, status: 'New' }), agent, labels);
    });
    const record = await getTicket(this.db, threadId);
    if (!record) throw new Error(`The ticket ${threadId} could not be stored`);
    return record;
  }

  /** A thread the rule accepts becomes a New ticket here at once, and in Gmail when the outbox sends it. */
  private async makeTicket(
    threadId: string,
    labelIds: string[],
    first: MessageMetadata,
    labels: LabelDirectory,
    timeline?: TicketTimeline,
  ) {
    await this.inStoreTurn(async () => {
      if (await getTicket(this.db, threadId)) return null;
      const placeholder: TicketInput = {
        threadId,
        reference: ticketReference(threadId),
        subject: '',
        status: 'New',
        tags: [],
        createdAt: timeFromGmailId(threadId),
        labelIds,
        hasMetadata: false,
      };
      const record = withMetadata({ ...placeholder, tagKeys: [] }, first);
      if (timeline) record.timeline = timeline;
      await this.putTickets([record]);
      return this.queueChange(threadId, { status: 'New', tags: [] }, 'Labeldesk', labels);
    });
  }

  /**
   * The first team reply and the last customer message, from the new messages' dates; a ticket whose timeline
   * was read gets the new messages appended (no call: the poll read them already).
   */
  private async noteResponseTimes(
    ticket: TicketRecord,
    messages: readonly MessageMetadata[],
    rule: TicketRule,
  ) {
    const arrived: { role: 'customer' | 'team'; at: number }[] = [];
    for (const message of messages) {
      const role = classifyMessage(message, rule);
      if (role !== 'neither') arrived.push({ role, at: Number(message.internalDate) });
    }
    if (arrived.length === 0) return;
    await this.inStoreTurn(async () => {
      const current = await getTicket(this.db, ticket.threadId);
      if (!current) return;
      const next = stripDerived(current);
      let timeline = next.timeline;
      for (const { role, at } of arrived) {
        if (role === 'team') {
          if (next.firstResponseAt === undefined || at < next.firstResponseAt) next.firstResponseAt = at;
        } else {
          next.lastCustomerMessageAt = Math.max(next.lastCustomerMessageAt ?? 0, at);
        }
        if (timeline) timeline = { ...timeline, [role]: addTime(timeline[role], at, TIMELINE_MAX_MESSAGES) };
      }
      if (timeline) next.timeline = timeline;
      await this.putTickets([next]);
    });
  }

  /**
   * Reads the timelines reports need (issue 7), newest tickets first, at most `limit` threads: one batched
   * `threads.get` (format=metadata, the classifying headers only; 10 units) per thread. On demand only:
   * every agent reading every thread would spend the mailbox's shared quota. Each thread read stores its
   * timeline, the response times that agree with it, and the first message's metadata if it was missing.
   * Returns how many timelines were stored.
   */
  async fetchTimelines(limit: number): Promise<number> {
    if (!(limit > 0)) return 0;
    const wanted = (await this.threadsWithoutTimeline()).slice(0, limit);
    const rule = await this.ticketRule();
    let stored = 0;
    for (let i = 0; i < wanted.length; i += MAX_BATCH_SIZE) {
      const chunk = wanted.slice(i, i + MAX_BATCH_SIZE);
      // In turn with polls: a message arriving while the thread is read comes with the next poll's history,
      // which then finds the timeline and appends it.
      stored += await this.inTurn(async () => {
        const results = await this.calls.threadTimelines(chunk);
        const activity = await Promise.all(chunk.map((threadId) => this.statusActivity(threadId)));
        return this.inStoreTurn(async () => {
          const rows = new Map((await getTickets(this.db, chunk)).map((t) => [t.threadId, t]));
          const writes: TicketInput[] = [];
          for (const [index, result] of results.entries()) {
            const threadId = chunk[index] as string;
            const record = rows.get(threadId);
            if (!record || record.timeline) continue;
            if (result.ok) {
              writes.push(this.withTimeline(record, result.value.messages, activity[index] ?? [], rule));
            } else if (result.error instanceof GmailApiError && result.error.status === 404) {
              // The thread is gone: keep what the row knows, so it is not asked for again.
              writes.push({
                ...stripDerived(record),
                timeline: knownTimeline(record, activity[index] ?? []),
              });
            }
          }
          await this.putTickets(writes);
          return writes.length;
        });
      });
    }
    return stored;
  }

  /** How many tickets still wait for their timeline, of how many: two counts, no ticket is read. */
  async timelineProgress(): Promise<{ pending: number; total: number }> {
    const [pending, total] = await Promise.all([
      this.db.countFromIndex('tickets', 'timelinePending', 1),
      this.db.count('tickets'),
    ]);
    return { pending, total };
  }

  private withTimeline(
    record: TicketRecord,
    messages: readonly MessageMetadata[],
    activity: readonly ActivityRecord[],
    rule: TicketRule,
  ): TicketInput {
    const sorted = [...messages].sort((a, b) => Number(a.internalDate) - Number(b.internalDate));
    const first = sorted[0];
    const next = first && !record.hasMetadata ? withMetadata(record, first) : stripDerived(record);
    const last = sorted.at(-1);
    const timeline = timelineOf(
      sorted,
      rule,
      solvesFrom(activity, record.status, last && Number(last.internalDate)),
    );
    next.timeline = timeline;
    const firstReply = timeline.team[0];
    if (firstReply !== undefined) next.firstResponseAt = firstReply;
    const lastCustomer = timeline.customer.at(-1);
    if (lastCustomer !== undefined) next.lastCustomerMessageAt = lastCustomer;
    return next;
  }

  /** The thread's status changes recorded as shared activity (read from this browser's store, no call). */
  private async statusActivity(threadId: string): Promise<ActivityRecord[]> {
    const records = await this.db.getAllFromIndex('records', 'threadId', threadId);
    return records.filter(
      (r): r is typeof r & ActivityRecord => r.kind === 'activity' && r.field === 'status',
    );
  }

  /** Thread ids waiting for a timeline, newest first (a Gmail id carries its time: no row is read). */
  private async threadsWithoutTimeline(): Promise<string[]> {
    const keys = await this.db.getAllKeysFromIndex('tickets', 'timelinePending', 1);
    return keys
      .map((key) => ({ id: String(key), at: timeFromGmailId(String(key)) }))
      .sort((a, b) => b.at - a.at)
      .map((k) => k.id);
  }

  /** The rule that tells customers from the team: the triage rule, else the mailbox alone. */
  private async ticketRule(): Promise<TicketRule> {
    const triage = this.options.triage;
    if (triage) return typeof triage === 'function' ? triage() : triage;
    return { teamAddresses: this.options.mailbox ? [this.options.mailbox] : [] };
  }

  /**
   * Fetches first-message metadata (subject, requester, created) for tickets that lack it, in the order
   * given (put the rows on screen first). Returns how many tickets were filled in.
   */
  async fetchMetadata(threadIds?: readonly string[], limit = Number.POSITIVE_INFINITY): Promise<number> {
    let wanted = threadIds ? [...threadIds] : await this.threadsWithoutMetadata();
    wanted = wanted.slice(0, Math.min(wanted.length, limit));
    let filled = 0;
    for (let i = 0; i < wanted.length; i += MAX_BATCH_SIZE) {
      const chunk = wanted.slice(i, i + MAX_BATCH_SIZE);
      const results = await this.calls.firstMessages(chunk);
      const stored = new Map((await getTickets(this.db, chunk)).map((t) => [t.threadId, t]));
      const writes: TicketInput[] = [];
      for (const [index, result] of results.entries()) {
        const threadId = chunk[index] as string;
        const record = stored.get(threadId);
        if (!record) continue;
        if (!result.ok) {
          // The first message is gone (deleted by hand): keep the ticket, mark it read so we stop asking.
          if (result.error instanceof GmailApiError && result.error.status === 404) {
            writes.push({ ...stripDerived(record), hasMetadata: true });
          }
          continue;
        }
        writes.push(withMetadata(record, result.value));
        filled += 1;
      }
      await this.putTickets(writes);
    }
    return filled;
  }

  private async threadsWithoutMetadata(): Promise<string[]> {
    // The index holds only tickets still waiting for metadata: a poll after the first sync reads nothing.
    const waiting = await this.db.getAllFromIndex('tickets', 'metadataPending', 1);
    return waiting.sort((a, b) => b.createdAt - a.createdAt).map((t) => t.threadId);
  }

  /**
   * An agent changes a ticket: the store shows it at once (optimistic) and the outbox carries it to Gmail.
   * Returns the change as queued, for undo.
   */
  async changeTicket(threadId: string, next: TicketLabelState, agent?: string): Promise<OutboxChange | null> {
    const labels = await this.directory();
    return this.inStoreTurn(() => this.queueChange(threadId, next, agent, labels));
  }

  /**
   * Changes only the fields in `patch`, applied to the ticket as this browser knows it at that moment, so a
   * poll that landed after the agent's screen was drawn is never undone by a field the agent did not touch.
   * Prefer it to `changeTicket` whenever the caller knows which fields the agent changed.
   */
  async updateTicket(threadId: string, patch: TicketPatch, agent?: string): Promise<OutboxChange | null> {
    const labels = await this.directory();
    return this.inStoreTurn(() =>
      this.queueChange(threadId, (current) => applyPatch(current, patch), agent, labels),
    );
  }

  private async queueChange(
    threadId: string,
    wanted: TicketLabelState | ((current: TicketLabelState) => TicketLabelState),
    agent: string | undefined,
    labels: LabelDirectory,
  ): Promise<OutboxChange | null> {
    const record = await getTicket(this.db, threadId);
    if (!record) throw new Error(`No ticket ${threadId} in this browser yet`);
    const currentNames = record.labelIds
      .map((id) => labels.nameOf(id))
      .filter((n): n is string => n !== undefined);
    const pending = await pendingChanges(this.db, threadId);
    const effective = this.applyPending(currentNames, pending);
    const next = typeof wanted === 'function' ? wanted(this.codec.repair(effective).state ?? record) : wanted;
    const diff = this.codec.diff(effective, next);
    if (diff.add.length === 0 && diff.remove.length === 0) return null;
    // Removing one value of a field names the value wanted too: if this browser's view held two (a race
    // not yet repaired) and Gmail only the removed one, the modify must not leave the field empty.
    const wantedNames = this.codec.encode(next);
    for (const name of diff.remove) {
      const field = this.fieldOf(name);
      if (!field) continue;
      const keep = wantedNames.find((w) => this.fieldOf(w)?.category === field.category);
      if (keep && !diff.add.some((n) => n.toLowerCase() === keep.toLowerCase())) diff.add.push(keep);
    }
    const queued = await enqueueChange(
      this.db,
      { threadId, ...diff, ...(agent ? { agent } : {}) },
      this.now(),
    );
    const row: TicketInput = { ...stripDerived(record), ...next, ...clearAbsent(next) };
    const timeline = withSolve(record.timeline, record.status, next.status, this.now());
    if (timeline) row.timeline = timeline;
    await this.putTickets([row]);
    return queued;
  }

  /** Sends due outbox changes: at most one batch in flight, whoever calls. */
  flushOutbox(): Promise<FlushReport> {
    if (!this.flushing) {
      this.flushing = this.flushOnce().finally(() => {
        this.flushing = undefined;
      });
    }
    return this.flushing;
  }

  private async flushOnce(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, failed: 0, rejected: 0, remaining: 0 };
    const staleAfter = this.options.staleSendingMs ?? STALE_SENDING_MS;
    // Labels Gmail would not create in this flush (its label limit, an error): their changes wait.
    const refused = new Map<string, unknown>();
    for (;;) {
      let claimed = await claimDueChanges(this.db, this.now(), MAX_BATCH_SIZE, staleAfter);
      if (claimed.length === 0) break;
      let labels = await this.directory();
      const needed = claimed.flatMap((c) => c.add).filter((name) => labels.idOf(name) === undefined);
      if (needed.length > 0) {
        for (const name of new Set(needed)) {
          if (refused.has(name.toLowerCase())) continue;
          try {
            await this.createLabel(name);
          } catch (error) {
            refused.set(name.toLowerCase(), error);
          }
        }
        labels = await this.loadLabels(false);
        claimed = await this.holdChangesWithoutLabels(claimed, labels, refused, report);
        if (claimed.length === 0) break;
      }
      const directory = labels;
      const requests = claimed.map((change) => this.modifyRequest(change.threadId, change, directory));
      const wholeBatchFailed = await this.inTurn(() => this.sendBatch(claimed, requests, report));
      if (wholeBatchFailed) break;
    }
    report.remaining = await this.db.count('outbox');
    return report;
  }

  /**
   * A change that needs a label Gmail refused to create is not sent without it (that would drop part of
   * the change): it stays in the outbox with Gmail's reason as its error, and tries again with backoff. When
   * Gmail will never create it as things stand (the mailbox's label limit), the agent is told it waits, and why.
   */
  private async holdChangesWithoutLabels(
    claimed: readonly OutboxChange[],
    labels: LabelDirectory,
    refused: ReadonlyMap<string, unknown>,
    report: FlushReport,
  ): Promise<OutboxChange[]> {
    const ready: OutboxChange[] = [];
    for (const change of claimed) {
      const missing = change.add.find((name) => labels.idOf(name) === undefined);
      if (missing === undefined) {
        ready.push(change);
        continue;
      }
      const error = refused.get(missing.toLowerCase());
      const reason = `Gmail did not create the label "${missing}": ${describe(error ?? 'it is missing')}`;
      await failChange(this.db, change.seq, reason, this.now() + retryDelayMs(change.attempts, this.random));
      report.failed += 1;
      // Once per held change, not at every flush: the error stored with it says whether an earlier flush
      // (in this worker or one before a restart) held it for the same reason, and so told already. A later
      // change to the thread is a new outbox entry (a held change is never merged into), told anew.
      const told = change.lastError === reason.slice(0, 500);
      if (error instanceof GmailApiError && !error.retryable && !told)
        this.options.onNotice?.({ kind: 'change-waiting', threadId: change.threadId, reason });
    }
    return ready;
  }

  /**
   * One `threads.modify` for a change. Setting a single-valued field also removes every other value of it
   * that the mailbox has a label for, not only the one this browser saw: Gmail applies a modify
   * atomically, so two agents racing leave the last one's value alone instead of two status labels.
   */
  private modifyRequest(
    threadId: string,
    change: { add: readonly string[]; remove: readonly string[] },
    labels: LabelDirectory,
  ): { threadId: string; addLabelIds: string[]; removeLabelIds: string[] } {
    const addLabelIds = change.add.map((n) => labels.idOf(n)).filter((id): id is string => id !== undefined);
    const setting = new Set<SingleValuedCategory>();
    for (const name of change.add) {
      const field = this.fieldOf(name);
      if (field) setting.add(field.category);
    }
    // A label that no longer exists is already off the thread.
    const remove = new Set(
      change.remove.map((n) => labels.idOf(n)).filter((id): id is string => id !== undefined),
    );
    if (setting.size > 0) {
      for (const [id, name] of labels.byId) {
        const field = this.fieldOf(name);
        if (field && setting.has(field.category)) remove.add(id);
      }
    }
    for (const id of addLabelIds) remove.delete(id);
    return { threadId, addLabelIds, removeLabelIds: [...remove] };
  }

  /**
   * Lays unsent changes over a thread's labels the way Gmail will apply them when they are sent: adding a
   * value of a single-valued field replaces every other value of it (see the modify request above). Without
   * this, a view that still held the old value showed two, and the next click's repair picked the wrong one.
   */
  private applyPending(
    names: readonly string[],
    changes: readonly Pick<OutboxChange, 'add' | 'remove'>[],
  ): string[] {
    const set = new Map(names.map((n) => [n.toLowerCase(), n]));
    for (const change of changes) {
      for (const name of change.remove) set.delete(name.toLowerCase());
      for (const name of change.add) {
        const field = this.fieldOf(name);
        if (field) {
          for (const [key, existing] of set)
            if (this.fieldOf(existing)?.category === field.category) set.delete(key);
        }
        set.set(name.toLowerCase(), name);
      }
    }
    return [...set.values()];
  }

  /** The single-valued field a label name sets, if it is one of ours. */
  private fieldOf(name: string): { category: SingleValuedCategory; value: string } | undefined {
    const seen = this.codec.decode([name]).seen;
    for (const category of SINGLE_VALUED) {
      const value = seen[category][0];
      if (value !== undefined) return { category, value };
    }
    return undefined;
  }

  /** Sends one batch and records its answers; true when the whole batch failed and the flush should stop. */
  private async sendBatch(
    claimed: readonly OutboxChange[],
    requests: Parameters<SyncCalls['modifyThreads']>[0],
    report: FlushReport,
  ): Promise<boolean> {
    let results: Awaited<ReturnType<SyncCalls['modifyThreads']>>;
    try {
      results = await this.calls.modifyThreads(requests);
    } catch (error) {
      // The whole batch could not be sent (network down, retries used up): every change waits its turn.
      for (const change of claimed) {
        await failChange(
          this.db,
          change.seq,
          describe(error),
          this.now() + retryDelayMs(change.attempts, this.random),
        );
      }
      report.failed += claimed.length;
      return true;
    }
    const rejected: string[] = [];
    for (const [i, result] of results.entries()) {
      const change = claimed[i] as OutboxChange;
      if (result.ok) {
        await completeChange(this.db, change.seq);
        this.rememberSent(change);
        await this.recordServerLabels(change.threadId, result.value.messages);
        report.sent += 1;
        continue;
      }
      const error = result.error;
      if (error instanceof GmailApiError && !error.retryable) {
        // Gmail will never accept it (the thread was deleted, a label id is invalid): say so, drop it.
        await completeChange(this.db, change.seq);
        rejected.push(change.threadId);
        report.rejected += 1;
        this.options.onNotice?.({
          kind: 'change-rejected',
          threadId: change.threadId,
          reason: error.message,
        });
      } else {
        await failChange(
          this.db,
          change.seq,
          describe(error),
          this.now() + retryDelayMs(change.attempts, this.random),
        );
        report.failed += 1;
      }
    }
    if (rejected.length > 0) await this.rereadThreads(rejected);
    return false;
  }

  /**
   * The store showed a rejected change at once; show the thread as Gmail has it again (10 units a thread,
   * rejections are rare). Should the read fail, the next change to the thread or a full sync settles it.
   */
  private async rereadThreads(threadIds: readonly string[]): Promise<void> {
    let results: Awaited<ReturnType<SyncCalls['threadLabels']>>;
    try {
      results = await this.calls.threadLabels(threadIds);
    } catch {
      return;
    }
    for (const [i, result] of results.entries()) {
      if (result.ok) await this.recordServerLabels(threadIds[i] as string, result.value.messages);
    }
  }

  /** Notes which field values a sent change put in Gmail, for the next poll to compare with. */
  private rememberSent(change: Pick<OutboxChange, 'threadId' | 'add' | 'remove'>): void {
    const values = new Map(this.sentValues.get(change.threadId)?.values);
    for (const name of change.remove) {
      const field = this.fieldOf(name);
      if (field) values.set(FIELD_OF[field.category], null);
    }
    for (const name of change.add) {
      const field = this.fieldOf(name);
      if (field) values.set(FIELD_OF[field.category], field.value);
    }
    if (values.size === 0) return;
    // A new map each time, so a poll that judged the old one does not forget the new one.
    this.sentValues.delete(change.threadId);
    this.sentValues.set(change.threadId, { values, at: this.now() });
    if (this.sentValues.size > 5_000) {
      const oldest = this.sentValues.keys().next().value;
      if (oldest !== undefined) this.sentValues.delete(oldest);
    }
  }

  /**
   * Field by field, after a poll: a value this browser sent that Gmail's history has since replaced, and
   * that no unsent change of ours is about to set again, lost to another agent's later change.
   */
  private noticeOverridden(
    threadId: string,
    server: TicketLabelState,
    pending: readonly OutboxChange[],
    sentBefore: ReadonlyMap<string, SentValues>,
  ): void {
    const sent = sentBefore.get(threadId);
    if (!sent) return;
    let told = false;
    const pendingFields = new Set<TicketField>();
    for (const name of pending.flatMap((c) => [...c.add, ...c.remove])) {
      const field = this.fieldOf(name);
      if (field) pendingFields.add(FIELD_OF[field.category]);
    }
    for (const [field, yours] of sent.values) {
      if (pendingFields.has(field)) continue;
      const theirs = server[field] ?? null;
      if ((theirs ?? '').toLowerCase() === (yours ?? '').toLowerCase()) continue;
      this.options.onNotice?.({ kind: 'change-overridden', threadId, field, yours, theirs });
      told = true;
    }
    const settled = told || this.now() - sent.at >= OVERRIDE_WINDOW_MS;
    if (settled && this.sentValues.get(threadId) === sent) this.sentValues.delete(threadId);
  }

  /** The change that settles a decisive conflict: the winners set again, the losers removed. */
  private repairChange(
    state: TicketLabelState,
    remove: readonly string[],
  ): { add: string[]; remove: string[] } {
    const categories = new Set(
      remove.map((n) => this.fieldOf(n)?.category).filter((c): c is SingleValuedCategory => c !== undefined),
    );
    // The winner is named even though it is there: should someone remove it meanwhile, it comes back.
    const add = this.codec.encode(state).filter((n) => {
      const field = this.fieldOf(n);
      return field !== undefined && categories.has(field.category);
    });
    return { add, remove: [...remove] };
  }

  /**
   * Writes decisive repairs back to Gmail at once. Every browser that reads the same history picks the same
   * winner, so two browsers writing one repair write the same labels and cannot undo each other; a repair
   * that stood on a fixed precedence instead of history is only shown, never written.
   */
  private async writeRepairs(
    repairs: readonly { threadId: string; add: string[]; remove: string[] }[],
    labels: LabelDirectory,
  ): Promise<void> {
    for (let i = 0; i < repairs.length; i += MAX_BATCH_SIZE) {
      const chunk = repairs.slice(i, i + MAX_BATCH_SIZE);
      let results: Awaited<ReturnType<SyncCalls['modifyThreads']>>;
      try {
        results = await this.calls.modifyThreads(chunk.map((r) => this.modifyRequest(r.threadId, r, labels)));
      } catch {
        // Not sent: the store shows the repaired state, and the next change to the thread settles Gmail.
        continue;
      }
      for (const [index, result] of results.entries()) {
        const repair = chunk[index];
        if (repair && result.ok) await this.recordServerLabels(repair.threadId, result.value.messages);
      }
    }
  }

  /** After a successful modify, Gmail's answer holds every message's labels: the thread's true set. */
  private async recordServerLabels(
    threadId: string,
    messages: { labelIds: string[] }[] | undefined,
  ): Promise<void> {
    if (!messages) return;
    const labels = await this.directory();
    await this.inStoreTurn(async () => {
      const record = await getTicket(this.db, threadId);
      if (!record) return;
      const labelIds = [...new Set(messages.flatMap((m) => m.labelIds))];
      const names = labelIds.map((id) => labels.nameOf(id)).filter((n): n is string => n !== undefined);
      const state = this.codec.repair(names).state;
      if (!state) return;
      const shown = await this.withPendingChanges(threadId, state);
      await this.putTickets([{ ...stripDerived(record), ...shown, ...clearAbsent(shown), labelIds }]);
    });
  }

  /**
   * The server's state with this browser's unsent changes laid over it, field by field: the agent keeps
   * seeing what they did until Gmail has it, and every other field follows the server.
   */
  private async withPendingChanges(
    threadId: string,
    server: TicketLabelState,
    preloaded?: ReadonlyMap<string, OutboxChange[]>,
  ): Promise<TicketLabelState> {
    const pending = preloaded ? (preloaded.get(threadId) ?? []) : await pendingChanges(this.db, threadId);
    if (pending.length === 0) return server;
    const names = this.applyPending(this.codec.encode(server), pending);
    return this.codec.repair(names).state ?? server;
  }

  private ticketFrom(
    threadId: string,
    state: TicketLabelState,
    labelIds: string[],
    previous: TicketRecord | undefined,
  ): TicketInput {
    const base: TicketInput = previous
      ? stripDerived(previous)
      : {
          threadId,
          reference: ticketReference(threadId),
          subject: '',
          status: state.status,
          tags: [],
          createdAt: timeFromGmailId(threadId),
          labelIds: [],
          hasMetadata: false,
        };
    const next: TicketInput = { ...base, ...state, labelIds: [...new Set(labelIds)] };
    if (state.priority === undefined) delete next.priority;
    if (state.assignee === undefined) delete next.assignee;
    if (state.group === undefined) delete next.group;
    return next;
  }
}

/** The fields an agent changed: `null` clears a field, tags are added and removed one by one. */
export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority | null;
  assignee?: string | null;
  group?: string | null;
  addTags?: readonly TicketTag[];
  removeTags?: readonly TicketTag[];
}

export function applyPatch(current: TicketLabelState, patch: TicketPatch): TicketLabelState {
  const next: TicketLabelState = { ...current, tags: [...current.tags] };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.priority === null) delete next.priority;
  else if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.assignee === null) delete next.assignee;
  else if (patch.assignee !== undefined) next.assignee = patch.assignee;
  if (patch.group === null) delete next.group;
  else if (patch.group !== undefined) next.group = patch.group;
  const key = (t: TicketTag) => tagPath(t).toLowerCase();
  const removed = new Set((patch.removeTags ?? []).map(key));
  next.tags = next.tags.filter((t) => !removed.has(key(t)));
  for (const tag of patch.addTags ?? []) if (!next.tags.some((t) => key(t) === key(tag))) next.tags.push(tag);
  return next;
}

let defaults: AutomationSettings | undefined;
function defaultSettings(): AutomationSettings {
  defaults ??= defaultAutomationSettings();
  return defaults;
}

/** A row's SLA fields under the settings in force (src/core/sla-policy.ts); none when no clock runs. */
function slaFields(
  ticket: TicketInput,
  settings: AutomationSettings,
): { slaDueAt?: number; slaAtRiskAt?: number } {
  return slaRowFields(ticket, settings);
}

function stripDerived(record: TicketRecord): TicketInput {
  // Everything else, the timeline included, is carried over: a re-read of labels never drops what was read.
  const {
    requesterEmail: _e,
    requesterDomain: _d,
    tagKeys: _t,
    metadataPending: _m,
    timelinePending: _p,
    ...input
  } = record;
  return input;
}

/** Spreading a state does not remove a field it lacks: these make "no assignee" overwrite an old one. */
function clearAbsent(state: TicketLabelState): Partial<TicketInput> {
  const cleared: Partial<TicketInput> = {};
  if (state.priority === undefined) cleared.priority = undefined;
  if (state.assignee === undefined) cleared.assignee = undefined;
  if (state.group === undefined) cleared.group = undefined;
  return cleared;
}

function withMetadata(record: TicketRecord, message: MessageMetadata): TicketInput {
  const headers = message.payload.headers;
  const from = parseMailbox(header(headers, 'Reply-To')) ?? parseMailbox(header(headers, 'From'));
  const next: TicketInput = {
    ...stripDerived(record),
    subject: (header(headers, 'Subject') ?? '').slice(0, 2_000),
    createdAt: Number(message.internalDate),
    hasMetadata: true,
  };
  if (from) next.requester = from;
  if (next.lastCustomerMessageAt === undefined) next.lastCustomerMessageAt = next.createdAt;
  return next;
}

/** A timeline from the row alone (its thread is gone): the first message, the first reply, recorded solves. */
function knownTimeline(record: TicketRecord, activity: readonly ActivityRecord[]): TicketTimeline {
  const customer = [record.createdAt];
  if (record.lastCustomerMessageAt !== undefined && record.lastCustomerMessageAt > record.createdAt)
    customer.push(record.lastCustomerMessageAt);
  return {
    customer,
    team: record.firstResponseAt !== undefined ? [record.firstResponseAt] : [],
    solves: solvesFrom(activity, record.status, undefined),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
