/**
 * Sync against the Gmail stand-in: real REST calls, real batch bodies, real history; two agents with
 * their own IndexedDB. The official Google client is the referee for what Gmail holds.
 */
import { describe, expect, it } from 'vitest';
import type { TicketLabelState } from '../../src/core/ticket';
import { enqueueChange } from '../../src/store/outbox';
import { getTicket, readQueue, threadsToRebuild } from '../../src/store/ticket-store';

import { control, standinStats, useDemoMailbox } from './sync-harness';

const mailbox = useDemoMailbox();
const agent = mailbox.agent;

/** What Gmail holds, read with the official client: thread id → Helpdesk label names. */
async function gmailHelpdeskLabels(): Promise<Map<string, string[]>> {
  const labels = (await mailbox.env().client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const names = new Map(labels.map((l) => [l.id as string, l.name as string]));
  const byThread = new Map<string, string[]>();
  for (const label of labels) {
    if (!label.name?.startsWith('Helpdesk/') || label.name === 'Helpdesk/.records') continue;
    let pageToken: string | undefined;
    do {
      const page = await mailbox.env().client.users.threads.list({
        userId: 'me',
        labelIds: [label.id as string],
        maxResults: 500,
        ...(pageToken ? { pageToken } : {}),
      });
      for (const thread of page.data.threads ?? []) {
        byThread.set(thread.id as string, [
          ...(byThread.get(thread.id as string) ?? []),
          names.get(label.id as string) ?? '',
        ]);
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
  }
  return byThread;
}

async function threadLabelNames(threadId: string): Promise<string[]> {
  const labels = (await mailbox.env().client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const names = new Map(labels.map((l) => [l.id as string, l.name as string]));
  const thread = await mailbox
    .env()
    .client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
  const ids = new Set((thread.data.messages ?? []).flatMap((m) => m.labelIds ?? []));
  return [...ids]
    .map((id) => names.get(id) ?? id)
    .filter((n) => n.startsWith('Helpdesk/'))
    .sort();
}

describe('full sync', () => {
  it('rebuilds every ticket from label membership, without reading a single thread', async () => {
    const a = await agent('anna');
    const before = await standinStats(mailbox.env().url);
    const report = await a.engine.fullSync();
    const after = await standinStats(mailbox.env().url);

    const gmail = await gmailHelpdeskLabels();
    const ticketsInGmail = [...gmail].filter(([, names]) =>
      names.some((n) => n.startsWith('Helpdesk/Status/')),
    );
    expect(ticketsInGmail.length).toBeGreaterThan(10);
    expect(report.tickets).toBe(ticketsInGmail.length);
    for (const [threadId, names] of ticketsInGmail) {
      const stored = await a.db.get('tickets', threadId);
      const status = names.find((n) => n.startsWith('Helpdesk/Status/'))?.slice('Helpdesk/Status/'.length);
      expect(stored?.status).toBe(status);
    }
    // Label membership only: no threads.get or messages.get was spent on the matrix; the only messages read
    // are the demo mailbox's shared records (its team set-up and reply library).
    expect(after.byMethod['gmail.users.threads.get']?.requests ?? 0).toBe(
      before.byMethod['gmail.users.threads.get']?.requests ?? 0,
    );
    expect(
      (after.byMethod['gmail.users.messages.get']?.requests ?? 0) -
        (before.byMethod['gmail.users.messages.get']?.requests ?? 0),
    ).toBe(await a.db.count('records'));
    // The scheme's labels exist afterwards, the records label hidden.
    const labels = (await mailbox.env().client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const records = labels.find((l) => l.name === 'Helpdesk/.records');
    expect(records?.labelListVisibility).toBe('labelHide');
    expect(labels.some((l) => l.name === 'Helpdesk/Status/On hold')).toBe(true);
  });

  it('then fills in subjects and requesters from first messages, at 5 units a ticket', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    const before = await standinStats(mailbox.env().url);
    const filled = await a.engine.fetchMetadata();
    const after = await standinStats(mailbox.env().url);
    const count = await a.db.count('tickets');
    expect(filled).toBe(count);
    const getUnits =
      (after.byMethod['gmail.users.messages.get']?.quotaUnits ?? 0) -
      (before.byMethod['gmail.users.messages.get']?.quotaUnits ?? 0);
    expect(getUnits).toBe(5 * count);
    const [sample] = await a.db.getAll('tickets', undefined, 1);
    const message = await mailbox.env().client.users.messages.get({
      userId: 'me',
      id: sample?.threadId as string,
      format: 'metadata',
      metadataHeaders: ['Subject'],
    });
    const subject = message.data.payload?.headers?.find((h) => h.name === 'Subject')?.value;
    expect(sample?.subject).toBe(subject);
    expect(sample?.requester?.email).toMatch(/@/);
    expect(sample?.hasMetadata).toBe(true);
  });
});

describe('a change made by one agent', () => {
  it('shows at once, reaches Gmail in one modify, and reaches the other agent after one poll', async () => {
    const [a, b] = [await agent('anna'), await agent('yuki')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const open = await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() });
    const ticket = open.tickets[0];
    if (!ticket) throw new Error('the demo seed has no open ticket');
    const next: TicketLabelState = {
      status: 'Pending',
      priority: 'Urgent',
      assignee: 'Yuki Tanaka',
      group: 'Shipping',
      tags: [...ticket.tags, { what: 'Shipping', why: 'Late by shipper' }],
    };

    const before = await standinStats(mailbox.env().url);
    await a.engine.changeTicket(ticket.threadId, next, 'Anna Kowalska');
    // Optimistic: the store already shows it.
    expect(await a.db.get('tickets', ticket.threadId)).toMatchObject({
      status: 'Pending',
      assignee: 'Yuki Tanaka',
    });
    const flush = await a.engine.flushOutbox();
    expect(flush).toMatchObject({ sent: 1, failed: 0, remaining: 0 });
    const after = await standinStats(mailbox.env().url);
    expect(
      (after.byMethod['gmail.users.threads.modify']?.requests ?? 0) -
        (before.byMethod['gmail.users.threads.modify']?.requests ?? 0),
    ).toBe(1);
    expect(await threadLabelNames(ticket.threadId)).toEqual(
      expect.arrayContaining([
        'Helpdesk/Assignee/Yuki Tanaka',
        'Helpdesk/Group/Shipping',
        'Helpdesk/Priority/Urgent',
        'Helpdesk/Status/Pending',
        'Helpdesk/Tag/Shipping/Late by shipper',
      ]),
    );
    expect((await threadLabelNames(ticket.threadId)).filter((n) => n.startsWith('Helpdesk/Status/'))).toEqual(
      ['Helpdesk/Status/Pending'],
    );

    const poll = await b.engine.incrementalSync();
    expect(poll.fullSync).toBeNull();
    expect(await b.db.get('tickets', ticket.threadId)).toMatchObject({
      status: 'Pending',
      priority: 'Urgent',
      assignee: 'Yuki Tanaka',
      group: 'Shipping',
    });
    expect(
      (
        await readQueue(b.db, { kind: 'mine', agent: 'Yuki Tanaka' }, { limit: 50, now: Date.now() })
      ).tickets.map((t) => t.threadId),
    ).toContain(ticket.threadId);
  });

  it('costs nothing but one history.list (2 units) when nothing changed', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    await a.engine.incrementalSync();
    const before = await standinStats(mailbox.env().url);
    await a.engine.incrementalSync();
    const after = await standinStats(mailbox.env().url);
    expect(after.quotaUnits - before.quotaUnits).toBe(2);
    expect(after.requests - before.requests).toBe(1);
  });
});

describe('when things go wrong', () => {
  it('an expired history cursor starts a full sync and loses nothing', async () => {
    const [a, b] = [await agent('anna'), await agent('dmitri')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket) throw new Error('no open ticket');
    await a.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Solved' });
    await a.engine.flushOutbox();
    await control(mailbox.env().url, 'faults', { expireHistory: true });
    const poll = await b.engine.incrementalSync();
    expect(poll.fullSync).not.toBeNull();
    expect(b.notices).toContainEqual({ kind: 'history-expired' });
    expect((await b.db.get('tickets', ticket.threadId))?.status).toBe('Solved');
  });

  it('429 and 503 storms delay changes but lose none', async () => {
    const a = await agent('anna', { maxAttempts: 3 });
    await a.engine.fullSync();
    const tickets = (await readQueue(a.db, { kind: 'all-open' }, { limit: 12, now: Date.now() })).tickets;
    // Each ticket gets a priority it does not have: the queue lists High ones first, and a change to the value a
    // ticket already has queues nothing (with few real changes, no request might meet a fault at 50%).
    const wanted = new Map(
      tickets.map((t) => [t.threadId, t.priority === 'Low' ? 'Normal' : 'Low'] as const),
    );
    for (const t of tickets)
      await a.engine.changeTicket(t.threadId, { ...t, priority: wanted.get(t.threadId) });
    expect(await a.db.count('outbox')).toBe(12);
    await control(mailbox.env().url, 'faults', {
      'gmail.users.threads.modify': { errorRate: 0.5, statuses: [429, 503] },
    });
    for (let round = 0; round < 40 && (await a.db.count('outbox')) > 0; round++) {
      await a.engine.flushOutbox();
      // Failed changes come due after their backoff; move them up so the test does not wait.
      const tx = a.db.transaction('outbox', 'readwrite');
      for (const change of await tx.store.getAll()) await tx.store.put({ ...change, nextAttemptAt: 0 });
      await tx.done;
    }
    await control(mailbox.env().url, 'faults', {});
    expect(await a.db.count('outbox')).toBe(0);
    const stats = await standinStats(mailbox.env().url);
    expect((stats.byStatus['429'] ?? 0) + (stats.byStatus['503'] ?? 0)).toBeGreaterThan(0);
    for (const t of tickets)
      expect(await threadLabelNames(t.threadId)).toContain(`Helpdesk/Priority/${wanted.get(t.threadId)}`);
  });

  it('two agents changing one ticket in the same second end up agreeing, by history order', async () => {
    const [a, b] = [await agent('anna'), await agent('sam')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket) throw new Error('no open ticket');
    await a.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Solved' });
    await b.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Pending' });
    await Promise.all([a.engine.flushOutbox(), b.engine.flushOutbox()]);
    await a.engine.incrementalSync();
    await b.engine.incrementalSync();
    const [ta, tb] = [await a.db.get('tickets', ticket.threadId), await b.db.get('tickets', ticket.threadId)];
    expect(ta?.status).toBe(tb?.status);
    expect(['Solved', 'Pending']).toContain(ta?.status);
  });

  it('a change to a thread that was deleted is reported and dropped, not retried for ever', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket) throw new Error('no open ticket');
    await a.engine.changeTicket(ticket.threadId, { ...ticket, status: 'Solved' });
    // Someone deletes the thread for good in Gmail before the change is sent.
    await mailbox.env().client.users.threads.delete({ userId: 'me', id: ticket.threadId });
    const flush = await a.engine.flushOutbox();
    expect(flush).toMatchObject({ sent: 0, rejected: 1, remaining: 0 });
    expect(a.notices).toContainEqual(
      expect.objectContaining({ kind: 'change-rejected', threadId: ticket.threadId }),
    );
  });
});

