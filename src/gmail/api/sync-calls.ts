/**
 * The Gmail calls sync makes, each with its documented quota units
 * (https://developers.google.com/gmail/api/reference/quota) and the smallest `fields=` that serves it.
 */
import { z } from 'zod';
import { historyListSchema } from '../../sync/history-apply';
import { labelSchema, labelsListSchema, profileSchema } from './schemas';
import type { BatchResult, GmailCall, Transport } from './transport';

const headerSchema = z.object({ name: z.string(), value: z.string() });

export const threadIdPageSchema = z.object({
  threads: z.array(z.object({ id: z.string() })).default([]),
  nextPageToken: z.string().optional(),
  resultSizeEstimate: z.number().int().optional(),
});

export const messageMetadataSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).default([]),
  internalDate: z.string().regex(/^\d+$/),
  payload: z.object({ headers: z.array(headerSchema).default([]) }).default({ headers: [] }),
});
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;

export const modifiedThreadSchema = z.object({
  id: z.string(),
  messages: z.array(z.object({ id: z.string(), labelIds: z.array(z.string()).default([]) })).optional(),
});

/** Headers the ticket rule and the ticket need from a thread's first message. */
export const TICKET_HEADERS = [
  'From',
  'Reply-To',
  'Subject',
  'Date',
  'Auto-Submitted',
  'X-Autoreply',
  'X-Autorespond',
  'Precedence',
  'List-Unsubscribe',
  'List-Id',
  'Return-Path',
  'Content-Type',
  'Content-Language',
  // Issue 6: Labeldesk's own automatic mail (acknowledgements, surveys) is marked, and replies thread by these.
  'X-Labeldesk-Auto',
  'Message-ID',
  'In-Reply-To',
  'References',
] as const;

export const messageIdPageSchema = z.object({
  messages: z.array(z.object({ id: z.string(), threadId: z.string().optional() })).default([]),
  nextPageToken: z.string().optional(),
});

export const messageBodySchema = z.object({
  id: z.string(),
  payload: z
    .object({
      mimeType: z.string().optional(),
      headers: z.array(headerSchema).default([]),
      body: z.object({ data: z.string().optional(), size: z.number().optional() }).optional(),
    })
    .optional(),
});
export type MessageBody = z.infer<typeof messageBodySchema>;

export const insertedMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).default([]),
});

export const threadLabelsSchema = z.object({
  id: z.string(),
  historyId: z.string().optional(),
  messages: z.array(z.object({ id: z.string(), labelIds: z.array(z.string()).default([]) })).default([]),
});

export const threadSummarySchema = z.object({
  id: z.string(),
  historyId: z.string().optional(),
  messages: z.array(messageMetadataSchema).default([]),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

const messageThreadSchema = z.object({ id: z.string(), threadId: z.string() });

export const messageHeadersSchema = z.object({
  id: z.string(),
  internalDate: z.string().regex(/^\d+$/).optional(),
  payload: z.object({ headers: z.array(headerSchema).default([]) }).default({ headers: [] }),
});

/**
 * The headers that tell a customer's message from a team reply, an auto-reply or a survey answer (the ticket
 * rule, the auto-mail check), and the first message's subject and requester: a ticket's timeline (issue 7).
 */
export const TIMELINE_HEADERS = [
  'From',
  'Reply-To',
  'Subject',
  'Auto-Submitted',
  'X-Autoreply',
  'X-Autorespond',
  'Precedence',
  'List-Unsubscribe',
  'List-Id',
  'Return-Path',
  'Content-Type',
  'X-Labeldesk-Auto',
] as const;

/** The headers an automatic reply reads from its thread (sendAutoReply's check). */
export const REPLY_HEADERS = [
  'From',
  'To',
  'Reply-To',
  'Subject',
  'Message-ID',
  'References',
  'X-Labeldesk-Auto',
] as const;

export interface MessagePart {
  partId?: string | undefined;
  mimeType?: string | undefined;
  filename?: string | undefined;
  headers: { name: string; value: string }[];
  body?:
    | { data?: string | undefined; size?: number | undefined; attachmentId?: string | undefined }
    | undefined;
  parts?: MessagePart[] | undefined;
}
export const messagePartSchema: z.ZodType<MessagePart> = z.lazy(() =>
  z.object({
    partId: z.string().optional(),
    mimeType: z.string().optional(),
    filename: z.string().optional(),
    headers: z.array(headerSchema).default([]),
    body: z
      .object({
        data: z.string().optional(),
        size: z.number().optional(),
        attachmentId: z.string().optional(),
      })
      .optional(),
    parts: z.array(messagePartSchema).optional(),
  }),
) as z.ZodType<MessagePart>;

export const fullMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).default([]),
  internalDate: z.string().regex(/^\d+$/),
  payload: messagePartSchema,
});
export type FullMessage = z.infer<typeof fullMessageSchema>;

