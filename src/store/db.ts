/**
 * Opening the database and migrating it. Each migration takes the database from version i to i + 1 and
 * runs inside the upgrade transaction, so a browser that skipped versions runs every step in order and a
 * failed step leaves the previous version intact.
 */
import { type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { rebuildQueueIndex } from './queue-index';
import type { LabeldeskDB } from './schema';

export type LabeldeskDatabase = IDBPDatabase<LabeldeskDB>;
type UpgradeTransaction = IDBPTransaction<LabeldeskDB, StoreNames<LabeldeskDB>[], 'versionchange'>;
type Migration = (db: LabeldeskDatabase, tx: UpgradeTransaction) => void;

/** `MIGRATIONS[i]` upgrades version i to version i + 1. Append only; never edit a released step. */
export const MIGRATIONS: readonly Migration[] = [
  function createInitialSchema(db) {
    const tickets = db.createObjectStore('tickets', { keyPath: 'threadId' });
    tickets.createIndex('status', 'status');
    tickets.createIndex('assignee', 'assignee');
    tickets.createIndex('group', 'group');
    tickets.createIndex('priority', 'priority');
    tickets.createIndex('tag', 'tagKeys', { multiEntry: true });
    tickets.createIndex('slaDue', 'slaDueAt');
    tickets.createIndex('requester', 'requesterEmail');
    tickets.createIndex('requesterDomain', 'requesterDomain');
    const queueEntries = db.createObjectStore('queueEntries', { keyPath: 'key' });
    queueEntries.createIndex('threadId', 'threadId');
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('threadId', 'threadId');
    outbox.createIndex('nextAttemptAt', 'nextAttemptAt');
    db.createObjectStore('cursors', { keyPath: 'name' });
    db.createObjectStore('rebuild');
  },
  function addSharedRecords(db) {
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('threadId', 'threadId');
  },
  function addQueueCountsAndDueEntries(db, tx) {
    db.createObjectStore('queueCounts');
    // Entries now include the SLA-due pseudo-queue and counts: rebuild both from the stored tickets.
    rebuildQueueIndex(tx).catch(() => tx.abort());
  },
  function indexTicketsWithoutMetadata(_db, tx) {
    const tickets = tx.objectStore('tickets');
    tickets.createIndex('metadataPending', 'metadataPending');
    markTicketsWithoutMetadata(tx).catch(() => tx.abort());
  },
  function addAutomationMemory(db) {
    const memory = db.createObjectStore('automationMemory', { keyPath: 'key' });
    memory.createIndex('to', 'to');
  },
  function indexTimelinesAndRecordKinds(_db, tx) {
    // Reports read every CSAT answer by kind, and the on-demand timeline reads find their threads by index.
    tx.objectStore('records').createIndex('kind', 'kind');
    tx.objectStore('tickets').createIndex('timelinePending', 'timelinePending');
    markTicketsWithoutTimeline(tx).catch(() => tx.abort());
  },
  function trackTicketChanges(db, tx) {
    // The reports read a compact snapshot of every ticket's facts and only the rows written since.
    db.createObjectStore('meta');
    tx.objectStore('tickets').createIndex('changeSeq', 'changeSeq');
  },
];

/** Sets the pending-metadata key on stored tickets that lack metadata (written before version 4). */
async function markTicketsWithoutMetadata(tx: UpgradeTransaction): Promise<void> {
  let cursor = await tx.objectStore('tickets').openCursor();
  while (cursor) {
    if (!cursor.value.hasMetadata && cursor.value.metadataPending === undefined) {
      await cursor.update({ ...cursor.value, metadataPending: 1 });
    }
    cursor = await cursor.continue();
  }
}

/** Sets the pending-timeline key on every stored ticket (no version before 6 read timelines). */
async function markTicketsWithoutTimeline(tx: UpgradeTransaction): Promise<void> {
  let cursor = await tx.objectStore('tickets').openCursor();
  while (cursor) {
    if (cursor.value.timeline === undefined && cursor.value.timelinePending === undefined) {
      await cursor.update({ ...cursor.value, timelinePending: 1 });
    }
    cursor = await cursor.continue();
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/** One database per mailbox, so two accounts open in one browser never mix their tickets. */
export function databaseName(mailbox: string): string {
  return `labeldesk:${mailbox.toLowerCase()}`;
}

export async function openLabeldeskDatabase(
  mailbox: string,
  options: {
    version?: number;
    onBlocked?: () => void;
    /**
     * This connection closed under its user: another context deleted the database or needs a newer schema,
     * or the browser closed it (site data cleared). The caller must open it again before its next use.
     */
    onClose?: () => void;
  } = {},
): Promise<LabeldeskDatabase> {
  const version = options.version ?? SCHEMA_VERSION;
  return openDB<LabeldeskDB>(databaseName(mailbox), version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = MIGRATIONS[v];
        if (!step) throw new Error(`No migration from schema version ${v}`);
        step(db, tx);
      }
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking(_current, _next, event) {
      // Another context deletes the database or needs a newer schema: let it; this connection is done.
      (event.target as IDBDatabase).close();
      options.onClose?.();
    },
    terminated() {
      options.onClose?.();
    },
  });
}
