/**
 * Gmail REST API v1 routes: https://developers.google.com/gmail/api/reference/rest
 * Each route carries its method id from Google's discovery document, which is also its quota key.
 */
import { z } from 'zod';
import { ApiError, badRequest, invalidArgument, notFound } from './errors';
import { labelInputSchema } from './labels';
import type { HistoryType, InsertMode, Mailbox, StoredMessage } from './mailbox';
import { splitMultipart } from './multipart';
import {
  findPart,
  type MessageFormat,
  parseAttachmentId,
  renderLabel,
  renderMessage,
  renderThread,
  threadSummary,
} from './render';

export interface RouteContext {
  mailbox: Mailbox;
  params: string[];
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
  isUpload: boolean;
}

export interface Route {
  method: string;
  pattern: RegExp;
  methodId: string;
  /** Resolves to the JSON body, or undefined for `204 No Content`. */
  handle(context: RouteContext): Promise<unknown>;
}

const USER = '([^/]+)';
const ID = '([^/]+)';

function path(rest: string, upload = false): RegExp {
  return new RegExp(`^${upload ? '(?:/upload)?' : ''}/gmail/v1/users/${USER}${rest}$`);
}

// ---- request bodies ----

function jsonBody<T>(context: RouteContext, schema: z.ZodType<T>): T {
  let value: unknown = {};
  const text = context.body.toString('utf8').trim();
  if (text) {
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('Invalid JSON payload received.');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw invalidArgument(`Invalid JSON payload received. ${parsed.error.issues[0]?.message ?? ''}`.trim());
  }
  return parsed.data;
}

const messageInputSchema = z.object({
  raw: z.string().optional(),
  threadId: z.string().optional(),
  labelIds: z.array(z.string()).optional(),
});
type MessageInput = z.infer<typeof messageInputSchema>;

const draftInputSchema = z.object({ id: z.string().optional(), message: messageInputSchema.optional() });

const modifySchema = z.object({
  addLabelIds: z.array(z.string()).optional(),
  removeLabelIds: z.array(z.string()).optional(),
});

const batchModifySchema = modifySchema.extend({ ids: z.array(z.string()).optional() });

function decodeRaw(raw: string | undefined): Buffer {
  if (!raw)
    throw invalidArgument(
      "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
    );
  if (!/^[A-Za-z0-9+/_\-=\s]*$/.test(raw)) throw invalidArgument('Invalid value for ByteString');
  return Buffer.from(raw.replace(/\s/g, ''), 'base64url');
}

/**
 * A message body arrives as JSON `raw`, or on `/upload/...` as `uploadType=media` (the bytes) or
 * `uploadType=multipart` (JSON metadata, then the message).
 * https://developers.google.com/gmail/api/guides/uploads
 */
async function messageBody(
  context: RouteContext,
  wrap: 'message' | 'draft',
): Promise<{ raw: Buffer; metadata: MessageInput; draftId?: string }> {
  if (context.isUpload) {
    const uploadType = context.query.get('uploadType');
    if (uploadType === 'media') return { raw: context.body, metadata: {} };
    if (uploadType === 'multipart') {
      const [metaPart, messagePart] = await splitMultipart(context.contentType, context.body);
      if (!metaPart || !messagePart) throw badRequest('Multipart upload needs metadata and media parts');
      const meta = { ...context, body: metaPart.body };
      if (wrap === 'draft') {
        const draft = jsonBody(meta, draftInputSchema);
        return {
          raw: messagePart.body,
          metadata: draft.message ?? {},
          ...(draft.id ? { draftId: draft.id } : {}),
        };
      }
      return { raw: messagePart.body, metadata: jsonBody(meta, messageInputSchema) };
    }
    throw badRequest('Invalid uploadType');
  }
  if (wrap === 'draft') {
    const draft = jsonBody(context, draftInputSchema);
    return {
      raw: decodeRaw(draft.message?.raw),
      metadata: draft.message ?? {},
      ...(draft.id ? { draftId: draft.id } : {}),
    };
  }
  const input = jsonBody(context, messageInputSchema);
  return { raw: decodeRaw(input.raw), metadata: input };
}

// ---- query parameters ----

