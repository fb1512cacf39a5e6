/**
 * The helpdesk's methods in the service worker (issue 4): the sidebar, the queues and the options page read
 * this browser's store and change tickets through the sync engine's outbox, never the Gmail API directly
 * (DESIGN.md section 2: ui → core → store outbox → sync → Gmail API). Each change is optimistic: the store
 * shows it at once, the outbox carries it to Gmail, and the tabs are told when it got there.
 */
import { type ActivityRecord, findMentions, type NoteRecord, type PresenceRecord } from '../core/records';
import type { Settings } from '../core/settings';
import { teamGroups, uniqueNames } from '../core/team-config';
import {
  emptyLibrary,
  type TemplateLibrary,
  type TemplateLibraryRecord,
  upsertTemplate,
} from '../core/templates';
import { type TicketLabelState, tagPath } from '../core/ticket';
import type { SyncCalls } from '../gmail/api/sync-calls';
import type {
  ActivityView,
  NoteView,
  PresenceView,
  QueueIdArgs,
  TicketPatchArgs,
  TicketRow,
  TicketView,
} from '../messaging/contract';
import type { LibraryView } from '../messaging/contract-replies';
import { LabeldeskError } from '../messaging/errors';
import { readCursor } from '../store/cursors';
import type { LabeldeskDatabase } from '../store/db';
import { pendingChanges } from '../store/outbox';
import type { TicketRecord } from '../store/schema';
import { countQueues, getTicket, readQueue, searchTickets, ticketsOfRequester } from '../store/ticket-store';
import { HISTORY_CURSOR, type SyncEngine, type TicketPatch } from '../sync/engine';
import type { RecordBook } from '../sync/record-book';
import { createAutomationDesk } from './automation-desk';
import type { DeskHandlers } from './handlers';
import { createKnowledgeDesk } from './knowledge-desk';
import { createReportsDesk } from './reports-desk';

/** What the desk needs of the service worker: one engine, store and API per mailbox, and the tabs. */
export interface DeskServices {
  mailboxFor(mailbox: string): Promise<{ engine: SyncEngine; db: LabeldeskDatabase; calls: SyncCalls }>;
  /** Checks once per mailbox that the token belongs to it; every write waits for it (DESIGN.md section 1). */
  verifyMailbox(mailbox: string): Promise<void>;
  knownMailboxes(): Promise<string[]>;
  loadSettings(): Promise<Settings>;
  /** Carry the outbox to Gmail now and tell the tabs; never awaited by the caller's answer. */
  afterChange(mailbox: string, threadIds: readonly string[]): void;
  /** Tell the tabs without a sync (a config or note written straight to the mailbox). */
  announce(mailbox: string, threadIds: readonly string[], all?: boolean): void;
  now(): number;
  /** The mailbox's automation runner as this browser last saw it (sync-runner.ts), for 'runner.status'. */
  runnerStatus?(mailbox: string): Promise<import('../messaging/contract-automation').RunnerStatus>;
}

/** How many earlier tickets the customer history shows per list. */
const HISTORY_LIMIT = 20;
/** The same agent on the same thread in the same state is not written again within this time. */
const PRESENCE_REFRESH_MS = 60_000;

