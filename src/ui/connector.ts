/**
 * The one interface the UI talks to (darkreader's connector pattern): the content script passes one backed by
 * the service worker, tests pass `fakeConnector`, so components run and are tested without the background.
 * Every method maps to a method of the messaging contract with the tab's mailbox filled in.
 */
import type { MethodArgs, MethodName, MethodResult, StoreEvent } from '../messaging/contract';

/** Contract methods whose arguments name the mailbox: the connector fills it in. */
export type MailboxMethod = {
  [M in MethodName]: MethodArgs<M> extends { mailbox: string } ? M : never;
}[MethodName];

export type ConnectorArgs<M extends MailboxMethod> = Omit<MethodArgs<M>, 'mailbox'>;

export interface Connector {
  /** The mailbox open in the tab (lower case). */
  readonly mailbox: string;
  call<M extends MailboxMethod>(method: M, args: ConnectorArgs<M>): Promise<MethodResult<M>>;
  /** Store changes pushed by the service worker; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Opens a thread in Gmail (a hash route in the same tab). */
  openThread(threadId: string): void;
  /** Opens the extension's options page (content scripts ask the service worker). */
  openOptions(): Promise<void>;
}

export type FakeHandlers = {
  [M in MailboxMethod]?: (args: ConnectorArgs<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

/**
 * A connector answered by plain functions, for component tests. Calls are recorded in `calls`; `emit` pushes
 * a store event to subscribers; a method without a handler rejects, so a test sees an unexpected call.
 */
export function fakeConnector(handlers: FakeHandlers, mailbox = 'support@shop.example') {
  const listeners = new Set<(event: StoreEvent) => void>();
  const calls: { method: MailboxMethod; args: unknown }[] = [];
  const opened: string[] = [];
  const connector: Connector & {
    calls: typeof calls;
    opened: string[];
    emit(event: Omit<StoreEvent, 'labeldesk' | 'event' | 'mailbox'>): void;
  } = {
    mailbox,
    calls,
    opened,
    async call(method, args) {
      calls.push({ method, args });
      const handler = handlers[method] as ((a: typeof args) => unknown) | undefined;
      if (!handler) throw new Error(`fakeConnector: no handler for ${method}`);
      return (await handler(args)) as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openThread(threadId) {
      opened.push(threadId);
    },
    async openOptions() {
      opened.push('options');
    },
    emit(event) {
      for (const listener of listeners) listener({ labeldesk: 1, event: 'store-changed', mailbox, ...event });
    },
  };
  return connector;
}
