/**
 * "Next ticket" and "previous ticket" through the queue the agent last looked at, and the queue each mailbox
 * last showed (kept per tab, in memory: the content script lives as long as the tab).
 */
import type { QueueIdArgs } from '../../messaging/contract';
import type { DeskActions } from '../actions';
import type { Connector } from '../connector';

export class QueueNavigator {
  private ids: readonly string[] = [];
  private readonly listeners = new Set<(ids: readonly string[]) => void>();

  /** The thread ids of the queue as shown, in order (the panel calls this whenever its rows change). */
  setList(ids: readonly string[]): void {
    this.ids = [...ids];
    for (const listener of this.listeners) listener(this.ids);
  }

  get list(): readonly string[] {
    return this.ids;
  }

  /** The ticket after `current`; the first one when `current` is not in the list; undefined at the end. */
  next(current: string | undefined): string | undefined {
    const index = current === undefined ? -1 : this.ids.indexOf(current);
    return this.ids[index + 1];
  }

  /** The ticket before `current`; the last one when `current` is not in the list; undefined at the start. */
  previous(current: string | undefined): string | undefined {
    const index = current === undefined ? -1 : this.ids.indexOf(current);
    if (index === -1) return this.ids[this.ids.length - 1];
    return index === 0 ? undefined : this.ids[index - 1];
  }

  onChange(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Wires the next-ticket and previous-ticket actions to a navigator: opens the neighbour of the thread Gmail
 * shows (`currentThreadId()`, undefined on a list). Returns the unsubscribe function.
 */
export function moveThroughQueue(
  actions: DeskActions,
  navigator: QueueNavigator,
  connector: Pick<Connector, 'openThread'>,
  currentThreadId: () => string | undefined,
): () => void {
  return actions.listen((action) => {
    if (action.kind !== 'next-ticket' && action.kind !== 'previous-ticket') return;
    const current = currentThreadId();
    const target = action.kind === 'next-ticket' ? navigator.next(current) : navigator.previous(current);
    if (target !== undefined && target !== current) connector.openThread(target);
  });
}

/** The queue each mailbox showed last in this tab; a panel mounted again (after a route change) starts there. */
export class QueueMemory {
  private readonly chosen = new Map<string, QueueIdArgs>();

  get(mailbox: string): QueueIdArgs | undefined {
    return this.chosen.get(mailbox.toLowerCase());
  }

  set(mailbox: string, queue: QueueIdArgs): void {
    this.chosen.set(mailbox.toLowerCase(), queue);
  }
}

/** The tab's memory, used by every QueuePanel that is not given its own. */
export const tabQueueMemory = new QueueMemory();
