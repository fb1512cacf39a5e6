/**
 * The shared records of a mailbox, as this browser knows them: written with `messages.insert` under the
 * hidden records label, read back by every other agent after one sync (DESIGN.md section 1).
 */

import type { AutomationSettings } from '../core/automation-config';
import type { ArticleDraft, ArticleRecord } from '../core/knowledge/articles';
import type { LabelCodec } from '../core/label-codec';
import type { NotifyRecord } from '../core/macros';
import {
  type ActivityRecord,
  type AutomationRecord,
  type ConfigRecord,
  type CsatRecord,
  claimSubject,
  claimToRfc822,
  currentPresence,
  type HoldRecord,
  isCoordinationKind,
  latestConfig,
  METADATA_SNAPSHOT_KIND,
  type MetadataSnapshot,
  type NoteRecord,
  newestRecord,
  type PresenceRecord,
  RECORD_HEADER,
  recordFromJson,
  recordToRfc822,
  type SharedRecord,
  SLICE_CLAIM_KIND,
  type SliceClaim,
  SNAPSHOT_MAX_BODY_CHARS,
  type SnapshotReadResult,
  snapshotFromJson,
  snapshotSubject,
  snapshotToRfc822,
  type TeamConfig,
  type TicketSlice,
} from '../core/records';
import type { TemplateLibrary, TemplateLibraryRecord } from '../core/templates';
import { GmailApiError } from '../gmail/api/errors';
import { fromBase64Url, messageIdPageSchema, type SyncCalls, UNITS } from '../gmail/api/sync-calls';
import { MAX_BATCH_SIZE } from '../gmail/api/transport';
import type { LabeldeskDatabase } from '../store/db';
import type { StoredSharedRecord } from '../store/schema';

export interface RecordBookOptions {
  db: LabeldeskDatabase;
  calls: SyncCalls;
  codec: LabelCodec;
  mailbox: string;
  recordsLabelId: () => Promise<string>;
  now?: () => number;
  newId?: () => string;
  /** A record that could not be read: which message, and why (never its content). */
  onUnreadable?: (messageId: string, problem: string) => void;
}

type NewNote = Omit<NoteRecord, 'kind' | 'id' | 'createdAt'>;
type NewActivity = Omit<ActivityRecord, 'kind' | 'id' | 'createdAt'>;
type NewHold = Omit<HoldRecord, 'kind' | 'id' | 'createdAt'>;
type NewPresence = Omit<PresenceRecord, 'kind' | 'id' | 'createdAt'>;
type NewNotify = Omit<NotifyRecord, 'kind' | 'id' | 'createdAt'>;

/** Notes and activity only: the coordination records are found by their own searches. */
const SHARED_RECORDS_QUERY =
  '-subject:"Labeldesk snapshot" -subject:"Labeldesk claim" -subject:"Labeldesk lease"';

export type SnapshotRead = { messageId: string } & SnapshotReadResult;

export class RecordBook {
  private readonly now: () => number;
  private readonly newId: () => string;
  /** Snapshot and claim messages this browser already knows of: a history poll need not read them again. */
  private readonly coordination = new Set<string>();
  /** This browser's last presence message, trashed when the next one is written. */
  private ownPresence: string | undefined;

