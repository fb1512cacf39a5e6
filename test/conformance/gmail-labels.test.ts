/** users.labels through the official client: https://developers.google.com/gmail/api/reference/rest/v1/users.labels */
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;

beforeAll(async () => {
  ({ standin, client } = await startTestStandin());
});
afterAll(() => standin.close());

describe('labels.list', () => {
  // https://developers.google.com/gmail/api/guides/labels#system_labels
  it('lists the system labels with type "system"', async () => {
    const { data } = await client.users.labels.list({ userId: 'me' });
    const ids = (data.labels ?? []).map((l) => l.id);
    for (const id of [
      'INBOX',
      'SENT',
      'DRAFT',
      'SPAM',
      'TRASH',
      'UNREAD',
      'STARRED',
      'IMPORTANT',
      'CATEGORY_UPDATES',
    ]) {
      expect(ids).toContain(id);
    }
    for (const label of data.labels ?? []) expect(label.type).toBe('system');
  });
});

describe('labels.create', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/create
  it('creates a user label with type "user" and an id', async () => {
    const { data } = await client.users.labels.create({
      userId: 'me',
      requestBody: { name: 'Helpdesk/Status/Open' },
    });
    expect(data.id).toMatch(/^Label_\d+$/);
    expect(data.name).toBe('Helpdesk/Status/Open');
    expect(data.type).toBe('user');
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/list ("Lists all labels in the user's mailbox")
  it('lists a created user label with type "user"', async () => {
    const created = (
      await client.users.labels.create({ userId: 'me', requestBody: { name: 'Helpdesk/Group/Billing' } })
    ).data;
    const { data } = await client.users.labels.list({ userId: 'me' });
    expect(data.labels).toContainEqual(
      expect.objectContaining({ id: created.id, name: 'Helpdesk/Group/Billing', type: 'user' }),
    );
  });

  // https://developers.google.com/gmail/api/guides/labels ("nested labels ... separated by /")
  it('accepts nested names several levels deep', async () => {
    const { data } = await client.users.labels.create({
      userId: 'me',
      requestBody: { name: 'Helpdesk/Tag/Refund/Damaged' },
    });
    expect(data.name).toBe('Helpdesk/Tag/Refund/Damaged');
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/create: 409 "Label name exists or conflicts"
  it('answers 409 to a duplicate name, ignoring case', async () => {
    await client.users.labels.create({ userId: 'me', requestBody: { name: 'Helpdesk/Priority/High' } });
    const failure = await apiError(
      client.users.labels.create({ userId: 'me', requestBody: { name: 'helpdesk/priority/HIGH' } }),
    );
    expect(failure.status).toBe(409);
    expect(failure.body.error.message).toBe('Label name exists or conflicts');
    // The reason Gmail gives, as logged in https://github.com/gauteh/lieer/issues/207
    expect(failure.body.error.errors[0]?.reason).toBe('aborted');
  });

  // https://developers.google.com/gmail/api/guides/labels#system_labels: system label names are reserved
  it.each(['INBOX', 'Inbox', 'SPAM', 'Trash', 'Sent', 'Drafts', 'CATEGORY_SOCIAL'])(
    'refuses the reserved name %s',
    async (name) => {
      const failure = await apiError(client.users.labels.create({ userId: 'me', requestBody: { name } }));
      expect(failure.status).toBe(400);
      expect(failure.body.error.status).toBe('INVALID_ARGUMENT');
    },
  );

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels#Label ("name: The display name")
  it.each(['', '   ', 'a//b', '/leading', 'trailing/'])('refuses the invalid name %j', async (name) => {
    const failure = await apiError(client.users.labels.create({ userId: 'me', requestBody: { name } }));
    expect(failure.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels#color (palette of allowed values)
  it('accepts colours from Gmail’s palette', async () => {
    const { data } = await client.users.labels.create({
      userId: 'me',
      requestBody: {
        name: 'Helpdesk/Priority/Urgent',
        color: { textColor: '#ffffff', backgroundColor: '#cc3a21' },
      },
    });
    expect(data.color).toEqual({ textColor: '#ffffff', backgroundColor: '#cc3a21' });
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels#color ("can only be one of the following")
  it('refuses a colour outside the palette', async () => {
    const failure = await apiError(
      client.users.labels.create({
        userId: 'me',
        requestBody: { name: 'Off palette', color: { textColor: '#ffffff', backgroundColor: '#123456' } },
      }),
    );
    expect(failure.status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels#MessageListVisibility and #LabelListVisibility
  it('keeps messageListVisibility and labelListVisibility', async () => {
    const { data } = await client.users.labels.create({
      userId: 'me',
      requestBody: {
        name: 'Helpdesk/.records',
        messageListVisibility: 'hide',
        labelListVisibility: 'labelHide',
      },
    });
    expect(data.messageListVisibility).toBe('hide');
    expect(data.labelListVisibility).toBe('labelHide');
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels#LabelListVisibility (enum values only)
  it('refuses an unknown visibility value', async () => {
    const failure = await apiError(
      client.users.labels.create({
        userId: 'me',
        requestBody: { name: 'Bad visibility', labelListVisibility: 'sometimes' },
      }),
    );
    expect(failure.status).toBe(400);
  });
});

describe('labels.get, patch, update, delete', () => {
  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels#Label (messagesTotal ... threadsUnread)
  it('get returns the counts of messages and threads', async () => {
    const label = (await client.users.labels.create({ userId: 'me', requestBody: { name: 'Counted' } })).data;
    await client.users.messages.insert({
      userId: 'me',
      requestBody: {
        raw: rawMessage({ From: 'c@customer.example', Subject: 'Count' }),
        labelIds: [label.id ?? '', 'UNREAD'],
      },
    });
    const { data } = await client.users.labels.get({ userId: 'me', id: label.id ?? '' });
    expect(data.messagesTotal).toBe(1);
    expect(data.messagesUnread).toBe(1);
    expect(data.threadsTotal).toBe(1);
    expect(data.threadsUnread).toBe(1);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/get
  it('get answers 404 for an unknown id', async () => {
    const failure = await apiError(client.users.labels.get({ userId: 'me', id: 'Label_999999' }));
    expect(failure.status).toBe(404);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/patch
  it('patch renames and keeps the fields it was not given', async () => {
    const label = (
      await client.users.labels.create({
        userId: 'me',
        requestBody: { name: 'Helpdesk/Status/Pendng', labelListVisibility: 'labelShowIfUnread' },
      })
    ).data;
    const { data } = await client.users.labels.patch({
      userId: 'me',
      id: label.id ?? '',
      requestBody: { name: 'Helpdesk/Status/Pending' },
    });
    expect(data.name).toBe('Helpdesk/Status/Pending');
    expect(data.labelListVisibility).toBe('labelShowIfUnread');
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/update (replaces the label)
  it('update replaces the resource', async () => {
    const label = (
      await client.users.labels.create({
        userId: 'me',
        requestBody: { name: 'To update', labelListVisibility: 'labelShowIfUnread' },
      })
    ).data;
    const { data } = await client.users.labels.update({
      userId: 'me',
      id: label.id ?? '',
      requestBody: { id: label.id ?? '', name: 'Updated' },
    });
    expect(data.name).toBe('Updated');
    expect(data.labelListVisibility).toBeUndefined();
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/patch: renaming onto another name conflicts
  it('patch answers 409 when the new name is taken', async () => {
    await client.users.labels.create({ userId: 'me', requestBody: { name: 'Taken' } });
    const other = (await client.users.labels.create({ userId: 'me', requestBody: { name: 'Free' } })).data;
    const failure = await apiError(
      client.users.labels.patch({ userId: 'me', id: other.id ?? '', requestBody: { name: 'TAKEN' } }),
    );
    expect(failure.status).toBe(409);
  });

  // https://developers.google.com/gmail/api/guides/labels#system_labels ("cannot ... modify system labels")
  it('refuses to change or delete a system label', async () => {
    expect(
      (await apiError(client.users.labels.patch({ userId: 'me', id: 'INBOX', requestBody: { name: 'X' } })))
        .status,
    ).toBe(400);
    expect((await apiError(client.users.labels.delete({ userId: 'me', id: 'INBOX' }))).status).toBe(400);
  });

  // https://developers.google.com/gmail/api/reference/rest/v1/users.labels/delete ("removes the label from all messages")
  it('delete answers 204, removes the label from its messages, and a second delete is 404', async () => {
    const label = (await client.users.labels.create({ userId: 'me', requestBody: { name: 'Short lived' } }))
      .data;
    const inserted = (
      await client.users.messages.insert({
        userId: 'me',
        requestBody: {
          raw: rawMessage({ From: 'd@customer.example', Subject: 'Labelled' }),
          labelIds: [label.id ?? ''],
        },
      })
    ).data;
    const response = await client.users.labels.delete({ userId: 'me', id: label.id ?? '' });
    expect(response.status).toBe(204);
    const message = (
      await client.users.messages.get({ userId: 'me', id: inserted.id ?? '', format: 'minimal' })
    ).data;
    expect(message.labelIds ?? []).not.toContain(label.id);
    expect((await apiError(client.users.labels.delete({ userId: 'me', id: label.id ?? '' }))).status).toBe(
      404,
    );
  });
});
