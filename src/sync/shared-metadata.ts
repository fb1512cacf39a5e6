/**
 * Ticket metadata fetched once per mailbox, not once per agent (issue 3: 30 agents starting a full sync
 * together share one mailbox's quota, DESIGN.md section 3).
 *
 * Tickets are split into slices by a hash of the thread id. Each agent walks the slices in its own
 * random order. It first reads the snapshots others published (5 units each, instead of 5 per ticket);
 * for a slice nobody has, it inserts a claim (25 units), and if its claim is the earliest fresh one
 * (Gmail message ids grow with time, so every agent picks the same winner from ids alone) it fetches the
 * slice and publishes it as a snapshot. Agents whose slices are all claimed wait on `history.list`
 * (2 units a poll). Snapshots from earlier days are reused: subject, requester and created never change,
 * and state always comes from labels, so a snapshot only fills in tickets the labels already made.
 */
import type { SnapshotEntry, TicketSlice } from '../core/records';
import type { SyncCalls } from '../gmail/api/sync-calls';
import { MAX_BATCH_SIZE } from '../gmail/api/transport';
import { readCursor } from '../store/cursors';
import type { LabeldeskDatabase } from '../store/db';
import type { TicketRecord } from '../store/schema';
import { putTickets, type TicketInput } from '../store/ticket-store';
import { HISTORY_CURSOR, type SyncEngine, timeFromGmailId } from './engine';
import type { RecordBook } from './record-book';

export interface SharedMetadataOptions {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  calls: SyncCalls;
  /** Tickets per slice the split aims at; every agent of a mailbox must use the same value. */
  ticketsPerSlice?: number;
  /** A claim older than this, with no snapshot, is taken to be abandoned (its browser closed). */
  claimTimeoutMs?: number;
  /** How often a waiting agent polls `history.list`, before jitter. */
  pollMs?: number;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onNotice?: (notice: SharedMetadataNotice) => void;
}

export type SharedMetadataNotice =
  | { kind: 'snapshot-unreadable'; messageId: string; problem: string }
  | { kind: 'snapshot-entries-rejected'; messageId: string; count: number; problem: string };

export interface SharedMetadataReport {
  snapshotsRead: number;
  filledFromSnapshots: number;
  fetched: number;
  published: number;
  claimsWon: number;
  claimsLost: number;
  waits: number;
}

export const DEFAULT_TICKETS_PER_SLICE = 128;
const MAX_SLICES = 256;
/** A snapshot's created time may lie before the thread id's time (imported mail), never well after it. */
const CREATED_SLACK_MS = 86_400_000;

/** Slices for this many tickets: a power of two, so agents whose counts differ a little mostly agree. */
export function sliceCount(tickets: number, ticketsPerSlice = DEFAULT_TICKETS_PER_SLICE): number {
  let of = 1;
  while (of < MAX_SLICES && of * ticketsPerSlice < tickets) of *= 2;
  return of;
}

/** FNV-1a of the thread id: the same slice in every browser, spread evenly whatever the ids look like. */
export function sliceOf(threadId: string, of: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < threadId.length; i++) {
    hash ^= threadId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % of;
}

const sliceKey = (slice: TicketSlice) => `${slice.of}:${slice.index}`;

export class SharedMetadata {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly ticketsPerSlice: number;
  private readonly claimTimeoutMs: number;
  private readonly pollMs: number;
  private readonly book: RecordBook;
  private readonly snapshotsSeen = new Set<string>();
  private readonly myClaims = new Set<string>();
  /** Slices someone else holds, with when their claim was made (from its message id). */
  private readonly claimedByOthers = new Map<string, number>();
  /** Slices a snapshot has covered: a few tickets missing there are fetched without a claim. */
  private readonly covered = new Set<string>();
  private order: number[] = [];
  private pollCursor: string | undefined;
  private readonly report: SharedMetadataReport = emptyReport();

  constructor(private readonly options: SharedMetadataOptions) {
    if (!options.engine.records)
      throw new Error('Shared metadata needs the mailbox address (shared records)');
    this.book = options.engine.records;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.ticketsPerSlice = options.ticketsPerSlice ?? DEFAULT_TICKETS_PER_SLICE;
    this.claimTimeoutMs = options.claimTimeoutMs ?? 180_000;
    this.pollMs = options.pollMs ?? 2_000;
  }

  /**
   * Fills in every ticket's metadata after a full sync, sharing the work with the mailbox's other agents.
   * Safe to call again after a failure: what is stored, read or claimed is kept, and the report adds up.
   */
  async run(): Promise<SharedMetadataReport> {
    // Tickets Gmail keeps refusing (not 404: fetchMetadata settles those) are left for the next run.
    let stragglerRounds = 0;
    for (;;) {
      await this.takeSnapshots();
      const missing = await this.missingBySlice();
      if (missing.size === 0) break;
      // A few stragglers (tickets newer than the snapshots): one batch costs less than claiming and publishing.
      const total = [...missing.values()].reduce((sum, s) => sum + s.threadIds.length, 0);
      const published = [...missing.values()].every((s) => this.covered.has(sliceKey(s.slice)));
      if (published && total <= MAX_BATCH_SIZE) {
        if (++stragglerRounds > 3) break;
        this.report.fetched += await this.options.engine.fetchMetadata(
          [...missing.values()].flatMap((s) => s.threadIds),
        );
        continue;
      }
      const won = await this.claimNext(missing);
      if (won) {
        await this.fetchSlice(won.slice, won.threadIds);
        await this.publish(won.slice);
        continue;
      }
      await this.waitForNews([...missing.keys()]);
    }
    return this.report;
  }

