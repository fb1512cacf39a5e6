/**
 * Tells Gmail tabs that the store changed (a poll brought news, a change reached Gmail, a note was added), so
 * the sidebar and the queues re-read what they show instead of polling the service worker. Tabs are learnt
 * from the calls they make; a worker that restarted forgets them until their next call (the tab's focus and
 * route changes call `sync.now`), which can only delay a refresh, never lose data.
 */
import type { StoreEvent } from '../messaging/contract';
import type { SyncNotice } from '../sync/engine';

export type SendToTab = (tabId: number, event: StoreEvent) => Promise<unknown>;

type NoticeView = StoreEvent['notices'][number];

export class TabEvents {
  private readonly tabs = new Map<string, Set<number>>();
  private readonly notices = new Map<string, NoticeView[]>();

  constructor(private readonly send: SendToTab) {}

  /** A tab showing `mailbox` called us: it wants events for that mailbox (and no other). */
  remember(mailbox: string, tabId: number): void {
    for (const [other, tabs] of this.tabs) if (other !== mailbox) tabs.delete(tabId);
    const tabs = this.tabs.get(mailbox) ?? new Set<number>();
    tabs.add(tabId);
    this.tabs.set(mailbox, tabs);
  }

  /** Kinds, ids and label values only: a notice never carries mail content. */
  notice(mailbox: string, notice: SyncNotice): void {
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

  announce(mailbox: string, threadIds: readonly string[], all = false): void {
    const tabs = this.tabs.get(mailbox);
    const notices = this.notices.get(mailbox) ?? [];
    this.notices.delete(mailbox);
    if (!tabs || tabs.size === 0) return;
    const event: StoreEvent = {
      labeldesk: 1,
      event: 'store-changed',
      mailbox,
      threadIds: [...new Set(threadIds)],
      all,
      notices,
    };
    for (const tabId of tabs) {
      // A closed tab or one without our content script: forget it.
      this.send(tabId, event).catch(() => tabs.delete(tabId));
    }
  }
}
