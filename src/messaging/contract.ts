// zod/mini keeps the content script small; the schemas read the same.
import { z } from 'zod/mini';
import { automationSettingsSchema, ruleSchema } from '../core/automation-config';
import { articleDraftSchema } from '../core/knowledge/articles';
import { settingsSchema } from '../core/settings';
import { teamConfigSchema } from '../core/team-config-schema';
import { TEMPLATE_LANGUAGES, templateLibrarySchema, templateSchema } from '../core/templates';
import { automationResults } from './contract-automation';
import { replyResults } from './contract-replies';
import {
  agentNameSchema,
  epochMsSchema,
  queueIdSchema,
  labeldeskResults as results,
  threadIdSchema,
  ticketPrioritySchema,
  ticketStatusSchema,
  ticketTagSchema,
} from './contract-results';

export {
  type ActivityView,
  activityViewSchema,
  holdSchema,
  type LabeldeskResults,
  labeldeskResults,
  type NoteView,
  noteViewSchema,
  type PresenceView,
  presenceViewSchema,
  type QueueIdArgs,
  queueIdSchema,
  type Response,
  responseSchema,
  type StoreEvent,
  storeEventSchema,
  type TeamView,
  type TicketContext,
  type TicketDescription,
  type TicketHold,
  type TicketLookup,
  type TicketRow,
  type TicketView,
  teamViewSchema,
  ticketContextSchema,
  ticketDescriptionSchema,
  ticketLookupSchema,
  ticketRowSchema,
  ticketViewSchema,
} from './contract-results';

/**
 * The one contract between the content script, the service worker and the extension's pages: every
 * method the service worker offers, its arguments and its result as zod schemas, and which contexts may
 * call it. Both ends validate against these schemas: the service worker the arguments and its own
 * results, the caller the result. The results and the views they are made of live in
 * ./contract-results.ts, which the content script imports alone (it never needs the arguments' schemas).
 */

/** Who is calling: a content script in a Gmail tab, or one of the extension's own pages. */
export type CallerKind = 'gmail-tab' | 'extension-page';

const threadId = threadIdSchema;
const epochMs = epochMsSchema;
const agentName = agentNameSchema;
const mailbox = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email());

interface MethodSpec<A extends z.ZodMiniType, R extends z.ZodMiniType> {
  args: A;
  result: R;
  callers: readonly CallerKind[];
}

function method<A extends z.ZodMiniType, R extends z.ZodMiniType>(spec: MethodSpec<A, R>): MethodSpec<A, R> {
  return spec;
}

const tag = ticketTagSchema;

/** The fields an agent changed: `null` clears a field; tags are added and removed one by one. */
export const ticketPatchSchema = z.object({
  status: z.optional(ticketStatusSchema),
  priority: z.optional(z.nullable(ticketPrioritySchema)),
  assignee: z.optional(z.nullable(agentName)),
  group: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(200)))),
  addTags: z.optional(z.array(tag).check(z.maxLength(100))),
  removeTags: z.optional(z.array(tag).check(z.maxLength(100))),
});
export type TicketPatchArgs = z.infer<typeof ticketPatchSchema>;

