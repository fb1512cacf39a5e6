/**
 * The runner's memory (issue 6) over IndexedDB: in a browser the extension's database, in the Node worker
 * the same code on fake-indexeddb. Hints only, never the only copy of anything that matters: what was sent
 * is checked in the thread before every send (sendAutoReply), so a lost memory can cost a late survey or a
 * rate-limit count, never a second email.
 */
import { normalizeEmail } from '../../core/mail-address';
import type { ActivityRecord } from '../../core/records';
import type { TicketStatus } from '../../core/ticket';
import type { LabeldeskDatabase } from '../../store/db';
import type { AutomationMemoryEntry, TicketRecord } from '../../store/schema';
import type { AutomationMemory } from './context';

const WATCHED: readonly TicketStatus[] = ['New', 'Open', 'Pending', 'On hold', 'Solved'];

/** Entries older than this are forgotten (the rate limit looks back one day). */
const KEEP_SENT_MS = 2 * 24 * 60 * 60_000;

export class IndexedDbAutomationMemory implements AutomationMemory {
  constructor(
    private readonly db: LabeldeskDatabase,
    /** The mailbox's clock (the runner's estimate). */
    private readonly now: () => number,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /**
   * When the ticket went into `status`: the newest activity record that set it (an agent's change, written
   * with the agent's clock; taken only when not in the future of the mailbox's), else the moment this
   * runner first asked while the ticket was in it.
   */
  async statusSince(ticket: TicketRecord, status: TicketStatus): Promise<number | undefined> {
    if (ticket.status !== status) return undefined;
    const now = this.now();
    const records = await this.db.getAllFromIndex('records', 'threadId', ticket.threadId);
    let fromActivity: number | undefined;
    for (const record of records) {
      if (record.kind !== 'activity') continue;
      const activity = record as ActivityRecord;
      if (activity.field !== 'status' || activity.to !== status || activity.createdAt > now) continue;
      if (fromActivity === undefined || activity.createdAt > fromActivity) fromActivity = activity.createdAt;
    }
    const key = `status:${ticket.threadId}`;
    const seen = await this.db.get('automationMemory', key);
    if (seen?.type === 'status' && seen.status === status) return fromActivity ?? seen.since;
    await this.db.put('automationMemory', {
      key,
      type: 'status',
      threadId: ticket.threadId,
      status,
      since: now,
    });
    return fromActivity ?? now;
  }

  /**
   * Notes the status of every ticket that can still change (active or Solved): a status that differs from the
   * one noted before was entered now. Runs in every pass of every runner, so a runner that takes the lease
   * over knows when tickets were solved. Writes only what changed.
   */
  async observe(db: LabeldeskDatabase = this.db): Promise<number> {
    const now = this.now();
    const seen = new Map<string, AutomationMemoryEntry>();
    for (const entry of await db.getAll('automationMemory', IDBKeyRange.bound('status:', 'status:\uffff'))) {
      seen.set(entry.key, entry);
    }
    const writes: AutomationMemoryEntry[] = [];
    for (const status of WATCHED) {
      for (const ticket of await db.getAllFromIndex('tickets', 'status', status)) {
        const key = `status:${ticket.threadId}`;
        const before = seen.get(key);
        if (before?.type === 'status' && before.status === ticket.status) continue;
        writes.push({
          key,
          type: 'status',
          threadId: ticket.threadId,
          status: ticket.status,
          since: now,
          changed: before !== undefined,
        });
      }
    }
    if (writes.length > 0) {
      const tx = db.transaction('automationMemory', 'readwrite');
      await Promise.all([...writes.map((w) => tx.store.put(w)), tx.done]);
    }
    return writes.length;
  }

  /**
   * When this runner saw the ticket enter `status` (undefined: it never saw it in another status first, so
   * the moment is unknown — a ticket solved long before the runner started is not surveyed).
   */
  async observedSince(threadId: string, status: TicketStatus): Promise<number | undefined> {
    const entry = await this.db.get('automationMemory', `status:${threadId}`);
    return entry?.type === 'status' && entry.status === status && entry.changed ? entry.since : undefined;
  }

  /** Tickets this runner saw enter `status` at or after `since`: thread id → when. */
  async enteredSince(status: TicketStatus, since: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const entry of await this.db.getAll(
      'automationMemory',
      IDBKeyRange.bound('status:', 'status:\uffff'),
    )) {
      if (entry.type === 'status' && entry.status === status && entry.changed && entry.since >= since) {
        out.set(entry.threadId, entry.since);
      }
    }
    return out;
  }

  async handled(key: string): Promise<boolean> {
    return (await this.db.get('automationMemory', `handled:${key}`)) !== undefined;
  }

  async markHandled(key: string): Promise<void> {
    await this.db.put('automationMemory', { key: `handled:${key}`, type: 'handled', at: this.now() });
  }

  async sentTo(address: string, since: number): Promise<number> {
    const entries = await this.db.getAllFromIndex('automationMemory', 'to', normalizeEmail(address));
    return entries.filter((e) => e.type === 'sent' && e.at >= since).length;
  }

  async noteSent(address: string, at: number, kind = 'ack', threadId = ''): Promise<void> {
    await this.db.put('automationMemory', {
      key: `sent:${this.newId()}`,
      type: 'sent',
      to: normalizeEmail(address),
      at,
      kind,
      threadId,
    });
  }

  /** Forgets sent entries past the rate limit's window; returns how many. */
  async prune(): Promise<number> {
    const cutoff = this.now() - KEEP_SENT_MS;
    const tx = this.db.transaction('automationMemory', 'readwrite');
    let removed = 0;
    let cursor = await tx.store.openCursor(IDBKeyRange.bound('sent:', 'sent:\uffff'));
    while (cursor) {
      const value = cursor.value;
      if (value.type === 'sent' && value.at < cutoff) {
        await cursor.delete();
        removed += 1;
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    return removed;
  }
}
