/**
 * Tells Gmail tabs that the store changed (a poll brought news, a change reached Gmail, a note was added), so
 * the sidebar and the queues re-read what they show instead of polling the service worker. Tabs are learnt
 * from the calls they make; a worker that restarted forgets them until their next call (the tab's focus and
 * route changes call `sync.now`), which can only delay a refresh, never lose data.
 */
import type { StoreEvent } from '../messaging/contract';
import type { SyncProblem } from '../messaging/contract-results';
import type { SyncNotice } from '../sync/engine';
import type { SyncHealthNotice } from './sync-runner';

export type SendToTab = (tabId: number, event: StoreEvent) => Promise<unknown>;

type NoticeView = StoreEvent['notices'][number];

export class TabEvents {
  private readonly tabs = new Map<string, Set<number>>();
  private readonly notices = new Map<string, NoticeView[]>();
  /** Mailboxes whose background sync fails, as last told to their tabs. */
  private readonly failing = new Map<string, SyncProblem>();

  constructor(private readonly send: SendToTab) {}

  /** A tab showing `mailbox` called us: it wants events for that mailbox (and no other). */
  remember(mailbox: string, tabId: number): void {
    for (const [other, tabs] of this.tabs) if (other !== mailbox) tabs.delete(tabId);
    const tabs = this.tabs.get(mailbox) ?? new Set<number>();
    const known = tabs.has(tabId);
    tabs.add(tabId);
    this.tabs.set(mailbox, tabs);
    // A tab new to this worker while the mailbox's sync fails: it has not heard why (its sync.now answer, if
    // that is what it called, says so too).
    const problem = this.failing.get(mailbox);
    if (!known && problem !== undefined)
      this.sendTo(tabs, tabId, this.event(mailbox, [], false, [], problem));
  }

  /**
   * Kinds, ids and label values only: a notice never carries mail content. The engine's notices wait for the
   * next announcement; a change of the sync's health goes out at once (the runner reports changes only).
   */
  notice(mailbox: string, notice: SyncNotice | SyncHealthNotice): void {
    if (notice.kind === 'sync-health') {
      if (notice.problem === null) this.failing.delete(mailbox);
      else this.failing.set(mailbox, notice.problem);
      this.announce(mailbox, [], false, notice.problem);
      return;
    }
    const view: NoticeView = { kind: notice.kind };
    if ('threadId' in notice) view.threadId = notice.threadId;
    if (notice.kind === 'change-overridden') {
      view.field = notice.field;
      view.yours = notice.yours;
      view.theirs = notice.theirs;
    }
    const list = this.notices.get(mailbox) ?? [];
    list.push(view);
    this.notices.set(mailbox, list.slice(-20));
  }

  /**
   * Every known tab re-reads everything: the agent's settings changed (a client id pasted on the options
   * page, or synced from their other computer), so a sidebar that asked for them can show the ticket now.
   */
  announceEverywhere(): void {
    for (const mailbox of this.tabs.keys()) this.announce(mailbox, [], true);
  }

  /** Tells the mailbox's tabs; `sync` (a problem, or null for "works again") only when its health changed. */
  announce(mailbox: string, threadIds: readonly string[], all = false, sync?: SyncProblem | null): void {
    const tabs = this.tabs.get(mailbox);
    const notices = this.notices.get(mailbox) ?? [];
    this.notices.delete(mailbox);
    if (!tabs || tabs.size === 0) return;
    const event = this.event(mailbox, threadIds, all, notices, sync);
    for (const tabId of tabs) this.sendTo(tabs, tabId, event);
  }

  private event(
    mailbox: string,
    threadIds: readonly string[],
    all: boolean,
    notices: NoticeView[],
    sync: SyncProblem | null | undefined,
  ): StoreEvent {
    const event: StoreEvent = {
      labeldesk: 1,
      event: 'store-changed',
      mailbox,
      threadIds: [...new Set(threadIds)],
      all,
      notices,
    };
    if (sync !== undefined) event.sync = sync;
    return event;
  }

  private sendTo(tabs: Set<number>, tabId: number, event: StoreEvent): void {
    // A closed tab or one without our content script: forget it.
    this.send(tabId, event).catch(() => tabs.delete(tabId));
  }
}
