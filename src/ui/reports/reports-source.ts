/**
 * What the reports page reads, as one small interface like the options page's services, so the page runs
 * and is tested without chrome.* or IndexedDB. The page passes `reportsSource(...)`; tests pass
 * `fakeReportsSource`. Nothing here leaves the browser: facts come from this browser's store, the typed-in
 * monthly counts from chrome.storage.local.
 */
import { z } from 'zod/mini';
import { type AutomationSettings, defaultAutomationSettings } from '../../core/automation-config';
import type { CsatFact, MonthlyCounts, TicketFacts } from '../../core/metrics/facts';
import type { TeamView } from '../../messaging/contract';
import type { BackgroundCall } from '../team/options-service';

export interface ReportsData {
  facts: TicketFacts[];
  csat: CsatFact[];
  settings: AutomationSettings;
  team: TeamView;
}

export interface PrepareProgress {
  /** Tickets whose timeline is still to read. */
  pending: number;
  total: number;
}

export interface ReportsSource {
  /** Mailboxes a Gmail tab has shown in this browser. */
  mailboxes(): Promise<string[]>;
  /** Every ticket's and CSAT answer's facts from this browser's store, with the settings and team set-up. */
  load(mailbox: string): Promise<ReportsData>;
  /** Asks the service worker to read ticket timelines for the reports; how far it has got. */
  prepare(mailbox: string): Promise<PrepareProgress>;
  /** The orders and customers typed in per month for the volume ratio. */
  getMonthly(mailbox: string): Promise<MonthlyCounts[]>;
  setMonthly(mailbox: string, counts: MonthlyCounts[]): Promise<void>;
}

const count = z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000_000));
export const monthlyCountsSchema = z.array(
  z.object({
    month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
    orders: z.optional(count),
    customers: z.optional(count),
  }),
);

/** chrome.storage.local's get and set, or a stand-in for tests. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const monthlyKey = (mailbox: string) => `labeldesk.reports.monthly:${mailbox.toLowerCase()}`;

/** Stored counts, or none when absent or not in the expected shape (an older or hand-edited value). */
export async function readMonthly(area: KeyValueArea, mailbox: string): Promise<MonthlyCounts[]> {
  const key = monthlyKey(mailbox);
  const stored = (await area.get(key))[key];
  const parsed = monthlyCountsSchema.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

export async function writeMonthly(area: KeyValueArea, mailbox: string, counts: MonthlyCounts[]) {
  const kept = counts.filter((c) => c.orders !== undefined || c.customers !== undefined);
  await area.set({ [monthlyKey(mailbox)]: monthlyCountsSchema.parse(kept) });
}

/**
 * The source backed by the service worker (`callerFor(pageResults)`), the store (`readInputs`, which opens
 * the mailbox's IndexedDB on the extension's origin) and chrome.storage.local.
 */
export function reportsSource(options: {
  call: BackgroundCall;
  readInputs: (mailbox: string) => Promise<{ facts: TicketFacts[]; csat: CsatFact[] }>;
  area: KeyValueArea;
}): ReportsSource {
  const { call, readInputs, area } = options;
  return {
    mailboxes: async () => (await call('team.mailboxes', {})).mailboxes,
    async load(mailbox) {
      const [inputs, automation, team] = await Promise.all([
        readInputs(mailbox),
        // Without the settings the report still draws, in clock hours and UTC days.
        call('automation.get', { mailbox }).catch(() => null),
        call('team.get', { mailbox }).catch((): TeamView => ({ mailbox, config: null, me: '' })),
      ]);
      return { ...inputs, settings: automation?.settings ?? defaultAutomationSettings(), team };
    },
    prepare: (mailbox) => call('reports.prepare', { mailbox }),
    getMonthly: (mailbox) => readMonthly(area, mailbox),
    setMonthly: (mailbox, counts) => writeMonthly(area, mailbox, counts),
  };
}

export interface FakeReportsState {
  mailboxes: string[];
  data: Record<string, ReportsData>;
  /** Answers of 'reports.prepare' in turn; the last repeats. */
  progress?: PrepareProgress[];
  monthly?: Record<string, MonthlyCounts[]>;
}

/** An in-memory source for tests; `failNext.load = 'reason'` makes the next call fail. */
export function fakeReportsSource(state: FakeReportsState) {
  const calls: { method: keyof ReportsSource; args: unknown[] }[] = [];
  const failNext: Partial<Record<keyof ReportsSource, string>> = {};
  let prepared = 0;
  const answer = async <T>(method: keyof ReportsSource, args: unknown[], value: () => T): Promise<T> => {
    calls.push({ method, args });
    await Promise.resolve();
    const failure = failNext[method];
    if (failure !== undefined) {
      delete failNext[method];
      throw new Error(failure);
    }
    return value();
  };
  const source: ReportsSource & { calls: typeof calls; failNext: typeof failNext; state: FakeReportsState } =
    {
      calls,
      failNext,
      state,
      mailboxes: () => answer('mailboxes', [], () => [...state.mailboxes]),
      load: (mailbox) =>
        answer('load', [mailbox], () => {
          const data = state.data[mailbox];
          if (data === undefined) throw new Error(`No data for ${mailbox}`);
          return data;
        }),
      prepare: (mailbox) =>
        answer('prepare', [mailbox], () => {
          const list = state.progress ?? [{ pending: 0, total: 0 }];
          const at = list[Math.min(prepared++, list.length - 1)];
          return at ?? { pending: 0, total: 0 };
        }),
      getMonthly: (mailbox) =>
        answer('getMonthly', [mailbox], () => structuredClone(state.monthly?.[mailbox] ?? [])),
      setMonthly: (mailbox, counts) =>
        answer('setMonthly', [mailbox, counts], () => {
          state.monthly = { ...state.monthly, [mailbox]: structuredClone(counts) };
        }),
    };
  return source;
}
