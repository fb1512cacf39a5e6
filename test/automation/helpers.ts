/** Mail in and out of the stand-in for the automation tests, through the official Gmail client. */
import type { gmail_v1 } from '@googleapis/gmail';
import { messageText } from '../../src/sync/automation/rules';
import { rawMessage } from '../conformance/standin-harness';
import { MAILBOX } from './harness';

export async function deliver(
  client: gmail_v1.Gmail,
  headers: Record<string, string>,
  body = 'Hello from the test.',
  options: { threadId?: string } = {},
): Promise<{ id: string; threadId: string; messageId: string }> {
  const messageId = headers['Message-ID'] ?? `<${crypto.randomUUID()}@mail.example>`;
  const inserted = await client.users.messages.insert({
    userId: 'me',
    internalDateSource: 'receivedTime',
    requestBody: {
      raw: rawMessage({ To: MAILBOX, ...headers, 'Message-ID': messageId }, body),
      labelIds: ['INBOX', 'UNREAD'],
      ...(options.threadId ? { threadId: options.threadId } : {}),
    },
  });
  return { id: inserted.data.id as string, threadId: inserted.data.threadId as string, messageId };
}

export interface AutoMail {
  id: string;
  threadId: string;
  kind: string;
  to: string;
  auto: string;
  subject: string;
  inReplyTo?: string;
}

/** Every SENT message carrying X-Labeldesk-Auto (optionally of one kind). */
export async function autoMails(client: gmail_v1.Gmail, kind?: string): Promise<AutoMail[]> {
  const ids: { id: string; threadId: string }[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.users.messages.list({
      userId: 'me',
      labelIds: ['SENT'],
      maxResults: 500,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const m of page.data.messages ?? [])
      ids.push({ id: m.id as string, threadId: m.threadId as string });
    pageToken = page.data.nextPageToken ?? undefined;
  } while (pageToken);
  const out: AutoMail[] = [];
  for (let i = 0; i < ids.length; i += 8) {
    const chunk = await Promise.all(
      ids.slice(i, i + 8).map(async ({ id, threadId }) => {
        const message = await client.users.messages.get({
          userId: 'me',
          id,
          format: 'metadata',
          metadataHeaders: ['X-Labeldesk-Auto', 'To', 'Subject', 'In-Reply-To'],
        });
        const headers = message.data.payload?.headers ?? [];
        const get = (name: string) =>
          headers.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value;
        const auto = get('X-Labeldesk-Auto');
        if (!auto) return null;
        const mail: AutoMail = {
          id,
          threadId,
          kind: auto.split(';')[0]?.trim() ?? '',
          to: get('To') ?? '',
          auto,
          subject: get('Subject') ?? '',
        };
        const inReplyTo = get('In-Reply-To');
        if (inReplyTo) mail.inReplyTo = inReplyTo;
        return mail;
      }),
    );
    for (const mail of chunk) if (mail && (kind === undefined || mail.kind === kind)) out.push(mail);
  }
  return out;
}

/** A message's plain text as the customer would read it. */
export async function bodyOf(client: gmail_v1.Gmail, id: string): Promise<string> {
  const message = await client.users.messages.get({ userId: 'me', id, format: 'full' });
  return messageText(message.data.payload as Parameters<typeof messageText>[0]).body;
}

export async function labelNamesOf(client: gmail_v1.Gmail, threadId: string): Promise<string[]> {
  const labels = (await client.users.labels.list({ userId: 'me' })).data.labels ?? [];
  const thread = await client.users.threads.get({ userId: 'me', id: threadId, format: 'minimal' });
  const ids = new Set((thread.data.messages ?? []).flatMap((m) => m.labelIds ?? []));
  return [...ids].map((id) => labels.find((l) => l.id === id)?.name ?? id).sort();
}
