import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { databaseName, openLabeldeskDatabase } from '../store/db';
import { claimDueChanges, enqueueChange, pendingChanges, releaseSending } from '../store/outbox';
import { SyncRunner } from './sync-runner';

const THREAD = '19a0000000000001';

function runner(): SyncRunner {
  const stored: Record<string, unknown> = {};
  return new SyncRunner({
    tokensFor: () => ({ getToken: async () => 'token', invalidate: async () => {} }) as never,
    baseUrl: 'http://127.0.0.1:1',
    storage: {
      get: async (key: string) => ({ [key]: stored[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
    } as never,
  });
}

describe('a service worker that opens a mailbox', () => {
  it('sends at once the changes a stopped worker had claimed (found by test/browser/faults.test.ts)', async () => {
    const mailbox = 'orphans@northwind-shop.example';
    const now = Date.now();
    const before = await openLabeldeskDatabase(mailbox);
    await enqueueChange(before, { threadId: THREAD, add: ['Helpdesk/Status/Pending'], remove: [] }, now);
    expect(await claimDueChanges(before, now, 20)).toHaveLength(1);
    // The worker that claimed it is stopped mid-send: until now the change waited a minute for its mark to
    // go stale, and the sidebar said "not saved yet" all that time.
    before.close();

    const { db } = await runner().mailboxFor(mailbox);
    const [change] = await pendingChanges(db, THREAD);
    expect(change?.sendingSince).toBeUndefined();
    expect(await claimDueChanges(db, now + 1, 20)).toHaveLength(1);
    db.close();
  });

  it('releases only the marks, and says how many', async () => {
    const db = await openLabeldeskDatabase('release@northwind-shop.example');
    const now = Date.now();
    await enqueueChange(db, { threadId: THREAD, add: ['A'], remove: [] }, now);
    await enqueueChange(db, { threadId: '19a0000000000002', add: ['B'], remove: [] }, now);
    await claimDueChanges(db, now, 1);
    expect(await releaseSending(db)).toBe(1);
    expect((await db.getAll('outbox')).map((c) => [c.add, c.sendingSince])).toEqual([
      [['A'], undefined],
      [['B'], undefined],
    ]);
    expect(await releaseSending(db)).toBe(0);
    db.close();
  });
});

describe('a database deleted while the worker runs', () => {
  it('is opened again, empty, on the next call (found by test/browser/faults.test.ts)', async () => {
    const mailbox = 'deleted@northwind-shop.example';
    const sync = runner();
    const { db: first } = await sync.mailboxFor(mailbox);
    await enqueueChange(first, { threadId: THREAD, add: ['A'], remove: [] }, Date.now());
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(databaseName(mailbox));
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked: the worker kept its connection'));
    });
    // Before, the worker kept the closed connection: every call failed with "connection is closing".
    const { db: second } = await sync.mailboxFor(mailbox);
    expect(second).not.toBe(first);
    // The change that was only in the deleted outbox is gone with it.
    expect(await second.count('outbox')).toBe(0);
    expect(await second.count('tickets')).toBe(0);
    second.close();
  });
});
