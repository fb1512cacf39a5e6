/**
 * What the reports read from this browser's store (issue 7): every ticket as `TicketFacts` and every CSAT
 * answer as `CsatFact`, in one read-only transaction; and this browser's wish to read ticket timelines.
 */
import type { CsatFact, TicketFacts } from '../core/metrics/facts';
import type { LabeldeskDatabase } from './db';

/** The cursors-store entry that says "the reports page asked for timelines here" (kept across restarts). */
const TIMELINES_WANTED = 'reports.timelines';

/** Remembers that this browser wants ticket timelines for this mailbox: polls read them from now on. */
export async function requestTimelines(db: LabeldeskDatabase, now: number): Promise<void> {
  // A cursor-shaped entry (history id 0): the store every version has, validated on read like a cursor.
  await db.put('cursors', { name: TIMELINES_WANTED, historyId: '0', updatedAt: now });
}

/** Whether the reports page asked this browser for timelines (and when), or undefined. */
export async function timelinesRequestedAt(db: LabeldeskDatabase): Promise<number | undefined> {
  const entry = await db.get('cursors', TIMELINES_WANTED);
  return typeof entry?.updatedAt === 'number' ? entry.updatedAt : undefined;
}
