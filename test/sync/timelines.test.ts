/**
 * Ticket timelines for the reports (issue 7) against the demo mailbox: read on demand with one threads.get
 * per thread, kept current by polls for free, and turned into the reports' facts.
 */
import { describe, expect, it } from 'vitest';
import type { TicketFacts } from '../../src/core/metrics/facts';
import type { TicketRule } from '../../src/core/ticket-rule';
import { readReportInputs } from '../../src/store/report-inputs';
import type { TicketRecord } from '../../src/store/schema';
import { getTicket } from '../../src/store/ticket-store';
import { rawMessage } from '../conformance/standin-harness';
import { type Agent, standinStats, useDemoMailbox } from './sync-harness';

const mailbox = useDemoMailbox();
const MAILBOX = 'support@northwind-shop.example';
const rule: TicketRule = { teamAddresses: [MAILBOX], teamDomains: ['northwind-shop.example'] };
const box = () => mailbox.env().standin.standin.mailbox;

/** Full sync, metadata, then every timeline, as a browser whose reports page asked for them. */
async function readEverything(
  agent: Agent,
): Promise<{ threadsRead: number; units: number; requests: number }> {
  await agent.engine.fullSync();
  await agent.engine.fetchMetadata();
  const before = await standinStats(mailbox.env().url);
  let threadsRead = 0;
  for (let round = 0; round < 10 && (await agent.engine.timelineProgress()).pending > 0; round++) {
    threadsRead += await agent.engine.fetchTimelines(40);
  }
  const after = await standinStats(mailbox.env().url);
  const get = (s: typeof after) => s.byMethod['gmail.users.threads.get'] ?? { requests: 0, quotaUnits: 0 };
  return {
    threadsRead,
    units: after.quotaUnits - before.quotaUnits,
    requests: get(after).requests - get(before).requests,
  };
}

/** What the thread's messages say, judged independently: sent = team, "Automatic reply:" = neither. */
function expectedTimeline(threadId: string) {
  const customer: number[] = [];
  const team: number[] = [];
  for (const message of box().threadMessages(threadId)) {
    if (message.labelIds.includes('SENT')) team.push(message.internalDate);
    else if (!message.subject.startsWith('Automatic reply:')) customer.push(message.internalDate);
  }
  return { customer, team, last: box().threadMessages(threadId).at(-1)?.internalDate ?? 0 };
}

/** A message into a ticket's thread: Gmail threads it by the subject and the References of the last message. */
async function deliver(threadId: string, from: string, labelIds = ['INBOX', 'UNREAD']): Promise<number> {
  const last = box().threadMessages(threadId).at(-1);
  if (!last) throw new Error(`no thread ${threadId}`);
  const inserted = await mailbox.env().client.users.messages.insert({
    userId: 'me',
    internalDateSource: 'receivedTime',
    requestBody: {
      raw: rawMessage({
        From: from,
        To: MAILBOX,
        Subject: last.subject.startsWith('Re: ') ? last.subject : `Re: ${last.subject}`,
        'Message-ID': `<${crypto.randomUUID()}@mail.example>`,
        'In-Reply-To': last.rfc822MessageId,
        References: last.rfc822MessageId,
      }),
      labelIds,
      threadId,
    },
  });
  const message = box().getMessage(inserted.data.id as string);
  if (message.threadId !== threadId) throw new Error('the message did not join the thread');
  return message.internalDate;
}

async function ticketWith(agent: Agent, test: (t: TicketRecord) => boolean): Promise<TicketRecord> {
  const found = (await agent.db.getAll('tickets')).find(test);
  if (!found) throw new Error('no such ticket in the demo');
  return found;
}

