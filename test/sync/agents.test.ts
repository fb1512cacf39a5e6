/**
 * Many agents, one mailbox (issue 3): agents that start a full sync together share the ticket metadata
 * through snapshot records instead of each fetching it, end with the same store, and a forged snapshot
 * changes nothing. The official Google client is the referee for what Gmail holds.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_MAX_ENTRIES } from '../../src/core/records';
import { createSyncCalls } from '../../src/gmail/api/sync-calls';
import { SharedMetadata, type SharedMetadataNotice, sliceCount } from '../../src/sync/shared-metadata';
import { rawMessage, startTestStandin } from '../conformance/standin-harness';
import { type Agent, control, standinStats, startAgent } from './sync-harness';

/** Small slices so a 300-thread mailbox (about 60 tickets) splits into several. */
const TICKETS_PER_SLICE = 16;

let env: Awaited<ReturnType<typeof startTestStandin>>;
let agents: Agent[] = [];

beforeAll(async () => {
  env = await startTestStandin({ seed: 'empty', threads: 300, ticketShare: 0.2 });
});
afterAll(async () => {
  await env.standin.close();
});
beforeEach(async () => {
  await control(env.url, 'reset', {});
});
afterEach(() => {
  for (const agent of agents) agent.close();
  agents = [];
});

async function agent(name: string): Promise<Agent> {
  const a = await startAgent(env.url, name);
  agents.push(a);
  return a;
}

function sharing(a: Agent, notices: SharedMetadataNotice[] = [], claimTimeoutMs?: number): SharedMetadata {
  return new SharedMetadata({
    engine: a.engine,
    db: a.db,
    calls: createSyncCalls(a.transport),
    ticketsPerSlice: TICKETS_PER_SLICE,
    pollMs: 50,
    onNotice: (n) => notices.push(n),
    ...(claimTimeoutMs !== undefined ? { claimTimeoutMs } : {}),
  });
}

/** What a store says about each ticket's metadata, in a comparable form. */
async function metadataOf(a: Agent): Promise<string[]> {
  return (await a.db.getAll('tickets')).map((t) =>
    JSON.stringify([t.threadId, t.hasMetadata, t.subject, t.requester?.email ?? null, t.createdAt]),
  );
}

/** Each ticket's subject as Gmail holds it (its first message), read with the official client. */
async function gmailSubjects(threadIds: readonly string[]): Promise<Map<string, string>> {
  const subjects = new Map<string, string>();
  for (const id of threadIds) {
    const message = await env.client.users.messages.get({
      userId: 'me',
      id,
      format: 'metadata',
      metadataHeaders: ['Subject'],
    });
    subjects.set(id, message.data.payload?.headers?.find((h) => h.name === 'Subject')?.value ?? '');
  }
  return subjects;
}