export const UNITS = {
  labelsList: 1,
  labelsCreate: 5,
  getProfile: 1,
  threadsList: 10,
  threadsGet: 10,
  threadsModify: 10,
  messagesGet: 5,
  messagesList: 5,
  messagesInsert: 25,
  messagesTrash: 5,
  messagesSend: 100,
  messagesModify: 5,
  historyList: 2,
} as const;

export function createSyncCalls(transport: Transport) {
  const messageMetadataCall = (messageId: string): GmailCall<typeof messageMetadataSchema> => ({
    method: 'GET',
    path: `/messages/${encodeURIComponent(messageId)}`,
    query: {
      format: 'metadata',
      metadataHeaders: TICKET_HEADERS,
      fields: 'id,threadId,labelIds,internalDate,payload/headers',
    },
    schema: messageMetadataSchema,
    units: UNITS.messagesGet,
  });

  return {
    transport,
    getProfile: () =>
      transport.call({ method: 'GET', path: '/profile', schema: profileSchema, units: UNITS.getProfile }),
    listLabels: async () =>
      (
        await transport.call({
          method: 'GET',
          path: '/labels',
          schema: labelsListSchema,
          units: UNITS.labelsList,
        })
      ).labels,
    createLabel: (name: string, hidden: boolean) =>
      transport.call({
        method: 'POST',
        path: '/labels',
        body: hidden
          ? { name, labelListVisibility: 'labelHide', messageListVisibility: 'hide' }
          : { name, labelListVisibility: 'labelShow', messageListVisibility: 'show' },
        schema: labelSchema,
        units: UNITS.labelsCreate,
      }),
    /** One page of the threads carrying a label: ids only, 500 a page (the most Gmail allows). */
    listThreadIds: (labelId: string, pageToken?: string) =>
      transport.call({
        method: 'GET',
        path: '/threads',
        query: {
          labelIds: labelId,
          maxResults: 500,
          pageToken,
          fields: 'threads/id,nextPageToken,resultSizeEstimate',
        },
        schema: threadIdPageSchema,
        units: UNITS.threadsList,
      }),
    /**
     * The first message's metadata for each thread, batched. Gmail gives a thread the id of its first
     * message, so `messages.get(threadId)` (5 units) reads it for half the price of `threads.get` (10).
     */
    firstMessages: (threadIds: readonly string[]): Promise<BatchResult<MessageMetadata>[]> =>
      transport.batch(threadIds.map(messageMetadataCall)),
    messageMetadata: (messageIds: readonly string[]): Promise<BatchResult<MessageMetadata>[]> =>
      transport.batch(messageIds.map(messageMetadataCall)),
    /** Message ids under a label, 500 a page: how the shared records are found on a full sync. */
    listMessageIds: (labelId: string, pageToken?: string) =>
      transport.call({
        method: 'GET',
        path: '/messages',
        query: { labelIds: labelId, maxResults: 500, pageToken, fields: 'messages/id,nextPageToken' },
        schema: messageIdPageSchema,
        units: UNITS.messagesList,
      }),
    /** Single-part bodies (the shared records), decoded by Gmail from their transfer encoding. */
    messageBodies: (messageIds: readonly string[]): Promise<BatchResult<MessageBody>[]> =>
      transport.batch(
        messageIds.map((id) => ({
          method: 'GET' as const,
          path: `/messages/${encodeURIComponent(id)}`,
          query: { format: 'full', fields: 'id,payload(mimeType,headers,body/data)' },
          schema: messageBodySchema,
          units: UNITS.messagesGet,
        })),
      ),
    /**
     * Puts a message into the mailbox without sending it (users.messages.insert): the shared records.
     * `raw` goes as JSON, base64url, so no media upload host is involved.
     */
    insertMessage: (rawRfc822: string, labelIds: readonly string[]) =>
      transport.call({
        method: 'POST',
        path: '/messages',
        query: { internalDateSource: 'receivedTime', fields: 'id,threadId,labelIds' },
        body: { raw: base64Url(rawRfc822), labelIds },
        schema: insertedMessageSchema,
        units: UNITS.messagesInsert,
      }),
    /**
     * One thread's messages with their labels and ticket headers (10 units): the sidebar's one round trip for
     * a thread this browser has not stored yet.
     */
    threadSummary: (threadId: string) =>
      transport.call({
        method: 'GET',
        path: `/threads/${encodeURIComponent(threadId)}`,
        query: {
          format: 'metadata',
          metadataHeaders: TICKET_HEADERS,
          fields: 'id,historyId,messages(id,threadId,labelIds,internalDate,payload/headers)',
        },
        schema: threadSummarySchema,
        units: UNITS.threadsGet,
      }),
    /** The thread a message belongs to (the page showed a message id but no thread id). */
    messageThread: (messageId: string) =>
      transport.call({
        method: 'GET',
        path: `/messages/${encodeURIComponent(messageId)}`,
        query: { format: 'minimal', fields: 'id,threadId' },
        schema: messageThreadSchema,
        units: UNITS.messagesGet,
      }),
    /** Moves a message to the trash (gmail.modify allows it; deleting for good would need full access). */
    trashMessage: (messageId: string) =>
      transport.call({
        method: 'POST',
        path: `/messages/${encodeURIComponent(messageId)}/trash`,
        query: { fields: 'id' },
        schema: z.object({ id: z.string() }),
        units: UNITS.messagesTrash,
      }),
    /** Every message's labels of each thread (a damaged local copy is rebuilt from these). */
    threadLabels: (threadIds: readonly string[]) =>
      transport.batch(
        threadIds.map((id) => ({
          method: 'GET' as const,
          path: `/threads/${encodeURIComponent(id)}`,
          query: { format: 'minimal', fields: 'id,historyId,messages(id,labelIds)' },
          schema: threadLabelsSchema,
          units: UNITS.threadsGet,
        })),
      ),
    /**
     * Every message of each thread with the headers that classify it (threads.get format=metadata, 10 units
     * a thread), batched: the reports' timelines, read on demand only.
     */
    threadTimelines: (threadIds: readonly string[]): Promise<BatchResult<ThreadSummary>[]> =>
      transport.batch(
        threadIds.map((id) => ({
          method: 'GET' as const,
          path: `/threads/${encodeURIComponent(id)}`,
          query: {
            format: 'metadata',
            metadataHeaders: TIMELINE_HEADERS,
            fields: 'id,messages(id,threadId,labelIds,internalDate,payload/headers)',
          },
          schema: threadSummarySchema,
          units: UNITS.threadsGet,
        })),
      ),
    /** Message ids under a label that match a search, 500 a page (5 units): the runner lease's list. */
    searchMessageIds: (labelId: string, q: string, pageToken?: string) =>
      transport.call({
        method: 'GET',
        path: '/messages',
        query: { labelIds: labelId, q, maxResults: 500, pageToken, fields: 'messages/id,nextPageToken' },
        schema: messageIdPageSchema,
        units: UNITS.messagesList,
      }),
    /** A few named headers of each message (format=metadata, 5 units each), batched. */
    messageHeaders: (messageIds: readonly string[], names: readonly string[]) =>
      transport.batch(
        messageIds.map((id) => ({
          method: 'GET' as const,
          path: `/messages/${encodeURIComponent(id)}`,
          query: { format: 'metadata', metadataHeaders: names, fields: 'id,internalDate,payload/headers' },
          schema: messageHeadersSchema,
          units: UNITS.messagesGet,
        })),
      ),
    /**
     * A thread's messages with the headers an automatic reply needs to thread and to check that it was not
     * sent already (threads.get format=metadata, 10 units).
     */
    threadReplyHeaders: (threadId: string) =>
      transport.call({
        method: 'GET',
        path: `/threads/${encodeURIComponent(threadId)}`,
        query: {
          format: 'metadata',
          metadataHeaders: REPLY_HEADERS,
          fields: 'id,historyId,messages(id,threadId,labelIds,internalDate,payload/headers)',
        },
        schema: threadSummarySchema,
        units: UNITS.threadsGet,
      }),
    /** One message with its whole MIME tree (format=full, 5 units): a survey's quote, a survey answer. */
    fullMessage: (messageId: string) =>
      transport.call({
        method: 'GET',
        path: `/messages/${encodeURIComponent(messageId)}`,
        query: { format: 'full', fields: 'id,threadId,labelIds,internalDate,payload' },
        schema: fullMessageSchema,
        units: UNITS.messagesGet,
      }),
    /**
     * Sends a message (users.messages.send, 100 units). A reply stays in its thread when it names the
     * thread and carries In-Reply-To/References and the same Subject
     * (https://developers.google.com/gmail/api/guides/sending#sending_messages and …/guides/threads).
     */
    sendMessage: (rawRfc822: string, threadId?: string) =>
      transport.call({
        method: 'POST',
        path: '/messages/send',
        query: { fields: 'id,threadId,labelIds' },
        body: { raw: base64Url(rawRfc822), ...(threadId ? { threadId } : {}) },
        schema: insertedMessageSchema,
        units: UNITS.messagesSend,
      }),
    /** Changes one message's labels (messages.modify, 5 units): a survey answer inside a ticket's thread. */
    modifyMessage: (messageId: string, addLabelIds: readonly string[], removeLabelIds: readonly string[]) =>
      transport.call({
        method: 'POST',
        path: `/messages/${encodeURIComponent(messageId)}/modify`,
        query: { fields: 'id,threadId,labelIds' },
        body: { addLabelIds, removeLabelIds },
        schema: insertedMessageSchema,
        units: UNITS.messagesModify,
      }),
    listHistory: (startHistoryId: string, pageToken?: string) =>
      transport.call({
        method: 'GET',
        path: '/history',
        query: {
          startHistoryId,
          maxResults: 500,
          pageToken,
          historyTypes: ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'],
        },
        schema: historyListSchema,
        units: UNITS.historyList,
      }),
    modifyThreads: (
      changes: readonly { threadId: string; addLabelIds: string[]; removeLabelIds: string[] }[],
    ) =>
      transport.batch(
        changes.map((change) => ({
          method: 'POST' as const,
          path: `/threads/${encodeURIComponent(change.threadId)}/modify`,
          query: { fields: 'id,messages(id,labelIds)' },
          body: { addLabelIds: change.addLabelIds, removeLabelIds: change.removeLabelIds },
          schema: modifiedThreadSchema,
          units: UNITS.threadsModify,
        })),
      ),
  };
}

export type SyncCalls = ReturnType<typeof createSyncCalls>;

/** base64url of the UTF-8 bytes, as Gmail's `raw` field wants (RFC 4648 section 5). */
export function base64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(data: string): string {
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
