import {
  type CallerKind,
  isMethodName,
  labeldeskMethods,
  type MethodName,
  type MethodResult,
  type ParsedArgs,
  type Response,
  requestSchema,
} from './contract';
import { LabeldeskError, serializeError } from './errors';

/** What a handler knows about its caller, after the sender check. */
export interface CallContext {
  caller: CallerKind;
  /** The Gmail tab's id, for calls from a content script. */
  tabId?: number;
}

export type Handler<M extends MethodName> = (
  args: ParsedArgs<M>,
  context: CallContext,
) => Promise<MethodResult<M>> | MethodResult<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** The parts of `chrome.runtime.MessageSender` the check needs. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

const GMAIL_ORIGIN = 'https://mail.google.com';

/**
 * Who sent this? Only this extension's own contexts: a content script (it has a tab) must be on Gmail;
 * a page without a tab must be one of our chrome-extension:// pages.
 */
export function classifySender(
  sender: Sender,
  extensionId: string,
  /** Our pages' origin with a slash: `chrome-extension://<id>/`, in Firefox `moz-extension://<uuid>/`. */
  extensionOrigin = `chrome-extension://${extensionId}/`,
): CallContext {
  if (sender.id !== extensionId) {
    throw new LabeldeskError('forbidden-sender', 'Message from another extension or page');
  }
  const origin = sender.url === undefined ? undefined : URL.parse(sender.url)?.origin;
  if (sender.tab !== undefined && origin === GMAIL_ORIGIN) {
    return sender.tab.id === undefined
      ? { caller: 'gmail-tab' }
      : { caller: 'gmail-tab', tabId: sender.tab.id };
  }
  if (sender.url?.startsWith(extensionOrigin)) {
    return { caller: 'extension-page' };
  }
  throw new LabeldeskError('forbidden-sender', 'Message from a page that is not Gmail');
}

/**
 * Turns a raw message into a response: envelope and sender checked, arguments validated with the
 * method's schema, the handler's result validated too, every failure returned as a typed error.
 * Returns undefined for messages that are not ours, so other listeners may answer them.
 */
export interface ReceiverOptions {
  /** Told of every call that passed the checks, with its parsed arguments (the worker learns its tabs). */
  onCall?: (args: unknown, context: CallContext) => void;
  /** Our pages' origin (`runtime.getURL('')`); Firefox gives each install its own moz-extension:// one. */
  extensionOrigin?: string;
}

export function createReceiver(
  handlers: Handlers,
  extensionId: string,
  options: ReceiverOptions = {},
): (message: unknown, sender: Sender) => Promise<Response> | undefined {
  return (message, sender) => {
    const request = requestSchema.safeParse(message);
    if (!request.success) return undefined;
    return dispatch(handlers, extensionId, request.data.method, request.data.args, sender, options);
  };
}

async function dispatch(
  handlers: Handlers,
  extensionId: string,
  name: string,
  rawArgs: unknown,
  sender: Sender,
  options: ReceiverOptions,
): Promise<Response> {
  try {
    const context = classifySender(sender, extensionId, options.extensionOrigin);
    if (!isMethodName(name)) throw new LabeldeskError('invalid-message', `Unknown method ${name}`);
    return { ok: true, result: await invoke(handlers, name, rawArgs, context, options) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

async function invoke<M extends MethodName>(
  handlers: Handlers,
  name: M,
  rawArgs: unknown,
  context: CallContext,
  options: ReceiverOptions,
): Promise<MethodResult<M>> {
  const spec = labeldeskMethods[name];
  if (!spec.callers.includes(context.caller)) {
    throw new LabeldeskError('forbidden-sender', `${name} cannot be called from a ${context.caller}`);
  }
  const args = spec.args.safeParse(rawArgs);
  if (!args.success) {
    throw new LabeldeskError(
      'invalid-message',
      `Bad arguments for ${name}: ${args.error.issues[0]?.message}`,
    );
  }
  options.onCall?.(args.data, context);
  const handler = handlers[name] as Handler<M>;
  const result = spec.result.safeParse(await handler(args.data as ParsedArgs<M>, context));
  if (!result.success) {
    throw new LabeldeskError(
      'invalid-message',
      `Bad result from ${name}: ${result.error.issues[0]?.message}`,
    );
  }
  return result.data as MethodResult<M>;
}

/** Wires the handlers to `chrome.runtime.onMessage` in the service worker. */
export function listen(handlers: Handlers, options: ReceiverOptions = {}): void {
  const receive = createReceiver(handlers, chrome.runtime.id, {
    extensionOrigin: chrome.runtime.getURL(''),
    ...options,
  });
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const response = receive(message, sender);
    if (response === undefined) return false;
    void response.then(sendResponse);
    return true; // keeps the channel open for the asynchronous answer
  });
}