export const labeldeskMethods = {
  /** The ticket behind a Gmail thread, read through the Gmail API with the mailbox's token. */
  'ticket.describe': method({
    args: z.object({ threadId, mailbox }),
    result: results['ticket.describe'],
    callers: ['gmail-tab'],
  }),
  /** Interactive sign-in for the mailbox open in the tab (the agent clicked "Sign in"). */
  'auth.signIn': method({
    args: z.object({ mailbox }),
    result: results['auth.signIn'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  'settings.get': method({
    args: z.object({}),
    result: results['settings.get'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Only the options page writes settings; a Gmail tab never does. */
  'settings.set': method({
    args: settingsSchema,
    result: results['settings.set'],
    callers: ['extension-page'],
  }),
  /**
   * Sync the mailbox now: the Gmail tab gained focus or the agent acted. The worker also remembers the
   * mailbox so its alarm keeps polling it.
   */
  'sync.now': method({
    args: z.object({ mailbox }),
    result: results['sync.now'],
    callers: ['gmail-tab'],
  }),
  /** The ticket as this browser's store has it; one API round trip when the thread is not stored yet. */
  'ticket.get': method({
    args: z.object({ mailbox, threadId }),
    result: results['ticket.get'],
    callers: ['gmail-tab'],
  }),
  /** Notes, activity, the customer's history and who else has the ticket open. */
  'ticket.context': method({
    args: z.object({ mailbox, threadId }),
    result: results['ticket.context'],
    callers: ['gmail-tab'],
  }),
  /** An agent's change: shown at once (optimistic), carried to Gmail by the outbox, logged as activity. */
  'ticket.update': method({
    args: z.object({ mailbox, threadId, patch: ticketPatchSchema }),
    result: results['ticket.update'],
    callers: ['gmail-tab'],
  }),
  /** The same change on many tickets (multi-select in Gmail's thread list). */
  'tickets.bulkUpdate': method({
    args: z.object({
      mailbox,
      threadIds: z.array(threadId).check(z.minLength(1), z.maxLength(500)),
      patch: ticketPatchSchema,
    }),
    result: results['tickets.bulkUpdate'],
    callers: ['gmail-tab'],
  }),
  /** "Make ticket" on a thread that is not one: it becomes a New ticket. */
  'ticket.make': method({
    args: z.object({ mailbox, threadId }),
    result: results['ticket.make'],
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
    result: results['ticket.hold'],
    callers: ['gmail-tab'],
  }),
  /** An internal note, shared through the mailbox; @mentions of the team's agents are recognised. */
  'note.add': method({
    args: z.object({
      mailbox,
      threadId,
      body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
    }),
    result: results['note.add'],
    callers: ['gmail-tab'],
  }),
  /** The thread behind a message id (the last way to find a thread when the page shows no thread id). */
  'thread.ofMessage': method({
    args: z.object({ mailbox, messageId: threadId }),
    result: results['thread.ofMessage'],
    callers: ['gmail-tab'],
  }),
  'team.get': method({
    args: z.object({ mailbox }),
    result: results['team.get'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Only the options page publishes a team config (a new config record in the mailbox). */
  'team.set': method({
    args: z.object({ mailbox, config: teamConfigSchema }),
    result: results['team.set'],
    callers: ['extension-page'],
  }),
  /** Mailboxes a Gmail tab has shown in this browser: the options page sets each one up. */
  'team.mailboxes': method({
    args: z.object({}),
    result: results['team.mailboxes'],
    callers: ['extension-page'],
  }),
  /** Every queue the sidebar lists, with its count ("mine" for this browser's agent, groups and tags of the team). */
  'queue.counts': method({
    args: z.object({ mailbox }),
    result: results['queue.counts'],
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
    result: results['queue.read'],
    callers: ['gmail-tab'],
  }),
  /** Tickets whose subject, requester or reference contain the text. */
  'queue.search': method({
    args: z.object({
      mailbox,
      text: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      limit: z._default(z.int().check(z.positive(), z.maximum(200)), 50),
    }),
    result: results['queue.search'],
    callers: ['gmail-tab'],
  }),
  /**
   * This agent has the thread open (or a reply started, or left it: threadId null). Shared through the
   * mailbox so other agents see it within one poll; answers with the others on the same thread.
   */
  'presence.set': method({
    args: z.object({ mailbox, threadId: z.nullable(threadId), state: z.enum(['viewing', 'replying']) }),
    result: results['presence.set'],
    callers: ['gmail-tab'],
  }),
  /** The team's reply library (templates, text shortcuts, macros): the newest library record. */
  'library.get': method({
    args: z.object({ mailbox }),
    result: replyResults['library.get'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Publishes a whole library (the options page's editor and import): a new library record. */
  'library.set': method({
    args: z.object({ mailbox, library: templateLibrarySchema }),
    result: replyResults['library.set'],
    callers: ['extension-page'],
  }),
  /** Adds or replaces one template ("save this reply as a template"), the rest of the library unchanged. */
  'template.save': method({
    args: z.object({ mailbox, template: templateSchema }),
    result: replyResults['template.save'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Tells an agent, in their own browser, that a macro gave them a ticket (a notify record). */
  'notify.send': method({
    args: z.object({
      mailbox,
      threadId,
      to: agentName,
      macro: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    }),
    result: replyResults['notify.send'],
    callers: ['gmail-tab'],
  }),
  /** Loads the reply tools' script into the calling Gmail tab (templates, shortcuts, macros), once. */
  'replyTools.load': method({
    args: z.object({}),
    result: results['replyTools.load'],
    callers: ['gmail-tab'],
  }),
  /** The team's automation settings in force (defaults when nobody saved any). */
  'automation.get': method({
    args: z.object({ mailbox }),
    result: automationResults['automation.get'],
    callers: ['extension-page'],
  }),
  /** Publishes the automation settings (the options page): a new automation record, newest wins. */
  'automation.set': method({
    args: z.object({ mailbox, settings: automationSettingsSchema }),
    result: automationResults['automation.set'],
    callers: ['extension-page'],
  }),
  /** Who runs the automations of the mailbox, and what the last pass of this browser's runner did. */
  'runner.status': method({
    args: z.object({ mailbox }),
    result: automationResults['runner.status'],
    callers: ['extension-page'],
  }),
  /** "What would this rule have done": the rule tried against the newest stored tickets, nothing changed. */
  'rules.preview': method({
    args: z.object({
      mailbox,
      rule: ruleSchema,
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(2_000)),
    }),
    result: automationResults['rules.preview'],
    callers: ['extension-page'],
  }),
  /** Starts (or keeps) this browser reading ticket timelines for the reports page, and says how far it is. */
  'reports.prepare': method({
    args: z.object({ mailbox }),
    result: automationResults['reports.prepare'],
    callers: ['extension-page'],
  }),
  /** The knowledge base's articles in force (issue 7). */
  'kb.list': method({
    args: z.object({ mailbox }),
    result: replyResults['kb.list'],
    callers: ['extension-page'],
  }),
  /**
   * Saves an article as a new version (author and time set by the service worker); a draft from a Gmail tab
   * is how "turn this reply into an article" starts.
   */
  'kb.save': method({
    args: z.object({ mailbox, article: articleDraftSchema }),
    result: replyResults['kb.save'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** Removes an article (a deleted version); saving the previous version again is the undo. */
  'kb.delete': method({
    args: z.object({ mailbox, articleId: z.string().check(z.regex(/^[0-9a-f-]{36}$/)) }),
    result: replyResults['kb.delete'],
    callers: ['extension-page'],
  }),
  /** Published articles matching words of title, body or tags, best first; the reply tools' article picker. */
  'kb.search': method({
    args: z.object({
      mailbox,
      query: z.string().check(z.maxLength(200)),
      language: z.optional(z.enum(TEMPLATE_LANGUAGES)),
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(50)),
    }),
    result: replyResults['kb.search'],
    callers: ['gmail-tab', 'extension-page'],
  }),
  /** FAQ candidates: recurring tags of the last 90 days with solved tickets to learn from. */
  'kb.candidates': method({
    args: z.object({ mailbox }),
    result: replyResults['kb.candidates'],
    callers: ['extension-page'],
  }),
  /** Opens the knowledge-base page (on an article when given): content scripts cannot open it themselves. */
  'kb.open': method({
    args: z.object({ articleId: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/))) }),
    result: replyResults['kb.open'],
    callers: ['gmail-tab'],
  }),
  /** Content scripts cannot open the options page themselves. */
  'options.open': method({
    args: z.object({}),
    result: results['options.open'],
    callers: ['gmail-tab'],
  }),
} as const satisfies {
  [M in keyof AllResults]: MethodSpec<z.ZodMiniType, AllResults[M]>;
};

type AllResults = typeof results & typeof replyResults & typeof automationResults;

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
