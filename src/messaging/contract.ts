// zod/mini keeps the content script small; the schemas read the same.
import { z } from 'zod/mini';
import { settingsSchema } from '../core/settings';
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
