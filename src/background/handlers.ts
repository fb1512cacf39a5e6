import type { Settings } from '../core/settings';
import { ticketReference } from '../core/ticket-reference';
import type { GmailClient } from '../gmail/api/client';
import { GmailApiError, GmailResponseError } from '../gmail/api/errors';
import { threadSubject } from '../gmail/api/schemas';
import type { TokenSource } from '../gmail/api/token-source';
import { NetworkError } from '../gmail/api/transport';
import type { MethodName } from '../messaging/contract';
import { SYNC_PROBLEMS, type SyncProblem } from '../messaging/contract-results';
import { type ErrorDetails, LabeldeskError } from '../messaging/errors';
import type { Handler, Handlers } from '../messaging/receiver';
import { AuthError, assertSameMailbox, MailboxMismatchError } from './auth';

/** A mailbox's token source: silent `getToken` for reads, `signIn` when the agent asks. */
export interface MailboxTokens extends TokenSource {
  signIn(): Promise<string>;
}

/** What the handlers need from the world; the service worker passes chrome.* backed parts. */
export interface BackgroundServices {
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<Settings>;
  tokensFor(mailbox: string): MailboxTokens;
  gmailFor(tokens: TokenSource): GmailClient;
  openOptions(): Promise<void>;
  /** Opens the knowledge-base page, on one article when given (issue 7). */
  openKnowledge?(articleId?: string): Promise<void>;
  /** Runs the reply tools' script (dist/src/content/reply-tools.js) in a Gmail tab; chrome.scripting. */
  injectReplyTools?(tabId: number): Promise<void>;
  /** The helpdesk's methods over this browser's store and outbox (the service worker's Desk). */
  desk?: DeskHandlers;
  /** One sync pass of the mailbox (the service worker's SyncRunner). */
  syncNow?(mailbox: string): Promise<{
    tickets: number;
    fullSync: boolean;
    metadataFetched: number;
    sent: number;
    remainingOutbox: number;
  }>;
}

/** Methods answered from the store, the outbox and the shared records rather than by a direct API call. */
export const DESK_METHODS = [
  'ticket.get',
  'ticket.context',
  'ticket.update',
  'tickets.bulkUpdate',
  'ticket.make',
  'ticket.hold',
  'note.add',
  'thread.ofMessage',
  'team.get',
  'team.set',
  'team.mailboxes',
  'queue.counts',
  'queue.read',
  'queue.search',
  'presence.set',
  'library.get',
  'library.set',
  'template.save',
  'notify.send',
  'automation.get',
  'automation.set',
  'runner.status',
  'rules.preview',
  'reports.prepare',
  'kb.list',
  'kb.save',
  'kb.delete',
  'kb.search',
  'kb.candidates',
] as const satisfies readonly MethodName[];
export type DeskMethod = (typeof DESK_METHODS)[number];
export type DeskHandlers = Pick<Handlers, DeskMethod>;

export function createHandlers(services: BackgroundServices): Handlers {
  const desk = Object.fromEntries(
    DESK_METHODS.map((name) => [
      name,
      guarded(async (args, context) => {
        const handler = services.desk?.[name] as Handler<DeskMethod> | undefined;
        if (!handler) throw new LabeldeskError('internal', `${name} is not available in this context`);
        return handler(args as never, context);
      }) as Handler<DeskMethod>,
    ]),
  ) as DeskHandlers;
  return {
    ...desk,
    'ticket.describe': guarded(async ({ threadId, mailbox }) => {
      const thread = await services.gmailFor(services.tokensFor(mailbox)).threads.get(threadId);
      return {
        threadId,
        reference: ticketReference(threadId),
        subject: threadSubject(thread),
        messageCount: thread.messages.length,
      };
    }),
    'auth.signIn': guarded(async ({ mailbox }) => {
      const tokens = services.tokensFor(mailbox);
      const token = await tokens.signIn();
      const profile = await services.gmailFor(tokens).getProfile();
      try {
        assertSameMailbox(profile.emailAddress, mailbox);
      } catch (error) {
        await tokens.invalidate(token); // a token for the wrong account must not be used for this tab
        throw error;
      }
      return { emailAddress: profile.emailAddress };
    }),
    'settings.get': guarded(() => services.loadSettings()),
    'settings.set': guarded((settings) => services.saveSettings(settings)),
    'sync.now': guarded(async ({ mailbox }) => {
      if (!services.syncNow) throw new LabeldeskError('internal', 'Sync is not available in this context');
      try {
        return await services.syncNow(mailbox);
      } catch (error) {
        // The tab learns the sync's health from this answer too (one opened while sync fails gets no event).
        const typed = toLabeldeskError(error);
        throw new LabeldeskError(typed.code, typed.message, { ...typed.details, sync: syncProblem(error) });
      }
    }),
    'replyTools.load': guarded(async (_args, context) => {
      if (context.tabId === undefined || !services.injectReplyTools) {
        throw new LabeldeskError('internal', 'The reply tools cannot be loaded here');
      }
      await services.injectReplyTools(context.tabId);
      return {};
    }),
    'kb.open': guarded(async ({ articleId }) => {
      if (!services.openKnowledge)
        throw new LabeldeskError('internal', 'The knowledge base cannot be opened here');
      await services.openKnowledge(articleId);
      return {};
    }),
    'options.open': guarded(async () => {
      await services.openOptions();
      return {};
    }),
  };
}

/** Every handler's failure leaves as a typed error the UI can act on. */
function guarded<M extends MethodName>(handler: Handler<M>): Handler<M> {
  return async (args, context) => {
    try {
      return await handler(args, context);
    } catch (error) {
      throw toLabeldeskError(error);
    }
  };
}

export function toLabeldeskError(error: unknown): LabeldeskError {
  if (error instanceof LabeldeskError) return error;
  if (error instanceof AuthError) {
    if (error.failure === 'not-configured') return new LabeldeskError('not-configured', error.message);
    if (error.failure === 'interaction-required') return new LabeldeskError('auth-required', error.message);
    return new LabeldeskError('auth-failed', error.message, { failure: error.failure });
  }
  if (error instanceof MailboxMismatchError) {
    return new LabeldeskError('mailbox-mismatch', error.message, {
      expected: error.expected,
      actual: error.actual,
    });
  }
  if (error instanceof GmailApiError) {
    const details: ErrorDetails = { status: error.status };
    if (error.reason !== undefined) details.reason = error.reason;
    return new LabeldeskError('gmail-api', error.message, details);
  }
  if (error instanceof GmailResponseError) return new LabeldeskError('gmail-api', error.message);
  // IndexedDB over the origin's quota: Chromium's QuotaExceededError has an empty message, so as 'internal'
  // the agent read "Something went wrong:" and nothing to act on (found by test/browser/faults.test.ts).
  if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError') {
    return new LabeldeskError('storage-full', 'The browser has no room left for the extension');
  }
  return new LabeldeskError('internal', error instanceof Error ? error.message : String(error));
}

/**
 * What a failed background sync tells the agent (never the error's message, which may quote Gmail): the
 * error's code, with Gmail out of reach ('offline') and Gmail rate-limiting ('quota') told apart, since both
 * end by themselves. A failed sign-in of any kind asks for the same act: sign in again.
 */
export function syncProblem(error: unknown): SyncProblem {
  if (error instanceof NetworkError) return 'offline';
  if (error instanceof GmailApiError && error.retryable && error.status < 500) return 'quota';
  const { code } = toLabeldeskError(error);
  if (code === 'auth-failed') return 'auth-required';
  return (SYNC_PROBLEMS as readonly string[]).includes(code) ? (code as SyncProblem) : 'internal';
}
