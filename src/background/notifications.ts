/**
 * "Dmitri assigned you a ticket" (issue 5, macros): a macro that hands a ticket to another agent writes a
 * notify record (macros.ts); the new assignee's browser reads it with its next poll and shows it as a
 * browser notification, once. A click opens the ticket in a Gmail tab of that mailbox.
 *
 * What a notification says: who, the ticket's subject and reference, and the macro's name. Never the mail
 * body. The chrome.* parts are passed in (`NotifierDeps`) so tests run with fakes.
 *
 * The runner's SLA escalation (issue 6, src/sync/automation/escalation.ts) writes notify records too, with a
 * `reason`: those say "at risk" or "breached" and when the reply is or was due, instead of a macro.
 */
import type { NotifyRecord } from '../core/macros';
import { ticketReference } from '../core/ticket-reference';
import { formatDateTime } from '../ui/i18n';

/** A notify record older than this is news no more: a browser that was off for a day does not replay it. */
export const NOTIFY_MAX_AGE_MS = 24 * 60 * 60_000;
/** How many shown notifications this browser remembers (ids, mailbox and thread only). */
export const NOTIFY_SHOWN_MAX = 500;
export const NOTIFY_STORAGE_KEY = 'labeldesk.notifications.shown';
const ID_PREFIX = 'labeldesk-notify:';
const GMAIL_ORIGIN = 'https://mail.google.com';
/** Where a ticket opens when no Gmail tab of the mailbox is known (the first signed-in account). */
export const GMAIL_DEFAULT_BASE = `${GMAIL_ORIGIN}/mail/u/0/`;

interface ShownEntry {
  /** The notify record's id. */
  id: string;
  mailbox: string;
  threadId: string;
  /** When it was shown (epoch ms). */
  at: number;
}

export interface NotifierTab {
  id?: number | undefined;
  windowId?: number | undefined;
  url?: string | undefined;
  title?: string | undefined;
}

export interface NotifierDeps {
  /** This browser's agent name (settings); '' when not set, and then nothing is shown. */
  agentName(): Promise<string>;
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  notifications: {
    create(
      id: string,
      options: { type: 'basic'; iconUrl: string; title: string; message: string; contextMessage: string },
    ): Promise<unknown>;
    clear(id: string): Promise<unknown>;
  };
  tabs: {
    get(tabId: number): Promise<NotifierTab>;
    /** Gmail tabs (`https://mail.google.com/*`); the host permission lets the worker read their URL and title. */
    queryGmail(): Promise<NotifierTab[]>;
    update(tabId: number, properties: { url: string; active: true }): Promise<unknown>;
    create(properties: { url: string }): Promise<unknown>;
  };
  focusWindow(windowId: number): Promise<unknown>;
  iconUrl: string;
  /** The UI's strings (src/ui/i18n.ts `t`). */
  text(key: NotifyMessageKey, substitutions: string[]): string;
  /** A date and time in the UI's language (src/ui/i18n.ts `formatDateTime` unless given). */
  dateTime?(at: number): string;
  now(): number;
}

export type NotifyMessageKey =
  | 'notifyAssignedTitle'
  | 'notifyTicketMessage'
  | 'notifyMacroContext'
  | 'notifySlaAtRiskTitle'
  | 'notifySlaBreachedTitle'
  | 'notifySlaDueContext';