function maxResults(query: URLSearchParams, fallback = 100): number {
  const value = query.get('maxResults');
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw invalidArgument(`Invalid value for maxResults: ${value}`);
  return Math.min(n === 0 ? fallback : n, 500);
}

function booleanParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}

/** Page tokens are opaque to clients; ours hold the offset as digits, as Gmail's tokens look. */
function pageOffset(query: URLSearchParams): number {
  const token = query.get('pageToken');
  if (!token) return 0;
  if (!/^\d{20}$/.test(token)) throw invalidArgument('Invalid pageToken');
  return Number(token);
}

function pageToken(offset: number): string {
  return String(offset).padStart(20, '0');
}

function format(query: URLSearchParams, allowed: MessageFormat[]): MessageFormat {
  const value = (query.get('format') ?? 'full').toLowerCase();
  if (!allowed.includes(value as MessageFormat)) throw invalidArgument(`Invalid value for format: ${value}`);
  return value as MessageFormat;
}

function listOptions(query: URLSearchParams) {
  return {
    labelIds: query
      .getAll('labelIds')
      .flatMap((v) => v.split(','))
      .filter(Boolean),
    q: query.get('q') ?? undefined,
    includeSpamTrash: booleanParam(query, 'includeSpamTrash'),
  };
}

/** Google's JSON leaves out an empty repeated field, so a message with no labels has no `labelIds`. */
const summary = (m: StoredMessage) => ({
  id: m.id,
  threadId: m.threadId,
  ...(m.labelIds.length ? { labelIds: [...m.labelIds] } : {}),
});

function page<T>(items: T[], query: URLSearchParams): { items: T[]; next?: string } {
  const offset = pageOffset(query);
  const size = maxResults(query);
  const slice = items.slice(offset, offset + size);
  return offset + size < items.length ? { items: slice, next: pageToken(offset + size) } : { items: slice };
}

async function addMessage(context: RouteContext, mode: InsertMode): Promise<unknown> {
  const { raw, metadata } = await messageBody(context, 'message');
  const source = context.query.get('internalDateSource');
  if (source !== null && source !== 'receivedTime' && source !== 'dateHeader') {
    throw invalidArgument(`Invalid value for internalDateSource: ${source}`);
  }
  const message = await context.mailbox.addRawMessage({
    raw,
    mode,
    ...(metadata.labelIds && mode !== 'send' ? { labelIds: metadata.labelIds } : {}),
    ...(metadata.threadId ? { threadId: metadata.threadId } : {}),
    ...(source ? { internalDateSource: source } : {}),
  });
  return summary(message);
}

const HISTORY_TYPES: HistoryType[] = ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'];

