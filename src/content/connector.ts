/**
 * The Gmail tab's Connector: contract calls to the service worker with the tab's mailbox filled in, and the
 * store events the worker pushes to this tab, checked (our extension, our envelope, this mailbox) before
 * any panel sees them.
 */
import { encodeThreadToken, permIdFromThreadId } from '../gmail/dom/thread-token';
import type { MethodArgs, MethodName, MethodResult } from '../messaging/contract';
import { type StoreEvent, storeEventSchema } from '../messaging/contract-results';
import { callBackground } from '../messaging/sender';
import type { Connector } from '../ui/connector';

export interface TabConnector extends Connector {
  /** Re-reads without the worker: the tab learnt something itself (presence answered by presence.set). */
  emitLocal(threadIds: readonly string[]): void;
}

/** A contract call; the Gmail page's script passes `callBackground` (which knows its own methods' results). */
export type BackgroundCaller = <M extends MethodName>(
  method: M,
  args: MethodArgs<M>,
) => Promise<MethodResult<M>>;

export function tabConnector(
  mailbox: string,
  win: Window,
  call: BackgroundCaller = callBackground as BackgroundCaller,
): TabConnector {
  const listeners = new Set<(event: StoreEvent) => void>();
  const deliver = (event: StoreEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('Labeldesk:', error instanceof Error ? error.message : error);
      }
    }
  };
  const onMessage = (message: unknown, sender: chrome.runtime.MessageSender) => {
    // Only the service worker of this extension sends to the tab; a page cannot reach this listener.
    if (sender.id !== chrome.runtime.id || sender.tab !== undefined) return;
    const parsed = storeEventSchema.safeParse(message);
    if (!parsed.success || parsed.data.mailbox !== mailbox) return;
    deliver(parsed.data);
  };
  return {
    mailbox,
    call: (method, args) => call(method, { ...args, mailbox } as never),
    subscribe(listener) {
      if (listeners.size === 0) chrome.runtime.onMessage.addListener(onMessage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) chrome.runtime.onMessage.removeListener(onMessage);
      };
    },
    openThread(threadId) {
      win.location.hash = threadHash(win.location.hash, threadId);
    },
    async openOptions() {
      await call('options.open', {});
    },
    emitLocal(threadIds) {
      deliver({
        labeldesk: 1,
        event: 'store-changed',
        mailbox,
        threadIds: [...threadIds],
        all: false,
        notices: [],
      });
    },
  };
}

/**
 * The route that opens a thread from where the agent is: the current list (`#inbox`, `#label/…`) followed by
 * the thread's URL token, as Gmail writes it; from an open thread, its list; `#inbox` when there is none.
 */
export function threadHash(currentHash: string, threadId: string): string {
  return `${listHash(currentHash, true)}/${encodeThreadToken(permIdFromThreadId(threadId))}`;
}

/** The list a route belongs to: `#inbox/FMfcg…` → `#inbox`; a page (`/p2`) is kept unless `firstPage`. */
export function listHash(currentHash: string, firstPage = false): string {
  const segments = currentHash.replace(/^#/, '').split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const isThread = /^[B-DF-HJ-NP-TV-XZb-df-hj-np-tv-xz]{16,}$/.test(last) || /^[0-9a-f]{12,16}$/.test(last);
  let list = isThread ? segments.slice(0, -1) : segments;
  if (firstPage && /^p\d+$/.test(list.at(-1) ?? '')) list = list.slice(0, -1);
  return `#${list.join('/') || 'inbox'}`;
}
