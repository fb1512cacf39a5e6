import { describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import japanese from '../../public/_locales/ja/messages.json';
import polish from '../../public/_locales/pl/messages.json';
import russian from '../../public/_locales/ru/messages.json';
import type { NotifyRecord } from '../core/macros';
import { ticketReference } from '../core/ticket-reference';
import { localMessage } from '../ui/ticket/testing';
import {
  GMAIL_DEFAULT_BASE,
  MacroNotifier,
  NOTIFY_SHOWN_MAX,
  NOTIFY_STORAGE_KEY,
  type NotifierDeps,
  type NotifierTab,
  type NotifySource,
} from './notifications';

const NOW = Date.UTC(2026, 10, 23, 12);
const MAILBOX = 'support@northwind-shop.example';
const THREAD = '184a87a7b32dd009';

let n = 0;
function notify(overrides: Partial<NotifyRecord> = {}): NotifyRecord {
  n += 1;
  return {
    kind: 'notify',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    to: 'Yuki Tanaka',
    from: 'Dmitri Volkov',
    threadId: THREAD,
    macro: 'Escalate to billing',
    createdAt: NOW - 60_000,
    ...overrides,
  };
}

/** A browser's chrome.* as far as the notifier uses it: storage that survives a new notifier (a worker restart). */
function fakeBrowser(agentName = 'Yuki Tanaka', tabs: NotifierTab[] = []) {
  const store: Record<string, unknown> = {};
  const shown: { id: string; options: Parameters<NotifierDeps['notifications']['create']>[1] }[] = [];
  const cleared: string[] = [];
  const updated: { tabId: number; url: string }[] = [];
  const created: string[] = [];
  const focused: number[] = [];
  const deps: NotifierDeps = {
    agentName: async () => agentName,
    storage: {
      get: async (key) => (key in store ? { [key]: structuredClone(store[key]) } : {}),
      set: async (items) => {
        Object.assign(store, structuredClone(items));
      },
    },
    notifications: {
      create: async (id, options) => shown.push({ id, options }),
      clear: async (id) => cleared.push(id),
    },
    tabs: {
      get: async (tabId) => {
        const tab = tabs.find((t) => t.id === tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}`);
        return tab;
      },
      queryGmail: async () => tabs.filter((t) => t.url?.startsWith('https://mail.google.com/')),
      update: async (tabId, { url }) => updated.push({ tabId, url }),
      create: async ({ url }) => created.push(url),
    },
    focusWindow: async (windowId) => focused.push(windowId),
    iconUrl: 'chrome-extension://abc/icons/128.png',
    text: (key, substitutions) => `${key}(${substitutions.join('|')})`,
    now: () => NOW,
  };
  return { deps, store, shown, cleared, updated, created, focused };
}

function source(records: NotifyRecord[], subject = 'Parcel never arrived'): NotifySource {
  return {
    notifications: async () => records,
    ticket: async (threadId) => ({ subject, reference: ticketReference(threadId) }),
  };
}

describe('macro notifications', () => {
  it('shows a notification for me once, not again after the next poll or a worker restart', async () => {
    const browser = fakeBrowser();
    const record = notify();
    const notifier = new MacroNotifier(browser.deps);
    expect(await notifier.afterPoll(MAILBOX, source([record]))).toEqual([record.id]);
    expect(browser.shown).toEqual([
      {
        id: `labeldesk-notify:${record.id}`,
        options: {
          type: 'basic',
          iconUrl: 'chrome-extension://abc/icons/128.png',
          title: 'notifyAssignedTitle(Dmitri Volkov)',
          message: `notifyTicketMessage(Parcel never arrived|${ticketReference(THREAD)})`,
          contextMessage: 'notifyMacroContext(Escalate to billing)',
        },
      },
    ]);

    expect(await notifier.afterPoll(MAILBOX, source([record]))).toEqual([]);
    expect(await new MacroNotifier(browser.deps).afterPoll(MAILBOX, source([record]))).toEqual([]);
    expect(browser.shown).toHaveLength(1);
  });

  it('matches my name ignoring case, and shows two polls at once only once', async () => {
    const browser = fakeBrowser('yuki TANAKA');
    const notifier = new MacroNotifier(browser.deps);
    const record = notify();
    const both = await Promise.all([
      notifier.afterPoll(MAILBOX, source([record])),
      notifier.afterPoll(MAILBOX, source([record])),
    ]);
    expect(both.flat()).toEqual([record.id]);
    expect(browser.shown).toHaveLength(1);
  });

  it("never shows one for someone else, one over a day old, or any when this browser's agent has no name", async () => {
    const browser = fakeBrowser();
    const notifier = new MacroNotifier(browser.deps);
    const records = [
      notify({ to: 'Anna Kowalska' }),
      notify({ createdAt: NOW - 24 * 60 * 60_000 - 1 }),
      notify({ to: 'Yuki' }),
    ];
    expect(await notifier.afterPoll(MAILBOX, source(records))).toEqual([]);
    const nameless = fakeBrowser('  ');
    expect(await new MacroNotifier(nameless.deps).afterPoll(MAILBOX, source([notify()]))).toEqual([]);
    expect([...browser.shown, ...nameless.shown]).toEqual([]);
  });

  it('says the reference alone when the subject is not known yet', async () => {
    const browser = fakeBrowser();
    const record = notify();
    await new MacroNotifier(browser.deps).afterPoll(MAILBOX, {
      notifications: async () => [record],
      ticket: async () => undefined,
    });
    expect(browser.shown[0]?.options.message).toBe(ticketReference(THREAD));
  });

  it(`remembers the last ${NOTIFY_SHOWN_MAX} shown`, async () => {
    const browser = fakeBrowser();
    const records = Array.from({ length: NOTIFY_SHOWN_MAX + 5 }, () => notify());
    await new MacroNotifier(browser.deps).afterPoll(MAILBOX, source(records));
    const kept = browser.store[NOTIFY_STORAGE_KEY] as { id: string }[];
    expect(kept).toHaveLength(NOTIFY_SHOWN_MAX);
    expect(kept.at(-1)?.id).toBe(records.at(-1)?.id);
  });

  it("a click focuses the mailbox's Gmail tab on the thread and clears the notification", async () => {
    const tabs = [
      {
        id: 3,
        windowId: 1,
        url: 'https://mail.google.com/mail/u/1/#inbox',
        title: 'Inbox - other@x.example',
      },
      { id: 4, windowId: 2, url: 'https://mail.google.com/mail/u/2/#label/Helpdesk', title: 'Gmail' },
    ];
    const browser = fakeBrowser('Yuki Tanaka', tabs);
    const notifier = new MacroNotifier(browser.deps);
    notifier.rememberTab(MAILBOX, 4);
    const record = notify();
    await notifier.afterPoll(MAILBOX, source([record]));
    expect(await notifier.clicked(`labeldesk-notify:${record.id}`)).toBe(true);
    expect(browser.updated).toEqual([{ tabId: 4, url: `https://mail.google.com/mail/u/2/#inbox/${THREAD}` }]);
    expect(browser.focused).toEqual([2]);
    expect(browser.cleared).toEqual([`labeldesk-notify:${record.id}`]);
    expect(await notifier.clicked('someone-else:1')).toBe(false);
  });

  it('after a worker restart finds the tab by the account in its title, else opens Gmail on the thread', async () => {
    const tabs = [
      {
        id: 9,
        windowId: 5,
        url: 'https://mail.google.com/mail/u/0/#inbox',
        title: `Inbox (3) - ${MAILBOX} - Gmail`,
      },
    ];
    const browser = fakeBrowser('Yuki Tanaka', tabs);
    const record = notify();
    await new MacroNotifier(browser.deps).afterPoll(MAILBOX, source([record]));
    await new MacroNotifier(browser.deps).clicked(`labeldesk-notify:${record.id}`);
    expect(browser.updated).toEqual([{ tabId: 9, url: `https://mail.google.com/mail/u/0/#inbox/${THREAD}` }]);

    const alone = fakeBrowser('Yuki Tanaka', []);
    await new MacroNotifier(alone.deps).afterPoll(MAILBOX, source([record]));
    await new MacroNotifier(alone.deps).clicked(`labeldesk-notify:${record.id}`);
    expect(alone.created).toEqual([`${GMAIL_DEFAULT_BASE}#inbox/${THREAD}`]);
    expect(alone.cleared).toEqual([`labeldesk-notify:${record.id}`]);
  });
});

describe('SLA notifications', () => {
  const due = NOW - 30 * 60_000;

  it('say at risk or breached and when the reply is due, not who applied a macro', async () => {
    const browser = fakeBrowser();
    browser.deps.dateTime = (at) => new Date(at).toISOString();
    const atRisk = notify({ from: 'Labeldesk', macro: 'SLA', reason: 'sla-at-risk', dueAt: due });
    const breached = notify({ from: 'Labeldesk', macro: 'SLA', reason: 'sla-breached', dueAt: due });
    await new MacroNotifier(browser.deps).afterPoll(MAILBOX, source([atRisk, breached]));
    expect(browser.shown.map((s) => [s.options.title, s.options.contextMessage])).toEqual([
      ['notifySlaAtRiskTitle()', `notifySlaDueContext(${new Date(due).toISOString()})`],
      ['notifySlaBreachedTitle()', `notifySlaDueContext(${new Date(due).toISOString()})`],
    ]);
    expect(browser.shown[0]?.options.message).toBe(
      `notifyTicketMessage(Parcel never arrived|${ticketReference(THREAD)})`,
    );
  });

  it.each([
    ['en', english, 'Reply overdue: SLA breached', 'Due 23/11/2026'],
    ['ru', russian, 'Срок ответа пропущен: SLA нарушен', 'Срок: 23/11/2026'],
    ['pl', polish, 'Odpowiedź spóźniona: SLA przekroczone', 'Termin: 23/11/2026'],
    ['ja', japanese, '返信期限を過ぎました（SLA 違反）', '期限: 23/11/2026'],
  ] as const)('are worded in %s', async (_, messages, title, context) => {
    const browser = fakeBrowser();
    browser.deps.text = (key, substitutions) =>
      localMessage(messages as Parameters<typeof localMessage>[0], key, substitutions);
    browser.deps.dateTime = (at) => new Date(at).toLocaleDateString('en-GB', { timeZone: 'UTC' });
    await new MacroNotifier(browser.deps).afterPoll(
      MAILBOX,
      source([notify({ from: 'Labeldesk', macro: 'SLA', reason: 'sla-breached', dueAt: due })]),
    );
    expect(browser.shown[0]?.options.title).toBe(title);
    expect(browser.shown[0]?.options.contextMessage).toBe(context);
  });
});