// ---- the routes ----

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: path('/profile'),
    methodId: 'gmail.users.getProfile',
    handle: async ({ mailbox }) => mailbox.profile(),
  },

  // labels: https://developers.google.com/gmail/api/reference/rest/v1/users.labels
  {
    method: 'GET',
    pattern: path('/labels'),
    methodId: 'gmail.users.labels.list',
    handle: async ({ mailbox }) => ({
      labels: [...mailbox.labels.values()].map((label) => renderLabel(mailbox, label, false)),
    }),
  },
  {
    method: 'POST',
    pattern: path('/labels'),
    methodId: 'gmail.users.labels.create',
    handle: async (context) =>
      renderLabel(context.mailbox, context.mailbox.createLabel(jsonBody(context, labelInputSchema)), false),
  },
  {
    method: 'GET',
    pattern: path(`/labels/${ID}`),
    methodId: 'gmail.users.labels.get',
    handle: async ({ mailbox, params }) => renderLabel(mailbox, mailbox.getLabel(params[1] ?? ''), true),
  },
  {
    method: 'PATCH',
    pattern: path(`/labels/${ID}`),
    methodId: 'gmail.users.labels.patch',
    handle: async (context) =>
      renderLabel(
        context.mailbox,
        context.mailbox.changeLabel(context.params[1] ?? '', jsonBody(context, labelInputSchema), 'patch'),
        false,
      ),
  },
  {
    method: 'PUT',
    pattern: path(`/labels/${ID}`),
    methodId: 'gmail.users.labels.update',
    handle: async (context) =>
      renderLabel(
        context.mailbox,
        context.mailbox.changeLabel(context.params[1] ?? '', jsonBody(context, labelInputSchema), 'update'),
        false,
      ),
  },
  {
    method: 'DELETE',
    pattern: path(`/labels/${ID}`),
    methodId: 'gmail.users.labels.delete',
    handle: async ({ mailbox, params }) => {
      mailbox.deleteLabel(params[1] ?? '');
      return undefined;
    },
  },

  // messages: https://developers.google.com/gmail/api/reference/rest/v1/users.messages
  {
    method: 'GET',
    pattern: path('/messages'),
    methodId: 'gmail.users.messages.list',
    handle: async ({ mailbox, query }) => {
      const all = mailbox.listMessages(listOptions(query));
      const { items, next } = page(all, query);
      return {
        ...(items.length ? { messages: items.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
        ...(next ? { nextPageToken: next } : {}),
        resultSizeEstimate: all.length,
      };
    },
  },
  {
    method: 'POST',
    pattern: path('/messages/import', true),
    methodId: 'gmail.users.messages.import',
    handle: (context) => addMessage(context, 'import'),
  },
  {
    method: 'POST',
    pattern: path('/messages/send', true),
    methodId: 'gmail.users.messages.send',
    handle: (context) => addMessage(context, 'send'),
  },
  {
    method: 'POST',
    pattern: path('/messages/batchModify'),
    methodId: 'gmail.users.messages.batchModify',
    handle: async (context) => {
      const body = jsonBody(context, batchModifySchema);
      context.mailbox.batchModify(body.ids ?? [], body.addLabelIds ?? [], body.removeLabelIds ?? []);
      return undefined;
    },
  },
  {
    method: 'POST',
    pattern: path('/messages/batchDelete'),
    methodId: 'gmail.users.messages.batchDelete',
    handle: async (context) => {
      const body = jsonBody(context, z.object({ ids: z.array(z.string()).optional() }));
      const ids = body.ids ?? [];
      if (ids.length > 1000) throw invalidArgument('Too many ids: at most 1000 may be deleted in one call');
      for (const id of ids) if (context.mailbox.messages.has(id)) context.mailbox.deleteMessage(id);
      return undefined;
    },
  },
  {
    method: 'POST',
    pattern: path('/messages', true),
    methodId: 'gmail.users.messages.insert',
    handle: (context) => addMessage(context, 'insert'),
  },
  {
    method: 'GET',
    pattern: path(`/messages/${ID}/attachments/${ID}`),
    methodId: 'gmail.users.messages.attachments.get',
    handle: async ({ mailbox, params }) => {
      const message = mailbox.getMessage(params[1] ?? '');
      const ref = parseAttachmentId(params[2] ?? '');
      if (!ref || ref.messageId !== message.id) throw invalidArgument('Invalid attachment token');
      const part = findPart((await mailbox.parsedOf(message)).root, ref.partId);
      if (!part) throw notFound();
      return { attachmentId: params[2], size: part.body.length, data: part.body.toString('base64url') };
    },
  },
  {
    method: 'GET',
    pattern: path(`/messages/${ID}`),
    methodId: 'gmail.users.messages.get',
    handle: async ({ mailbox, params, query }) =>
      renderMessage(
        mailbox,
        mailbox.getMessage(params[1] ?? ''),
        format(query, ['minimal', 'full', 'raw', 'metadata']),
        query.getAll('metadataHeaders').flatMap((v) => v.split(',')),
      ),
  },
  {
    method: 'DELETE',
    pattern: path(`/messages/${ID}`),
    methodId: 'gmail.users.messages.delete',
    handle: async ({ mailbox, params }) => {
      mailbox.deleteMessage(params[1] ?? '');
      return undefined;
    },
  },
  {
    method: 'POST',
    pattern: path(`/messages/${ID}/modify`),
    methodId: 'gmail.users.messages.modify',
    handle: async (context) => {
      const body = jsonBody(context, modifySchema);
      const message = context.mailbox.modifyMessage(
        context.params[1] ?? '',
        body.addLabelIds ?? [],
        body.removeLabelIds ?? [],
      );
      return summary(message);
    },
  },
  {
    method: 'POST',
    pattern: path(`/messages/${ID}/trash`),
    methodId: 'gmail.users.messages.trash',
    handle: async ({ mailbox, params }) => summary(mailbox.trashMessage(params[1] ?? '')),
  },
  {
    method: 'POST',
    pattern: path(`/messages/${ID}/untrash`),
    methodId: 'gmail.users.messages.untrash',
    handle: async ({ mailbox, params }) => summary(mailbox.untrashMessage(params[1] ?? '')),
  },

  // threads: https://developers.google.com/gmail/api/reference/rest/v1/users.threads
  {
    method: 'GET',
    pattern: path('/threads'),
    methodId: 'gmail.users.threads.list',
    handle: async ({ mailbox, query }) => {
      const all = mailbox.listThreads(listOptions(query));
      const { items, next } = page(all, query);
      return {
        ...(items.length ? { threads: items.map((id) => threadSummary(mailbox, id)) } : {}),
        ...(next ? { nextPageToken: next } : {}),
        resultSizeEstimate: all.length,
      };
    },
  },
  {
    method: 'GET',
    pattern: path(`/threads/${ID}`),
    methodId: 'gmail.users.threads.get',
    handle: async ({ mailbox, params, query }) =>
      renderThread(
        mailbox,
        params[1] ?? '',
        format(query, ['minimal', 'full', 'metadata']),
        query.getAll('metadataHeaders').flatMap((v) => v.split(',')),
      ),
  },
  {
    method: 'POST',
    pattern: path(`/threads/${ID}/modify`),
    methodId: 'gmail.users.threads.modify',
    handle: async (context) => {
      const body = jsonBody(context, modifySchema);
      const threadId = context.params[1] ?? '';
      const messages = context.mailbox.modifyThread(
        threadId,
        body.addLabelIds ?? [],
        body.removeLabelIds ?? [],
      );
      return { id: threadId, messages: messages.map(summary) };
    },
  },
  {
    method: 'POST',
    pattern: path(`/threads/${ID}/trash`),
    methodId: 'gmail.users.threads.trash',
    handle: async ({ mailbox, params }) => {
      const threadId = params[1] ?? '';
      const messages = mailbox.threadMessages(threadId).map((m) => mailbox.trashMessage(m.id));
      return { id: threadId, messages: messages.map(summary) };
    },
  },
  {
    method: 'POST',
    pattern: path(`/threads/${ID}/untrash`),
    methodId: 'gmail.users.threads.untrash',
    handle: async ({ mailbox, params }) => {
      const threadId = params[1] ?? '';
      const messages = mailbox.threadMessages(threadId).map((m) => mailbox.untrashMessage(m.id));
      return { id: threadId, messages: messages.map(summary) };
    },
  },
  {
    method: 'DELETE',
    pattern: path(`/threads/${ID}`),
    methodId: 'gmail.users.threads.delete',
    handle: async ({ mailbox, params }) => {
      for (const message of mailbox.threadMessages(params[1] ?? '')) mailbox.deleteMessage(message.id);
      return undefined;
    },
  },

  // drafts: https://developers.google.com/gmail/api/reference/rest/v1/users.drafts
  {
    method: 'GET',
    pattern: path('/drafts'),
    methodId: 'gmail.users.drafts.list',
    handle: async ({ mailbox, query }) => {
      const matching = new Set(
        mailbox.listMessages({ ...listOptions(query), labelIds: ['DRAFT'] }).map((m) => m.id),
      );
      const all = [...mailbox.drafts.entries()]
        .filter(([, messageId]) => matching.has(messageId))
        .map(([id, messageId]) => ({ id, message: mailbox.getMessage(messageId) }))
        .sort((a, b) => b.message.internalDate - a.message.internalDate);
      const { items, next } = page(all, query);
      return {
        ...(items.length
          ? {
              drafts: items.map((d) => ({
                id: d.id,
                message: { id: d.message.id, threadId: d.message.threadId },
              })),
            }
          : {}),
        ...(next ? { nextPageToken: next } : {}),
        resultSizeEstimate: all.length,
      };
    },
  },
  {
    method: 'POST',
    pattern: path('/drafts/send', true),
    methodId: 'gmail.users.drafts.send',
    handle: async (context) => {
      let draftId: string | undefined;
      let replacement: Buffer | undefined;
      if (context.isUpload) {
        const body = await messageBody(context, 'draft');
        draftId = body.draftId;
        replacement = body.raw;
      } else {
        const body = jsonBody(context, draftInputSchema);
        draftId = body.id;
        if (body.message?.raw) replacement = decodeRaw(body.message.raw);
      }
      if (!draftId) throw invalidArgument('Invalid draft');
      return summary(await context.mailbox.sendDraft(draftId, replacement));
    },
  },
  {
    method: 'POST',
    pattern: path('/drafts', true),
    methodId: 'gmail.users.drafts.create',
    handle: async (context) => {
      const { raw, metadata } = await messageBody(context, 'draft');
      const { draftId, message } = await context.mailbox.createDraft(raw, metadata.threadId);
      return { id: draftId, message: summary(message) };
    },
  },
  {
    method: 'GET',
    pattern: path(`/drafts/${ID}`),
    methodId: 'gmail.users.drafts.get',
    handle: async ({ mailbox, params, query }) => {
      const message = mailbox.draftMessage(params[1] ?? '');
      return {
        id: params[1],
        message: await renderMessage(mailbox, message, format(query, ['minimal', 'full', 'raw', 'metadata'])),
      };
    },
  },
  {
    method: 'PUT',
    pattern: path(`/drafts/${ID}`, true),
    methodId: 'gmail.users.drafts.update',
    handle: async (context) => {
      const draftId = context.params[1] ?? '';
      const { raw, metadata } = await messageBody(context, 'draft');
      const message = await context.mailbox.updateDraft(draftId, raw, metadata.threadId);
      return { id: draftId, message: summary(message) };
    },
  },
  {
    method: 'DELETE',
    pattern: path(`/drafts/${ID}`),
    methodId: 'gmail.users.drafts.delete',
    handle: async ({ mailbox, params }) => {
      mailbox.deleteDraft(params[1] ?? '');
      return undefined;
    },
  },

  // history: https://developers.google.com/gmail/api/reference/rest/v1/users.history/list
  {
    method: 'GET',
    pattern: path('/history'),
    methodId: 'gmail.users.history.list',
    handle: async ({ mailbox, query }) => {
      const startText = query.get('startHistoryId');
      // Gmail's wording for both cases (googleapis/google-api-nodejs-client#978).
      if (!startText || !/^\d{1,20}$/.test(startText) || BigInt(startText) > 0xffffffffffffffffn) {
        throw invalidArgument('Missing/invalid parameter: startHistoryId');
      }
      const types = query.getAll('historyTypes').flatMap((v) => v.split(','));
      for (const type of types) {
        if (!HISTORY_TYPES.includes(type as HistoryType))
          throw invalidArgument(`Invalid value for historyTypes: ${type}`);
      }
      const token = query.get('pageToken');
      if (token !== null && !/^\d{1,20}$/.test(token)) throw invalidArgument('Invalid pageToken');
      const start = BigInt(startText);
      const records = mailbox.historySince(start, {
        types: types as HistoryType[],
        ...(query.get('labelId') ? { labelId: query.get('labelId') ?? '' } : {}),
      });
      const after = token === null ? records : records.filter((r) => BigInt(r.id) > BigInt(token));
      const size = maxResults(query);
      const items = after.slice(0, size);
      const last = items.at(-1);
      return {
        ...(items.length ? { history: items } : {}),
        ...(after.length > size && last ? { nextPageToken: last.id } : {}),
        historyId: mailbox.historyId().toString(),
      };
    },
  },
];

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest('Invalid URL path encoding');
  }
}

export function matchRoute(method: string, pathname: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (match) return { route, params: match.slice(1).map(decodePathSegment) };
  }
  return undefined;
}

/** Whether any route serves this path, so a wrong method answers 405 rather than 404. */
export function pathKnown(pathname: string): boolean {
  return ROUTES.some((route) => route.pattern.test(pathname));
}

export { ApiError };
