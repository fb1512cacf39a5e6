/** users.messages through the official client: https://developers.google.com/gmail/api/reference/rest/v1/users.messages */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, composeRaw, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
const me = 'support@northwind-shop.example';

beforeAll(async () => {
  ({ standin, client } = await startTestStandin());
});
afterAll(() => standin.close());

async function insert(headers: Record<string, string>, labelIds: string[] = ['INBOX'], body?: string) {
  const { data } = await client.users.messages.insert({
    userId: 'me',
    requestBody: { raw: rawMessage({ To: me, ...headers }, body), labelIds },
  });
  return data;
}

describe('messages.insert', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/insert ("similar to IMAP APPEND ... bypassing most scanning")
  it('adds a message with exactly the labels asked for, no INBOX unless asked', async () => {
    const data = await insert({ From: 'records@northwind-shop.example', Subject: 'record' }, []);
    expect(data.id).toMatch(/^[0-9a-f]{16}$/);
    expect(data.threadId).toBe(data.id);
    // https://protobuf.dev/programming-guides/json/ (an empty repeated field is left out of Google's JSON)
    expect(data.labelIds).toBeUndefined();
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#Message ("id: The immutable ID"; hex ids as Gmail's)
  it('issues 16-hex-digit ids whose high bits are the internal date', async () => {
    const data = await insert({ From: 'a@customer.example', Subject: 'id shape' });
    const got = (await client.users.messages.get({ userId: 'me', id: data.id ?? '', format: 'minimal' }))
      .data;
    const fromId = Number(BigInt(`0x${data.id}`) >> 20n);
    expect(fromId).toBe(Number(got.internalDate));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/insert#InternalDateSource (default receivedTime)
  it('dates an insert by receipt unless internalDateSource=dateHeader', async () => {
    const date = 'Tue, 01 Oct 2024 10:00:00 +0000';
    const received = await insert({ From: 'a@customer.example', Subject: 'dated', Date: date });
    const receivedGot = (
      await client.users.messages.get({ userId: 'me', id: received.id ?? '', format: 'minimal' })
    ).data;
    expect(Number(receivedGot.internalDate)).toBeGreaterThan(Date.parse('2025-01-01'));
    const { data } = await client.users.messages.insert({
      userId: 'me',
      internalDateSource: 'dateHeader',
      requestBody: { raw: rawMessage({ From: 'a@customer.example', Subject: 'dated', Date: date }) },
    });
    const got = (await client.users.messages.get({ userId: 'me', id: data.id ?? '', format: 'minimal' }))
      .data;
    expect(got.internalDate).toBe(String(Date.parse(date)));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/insert (a body is required)
  it('answers 400 without a raw message', async () => {
    const failure = await apiError(client.users.messages.insert({ userId: 'me', requestBody: {} }));
    expect(failure.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#Message (labelIds must name labels)
  it('answers 400 for an unknown label id', async () => {
    const failure = await apiError(
      client.users.messages.insert({
        userId: 'me',
        requestBody: {
          raw: rawMessage({ From: 'a@customer.example', Subject: 'x' }),
          labelIds: ['Label_424242'],
        },
      }),
    );
    expect(failure.status).toBe(400);
  });
});

describe('messages.import', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/import (internalDateSource default dateHeader)
  it('imports with the Date header as internalDate by default and the labels asked for', async () => {
    const date = 'Wed, 02 Oct 2024 08:30:00 +0000';
    const { data } = await client.users.messages.import({
      userId: 'me',
      requestBody: {
        raw: rawMessage({ From: 'old@customer.example', Subject: 'imported', Date: date }),
        labelIds: ['INBOX'],
      },
    });
    const got = (await client.users.messages.get({ userId: 'me', id: data.id ?? '', format: 'minimal' }))
      .data;
    expect(got.internalDate).toBe(String(Date.parse(date)));
    expect(got.labelIds).toEqual(['INBOX']);
  });
});

describe('messages.get formats', () => {
  let id = '';
  let attachmentMessageId = '';
  const extra = {
    'Auto-Submitted': 'auto-replied',
    'List-Id': 'Northwind news <news.northwind-shop.example>',
    'List-Unsubscribe': '<mailto:unsubscribe@northwind-shop.example>',
    Precedence: 'bulk',
    'X-Autoreply': 'yes',
  };

  beforeAll(async () => {
    id =
      (
        await insert(
          {
            From: 'Jan Kowalski <jan@customer.example>',
            Subject: 'Zażółć gęślą jaźń',
            'Message-ID': '<fmt-1@customer.example>',
            ...extra,
          },
          ['INBOX', 'UNREAD'],
          'Tom\'s order <#1234> & "the" rest',
        )
      ).id ?? '';
    const raw = await composeRaw({
      from: 'Ann <ann@customer.example>',
      to: me,
      subject: 'Photo of the damage',
      text: 'See the photo.',
      html: '<p>See the <b>photo</b>.</p>',
      attachments: [
        { filename: 'damage.png', content: Buffer.from('not really a png'), contentType: 'image/png' },
      ],
    });
    attachmentMessageId =
      (await client.users.messages.insert({ userId: 'me', requestBody: { raw, labelIds: ['INBOX'] } })).data
        .id ?? '';
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/Format ("minimal: Returns only email message ID and labels")
  it('minimal has no payload and no raw', async () => {
    const { data } = await client.users.messages.get({ userId: 'me', id, format: 'minimal' });
    expect(data.id).toBe(id);
    expect(data.labelIds).toEqual(['INBOX', 'UNREAD']);
    expect(data.payload).toBeUndefined();
    expect(data.raw).toBeUndefined();
    expect(data.sizeEstimate).toBeGreaterThan(0);
    expect(data.historyId).toMatch(/^\d+$/);
    expect(data.internalDate).toMatch(/^\d+$/);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#Message ("snippet: A short part of the message text")
  it('snippet is the text with HTML special characters escaped', async () => {
    const { data } = await client.users.messages.get({ userId: 'me', id, format: 'minimal' });
    expect(data.snippet).toBe('Tom&#39;s order &lt;#1234&gt; &amp; &quot;the&quot; rest');
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/Format ("raw: ... base64url encoded string")
  it('raw returns the RFC 822 bytes base64url-encoded, unchanged', async () => {
    const { data } = await client.users.messages.get({ userId: 'me', id, format: 'raw' });
    const text = Buffer.from(data.raw ?? '', 'base64url').toString('utf8');
    expect(text).toContain('Subject: Zażółć gęślą jaźń');
    expect(text).toContain('Precedence: bulk');
    expect(data.payload).toBeUndefined();
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart ("headers: List of headers on this message part")
  it('full keeps every header, in order, including Auto-Submitted, List-Id, List-Unsubscribe and Precedence', async () => {
    const { data } = await client.users.messages.get({ userId: 'me', id, format: 'full' });
    const headers = data.payload?.headers ?? [];
    for (const [name, value] of Object.entries(extra)) {
      expect(headers).toContainEqual({ name, value });
    }
    const names = headers.map((h) => h.name);
    expect(names.indexOf('From')).toBeLessThan(names.indexOf('Auto-Submitted'));
    expect(names.indexOf('Auto-Submitted')).toBeLessThan(names.indexOf('Precedence'));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart (partId, mimeType, filename, body)
  it('full gives a single-part message its body as base64url data with partId ""', async () => {
    const { data } = await client.users.messages.get({ userId: 'me', id });
    expect(data.payload?.partId).toBe('');
    expect(data.payload?.mimeType).toBe('text/plain');
    expect(data.payload?.filename).toBe('');
    const body = Buffer.from(data.payload?.body?.data ?? '', 'base64url').toString('utf8');
    expect(body).toContain("Tom's order");
    expect(data.payload?.body?.size).toBe(Buffer.byteLength(body));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart ("parts: ... child MIME message parts")
  it('full gives a multipart message its part tree with partIds 0, 0.0, 0.1, 1', async () => {
    const { data } = await client.users.messages.get({ userId: 'me', id: attachmentMessageId });
    expect(data.payload?.mimeType).toBe('multipart/mixed');
    expect(data.payload?.body?.size).toBe(0);
    const [alternative, attachment] = data.payload?.parts ?? [];
    expect(alternative?.partId).toBe('0');
    expect(alternative?.mimeType).toBe('multipart/alternative');
    expect(alternative?.parts?.map((p) => [p.partId, p.mimeType])).toEqual([
      ['0.0', 'text/plain'],
      ['0.1', 'text/html'],
    ]);
    expect(Buffer.from(alternative?.parts?.[0]?.body?.data ?? '', 'base64url').toString()).toContain(
      'See the photo.',
    );
    expect(attachment?.partId).toBe('1');
    expect(attachment?.filename).toBe('damage.png');
    expect(attachment?.mimeType).toBe('image/png');
    expect(attachment?.body?.attachmentId).toBeTruthy();
    expect(attachment?.body?.data).toBeUndefined();
    expect(attachment?.body?.size).toBe(Buffer.byteLength('not really a png'));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages.attachments/get
  it('attachments.get returns the attachment bytes as base64url with their size', async () => {
    const message = (await client.users.messages.get({ userId: 'me', id: attachmentMessageId })).data;
    const attachmentId = message.payload?.parts?.[1]?.body?.attachmentId ?? '';
    const { data } = await client.users.messages.attachments.get({
      userId: 'me',
      messageId: attachmentMessageId,
      id: attachmentId,
    });
    expect(Buffer.from(data.data ?? '', 'base64url').toString()).toBe('not really a png');
    expect(data.size).toBe(16);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages.attachments/get (unknown id)
  it('attachments.get answers 400 for an attachment id that is not this message’s', async () => {
    const failure = await apiError(
      client.users.messages.attachments.get({ userId: 'me', messageId: id, id: 'nonsense' }),
    );
    expect(failure.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/get ("metadataHeaders: ... only include headers specified")
  it('metadata with metadataHeaders returns only those headers and no body', async () => {
    const { data } = await client.users.messages.get({
      userId: 'me',
      id,
      format: 'metadata',
      metadataHeaders: ['Subject', 'list-id'],
    });
    expect(data.payload?.headers).toEqual([
      { name: 'Subject', value: 'Zażółć gęślą jaźń' },
      { name: 'List-Id', value: extra['List-Id'] },
    ]);
    expect(data.payload?.body).toBeUndefined();
    expect(data.payload?.parts).toBeUndefined();
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/Format ("metadata: ... email headers"); a recorded Gmail
  // answer with no matching header has payload {mimeType} only (https://github.com/PunitDh/Gmail-API, utils.js)
  it('metadata with no matching header gives payload with mimeType only', async () => {
    const { data } = await client.users.messages.get({
      userId: 'me',
      id: attachmentMessageId,
      format: 'metadata',
      metadataHeaders: ['X-Nothing'],
    });
    expect(data.payload).toEqual({ mimeType: 'multipart/mixed' });
  });

  // https://support.google.com/mail/answer/7190 ("has:attachment") through users.messages/list `q`
  it('q=has:attachment finds the message with an attachment only', async () => {
    const { data } = await client.users.messages.list({ userId: 'me', q: 'has:attachment' });
    const ids = (data.messages ?? []).map((m) => m.id);
    expect(ids).toContain(attachmentMessageId);
    expect(ids).not.toContain(id);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/Format (an unknown format is refused)
  it('answers 400 to an unknown format', async () => {
    const failure = await apiError(client.users.messages.get({ userId: 'me', id, format: 'everything' }));
    expect(failure.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart (headers are decoded text)
  it('decodes RFC 2047 encoded words in headers', async () => {
    const raw = await composeRaw({
      from: 'Пётр <petr@customer.example>',
      to: me,
      subject: 'Где мой заказ?',
      text: 'Здравствуйте',
    });
    const inserted = (await client.users.messages.insert({ userId: 'me', requestBody: { raw } })).data;
    const { data } = await client.users.messages.get({
      userId: 'me',
      id: inserted.id ?? '',
      format: 'metadata',
    });
    expect(data.payload?.headers).toContainEqual({ name: 'Subject', value: 'Где мой заказ?' });
    expect(data.snippet).toBe('Здравствуйте');
  });
});

describe('messages.list', () => {
  let listClient: gmail_v1.Gmail;
  let listStandin: Standin;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ standin: listStandin, client: listClient } = await startTestStandin());
    const add = async (key: string, headers: Record<string, string>, labelIds: string[], body?: string) => {
      const { data } = await listClient.users.messages.import({
        userId: 'me',
        requestBody: { raw: rawMessage({ To: me, ...headers }, body), labelIds },
      });
      ids[key] = data.id ?? '';
    };
    const day = (d: string) => new Date(`${d}T12:00:00Z`).toUTCString();
    await add(
      'refund',
      {
        From: 'Ann <ann@customer.example>',
        Subject: 'Refund please',
        Date: day('2024-03-01'),
        'Message-ID': '<refund@customer.example>',
      },
      ['INBOX', 'UNREAD'],
      'My parcel arrived broken.',
    );
    await add(
      'invoice',
      { From: 'bob@customer.example', Subject: 'Invoice copy', Date: day('2024-03-05') },
      ['INBOX'],
      'Could you send the invoice?',
    );
    await add(
      'spam',
      { From: 'win@lottery.example', Subject: 'You won', Date: day('2024-03-06') },
      ['SPAM'],
      'Claim now.',
    );
    await add(
      'trash',
      { From: 'ann@customer.example', Subject: 'Never mind', Date: day('2024-03-07') },
      ['TRASH'],
      'Ignore.',
    );
    await add(
      'sent',
      { From: me, To: 'ann@customer.example', Subject: 'Re: Refund please', Date: day('2024-03-08') },
      ['SENT'],
      'Refund issued.',
    );
    for (let i = 0; i < 7; i++) {
      await add(
        `bulk${i}`,
        { From: 'news@shop.example', Subject: `Newsletter ${i}`, Date: day(`2024-02-${10 + i}`) },
        ['CATEGORY_PROMOTIONS'],
        'Deals',
      );
    }
  });
  afterAll(() => listStandin.close());

  const list = async (params: Omit<gmail_v1.Params$Resource$Users$Messages$List, 'userId'>) =>
    (await listClient.users.messages.list({ userId: 'me', ...params })).data;
  const idsOf = (data: gmail_v1.Schema$ListMessagesResponse) => (data.messages ?? []).map((m) => m.id);

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list (messages: id and threadId only)
  it('lists newest first with id and threadId only and a resultSizeEstimate', async () => {
    const data = await list({});
    expect(data.messages?.[0]).toEqual({ id: ids.sent, threadId: expect.any(String) });
    expect(data.resultSizeEstimate).toBe(10);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list ("includeSpamTrash ... default false")
  it('leaves out SPAM and TRASH unless includeSpamTrash', async () => {
    expect(idsOf(await list({}))).not.toContain(ids.spam);
    expect(idsOf(await list({}))).not.toContain(ids.trash);
    const all = idsOf(await list({ includeSpamTrash: true }));
    expect(all).toContain(ids.spam);
    expect(all).toContain(ids.trash);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list ("labelIds: ... match all of the specified label IDs")
  it('filters by labelIds, all of them', async () => {
    expect(idsOf(await list({ labelIds: ['INBOX'] }))).toEqual([ids.invoice, ids.refund]);
    expect(idsOf(await list({ labelIds: ['INBOX', 'UNREAD'] }))).toEqual([ids.refund]);
    expect(idsOf(await list({ labelIds: ['TRASH'] }))).toEqual([ids.trash]);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list ("maxResults ... defaults to 100"; nextPageToken)
  it('pages with maxResults and pageToken, without overlap', async () => {
    const first = await list({ maxResults: 4 });
    expect(first.messages).toHaveLength(4);
    expect(first.nextPageToken).toBeTruthy();
    const second = await list({ maxResults: 4, pageToken: first.nextPageToken ?? '' });
    const third = await list({ maxResults: 4, pageToken: second.nextPageToken ?? '' });
    expect(third.nextPageToken).toBeUndefined();
    const seen = [...idsOf(first), ...idsOf(second), ...idsOf(third)];
    expect(new Set(seen).size).toBe(10);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list (an invalid pageToken is refused)
  it('answers 400 to a malformed pageToken', async () => {
    expect((await apiError(list({ pageToken: 'garbage' }))).status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/list (no messages: no `messages` field)
  it('answers an empty result with resultSizeEstimate 0 and no messages field', async () => {
    const data = await list({ q: 'subject:"no such subject anywhere"' });
    expect(data.messages).toBeUndefined();
    expect(data.resultSizeEstimate).toBe(0);
  });

  // https://support.google.com/mail/answer/7190 (search operators), used by users.messages/list `q`
  it.each([
    ['from:ann@customer.example', ['refund']],
    ['from:bob', ['invoice']],
    ['to:ann@customer.example', ['sent']],
    ['subject:refund', ['sent', 'refund']],
    ['subject:"Invoice copy"', ['invoice']],
    ['is:unread', ['refund']],
    ['in:inbox', ['invoice', 'refund']],
    ['in:sent', ['sent']],
    ['label:inbox is:unread', ['refund']],
    ['parcel broken', ['refund']],
    ['rfc822msgid:refund@customer.example', ['refund']],
    ['rfc822msgid:<refund@customer.example>', ['refund']],
    ['after:2024/03/04 before:2024/03/08', ['invoice']],
    ['in:inbox -is:unread', ['invoice']],
    ['in:trash', ['trash']],
  ])('q=%s', async (q, expected) => {
    expect(idsOf(await list({ q }))).toEqual(expected.map((key) => ids[key]));
  });

  // https://support.google.com/mail/answer/7190 ("label:" with a nested user label, "/" written as "-")
  it('q=label: finds a nested user label by name and by its dashed form', async () => {
    const label = (
      await listClient.users.labels.create({ userId: 'me', requestBody: { name: 'Helpdesk/Status/Open' } })
    ).data;
    await listClient.users.messages.modify({
      userId: 'me',
      id: ids.invoice ?? '',
      requestBody: { addLabelIds: [label.id ?? ''] },
    });
    expect(idsOf(await list({ q: 'label:helpdesk-status-open' }))).toEqual([ids.invoice]);
    expect(idsOf(await list({ q: 'label:Helpdesk/Status/Open' }))).toEqual([ids.invoice]);
  });
});

describe('newer_than uses the stand-in clock', () => {
  // https://support.google.com/mail/answer/7190 ("newer_than: ... d (day), m (month), y (year)")
  it('q=newer_than:2d counts from the stand-in’s now', async () => {
    const own = await startTestStandin({ now: new Date('2024-05-10T00:00:00Z') });
    try {
      const add = async (date: string) =>
        (
          await own.client.users.messages.import({
            userId: 'me',
            requestBody: {
              raw: rawMessage({
                From: 'a@customer.example',
                Subject: date,
                Date: new Date(date).toUTCString(),
              }),
            },
          })
        ).data.id;
      const recent = await add('2024-05-09T00:00:00Z');
      await add('2024-05-01T00:00:00Z');
      const { data } = await own.client.users.messages.list({ userId: 'me', q: 'newer_than:2d' });
      expect((data.messages ?? []).map((m) => m.id)).toEqual([recent]);
    } finally {
      await own.standin.close();
    }
  });
});

describe('messages.modify, batchModify, trash, untrash, delete', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/modify
  it('modify adds and removes labels and returns the message', async () => {
    const message = await insert({ From: 'a@customer.example', Subject: 'modify me' }, ['INBOX', 'UNREAD']);
    const { data } = await client.users.messages.modify({
      userId: 'me',
      id: message.id ?? '',
      requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] },
    });
    expect(data.id).toBe(message.id);
    expect(data.labelIds).toEqual(['INBOX', 'STARRED']);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/modify (unknown label)
  it('modify answers 400 for an unknown label and 404 for an unknown message', async () => {
    const message = await insert({ From: 'a@customer.example', Subject: 'modify bad' });
    expect(
      (
        await apiError(
          client.users.messages.modify({
            userId: 'me',
            id: message.id ?? '',
            requestBody: { addLabelIds: ['Label_31337'] },
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await apiError(
          client.users.messages.modify({
            userId: 'me',
            id: 'ffffffffffffffff',
            requestBody: { addLabelIds: ['STARRED'] },
          }),
        )
      ).status,
    ).toBe(404);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/batchModify (empty response body)
  it('batchModify changes every listed message and answers 204', async () => {
    const a = await insert({ From: 'a@customer.example', Subject: 'batch a' }, ['INBOX', 'UNREAD']);
    const b = await insert({ From: 'b@customer.example', Subject: 'batch b' }, ['INBOX', 'UNREAD']);
    const response = await client.users.messages.batchModify({
      userId: 'me',
      requestBody: { ids: [a.id ?? '', b.id ?? ''], addLabelIds: ['IMPORTANT'], removeLabelIds: ['UNREAD'] },
    });
    expect(response.status).toBe(204);
    for (const id of [a.id, b.id]) {
      const got = (await client.users.messages.get({ userId: 'me', id: id ?? '', format: 'minimal' })).data;
      expect(got.labelIds).toEqual(['INBOX', 'IMPORTANT']);
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/batchModify ("ids: ... no more than 1000")
  it('batchModify refuses more than 1000 ids', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(16, '0'));
    const failure = await apiError(
      client.users.messages.batchModify({ userId: 'me', requestBody: { ids, addLabelIds: ['STARRED'] } }),
    );
    expect(failure.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/batchDelete (empty response body)
  it('batchDelete deletes every listed message and answers 204', async () => {
    const a = await insert({ From: 'a@customer.example', Subject: 'batch delete a' });
    const b = await insert({ From: 'b@customer.example', Subject: 'batch delete b' });
    const response = await client.users.messages.batchDelete({
      userId: 'me',
      requestBody: { ids: [a.id ?? '', b.id ?? ''] },
    });
    expect(response.status).toBe(204);
    for (const id of [a.id, b.id]) {
      expect((await apiError(client.users.messages.get({ userId: 'me', id: id ?? '' }))).status).toBe(404);
    }
  });

  // https://developers.google.com/gmail/api/guides/labels#system_labels ("cannot apply or remove the DRAFTS or SENT labels")
  it('modify refuses to add or remove SENT and DRAFT', async () => {
    const message = await insert({ From: 'a@customer.example', Subject: 'no sent' });
    for (const labelId of ['SENT', 'DRAFT']) {
      const failure = await apiError(
        client.users.messages.modify({
          userId: 'me',
          id: message.id ?? '',
          requestBody: { addLabelIds: [labelId] },
        }),
      );
      expect(failure.status).toBe(400);
    }
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/trash and /untrash
  // (trash leaves INBOX; untrash restores the labels held before, as noted in elie222/inbox-zero#3057)
  it('trash moves the message from INBOX to TRASH and hides it from list; untrash restores INBOX', async () => {
    const message = await insert({ From: 'a@customer.example', Subject: 'trash me' }, ['INBOX', 'STARRED']);
    const trashed = (await client.users.messages.trash({ userId: 'me', id: message.id ?? '' })).data;
    expect(trashed.labelIds).toContain('TRASH');
    expect(trashed.labelIds).not.toContain('INBOX');
    expect(trashed.labelIds).toContain('STARRED');
    const listed = (await client.users.messages.list({ userId: 'me', maxResults: 500 })).data.messages ?? [];
    expect(listed.map((m) => m.id)).not.toContain(message.id);
    const untrashed = (await client.users.messages.untrash({ userId: 'me', id: message.id ?? '' })).data;
    expect(untrashed.labelIds).not.toContain('TRASH');
    expect(untrashed.labelIds).toEqual(expect.arrayContaining(['INBOX', 'STARRED']));
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/untrash (a sent message does not land in INBOX)
  it('untrash does not put a message into INBOX that was not there', async () => {
    const sent = (
      await client.users.messages.send({
        userId: 'me',
        requestBody: { raw: rawMessage({ To: 'a@customer.example', Subject: 'sent, trashed' }) },
      })
    ).data;
    await client.users.messages.trash({ userId: 'me', id: sent.id ?? '' });
    const untrashed = (await client.users.messages.untrash({ userId: 'me', id: sent.id ?? '' })).data;
    expect(untrashed.labelIds).toEqual(['SENT']);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/delete ("Immediately and permanently deletes")
  it('delete removes the message for good', async () => {
    const message = await insert({ From: 'a@customer.example', Subject: 'delete me' });
    expect((await client.users.messages.delete({ userId: 'me', id: message.id ?? '' })).status).toBe(204);
    expect((await apiError(client.users.messages.get({ userId: 'me', id: message.id ?? '' }))).status).toBe(
      404,
    );
  });
});

describe('messages.send and threading', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send (returns the sent Message with SENT)
  it('send labels the message SENT and fills in From, Date and Message-ID', async () => {
    const { data } = await client.users.messages.send({
      userId: 'me',
      requestBody: { raw: rawMessage({ To: 'ann@customer.example', Subject: 'Hello from support' }) },
    });
    expect(data.labelIds).toEqual(['SENT']);
    const got = (await client.users.messages.get({ userId: 'me', id: data.id ?? '', format: 'metadata' }))
      .data;
    const names = (got.payload?.headers ?? []).map((h) => (h.name ?? '').toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['from', 'date', 'message-id']));
    expect(got.payload?.headers?.find((h) => h.name === 'From')?.value).toContain(me);
  });

  // https://developers.google.com/gmail/api/guides/threads#adding_drafts_and_messages_to_threads (threadId + References + Subject)
  it('send with threadId, References/In-Reply-To and the same Subject joins the thread', async () => {
    const first = await insert({
      From: 'ann@customer.example',
      Subject: 'Broken mug',
      'Message-ID': '<mug@customer.example>',
    });
    const { data } = await client.users.messages.send({
      userId: 'me',
      requestBody: {
        threadId: first.threadId ?? '',
        raw: rawMessage({
          To: 'ann@customer.example',
          Subject: 'Re: Broken mug',
          'In-Reply-To': '<mug@customer.example>',
          References: '<mug@customer.example>',
        }),
      },
    });
    expect(data.threadId).toBe(first.threadId);
    const thread = (
      await client.users.threads.get({ userId: 'me', id: first.threadId ?? '', format: 'minimal' })
    ).data;
    expect(thread.messages?.map((m) => m.id)).toEqual([first.id, data.id]);
  });

  // https://developers.google.com/gmail/api/guides/threads ("The Subject headers must match")
  it('send with threadId but a different Subject starts a new thread', async () => {
    const first = await insert({
      From: 'ann@customer.example',
      Subject: 'Lost parcel',
      'Message-ID': '<parcel@customer.example>',
    });
    const { data } = await client.users.messages.send({
      userId: 'me',
      requestBody: {
        threadId: first.threadId ?? '',
        raw: rawMessage({
          To: 'ann@customer.example',
          Subject: 'Something else',
          References: '<parcel@customer.example>',
        }),
      },
    });
    expect(data.threadId).not.toBe(first.threadId);
    expect(data.threadId).toBe(data.id);
  });

  // https://developers.google.com/gmail/api/guides/threads ("References and In-Reply-To headers must be set")
  it('send with threadId but no References or In-Reply-To starts a new thread', async () => {
    const first = await insert({
      From: 'ann@customer.example',
      Subject: 'Wrong size',
      'Message-ID': '<size@customer.example>',
    });
    const { data } = await client.users.messages.send({
      userId: 'me',
      requestBody: {
        threadId: first.threadId ?? '',
        raw: rawMessage({ To: 'ann@customer.example', Subject: 'Re: Wrong size' }),
      },
    });
    expect(data.threadId).not.toBe(first.threadId);
  });

  // https://developers.google.com/gmail/api/guides/threads (a customer's reply that references ours joins the thread)
  it('an inserted reply with References joins the thread without a threadId', async () => {
    const first = await insert({
      From: 'ann@customer.example',
      Subject: 'Colour fading',
      'Message-ID': '<fade@customer.example>',
    });
    const reply = await insert({
      From: 'ann@customer.example',
      Subject: 'RE: Colour fading',
      References: '<fade@customer.example>',
      'Message-ID': '<fade-2@customer.example>',
    });
    expect(reply.threadId).toBe(first.threadId);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send (threadId must exist)
  it('send with an unknown threadId answers 404', async () => {
    const failure = await apiError(
      client.users.messages.send({
        userId: 'me',
        requestBody: {
          threadId: 'abcdefabcdefabcd',
          raw: rawMessage({ To: 'a@customer.example', Subject: 'x' }),
        },
      }),
    );
    expect(failure.status).toBe(404);
  });
});