  /** Lists snapshots and reads the new ones, newest first, until nothing is missing. */
  private async takeSnapshots(): Promise<void> {
    const ids = await this.book.listSnapshots();
    const unread = ids.filter((id) => !this.snapshotsSeen.has(id));
    for (let i = 0; i < unread.length; i += MAX_BATCH_SIZE) {
      const tickets = await this.ticketsWithoutMetadata();
      if (tickets.size === 0) return;
      const chunk = unread.slice(i, i + MAX_BATCH_SIZE);
      const reads = await this.book.readSnapshots(chunk);
      for (const read of reads) {
        this.snapshotsSeen.add(read.messageId);
        if (!read.ok) {
          this.options.onNotice?.({
            kind: 'snapshot-unreadable',
            messageId: read.messageId,
            problem: read.problem,
          });
          continue;
        }
        this.report.snapshotsRead += 1;
        this.covered.add(sliceKey(read.snapshot.slice));
        await this.apply(read.messageId, read.snapshot.entries, tickets);
      }
    }
  }

  /** Fills tickets (made by labels, lacking metadata) from snapshot entries; never creates or restates one. */
  private async apply(
    messageId: string,
    entries: readonly SnapshotEntry[],
    tickets: Map<string, TicketRecord>,
  ): Promise<void> {
    const writes: TicketInput[] = [];
    let rejected = 0;
    for (const entry of entries) {
      const ticket = tickets.get(entry.threadId);
      if (!ticket) continue;
      if (entry.createdAt > timeFromGmailId(entry.threadId) + CREATED_SLACK_MS) {
        rejected += 1;
        continue;
      }
      writes.push(withSnapshotMetadata(ticket, entry));
      tickets.delete(entry.threadId);
    }
    if (rejected > 0) {
      this.options.onNotice?.({
        kind: 'snapshot-entries-rejected',
        messageId,
        count: rejected,
        problem: 'created after the thread itself',
      });
    }
    for (let i = 0; i < writes.length; i += 500) await putTickets(this.options.db, writes.slice(i, i + 500));
    this.report.filledFromSnapshots += writes.length;
  }

  private async ticketsWithoutMetadata(): Promise<Map<string, TicketRecord>> {
    const all = await this.options.db.getAll('tickets');
    return new Map(all.filter((t) => !t.hasMetadata).map((t) => [t.threadId, t]));
  }

  private async missingBySlice(): Promise<Map<string, { slice: TicketSlice; threadIds: string[] }>> {
    const of = sliceCount(await this.options.db.count('tickets'), this.ticketsPerSlice);
    if (this.order.length !== of) this.order = shuffled(of, this.random);
    const bySlice = new Map<string, { slice: TicketSlice; threadIds: string[] }>();
    const missing = [...(await this.ticketsWithoutMetadata()).values()].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    for (const ticket of missing) {
      const slice = { index: sliceOf(ticket.threadId, of), of };
      const entry = bySlice.get(sliceKey(slice)) ?? { slice, threadIds: [] };
      entry.threadIds.push(ticket.threadId);
      bySlice.set(sliceKey(slice), entry);
    }
    // This agent's own order, so agents starting together spread over the slices.
    const ordered = new Map<string, { slice: TicketSlice; threadIds: string[] }>();
    for (const index of this.order) {
      const entry = bySlice.get(`${of}:${index}`);
      if (entry) ordered.set(`${of}:${index}`, entry);
    }
    return ordered;
  }

  /** Claims the first slice nobody fresh holds; the earliest fresh claim wins, so exactly one agent fetches. */
  private async claimNext(
    missing: Map<string, { slice: TicketSlice; threadIds: string[] }>,
  ): Promise<{ slice: TicketSlice; threadIds: string[] } | undefined> {
    for (const [key, candidate] of missing) {
      const heldSince = this.claimedByOthers.get(key);
      if (heldSince !== undefined && this.now() - heldSince < this.claimTimeoutMs) continue;
      // Look before claiming (5 units): a slice someone holds costs no claim (25 units) to find out.
      const earlier = this.earliestFresh(await this.book.listClaims(candidate.slice));
      if (earlier !== undefined && !this.myClaims.has(earlier)) {
        this.report.claimsLost += 1;
        this.claimedByOthers.set(key, timeFromGmailId(earlier));
        continue;
      }
      if (earlier === undefined) this.myClaims.add(await this.book.writeClaim(candidate.slice));
      const winner = this.earliestFresh(await this.book.listClaims(candidate.slice));
      if (winner === undefined || this.myClaims.has(winner)) {
        this.report.claimsWon += 1;
        return candidate;
      }
      this.report.claimsLost += 1;
      this.claimedByOthers.set(key, timeFromGmailId(winner));
    }
    return undefined;
  }

