import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHostileMail, type HostileMail } from '../../scripts/gmail-standin/seeds/hostile';
import { startTestStandin } from '../../test/conformance/standin-harness';
import { labelNames, mime } from '../../test/fixtures/hostile/corpus';
import { startAgent } from '../../test/sync/sync-harness';
import { createSyncCalls } from '../gmail/api/sync-calls';
import { messageText } from './automation/rules';

/**
 * Issue 8, hostile mail through sync: the whole corpus delivered into the stand-in as raw mail (malformed MIME,
 * wrong charsets, RFC 2047 garbage, every hostile text in subject, sender, body and attachment name, labels
 * made by hand, a 10 MB message and a 1,000-message thread). An agent's engine, with triage on, polls it in:
 * nothing throws, every thread is looked up as a ticket or not, the long thread is one ticket, and the bodies
 * read in full for rules come out as bounded text.
 */
let env: Awaited<ReturnType<typeof startTestStandin>>;
let agent: Awaited<ReturnType<typeof startAgent>>;
let hostile: HostileMail;

beforeAll(async () => {
  env = await startTestStandin({ seed: 'empty' });
  agent = await startAgent(env.url, 'anna', {
    triage: { teamAddresses: ['support@northwind-shop.example', 'anna@northwind-shop.example'] },
  });
  await agent.engine.fullSync();
  hostile = await addHostileMail(env.standin.standin.mailbox);
}, 120_000);

afterAll(async () => {
  agent?.close();
  await env?.standin.close();
});

describe('a hostile mailbox through sync', () => {
  it('polls every hostile thread in without an error and makes the right ones tickets', async () => {
    const poll = await agent.engine.incrementalSync();
    expect(poll.threadsChanged).toBeGreaterThan(0);
    await agent.engine.fetchMetadata();
    const tickets = await agent.db.getAll('tickets');
    const byThread = new Map(tickets.map((t) => [t.threadId, t]));
    // Every delivered thread is a ticket (triage on, outside senders, inbox), except the three the rule passes
    // over, which the sidebar still looks up as "not a ticket" without an error.
    const notTickets: string[] = [];
    for (const [id, threadId] of hostile.threads) {
      const ticket = byThread.get(threadId);
      if (ticket) {
        expect(typeof ticket.subject).toBe('string');
        continue;
      }
      notTickets.push(id);
      const found = await agent.engine.lookupThread(threadId);
      expect(found.kind, id).toBe('not-ticket');
    }
    // No sender; an Auto-Submitted header (an auto-reply, whatever its value); a survey answer's subject.
    expect(notTickets.sort()).toEqual([
      'mime-auto-submitted-spoof',
      'mime-no-headers-body',
      'subject-fake-reference',
    ]);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  }, 120_000);

  it('reads the 1,000-message thread as one ticket and the 10 MB message as one', async () => {
    const long = await agent.engine.lookupThread(hostile.longThread);
    expect(long.kind).toBe('ticket');
    expect(long.kind === 'ticket' && long.record.subject).toBe('Hostile: a thread of 1,000 messages');
    const big = await agent.engine.lookupThread(hostile.bigThread);
    expect(big.kind === 'ticket' && big.record.subject).toBe('Hostile: a 10 MB message');
  }, 60_000);

  it('keeps hand-made labels from stopping sync: each such thread stays an Open ticket', async () => {
    for (const c of labelNames) {
      const threadId = hostile.threads.get(c.id) ?? '';
      const found = await agent.engine.lookupThread(threadId);
      expect(found.kind, c.id).toBe('ticket');
      if (found.kind === 'ticket') expect(found.record.status, c.id).toBe('Open');
    }
  }, 60_000);

  it('reads every malformed MIME message in full as bounded text', async () => {
    const calls = createSyncCalls(agent.transport);
    for (const c of mime) {
      const threadId = hostile.threads.get(c.id) ?? '';
      const message = await calls.fullMessage(threadId);
      const text = messageText(message.payload);
      expect(typeof text.body, c.id).toBe('string');
      expect(text.body.length).toBeLessThanOrEqual(100_000);
    }
    const big = await calls.fullMessage(hostile.bigThread);
    expect(messageText(big.payload).body.length).toBeLessThanOrEqual(100_000);
  }, 60_000);
});
