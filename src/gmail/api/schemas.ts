import { z } from 'zod';

/** https://developers.google.com/gmail/api/reference/rest/v1/users/getProfile */
export const profileSchema = z.object({
  emailAddress: z.string(),
  messagesTotal: z.number().int().optional(),
  threadsTotal: z.number().int().optional(),
  historyId: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

const headerSchema = z.object({ name: z.string(), value: z.string() });

/**
 * https://developers.google.com/gmail/api/reference/rest/v1/users.threads/get with `format=metadata` and
 * the `fields` we ask for (THREAD_METADATA_FIELDS): only what the ticket needs, so the answer stays small.
 */
export const threadMetadataSchema = z.object({
  id: z.string(),
  historyId: z.string().optional(),
  messages: z
    .array(
      z.object({
        id: z.string(),
        threadId: z.string().optional(),
        labelIds: z.array(z.string()).optional(),
        internalDate: z.string().optional(),
        payload: z.object({ headers: z.array(headerSchema).optional() }).optional(),
      }),
    )
    .default([]),
});
export type ThreadMetadata = z.infer<typeof threadMetadataSchema>;

export const THREAD_METADATA_FIELDS =
  'id,historyId,messages(id,threadId,labelIds,internalDate,payload/headers)';

/** https://developers.google.com/gmail/api/reference/rest/v1/users.labels#Label */
export const labelSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['system', 'user']).optional(),
  messageListVisibility: z.enum(['show', 'hide']).optional(),
  labelListVisibility: z.enum(['labelShow', 'labelShowIfUnread', 'labelHide']).optional(),
  color: z.object({ textColor: z.string(), backgroundColor: z.string() }).optional(),
});
export type Label = z.infer<typeof labelSchema>;

export const labelsListSchema = z.object({ labels: z.array(labelSchema).default([]) });

/** The thread's subject as Gmail shows it: the first message's Subject header. */
export function threadSubject(thread: ThreadMetadata): string {
  const headers = thread.messages[0]?.payload?.headers ?? [];
  return headers.find((header) => header.name.toLowerCase() === 'subject')?.value ?? '';
}
