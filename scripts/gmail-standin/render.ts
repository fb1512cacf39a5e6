/**
 * Gmail's JSON resources from the mailbox: Message in its four formats, Thread, Label.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages#Message
 */
import type { Label } from './labels';
import type { Mailbox, StoredMessage } from './mailbox';
import type { ParsedPart } from './mime';

export type MessageFormat = 'minimal' | 'full' | 'raw' | 'metadata';

export interface MessagePartJson {
  partId: string;
  mimeType: string;
  filename: string;
  headers: { name: string; value: string }[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: MessagePartJson[];
}

/** An attachment id names its message and part, so attachments.get can find the bytes again. */
export function attachmentIdFor(messageId: string, partId: string): string {
  return `ANGjdJ_${Buffer.from(`${messageId}:${partId}`).toString('base64url')}`;
}

export function parseAttachmentId(attachmentId: string): { messageId: string; partId: string } | undefined {
  if (!attachmentId.startsWith('ANGjdJ_')) return undefined;
  const decoded = Buffer.from(attachmentId.slice(7), 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { messageId: decoded.slice(0, colon), partId: decoded.slice(colon + 1) };
}

function partJson(messageId: string, part: ParsedPart): MessagePartJson {
  const json: MessagePartJson = {
    partId: part.partId,
    mimeType: part.mimeType,
    filename: part.filename,
    headers: part.headers,
    body: { size: part.body.length },
  };
  if (part.parts.length || part.mimeType.startsWith('multipart/')) {
    json.body = { size: 0 };
    json.parts = part.parts.map((child) => partJson(messageId, child));
  } else if (part.isAttachment) {
    json.body = { attachmentId: attachmentIdFor(messageId, part.partId), size: part.body.length };
  } else if (part.body.length) {
    json.body.data = part.body.toString('base64url');
  }
  return json;
}

export function findPart(part: ParsedPart, partId: string): ParsedPart | undefined {
  if (part.partId === partId) return part;
  for (const child of part.parts) {
    const found = findPart(child, partId);
    if (found) return found;
  }
  return undefined;
}

export async function renderMessage(
  mailbox: Mailbox,
  message: StoredMessage,
  format: MessageFormat,
  metadataHeaders: string[] = [],
): Promise<Record<string, unknown>> {
  const json: Record<string, unknown> = {
    id: message.id,
    threadId: message.threadId,
    ...(message.labelIds.length ? { labelIds: [...message.labelIds] } : {}),
    snippet: message.snippet,
  };
  if (format === 'full') {
    const parsed = await mailbox.parsedOf(message);
    json.payload = partJson(message.id, parsed.root);
  } else if (format === 'metadata') {
    // Gmail answers metadata with only mimeType and headers in payload (an empty list left out), as a
    // recorded Gmail batch answer shows (PunitDh/Gmail-API, utils.js).
    const parsed = await mailbox.parsedOf(message);
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    const headers = wanted.length
      ? parsed.root.headers.filter((h) => wanted.includes(h.name.toLowerCase()))
      : parsed.root.headers;
    json.payload = { mimeType: parsed.root.mimeType, ...(headers.length ? { headers } : {}) };
  }
  const raw = await mailbox.rawOf(message);
  json.sizeEstimate = raw.length;
  if (format === 'raw') json.raw = raw.toString('base64url');
  json.historyId = message.historyId.toString();
  json.internalDate = message.internalDate.toString();
  return json;
}

/** A thread's historyId is the newest of its messages' (bigint, so no Math.max). */
function newestHistoryId(messages: StoredMessage[]): bigint {
  let newest = 0n;
  for (const message of messages) if (message.historyId > newest) newest = message.historyId;
  return newest;
}

export async function renderThread(
  mailbox: Mailbox,
  threadId: string,
  format: MessageFormat,
  metadataHeaders: string[] = [],
): Promise<Record<string, unknown>> {
  const messages = mailbox.threadMessages(threadId);
  const historyId = newestHistoryId(messages);
  return {
    id: threadId,
    historyId: historyId.toString(),
    messages: await Promise.all(messages.map((m) => renderMessage(mailbox, m, format, metadataHeaders))),
  };
}

/** A thread in threads.list: id, snippet of its newest message, historyId. */
export function threadSummary(
  mailbox: Mailbox,
  threadId: string,
): { id: string; snippet: string; historyId: string } {
  const messages = mailbox.threadMessages(threadId);
  const newest = messages.at(-1);
  const historyId = newestHistoryId(messages);
  return { id: threadId, snippet: newest?.snippet ?? '', historyId: historyId.toString() };
}

export function renderLabel(mailbox: Mailbox, label: Label, withCounts: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = { id: label.id, name: label.name };
  if (label.messageListVisibility) json.messageListVisibility = label.messageListVisibility;
  if (label.labelListVisibility) json.labelListVisibility = label.labelListVisibility;
  json.type = label.type;
  if (withCounts) Object.assign(json, mailbox.labelCounts(label.id));
  if (label.color) json.color = { ...label.color };
  return json;
}
