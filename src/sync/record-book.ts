/**
 * The shared records of a mailbox, as this browser knows them: written with `messages.insert` under the
 * hidden records label, read back by every other agent after one sync (DESIGN.md section 1).
 */
import type { LabelCodec } from '../core/label-codec';
import {
  type ActivityRecord,
  type NoteRecord,
  recordFromJson,
  recordToRfc822,
  type SharedRecord,
} from '../core/records';
import { fromBase64Url, type SyncCalls } from '../gmail/api/sync-calls';
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

export class RecordBook {
  private readonly now: () => number;
  private readonly newId: () => string;

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

  /** Inserts the record into the mailbox, then keeps the local copy: nothing is local-only. */
  private async write(record: SharedRecord): Promise<StoredSharedRecord> {
    const raw = recordToRfc822(record, this.options.mailbox, new Date(record.createdAt));
    const labelId = await this.options.recordsLabelId();
    const inserted = await this.options.calls.insertMessage(raw, [labelId]);
    const stored: StoredSharedRecord = { ...record, messageId: inserted.id };
    await this.options.db.put('records', stored);
    return stored;
  }

  /** Reads every record message this browser does not hold yet (a full sync). */
  async readAll(): Promise<number> {
    const labelId = await this.options.recordsLabelId();
    const known = new Set((await this.options.db.getAll('records')).map((r) => r.messageId));
    const wanted: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.options.calls.listMessageIds(labelId, pageToken);
      for (const message of page.messages) if (!known.has(message.id)) wanted.push(message.id);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return this.read(wanted);
  }

  /** Reads the given record messages (new ones seen in history). Returns how many were stored. */
  async read(messageIds: readonly string[]): Promise<number> {
    let stored = 0;
    for (let i = 0; i < messageIds.length; i += MAX_BATCH_SIZE) {
      const chunk = messageIds.slice(i, i + MAX_BATCH_SIZE);
      const results = await this.options.calls.messageBodies(chunk);
      for (const [index, result] of results.entries()) {
        const messageId = chunk[index] as string;
        if (!result.ok) {
          this.options.onUnreadable?.(messageId, result.error.message);
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
