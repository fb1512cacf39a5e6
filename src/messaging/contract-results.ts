// zod/mini keeps the content script small; the schemas read the same. Tagged unions are plain z.union: the
// literal tag already tells the options apart, and z.discriminatedUnion would add its own code to the
// content script (about 0.5 kB gzipped) for nothing a handful of options needs.
import { z } from 'zod/mini';
import { settingsSchema } from '../core/settings';
import { teamConfigViewSchema } from '../core/team-config';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../core/ticket';
import { serializedErrorSchema } from './errors';

/**
 * The answers half of the contract (src/messaging/contract.ts composes it with the arguments): what every
 * method of the service worker returns, the views those answers are made of, and the store event the
 * worker pushes to Gmail tabs. The content script validates each answer against these schemas, so it
 * imports this module alone and never ships the arguments' schemas (the worker checks those); the worker
 * validates its own results against the same schemas through `labeldeskMethods`.
 */

export const threadIdSchema = z.string().check(z.regex(/^[0-9a-f]{1,16}$/i, 'a Gmail API thread id (hex)'));
const threadId = threadIdSchema;
export const epochMsSchema = z.int().check(z.nonnegative());
const epochMs = epochMsSchema;
export const agentNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export const ticketPrioritySchema = z.enum(TICKET_PRIORITIES);
export const ticketTagSchema = z.object({
  what: z.string().check(z.minLength(1), z.maxLength(200)),
  why: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
const count = z.int().check(z.nonnegative());

export const ticketDescriptionSchema = z.object({
  threadId,
  reference: z.string().check(z.regex(/^#[0-9A-Z]{6}$/)),
  subject: z.string(),
  messageCount: count,
});

export type TicketDescription = z.infer<typeof ticketDescriptionSchema>;

const requester = z.object({ email: z.string().check(z.maxLength(320)), name: z.optional(z.string()) });

// A row's fields, which a ticket view extends (a spread, not z.extend: that one is code the content script
// would ship for this alone).
const ticketRowShape = {
  threadId,
  reference: z.string(),
  subject: z.string(),
  requester: z.optional(requester),
  status: ticketStatusSchema,
  priority: z.optional(ticketPrioritySchema),
  assignee: z.optional(z.string()),
  group: z.optional(z.string()),
  tags: z.array(ticketTagSchema),
  createdAt: epochMs,
  slaDueAt: z.optional(epochMs),
  /** When the SLA clock is at risk, in the team's business hours (issue 6); absent on older rows. */
  slaAtRiskAt: z.optional(epochMs),
};

/** One row of a queue or a search: what a list shows, nothing more. */
export const ticketRowSchema = z.object(ticketRowShape);
export type TicketRow = z.infer<typeof ticketRowSchema>;

/** An On-hold ticket waits for someone else: who, and by when the customer was promised an update. */
export const holdSchema = z.object({
  waitingFor: z.optional(z.string().check(z.maxLength(500))),
  promisedBy: z.optional(epochMs),
});
export type TicketHold = z.infer<typeof holdSchema>;

/** A ticket as the sidebar shows it, read from this browser's store (which the service worker keeps in sync). */
export const ticketViewSchema = z.object({
  ...ticketRowShape,
  firstResponseAt: z.optional(epochMs),
  lastCustomerMessageAt: z.optional(epochMs),
  solvedAt: z.optional(epochMs),
  hold: z.optional(holdSchema),
  /** This browser has changes to the ticket that Gmail has not confirmed yet ("Saving…" vs "Saved"). */
  pendingSync: z.boolean(),
  /** False until subject and requester have been fetched (label state comes first). */
  hasMetadata: z.boolean(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

export const ticketLookupSchema = z.union([
  z.object({ kind: z.literal('ticket'), ticket: ticketViewSchema }),
  /** The thread exists but carries no status label: the sidebar offers "Make ticket". */
  z.object({ kind: z.literal('not-ticket'), threadId, subject: z.string(), messageCount: z.int() }),
]);
export type TicketLookup = z.infer<typeof ticketLookupSchema>;

export const noteViewSchema = z.object({
  id: z.string(),
  author: z.string(),
  body: z.string(),
  mentions: z.array(z.string()),
  createdAt: epochMs,
});
export type NoteView = z.infer<typeof noteViewSchema>;

export const activityViewSchema = z.object({
  id: z.string(),
  actor: z.string(),
  field: z.enum(['status', 'priority', 'assignee', 'group', 'tags', 'ticket', 'hold']),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  createdAt: epochMs,
});
export type ActivityView = z.infer<typeof activityViewSchema>;

/** Another agent with this ticket open ("viewing") or a reply started ("replying"), as of `at`. */
export const presenceViewSchema = z.object({
  agent: z.string(),
  threadId: z.nullable(threadId),
  state: z.enum(['viewing', 'replying']),
  at: epochMs,
});
export type PresenceView = z.infer<typeof presenceViewSchema>;

export const ticketContextSchema = z.object({
  notes: z.array(noteViewSchema),
  activity: z.array(activityViewSchema),
  /** The customer's history: earlier tickets of the same sender, then of the same company domain. */
  history: z.object({
    sameSender: z.array(ticketRowSchema),
    sameDomain: z.array(ticketRowSchema),
    /** CSAT answers for this customer (issue 6 records them); empty until then. */
    ratings: z.array(
      z.object({
        threadId,
        rating: z.enum(['good', 'okay', 'bad']),
        comment: z.optional(z.string()),
        at: epochMs,
      }),
    ),
  }),
  presence: z.array(presenceViewSchema),
});
export type TicketContext = z.infer<typeof ticketContextSchema>;

export const queueIdSchema = z.union([
  z.object({ kind: z.literal('unassigned') }),
  z.object({ kind: z.literal('mine'), agent: agentNameSchema }),
  z.object({ kind: z.literal('all-open') }),
  z.object({ kind: z.literal('pending') }),
  z.object({ kind: z.literal('on-hold') }),
  z.object({ kind: z.literal('overdue') }),
  z.object({ kind: z.literal('group'), group: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ kind: z.literal('tag'), tag: z.string().check(z.minLength(1), z.maxLength(400)) }),
]);
export type QueueIdArgs = z.infer<typeof queueIdSchema>;

export const teamViewSchema = z.object({
  mailbox: z.string(),
  /** The newest config record the service worker has read; null before anyone set the team up. */
  config: z.nullable(teamConfigViewSchema),
  /** Who this browser's agent is (the options page's "I am"); empty until chosen. */
  me: z.string(),
  /** Assignees, groups and tags the mailbox already has labels for (offered beside the team's set-up). */
  labels: z.optional(
    z.object({ assignees: z.array(z.string()), groups: z.array(z.string()), tags: z.array(z.string()) }),
  ),
});
export type TeamView = z.infer<typeof teamViewSchema>;

/**
 * Why the service worker's background sync of a mailbox fails, each with its own text in the sidebar: the
 * contract's error codes a poll ends with (a failed sign-in of any kind is 'auth-required', anything else
 * unforeseen 'internal'), and 'offline' (Gmail out of reach) and 'quota' (Gmail rate-limiting), which end by
 * themselves.
 */
export const SYNC_PROBLEMS = [
  'auth-required',
  'not-configured',
  'mailbox-mismatch',
  'storage-full',
  'gmail-api',
  'internal',
  'offline',
  'quota',
] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number];

/**
 * Pushed by the service worker to Gmail tabs (`chrome.tabs.sendMessage`) after a poll or a change: which
 * tickets changed (the sidebar re-reads those) and what a person should know. Never mail content.
 */
export const storeEventSchema = z.object({
  labeldesk: z.literal(1),
  event: z.literal('store-changed'),
  mailbox: z.string(),
  /** Changed tickets; `all` after a full sync or a config change. */
  threadIds: z.array(threadId),
  all: z.boolean(),
  notices: z.array(
    z.object({
      kind: z.enum([
        'change-overridden',
        'change-rejected',
        'label-conflict',
        'record-unreadable',
        'history-expired',
        /** A change held in the outbox (Gmail would not create its label): kept and sent once there is room. */
        'change-waiting',
      ]),
      threadId: z.optional(threadId),
      field: z.optional(z.string()),
      yours: z.optional(z.nullable(z.string())),
      theirs: z.optional(z.nullable(z.string())),
    }),
  ),
  /** Background sync's health, sent when it changes: a problem, or null once it works again. */
  sync: z.optional(z.nullable(z.enum(SYNC_PROBLEMS))),
});
export type StoreEvent = z.infer<typeof storeEventSchema>;

const ticketAnswer = z.object({ ticket: ticketViewSchema });
const empty = z.object({});

/** The result schema of every method, by method name; contract.ts pairs each with its arguments and callers. */
export const labeldeskResults = {
  'ticket.describe': ticketDescriptionSchema,
  'auth.signIn': z.object({ emailAddress: z.string() }),
  'settings.get': settingsSchema,
  'settings.set': settingsSchema,
  'sync.now': z.object({
    tickets: count,
    fullSync: z.boolean(),
    metadataFetched: count,
    sent: count,
    remainingOutbox: count,
  }),
  'ticket.get': ticketLookupSchema,
  'ticket.context': ticketContextSchema,
  'ticket.update': ticketAnswer,
  'tickets.bulkUpdate': z.object({ updated: z.array(threadId), notTickets: z.array(threadId) }),
  'ticket.make': ticketAnswer,
  'ticket.hold': ticketAnswer,
  'note.add': noteViewSchema,
  'thread.ofMessage': z.object({ threadId }),
  'team.get': teamViewSchema,
  'team.set': teamViewSchema,
  'team.mailboxes': z.object({ mailboxes: z.array(z.string()) }),
  'queue.counts': z.object({
    queues: z.array(z.object({ queue: queueIdSchema, count })),
    /** False until this browser's first full sync has finished: zero counts then mean "not known yet". */
    synced: z.optional(z.boolean()),
  }),
  /** One page of a queue, sorted by priority then SLA due. */
  'queue.read': z.object({ rows: z.array(ticketRowSchema), total: count }),
  'queue.search': z.object({ rows: z.array(ticketRowSchema) }),
  'presence.set': z.object({ others: z.array(presenceViewSchema) }),
  'options.open': empty,
  'replyTools.load': empty,
} as const;

export type LabeldeskResults = typeof labeldeskResults;

/** The envelope of every answer on the wire: the method's result, or a typed error. */
export const responseSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: serializedErrorSchema }),
]);

export type Response = z.infer<typeof responseSchema>;
