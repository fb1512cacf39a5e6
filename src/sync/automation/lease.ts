/**
 * One automation runner per mailbox (issue 6, DESIGN.md section 6): a lease kept in the mailbox itself.
 *
 * Lease messages are coordination records like the slice claims: inserted (`messages.insert`, 25 units)
 * under the hidden records label, subject "Labeldesk lease", header `X-Labeldesk-Record: runner-lease`, so
 * the record book skips them. Who wrote one is in `X-Labeldesk-Runner` (runner id, kind, agent); when it was
 * written is Gmail's own time, read from the message id (`timeFromGmailId`), never from a runner's clock.
 *
 * The protocol, run once at the start of every pass:
 * 1. List the lease messages (`messages.list q=subject:"Labeldesk lease" newer_than:1d`, 5 units) and read
 *    the headers of the ones not seen before (metadata, 5 units each; cached by id, they never change).
 * 2. Fold them oldest first into epochs: the first message starts an epoch held by its writer until its time
 *    plus the TTL (default 5 minutes); a later message of the same writer inside the epoch renews it (the
 *    epoch now ends at that message's time plus the TTL); another writer's message inside the epoch is a
 *    losing claim and is ignored; the first message after an epoch ended starts the next one. So the
 *    earliest claim after an expired lease wins, and every runner that reads the same list agrees.
 * 3. The holder renews once its newest lease is older than `renewEveryMs` (default 1 minute): it inserts a
 *    new one, lists again, and trashes its previous lease when nothing foreign lies between the two (a
 *    foreign claim lying between keeps the previous one, so the fold never starts at a losing claim).
 * 4. When no lease is in force, an eligible runner inserts a claim, waits `settleMs` (default 1.5 s, 0 in
 *    tests) for other claims to show, lists again and folds: the winner holds, losers trash their claim.
 * 5. A standby runner knows Gmail's time only from its own inserts (the offset between a message id's time
 *    and its local monotonic clock). When its estimate is missing, or the newest lease has not changed for
 *    `2 × renewEveryMs` of its own time (the holder may be gone), its claim doubles as a probe: it learns the
 *    mailbox clock, and the fold either makes it the holder or ignores it (then it is trashed at once).
 *
 * Fencing: the holder sends only while its own monotonic time since the start of its last confirmed renewal
 * is below TTL − 2 minutes (less for short test TTLs), so a process paused past its lease sends nothing
 * when it wakes, even before it has listed again. `release()` trashes this runner's lease messages: the next
 * runner to look finds none in force and claims at once. In mode 'worker' browsers never claim.
 */
import { RECORD_FORMAT_VERSION, RECORD_HEADER, RUNNER_LEASE_KIND } from '../../core/records';
import type { SyncCalls } from '../../gmail/api/sync-calls';
import { MAX_BATCH_SIZE } from '../../gmail/api/transport';
import { timeFromGmailId } from '../engine';

export const LEASE_SUBJECT = 'Labeldesk lease';
export const RUNNER_HEADER = 'X-Labeldesk-Runner';
export const DEFAULT_LEASE_TTL_MS = 5 * 60_000;
export const DEFAULT_RENEW_EVERY_MS = 60_000;
export const DEFAULT_SETTLE_MS = 1_500;
const FENCE_MARGIN_MS = 2 * 60_000;

export interface RunnerIdentity {
  /** Stable per installation (a browser profile, a worker's config); letters, digits, `.`, `_`, `:`, `-`. */
  id: string;
  kind: 'browser' | 'worker';
  agent?: string;
}

export interface LeaseEntry {
  messageId: string;
  /** Gmail's time of the message (from its id). */
  time: number;
  runner: string;
  kind: 'browser' | 'worker';
  agent?: string;
}

export interface LeaseEpoch {
  runner: string;
  kind: 'browser' | 'worker';
  agent?: string;
  /** The claim that started the epoch. */
  since: number;
  /** The newest renewal (or the claim). */
  renewedAt: number;
  expiresAt: number;
  /** The message of the newest renewal. */
  messageId: string;
}

