/**
 * Test doubles for the automations' unit tests (never imported by product code): a record book over a test
 * database with no Gmail behind it but inserts, and an engine whose `updateTicket` writes the store the way
 * the real one does, recording each patch. The automations themselves run unchanged.
 */
import type { AutomationSettings } from '../../core/automation-config';
import { createLabelCodec } from '../../core/label-codec';
import { slaRowFields } from '../../core/sla-policy';
import type { SyncCalls } from '../../gmail/api/sync-calls';
import type { LabeldeskDatabase } from '../../store/db';
import { getTicket, putTickets } from '../../store/ticket-store';
import { applyPatch, type SyncEngine, type TicketPatch } from '../engine';
import { RecordBook } from '../record-book';

/** Gmail calls that only insert records (ids a0001, a0002 …, all under Label_9). */
export function insertOnlyCalls(): SyncCalls {
  let inserted = 0;
  return {
    insertMessage: async () => {
      inserted += 1;
      return { id: `a${inserted.toString(16).padStart(4, '0')}`, threadId: 'f000', labelIds: ['Label_9'] };
    },
  } as unknown as SyncCalls;
}

export function testRecordBook(
  db: LabeldeskDatabase,
  mailbox: string,
  now: () => number,
  calls: SyncCalls = insertOnlyCalls(),
): RecordBook {
  return new RecordBook({
    db,
    calls,
    codec: createLabelCodec(),
    mailbox,
    recordsLabelId: async () => 'Label_9',
    now,
  });
}

export interface RecordedUpdate {
  threadId: string;
  patch: TicketPatch;
  agent?: string;
}

/**
 * An engine whose changes go straight to the store (with the SLA fields the new state gives, when settings
 * are given), as the real engine's optimistic write does; `updates` lists them in order.
 */
export function storeEngine(
  db: LabeldeskDatabase,
  settings?: AutomationSettings,
): { engine: SyncEngine; updates: RecordedUpdate[] } {
  const updates: RecordedUpdate[] = [];
  const engine = {
    updateTicket: async (threadId: string, patch: TicketPatch, agent?: string) => {
      updates.push({ threadId, patch, ...(agent ? { agent } : {}) });
      const record = await getTicket(db, threadId);
      if (!record) throw new Error('no ticket');
      const { requesterEmail: _e, requesterDomain: _d, tagKeys: _t, metadataPending: _m, ...input } = record;
      const next = { ...input, ...applyPatch(record, patch) };
      if (settings) {
        delete next.slaDueAt;
        delete next.slaAtRiskAt;
        Object.assign(next, slaRowFields(next, settings));
      }
      await putTickets(db, [next]);
      return null;
    },
  } as unknown as SyncEngine;
  return { engine, updates };
}