  /** The claim that holds a slice: the earliest not yet abandoned (ours never count as abandoned). */
  private earliestFresh(claimIds: readonly string[]): string | undefined {
    return claimIds
      .filter((id) => this.myClaims.has(id) || this.now() - timeFromGmailId(id) < this.claimTimeoutMs)
      .reduce<string | undefined>(
        (best, id) => (best === undefined || BigInt(`0x${id}`) < BigInt(`0x${best}`) ? id : best),
        undefined,
      );
  }

  /**
   * Fetches a claimed slice until it is whole: a snapshot with holes would send every reader to Gmail.
   * The claim is renewed while the fetch runs, so a slow fetch under a busy quota is not taken for dead.
   */
  private async fetchSlice(slice: TicketSlice, threadIds: readonly string[]): Promise<void> {
    let claimedAt = this.now();
    let left = [...threadIds];
    for (let tries = 0; tries < 5 && left.length > 0; tries++) {
      for (let i = 0; i < left.length; i += MAX_BATCH_SIZE) {
        if (this.now() - claimedAt > this.claimTimeoutMs / 3) {
          this.myClaims.add(await this.book.writeClaim(slice));
          claimedAt = this.now();
        }
        this.report.fetched += await this.options.engine.fetchMetadata(left.slice(i, i + MAX_BATCH_SIZE));
      }
      const stillMissing = await this.ticketsWithoutMetadata();
      left = left.filter((id) => stillMissing.has(id));
    }
  }

  /** Publishes everything this browser knows of the slice, fetched or read: later agents read one message. */
  private async publish(slice: TicketSlice): Promise<void> {
    const all = await this.options.db.getAll('tickets');
    const entries: SnapshotEntry[] = all
      .filter((t) => t.hasMetadata && sliceOf(t.threadId, slice.of) === slice.index)
      .map((t) => ({
        threadId: t.threadId,
        subject: t.subject,
        createdAt: t.createdAt,
        ...(t.requester ? { requester: t.requester } : {}),
      }));
    if (entries.length === 0) return;
    const id = await this.book.writeSnapshot({ slice, entries });
    this.snapshotsSeen.add(id);
    this.covered.add(sliceKey(slice));
    this.report.published += 1;
  }

  /** Waits until a record arrives in the mailbox (2 units a poll) or the oldest claim we wait on goes stale. */
  private async waitForNews(waitingOn: readonly string[]): Promise<void> {
    this.report.waits += 1;
    const recordsLabel = await this.book.recordsLabelId();
    this.pollCursor ??= (await readCursor(this.options.db, HISTORY_CURSOR))?.historyId;
    const oldestClaim = Math.min(
      ...waitingOn.map((key) => this.claimedByOthers.get(key) ?? Number.POSITIVE_INFINITY),
    );
    const giveUpAt = Number.isFinite(oldestClaim)
      ? oldestClaim + this.claimTimeoutMs
      : this.now() + this.pollMs;
    for (;;) {
      await this.sleep(this.pollMs * (0.5 + this.random()));
      if (this.now() >= giveUpAt || this.pollCursor === undefined) return;
      let page: Awaited<ReturnType<SyncCalls['listHistory']>>;
      try {
        page = await this.options.calls.listHistory(this.pollCursor);
      } catch {
        // An expired cursor or a failed poll: listing the snapshots answers the same question.
        this.pollCursor = undefined;
        return;
      }
      this.pollCursor = page.historyId;
      const news = (page.history ?? []).some((h) =>
        (h.messagesAdded ?? []).some((m) => m.message.labelIds?.includes(recordsLabel)),
      );
      if (news || page.nextPageToken) return;
    }
  }
}

function emptyReport(): SharedMetadataReport {
  return {
    snapshotsRead: 0,
    filledFromSnapshots: 0,
    fetched: 0,
    published: 0,
    claimsWon: 0,
    claimsLost: 0,
    waits: 0,
  };
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** The same fields `SyncEngine.fetchMetadata` writes, from a snapshot entry instead of Gmail. */
function withSnapshotMetadata(record: TicketRecord, entry: SnapshotEntry): TicketInput {
  const { requesterEmail: _e, requesterDomain: _d, tagKeys: _t, metadataPending: _m, ...input } = record;
  const next: TicketInput = {
    ...input,
    subject: entry.subject,
    createdAt: entry.createdAt,
    hasMetadata: true,
  };
  // Zod has capped and shaped it (an address with an @); the store validates the ticket again on write.
  if (entry.requester) next.requester = entry.requester;
  if (next.lastCustomerMessageAt === undefined) next.lastCustomerMessageAt = next.createdAt;
  return next;
}