/** What a poll's mailbox offers: its notify records, and the ticket a notification names. */
export interface NotifySource {
  notifications(): Promise<readonly NotifyRecord[]>;
  ticket(threadId: string): Promise<{ subject: string; reference: string } | undefined>;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class MacroNotifier {
  /** Tabs that called with a mailbox (the worker forgets them when it restarts: then titles are read). */
  private readonly tabs = new Map<string, Set<number>>();
  /** Storage read-modify-writes, one after the other: two polls at once must not show one record twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: NotifierDeps) {}

  rememberTab(mailbox: string, tabId: number): void {
    for (const [other, tabs] of this.tabs) if (other !== mailbox) tabs.delete(tabId);
    const tabs = this.tabs.get(mailbox) ?? new Set<number>();
    tabs.add(tabId);
    this.tabs.set(mailbox, tabs);
  }

  /** After a poll of `mailbox`: shows the new notifications for this browser's agent. Resolves to their ids. */
  afterPoll(mailbox: string, source: NotifySource): Promise<string[]> {
    return this.serially(() => this.showNew(mailbox, source));
  }

  /** A click on one of ours: opens its ticket and clears it. False when the id is not ours. */
  async clicked(notificationId: string): Promise<boolean> {
    if (!notificationId.startsWith(ID_PREFIX)) return false;
    const id = notificationId.slice(ID_PREFIX.length);
    const entry = (await this.shown()).find((e) => e.id === id);
    if (entry) await this.openThread(entry.mailbox, entry.threadId);
    await this.deps.notifications.clear(notificationId);
    return true;
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async showNew(mailbox: string, source: NotifySource): Promise<string[]> {
    const me = (await this.deps.agentName()).trim();
    if (!me) return [];
    const now = this.deps.now();
    const shown = await this.shown();
    const seen = new Set(shown.map((e) => e.id));
    const fresh = (await source.notifications()).filter(
      (r) => sameName(r.to, me) && now - r.createdAt <= NOTIFY_MAX_AGE_MS && !seen.has(r.id),
    );
    if (fresh.length === 0) return [];
    const added: ShownEntry[] = [];
    for (const record of fresh) {
      const ticket = await source.ticket(record.threadId);
      const reference = ticket?.reference ?? ticketReference(record.threadId);
      const subject = ticket?.subject.trim() ?? '';
      // Remembered before it is shown: a failure to show must not bring it back at every poll.
      added.push({ id: record.id, mailbox, threadId: record.threadId, at: now });
      await this.deps.storage.set({ [NOTIFY_STORAGE_KEY]: [...shown, ...added].slice(-NOTIFY_SHOWN_MAX) });
      await this.deps.notifications
        .create(`${ID_PREFIX}${record.id}`, {
          type: 'basic',
          iconUrl: this.deps.iconUrl,
          ...this.wording(record),
          message: subject ? this.deps.text('notifyTicketMessage', [subject, reference]) : reference,
        })
        .catch((error: unknown) => {
          console.warn('Labeldesk: notification not shown:', error instanceof Error ? error.name : 'error');
        });
    }
    return added.map((e) => e.id);
  }

  /** The title and small print: who assigned it with which macro, or where its SLA clock stands. */
  private wording(record: NotifyRecord): { title: string; contextMessage: string } {
    if (record.reason === 'sla-at-risk' || record.reason === 'sla-breached') {
      const due = record.dueAt;
      return {
        title: this.deps.text(
          record.reason === 'sla-at-risk' ? 'notifySlaAtRiskTitle' : 'notifySlaBreachedTitle',
          [],
        ),
        contextMessage:
          due === undefined
            ? ''
            : this.deps.text('notifySlaDueContext', [(this.deps.dateTime ?? formatDateTime)(due)]),
      };
    }
    return {
      title: this.deps.text('notifyAssignedTitle', [record.from]),
      contextMessage: this.deps.text('notifyMacroContext', [record.macro]),
    };
  }

  private async shown(): Promise<ShownEntry[]> {
    const stored = (await this.deps.storage.get(NOTIFY_STORAGE_KEY))[NOTIFY_STORAGE_KEY];
    return Array.isArray(stored) ? stored.filter(isShownEntry) : [];
  }

  /** Focuses a Gmail tab of the mailbox on the thread, else opens one. */
  private async openThread(mailbox: string, threadId: string): Promise<void> {
    const hash = `#inbox/${threadId}`;
    const tab = await this.gmailTabOf(mailbox);
    if (tab?.id !== undefined && tab.url) {
      const base = tab.url.split('#')[0] ?? GMAIL_DEFAULT_BASE;
      await this.deps.tabs.update(tab.id, { url: `${base}${hash}`, active: true });
      if (tab.windowId !== undefined) await this.deps.focusWindow(tab.windowId).catch(() => undefined);
      return;
    }
    await this.deps.tabs.create({ url: `${GMAIL_DEFAULT_BASE}${hash}` });
  }

  private async gmailTabOf(mailbox: string): Promise<NotifierTab | undefined> {
    for (const tabId of this.tabs.get(mailbox) ?? []) {
      const tab = await this.deps.tabs.get(tabId).catch(() => undefined);
      if (tab && isGmail(tab.url)) return tab;
      this.tabs.get(mailbox)?.delete(tabId); // closed, or gone elsewhere
    }
    // Gmail's title names the account: "Inbox (3) - support@shop.example - Gmail".
    const all = await this.deps.tabs.queryGmail().catch(() => []);
    return all.find(
      (tab) => isGmail(tab.url) && tab.title?.toLowerCase().includes(` - ${mailbox.toLowerCase()} - `),
    );
  }
}

function isGmail(url: string | undefined): boolean {
  return url?.startsWith(`${GMAIL_ORIGIN}/mail/`) === true;
}

function isShownEntry(value: unknown): value is ShownEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.mailbox === 'string' &&
    typeof entry.threadId === 'string' &&
    /^[0-9a-f]{1,16}$/.test(entry.threadId) &&
    typeof entry.at === 'number'
  );
}
