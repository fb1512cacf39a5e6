/**
 * users.threads (https://developers.google.com/gmail/api/reference/rest/v1/users.threads) and
 * users.drafts (https://developers.google.com/gmail/api/reference/rest/v1/users.drafts) through the official client.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
const me = 'support@northwind-shop.example';

beforeAll(async () => {
  ({ standin, client } = await startTestStandin());
});
afterAll(() => standin.close());

/** A customer's question and our reply, as one thread. */
async function conversation(subject: string) {
  const messageId = `<${subject.replace(/\W/g, '')}@customer.example>`;
  const question = (
    await client.users.messages.insert({
      userId: 'me',
      requestBody: {
        raw: rawMessage(
          { From: 'ann@customer.example', To: me, Subject: subject, 'Message-ID': messageId },
          `About ${subject}`,
        ),
        labelIds: ['INBOX', 'UNREAD'],
      },
    })
  ).data;
  const answer = (
    await client.users.messages.send({
      userId: 'me',
      requestBody: {
        threadId: question.threadId ?? '',
        raw: rawMessage(
          {
            To: 'ann@customer.example',
            Subject: `Re: ${subject}`,
            'In-Reply-To': messageId,
            References: messageId,
          },
          `Answer on ${subject}`,
        ),
      },
    })
  ).data;
  return { threadId: question.threadId ?? '', question, answer };
}

