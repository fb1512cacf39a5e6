// zod/mini keeps the content script small; the schemas read the same.
import { z } from 'zod/mini';
import { settingsSchema } from '../core/settings';
import { teamConfigSchema } from '../core/team-config';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../core/ticket';
import { serializedErrorSchema } from './errors';

/**
 * The one contract between the content script, the service worker and the extension's pages: every
 * method the service worker offers, its arguments and its result as zod schemas, and which contexts may
 * call it. Both ends validate against these schemas.
 */

/** Who is calling: a content script in a Gmail tab, or one of the extension's own pages. */
export type CallerKind = 'gmail-tab' | 'extension-page';

const threadId = z.string().check(z.regex(/^[0-9a-f]{1,16}$/i, 'a Gmail API thread id (hex)'));
const mailbox = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email());

interface MethodSpec<A extends z.ZodMiniType, R extends z.ZodMiniType> {
  args: A;
  result: R;
  callers: readonly CallerKind[];
}

function method<A extends z.ZodMiniType, R extends z.ZodMiniType>(spec: MethodSpec<A, R>): MethodSpec<A, R> {
  return spec;
}

export const ticketDescriptionSchema = z.object({
  threadId,
  reference: z.string().check(z.regex(/^#[0-9A-Z]{6}$/)),
  subject: z.string(),
  messageCount: z.int().check(z.nonnegative()),
});

export type TicketDescription = z.infer<typeof ticketDescriptionSchema>;

const epochMs = z.int().check(z.nonnegative());
const agentName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const status = z.enum(TICKET_STATUSES);
const priority = z.enum(TICKET_PRIORITIES);
const tag = z.object({
  what: z.string().check(z.minLength(1), z.maxLength(200)),
  why: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
const requester = z.object({ email: z.string().check(z.maxLength(320)), name: z.optional(z.string()) });

/** One row of a queue or a search: what a list shows, nothing more. */
export const ticketRowSchema = z.object({
  threadId,
  reference: z.string(),
  subject: z.string(),
  requester: z.optional(requester),
  status,
  priority: z.optional(priority),
  assignee: z.optional(z.string()),
  group: z.optional(z.string()),
  tags: z.array(tag),
  createdAt: epochMs,
  slaDueAt: z.optional(epochMs),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

/** An On-hold ticket waits for someone else: who, and by when the customer was promised an update. */
export const holdSchema = z.object({
  waitingFor: z.optional(z.string().check(z.maxLength(500))),
  promisedBy: z.optional(epochMs),
});
export type TicketHold = z.infer<typeof holdSchema>;

/** A ticket as the sidebar shows it, read from this browser's store (which the service worker keeps in sync). */
export const ticketViewSchema = z.extend(ticketRowSchema, {
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

export const ticketLookupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticket'), ticket: ticketViewSchema }),
  /** The thread exists but carries no status label: the sidebar offers "Make ticket". */
  z.object({ kind: z.literal('not-ticket'), threadId, subject: z.string(), messageCount: z.int() }),
]);
export type TicketLookup = z.infer<typeof ticketLookupSchema>;

/** The fields an agent changed: `null` clears a field; tags are added and removed one by one. */
export const ticketPatchSchema = z.object({
  status: z.optional(status),
  priority: z.optional(z.nullable(priority)),
  assignee: z.optional(z.nullable(agentName)),
  group: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(200)))),
  addTags: z.optional(z.array(tag).check(z.maxLength(100))),
  removeTags: z.optional(z.array(tag).check(z.maxLength(100))),
});
export type TicketPatchArgs = z.infer<typeof ticketPatchSchema>;

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

export const queueIdSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unassigned') }),
  z.object({ kind: z.literal('mine'), agent: agentName }),
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
  config: z.nullable(teamConfigSchema),
  /** Who this browser's agent is (the options page's "I am"); empty until chosen. */
  me: z.string(),
  /** Assignees, groups and tags the mailbox already has labels for (offered beside the team's set-up). */
  labels: z.optional(
    z.object({ assignees: z.array(z.string()), groups: z.array(z.string()), tags: z.array(z.string()) }),
  ),
});
export type TeamView = z.infer<typeof teamViewSchema>;

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
      ]),
      threadId: z.optional(threadId),
      field: z.optional(z.string()),
      yours: z.optional(z.nullable(z.string())),
      theirs: z.optional(z.nullable(z.string())),
    }),
  ),
});
export type StoreEvent = z.infer<typeof storeEventSchema>;

