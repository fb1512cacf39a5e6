/**
 * The desk (the service worker's helpdesk methods) end to end: the messaging contract's checks, the real sync
 * engine and IndexedDB (fake-indexeddb), and the Gmail stand-in speaking the REST protocol. Nothing of ours
 * is mocked; the only stand-ins are the browser's tab and settings.
 */
import { describe, expect, it } from 'vitest';
import { createDesk, type DeskServices } from '../../src/background/desk';
import { createHandlers } from '../../src/background/handlers';
import { RECORD_HEADER } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { Template } from '../../src/core/templates';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import type { MethodArgs, MethodName, MethodResult } from '../../src/messaging/contract';
import { pageResults } from '../../src/messaging/contract-automation';
import { createReceiver } from '../../src/messaging/receiver';
import { callerFor } from '../../src/messaging/sender';
import { readQueue } from '../../src/store/ticket-store';
import { type Agent, standinStats, useDemoMailbox } from './sync-harness';

const callAll = callerFor(pageResults);

const MAILBOX = 'support@northwind-shop.example';
const EXTENSION_ID = 'acocndifihbcbdmbdojmfaldmapplekp';
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 } };
const OPTIONS_PAGE = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/src/options/index.html` };

const mailbox = useDemoMailbox();

/** An agent's browser: its desk behind the real receiver, called as the Gmail tab (or the options page) would. */
function browserOf(agent: Agent, agentName: string) {
  const announced: { threadIds: readonly string[]; all: boolean }[] = [];
  const changed: string[][] = [];
  const calls = createSyncCalls(agent.transport);
  const services: DeskServices = {
    mailboxFor: async () => ({ engine: agent.engine, db: agent.db, calls }),
    verifyMailbox: async () => undefined,
    knownMailboxes: async () => [MAILBOX],
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, agentName }),
    afterChange: (_mailbox, threadIds) => changed.push([...threadIds]),
    announce: (_mailbox, threadIds, all = false) => announced.push({ threadIds, all }),
    now: () => Date.now(),
  };
  const handlers = createHandlers({
    loadSettings: services.loadSettings,
    saveSettings: async (s) => s,
    tokensFor: () => {
      throw new Error('not used');
    },
    gmailFor: () => {
      throw new Error('not used');
    },
    openOptions: async () => undefined,
    desk: createDesk(services),
  });
  const receive = createReceiver(handlers, EXTENSION_ID);
  const call = <M extends MethodName>(method: M, args: MethodArgs<M>, sender: object = GMAIL_TAB) =>
    callAll(method, args, {
      transport: async (message) => receive(JSON.parse(JSON.stringify(message)), sender as never),
    }) as Promise<MethodResult<M>>;
  return { call, announced, changed };
}

async function firstOpenTicket(agent: Agent) {
  const [ticket] = (await readQueue(agent.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
  if (!ticket) throw new Error('the demo mailbox has open tickets');
  return ticket;
}

describe('the desk', () => {
  it('shows a stored ticket, changes it optimistically and carries the change to Gmail with its activity', async () => {
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    const { call, changed } = browserOf(anna, 'Anna Kowalska');
    const ticket = await firstOpenTicket(anna);
    const assignee = ticket.assignee === 'Anna Kowalska' ? 'Piotr Nowak' : 'Anna Kowalska';

    const shown = await call('ticket.get', { mailbox: MAILBOX, threadId: ticket.threadId });
    expect(shown).toMatchObject({
      kind: 'ticket',
      ticket: { threadId: ticket.threadId, pendingSync: false },
    });

    const { ticket: after } = await call('ticket.update', {
      mailbox: MAILBOX,
      threadId: ticket.threadId,
      patch: {
        status: 'Pending',
        assignee,
        addTags: [{ what: 'Shipping', why: 'Late by shipper' }],
      },
    });
    expect(after).toMatchObject({ status: 'Pending', assignee, pendingSync: true });
    expect(after.tags).toContainEqual({ what: 'Shipping', why: 'Late by shipper' });
    expect(changed).toEqual([[ticket.threadId]]);

    await anna.engine.flushOutbox();
    const again = await call('ticket.get', { mailbox: MAILBOX, threadId: ticket.threadId });
    expect(again.kind === 'ticket' && again.ticket.pendingSync).toBe(false);
    const thread = await mailbox
      .env()
      .client.users.threads.get({ userId: 'me', id: ticket.threadId, format: 'minimal' });
    const labels = await mailbox.env().client.users.labels.list({ userId: 'me' });
    const names = new Set(
      (thread.data.messages ?? [])
        .flatMap((m) => m.labelIds ?? [])
        .map((id) => labels.data.labels?.find((l) => l.id === id)?.name),
    );
    expect(names).toContain('Helpdesk/Status/Pending');
    expect(names).toContain(`Helpdesk/Assignee/${assignee}`);
    expect(names).toContain('Helpdesk/Tag/Shipping/Late by shipper');

    // The activity records are written after the answer; wait for them rather than a fixed time.
    await expect
      .poll(
        async () => (await call('ticket.context', { mailbox: MAILBOX, threadId: ticket.threadId })).activity,
      )
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'Anna Kowalska', field: 'status', to: 'Pending' }),
          expect.objectContaining({ actor: 'Anna Kowalska', field: 'assignee', to: assignee }),
          expect.objectContaining({ field: 'tags', to: expect.stringContaining('Shipping/Late by shipper') }),
        ]),
      );
  });

  it('reads a ticket it has not stored with one API round trip, and offers "Make ticket" for other threads', async () => {
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    const stored = new Set((await anna.db.getAllKeys('tickets')).map(String));
    const threads = await mailbox.env().client.users.threads.list({ userId: 'me', maxResults: 500 });
    const notTicket = threads.data.threads?.find((t) => t.id && !stored.has(t.id))?.id;
    if (!notTicket) throw new Error('the demo mailbox has threads that are not tickets');

    // A second browser that knows the labels but has not synced the tickets yet.
    const piotr = await mailbox.agent('piotr');
    await piotr.engine.loadLabels();
    const { call } = browserOf(piotr, 'Piotr Nowak');
    const ticket = await firstOpenTicket(anna);
    await anna.engine.fetchMetadata([ticket.threadId]);
    const { subject } = (await anna.db.get('tickets', ticket.threadId)) ?? ticket;
    const before = await standinStats(mailbox.env().url);
    const found = await call('ticket.get', { mailbox: MAILBOX, threadId: ticket.threadId });
    const after = await standinStats(mailbox.env().url);
    expect(after.requests - before.requests).toBe(1);
    expect(found).toMatchObject({
      kind: 'ticket',
      ticket: { threadId: ticket.threadId, subject },
    });
    expect(subject).not.toBe('');

    const other = await call('ticket.get', { mailbox: MAILBOX, threadId: notTicket });
    expect(other).toMatchObject({ kind: 'not-ticket', threadId: notTicket });
    const made = await call('ticket.make', { mailbox: MAILBOX, threadId: notTicket });
    expect(made.ticket).toMatchObject({ threadId: notTicket, status: 'New', pendingSync: true });
    await piotr.engine.flushOutbox();
    await anna.engine.incrementalSync();
    expect((await anna.db.get('tickets', notTicket))?.status).toBe('New');
  });

  it('shares notes with mentions, hold details, and the team set-up through the mailbox', async () => {
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const a = browserOf(anna, 'Anna Kowalska');
    const y = browserOf(yuki, 'Yuki Tanaka');

    // Only the options page may publish the team config.
    const config = {
      agents: [
        { name: 'Anna Kowalska', email: 'anna@northwind-shop.example', groups: ['Shipping'], lead: true },
        { name: 'Yuki Tanaka', email: 'yuki@northwind-shop.example', groups: ['Billing'], lead: false },
      ],
      labelPrefix: 'Helpdesk',
      teamDomains: [],
      tags: [{ path: 'Shipping/Late by shipper', description: 'The courier is late' }],
    };
    await expect(a.call('team.set', { mailbox: MAILBOX, config })).rejects.toMatchObject({
      code: 'forbidden-sender',
    });
    const team = await a.call('team.set', { mailbox: MAILBOX, config }, OPTIONS_PAGE);
    expect(team).toMatchObject({ mailbox: MAILBOX, me: 'Anna Kowalska', config: { agents: config.agents } });
    expect(a.announced).toContainEqual({ threadIds: [], all: true });

    const ticket = await firstOpenTicket(anna);
    const note = await a.call('note.add', {
      mailbox: MAILBOX,
      threadId: ticket.threadId,
      body: '@Yuki Tanaka the refund is yours <script>alert(1)</script>',
    });
    expect(note).toMatchObject({ author: 'Anna Kowalska', mentions: ['Yuki Tanaka'] });
    const promisedBy = Date.UTC(2026, 11, 1, 12);
    const held = await a.call('ticket.hold', {
      mailbox: MAILBOX,
      threadId: ticket.threadId,
      waitingFor: 'The courier (DPD) to confirm',
      promisedBy,
    });
    expect(held.ticket.hold).toEqual({ waitingFor: 'The courier (DPD) to confirm', promisedBy });
    await expect
      .poll(
        async () =>
          (await a.call('ticket.context', { mailbox: MAILBOX, threadId: ticket.threadId })).activity,
      )
      .toContainEqual(
        expect.objectContaining({ field: 'hold', to: 'The courier (DPD) to confirm · 2026-12-01' }),
      );

    await yuki.engine.incrementalSync();
    const seen = await y.call('ticket.context', { mailbox: MAILBOX, threadId: ticket.threadId });
    expect(seen.notes).toEqual([expect.objectContaining({ id: note.id, body: note.body })]);
    const yTicket = await y.call('ticket.get', { mailbox: MAILBOX, threadId: ticket.threadId });
    expect(yTicket.kind === 'ticket' && yTicket.ticket.hold?.promisedBy).toBe(promisedBy);
    expect((await y.call('team.get', { mailbox: MAILBOX })).config?.agents).toHaveLength(2);
  });

  it('shows who else has the ticket open after one poll', async () => {
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const a = browserOf(anna, 'Anna Kowalska');
    const y = browserOf(yuki, 'Yuki Tanaka');
    const ticket = await firstOpenTicket(anna);

    expect(
      (await a.call('presence.set', { mailbox: MAILBOX, threadId: ticket.threadId, state: 'viewing' }))
        .others,
    ).toEqual([]);
    await a.call('presence.set', { mailbox: MAILBOX, threadId: ticket.threadId, state: 'replying' });
    await yuki.engine.incrementalSync();
    const seen = await y.call('presence.set', {
      mailbox: MAILBOX,
      threadId: ticket.threadId,
      state: 'viewing',
    });
    expect(seen.others).toEqual([expect.objectContaining({ agent: 'Anna Kowalska', state: 'replying' })]);
    const context = await y.call('ticket.context', { mailbox: MAILBOX, threadId: ticket.threadId });
    expect(context.presence.map((p) => p.agent)).toEqual(['Anna Kowalska']);

    // Anna leaves: after Yuki's next poll she is no longer shown; her earlier presence messages are trashed.
    await a.call('presence.set', { mailbox: MAILBOX, threadId: null, state: 'viewing' });
    await yuki.engine.incrementalSync();
    expect(
      (await y.call('ticket.context', { mailbox: MAILBOX, threadId: ticket.threadId })).presence,
    ).toEqual([]);
    expect(yuki.notices.filter((n) => n.kind === 'record-unreadable')).toEqual([]);
  });

  it('lists queues with counts, pages them in order, and searches subject, requester and reference', async () => {
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    await anna.engine.fetchMetadata();
    const { call } = browserOf(anna, 'Anna Kowalska');
    const { queues, synced } = await call('queue.counts', { mailbox: MAILBOX });
    expect(synced).toBe(true);
    expect(queues.map((q) => q.queue.kind).slice(0, 6)).toEqual([
      'unassigned',
      'mine',
      'all-open',
      'pending',
      'on-hold',
      'overdue',
    ]);
    // The groups and tags of the demo team's set-up (a seeded config record), then the mailbox's own labels.
    const groups = queues.flatMap((q) => (q.queue.kind === 'group' ? [q.queue.group] : []));
    expect(groups.slice(0, 4)).toEqual(['Billing', 'Sales', 'Shipping', 'Tech']);
    expect(queues.some((q) => q.queue.kind === 'tag')).toBe(true);
    const team = await call('team.get', { mailbox: MAILBOX });
    expect(team.config?.agents.map((a) => a.name)).toEqual([
      'Anna Kowalska',
      'Dmitri Sokolov',
      'Sam Porter',
      'Yuki Tanaka',
    ]);
    expect(team.labels?.assignees).toContain('Anna Kowalska');
    const allOpen = queues.find((q) => q.queue.kind === 'all-open')?.count ?? 0;
    expect(allOpen).toBeGreaterThan(10);
    const page = await call('queue.read', { mailbox: MAILBOX, queue: { kind: 'all-open' }, limit: 10 });
    expect(page.total).toBe(allOpen);
    expect(page.rows).toHaveLength(10);
    const next = await call('queue.read', {
      mailbox: MAILBOX,
      queue: { kind: 'all-open' },
      offset: 10,
      limit: 10,
    });
    expect(next.rows[0]?.threadId).not.toBe(page.rows[0]?.threadId);

    const target = page.rows[3];
    if (!target?.requester) throw new Error('metadata was fetched');
    const byReference = await call('queue.search', {
      mailbox: MAILBOX,
      text: target.reference.toLowerCase(),
    });
    expect(byReference.rows.map((r) => r.threadId)).toContain(target.threadId);
    const bySender = await call('queue.search', { mailbox: MAILBOX, text: target.requester.email });
    expect(bySender.rows.map((r) => r.threadId)).toContain(target.threadId);
    const word = target.subject.split(/\s+/).find((w) => w.length > 4) ?? target.subject;
    const bySubject = await call('queue.search', { mailbox: MAILBOX, text: word });
    expect(
      bySubject.rows.every(
        (r) =>
          `${r.subject}${r.requester?.email}${r.requester?.name}`
            .toLowerCase()
            .includes(word.toLowerCase()) || r.reference === target.reference,
      ),
    ).toBe(true);
  });

  it('bulk-updates the tickets among the selected threads and names the others', async () => {
    const anna = await mailbox.agent('anna');
    await anna.engine.fullSync();
    const { call } = browserOf(anna, 'Anna Kowalska');
    const page = await readQueue(anna.db, { kind: 'all-open' }, { limit: 3, now: Date.now() });
    const ids = page.tickets.map((t) => t.threadId);
    const stranger = 'ffff0000ffff0000';
    const result = await call('tickets.bulkUpdate', {
      mailbox: MAILBOX,
      threadIds: [...ids, stranger],
      patch: { assignee: 'Anna Kowalska' },
    });
    expect(result).toEqual({ updated: ids, notTickets: [stranger] });
    for (const id of ids) expect((await anna.db.get('tickets', id))?.assignee).toBe('Anna Kowalska');
  });

  it('finds the thread of a message id', async () => {
    const anna = await mailbox.agent('anna');
    const { call } = browserOf(anna, 'Anna Kowalska');
    const messages = await mailbox.env().client.users.messages.list({ userId: 'me', maxResults: 1 });
    const message = messages.data.messages?.[0];
    if (!message?.id || !message.threadId) throw new Error('the demo mailbox has messages');
    expect(await call('thread.ofMessage', { mailbox: MAILBOX, messageId: message.id })).toEqual({
      threadId: message.threadId,
    });
  });
});

const TEAM = {
  agents: [
    { name: 'Anna Kowalska', email: 'anna@northwind-shop.example', groups: ['Shipping'], lead: true },
    { name: 'Yuki Tanaka', email: 'yuki@northwind-shop.example', groups: ['Billing'], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: [],
  tags: [],
};

function aTemplate(overrides: Partial<Template> = {}): Template {
  return {
    id: '5b0c7a52-1d43-4c9e-9f0a-6a1e2b3c4d5e',
    name: 'Parcel lost by the courier',
    folder: 'Shipping',
    tags: [],
    variants: [
      { language: 'en', subject: 'Your parcel', body: 'Hi {{customer.firstName | there}}, we are sorry.' },
      { language: 'pl', body: 'Dzień dobry, przepraszamy.' },
    ],
    updatedAt: 1,
    author: 'someone a tab claims',
    ...overrides,
  };
}

/** A record message as an older Labeldesk wrote it, straight into the mailbox (no schema of ours applied). */
async function insertRawRecord(agent: Agent, record: object): Promise<void> {
  const labelId = await agent.engine.records?.recordsLabelId();
  if (!labelId) throw new Error('the records label exists');
  const json = JSON.stringify({ labeldesk: 1, record });
  const raw = [
    'From: Labeldesk <support@northwind-shop.example>',
    'To: support@northwind-shop.example',
    'Subject: Labeldesk templates',
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `${RECORD_HEADER}: templates; v=1`,
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: application/json; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(json).toString('base64'),
  ].join('\r\n');
  await mailbox.env().client.users.messages.insert({
    userId: 'me',
    requestBody: { raw: Buffer.from(raw).toString('base64url'), labelIds: [labelId] },
  });
}

describe('the reply library and macro notifications', () => {
  it("shares a saved template: another agent's browser reads it after one poll, and its tabs are told", async () => {
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const a = browserOf(anna, 'Anna Kowalska');
    const y = browserOf(yuki, 'Yuki Tanaka');
    const before = await y.call('library.get', { mailbox: MAILBOX });

    const saved = await a.call('template.save', { mailbox: MAILBOX, template: aTemplate() });
    // The worker stamps who saved it and when; the rest of the library is kept.
    expect(saved.author).toBe('Anna Kowalska');
    expect(saved.updatedAt).not.toBeNull();
    expect(saved.library.templates.map((t) => t.id)).toEqual([
      ...before.library.templates.map((t) => t.id),
      aTemplate().id,
    ]);
    expect(saved.library.shortcuts).toEqual(before.library.shortcuts);
    const mine = saved.library.templates.find((t) => t.id === aTemplate().id);
    expect(mine).toMatchObject({ author: 'Anna Kowalska', name: 'Parcel lost by the courier' });
    expect(mine?.updatedAt).toBeGreaterThan(1);
    expect(a.announced).toContainEqual({ threadIds: [], all: true });

    // Saving it again under a new name replaces it rather than adding a second one.
    const renamed = await a.call('template.save', {
      mailbox: MAILBOX,
      template: aTemplate({ name: 'Parcel lost' }),
    });
    expect(renamed.library.templates.filter((t) => t.id === aTemplate().id).map((t) => t.name)).toEqual([
      'Parcel lost',
    ]);

    expect((await y.call('library.get', { mailbox: MAILBOX })).library.templates).toEqual(
      before.library.templates,
    );
    // A poll that read the new record counts it as a change: the service worker then tells every tab of
    // the mailbox to re-read everything (main.ts announcePoll), and the reply tools re-read the library.
    const poll = await yuki.engine.incrementalSync();
    expect(poll.threadsChanged).toBeGreaterThan(0);
    const read = await y.call('library.get', { mailbox: MAILBOX });
    expect(read).toEqual(renamed);
    expect(yuki.notices.filter((n) => n.kind === 'record-unreadable')).toEqual([]);
  });

  it('lets only the options page replace the whole library, and reads a record written before shortcuts and macros', async () => {
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const a = browserOf(anna, 'Anna Kowalska');
    const y = browserOf(yuki, 'Yuki Tanaka');
    const library = {
      templates: [aTemplate()],
      shortcuts: [{ abbreviation: 'пож', expansion: 'пожалуйста,' }],
      macros: [],
    };
    await expect(a.call('library.set', { mailbox: MAILBOX, library })).rejects.toMatchObject({
      code: 'forbidden-sender',
    });
    const set = await a.call('library.set', { mailbox: MAILBOX, library }, OPTIONS_PAGE);
    expect(set.library.shortcuts).toEqual(library.shortcuts);
    expect(set.author).toBe('Anna Kowalska');
    expect(a.announced).toContainEqual({ threadIds: [], all: true });

    // An older Labeldesk's record: templates only. Newest, so in force; it reads with no shortcuts or macros.
    await insertRawRecord(anna, {
      kind: 'templates',
      id: '9e8d7c6b-5a49-4382-9171-605f4e3d2c1b',
      author: 'Piotr Nowak',
      library: { templates: [aTemplate({ id: '0f1e2d3c-4b5a-4968-8776-655443322110', name: 'Old' })] },
      createdAt: Date.now() + 60_000,
    });
    await yuki.engine.incrementalSync();
    const read = await y.call('library.get', { mailbox: MAILBOX });
    expect(read).toMatchObject({ author: 'Piotr Nowak', library: { shortcuts: [], macros: [] } });
    expect(read.library.templates.map((t) => t.name)).toEqual(['Old']);
    expect(yuki.notices.filter((n) => n.kind === 'record-unreadable')).toEqual([]);
  });

  it('notifies an agent of the team by name, and refuses a name the team does not have', async () => {
    const [anna, yuki] = [await mailbox.agent('anna'), await mailbox.agent('yuki')];
    await anna.engine.fullSync();
    await yuki.engine.fullSync();
    const a = browserOf(anna, 'Anna Kowalska');
    await a.call('team.set', { mailbox: MAILBOX, config: TEAM }, OPTIONS_PAGE);
    const ticket = await firstOpenTicket(anna);

    await expect(
      a.call('notify.send', {
        mailbox: MAILBOX,
        threadId: ticket.threadId,
        to: 'Dmitri Nobody',
        macro: 'Escalate to billing',
      }),
    ).rejects.toMatchObject({ code: 'invalid-message', message: expect.stringContaining('Dmitri Nobody') });

    await a.call('notify.send', {
      mailbox: MAILBOX,
      threadId: ticket.threadId,
      to: 'yuki tanaka',
      macro: 'Escalate to billing',
    });
    await yuki.engine.incrementalSync();
    const told = (await yuki.engine.records?.notifications()) ?? [];
    expect(told).toEqual([
      expect.objectContaining({
        to: 'Yuki Tanaka',
        from: 'Anna Kowalska',
        threadId: ticket.threadId,
        macro: 'Escalate to billing',
      }),
    ]);
    // A notification is not a note: the ticket's context does not show it.
    const y = browserOf(yuki, 'Yuki Tanaka');
    const context = await y.call('ticket.context', { mailbox: MAILBOX, threadId: ticket.threadId });
    expect(context.notes).toEqual([]);
  });
});
