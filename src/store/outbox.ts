/**
 * The outbox: ticket changes waiting to reach Gmail. It lives in IndexedDB so a change made a moment
 * before the service worker is killed, or the browser closes, is sent when either comes back.
 *
 * Changes to one thread are sent in the order they were made. A change still waiting is merged with the
 * next one for the same thread, so five quick clicks cost one `threads.modify`; a change already being
 * sent is never merged into, or a later click could be deleted with it.
 */
import type { LabeldeskDatabase } from './db';
import { type OutboxChange, outboxChangeSchema } from './schema';

/**
 * A sender that has not finished within this time is presumed dead (a killed service worker). The default
 * outlasts a batch's retries; callers that know better (tests, a worker that just started) pass their own.
 */
export const STALE_SENDING_MS = 60_000;

export interface NewChange {
  threadId: string;
  add: readonly string[];
  remove: readonly string[];
  agent?: string;
}

function lower(names: readonly string[]): Set<string> {
  return new Set(names.map((n) => n.toLowerCase()));
}

/** Applies `next` after `first`: what the two do together as one modify. */
export function mergeChanges(
  first: Pick<OutboxChange, 'add' | 'remove'>,
  next: Pick<NewChange, 'add' | 'remove'>,
): { add: string[]; remove: string[] } {
  const nextAdd = lower(next.add);
  const nextRemove = lower(next.remove);
  const add = [...first.add.filter((n) => !nextRemove.has(n.toLowerCase())), ...next.add];
  const remove = [...first.remove.filter((n) => !nextAdd.has(n.toLowerCase())), ...next.remove];
  return { add: dedupe(add), remove: dedupe(remove) };
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function enqueueChange(
  db: LabeldeskDatabase,
  change: NewChange,
  now: number,
): Promise<OutboxChange> {
  const tx = db.transaction('outbox', 'readwrite');
  const pending = await tx.store.index('threadId').getAll(change.threadId);
  const last = pending.sort((a, b) => a.seq - b.seq).at(-1);
  let stored: OutboxChange;
  if (last && last.sendingSince === undefined && last.attempts === 0) {
    stored = { ...last, ...mergeChanges(last, change), createdAt: last.createdAt };
    if (change.agent !== undefined) stored.agent = change.agent;
    await tx.store.put(stored);
  } else {
    const draft = {
      threadId: change.threadId,
      add: [...change.add],
      remove: [...change.remove],
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      ...(change.agent !== undefined ? { agent: change.agent } : {}),
    };
    // The store assigns seq; zod checks the rest before it is written.
    outboxChangeSchema.omit({ seq: true }).parse(draft);
    const seq = (await tx.store.add(draft as OutboxChange)) as number;
    stored = { ...draft, seq };
  }
  await tx.done;
  return stored;
}

/**
 * Claims up to `limit` changes that may be sent now: the oldest change of each thread, when it is due and
 * nobody is sending it (or its sender died). Claiming marks them in the same transaction that reads them.
 */
export async function claimDueChanges(
  db: LabeldeskDatabase,
  now: number,
  limit: number,
  staleAfterMs: number = STALE_SENDING_MS,
): Promise<OutboxChange[]> {
  const tx = db.transaction('outbox', 'readwrite');
  const all = await tx.store.getAll();
  const firstOfThread = new Map<string, OutboxChange>();
  for (const raw of all.sort((a, b) => a.seq - b.seq)) {
    const parsed = outboxChangeSchema.safeParse(raw);
    if (!parsed.success) {
      // A damaged entry cannot be sent safely; dropping it silently would lose a change, so keep it visible.
      continue;
    }
    if (!firstOfThread.has(parsed.data.threadId)) firstOfThread.set(parsed.data.threadId, parsed.data);
  }
  const claimed: OutboxChange[] = [];
  for (const change of firstOfThread.values()) {
    if (claimed.length >= limit) break;
    const busy = change.sendingSince !== undefined && now - change.sendingSince < staleAfterMs;
    if (busy || change.nextAttemptAt > now) continue;
    const mark = { ...change, sendingSince: now };
    await tx.store.put(mark);
    claimed.push(mark);
  }
  await tx.done;
  return claimed;
}

/**
 * Releases every change marked as being sent, for a caller that knows no sender is alive: a service worker
 * opening the mailbox has sent nothing yet, so every mark is from a worker that was stopped mid-send (Chrome
 * stops idle workers, and a crash stops any). Without this, those changes waited out STALE_SENDING_MS
 * before anyone sent them. A change that did reach Gmail before the stop is sent again: harmless, a modify
 * sets labels. Returns how many were released.
 */
export async function releaseSending(db: LabeldeskDatabase): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let released = 0;
  for (const change of await tx.store.getAll()) {
    if (change.sendingSince === undefined) continue;
    const { sendingSince: _orphaned, ...rest } = change;
    await tx.store.put(rest);
    released += 1;
  }
  await tx.done;
  return released;
}

export async function completeChange(db: LabeldeskDatabase, seq: number): Promise<void> {
  await db.delete('outbox', seq);
}

/** The send failed: retry at `retryAt` (the caller's backoff decides when). */
export async function failChange(
  db: LabeldeskDatabase,
  seq: number,
  error: string,
  retryAt: number,
): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const change = await tx.store.get(seq);
  if (change) {
    const { sendingSince: _released, ...rest } = change;
    await tx.store.put({
      ...rest,
      attempts: change.attempts + 1,
      nextAttemptAt: retryAt,
      lastError: error.slice(0, 500),
    });
  }
  await tx.done;
}

/** Changes not yet in Gmail for one thread, oldest first: the UI overlays them on the stored ticket. */
export async function pendingChanges(db: LabeldeskDatabase, threadId: string): Promise<OutboxChange[]> {
  const list = await db.getAllFromIndex('outbox', 'threadId', threadId);
  return list.sort((a, b) => a.seq - b.seq);
}

export async function outboxSize(db: LabeldeskDatabase): Promise<number> {
  return db.count('outbox');
}
