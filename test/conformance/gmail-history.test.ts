/** users.history.list: https://developers.google.com/gmail/api/reference/rest/v1/users.history/list */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
let url: string;

beforeAll(async () => {
  ({ standin, client, url } = await startTestStandin());
});
afterAll(() => standin.close());

const profileHistoryId = async () => (await client.users.getProfile({ userId: 'me' })).data.historyId ?? '';
const insert = async (subject: string, labelIds = ['INBOX', 'UNREAD']) =>
  (
    await client.users.messages.insert({
      userId: 'me',
      requestBody: { raw: rawMessage({ From: 'ann@customer.example', Subject: subject }), labelIds },
    })
  ).data;

describe('history.list', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.history#History (messagesAdded)
  it('records a new message as messagesAdded with id, threadId and labelIds', async () => {
    const start = await profileHistoryId();
    const message = await insert('History add');
    const { data } = await client.users.history.list({ userId: 'me', startHistoryId: start });
    expect(data.history).toHaveLength(1);
    const record = data.history?.[0];
    expect(record?.messages).toEqual([{ id: message.id, threadId: message.threadId }]);
    expect(record?.messagesAdded).toEqual([
      { message: { id: message.id, threadId: message.threadId, labelIds: ['INBOX', 'UNREAD'] } },
    ]);
    expect(data.historyId).toBe(await profileHistoryId());
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history#History (labelsAdded / labelsRemoved)
  it('records a label change as labelsAdded and labelsRemoved with the labels changed', async () => {
    const message = await insert('History labels');
    const start = await profileHistoryId();
    await client.users.messages.modify({
      userId: 'me',
      id: message.id ?? '',
      requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] },
    });
    const { data } = await client.users.history.list({ userId: 'me', startHistoryId: start });
    const record = data.history?.[0];
    expect(record?.labelsAdded).toEqual([
      {
        message: { id: message.id, threadId: message.threadId, labelIds: ['INBOX', 'STARRED'] },
        labelIds: ['STARRED'],
      },
    ]);
    expect(record?.labelsRemoved?.[0]?.labelIds).toEqual(['UNREAD']);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history#History (messagesDeleted)
  it('records a permanent delete as messagesDeleted', async () => {
    const message = await insert('History delete');
    const start = await profileHistoryId();
    await client.users.messages.delete({ userId: 'me', id: message.id ?? '' });
    const { data } = await client.users.history.list({ userId: 'me', startHistoryId: start });
    expect(data.history?.[0]?.messagesDeleted?.[0]?.message?.id).toBe(message.id);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("history IDs increase chronologically")
  it('gives every change a larger history id', async () => {
    const start = await profileHistoryId();
    const message = await insert('History order');
    await client.users.messages.modify({
      userId: 'me',
      id: message.id ?? '',
      requestBody: { addLabelIds: ['STARRED'] },
    });
    await client.users.messages.trash({ userId: 'me', id: message.id ?? '' });
    const ids = (
      (await client.users.history.list({ userId: 'me', startHistoryId: start })).data.history ?? []
    ).map((h) => BigInt(h.id ?? '0'));
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list (a change with no effect is no history)
  it('adds nothing for a modify that changes nothing', async () => {
    const message = await insert('History no-op');
    const start = await profileHistoryId();
    await client.users.messages.modify({
      userId: 'me',
      id: message.id ?? '',
      requestBody: { addLabelIds: ['INBOX'] },
    });
    const { data } = await client.users.history.list({ userId: 'me', startHistoryId: start });
    expect(data.history).toBeUndefined();
    expect(data.historyId).toBe(start);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("historyTypes: History types to be returned")
  it('filters by historyTypes', async () => {
    const start = await profileHistoryId();
    const message = await insert('History types');
    await client.users.messages.modify({
      userId: 'me',
      id: message.id ?? '',
      requestBody: { addLabelIds: ['STARRED'] },
    });
    const { data } = await client.users.history.list({
      userId: 'me',
      startHistoryId: start,
      historyTypes: ['labelAdded'],
    });
    expect(data.history).toHaveLength(1);
    expect(data.history?.[0]?.labelsAdded).toBeDefined();
    expect(data.history?.[0]?.messagesAdded).toBeUndefined();
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("labelId: Only return messages with a label matching the ID")
  it('filters by labelId', async () => {
    const label = (
      await client.users.labels.create({ userId: 'me', requestBody: { name: 'Helpdesk/Status/New' } })
    ).data;
    const start = await profileHistoryId();
    await insert('History other label', ['INBOX']);
    const tagged = await insert('History tagged', [label.id ?? '']);
    const { data } = await client.users.history.list({
      userId: 'me',
      startHistoryId: start,
      labelId: label.id ?? '',
    });
    expect(data.history?.map((h) => h.messages?.[0]?.id)).toEqual([tagged.id]);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list (maxResults, pageToken, nextPageToken)
  it('pages with maxResults and pageToken', async () => {
    const start = await profileHistoryId();
    for (let i = 0; i < 5; i++) await insert(`History page ${i}`);
    const first = (await client.users.history.list({ userId: 'me', startHistoryId: start, maxResults: 2 }))
      .data;
    expect(first.history).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const second = (
      await client.users.history.list({
        userId: 'me',
        startHistoryId: start,
        maxResults: 2,
        pageToken: first.nextPageToken ?? '',
      })
    ).data;
    const third = (
      await client.users.history.list({
        userId: 'me',
        startHistoryId: start,
        maxResults: 2,
        pageToken: second.nextPageToken ?? '',
      })
    ).data;
    expect(third.nextPageToken).toBeUndefined();
    const ids = [...(first.history ?? []), ...(second.history ?? []), ...(third.history ?? [])].map(
      (h) => h.id,
    );
    expect(new Set(ids).size).toBe(5);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("maxResults ... maximum allowed value ... 500")
  it('returns at most 500 records a page', async () => {
    const own = await startTestStandin();
    try {
      const start = (await own.client.users.getProfile({ userId: 'me' })).data.historyId ?? '';
      const message = (
        await own.client.users.messages.insert({
          userId: 'me',
          requestBody: { raw: rawMessage({ From: 'a@b.example', Subject: 'many' }) },
        })
      ).data;
      for (let i = 0; i < 260; i++) {
        await own.client.users.messages.modify({
          userId: 'me',
          id: message.id ?? '',
          requestBody: { addLabelIds: ['STARRED'] },
        });
        await own.client.users.messages.modify({
          userId: 'me',
          id: message.id ?? '',
          requestBody: { removeLabelIds: ['STARRED'] },
        });
      }
      const { data } = await own.client.users.history.list({
        userId: 'me',
        startHistoryId: start,
        maxResults: 1000,
      });
      expect(data.history).toHaveLength(500);
      expect(data.nextPageToken).toBeTruthy();
    } finally {
      await own.standin.close();
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("startHistoryId ... out of date ... HTTP 404")
  it('answers 404 to a cursor older than the history kept (forced expiry)', async () => {
    const start = await profileHistoryId();
    await insert('Before expiry');
    const control = await fetch(`${url}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ expireHistory: true }),
    });
    expect(control.status).toBe(200);
    const failure = await apiError(client.users.history.list({ userId: 'me', startHistoryId: start }));
    expect(failure.status).toBe(404);
    expect(failure.body.error.status).toBe('NOT_FOUND');
    // A fresh cursor from getProfile works again, as a full sync would get one.
    const fresh = await profileHistoryId();
    expect((await client.users.history.list({ userId: 'me', startHistoryId: fresh })).status).toBe(200);
    await fetch(`${url}/__standin/faults`, { method: 'POST', body: '{}' });
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list (a cursor from before the mailbox's history)
  it('answers 404 to a cursor from before the seed', async () => {
    expect((await apiError(client.users.history.list({ userId: 'me', startHistoryId: '1' }))).status).toBe(
      404,
    );
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("startHistoryId: Required"; uint64)
  it.each(['abc', '-5', '12.5', '18446744073709551616', '99999999999999999999999'])(
    'answers 400 to the malformed cursor %s',
    async (startHistoryId) => {
      const failure = await apiError(client.users.history.list({ userId: 'me', startHistoryId }));
      expect(failure.status).toBe(400);
      expect(failure.body.error.status).toBe('INVALID_ARGUMENT');
    },
  );

  // https://developers.google.com/gmail/api/reference/rest/v1/users.history/list ("startHistoryId: Required")
  it('answers 400 without startHistoryId', async () => {
    expect((await apiError(client.users.history.list({ userId: 'me' }))).status).toBe(400);
  });
});