export function createDesk(services: DeskServices): DeskHandlers {
  const lastPresence = new Map<string, { key: string; at: number }>();
  /** Library writes of one mailbox, one after the other: two quick saves in this browser both count. */
  const libraryWrites = new Map<string, Promise<unknown>>();

  const recordsOf = async (mailbox: string): Promise<RecordBook> => {
    const { engine } = await services.mailboxFor(mailbox);
    if (!engine.records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
    return engine.records;
  };

  /**
   * Writes a new library made from the one in force (read inside the queue, so nothing a save before it
   * wrote is lost), then tells every tab of the mailbox: each reply tools re-reads it.
   */
  const writeLibrary = (
    mailbox: string,
    change: (current: TemplateLibrary, actor: string) => TemplateLibrary,
  ): Promise<LibraryView> => {
    const run = async () => {
      await services.verifyMailbox(mailbox);
      const records = await recordsOf(mailbox);
      const { actor } = await me(mailbox);
      const current = (await records.library())?.library ?? emptyLibrary();
      const stored = await records.setLibrary(change(current, actor), actor);
      services.announce(mailbox, [], true);
      if (stored.kind !== 'templates') throw new LabeldeskError('internal', 'The library was not stored');
      return libraryView(stored);
    };
    const next = (libraryWrites.get(mailbox) ?? Promise.resolve()).then(run, run);
    libraryWrites.set(
      mailbox,
      next.catch(() => undefined),
    );
    return next;
  };

  const me = async (mailbox: string) => {
    const name = (await services.loadSettings()).agentName;
    return { name, actor: name || mailbox };
  };

  const view = async (
    db: LabeldeskDatabase,
    engine: SyncEngine,
    record: TicketRecord,
  ): Promise<TicketView> => {
    const [pending, hold] = await Promise.all([
      pendingChanges(db, record.threadId),
      engine.records?.holdOf(record.threadId),
    ]);
    const ticket: TicketView = {
      ...toRow(record),
      pendingSync: pending.length > 0,
      hasMetadata: record.hasMetadata,
    };
    if (record.firstResponseAt !== undefined) ticket.firstResponseAt = record.firstResponseAt;
    if (record.lastCustomerMessageAt !== undefined)
      ticket.lastCustomerMessageAt = record.lastCustomerMessageAt;
    if (record.solvedAt !== undefined) ticket.solvedAt = record.solvedAt;
    if (hold && (hold.waitingFor !== undefined || hold.promisedBy !== undefined)) {
      ticket.hold = {};
      if (hold.waitingFor !== undefined) ticket.hold.waitingFor = hold.waitingFor;
      if (hold.promisedBy !== undefined) ticket.hold.promisedBy = hold.promisedBy;
    }
    return ticket;
  };

  const storedTicket = async (db: LabeldeskDatabase, threadId: string) => {
    const record = await getTicket(db, threadId);
    if (!record) throw new LabeldeskError('not-found', `No ticket ${threadId} in this browser yet`);
    return record;
  };

  /** One activity record per changed field, written after the answer (25 units each, off the agent's path). */
  const logActivity = (
    engine: SyncEngine,
    actor: string,
    threadId: string,
    before: TicketLabelState,
    after: TicketLabelState,
  ) => {
    const events = activityOf(before, after).map((e) => ({ ...e, threadId, actor }));
    if (events.length === 0 || !engine.records) return;
    engine.records.addActivities(events).catch((error: unknown) => {
      console.warn('Labeldesk: activity not recorded:', error instanceof Error ? error.name : 'error');
    });
  };

  return {
    ...createAutomationDesk(services),
    ...createKnowledgeDesk(services),
    ...createReportsDesk(services),
    'ticket.get': async ({ mailbox, threadId }) => {
      const { engine, db } = await services.mailboxFor(mailbox);
      const found = await engine.lookupThread(threadId);
      if (found.kind === 'not-ticket') {
        return { kind: 'not-ticket', threadId, subject: found.subject, messageCount: found.messageCount };
      }
      return { kind: 'ticket', ticket: await view(db, engine, found.record) };
    },

    'ticket.context': async ({ mailbox, threadId }) => {
      const { engine, db } = await services.mailboxFor(mailbox);
      const record = await getTicket(db, threadId);
      const records = (await engine.records?.forThread(threadId)) ?? [];
      const { name } = await me(mailbox);
      const history = record?.requester
        ? await ticketsOfRequester(db, record.requester.email)
        : { sameSender: [], sameDomain: [] };
      const others = (p: TicketRecord) => p.threadId !== threadId;
      const presence = ((await engine.records?.presence(threadId)) ?? []).filter((p) => p.agent !== name);
      return {
        notes: records.filter((r): r is typeof r & NoteRecord => r.kind === 'note').map(toNoteView),
        activity: records
          .filter((r): r is typeof r & ActivityRecord => r.kind === 'activity')
          .map(toActivityView),
        history: {
          sameSender: history.sameSender.filter(others).slice(0, HISTORY_LIMIT).map(toRow),
          sameDomain: history.sameDomain.filter(others).slice(0, HISTORY_LIMIT).map(toRow),
          // The customer's CSAT answers over all their tickets (issue 6), newest first.
          ratings: record?.requester
            ? ((await engine.records?.csatOfRequester(record.requester.email)) ?? [])
                .slice(0, HISTORY_LIMIT)
                .map((r) => ({
                  threadId: r.threadId,
                  rating: r.rating,
                  ...(r.comment !== undefined ? { comment: r.comment } : {}),
                  at: r.answeredAt,
                }))
            : [],
        },
        presence: presence.map(toPresenceView),
      };
    },

    'ticket.update': async ({ mailbox, threadId, patch }) => {
      await services.verifyMailbox(mailbox);
      const { engine, db } = await services.mailboxFor(mailbox);
      const { actor } = await me(mailbox);
      const before = await storedTicket(db, threadId);
      await engine.updateTicket(threadId, toEnginePatch(patch), actor);
      const after = await storedTicket(db, threadId);
      logActivity(engine, actor, threadId, before, after);
      services.afterChange(mailbox, [threadId]);
      return { ticket: await view(db, engine, after) };
    },

    'tickets.bulkUpdate': async ({ mailbox, threadIds, patch }) => {
      await services.verifyMailbox(mailbox);
      const { engine, db } = await services.mailboxFor(mailbox);
      const { actor } = await me(mailbox);
      const updated: string[] = [];
      const notTickets: string[] = [];
      for (const threadId of new Set(threadIds)) {
        const before = await getTicket(db, threadId);
        if (!before) {
          notTickets.push(threadId);
          continue;
        }
        await engine.updateTicket(threadId, toEnginePatch(patch), actor);
        const after = await storedTicket(db, threadId);
        logActivity(engine, actor, threadId, before, after);
        updated.push(threadId);
      }
      if (updated.length > 0) services.afterChange(mailbox, updated);
      return { updated, notTickets };
    },

    'ticket.make': async ({ mailbox, threadId }) => {
      await services.verifyMailbox(mailbox);
      const { engine, db } = await services.mailboxFor(mailbox);
      const { actor } = await me(mailbox);
      const record = await engine.makeTicketOf(threadId, actor);
      engine.records?.addActivity({ threadId, actor, field: 'ticket', to: 'New' }).catch(() => undefined); // the ticket stands without its history line
      services.afterChange(mailbox, [threadId]);
      return { ticket: await view(db, engine, record) };
    },

    'ticket.hold': async ({ mailbox, threadId, waitingFor, promisedBy }) => {
      await services.verifyMailbox(mailbox);
      const { engine, db } = await services.mailboxFor(mailbox);
      const record = await storedTicket(db, threadId);
      if (!engine.records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
      const { actor } = await me(mailbox);
      await engine.records.addHold({
        threadId,
        actor,
        ...(waitingFor ? { waitingFor } : {}),
        ...(promisedBy !== null ? { promisedBy } : {}),
      });
      // The history line says what is awaited and the promised day (ISO: every agent reads it in their language).
      const detail = [
        waitingFor ?? '',
        promisedBy === null ? '' : new Date(promisedBy).toISOString().slice(0, 10),
      ]
        .filter((part) => part !== '')
        .join(' · ');
      engine.records
        .addActivity({ threadId, actor, field: 'hold', ...(detail ? { to: detail.slice(0, 2_000) } : {}) })
        .catch(() => undefined); // the details stand without their history line
      services.announce(mailbox, [threadId]);
      return { ticket: await view(db, engine, record) };
    },

    'note.add': async ({ mailbox, threadId, body }) => {
      await services.verifyMailbox(mailbox);
      const { engine } = await services.mailboxFor(mailbox);
      if (!engine.records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
      const { actor } = await me(mailbox);
      const agents = ((await engine.records.config())?.agents ?? []).map((a) => a.name);
      const stored = await engine.records.addNote({
        threadId,
        author: actor,
        body,
        mentions: findMentions(body, agents),
      });
      services.announce(mailbox, [threadId]);
      if (stored.kind !== 'note') throw new LabeldeskError('internal', 'The note was not stored as a note');
      return toNoteView(stored);
    },

    'thread.ofMessage': async ({ mailbox, messageId }) => {
      const { calls } = await services.mailboxFor(mailbox);
      const message = await calls.messageThread(messageId);
      return { threadId: message.threadId };
    },

    'team.get': async ({ mailbox }) => {
      const { engine } = await services.mailboxFor(mailbox);
      const { name } = await me(mailbox);
      return {
        mailbox,
        config: (await engine.records?.config()) ?? null,
        me: name,
        labels: await engine.labelValues(),
      };
    },

    'team.set': async ({ mailbox, config }) => {
      if (!(await services.knownMailboxes()).includes(mailbox)) {
        throw new LabeldeskError('not-found', `Open ${mailbox} in Gmail once before setting its team up`);
      }
      await services.verifyMailbox(mailbox);
      const { engine } = await services.mailboxFor(mailbox);
      if (!engine.records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
      const { name, actor } = await me(mailbox);
      await engine.records.setConfig(config, actor);
      services.announce(mailbox, [], true);
      return {
        mailbox,
        config: (await engine.records.config()) ?? null,
        me: name,
        labels: await engine.labelValues(),
      };
    },

    'library.get': async ({ mailbox }) => libraryView(await (await recordsOf(mailbox)).library()),

    'library.set': ({ mailbox, library }) => writeLibrary(mailbox, () => library),

    'template.save': ({ mailbox, template }) =>
      writeLibrary(mailbox, (current, actor) =>
        // Stamped here: who saved it last and when is what the worker saw, not what a tab claims.
        upsertTemplate(current, { ...template, updatedAt: services.now(), author: actor }),
      ),

    'notify.send': async ({ mailbox, threadId, to, macro }) => {
      await services.verifyMailbox(mailbox);
      const records = await recordsOf(mailbox);
      const agent = ((await records.config())?.agents ?? []).find(
        (a) => a.name.toLowerCase() === to.toLowerCase(),
      );
      if (!agent) {
        throw new LabeldeskError('invalid-message', `No agent named "${to}" in the team set-up to notify`, {
          reason: 'agent-unknown',
        });
      }
      const { actor } = await me(mailbox);
      await records.addNotify({ to: agent.name, from: actor, threadId, macro });
      return {};
    },

    'team.mailboxes': async () => ({ mailboxes: await services.knownMailboxes() }),

    'queue.counts': async ({ mailbox }) => {
      const { engine, db } = await services.mailboxFor(mailbox);
      const { name } = await me(mailbox);
      const [config, labels, cursor] = await Promise.all([
        engine.records?.config(),
        engine.labelValues(),
        readCursor(db, HISTORY_CURSOR),
      ]);
      // The team's groups and tags first, then those the mailbox has labels for, each once.
      const groups = uniqueNames([...teamGroups(config), ...labels.groups]);
      const tags = uniqueNames([...(config?.tags ?? []).map((t) => t.path), ...labels.tags]);
      const queues: Exclude<QueueIdArgs, { kind: 'overdue' }>[] = [
        { kind: 'unassigned' },
        ...(name ? [{ kind: 'mine' as const, agent: name }] : []),
        { kind: 'all-open' },
        { kind: 'pending' },
        { kind: 'on-hold' },
        ...groups.map((group) => ({ kind: 'group' as const, group })),
        ...tags.map((tag) => ({ kind: 'tag' as const, tag })),
      ];
      const [counts, overdue] = await Promise.all([
        countQueues(db, queues),
        readQueue(db, { kind: 'overdue' }, { limit: 1, now: services.now() }),
      ]);
      const withCounts = queues.map((queue, i) => ({ queue: queue as QueueIdArgs, count: counts[i] ?? 0 }));
      // Overdue right after the status queues, before groups and tags.
      withCounts.splice(name ? 5 : 4, 0, { queue: { kind: 'overdue' }, count: overdue.total });
      return { queues: withCounts, synced: cursor !== undefined };
    },

    'queue.read': async ({ mailbox, queue, offset, limit }) => {
      const { db } = await services.mailboxFor(mailbox);
      const page = await readQueue(db, queue, { limit, offset, now: services.now() });
      return { rows: page.tickets.map(toRow), total: page.total };
    },

    'queue.search': async ({ mailbox, text, limit }) => {
      const { db } = await services.mailboxFor(mailbox);
      return { rows: (await searchTickets(db, text, limit)).map(toRow) };
    },

    'presence.set': async ({ mailbox, threadId, state }) => {
      const { engine } = await services.mailboxFor(mailbox);
      const { name } = await me(mailbox);
      const records = engine.records;
      if (!records) return { others: [] };
      // Without a name, agents of one shared account cannot be told apart: read others, announce nothing.
      if (name) {
        const key = `${threadId}:${state}`;
        const last = lastPresence.get(mailbox);
        const now = services.now();
        if (!last || last.key !== key || now - last.at >= PRESENCE_REFRESH_MS) {
          lastPresence.set(mailbox, { key, at: now });
          await services.verifyMailbox(mailbox);
          await records.setPresence({ agent: name, threadId, state });
        }
      }
      const others =
        threadId === null ? [] : (await records.presence(threadId)).filter((p) => p.agent !== name);
      return { others: others.map(toPresenceView) };
    },
  };
}

/** The library in force with who saved it and when; an empty library when nobody has yet. */
export function libraryView(record: TemplateLibraryRecord | undefined): LibraryView {
  if (!record) return { library: emptyLibrary(), updatedAt: null, author: null };
  return { library: record.library, updatedAt: record.createdAt, author: record.author };
}

export function toRow(record: TicketRecord): TicketRow {
  const row: TicketRow = {
    threadId: record.threadId,
    reference: record.reference,
    subject: record.subject,
    status: record.status,
    tags: record.tags.map((t) => (t.why === undefined ? { what: t.what } : { what: t.what, why: t.why })),
    createdAt: record.createdAt,
  };
  if (record.requester) {
    row.requester =
      record.requester.name === undefined
        ? { email: record.requester.email }
        : { email: record.requester.email, name: record.requester.name };
  }
  if (record.priority !== undefined) row.priority = record.priority;
  if (record.assignee !== undefined) row.assignee = record.assignee;
  if (record.group !== undefined) row.group = record.group;
  if (record.slaDueAt !== undefined) row.slaDueAt = record.slaDueAt;
  if (record.slaAtRiskAt !== undefined) row.slaAtRiskAt = record.slaAtRiskAt;
  return row;
}

function toEnginePatch(patch: TicketPatchArgs): TicketPatch {
  const out: TicketPatch = {};
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.priority !== undefined) out.priority = patch.priority;
  if (patch.assignee !== undefined) out.assignee = patch.assignee;
  if (patch.group !== undefined) out.group = patch.group;
  if (patch.addTags) out.addTags = patch.addTags.map(plainTag);
  if (patch.removeTags) out.removeTags = patch.removeTags.map(plainTag);
  return out;
}

function plainTag(tag: { what: string; why?: string | undefined }) {
  return tag.why === undefined ? { what: tag.what } : { what: tag.what, why: tag.why };
}

type ActivityEvent = Pick<ActivityRecord, 'field'> & { from?: string; to?: string };

/** The fields an agent's change touched, as activity events ("Status: Open → Solved"). */
export function activityOf(before: TicketLabelState, after: TicketLabelState): ActivityEvent[] {
  const events: ActivityEvent[] = [];
  for (const field of ['status', 'priority', 'assignee', 'group'] as const) {
    const from = before[field];
    const to = after[field];
    if (from === to) continue;
    const event: ActivityEvent = { field };
    if (from !== undefined) event.from = from;
    if (to !== undefined) event.to = to;
    events.push(event);
  }
  const names = (state: TicketLabelState) => state.tags.map(tagPath).sort();
  const [from, to] = [names(before), names(after)];
  if (from.join('\n') !== to.join('\n')) {
    const event: ActivityEvent = { field: 'tags' };
    // One tag per line: a tag path may hold a comma, never a line break (Gmail label names are one line).
    if (from.length > 0) event.from = from.join('\n').slice(0, 2_000);
    if (to.length > 0) event.to = to.join('\n').slice(0, 2_000);
    events.push(event);
  }
  return events;
}

function toNoteView(record: NoteRecord): NoteView {
  return {
    id: record.id,
    author: record.author,
    body: record.body,
    mentions: record.mentions,
    createdAt: record.createdAt,
  };
}

function toActivityView(record: ActivityRecord): ActivityView {
  const out: ActivityView = {
    id: record.id,
    actor: record.actor,
    field: record.field,
    createdAt: record.createdAt,
  };
  if (record.from !== undefined) out.from = record.from;
  if (record.to !== undefined) out.to = record.to;
  return out;
}

function toPresenceView(record: PresenceRecord): PresenceView {
  return { agent: record.agent, threadId: record.threadId, state: record.state, at: record.createdAt };
}