describe('threads', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list (threads: id, snippet, historyId)
  it('list gives id, the newest message’s snippet and historyId', async () => {
    const { threadId } = await conversation('Chipped plate');
    const { data } = await client.users.threads.list({ userId: 'me', q: 'subject:"Chipped plate"' });
    expect(data.threads).toEqual([
      { id: threadId, snippet: 'Answer on Chipped plate', historyId: expect.stringMatching(/^\d+$/) },
    ]);
    expect(data.resultSizeEstimate).toBe(1);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list (labelIds: a thread with any message so labelled)
  it('list by label finds a thread through any of its messages', async () => {
    const { threadId } = await conversation('Late delivery');
    const inbox = (await client.users.threads.list({ userId: 'me', labelIds: ['INBOX'] })).data.threads ?? [];
    const sent = (await client.users.threads.list({ userId: 'me', labelIds: ['SENT'] })).data.threads ?? [];
    expect(inbox.map((t) => t.id)).toContain(threadId);
    expect(sent.map((t) => t.id)).toContain(threadId);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/list (maxResults, pageToken)
  it('list pages with maxResults and nextPageToken', async () => {
    await conversation('Page one');
    await conversation('Page two');
    const first = (await client.users.threads.list({ userId: 'me', maxResults: 1 })).data;
    expect(first.threads).toHaveLength(1);
    const second = (
      await client.users.threads.list({ userId: 'me', maxResults: 1, pageToken: first.nextPageToken ?? '' })
    ).data;
    expect(second.threads?.[0]?.id).not.toBe(first.threads?.[0]?.id);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/get (messages in order, the thread's id)
  it('get returns the thread’s messages oldest first', async () => {
    const { threadId, question, answer } = await conversation('Missing screws');
    const { data } = await client.users.threads.get({ userId: 'me', id: threadId });
    expect(data.id).toBe(threadId);
    expect(data.messages?.map((m) => m.id)).toEqual([question.id, answer.id]);
    expect(data.messages?.[0]?.payload?.headers).toContainEqual({ name: 'Subject', value: 'Missing screws' });
    expect(data.historyId).toBe(data.messages?.[1]?.historyId);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/get (format=metadata, metadataHeaders)
  it('get with format=metadata returns only the asked headers', async () => {
    const { threadId } = await conversation('Wrong colour');
    const { data } = await client.users.threads.get({
      userId: 'me',
      id: threadId,
      format: 'metadata',
      metadataHeaders: ['From'],
    });
    for (const message of data.messages ?? []) {
      expect(message.payload?.headers?.map((h) => h.name)).toEqual(['From']);
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/get (unknown thread)
  it('get answers 404 for an unknown thread', async () => {
    expect((await apiError(client.users.threads.get({ userId: 'me', id: '0123456789abcdef' }))).status).toBe(
      404,
    );
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/modify ("applied to all messages in the thread")
  it('modify changes the labels of every message in the thread', async () => {
    const { threadId } = await conversation('Refund status');
    const label = (
      await client.users.labels.create({ userId: 'me', requestBody: { name: 'Helpdesk/Status/Solved' } })
    ).data;
    const { data } = await client.users.threads.modify({
      userId: 'me',
      id: threadId,
      requestBody: { addLabelIds: [label.id ?? ''], removeLabelIds: ['UNREAD'] },
    });
    expect(data.id).toBe(threadId);
    for (const message of data.messages ?? []) {
      expect(message.labelIds).toContain(label.id);
      expect(message.labelIds).not.toContain('UNREAD');
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/trash and /untrash
  it('trash moves every message to TRASH; untrash takes them out', async () => {
    const { threadId } = await conversation('Cancel order');
    const trashed = (await client.users.threads.trash({ userId: 'me', id: threadId })).data;
    for (const message of trashed.messages ?? []) expect(message.labelIds).toContain('TRASH');
    const listed = (await client.users.threads.list({ userId: 'me', maxResults: 500 })).data.threads ?? [];
    expect(listed.map((t) => t.id)).not.toContain(threadId);
    const untrashed = (await client.users.threads.untrash({ userId: 'me', id: threadId })).data;
    for (const message of untrashed.messages ?? []) expect(message.labelIds).not.toContain('TRASH');
  });
});

describe('threads.delete', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.threads/delete ("Immediately and permanently deletes")
  it('deletes every message of the thread; the thread is then 404', async () => {
    const { threadId, question, answer } = await conversation('Delete thread');
    expect((await client.users.threads.delete({ userId: 'me', id: threadId })).status).toBe(204);
    expect((await apiError(client.users.threads.get({ userId: 'me', id: threadId }))).status).toBe(404);
    for (const message of [question, answer]) {
      expect((await apiError(client.users.messages.get({ userId: 'me', id: message.id ?? '' }))).status).toBe(
        404,
      );
    }
  });
});

describe('drafts', () => {
  const draftRaw = (subject: string, body = 'Draft body') =>
    rawMessage({ To: 'ann@customer.example', Subject: subject }, body);

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/create (a Draft with the DRAFT-labelled message)
  it('create returns a draft id and a message labelled DRAFT', async () => {
    const { data } = await client.users.drafts.create({
      userId: 'me',
      requestBody: { message: { raw: draftRaw('Draft one') } },
    });
    expect(data.id).toMatch(/^r-?\d+$/);
    expect(data.message?.labelIds).toEqual(['DRAFT']);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/get
  it('get returns the draft with its full message', async () => {
    const created = (
      await client.users.drafts.create({
        userId: 'me',
        requestBody: { message: { raw: draftRaw('Draft get') } },
      })
    ).data;
    const { data } = await client.users.drafts.get({ userId: 'me', id: created.id ?? '' });
    expect(data.id).toBe(created.id);
    expect(data.message?.payload?.headers).toContainEqual({ name: 'Subject', value: 'Draft get' });
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/list
  it('list returns drafts with id and message id/threadId', async () => {
    const created = (
      await client.users.drafts.create({
        userId: 'me',
        requestBody: { message: { raw: draftRaw('Draft listed') } },
      })
    ).data;
    const { data } = await client.users.drafts.list({ userId: 'me' });
    expect(data.drafts).toContainEqual({
      id: created.id,
      message: { id: created.message?.id, threadId: created.message?.threadId },
    });
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/update ("Replaces a draft's content")
  it('update replaces the content under the same draft id', async () => {
    const created = (
      await client.users.drafts.create({
        userId: 'me',
        requestBody: { message: { raw: draftRaw('Before') } },
      })
    ).data;
    const { data } = await client.users.drafts.update({
      userId: 'me',
      id: created.id ?? '',
      requestBody: { id: created.id ?? '', message: { raw: draftRaw('After') } },
    });
    expect(data.id).toBe(created.id);
    const got = (await client.users.drafts.get({ userId: 'me', id: created.id ?? '', format: 'metadata' }))
      .data;
    expect(got.message?.payload?.headers).toContainEqual({ name: 'Subject', value: 'After' });
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/send ("Sends the specified, existing draft")
  it('send turns the draft into a SENT message and the draft is gone', async () => {
    const created = (
      await client.users.drafts.create({
        userId: 'me',
        requestBody: { message: { raw: draftRaw('Sending') } },
      })
    ).data;
    const { data } = await client.users.drafts.send({ userId: 'me', requestBody: { id: created.id ?? '' } });
    expect(data.labelIds).toEqual(['SENT']);
    expect((await apiError(client.users.drafts.get({ userId: 'me', id: created.id ?? '' }))).status).toBe(
      404,
    );
  });

  // https://developers.google.com/gmail/api/guides/drafts#replying_to_a_message (draft in a thread)
  it('a reply draft with threadId and References lands in the thread and is sent there', async () => {
    const { threadId } = await conversation('Draft thread');
    const created = (
      await client.users.drafts.create({
        userId: 'me',
        requestBody: {
          message: {
            threadId,
            raw: rawMessage({
              To: 'ann@customer.example',
              Subject: 'Re: Draft thread',
              References: '<Draftthread@customer.example>',
            }),
          },
        },
      })
    ).data;
    expect(created.message?.threadId).toBe(threadId);
    const sent = (await client.users.drafts.send({ userId: 'me', requestBody: { id: created.id ?? '' } }))
      .data;
    expect(sent.threadId).toBe(threadId);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/delete ("Immediately and permanently deletes")
  it('delete removes the draft and its message', async () => {
    const created = (
      await client.users.drafts.create({
        userId: 'me',
        requestBody: { message: { raw: draftRaw('Delete me') } },
      })
    ).data;
    expect((await client.users.drafts.delete({ userId: 'me', id: created.id ?? '' })).status).toBe(204);
    expect((await apiError(client.users.drafts.get({ userId: 'me', id: created.id ?? '' }))).status).toBe(
      404,
    );
    expect(
      (await apiError(client.users.messages.get({ userId: 'me', id: created.message?.id ?? '' }))).status,
    ).toBe(404);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/send (unknown draft)
  it('send answers 404 for an unknown draft', async () => {
    expect(
      (await apiError(client.users.drafts.send({ userId: 'me', requestBody: { id: 'r123' } }))).status,
    ).toBe(404);
  });
});