describe('ticket timelines', () => {
  it('are read on demand, one threads.get (10 units) per ticket, and match the thread’s messages', async () => {
    const anna = await mailbox.agent('anna', { triage: rule });
    await anna.engine.fullSync();
    expect(await anna.engine.timelineProgress()).toEqual({
      pending: await anna.db.count('tickets'),
      total: await anna.db.count('tickets'),
    });
    const tickets = await anna.db.count('tickets');
    const spent = await readEverything(anna);
    expect(spent).toEqual({ threadsRead: tickets, units: 10 * tickets, requests: tickets });
    expect(await anna.engine.timelineProgress()).toEqual({ pending: 0, total: tickets });
    // Nothing is left to read: another round costs nothing.
    expect(await anna.engine.fetchTimelines(100)).toBe(0);

    // en-refund-delay: the customer's out-of-office reply sits in the thread and counts for nobody.
    const autoReply = box().listMessages({ q: 'subject:"Automatic reply"' });
    const refund = (await Promise.all(autoReply.map((m) => getTicket(anna.db, m.threadId)))).find(
      (t) => t !== undefined,
    );
    if (!refund) throw new Error('no ticket of the demo holds an auto-reply');
    const expected = expectedTimeline(refund.threadId);
    expect(box().threadMessages(refund.threadId).length).toBeGreaterThan(
      expected.customer.length + expected.team.length,
    );
    expect(refund.timeline).toEqual({
      customer: expected.customer,
      team: expected.team,
      // No activity was recorded for the seed's solves: the last message's time is the estimate.
      solves: refund.status === 'Solved' || refund.status === 'Closed' ? [expected.last] : [],
    });
    expect(refund.firstResponseAt).toBe(expected.team[0]);
    expect(refund.lastCustomerMessageAt).toBe(expected.customer.at(-1));
  });

  it('gain new messages and solves from polls and from this browser’s changes, at no extra call', async () => {
    const anna = await mailbox.agent('anna', { triage: rule });
    const yuki = await mailbox.agent('yuki', { triage: rule });
    await readEverything(anna);
    await yuki.engine.fullSync();
    const open = await ticketWith(anna, (t) => t.status === 'Open');
    const pending = await ticketWith(anna, (t) => t.status === 'Pending');

    // The customer writes again and the team answers: both land in the timeline with the next poll.
    const customerAt = await deliver(open.threadId, 'Customer <someone@example.org>');
    const replyAt = await deliver(open.threadId, MAILBOX, ['SENT']);
    const before = await standinStats(mailbox.env().url);
    await anna.engine.incrementalSync();
    const after = await standinStats(mailbox.env().url);
    expect(after.byMethod['gmail.users.threads.get']?.requests).toBe(
      before.byMethod['gmail.users.threads.get']?.requests,
    );
    const updated = await getTicket(anna.db, open.threadId);
    expect(updated?.timeline?.customer).toEqual([...(open.timeline?.customer ?? []), customerAt]);
    expect(updated?.timeline?.team).toEqual([...(open.timeline?.team ?? []), replyAt]);
    expect(updated?.lastCustomerMessageAt).toBe(customerAt);

    // Anna solves it here: the moment is a solve at once, and Gmail's echo of it adds none.
    const solvedAt = Date.now();
    await anna.engine.updateTicket(open.threadId, { status: 'Solved' }, 'Anna Kowalska');
    const solves = (await getTicket(anna.db, open.threadId))?.timeline?.solves ?? [];
    expect(solves).toHaveLength(1);
    expect(solves[0]).toBeGreaterThanOrEqual(solvedAt);
    await anna.engine.flushOutbox();
    await anna.engine.incrementalSync();
    await anna.engine.updateTicket(open.threadId, { status: 'Closed' }, 'Anna Kowalska');
    expect((await getTicket(anna.db, open.threadId))?.timeline?.solves).toEqual(solves);

    // Yuki solves another in her browser: Anna's next poll records the solve.
    await yuki.engine.updateTicket(pending.threadId, { status: 'Solved' }, 'Yuki Tanaka');
    await yuki.engine.flushOutbox();
    const polledAt = Date.now();
    await anna.engine.incrementalSync();
    const theirs = (await getTicket(anna.db, pending.threadId))?.timeline?.solves ?? [];
    expect(theirs.length).toBe((pending.timeline?.solves.length ?? 0) + 1);
    expect(theirs.at(-1)).toBeGreaterThanOrEqual(polledAt);
  });

  it('mark a thread gone from Gmail as read, from what its row knows, so it is not asked for again', async () => {
    const anna = await mailbox.agent('anna', { triage: rule });
    await anna.engine.fullSync();
    await anna.engine.fetchMetadata();
    const gone = await ticketWith(anna, (t) => t.status === 'Pending' && t.firstResponseAt === undefined);
    await mailbox.env().client.users.threads.delete({ userId: 'me', id: gone.threadId });
    const tickets = await anna.db.count('tickets');
    expect(await anna.engine.fetchTimelines(1_000)).toBe(tickets);
    expect((await getTicket(anna.db, gone.threadId))?.timeline).toEqual({
      customer: [
        gone.createdAt,
        ...(gone.lastCustomerMessageAt !== gone.createdAt ? [gone.lastCustomerMessageAt] : []),
      ],
      team: [],
      solves: [],
    });
    expect((await anna.engine.timelineProgress()).pending).toBe(0);
  });

  it('become the reports’ facts, complete once read, with the seed’s CSAT answers', async () => {
    const anna = await mailbox.agent('anna', { triage: rule });
    await anna.engine.fullSync();
    await anna.engine.fetchMetadata();
    const unread = await readReportInputs(anna.db);
    expect(unread.facts.every((f) => !f.complete)).toBe(true);
    expect(unread.csat).toHaveLength(25);
    await readEverything(anna);
    const { facts, csat, skipped } = await readReportInputs(anna.db);
    expect(skipped).toBe(0);
    expect(facts).toHaveLength(await anna.db.count('tickets'));
    const rows = await anna.db.getAll('tickets');
    const picked = [
      rows.find((r) => r.status === 'Closed' && r.tags.some((t) => t.why !== undefined)),
      rows.find((r) => r.status === 'New' && r.assignee === undefined),
      rows.find((r) => r.status === 'Pending' && r.priority !== undefined),
    ];
    for (const row of picked) {
      if (!row) throw new Error('the demo lacks a ticket the test wants');
      const messages = expectedTimeline(row.threadId);
      const expected: TicketFacts = {
        threadId: row.threadId,
        reference: row.reference,
        subject: row.subject,
        requester: row.requester?.email.toLowerCase() ?? '',
        createdAt: row.createdAt,
        status: row.status,
        tags: row.tags.map((t) => (t.why ? `${t.what}/${t.why}` : t.what)),
        customerMessages: messages.customer,
        teamReplies: messages.team,
        solves: row.status === 'Closed' ? [messages.last] : [],
        complete: true,
        ...(row.priority ? { priority: row.priority } : {}),
        ...(row.assignee ? { assignee: row.assignee } : {}),
        ...(row.group ? { group: row.group } : {}),
      };
      expect(facts.find((f) => f.threadId === row.threadId)).toEqual(expected);
    }
    // Every CSAT answer is about a ticket of the store, solved or closed, answered after its solve.
    for (const answer of csat) {
      const fact = facts.find((f) => f.threadId === answer.threadId);
      expect(fact?.status).toMatch(/^(Solved|Closed)$/);
      expect(answer.answeredAt).toBeGreaterThan(fact?.solves.at(-1) ?? Number.POSITIVE_INFINITY);
    }
    expect(csat.filter((a) => a.rating === 'bad' && a.comment)).toHaveLength(4);
  });
});
