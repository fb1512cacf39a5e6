/**
 * The demo mailbox's shared records (issue 5): the team set up a while ago (four agents, groups, a tag
 * taxonomy) and a reply library saved since (the six starter templates in all four languages, three text
 * shortcuts and four macros), so `npm start` shows the reply tools at once. They are ordinary record
 * messages under the hidden records label, as Labeldesk writes them (src/core/records.ts), read by a
 * browser's first sync like any record another agent wrote. 25 of the solved and closed tickets carry their
 * customer's CSAT answer (issue 7's reports: mostly good, some okay, four bad with comments, one of them
 * Marcus Reid's after his three emails about one late order).
 */
import { type AutomationSettings, automationSettingsSchema } from '../../../src/core/automation-config';
import { type Macro, macrosSchema } from '../../../src/core/macros';
import {
  RECORD_FORMAT_VERSION,
  RECORD_HEADER,
  type SharedRecord,
  shareRecordSchema,
} from '../../../src/core/records';
import { STARTER_TEMPLATES, starterTemplates } from '../../../src/core/starter-templates';
import type { TeamConfig } from '../../../src/core/team-config';
import type { TextShortcut } from '../../../src/core/text-shortcuts';
import type { Address, SeedThread } from '../contracts';
import { IdFactory } from '../ids';
import { demoThreads } from './demo';
import type { DemoThread } from './demo-types';