/** Folds lease messages (any order) into the last epoch and the messages it ignored as losing claims. */
export function foldLeases(
  entries: readonly LeaseEntry[],
  ttlMs: number,
): { epoch: LeaseEpoch | null; ignored: LeaseEntry[] } {
  const sorted = [...entries].sort(byId);
  let epoch: LeaseEpoch | null = null;
  const ignored: LeaseEntry[] = [];
  for (const entry of sorted) {
    if (epoch && entry.time < epoch.expiresAt) {
      if (entry.runner === epoch.runner) {
        epoch.renewedAt = entry.time;
        epoch.expiresAt = entry.time + ttlMs;
        epoch.messageId = entry.messageId;
      } else {
        ignored.push(entry);
      }
      continue;
    }
    epoch = {
      runner: entry.runner,
      kind: entry.kind,
      ...(entry.agent !== undefined ? { agent: entry.agent } : {}),
      since: entry.time,
      renewedAt: entry.time,
      expiresAt: entry.time + ttlMs,
      messageId: entry.messageId,
    };
  }
  return { epoch, ignored };
}

function byId(a: { messageId: string }, b: { messageId: string }): number {
  const x = BigInt(`0x${a.messageId}`);
  const y = BigInt(`0x${b.messageId}`);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface LeaseOptions {
  calls: SyncCalls;
  mailbox: string;
  recordsLabelId: () => Promise<string>;
  runner: RunnerIdentity;
  ttlMs?: number;
  renewEveryMs?: number;
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** This process's monotonic clock (performance.now); tests replace it to simulate a paused process. */
  monotonic?: () => number;
  newId?: () => string;
}

export class RunnerLease {
  private readonly ttl: number;
  private readonly renewEvery: number;
  private readonly settle: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly mono: () => number;
  private readonly newId: () => string;
  /** Parsed lease headers by message id; null: a message that is not a readable lease. */
  private readonly known = new Map<string, LeaseEntry | null>();
  /** Gmail time minus local monotonic time, from this runner's newest insert. */
  private offset: number | undefined;
  /** Local monotonic time at the start of the insert of the last renewal the fold confirmed as ours. */
  private confirmedAt: number | undefined;
  private newest: { messageId: string; seenAt: number } | undefined;
  /** The epoch in force as of the last look (null: none). */
  current: LeaseEpoch | null = null;

  constructor(private readonly options: LeaseOptions) {
    this.ttl = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewEvery = options.renewEveryMs ?? DEFAULT_RENEW_EVERY_MS;
    this.settle = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.mono = options.monotonic ?? (() => performance.now());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(options.runner.id)) throw new TypeError('Invalid runner id');
  }

  /** The mailbox's clock as this runner estimates it (Gmail's time of its own inserts, moved on locally). */
  now(): number {
    return this.offset === undefined ? Date.now() : Math.round(this.mono() + this.offset);
  }

  /** Whether the mailbox clock is known from an insert of this runner. */
  get calibrated(): boolean {
    return this.offset !== undefined;
  }

  /** Fencing: true while this runner holds the lease and its last confirmed renewal is recent enough. */
  holds(): boolean {
    if (this.current?.runner !== this.options.runner.id || this.confirmedAt === undefined) return false;
    const margin = Math.min(FENCE_MARGIN_MS, this.ttl * 0.4);
    return this.mono() - this.confirmedAt < this.ttl - margin;
  }

  /**
   * One round of the protocol. `eligible` false (a browser in mode 'worker') only looks, and gives up a lease
   * it held. Returns whether this runner holds the lease now.
   */
  async acquire(eligible = true): Promise<boolean> {
    const me = this.options.runner.id;
    let entries = await this.list();
    let { epoch, ignored } = foldLeases(entries, this.ttl);
    this.noteNewest(entries);
    const inForce = epoch !== null && this.now() < epoch.expiresAt;
    this.current = inForce ? epoch : null;

    if (!eligible) {
      if (epoch?.runner === me) await this.release();
      await this.trashOwn(ignored);
      this.confirmedAt = undefined;
      return false;
    }

    if (inForce && epoch?.runner === me) {
      const stale = this.now() - epoch.renewedAt >= this.renewEvery;
      const unconfirmed = this.confirmedAt === undefined || this.mono() - this.confirmedAt >= this.renewEvery;
      await this.trashOwn(ignored);
      if (!stale && !unconfirmed) return this.holds();
      return this.renew(epoch);
    }

    if (inForce && epoch && this.calibrated && !this.holderSilent()) {
      await this.trashOwn(ignored);
      return false;
    }

    // No lease in force (or the holder looks gone, or this runner does not know the mailbox clock): claim.
    const started = this.mono();
    const claim = await this.insert();
    if (this.settle > 0) await this.sleep(this.settle);
    entries = await this.list();
    ({ epoch, ignored } = foldLeases(entries, this.ttl));
    this.noteNewest(entries);
    this.current = epoch !== null && this.now() < epoch.expiresAt ? epoch : null;
    await this.trashOwn(ignored);
    if (this.current?.runner === me && this.current.messageId === claim) {
      this.confirmedAt = started;
      return this.holds();
    }
    this.confirmedAt = undefined;
    return false;
  }

  /** Inserts a renewal, checks it is ours in the fold, and trashes the previous one when safe. */
  private async renew(previous: LeaseEpoch): Promise<boolean> {
    const me = this.options.runner.id;
    const started = this.mono();
    const renewal = await this.insert();
    const entries = await this.list();
    const { epoch, ignored } = foldLeases(entries, this.ttl);
    this.noteNewest(entries);
    this.current = epoch !== null && this.now() < epoch.expiresAt ? epoch : null;
    await this.trashOwn(ignored);
    if (this.current?.runner !== me || this.current.messageId !== renewal) {
      this.confirmedAt = undefined;
      return false;
    }
    this.confirmedAt = started;
    const sorted = [...entries].sort(byId);
    const at = sorted.findIndex((e) => e.messageId === renewal);
    const before = sorted[at - 1];
    if (before && before.messageId === previous.messageId && before.runner === me) {
      await this.trash([before.messageId]);
    }
    return this.holds();
  }

  /** Hands the lease over at once: this runner's lease messages go to the trash. */
  async release(): Promise<void> {
    const me = this.options.runner.id;
    const mine = [...this.known.values()].filter((e): e is LeaseEntry => e !== null && e.runner === me);
    await this.trash(mine.map((e) => e.messageId));
    this.confirmedAt = undefined;
    if (this.current?.runner === me) this.current = null;
  }

  private holderSilent(): boolean {
    if (!this.newest) return true;
    return this.mono() - this.newest.seenAt > 2 * this.renewEvery;
  }

  private noteNewest(entries: readonly LeaseEntry[]): void {
    const newest = [...entries].sort(byId).at(-1);
    if (!newest) {
      this.newest = undefined;
      return;
    }
    if (this.newest?.messageId !== newest.messageId) {
      this.newest = { messageId: newest.messageId, seenAt: this.mono() };
    }
  }

  private async trashOwn(ignored: readonly LeaseEntry[]): Promise<void> {
    const mine = ignored.filter((e) => e.runner === this.options.runner.id).map((e) => e.messageId);
    await this.trash(mine);
  }

  private async trash(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.options.calls.trashMessage(id).catch(() => undefined); // gone already: nothing to tidy
      this.known.set(id, null);
    }
  }

  /** The lease messages of the last day, headers read once per message. */
  private async list(): Promise<LeaseEntry[]> {
    const labelId = await this.options.recordsLabelId();
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.options.calls.searchMessageIds(
        labelId,
        `subject:"${LEASE_SUBJECT}" newer_than:1d`,
        pageToken,
      );
      for (const m of page.messages) ids.push(m.id);
      pageToken = page.nextPageToken;
    } while (pageToken);
    const unknown = ids.filter((id) => !this.known.has(id));
    for (let i = 0; i < unknown.length; i += MAX_BATCH_SIZE) {
      const chunk = unknown.slice(i, i + MAX_BATCH_SIZE);
      const results = await this.options.calls.messageHeaders(chunk, [RECORD_HEADER, RUNNER_HEADER]);
      for (const [index, result] of results.entries()) {
        const id = chunk[index] as string;
        if (!result.ok) continue; // trashed meanwhile, or a passing failure: asked again next time
        const headers = result.value.payload.headers;
        const kind = headers.find((h) => h.name.toLowerCase() === RECORD_HEADER.toLowerCase())?.value;
        const runner = headers.find((h) => h.name.toLowerCase() === RUNNER_HEADER.toLowerCase())?.value;
        this.known.set(id, leaseEntryOf(id, kind, runner));
      }
    }
    return ids.map((id) => this.known.get(id)).filter((e): e is LeaseEntry => !!e);
  }

  private async insert(): Promise<string> {
    const labelId = await this.options.recordsLabelId();
    const before = this.mono();
    const raw = leaseMessage(this.options.runner, this.options.mailbox, this.newId(), new Date(this.now()));
    const inserted = await this.options.calls.insertMessage(raw, [labelId]);
    const after = this.mono();
    this.offset = timeFromGmailId(inserted.id) - (before + after) / 2;
    const entry: LeaseEntry = {
      messageId: inserted.id,
      time: timeFromGmailId(inserted.id),
      runner: this.options.runner.id,
      kind: this.options.runner.kind,
      ...(this.options.runner.agent !== undefined ? { agent: this.options.runner.agent } : {}),
    };
    this.known.set(inserted.id, entry);
    return inserted.id;
  }
}