export const labeldeskMethods = {
  /** The ticket behind a Gmail thread, read through the Gmail API with the mailbox's token. */
  'ticket.describe': method({
    args: z.object({ threadId, mailbox }),
    result: ticketDescriptionSchema,
    callers: ['gmail-tab'],
  }),
  /** Interactive sign-in for the mailbox open in the tab (the agent clicked "Sign in"). */
  'auth.signIn': method({
    args: z.object({ mailbox }),
    result: z.object({ emailAddress: z.string() }),
    callers: ['gmail-tab', 'extension-page'],
  }),
  'settings.get': method({
    args: z.object({}),
    result: settingsSchema,
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Only the options page writes settings; a Gmail tab never does. */
  'settings.set': method({
    args: settingsSchema,
    result: settingsSchema,
    callers: ['extension-page'],
  }),
  /**
   * Sync the mailbox now: the Gmail tab gained focus or the agent acted. The worker also remembers the
   * mailbox so its alarm keeps polling it.
   */
  'sync.now': method({
    args: z.object({ mailbox }),
    result: z.object({
      tickets: z.int().check(z.nonnegative()),
      fullSync: z.boolean(),
      metadataFetched: z.int().check(z.nonnegative()),
      sent: z.int().check(z.nonnegative()),
      remainingOutbox: z.int().check(z.nonnegative()),
    }),
    callers: ['gmail-tab'],
  }),
  /** The ticket as this browser's store has it; one API round trip when the thread is not stored yet. */
  'ticket.get': method({
    args: z.object({ mailbox, threadId }),
    result: ticketLookupSchema,
    callers: ['gmail-tab'],
  }),
  /** Notes, activity, the customer's history and who else has the ticket open. */
  'ticket.context': method({
    args: z.object({ mailbox, threadId }),
    result: ticketContextSchema,
    callers: ['gmail-tab'],
  }),
  /** An agent's change: shown at once (optimistic), carried to Gmail by the outbox, logged as activity. */
  'ticket.update': method({
    args: z.object({ mailbox, threadId, patch: ticketPatchSchema }),
    result: z.object({ ticket: ticketViewSchema }),
    callers: ['gmail-tab'],
  }),
  /** The same change on many tickets (multi-select in Gmail's thread list). */
  'tickets.bulkUpdate': method({
    args: z.object({
      mailbox,
      threadIds: z.array(threadId).check(z.minLength(1), z.maxLength(500)),
      patch: ticketPatchSchema,
    }),
    result: z.object({ updated: z.array(threadId), notTickets: z.array(threadId) }),
    callers: ['gmail-tab'],
  }),
  /** "Make ticket" on a thread that is not one: it becomes a New ticket. */
  'ticket.make': method({
    args: z.object({ mailbox, threadId }),
    result: z.object({ ticket: ticketViewSchema }),
    callers: ['gmail-tab'],
  }),
  /** "Waiting for" and "promised by" of an On-hold ticket, shared as a record; null clears a field. */
  'ticket.hold': method({
    args: z.object({
      mailbox,
      threadId,
      waitingFor: z.nullable(z.string().check(z.trim(), z.maxLength(500))),
      promisedBy: z.nullable(epochMs),
    }),
    result: z.object({ ticket: ticketViewSchema }),
    callers: ['gmail-tab'],
  }),
  /** An internal note, shared through the mailbox; @mentions of the team's agents are recognised. */
  'note.add': method({
    args: z.object({
      mailbox,
      threadId,
      body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
    }),
    result: noteViewSchema,
    callers: ['gmail-tab'],
  }),
  /** The thread behind a message id (the last way to find a thread when the page shows no thread id). */
  'thread.ofMessage': method({
    args: z.object({ mailbox, messageId: threadId }),
    result: z.object({ threadId }),
    callers: ['gmail-tab'],
  }),
  'team.get': method({
    args: z.object({ mailbox }),
    result: teamViewSchema,
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Only the options page publishes a team config (a new config record in the mailbox). */
  'team.set': method({
    args: z.object({ mailbox, config: teamConfigSchema }),
    result: teamViewSchema,
    callers: ['extension-page'],
  }),
  /** Mailboxes a Gmail tab has shown in this browser: the options page sets each one up. */
  'team.mailboxes': method({
    args: z.object({}),
    result: z.object({ mailboxes: z.array(z.string()) }),
    callers: ['extension-page'],
  }),
  /** Every queue the sidebar lists, with its count ("mine" for this browser's agent, groups and tags of the team). */
  'queue.counts': method({
    args: z.object({ mailbox }),
    result: z.object({
      queues: z.array(z.object({ queue: queueIdSchema, count: z.int().check(z.nonnegative()) })),
      /** False until this browser's first full sync has finished: zero counts then mean "not known yet". */
      synced: z.optional(z.boolean()),
    }),
    callers: ['gmail-tab'],
  }),
  /** One page of a queue, sorted by priority then SLA due. */
  'queue.read': method({
    args: z.object({
      mailbox,
      queue: queueIdSchema,
      offset: z._default(z.int().check(z.nonnegative()), 0),
      limit: z._default(z.int().check(z.positive(), z.maximum(500)), 50),
    }),
    result: z.object({ rows: z.array(ticketRowSchema), total: z.int().check(z.nonnegative()) }),
    callers: ['gmail-tab'],
  }),
  /** Tickets whose subject, requester or reference contain the text. */
  'queue.search': method({
    args: z.object({
      mailbox,
      text: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      limit: z._default(z.int().check(z.positive(), z.maximum(200)), 50),
    }),
    result: z.object({ rows: z.array(ticketRowSchema) }),
    callers: ['gmail-tab'],
  }),
  /**
   * This agent has the thread open (or a reply started, or left it: threadId null). Shared through the
   * mailbox so other agents see it within one poll; answers with the others on the same thread.
   */
  'presence.set': method({
    args: z.object({ mailbox, threadId: z.nullable(threadId), state: z.enum(['viewing', 'replying']) }),
    result: z.object({ others: z.array(presenceViewSchema) }),
    callers: ['gmail-tab'],
  }),
  /** Content scripts cannot open the options page themselves. */
  'options.open': method({
    args: z.object({}),
    result: z.object({}),
    callers: ['gmail-tab'],
  }),
} as const;

export type LabeldeskMethods = typeof labeldeskMethods;
export type MethodName = keyof LabeldeskMethods;
/** What a caller passes. */
export type MethodArgs<M extends MethodName> = z.input<LabeldeskMethods[M]['args']>;
/** What a handler receives once the arguments are parsed (trimmed, lower-cased, defaults filled). */
export type ParsedArgs<M extends MethodName> = z.output<LabeldeskMethods[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<LabeldeskMethods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(labeldeskMethods, name);
}

/** The envelope on the wire. The `labeldesk` tag keeps our messages apart from anyone else's. */
export const requestSchema = z.object({
  labeldesk: z.literal(1),
  method: z.string(),
  args: z.unknown(),
});

export type Request = z.infer<typeof requestSchema>;

export const responseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: serializedErrorSchema }),
]);

export type Response = z.infer<typeof responseSchema>;
