/**
 * The seeded mailboxes as the API shows them (messages built lazily from seed data must look like any
 * other Gmail message), the page's mailbox view, and the 10,000-thread start.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../scripts/gmail-standin/seeds/index';
import { type Standin, startTestStandin } from './standin-harness';

const now = new Date('2026-11-20T09:00:00Z');

describe('demo seed through the API', () => {
  let standin: Standin;
  let client: gmail_v1.Gmail;
  const seed = loadSeed('demo', now);

  beforeAll(async () => {
    ({ standin, client } = await startTestStandin({ seed: 'demo', now }));
  });
  afterAll(() => standin.close());

  // https://developers.google.com/gmail/api/reference/rest/v1/users/getProfile (threadsTotal, messagesTotal)
  it('has one Gmail thread per seed thread and one message per seed message', async () => {
    const profile = (await client.users.getProfile({ userId: 'me' })).data;
    expect(profile.threadsTotal).toBe(seed.threads.length);
    expect(profile.messagesTotal).toBe(seed.threads.reduce((n, t) => n + t.messages.length, 0));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/list (user labels the seed names exist)
  it('creates the user labels the seed names', async () => {
    const names = new Set(
      ((await client.users.labels.list({ userId: 'me' })).data.labels ?? []).map((l) => l.name),
    );
    for (const thread of seed.threads) {
      for (const label of thread.labels) if (label.includes('/')) expect(names).toContain(label);
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list (every thread listed once, pages of up to 500)
  it('lists every thread once across pages', async () => {
    const seen = new Set<string>();
    let pageToken: string | undefined;
    do {
      const { data } = await client.users.threads.list({
        userId: 'me',
        maxResults: 50,
        includeSpamTrash: true,
        ...(pageToken ? { pageToken } : {}),
      });
      for (const thread of data.threads ?? []) seen.add(thread.id ?? '');
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(seen.size).toBe(seed.threads.length);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart (every header kept, e.g. Auto-Submitted)
  it('keeps the extra headers of seed messages (Auto-Submitted, List-Unsubscribe, Precedence, ...)', async () => {
    const withHeaders = seed.threads
      .flatMap((t) => t.messages)
      .filter((m) => m.headers && Object.keys(m.headers).length);
    expect(withHeaders.length).toBeGreaterThan(0);
    for (const message of withHeaders.slice(0, 10)) {
      const { data } = await client.users.messages.list({
        userId: 'me',
        q: `subject:"${message.subject}"`,
        includeSpamTrash: true,
      });
      const found = await Promise.all(
        (data.messages ?? []).map(
          async (m) =>
            (await client.users.messages.get({ userId: 'me', id: m.id ?? '', format: 'metadata' })).data,
        ),
      );
      const headers = found.flatMap((m) => m.payload?.headers ?? []);
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        expect(headers.some((h) => h.name?.toLowerCase() === name.toLowerCase() && h.value === value)).toBe(
          true,
        );
      }
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/get (a seed message has real MIME: full and raw agree)
  it('serves seed messages as real MIME: full payload and raw bytes agree', async () => {
    const first = (await client.users.messages.list({ userId: 'me', maxResults: 1 })).data.messages?.[0];
    const full = (await client.users.messages.get({ userId: 'me', id: first?.id ?? '' })).data;
    const raw = Buffer.from(
      (await client.users.messages.get({ userId: 'me', id: first?.id ?? '', format: 'raw' })).data.raw ?? '',
      'base64url',
    ).toString();
    const messageId = full.payload?.headers?.find((h) => h.name?.toLowerCase() === 'message-id')?.value ?? '';
    expect(messageId).toMatch(/^<.+@.+>$/);
    expect(raw).toContain(messageId);
    expect(raw).toMatch(/^MIME-Version: 1\.0/m);
    expect(full.sizeEstimate).toBe(Buffer.byteLength(raw));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#Message (sizeEstimate and raw of one message agree,
  // even when the first requests for a message arrive together)
  it('gives concurrent first reads of a seed message the same bytes', async () => {
    const last = (await client.users.messages.list({ userId: 'me', maxResults: 500 })).data.messages?.at(-1);
    const id = last?.id ?? '';
    const reads = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.users.messages.get({ userId: 'me', id, format: i % 2 ? 'raw' : 'full' }).then((r) => r.data),
      ),
    );
    const raws = new Set(reads.filter((m) => m.raw).map((m) => m.raw));
    expect(raws.size).toBe(1);
    const size = Buffer.from([...raws][0] ?? '', 'base64url').length;
    for (const message of reads) expect(message.sizeEstimate).toBe(size);
  });

  // https://developers.google.com/gmail/api/guides/threads (a seed reply carries In-Reply-To and References to the earlier message)
  it('threads seed replies with In-Reply-To and References', async () => {
    const long = seed.threads.find((t) => t.messages.length >= 2);
    expect(long).toBeDefined();
    const subject = long?.messages[0]?.subject ?? '';
    const threadId =
      (await client.users.threads.list({ userId: 'me', q: `subject:"${subject}"`, includeSpamTrash: true }))
        .data.threads?.[0]?.id ?? '';
    const thread = (await client.users.threads.get({ userId: 'me', id: threadId, format: 'metadata' })).data;
    const [firstMessage, secondMessage] = thread.messages ?? [];
    const header = (m: gmail_v1.Schema$Message | undefined, name: string) =>
      m?.payload?.headers?.find((h) => h.name?.toLowerCase() === name)?.value;
    expect(header(secondMessage, 'in-reply-to')).toBe(header(firstMessage, 'message-id'));
    expect(header(secondMessage, 'references')).toContain(header(firstMessage, 'message-id') ?? '-');
  });

  // contracts.ts PageMailbox: "Same semantics as the REST API" (reply is SENT, threaded, recorded in history)
  it('a reply from the page is a SENT message in the thread, visible in history', async () => {
    const page = standin.standin.pageMailbox;
    const { threads } = page.listThreads({ labelId: 'INBOX', offset: 0, limit: 1 });
    const threadId = threads[0]?.threadId ?? '';
    const start = (await client.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    const { messageId } = page.reply({ threadId, text: 'Thanks, we are on it.' });
    const message = (await client.users.messages.get({ userId: 'me', id: messageId })).data;
    expect(message.threadId).toBe(threadId);
    expect(message.labelIds).toEqual(['SENT']);
    expect(message.payload?.headers?.some((h) => h.name?.toLowerCase() === 'in-reply-to')).toBe(true);
    const history =
      (await client.users.history.list({ userId: 'me', startHistoryId: start })).data.history ?? [];
    expect(history[0]?.messagesAdded?.[0]?.message?.id).toBe(messageId);
    expect(page.getThread(threadId)?.messages.at(-1)?.text).toBe('Thanks, we are on it.');
  });

  // contracts.ts PageMailbox.markThreadRead: removes UNREAD from every message, as the API would show
  it('opening a thread on the page marks it read for the API too', async () => {
    const { threads } = standin.standin.pageMailbox.listThreads({ query: 'is:unread', offset: 0, limit: 1 });
    const threadId = threads[0]?.threadId ?? '';
    expect(threadId).not.toBe('');
    standin.standin.pageMailbox.markThreadRead(threadId);
    const thread = (await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' })).data;
    for (const message of thread.messages ?? []) expect(message.labelIds).not.toContain('UNREAD');
  });
});

describe('10,000 synthetic threads', () => {
  // issue 2: "--threads N generates N synthetic threads for scale (10,000 start in a few seconds)"
  it('starts in a few seconds and serves pages of 500 threads', async () => {
    const started = performance.now();
    const { standin, client } = await startTestStandin({ seed: 'empty', threads: 10_000, now });
    const startMs = performance.now() - started;
    try {
      expect(startMs).toBeLessThan(5_000);
      const profile = (await client.users.getProfile({ userId: 'me' })).data;
      expect(profile.threadsTotal).toBe(10_000);
      // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list ("maximum allowed value ... 500")
      const page = (
        await client.users.threads.list({ userId: 'me', maxResults: 1000, includeSpamTrash: true })
      ).data;
      expect(page.threads).toHaveLength(500);
      // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list ("maximum allowed value ... 500")
      const messages = (await client.users.messages.list({ userId: 'me', maxResults: 5000 })).data;
      expect(messages.messages).toHaveLength(500);
      expect(messages.nextPageToken).toBeTruthy();
      const thread = (await client.users.threads.get({ userId: 'me', id: page.threads?.[0]?.id ?? '' })).data;
      expect(thread.messages?.[0]?.payload?.headers?.length).toBeGreaterThan(3);
    } finally {
      await standin.close();
    }
  });
});
