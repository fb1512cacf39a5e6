/**
 * Regression tests for what the fault scenarios of issue 8 found (scripts/faults/scenarios.ts), against the
 * stand-in: a label renamed by hand in Gmail (no history records it) reaches the store at the next label
 * re-check; a change Gmail refuses no longer stays shown in the store; a label Gmail will not create (its
 * label limit) holds only the changes that need it, in the outbox, with the reason, and the rest are sent.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestStandin } from '../../test/conformance/standin-harness';
import { createSyncCalls } from '../gmail/api/sync-calls';
import { staticTokenSource } from '../gmail/api/token-source';
import { createTransport } from '../gmail/api/transport';
import { type LabeldeskDatabase, openLabeldeskDatabase } from '../store/db';
import { getTicket } from '../store/ticket-store';
import { LABEL_RECHECK_MS, SyncEngine, type SyncNotice } from './engine';
import { DEFAULT_QUOTA_OPTIONS, QuotaBudget } from './quota-budget';

let env: Awaited<ReturnType<typeof startTestStandin>>;
let db: LabeldeskDatabase;
let engine: SyncEngine;
let clock = 0;
const notices: SyncNotice[] = [];
let run = 0;

beforeEach(async () => {
  env = await startTestStandin({ seed: 'demo' }, { unitsPerMinute: 1_000_000 });
  run += 1;
  db = await openLabeldeskDatabase(`engine-labels-${run}@northwind-shop.example`);
  clock = 0;
  notices.length = 0;
  const transport = createTransport({
    tokenSource: staticTokenSource('engine-labels'),
    baseUrl: env.url,
    budget: new QuotaBudget(Date.now, DEFAULT_QUOTA_OPTIONS),
    sleep: () => Promise.resolve(),
    maxAttempts: 2,
  });
  engine = new SyncEngine({
    db,
    calls: createSyncCalls(transport),
    now: () => Date.now() + clock,
    random: () => 0,
    onNotice: (notice) => notices.push(notice),
  });
  await engine.fullSync();
});

afterEach(async () => {
  db.close();
  await env.standin.close();
});

async function labelId(name: string): Promise<string> {
  const labels = (await env.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const found = labels.find((l) => l.name === name);
  if (!found?.id) throw new Error(`no label ${name}`);
  return found.id;
}

async function gmailLabelNames(threadId: string): Promise<string[]> {
  const labels = (await env.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const names = new Map(labels.map((l) => [l.id, l.name]));
  const thread = await env.client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
  const ids = new Set((thread.data.messages ?? []).flatMap((m) => m.labelIds ?? []));
  return [...ids].map((id) => names.get(id) ?? id);
}

describe('labels edited by hand in Gmail', () => {
  it('a renamed group label reaches the store at the next label re-check (a full sync)', async () => {
    const ticket = (await db.getAll('tickets')).find((t) => t.group !== undefined);
    const group = ticket?.group;
    if (!ticket || !group) throw new Error('the demo mailbox has a ticket with a group');
    const id = await labelId(`Helpdesk/Group/${group}`);
    await env.client.users.labels.update({
      userId: 'me',
      id,
      requestBody: { name: `Helpdesk/Group/${group} desk` },
    });
    // History records no rename: a poll before the re-check sees nothing.
    expect((await engine.incrementalSync()).fullSync).toBeNull();
    expect((await getTicket(db, ticket.threadId))?.group).toBe(group);
    clock += LABEL_RECHECK_MS;
    const poll = await engine.incrementalSync();
    expect(poll.fullSync).not.toBeNull();
    expect((await getTicket(db, ticket.threadId))?.group).toBe(`${group} desk`);
  });

  it('a change refused because its label was deleted meanwhile is not left showing in the store', async () => {
    const ticket = (await db.getAll('tickets'))[0];
    if (!ticket) throw new Error('no ticket');
    const tag = { what: 'Drill' };
    // The label exists (another ticket got it), then someone deletes it by hand before this change is sent.
    const other = (await db.getAll('tickets'))[1]?.threadId as string;
    await engine.updateTicket(other, { addTags: [tag] });
    await engine.flushOutbox();
    await engine.updateTicket(ticket.threadId, { addTags: [tag] });
    await env.client.users.labels.delete({ userId: 'me', id: await labelId('Helpdesk/Tag/Drill') });
    const flushed = await engine.flushOutbox();
    expect(flushed.rejected).toBe(1);
    expect(notices.some((n) => n.kind === 'change-rejected' && n.threadId === ticket.threadId)).toBe(true);
    const stored = await getTicket(db, ticket.threadId);
    expect(stored?.tags.some((t) => t.what === 'Drill')).toBe(false);
    expect(await gmailLabelNames(ticket.threadId)).not.toContain('Helpdesk/Tag/Drill');
  });
});

describe('a mailbox at the label limit', () => {
  it('holds only the change whose label cannot be made, with the reason, and sends the rest', async () => {
    const [first, second] = await db.getAll('tickets');
    if (!first || !second) throw new Error('two tickets');
    const labels = (await env.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    await fetch(`${env.url}/__standin/label-limit`, {
      method: 'POST',
      body: JSON.stringify({ max: labels.filter((l) => l.type === 'user').length }),
    });
    await engine.updateTicket(first.threadId, { assignee: 'Zoe Quinn' });
    const priority = second.priority === 'Urgent' ? 'Low' : 'Urgent';
    await engine.updateTicket(second.threadId, { priority });
    const flushed = await engine.flushOutbox();
    expect(flushed.sent).toBe(1);
    const held = await db.getAll('outbox');
    expect(held.map((c) => c.threadId)).toEqual([first.threadId]);
    expect(held[0]?.lastError).toMatch(/Helpdesk\/Assignee\/Zoe Quinn.*Label limit exceeded/);
    // Kept and retried, so the agent hears it waits, not that it was rejected.
    expect(notices.filter((n) => n.kind === 'change-waiting')).toEqual([
      expect.objectContaining({ threadId: first.threadId, reason: expect.stringMatching(/Label limit/) }),
    ]);
    expect(notices.some((n) => n.kind === 'change-rejected')).toBe(false);
    expect(await gmailLabelNames(second.threadId)).toContain(`Helpdesk/Priority/${priority}`);
    // The store keeps showing the held change: it is still the agent's, waiting.
    expect((await getTicket(db, first.threadId))?.assignee).toBe('Zoe Quinn');
  });

  it('tells the agent once per held change, not at every flush, and again for a new change', async () => {
    const [first, second] = await db.getAll('tickets');
    if (!first || !second) throw new Error('two tickets');
    const labels = (await env.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    await fetch(`${env.url}/__standin/label-limit`, {
      method: 'POST',
      body: JSON.stringify({ max: labels.filter((l) => l.type === 'user').length }),
    });
    const waiting = () => notices.filter((n) => n.kind === 'change-waiting').map((n) => n.threadId);
    await engine.updateTicket(first.threadId, { assignee: 'Zoe Quinn' });
    for (let flush = 0; flush < 4; flush++) {
      const report = await engine.flushOutbox();
      expect(report.failed).toBe(1); // each flush retried the held change (its backoff had passed)
      clock += 24 * 60 * 60_000;
    }
    expect(waiting()).toEqual([first.threadId]);
    // Another change that needs a new label is another held change: told once too.
    await engine.updateTicket(second.threadId, { assignee: 'Ola Newcomer' });
    await engine.flushOutbox();
    clock += 24 * 60 * 60_000;
    await engine.flushOutbox();
    expect(waiting()).toEqual([first.threadId, second.threadId]);
    expect((await db.getAll('outbox')).length).toBe(2);
  });
});