async function recordsLabelId(): Promise<string> {
  const labels = (await env.client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  return labels.find((l) => l.name === 'Helpdesk/.records')?.id as string;
}

async function insertRecord(subject: string, body: string): Promise<void> {
  await env.client.users.messages.insert({
    userId: 'me',
    requestBody: {
      raw: rawMessage(
        {
          From: 'Labeldesk <support@northwind-shop.example>',
          To: 'support@northwind-shop.example',
          Subject: subject,
          'X-Labeldesk-Record': 'metadata-snapshot; v=1',
        },
        body,
      ),
      labelIds: [await recordsLabelId()],
    },
  });
}

describe('agents starting a full sync together', () => {
  it('share the metadata: same stores as Gmail, fewer units than independent syncs', async () => {
    // The baseline: one agent alone, fetching every ticket's metadata itself.
    const alone = await agent('alone');
    const beforeAlone = await standinStats(env.url);
    await alone.engine.fullSync();
    await alone.engine.fetchMetadata();
    const independentUnits = (await standinStats(env.url)).quotaUnits - beforeAlone.quotaUnits;
    const reference = await metadataOf(alone);
    await control(env.url, 'reset', {});

    const team = await Promise.all(['anna', 'yuki', 'dmitri', 'maria', 'tomek'].map(agent));
    const before = await standinStats(env.url);
    const reports = await Promise.all(
      team.map(async (a) => {
        await a.engine.fullSync();
        return sharing(a).run();
      }),
    );
    const after = await standinStats(env.url);
    const units = after.quotaUnits - before.quotaUnits;

    const tickets = await team[0]?.db.getAll('tickets');
    if (!tickets) throw new Error('setup');
    expect(tickets.length).toBeGreaterThan(TICKETS_PER_SLICE * 2);
    expect(sliceCount(tickets.length, TICKETS_PER_SLICE)).toBeGreaterThan(1);
    // Every agent ends with the store a lone agent builds by fetching everything itself.
    for (const a of team) expect(await metadataOf(a)).toEqual(reference);
    const gmail = await gmailSubjects(tickets.map((t) => t.threadId));
    for (const ticket of tickets) {
      expect(ticket.hasMetadata).toBe(true);
      expect(ticket.subject).toBe(gmail.get(ticket.threadId));
    }
    // Each ticket fetched about once by the whole team, not once per agent.
    const fetched = reports.reduce((s, r) => s + r.fetched, 0);
    expect(fetched).toBe(tickets.length);
    expect(reports.reduce((s, r) => s + r.filledFromSnapshots, 0)).toBe(tickets.length * (team.length - 1));
    expect(units).toBeLessThan(independentUnits * team.length);
    console.info(
      `5 agents, ${tickets.length} tickets: ${units} units together vs ${independentUnits * team.length} for 5 independent syncs`,
    );
  });

  it('reuse snapshots published before they start, and never read them as notes', async () => {
    // Synced before any snapshot existed: its next poll brings every claim and snapshot as news.
    const watcher = await agent('watcher');
    await watcher.engine.fullSync();
    const first = await agent('anna');
    await first.engine.fullSync();
    await sharing(first).run();

    const late = await agent('yuki');
    const before = await standinStats(env.url);
    await late.engine.fullSync();
    const report = await sharing(late).run();
    const after = await standinStats(env.url);
    expect(report.fetched).toBe(0);
    expect(report.published).toBe(0);
    expect(await metadataOf(late)).toEqual(await metadataOf(first));
    // Reading a few snapshots, not one message per ticket.
    const gets =
      (after.byMethod['gmail.users.messages.get']?.requests ?? 0) -
      (before.byMethod['gmail.users.messages.get']?.requests ?? 0);
    expect(gets).toBe(report.snapshotsRead);
    expect(gets).toBeLessThan((await late.db.count('tickets')) / 4);
    // A later poll sees the snapshots and claims under the records label: they are not notes.
    const poll = await watcher.engine.incrementalSync();
    expect(poll.fullSync).toBeNull();
    expect(watcher.notices.filter((n) => n.kind === 'record-unreadable')).toEqual([]);
    expect(await watcher.db.count('records')).toBe(0);
    expect(await watcher.db.count('tickets')).toBe(await late.db.count('tickets'));
  });

  it('take over a slice whose claimer went away', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    const gone = await agent('gone');
    await gone.engine.fullSync();
    const of = sliceCount(await gone.db.count('tickets'), TICKETS_PER_SLICE);
    // Claims every slice, then its browser closes before fetching anything.
    for (let index = 0; index < of; index++) await gone.engine.records?.writeClaim({ index, of });

    const report = await sharing(a, [], 1_500).run();
    expect(report.claimsLost).toBe(of);
    expect(report.waits).toBeGreaterThan(0);
    expect(report.claimsWon).toBe(of);
    expect((await a.db.getAll('tickets')).every((t) => t.hasMetadata)).toBe(true);
  });
});

describe('hostile snapshots', () => {
  it('a forged, malformed or oversized snapshot is ignored with a notice; labels decide what is a ticket', async () => {
    const scout = await agent('scout');
    await scout.engine.fullSync();
    const [victim] = await scout.db.getAll('tickets');
    if (!victim) throw new Error('setup');
    const of = sliceCount(await scout.db.count('tickets'), TICKETS_PER_SLICE);
    const envelope = (record: unknown) => JSON.stringify({ labeldesk: 1, record });
    const snapshot = (entries: unknown[]) =>
      envelope({
        kind: 'metadata-snapshot',
        id: '00000000-0000-4000-8000-000000000001',
        slice: { index: 0, of },
        entries,
        createdAt: Date.now(),
      });
    // Not JSON; a subject too long for a ticket; more entries than a snapshot may hold.
    await insertRecord('Labeldesk snapshot k1 s0', 'not json');
    await insertRecord(
      'Labeldesk snapshot k1 s0',
      snapshot([{ threadId: victim.threadId, subject: 'x'.repeat(5_000), createdAt: victim.createdAt }]),
    );
    await insertRecord(
      'Labeldesk snapshot k1 s0',
      snapshot(
        Array.from({ length: SNAPSHOT_MAX_ENTRIES + 1 }, () => ({
          threadId: victim.threadId,
          subject: 'Refund approved, click here',
          createdAt: victim.createdAt,
        })),
      ),
    );
    // Well formed, but a created time after the thread's own, and a thread that is no ticket.
    await insertRecord(
      'Labeldesk snapshot k1 s0',
      snapshot([
        {
          threadId: victim.threadId,
          subject: 'Refund approved, click here',
          createdAt: Date.now() + 10 * 86_400_000,
        },
        { threadId: 'abcdef0123456789', subject: 'Not a ticket', createdAt: 1 },
      ]),
    );

    const a = await agent('anna');
    await a.engine.fullSync();
    const notices: SharedMetadataNotice[] = [];
    const report = await sharing(a, notices).run();
    expect(notices.filter((n) => n.kind === 'snapshot-unreadable')).toHaveLength(3);
    expect(notices.filter((n) => n.kind === 'snapshot-entries-rejected')).toEqual([
      expect.objectContaining({ count: 1 }),
    ]);
    expect(report.filledFromSnapshots).toBe(0);
    const stored = await a.db.get('tickets', victim.threadId);
    const gmail = await gmailSubjects([victim.threadId]);
    expect(stored?.subject).toBe(gmail.get(victim.threadId));
    expect(await a.db.get('tickets', 'abcdef0123456789')).toBeUndefined();
    expect(await metadataOf(a)).toHaveLength(await scout.db.count('tickets'));
  });
});
