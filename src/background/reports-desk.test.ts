import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SyncCalls } from '../gmail/api/sync-calls';
import { openLabeldeskDatabase } from '../store/db';
import { timelinesRequestedAt } from '../store/report-inputs';
import { putTickets } from '../store/ticket-store';
import { SyncEngine } from '../sync/engine';
import type { DeskServices } from './desk';
import { createReportsDesk } from './reports-desk';

const MAILBOX = 'reports-desk@northwind-shop.example';

describe("'reports.prepare'", () => {
  it('remembers that this browser wants timelines and says how many are still to read, calling nothing', async () => {
    const db = await openLabeldeskDatabase(MAILBOX);
    // Any Gmail call would throw: preparing reads two counts from the store only.
    const calls = new Proxy({} as SyncCalls, {
      get: () => () => {
        throw new Error('no Gmail call expected');
      },
    });
    const engine = new SyncEngine({ db, calls, mailbox: MAILBOX });
    const ticket = (n: number) => ({
      threadId: `19a00000000000${n}0`,
      reference: '#ABC123',
      subject: `Ticket ${n}`,
      status: 'Open' as const,
      tags: [],
      createdAt: n,
      labelIds: [],
      hasMetadata: true,
    });
    await putTickets(db, [
      ticket(1),
      ticket(2),
      { ...ticket(3), timeline: { customer: [3], team: [], solves: [] } },
    ]);
    const services = {
      mailboxFor: async () => ({ engine, db, calls }),
      now: () => 1_000,
    } as unknown as DeskServices;
    const desk = createReportsDesk(services);
    expect(await timelinesRequestedAt(db)).toBeUndefined();
    expect(await desk['reports.prepare']({ mailbox: MAILBOX }, { caller: 'extension-page' })).toEqual({
      pending: 2,
      total: 3,
    });
    expect(await timelinesRequestedAt(db)).toBe(1_000);
    db.close();
  });
});
