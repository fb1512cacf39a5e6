/** Mail arriving while agents work: new customer threads become tickets, customers' replies reopen them. */
import { describe, expect, it } from 'vitest';
import type { TicketRule } from '../../src/core/ticket-rule';
import { rawMessage } from '../conformance/standin-harness';
import { useDemoMailbox } from './sync-harness';

const mailbox = useDemoMailbox();
const rule: TicketRule = { teamAddresses: ['support@northwind-shop.example'] };

async function labelNames(threadId: string): Promise<string[]> {
  const { client } = mailbox.env();
  const labels = (await client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const thread = await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
  const ids = new Set((thread.data.messages ?? []).flatMap((m) => m.labelIds ?? []));
  return [...ids]
    .map((id) => labels.find((l) => l.id === id)?.name ?? id)
    .filter((n) => n.startsWith('Helpdesk/'));
}

/** The RFC 822 Message-ID of a message: a reply threads only with References and In-Reply-To (users.messages.send). */
async function messageIdHeader(id: string): Promise<string> {
  const message = await mailbox.env().client.users.messages.get({
    userId: 'me',
    id,
    format: 'metadata',
    metadataHeaders: ['Message-ID'],
  });
  return message.data.payload?.headers?.find((h) => h.name?.toLowerCase() === 'message-id')?.value ?? '';
}

async function deliver(
  headers: Record<string, string>,
  options: { threadId?: string; labelIds?: string[] } = {},
) {
  const { client } = mailbox.env();
  const inserted = await client.users.messages.insert({
    userId: 'me',
    internalDateSource: 'receivedTime',
    requestBody: {
      raw: rawMessage({
        To: 'support@northwind-shop.example',
        'Message-ID': `<${crypto.randomUUID()}@mail.example>`,
        ...headers,
      }),
      labelIds: options.labelIds ?? ['INBOX', 'UNREAD'],
      ...(options.threadId ? { threadId: options.threadId } : {}),
    },
  });
  return { id: inserted.data.id as string, threadId: inserted.data.threadId as string };
}

describe('triage', () => {
  it('makes a new customer thread a New ticket, in the store at once and in Gmail after the flush', async () => {
    const a = await mailbox.agent('anna', { triage: rule });
    await a.engine.fullSync();
    const customer = await deliver({ From: 'Jan Nowak <jan@firma.example.pl>', Subject: 'Faktura na firmę' });
    const robot = await deliver({
      From: 'ooo@client.example',
      Subject: 'Out of office',
      'Auto-Submitted': 'auto-replied',
    });
    await a.engine.incrementalSync();
    expect(await a.db.get('tickets', customer.threadId)).toMatchObject({
      status: 'New',
      subject: 'Faktura na firmę',
      requester: { email: 'jan@firma.example.pl', name: 'Jan Nowak' },
      hasMetadata: true,
    });
    expect(await a.db.get('tickets', robot.threadId)).toBeUndefined();
    await a.engine.flushOutbox();
    expect(await labelNames(customer.threadId)).toEqual(['Helpdesk/Status/New']);
    expect(await labelNames(robot.threadId)).toEqual([]);
  });

  it('reopens a Solved ticket when the customer writes again, but not for the team’s reply or an auto-reply', async () => {
    const [a, b] = [await mailbox.agent('anna', { triage: rule }), await mailbox.agent('yuki')];
    await a.engine.fullSync();
    await b.engine.fullSync();
    const first = await deliver({ From: 'ewa@example.pl', Subject: 'Zwrot' });
    await a.engine.incrementalSync();
    await a.engine.flushOutbox();
    await a.engine.updateTicket(first.threadId, { status: 'Solved' });
    await a.engine.flushOutbox();
    const original = await messageIdHeader(first.id);
    const reply = { 'In-Reply-To': original, References: original };

    // The team answers through Gmail (users.messages.send): the reply carries SENT.
    await mailbox.env().client.users.messages.send({
      userId: 'me',
      requestBody: {
        threadId: first.threadId,
        raw: rawMessage({
          From: 'support@northwind-shop.example',
          To: 'ewa@example.pl',
          Subject: 'Re: Zwrot',
          ...reply,
        }),
      },
    });
    await deliver(
      { From: 'ewa@example.pl', Subject: 'Re: Zwrot', 'Auto-Submitted': 'auto-replied', ...reply },
      { threadId: first.threadId },
    );
    await a.engine.incrementalSync();
    await a.engine.flushOutbox();
    expect((await a.db.get('tickets', first.threadId))?.status).toBe('Solved');
    expect((await a.db.get('tickets', first.threadId))?.firstResponseAt).toBeGreaterThan(0);

    await deliver(
      { From: 'Ewa <ewa@example.pl>', Subject: 'Re: Zwrot', ...reply },
      { threadId: first.threadId },
    );
    await a.engine.incrementalSync();
    expect((await a.db.get('tickets', first.threadId))?.status).toBe('Open');
    await a.engine.flushOutbox();
    expect((await labelNames(first.threadId)).filter((n) => n.startsWith('Helpdesk/Status/'))).toEqual([
      'Helpdesk/Status/Open',
    ]);
    // Another agent sees the reopen after one poll.
    await b.engine.incrementalSync();
    expect((await b.db.get('tickets', first.threadId))?.status).toBe('Open');
  });
});

describe('triage with the team config', () => {
  it('does not make an agent’s mail from their own address a ticket once the config names them', async () => {
    const configured = await mailbox.agent('anna', {
      triage: { teamAddresses: ['support@northwind-shop.example', 'anna@northwind-shop.example'] },
    });
    await configured.engine.fullSync();
    const fromAgent = await deliver({ From: 'Anna <anna@northwind-shop.example>', Subject: 'Note to self' });
    await configured.engine.incrementalSync();
    expect(await configured.db.get('tickets', fromAgent.threadId)).toBeUndefined();
  });
});