  constructor(private readonly options: RecordBookOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  addNote(note: NewNote): Promise<StoredSharedRecord> {
    return this.write({ kind: 'note', id: this.newId(), createdAt: this.now(), ...note });
  }

  addActivity(activity: NewActivity): Promise<StoredSharedRecord> {
    return this.write({ kind: 'activity', id: this.newId(), createdAt: this.now(), ...activity });
  }

  /** Several activity records (one per field an agent changed), written one after the other. */
  async addActivities(activities: readonly NewActivity[]): Promise<StoredSharedRecord[]> {
    const written: StoredSharedRecord[] = [];
    for (const activity of activities) written.push(await this.addActivity(activity));
    return written;
  }

  addHold(hold: NewHold): Promise<StoredSharedRecord> {
    return this.write({ kind: 'hold', id: this.newId(), createdAt: this.now(), ...hold });
  }

  /** The hold details in force for a thread: its newest hold record. */
  async holdOf(threadId: string): Promise<HoldRecord | undefined> {
    const records = await this.options.db.getAllFromIndex('records', 'threadId', threadId);
    return newestRecord(records.filter((r): r is StoredSharedRecord & HoldRecord => r.kind === 'hold'));
  }

  /**
   * Says where this agent is. The agent's previous presence message goes to the trash (5 units) so the
   * records label does not fill with them; other browsers keep their copy until it goes stale.
   */
  async setPresence(presence: NewPresence): Promise<StoredSharedRecord> {
    const previous = this.ownPresence;
    const stored = await this.write({
      kind: 'presence',
      id: this.newId(),
      createdAt: this.now(),
      ...presence,
    });
    this.ownPresence = stored.messageId;
    if (previous !== undefined) {
      await this.options.calls.trashMessage(previous).catch(() => undefined); // already gone: nothing to tidy
    }
    await this.forgetStalePresence();
    return stored;
  }

  /**
   * The stored records of one kind, by the 'kind' index: a mailbox holds thousands of answers, notes and
   * activity records, and each of these reads wants a handful (the reports page shares this database).
   */
  private ofKind(kind: SharedRecord['kind']): Promise<StoredSharedRecord[]> {
    return this.options.db.getAllFromIndex('records', 'kind', kind);
  }

  /** Other agents' current presence on a thread (or on any thread), newest per agent, stale ones left out. */
  async presence(threadId?: string): Promise<PresenceRecord[]> {
    const all = await this.ofKind('presence');
    return currentPresence(
      all.filter((r): r is StoredSharedRecord & PresenceRecord => r.kind === 'presence'),
      this.now(),
      threadId,
    );
  }

  /** Local copies of presence records past their time: they only cost space. */
  private async forgetStalePresence(): Promise<void> {
    const all = await this.ofKind('presence');
    const now = this.now();
    const stale = all.filter((r) => r.kind === 'presence' && now - r.createdAt > 10 * 60_000);
    await Promise.all(stale.map((r) => this.options.db.delete('records', r.id)));
  }

  /** Publishes a new team config; it is in force for every agent once they have synced. */
  setConfig(config: TeamConfig, author: string): Promise<StoredSharedRecord> {
    return this.write({ kind: 'config', id: this.newId(), createdAt: this.now(), author, config });
  }

  /** The team config in force, as far as this browser has read: the newest config record. */
  async config(): Promise<TeamConfig | undefined> {
    const all = await this.ofKind('config');
    const configs = all.filter((r): r is StoredSharedRecord & ConfigRecord => r.kind === 'config');
    return latestConfig(configs)?.config;
  }

  /**
   * Publishes the team's whole reply library (templates, text shortcuts, macros) as one new record; it is in
   * force for every agent once they have synced, and the newest one wins (two saves never interleave).
   */
  setLibrary(library: TemplateLibrary, author: string): Promise<StoredSharedRecord> {
    return this.write({ kind: 'templates', id: this.newId(), createdAt: this.now(), author, library });
  }

  /** The reply library in force, as far as this browser has read: the newest 'templates' record. */
  async library(): Promise<TemplateLibraryRecord | undefined> {
    const all = await this.ofKind('templates');
    return newestRecord(
      all.filter((r): r is StoredSharedRecord & TemplateLibraryRecord => r.kind === 'templates'),
    );
  }

  /** Publishes the team's automation settings; the newest record is in force once every runner has synced. */
  setAutomation(settings: AutomationSettings, author: string): Promise<StoredSharedRecord> {
    return this.write({ kind: 'automation', id: this.newId(), createdAt: this.now(), author, settings });
  }

  /** The automation settings record in force, as far as this browser has read (undefined: defaults apply). */
  async automation(): Promise<AutomationRecord | undefined> {
    const all = await this.ofKind('automation');
    return newestRecord(
      all.filter((r): r is StoredSharedRecord & AutomationRecord => r.kind === 'automation'),
    );
  }

  /** Records a customer's answer to a satisfaction survey (issue 6); every agent reads it after one sync. */
  addCsat(answer: Omit<CsatRecord, 'kind' | 'id' | 'createdAt'>): Promise<StoredSharedRecord> {
    return this.write({ kind: 'csat', id: this.newId(), createdAt: this.now(), ...answer });
  }

  /** The survey answers recorded for a ticket, oldest first. */
  async csat(threadId: string): Promise<CsatRecord[]> {
    const records = await this.options.db.getAllFromIndex('records', 'threadId', threadId);
    return records
      .filter((r): r is StoredSharedRecord & CsatRecord => r.kind === 'csat')
      .sort((a, b) => a.answeredAt - b.answeredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Every answer a requester gave, over all their tickets, newest first (the sidebar's customer history). */
  async csatOfRequester(email: string): Promise<(CsatRecord & { reference?: string })[]> {
    const tickets = await this.options.db.getAllFromIndex('tickets', 'requester', email.trim().toLowerCase());
    const out: (CsatRecord & { reference?: string })[] = [];
    for (const ticket of tickets) {
      for (const answer of await this.csat(ticket.threadId))
        out.push({ ...answer, reference: ticket.reference });
    }
    return out.sort((a, b) => b.answeredAt - a.answeredAt);
  }

  /** Tells an agent that a macro gave them a ticket; their browser shows it after its next poll. */
  addNotify(notify: NewNotify): Promise<StoredSharedRecord> {
    return this.write({ kind: 'notify', id: this.newId(), createdAt: this.now(), ...notify });
  }

  /** Every notification record this browser has read, oldest first. */
  async notifications(): Promise<NotifyRecord[]> {
    const all = await this.ofKind('notify');
    return all
      .filter((r): r is StoredSharedRecord & NotifyRecord => r.kind === 'notify')
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Every knowledge-base article record this browser holds, every version and deletion (issue 7);
   * `currentArticles` picks the articles in force.
   */
  async articles(): Promise<ArticleRecord[]> {
    const records = await this.options.db.getAllFromIndex('records', 'kind', 'article');
    return records
      .filter((r): r is StoredSharedRecord & ArticleRecord => r.kind === 'article')
      .map(withoutMessageId);
  }

  /** Saves an article as a new version (a new article when the draft has no id); every agent reads it. */
  async addArticle(draft: ArticleDraft, author: string): Promise<ArticleRecord> {
    const { articleId, ...rest } = draft;
    const record: ArticleRecord = {
      kind: 'article',
      id: this.newId(),
      ...rest,
      articleId: articleId ?? this.newId(),
      author,
      createdAt: articleId === undefined ? this.now() : await this.articleTime(articleId),
    };
    await this.write(record);
    return record;
  }

  /** Removes an article: a copy of its version in force marked deleted (saving that version again is the undo). */
  async deleteArticle(current: ArticleRecord, author: string): Promise<ArticleRecord> {
    const { messageId: _m, ...version } = current as ArticleRecord & { messageId?: string };
    const record: ArticleRecord = {
      ...version,
      id: this.newId(),
      author,
      deleted: true,
      createdAt: await this.articleTime(current.articleId),
    };
    await this.write(record);
    return record;
  }

  /** Now, or just after the article's newest version when the clock has not passed it: the new one wins. */
  private async articleTime(articleId: string): Promise<number> {
    const newest = (await this.articles())
      .filter((a) => a.articleId === articleId)
      .reduce((latest, a) => Math.max(latest, a.createdAt), -1);
    return Math.max(this.now(), newest + 1);
  }

  /** Inserts the record into the mailbox, then keeps the local copy: nothing is local-only. */
  private async write(record: SharedRecord): Promise<StoredSharedRecord> {
    const raw = recordToRfc822(record, this.options.mailbox, new Date(record.createdAt));
    const labelId = await this.options.recordsLabelId();
    const inserted = await this.options.calls.insertMessage(raw, [labelId]);
    const stored: StoredSharedRecord = { ...record, messageId: inserted.id };
    await this.options.db.put('records', stored);
    return stored;
  }

  /** Reads every note and activity record this browser does not hold yet (a full sync). */
  async readAll(): Promise<number> {
    const known = new Set((await this.options.db.getAll('records')).map((r) => r.messageId));
    const ids = await this.searchRecords(SHARED_RECORDS_QUERY);
    return this.read(ids.filter((id) => !known.has(id)));
  }

  /** Record message ids matching a search, newest first, every page (5 units a page of 500). */
  private async searchRecords(q: string): Promise<string[]> {
    const labelId = await this.options.recordsLabelId();
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.options.calls.transport.call({
        method: 'GET',
        path: '/messages',
        query: { labelIds: labelId, q, maxResults: 500, pageToken, fields: 'messages/id,nextPageToken' },
        schema: messageIdPageSchema,
        units: UNITS.messagesList,
      });
      for (const message of page.messages) ids.push(message.id);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return ids;
  }

  /** The hidden records label's id: history polls look for it on new messages. */
  recordsLabelId(): Promise<string> {
    return this.options.recordsLabelId();
  }

  /** Every metadata snapshot message in the mailbox, newest first. */
  async listSnapshots(): Promise<string[]> {
    const ids = await this.searchRecords(`subject:"${snapshotSubject()}"`);
    for (const id of ids) this.coordination.add(id);
    return ids;
  }

  /** Claims on one slice made in the last day, newest first (Gmail's `newer_than` counts whole days). */
  async listClaims(slice: TicketSlice): Promise<string[]> {
    const ids = await this.searchRecords(`subject:"${claimSubject(slice)}" newer_than:1d`);
    for (const id of ids) this.coordination.add(id);
    return ids;
  }

  /** Publishes a slice's metadata; returns the Gmail message id. */
  async writeSnapshot(snapshot: Omit<MetadataSnapshot, 'kind' | 'id' | 'createdAt'>): Promise<string> {
    const record: MetadataSnapshot = {
      kind: METADATA_SNAPSHOT_KIND,
      id: this.newId(),
      createdAt: this.now(),
      ...snapshot,
    };
    return this.insert(snapshotToRfc822(record, this.options.mailbox, new Date(record.createdAt)));
  }

  /** Claims a slice; returns the Gmail message id, whose place in Gmail's order decides who won. */
  async writeClaim(slice: TicketSlice): Promise<string> {
    const claim: SliceClaim = { kind: SLICE_CLAIM_KIND, id: this.newId(), createdAt: this.now(), slice };
    return this.insert(claimToRfc822(claim, this.options.mailbox, new Date(claim.createdAt)));
  }

  private async insert(raw: string): Promise<string> {
    const labelId = await this.options.recordsLabelId();
    const inserted = await this.options.calls.insertMessage(raw, [labelId]);
    this.coordination.add(inserted.id);
    return inserted.id;
  }

  /** Reads snapshot messages (5 units each); each comes back validated, or with why it was refused. */
  async readSnapshots(messageIds: readonly string[]): Promise<SnapshotRead[]> {
    const out: SnapshotRead[] = [];
    for (let i = 0; i < messageIds.length; i += MAX_BATCH_SIZE) {
      const chunk = messageIds.slice(i, i + MAX_BATCH_SIZE);
      const results = await this.options.calls.messageBodies(chunk);
      for (const [index, result] of results.entries()) {
        const messageId = chunk[index] as string;
        this.coordination.add(messageId);
        if (!result.ok) {
          out.push({ messageId, ok: false, problem: result.error.message });
          continue;
        }
        const data = result.value.payload?.body?.data;
        if (!data) {
          out.push({ messageId, ok: false, problem: 'the message has no single-part body' });
          continue;
        }
        // Checked before decoding: a forged giant body costs no memory beyond what Gmail sent.
        if (data.length > SNAPSHOT_MAX_BODY_CHARS) {
          out.push({ messageId, ok: false, problem: 'the snapshot is too large' });
          continue;
        }
        let text: string;
        try {
          text = fromBase64Url(data);
        } catch {
          out.push({ messageId, ok: false, problem: 'the body is not base64url' });
          continue;
        }
        out.push({ messageId, ...snapshotFromJson(text) });
      }
    }
    return out;
  }

  /** Reads the given record messages (new ones seen in history). Returns how many were stored. */
  async read(messageIds: readonly string[]): Promise<number> {
    let stored = 0;
    const wanted = messageIds.filter((id) => !this.coordination.has(id));
    for (let i = 0; i < wanted.length; i += MAX_BATCH_SIZE) {
      const chunk = wanted.slice(i, i + MAX_BATCH_SIZE);
      const results = await this.options.calls.messageBodies(chunk);
      for (const [index, result] of results.entries()) {
        const messageId = chunk[index] as string;
        if (!result.ok) {
          // A record trashed since (an agent's previous presence) is not a problem to report.
          if (!(result.error instanceof GmailApiError && result.error.status === 404)) {
            this.options.onUnreadable?.(messageId, result.error.message);
          }
          continue;
        }
        const kind = result.value.payload?.headers.find(
          (h) => h.name.toLowerCase() === RECORD_HEADER.toLowerCase(),
        );
        if (isCoordinationKind(kind?.value)) {
          // A snapshot or claim: not a note, and not news; the shared metadata fetch reads those.
          this.coordination.add(messageId);
          continue;
        }
        const data = result.value.payload?.body?.data;
        if (!data) {
          this.options.onUnreadable?.(messageId, 'the message has no single-part body');
          continue;
        }
        let text: string;
        try {
          text = fromBase64Url(data);
        } catch {
          this.options.onUnreadable?.(messageId, 'the body is not base64url');
          continue;
        }
        const parsed = recordFromJson(text);
        if (!parsed.ok) {
          this.options.onUnreadable?.(messageId, parsed.problem);
          continue;
        }
        await this.options.db.put('records', { ...parsed.record, messageId });
        stored += 1;
      }
    }
    return stored;
  }

  /** Notes and activity of one ticket, oldest first, ties broken by id so every browser shows one order. */
  async forThread(threadId: string): Promise<StoredSharedRecord[]> {
    const records = await this.options.db.getAllFromIndex('records', 'threadId', threadId);
    return records.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function withoutMessageId<T extends { messageId: string }>(stored: T): Omit<T, 'messageId'> {
  const { messageId: _messageId, ...record } = stored;
  return record;
}