/** Reads a lease's headers; null when it is not one of ours or is malformed. */
export function leaseEntryOf(
  messageId: string,
  kindHeader: string | undefined,
  runnerHeader: string | undefined,
): LeaseEntry | null {
  if (kindHeader?.split(';')[0]?.trim().toLowerCase() !== RUNNER_LEASE_KIND || !runnerHeader) return null;
  if (!/^[0-9a-f]{1,16}$/.test(messageId)) return null;
  const params = new Map<string, string>();
  for (const part of runnerHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const runner = params.get('id');
  const kind = params.get('kind');
  if (!runner || !/^[A-Za-z0-9._:-]{1,100}$/.test(runner)) return null;
  if (kind !== 'browser' && kind !== 'worker') return null;
  const entry: LeaseEntry = { messageId, time: timeFromGmailId(messageId), runner, kind };
  const agent = params.get('agent');
  if (agent) {
    try {
      const decoded = decodeBase64Url(agent);
      if (decoded.length > 0 && decoded.length <= 200) entry.agent = decoded;
    } catch {
      // an unreadable agent name is left out; the lease still counts
    }
  }
  return entry;
}

/** The lease message: ASCII headers only (the agent's name travels base64url), a short text body. */
export function leaseMessage(runner: RunnerIdentity, mailbox: string, id: string, date: Date): string {
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(mailbox)) throw new TypeError('The mailbox address must be ASCII');
  const agent = runner.agent ? `; agent=${encodeBase64Url(runner.agent)}` : '';
  const headers = [
    `From: Labeldesk <${mailbox}>`,
    `To: ${mailbox}`,
    `Subject: ${LEASE_SUBJECT}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}@labeldesk.invalid>`,
    `${RECORD_HEADER}: ${RUNNER_LEASE_KIND}; v=${RECORD_FORMAT_VERSION}`,
    `${RUNNER_HEADER}: id=${runner.id}; kind=${runner.kind}${agent}`,
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
  ];
  return `${headers.join('\r\n')}\r\n\r\nThe Labeldesk automation runner of this mailbox (one at a time).\r\n`;
}

function encodeBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeBase64Url(data: string): string {
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
