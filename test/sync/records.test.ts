/** Shared records through the mailbox: written by one agent, read by another after one poll. */
import { describe, expect, it } from 'vitest';
import { readQueue } from '../../src/store/ticket-store';
import { rawMessage } from '../conformance/standin-harness';
import { useDemoMailbox } from './sync-harness';

const mailbox = useDemoMailbox();
const agent = mailbox.agent;

describe('internal notes', () => {
  it('written by one agent reach another after one poll, and never the inbox', async () => {
    const [a, b] = [await agent('anna'), await agent('yuki')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket || !a.engine.records || !b.engine.records) throw new Error('setup');

    const note = await a.engine.records.addNote({
      threadId: ticket.threadId,
      author: 'Anna Kowalska',
      body: 'Called the courier: parcel is at the depot. @Yuki Tanaka please follow up <b>tomorrow</b>.',
      mentions: ['Yuki Tanaka'],
    });
    await b.engine.incrementalSync();
    const seen = await b.engine.records.forThread(ticket.threadId);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      kind: 'note',
      author: 'Anna Kowalska',
      mentions: ['Yuki Tanaka'],
      id: note.id,
    });
    expect(seen[0]?.kind === 'note' && seen[0].body).toContain('<b>tomorrow</b>');

    // In Gmail: only the hidden records label, not INBOX or UNREAD, and addressed to nobody but the mailbox.
    const message = await mailbox.env().client.users.messages.get({
      userId: 'me',
      id: note.messageId,
      format: 'metadata',
    });
    const labels = (await mailbox.env().client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const names = (message.data.labelIds ?? []).map((id) => labels.find((l) => l.id === id)?.name ?? id);
    expect(names).toEqual(['Helpdesk/.records']);
    const to = message.data.payload?.headers?.find((h) => h.name === 'To')?.value;
    expect(to).toBe('support@northwind-shop.example');
    // And the record's thread does not become a ticket in anyone's queue.
    expect(await b.db.get('tickets', message.data.threadId as string)).toBeUndefined();
  });

  it('are found by a browser that starts later, with a full sync', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    const [ticket] = (await readQueue(a.db, { kind: 'all-open' }, { limit: 1, now: Date.now() })).tickets;
    if (!ticket || !a.engine.records) throw new Error('setup');
    await a.engine.records.addNote({
      threadId: ticket.threadId,
      author: 'Anna Kowalska',
      body: 'first',
      mentions: [],
    });
    await a.engine.records.addActivity({
      threadId: ticket.threadId,
      actor: 'Anna Kowalska',
      field: 'status',
      from: 'Open',
      to: 'Pending',
    });
    const late = await agent('dmitri');
    await late.engine.fullSync();
    const seen = (await late.engine.records?.forThread(ticket.threadId)) ?? [];
    expect(seen.map((r) => r.kind)).toEqual(['note', 'activity']);
  });

  it('skips a damaged or forged record with a notice, and reads the rest', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    // The demo mailbox's own records (its team set-up and reply library) are read by the full sync.
    const seeded = await a.db.count('records');
    const labels = (await mailbox.env().client.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const recordsLabel = labels.find((l) => l.name === 'Helpdesk/.records')?.id as string;
    for (const body of [
      '{"labeldesk":1,"record":{"kind":"note","body":"<script>x</script>"}}',
      'not json at all',
    ]) {
      await mailbox.env().client.users.messages.insert({
        userId: 'me',
        requestBody: {
          raw: rawMessage(
            { From: 'someone@evil.example', To: 'support@northwind-shop.example', Subject: 'x' },
            body,
          ),
          labelIds: [recordsLabel],
        },
      });
    }
    await a.engine.incrementalSync();
    expect(a.notices.filter((n) => n.kind === 'record-unreadable')).toHaveLength(2);
    expect(await a.db.count('records')).toBe(seeded);
  });
});

describe('the team config', () => {
  const config = {
    agents: [
      { name: 'Anna Kowalska', email: 'anna@northwind-shop.example', groups: ['Billing'], lead: true },
      { name: 'Yuki Tanaka', email: 'yuki@northwind-shop.example', groups: ['Shipping'], lead: false },
    ],
    labelPrefix: 'Helpdesk',
    teamDomains: [],
    tags: [{ path: 'Shipping/Late by shipper', description: 'The carrier is late, not us' }],
  };

  it('set in one browser is in force in another after one poll, and the newest wins when two write at once', async () => {
    const [a, b] = [await agent('anna'), await agent('yuki')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    if (!a.engine.records || !b.engine.records) throw new Error('setup');
    await a.engine.records.setConfig(config, 'Anna Kowalska');
    await b.engine.incrementalSync();
    expect(await b.engine.records.config()).toEqual(config);

    // Both change it in the same moment: after a poll each, both agree on one of the two.
    const withSam = {
      ...config,
      agents: [
        ...config.agents,
        { name: 'Sam Porter', email: 'sam@northwind-shop.example', groups: [], lead: false },
      ],
    };
    const withoutYuki = { ...config, agents: [config.agents[0] as (typeof config.agents)[number]] };
    await Promise.all([
      a.engine.records.setConfig(withSam, 'Anna Kowalska'),
      b.engine.records.setConfig(withoutYuki, 'Yuki Tanaka'),
    ]);
    await a.engine.incrementalSync();
    await b.engine.incrementalSync();
    const [seenByA, seenByB] = [await a.engine.records.config(), await b.engine.records.config()];
    expect(seenByA).toEqual(seenByB);
    expect([withSam, withoutYuki]).toContainEqual(seenByA);
  });

  it('a config record with a malformed agent is refused on write and skipped on read', async () => {
    const a = await agent('anna');
    await a.engine.fullSync();
    if (!a.engine.records) throw new Error('setup');
    // The demo mailbox's seeded team set-up stays in force.
    const before = await a.engine.records.config();
    const bad = { ...config, agents: [{ name: 'x', email: 'not an address', groups: [], lead: false }] };
    await expect(a.engine.records.setConfig(bad, 'Anna Kowalska')).rejects.toThrow();
    expect(await a.engine.records.config()).toEqual(before);
  });
});
