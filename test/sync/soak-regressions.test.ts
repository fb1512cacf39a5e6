/**
 * What the fault soak found, each pinned down as a small deterministic case against the stand-in: races
 * between two agents, a worker killed mid-send, a view holding two values of one field, and the notice an
 * agent gets when a later change overrode theirs.
 */
import { describe, expect, it } from 'vitest';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { claimDueChanges } from '../../src/store/outbox';
import { readQueue } from '../../src/store/ticket-store';
import { OVERRIDE_WINDOW_MS, SyncEngine } from '../../src/sync/engine';
import { type Agent, useDemoMailbox } from './sync-harness';

const mailbox = useDemoMailbox();

async function openTicket(agent: Agent) {
  const [ticket] = (await readQueue(agent.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
  if (!ticket) throw new Error('the demo seed has no open ticket');
  return ticket;
}

/** Helpdesk label names on a thread, as the official client reads Gmail. */
async function gmailLabels(threadId: string): Promise<string[]> {
  const client = mailbox.env().client;
  const labels = (await client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const names = new Map(labels.map((l) => [l.id as string, l.name as string]));
  const thread = await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
  const ids = new Set((thread.data.messages ?? []).flatMap((m) => m.labelIds ?? []));
  return [...ids]
    .map((id) => names.get(id) ?? id)
    .filter((n) => n.startsWith('Helpdesk/'))
    .sort();
}

/**
 * Both agents synced on one open ticket; anna (on `clock`) has set its priority to High and sent it. Answers
 * both agents, the ticket as anna had it, and as sam still has it.
 */
async function annaSentHigh(clock: { now: number }) {
  const a = await mailbox.agent('anna', { now: () => clock.now });
  const b = await mailbox.agent('sam');
  await a.engine.fullSync();
  await b.engine.fullSync();
  const ticket = await openTicket(a);
  const seen = await b.db.get('tickets', ticket.threadId);
  if (!seen) throw new Error('b does not have the ticket');
  await a.engine.changeTicket(ticket.threadId, { ...ticket, priority: 'High' });
  await a.engine.flushOutbox();
  return { a, b, ticket, seen };
}

async function labelId(name: string): Promise<string> {
  const labels = (await mailbox.env().client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const id = labels.find((l) => l.name === name)?.id;
  if (!id) throw new Error(`no label ${name}`);
  return id;
}

const statuses = (names: string[]) => names.filter((n) => n.startsWith('Helpdesk/Status/'));

describe('the fault soak, case by case', () => {
  it('a change a killed worker was sending is sent by the restarted one once the mark is stale', async () => {
    const a = await mailbox.agent('anna');
    await a.engine.fullSync();
    const ticket = await openTicket(a);
    await a.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Solved' });
    // The old worker claimed it and died before Gmail answered.
    expect(await claimDueChanges(a.db, Date.now(), 20)).toHaveLength(1);
    const restarted = new SyncEngine({ db: a.db, calls: createSyncCalls(a.transport), staleSendingMs: 100 });
    expect(await restarted.flushOutbox()).toMatchObject({ sent: 0, remaining: 1 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await restarted.flushOutbox()).toMatchObject({ sent: 1, remaining: 0 });
    expect(await gmailLabels(ticket.threadId)).toContain('Helpdesk/Status/Solved');
  });

  it('two agents setting one field at once leave one label in Gmail, the later one, with no repair', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('sam')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const ticket = await openTicket(a);
    await a.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Solved', assignee: 'Anna Kowalska' });
    await b.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Pending', assignee: 'Sam Okafor' });
    await a.engine.flushOutbox();
    await b.engine.flushOutbox();
    const names = await gmailLabels(ticket.threadId);
    expect(statuses(names)).toEqual(['Helpdesk/Status/Pending']);
    expect(names.filter((n) => n.startsWith('Helpdesk/Assignee/'))).toEqual(['Helpdesk/Assignee/Sam Okafor']);
  });

  it('a view holding two statuses never sends a change that leaves the ticket with none', async () => {
    const a = await mailbox.agent('anna');
    await a.engine.fullSync();
    const ticket = await openTicket(a);
    // Gmail moved on to Solved; this browser still holds Open beside it (a race it has not repaired).
    const client = mailbox.env().client;
    const [open, solved] = [await labelId('Helpdesk/Status/Open'), await labelId('Helpdesk/Status/Solved')];
    await client.users.threads.modify({
      userId: 'me',
      id: ticket.threadId,
      requestBody: { addLabelIds: [solved], removeLabelIds: [open] },
    });
    const record = await a.db.get('tickets', ticket.threadId);
    if (!record) throw new Error('no record');
    await a.db.put('tickets', { ...record, labelIds: [...record.labelIds, solved] });
    // The agent picks Open: in its view that only removes Solved.
    await a.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Open' });
    await a.engine.flushOutbox();
    expect(statuses(await gmailLabels(ticket.threadId))).toEqual(['Helpdesk/Status/Open']);
  });

  it('tells an agent when a later change by another agent overrode theirs, field by field', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('sam')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const ticket = await openTicket(a);
    await a.engine.changeTicket(ticket.threadId, { ...ticket, priority: 'High', group: 'Billing' });
    await a.engine.flushOutbox();
    await b.engine.incrementalSync();
    const seen = await b.db.get('tickets', ticket.threadId);
    if (!seen) throw new Error('b does not have the ticket');
    await b.engine.changeTicket(ticket.threadId, { ...seen, priority: 'Low' });
    await b.engine.flushOutbox();

    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'change-overridden')).toEqual([
      {
        kind: 'change-overridden',
        threadId: ticket.threadId,
        field: 'priority',
        yours: 'High',
        theirs: 'Low',
      },
    ]);
    expect((await a.db.get('tickets', ticket.threadId))?.priority).toBe('Low');
    // The winner is not told anything, and a second poll does not repeat the notice.
    await b.engine.incrementalSync();
    expect(b.notices.filter((n) => n.kind === 'change-overridden')).toEqual([]);
    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'change-overridden')).toHaveLength(1);
  });

  it("tells an agent whose poll came between their send and the other agent's change of the same moment", async () => {
    const clock = { now: Date.now() };
    const { a, b, ticket, seen } = await annaSentHigh(clock);
    // a's poll reads its own change: nothing to tell yet, but b's change of the same moment is on its way.
    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'change-overridden')).toEqual([]);
    clock.now += 5_000;
    await b.engine.changeTicket(ticket.threadId, { ...seen, priority: 'Low' });
    await b.engine.flushOutbox();
    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'change-overridden')).toEqual([
      {
        kind: 'change-overridden',
        threadId: ticket.threadId,
        field: 'priority',
        yours: 'High',
        theirs: 'Low',
      },
    ]);
  });

  it('does not call a change made after OVERRIDE_WINDOW_MS one of the same moment', async () => {
    const clock = { now: Date.now() };
    const { a, b, ticket, seen } = await annaSentHigh(clock);
    clock.now += OVERRIDE_WINDOW_MS;
    await a.engine.incrementalSync();
    await b.engine.changeTicket(ticket.threadId, { ...seen, priority: 'Low' });
    await b.engine.flushOutbox();
    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'change-overridden')).toEqual([]);
    expect((await a.db.get('tickets', ticket.threadId))?.priority).toBe('Low');
  });

  it('an unsent change is not overridden: it goes out after the other agent and stands', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('sam')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const ticket = await openTicket(a);
    await a.engine.changeTicket(ticket.threadId, { ...ticket, priority: 'High' });
    await b.engine.changeTicket(ticket.threadId, { ...ticket, priority: 'Low', group: 'Returns' });
    await b.engine.flushOutbox();
    await a.engine.incrementalSync();
    // Field by field: a's unsent priority stays on screen, b's group arrives.
    expect(await a.db.get('tickets', ticket.threadId)).toMatchObject({ priority: 'High', group: 'Returns' });
    await a.engine.flushOutbox();
    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'change-overridden')).toEqual([]);
    expect(await gmailLabels(ticket.threadId)).toEqual(
      expect.arrayContaining(['Helpdesk/Priority/High', 'Helpdesk/Group/Returns']),
    );
  });

  it('an agent changing one field never undoes a field a poll brought in after their screen was drawn', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('sam')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const ticket = await openTicket(a);
    // Anna's screen shows the ticket; Sam moves it to Returns; Anna's poll brings that in before her click.
    await b.engine.updateTicket(ticket.threadId, { group: 'Returns', addTags: [{ what: 'VIP' }] });
    await b.engine.flushOutbox();
    await a.engine.incrementalSync();
    await a.engine.updateTicket(ticket.threadId, { priority: 'Urgent' });
    await a.engine.flushOutbox();
    expect(await gmailLabels(ticket.threadId)).toEqual(
      expect.arrayContaining(['Helpdesk/Group/Returns', 'Helpdesk/Priority/Urgent', 'Helpdesk/Tag/VIP']),
    );
    // The whole-state call, fed the screen's stale copy, would have put the old group back.
    await a.engine.changeTicket(ticket.threadId, { ...ticket, priority: 'Low' });
    const diff = await a.db.getAll('outbox');
    expect(diff.flatMap((c) => c.remove)).toContain('Helpdesk/Group/Returns');
  });

  it('writes a decisive repair back to Gmail, and a second browser agrees instead of fighting', async () => {
    const [a, b] = [await mailbox.agent('anna'), await mailbox.agent('sam')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const ticket = await openTicket(a);
    // Someone adds Solved by hand in Gmail without removing Open: two statuses, Solved added last.
    await mailbox.env().client.users.threads.modify({
      userId: 'me',
      id: ticket.threadId,
      requestBody: { addLabelIds: [await labelId('Helpdesk/Status/Solved')] },
    });
    await a.engine.incrementalSync();
    expect(a.notices).toContainEqual({ kind: 'label-conflict', threadId: ticket.threadId, decisive: true });
    expect(statuses(await gmailLabels(ticket.threadId))).toEqual(['Helpdesk/Status/Solved']);
    await b.engine.incrementalSync();
    expect(statuses(await gmailLabels(ticket.threadId))).toEqual(['Helpdesk/Status/Solved']);
    expect((await a.db.get('tickets', ticket.threadId))?.status).toBe('Solved');
    expect((await b.db.get('tickets', ticket.threadId))?.status).toBe('Solved');
  });

  it('leaves an undecided conflict in Gmail: a full sync has no history to go by', async () => {
    const a = await mailbox.agent('anna');
    const ticket = await (async () => {
      await a.engine.fullSync();
      return openTicket(a);
    })();
    await mailbox.env().client.users.threads.modify({
      userId: 'me',
      id: ticket.threadId,
      requestBody: { addLabelIds: [await labelId('Helpdesk/Status/Closed')] },
    });
    await a.engine.fullSync();
    expect(a.notices).toContainEqual({ kind: 'label-conflict', threadId: ticket.threadId, decisive: false });
    expect(statuses(await gmailLabels(ticket.threadId))).toEqual([
      'Helpdesk/Status/Closed',
      'Helpdesk/Status/Open',
    ]);
  });
});
