import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbAutomationMemory } from '../sync/automation/memory';
import { openLabeldeskDatabase } from './db';
import { putTickets } from './ticket-store';

describe('automation memory store', () => {
  it('the upgrade to the memory store keeps the tickets stored before it', async () => {
    const name = `memory-upgrade-${crypto.randomUUID()}@example.com`;
    // Version 4: the last one before the memory store (step 5 made it).
    const old = await openLabeldeskDatabase(name, { version: 4 });
    await putTickets(old, [
      {
        threadId: 'abc',
        reference: '#ABC123',
        subject: 'Hello',
        status: 'New',
        tags: [],
        createdAt: 1,
        labelIds: [],
        hasMetadata: true,
      },
    ]);
    expect(old.objectStoreNames.contains('automationMemory')).toBe(false);
    old.close();
    const db = await openLabeldeskDatabase(name);
    expect(db.objectStoreNames.contains('automationMemory')).toBe(true);
    expect((await db.get('tickets', 'abc'))?.subject).toBe('Hello');
    db.close();
  });

  it('counts mail sent to an address since a time, and remembers when a status was first seen', async () => {
    const db = await openLabeldeskDatabase(`memory-${crypto.randomUUID()}@example.com`);
    let now = 1_000_000;
    const memory = new IndexedDbAutomationMemory(db, () => now);
    await memory.noteSent('Jan@Example.pl', 10);
    await memory.noteSent('jan@example.pl', 500);
    await memory.noteSent('ewa@example.pl', 500);
    expect(await memory.sentTo('jan@example.pl', 0)).toBe(2);
    expect(await memory.sentTo('JAN@example.pl', 100)).toBe(1);
    const ticket = {
      threadId: 'abc',
      reference: '#ABC123',
      subject: '',
      status: 'Solved' as const,
      tags: [],
      tagKeys: [],
      createdAt: 1,
      labelIds: [],
      hasMetadata: true,
    };
    expect(await memory.statusSince(ticket, 'Solved')).toBe(1_000_000);
    now += 5_000;
    expect(await memory.statusSince(ticket, 'Solved')).toBe(1_000_000);
    expect(await memory.statusSince({ ...ticket, status: 'Open' }, 'Solved')).toBeUndefined();
    now += 5_000;
    expect(await memory.statusSince({ ...ticket, status: 'Open' }, 'Open')).toBe(1_010_000);
    now = 10 * 24 * 60 * 60_000;
    expect(await memory.prune()).toBe(3);
    db.close();
  });
});
