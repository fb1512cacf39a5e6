/** Sync cursors: where incremental sync resumes (`history.list` from the stored history id). */
import type { LabeldeskDatabase } from './db';
import { cursorSchema, type SyncCursor } from './schema';

export async function readCursor(db: LabeldeskDatabase, name: string): Promise<SyncCursor | undefined> {
  const raw: unknown = await db.get('cursors', name);
  if (raw === undefined) return undefined;
  const parsed = cursorSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A damaged cursor only costs a full sync, which loses nothing: forget it.
  await db.delete('cursors', name);
  return undefined;
}

/** History ids only move forward; an older id never overwrites a newer one (two tabs may race). */
export async function advanceCursor(
  db: LabeldeskDatabase,
  name: string,
  historyId: string,
  now: number,
): Promise<boolean> {
  const tx = db.transaction('cursors', 'readwrite');
  const current = await tx.store.get(name);
  const parsedCurrent = current === undefined ? undefined : cursorSchema.safeParse(current);
  const newer = !parsedCurrent?.success || BigInt(historyId) > BigInt(parsedCurrent.data.historyId);
  if (newer) await tx.store.put(cursorSchema.parse({ name, historyId, updatedAt: now }));
  await tx.done;
  return newer;
}

export async function resetCursor(db: LabeldeskDatabase, name: string): Promise<void> {
  await db.delete('cursors', name);
}
