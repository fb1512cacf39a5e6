/**
 * The demo mailbox's shared records (issue 5): the team set up a while ago (four agents, groups, a tag
 * taxonomy) and a reply library saved since (the six starter templates in all four languages, three text
 * shortcuts and four macros), so `npm start` shows the reply tools at once. They are ordinary record
 * messages under the hidden records label, as Labeldesk writes them (src/core/records.ts), read by a
 * browser's first sync like any record another agent wrote.
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

/** The records label of the demo's `Helpdesk` prefix (src/core/label-codec.ts `recordsLabel`). */
export const DEMO_RECORDS_LABEL = 'Helpdesk/.records';

const DAY_MS = 86_400_000;

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

/**
 * The team config (set up 59 days before `now`), the reply library (saved 2 days before) and the automation
 * settings (saved a minute before).
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
  ];
}