describe('a damaged local copy', () => {
  it('is set aside when read and rebuilt from Gmail on the next poll, at 10 units a ticket', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket) throw new Error('no open ticket');
    // Damage the row on disk (another version wrote it, or the disk did).
    await a.db.put('tickets', { ...ticket, status: 'Lost in space' } as never);
    expect(await getTicket(a.db, ticket.threadId)).toBeUndefined();
    const before = await standinStats(mailbox.env().url);
    await a.engine.incrementalSync();
    const after = await standinStats(mailbox.env().url);
    expect(await getTicket(a.db, ticket.threadId)).toMatchObject({
      status: ticket.status,
      threadId: ticket.threadId,
    });
    expect(after.quotaUnits - before.quotaUnits).toBe(2 + 10);
    expect(await threadsToRebuild(a.db)).toEqual([]);
  });
});

describe('unsent changes laid over the view', () => {
  it('replace the old value of a single-valued field, as Gmail will, so the next click keeps them', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket) throw new Error('no open ticket');
    await a.engine.updateTicket(ticket.threadId, { assignee: 'Anna Kowalska' });
    await a.engine.flushOutbox();
    // A click made on a view that had not caught up yet queued "Yuki instead of Dmitri" (found by the soak).
    await enqueueChange(
      a.db,
      {
        threadId: ticket.threadId,
        add: ['Helpdesk/Assignee/Yuki Tanaka'],
        remove: ['Helpdesk/Assignee/Dmitri Sokolov'],
      },
      Date.now(),
    );
    const next = await a.engine.updateTicket(ticket.threadId, { group: 'Billing' });
    expect(next?.add ?? []).not.toContain('Helpdesk/Assignee/Anna Kowalska');
    await a.engine.flushOutbox();
    const names = await threadLabelNames(ticket.threadId);
    expect(names.filter((n) => n.startsWith('Helpdesk/Assignee/'))).toEqual([
      'Helpdesk/Assignee/Yuki Tanaka',
    ]);
    expect(names).toContain('Helpdesk/Group/Billing');
  });
});