/** The records label of the demo's `Helpdesk` prefix (src/core/label-codec.ts `recordsLabel`). */
export const DEMO_RECORDS_LABEL = 'Helpdesk/.records';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The demo team (test/browser/harness.ts DEMO_TEAM is the same); Anna Kowalska is `npm start`'s agent. */
export const DEMO_TEAM_CONFIG: TeamConfig = {
  agents: [
    {
      name: 'Anna Kowalska',
      email: 'anna@northwind-shop.example',
      groups: ['Billing', 'Shipping'],
      lead: true,
    },
    {
      name: 'Dmitri Sokolov',
      email: 'dmitri@northwind-shop.example',
      groups: ['Tech', 'Billing'],
      lead: false,
    },
    { name: 'Sam Porter', email: 'sam@northwind-shop.example', groups: ['Sales', 'Shipping'], lead: false },
    { name: 'Yuki Tanaka', email: 'yuki@northwind-shop.example', groups: ['Shipping'], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['northwind-shop.example'],
  tags: [
    { path: 'Shipping/Late by shipper', description: 'The carrier has the parcel and is late.' },
    { path: 'Shipping/Warehouse delays', description: 'We have not dispatched it yet.' },
    { path: 'Returns and exchanges/Refund delay', description: 'The refund is taking too long.' },
    { path: 'Payments/Payment error', description: 'A payment failed or was taken twice.' },
    { path: 'Pre-sales/Product question' },
  ],
};

/** The seed's shortcuts (S000 lines 128-134): `демоо`, not `демо`, which is a word an agent types. */
export const DEMO_SHORTCUTS: readonly TextShortcut[] = [
  { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
  { abbreviation: 'пож', expansion: 'пожалуйста,' },
  { abbreviation: 'демоо', expansion: 'https://demo.labeldesk.example/' },
];

function starterId(key: (typeof STARTER_TEMPLATES)[number]['key']): string {
  const starter = STARTER_TEMPLATES.find((s) => s.key === key);
  if (!starter) throw new Error(`No starter template ${key}`);
  return starter.id;
}

/** Macros over the starter templates and the team above; "Escalate to billing" tells Dmitri. */
export const DEMO_MACROS: readonly Macro[] = macrosSchema.parse([
  {
    id: 'de300000-0000-4000-8000-000000000001',
    name: 'Ask for details',
    templateId: starterId('need-more-information'),
    patch: { status: 'Pending' },
  },
  {
    id: 'de300000-0000-4000-8000-000000000002',
    name: 'Solve and close',
    templateId: starterId('solved'),
    patch: { status: 'Solved' },
  },
  {
    id: 'de300000-0000-4000-8000-000000000003',
    name: 'Escalate to billing',
    patch: {
      group: 'Billing',
      assignee: 'Dmitri Sokolov',
      priority: 'High',
      addTags: ['Payments/Payment error'],
    },
    note: 'Escalated to billing: please check the payment and answer the customer.',
    notifyAssignee: true,
  },
  {
    id: 'de300000-0000-4000-8000-000000000004',
    name: 'Order not received',
    templateId: starterId('order-not-received'),
    patch: { status: 'Open', addTags: ['Shipping/Late by shipper'] },
  },
]);

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/**
 * The demo team's automations (issue 6): the Warsaw office's hours with the Polish public holidays of the
 * season, an SLA with a faster target for urgent tickets and VIP customers, the acknowledgement and the CSAT
 * survey turned on, one rule that sends invoice questions in four languages to Billing, and any agent's
 * browser may run them. Saved a minute before the demo starts, so only mail that arrives during the demo
 * is acknowledged.
 */
export const DEMO_AUTOMATION: AutomationSettings = automationSettingsSchema.parse({
  calendars: [
    {
      id: 'team',
      name: 'Warsaw office',
      timeZone: 'Europe/Warsaw',
      hours: WEEKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' })),
      holidays: [
        { date: '2026-12-24', name: 'Wigilia' },
        { date: '2026-12-25', name: 'Boże Narodzenie' },
        { date: '2026-12-26', name: 'Drugi dzień Bożego Narodzenia' },
        { date: '2027-01-01', name: 'Nowy Rok' },
        { date: '2027-01-06', name: 'Trzech Króli' },
      ],
    },
  ],
  sla: {
    targets: [
      { priority: 'Urgent', firstResponseHours: 4, resolutionHours: 24 },
      { tier: 'vip', firstResponseHours: 8, resolutionHours: 40 },
      { firstResponseHours: 24, resolutionHours: 120 },
    ],
    vip: { addresses: [], domains: ['bigcorp.example'] },
  },
  acknowledgement: { enabled: true },
  csat: { enabled: true, delayHours: 2 },
  rules: [
    {
      id: 'invoices-to-billing',
      name: 'Invoice questions go to Billing',
      conditions: [{ field: 'subject', words: ['invoice', 'faktura', 'fakturę', 'счёт', 'счет', '請求書'] }],
      actions: { group: 'Billing', assign: { mode: 'round-robin' } },
    },
  ],
});

/** One record as the message Labeldesk inserts: its header, its subject, the JSON envelope as the body. */
function recordThread(record: SharedRecord, subject: string, mailbox: Address): SeedThread {
  const parsed = shareRecordSchema.parse(record);
  return {
    messages: [
      {
        from: { name: 'Labeldesk', email: mailbox.email },
        to: [{ email: mailbox.email }],
        subject,
        date: new Date(parsed.createdAt),
        text: JSON.stringify({ labeldesk: RECORD_FORMAT_VERSION, record: parsed }),
        headers: {
          [RECORD_HEADER]: `${parsed.kind}; v=${RECORD_FORMAT_VERSION}`,
          'Auto-Submitted': 'auto-generated',
        },
      },
    ],
    labels: [DEMO_RECORDS_LABEL],
  };
}

type Rating = 'good' | 'okay' | 'bad';

/**
 * Who answered the survey: the n-th (from 1, oldest first) solved or closed ticket of a scenario, the rating,
 * the Customer Effort answer when given, and the customer's own words in the ticket's language.
 */
const DEMO_CSAT: readonly {
  scenario: string;
  nth: number;
  rating: Rating;
  effort?: number;
  comment?: string;
}[] = [
  { scenario: 'en-login-reset', nth: 1, rating: 'good', effort: 5, comment: 'Quick and easy, thanks!' },
  { scenario: 'en-refund-delay', nth: 1, rating: 'good' },
  {
    scenario: 'ja-receipt-name',
    nth: 1,
    rating: 'good',
    comment: '迅速に領収書を再発行していただき、助かりました。',
  },
  {
    scenario: 'en-payment-error',
    nth: 1,
    rating: 'okay',
    effort: 3,
    comment: 'Sorted in the end, but I had to send the bank statement twice.',
  },
  { scenario: 'en-login-reset', nth: 2, rating: 'good' },
  { scenario: 'ja-damaged-lid', nth: 1, rating: 'okay' },
  { scenario: 'ru-account-email', nth: 1, rating: 'good', effort: 5, comment: 'Спасибо, всё быстро решили!' },
  {
    scenario: 'en-address-change',
    nth: 1,
    rating: 'good',
    comment: 'Thanks for changing the address so fast.',
  },
  {
    scenario: 'ru-wrong-item',
    nth: 1,
    rating: 'okay',
    effort: 3,
    comment: 'Заменили, но пришлось ждать почти неделю.',
  },
  { scenario: 'en-invoice-company', nth: 1, rating: 'good' },
  {
    scenario: 'ja-account-login',
    nth: 1,
    rating: 'good',
    effort: 4,
    comment: 'ご丁寧な対応をありがとうございました。',
  },
  { scenario: 'en-refund-delay', nth: 2, rating: 'good', effort: 4 },
  {
    scenario: 'en-wrong-item',
    nth: 1,
    rating: 'good',
    comment: 'The right teapot arrived two days later. Lovely.',
  },
  { scenario: 'pl-feature-delivery', nth: 1, rating: 'good' },
  { scenario: 'ru-presales-delivery', nth: 1, rating: 'good' },
  { scenario: 'en-feature-gift-wrap', nth: 1, rating: 'good' },
  { scenario: 'en-not-received-shipper', nth: 1, rating: 'okay', effort: 2 },
  { scenario: 'en-not-shipped-warehouse', nth: 1, rating: 'good' },
  {
    scenario: 'ja-not-received',
    nth: 1,
    rating: 'bad',
    effort: 2,
    comment: '荷物が届くまで3週間近くかかり、何度も問い合わせる必要がありました。',
  },
  {
    scenario: 'ru-not-received-customs',
    nth: 1,
    rating: 'bad',
    effort: 1,
    comment: 'Посылка шла почти месяц, и мне пришлось писать трижды, чтобы узнать, где она.',
  },
  { scenario: 'pl-damaged', nth: 1, rating: 'okay' },
  {
    scenario: 'pl-invoice-tax-number',
    nth: 1,
    rating: 'good',
    comment: 'Faktura poprawiona w kilka minut, dziękuję!',
  },
  {
    scenario: 'pl-refund-delay',
    nth: 1,
    rating: 'bad',
    effort: 2,
    comment: 'Na zwrot pieniędzy trzeba było czekać ponad dwa tygodnie. Zdecydowanie za długo.',
  },
  { scenario: 'ru-return-request', nth: 1, rating: 'good' },
  {
    scenario: 'en-complaint-third',
    nth: 1,
    rating: 'bad',
    effort: 1,
    comment: 'Three emails before anyone answered me. The refund is fine, but that was poor service.',
  },
];

/**
 * The Gmail thread id each demo thread gets in the stand-in: the mailbox numbers the seed's messages in order
 * (threads as listed, each thread's messages by date) with the same id factory (ids.ts).
 */
function seedThreadIds(threads: readonly DemoThread[]): string[] {
  const ids = new IdFactory();
  return threads.map((demo) => {
    const messages = [...demo.thread.messages].sort((a, b) => a.date.getTime() - b.date.getTime());
    const messageIds = messages.map((message) => ids.messageId(message.date.getTime()));
    return messageIds[0] ?? '';
  });
}

/**
 * The CSAT answers of the seed: each answered some hours after the ticket's last team reply (the survey goes
 * two hours after the solve) and recorded a minute later by the runner that read it.
 */
export function demoCsatRecords(now: Date, mailbox: Address): SharedRecord[] {
  const threads = demoThreads(now, mailbox);
  const threadIds = seedThreadIds(threads);
  const seen = new Map<string, number>();
  const solved: { demo: DemoThread; threadId: string; nth: number }[] = [];
  for (const [index, demo] of threads.entries()) {
    if (demo.status !== 'Solved' && demo.status !== 'Closed') continue;
    const nth = (seen.get(demo.scenarioId) ?? 0) + 1;
    seen.set(demo.scenarioId, nth);
    solved.push({ demo, threadId: threadIds[index] ?? '', nth });
  }
  return DEMO_CSAT.map((answer, index) => {
    const found = solved.find((s) => s.demo.scenarioId === answer.scenario && s.nth === answer.nth);
    if (!found) throw new Error(`The demo has no solved ticket ${answer.nth} of ${answer.scenario}`);
    const lastReply = found.demo.thread.messages
      .filter((m) => m.from.email.toLowerCase() === mailbox.email.toLowerCase())
      .reduce((latest, m) => Math.max(latest, m.date.getTime()), 0);
    const answeredAt = lastReply + (3 + ((index * 7) % 20)) * HOUR_MS;
    if (answeredAt + 60_000 >= now.getTime()) throw new Error(`${answer.scenario} was solved too recently`);
    const record: SharedRecord = {
      kind: 'csat',
      id: `de300000-0000-4000-8000-${(0xc5a000 + index).toString(16).padStart(12, '0')}`,
      threadId: found.threadId,
      rating: answer.rating,
      // The answer message itself is not in the seed (it was archived long ago); its id is made the same way.
      answerMessageId: ((BigInt(answeredAt) << 20n) | 0xfffffn).toString(16).padStart(16, '0'),
      answeredAt,
      createdAt: answeredAt + 60_000,
    };
    if (answer.effort !== undefined) record.effort = answer.effort;
    if (answer.comment !== undefined) record.comment = answer.comment;
    return record;
  });
}

/**
 * The team config (set up 59 days before `now`), the reply library (saved 2 days before), the automation
 * settings (saved a minute before) and the customers' CSAT answers.
 */
export function demoRecordThreads(now: Date, mailbox: Address): SeedThread[] {
  const configAt = now.getTime() - 59 * DAY_MS;
  const libraryAt = now.getTime() - 2 * DAY_MS;
  return [
    recordThread(
      {
        kind: 'config',
        id: 'de300000-0000-4000-8000-0000000000c0',
        author: 'Anna Kowalska',
        config: DEMO_TEAM_CONFIG,
        createdAt: configAt,
      },
      'Labeldesk config',
      mailbox,
    ),
    recordThread(
      {
        kind: 'templates',
        id: 'de300000-0000-4000-8000-0000000000a0',
        author: 'Anna Kowalska',
        library: {
          templates: starterTemplates('en', libraryAt, 'Anna Kowalska'),
          shortcuts: [...DEMO_SHORTCUTS],
          macros: [...DEMO_MACROS],
        },
        createdAt: libraryAt,
      },
      'Labeldesk templates',
      mailbox,
    ),
    recordThread(
      {
        kind: 'automation',
        id: 'de300000-0000-4000-8000-0000000000b0',
        author: 'Anna Kowalska',
        settings: DEMO_AUTOMATION,
        createdAt: now.getTime() - 60_000,
      },
      'Labeldesk automation',
      mailbox,
    ),
    ...demoCsatRecords(now, mailbox).map((record) =>
      recordThread(record, `Labeldesk csat ${record.kind === 'csat' ? record.threadId : ''}`, mailbox),
    ),
  ];
}
