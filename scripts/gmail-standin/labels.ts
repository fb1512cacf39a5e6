/**
 * Gmail's label rules. https://developers.google.com/gmail/api/reference/rest/v1/users.labels
 * and https://developers.google.com/gmail/api/guides/labels
 */
import { z } from 'zod';
import { ApiError, invalidArgument } from './errors';

export type MessageListVisibility = 'show' | 'hide';
export type LabelListVisibility = 'labelShow' | 'labelShowIfUnread' | 'labelHide';

export interface LabelColor {
  textColor: string;
  backgroundColor: string;
}

export interface Label {
  id: string;
  name: string;
  type: 'system' | 'user';
  messageListVisibility?: MessageListVisibility;
  labelListVisibility?: LabelListVisibility;
  color?: LabelColor;
}

/** System labels as labels.list returns them for a personal account. */
export const SYSTEM_LABELS: readonly Label[] = [
  {
    id: 'CHAT',
    name: 'CHAT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
  },
  { id: 'SENT', name: 'SENT', type: 'system' },
  { id: 'INBOX', name: 'INBOX', type: 'system' },
  {
    id: 'IMPORTANT',
    name: 'IMPORTANT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
  },
  {
    id: 'TRASH',
    name: 'TRASH',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
  },
  {
    id: 'DRAFT',
    name: 'DRAFT',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
  },
  {
    id: 'SPAM',
    name: 'SPAM',
    type: 'system',
    messageListVisibility: 'hide',
    labelListVisibility: 'labelHide',
  },
  { id: 'CATEGORY_FORUMS', name: 'CATEGORY_FORUMS', type: 'system' },
  { id: 'CATEGORY_UPDATES', name: 'CATEGORY_UPDATES', type: 'system' },
  { id: 'CATEGORY_PERSONAL', name: 'CATEGORY_PERSONAL', type: 'system' },
  { id: 'CATEGORY_PROMOTIONS', name: 'CATEGORY_PROMOTIONS', type: 'system' },
  { id: 'CATEGORY_SOCIAL', name: 'CATEGORY_SOCIAL', type: 'system' },
  { id: 'STARRED', name: 'STARRED', type: 'system' },
  { id: 'UNREAD', name: 'UNREAD', type: 'system' },
];

/** Names Gmail refuses for user labels: the system labels and the names its UI shows for them. */
const RESERVED_NAMES = new Set(
  [
    ...SYSTEM_LABELS.map((l) => l.name),
    'Inbox',
    'Sent',
    'Sent Mail',
    'Drafts',
    'Draft',
    'Spam',
    'Trash',
    'Bin',
    'Starred',
    'Important',
    'Unread',
    'Chat',
    'Chats',
    'All Mail',
    'Muted',
    'Snoozed',
    'Scheduled',
    'Outbox',
  ].map((n) => n.toLowerCase()),
);

/** The palette Gmail accepts for `color.textColor` and `color.backgroundColor` (users.labels reference). */
export const LABEL_COLOR_PALETTE: ReadonlySet<string> = new Set(
  (
    '#000000 #434343 #666666 #999999 #cccccc #efefef #f3f3f3 #ffffff #fb4c2f #ffad47 #fad165 #16a766 #43d692 ' +
    '#4a86e8 #a479e2 #f691b3 #f6c5be #ffe6c7 #fef1d1 #b9e4d0 #c6f3de #c9daf8 #e4d7f5 #fcdee8 #efa093 #ffd6a2 ' +
    '#fce8b3 #89d3b2 #a0eac9 #a4c2f4 #d0bcf1 #fbc8d9 #e66550 #ffbc6b #fcda83 #44b984 #68dfa9 #6d9eeb #b694e8 ' +
    '#f7a7c0 #cc3a21 #eaa041 #f2c960 #149e60 #3dc789 #3c78d8 #8e63ce #e07798 #ac2b16 #cf8933 #d5ae49 #0b804b ' +
    '#2a9c68 #285bac #653e9b #b65775 #822111 #a46a21 #aa8831 #076239 #1a764d #1c4587 #41236d #83334c #464646 ' +
    '#e7e7e7 #0d3472 #b6cff5 #0d3b44 #98d7e4 #3d188e #e3d7ff #711a36 #fbd3e0 #8a1c0a #f2b2a8 #7a2e0b #ffc8af ' +
    '#7a4706 #ffdeb5 #594c05 #fbe983 #684e07 #fdedc1 #0b4f30 #b3efd3 #04502e #a2dcc1 #c2c2c2 #4986e7 #2da2bb ' +
    '#b99aff #994a64 #f691b2 #ff7537 #ffad46 #662e37 #ebdbde #cca6ac #094228 #42d692 #16a765'
  ).split(' '),
);

/** The writable part of a label resource, as create/patch/update accept it. */
export const labelInputSchema = z.object({
  name: z.string().optional(),
  messageListVisibility: z.enum(['show', 'hide']).optional(),
  labelListVisibility: z.enum(['labelShow', 'labelShowIfUnread', 'labelHide']).optional(),
  color: z
    .object({ textColor: z.string().optional(), backgroundColor: z.string().optional() })
    .optional()
    .nullable(),
});
export type LabelInput = z.infer<typeof labelInputSchema>;

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name.toLowerCase()) || /^CATEGORY_/i.test(name);
}

/** Trims and checks a user label name; nested names use `/` with no empty level. */
export function validLabelName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (!trimmed) throw invalidArgument('Invalid label name');
  if (trimmed.length > 225) throw invalidArgument('Invalid label name');
  if (trimmed.split('/').some((level) => level.trim() === '')) throw invalidArgument('Invalid label name');
  if (isReservedName(trimmed)) throw invalidArgument('Invalid label name');
  return trimmed;
}

export function validLabelColor(color: LabelInput['color']): LabelColor | undefined {
  if (!color) return undefined;
  const text = color.textColor?.toLowerCase();
  const background = color.backgroundColor?.toLowerCase();
  if (!text || !background || !LABEL_COLOR_PALETTE.has(text) || !LABEL_COLOR_PALETTE.has(background)) {
    throw new ApiError(400, `Label color ${color.backgroundColor ?? ''} is not on the allowed color palette`);
  }
  return { textColor: text, backgroundColor: background };
}

export function labelNamesEqual(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
