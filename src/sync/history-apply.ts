/**
 * Folds `users.history.list` records into per-thread changes
 * (https://developers.google.com/gmail/api/reference/rest/v1/users.history/list).
 *
 * Gmail reports label changes per message, with each message's labels after the change. Helpdesk labels
 * are applied to whole threads (`threads.modify`), so a thread's label set is the union over its
 * messages; the fold applies adds and removes in history order to the thread's last known set.
 */
import { z } from 'zod';

const historyMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).optional(),
});

const historyRecordSchema = z.object({
  id: z.string().regex(/^\d+$/),
  messages: z.array(historyMessageSchema).optional(),
  messagesAdded: z.array(z.object({ message: historyMessageSchema })).optional(),
  messagesDeleted: z.array(z.object({ message: historyMessageSchema })).optional(),
  labelsAdded: z.array(z.object({ message: historyMessageSchema, labelIds: z.array(z.string()) })).optional(),
  labelsRemoved: z
    .array(z.object({ message: historyMessageSchema, labelIds: z.array(z.string()) }))
    .optional(),
});

export const historyListSchema = z.object({
  history: z.array(historyRecordSchema).optional(),
  nextPageToken: z.string().optional(),
  historyId: z.string().regex(/^\d+$/),
});
export type HistoryRecord = z.infer<typeof historyRecordSchema>;
export type HistoryPage = z.infer<typeof historyListSchema>;

export interface ThreadChange {
  threadId: string;
  /** The thread's label ids after the changes, starting from what the store knew. */
  labelIds: Set<string>;
  /** For each label added in this window, the history id of its last addition: repair evidence. */
  addedAt: Map<string, string>;
  /** New messages, in history order: a customer's may reopen the ticket; the team's is a response. */
  messagesAdded: { id: string; labelIds: string[] }[];
  messagesDeleted: string[];
  /** The history id of the last record that touched the thread. */
  lastHistoryId: string;
}

/**
 * @param known the label ids the store holds for a thread, or undefined for a thread it has never seen
 *   (its full label set is then fetched; the fold still records what changed).
 */
export function foldHistory(
  records: readonly HistoryRecord[],
  known: (threadId: string) => ReadonlySet<string> | undefined,
): Map<string, ThreadChange> {
  const changes = new Map<string, ThreadChange>();
  const touch = (threadId: string, historyId: string): ThreadChange => {
    let change = changes.get(threadId);
    if (!change) {
      change = {
        threadId,
        labelIds: new Set(known(threadId) ?? []),
        addedAt: new Map(),
        messagesAdded: [],
        messagesDeleted: [],
        lastHistoryId: historyId,
      };
      changes.set(threadId, change);
    }
    change.lastHistoryId = historyId;
    return change;
  };
  // Gmail returns records in ascending id order; sort anyway, numerically, so a merged page order is safe.
  const ordered = [...records].sort((a, b) =>
    BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0,
  );
  for (const record of ordered) {
    for (const { message } of record.messagesAdded ?? []) {
      const change = touch(message.threadId, record.id);
      change.messagesAdded.push({ id: message.id, labelIds: message.labelIds ?? [] });
      for (const label of message.labelIds ?? []) change.labelIds.add(label);
    }
    for (const { message } of record.messagesDeleted ?? []) {
      touch(message.threadId, record.id).messagesDeleted.push(message.id);
    }
    for (const { message, labelIds } of record.labelsAdded ?? []) {
      const change = touch(message.threadId, record.id);
      for (const label of labelIds) {
        change.labelIds.add(label);
        change.addedAt.set(label, record.id);
      }
    }
    for (const { message, labelIds } of record.labelsRemoved ?? []) {
      const change = touch(message.threadId, record.id);
      for (const label of labelIds) change.labelIds.delete(label);
    }
  }
  return changes;
}
