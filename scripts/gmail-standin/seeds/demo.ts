/**
 * The demo seed: the shared support mailbox of Northwind Shop (tea ware and home goods, ships
 * internationally), as it looks after two months of work, dated back from the stand-in's clock.
 *
 * What it contains (demo.test.ts checks these numbers):
 * - 150 threads over the 60 days before `now`: 125 customer tickets and 25 non-tickets.
 * - Tickets per language: English 50, Russian 28, Polish 25, Japanese 22, written from 42 scenarios
 *   (demo-scenarios-{en,ru,pl,ja}.ts: 16, 10, 8, 8), each a scripted conversation that a thread follows
 *   up to some point; customers, products, order and tracking numbers and amounts vary per thread.
 * - Tickets per kind: order not received 20, wrong item 9, damaged item 9, refund 11, invoice data 14,
 *   payment error 11, account 10, order change 5, pre-sales 18, feature request 6, complaint 5,
 *   thanks 7. Marcus Reid complains three times about one late order, Игорь Петренко twice.
 * - Non-tickets (demo-non-tickets.ts): 9 newsletters (List-Id, List-Unsubscribe, Precedence: bulk;
 *   CATEGORY_PROMOTIONS), 8 notifications (Auto-Submitted: auto-generated; CATEGORY_UPDATES),
 *   6 auto-replies (Auto-Submitted: auto-replied, X-Autoreply: yes; en, ru, pl, ja), 2 mailer-daemon
 *   bounces. 3 more out-of-office replies sit inside ticket threads (scenario en-refund-delay).
 * - 93 tickets carry Helpdesk labels (DESIGN.md section 1): exactly one status (New 23, Open 14,
 *   Pending 6, On hold 5, Solved 33, Closed 12), at most one priority, assignee and group, "what" or
 *   "what/why" tags; solved and closed tickets end with a team reply, new ones are a single customer
 *   message. The other 32 tickets are not triaged yet.
 * - Team replies come from the mailbox, signed by one of four agents (demo-people.ts), with `Re:`
 *   subjects and an HTML part; customers send `Content-Language` about half the time.
 * - 391 messages: threads of 1 to 10 messages (9 threads of 6 or more), 35 messages with an attachment
 *   (a small PNG or a one-page PDF), 37 unread; 17 threads STARRED, 45 IMPORTANT.
 * The label choices and texts do not depend on `now`: the same seeded generator runs every time, so a
 * later clock gives the same mailbox with every date moved by the same amount.
 */
import type { Address, SeedMessage } from '../contracts';
import { attachmentFor } from './demo-files';
import { nonTicketThreads } from './demo-non-tickets';
import { AGENTS, CUSTOMERS } from './demo-people';
import { SCENARIOS_EN } from './demo-scenarios-en';
import { SCENARIOS_JA } from './demo-scenarios-ja';
import { SCENARIOS_PL } from './demo-scenarios-pl';
import { SCENARIOS_RU } from './demo-scenarios-ru';
import type {
  Agent,
  Customer,
  DemoThread,
  Language,
  Priority,
  Scenario,
  ScriptStep,
  Status,
} from './demo-types';
import { createRandom, type Random } from './random';

export const DEMO_SCENARIOS: readonly Scenario[] = [
  ...SCENARIOS_EN,
  ...SCENARIOS_RU,
  ...SCENARIOS_PL,
  ...SCENARIOS_JA,
];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DEMO_WINDOW_DAYS = 60;
const HELPDESK = 'Helpdesk';
/** Changing it reshuffles the whole demo; screenshots and docs would change with it. */
const DEMO_RANDOM_SEED = 20_261_123;

const TEAM_SIGNATURE: Record<Language, (agent: string) => string> = {
  en: (agent) => `${agent}\nNorthwind Shop Support`,
  ru: (agent) => `${agent}\nСлужба поддержки Northwind Shop`,
  pl: (agent) => `${agent}\nObsługa klienta Northwind Shop`,
  ja: (agent) =>
    `\n――――――――――――――――\nNorthwind Shop カスタマーサポート\n${agent}\nsupport@northwind-shop.example`,
};

const AUTO_REPLY_SUBJECT: Record<Language, string> = {
  en: 'Automatic reply: ',
  ru: 'Автоответ: ',
  pl: 'Odpowiedź automatyczna: ',
  ja: '自動応答: ',
};

const CONTENT_LANGUAGE: Record<Language, readonly string[]> = {
  en: ['en-GB', 'en-US', 'en-IE'],
  ru: ['ru', 'ru-RU'],
  pl: ['pl', 'pl-PL'],
  ja: ['ja', 'ja-JP'],
};

/** The values a scenario's templates are filled with, fixed per thread. */
interface Fill {
  customer: Customer;
  agent: Agent;
  order: string;
  tracking: string;
  tracking2: string;
  /** Absent when the scenario is not about one product. */
  product?: string;
  amount: string;
}

function fillTemplate(template: string, fill: Fill): string {
  const values: Record<string, string> = {
    greeting: fill.customer.greeting,
    customer: fill.customer.signature,
    agent: fill.agent.signature[fill.customer.language],
    order: `#${fill.order}`,
    orderNumber: fill.order,
    tracking: fill.tracking,
    tracking2: fill.tracking2,
    amount: fill.amount,
    ...(fill.product ? { product: fill.product } : {}),
  };
  return template
    .replace(/\{(\w+)\}/g, (_match, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`Unknown placeholder {${key}} in a demo template`);
      return value;
    })
    .replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_match, female: string, male: string) =>
      fill.customer.gender === 'female' ? female : male,
    )
    .replace(/<([^|>]*)\|([^>]*)>/g, (_match, female: string, male: string) =>
      fill.agent.gender === 'female' ? female : male,
    );
}

/** The check digit of a UPU S10 item number's eight serial digits (weights 8 6 4 2 3 5 9 7, mod 11). */
export function s10CheckDigit(serial: readonly number[]): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = serial.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** A tracking number as Polish post prints them (two letters, eight digits, check digit, PL). */
export function trackingNumber(random: Random): string {
  const serial = Array.from({ length: 8 }, () => random.int(0, 9));
  return `${random.pick(['RR', 'CP', 'LX', 'RB'])}${serial.join('')}${s10CheckDigit(serial)}PL`;
}

function amountIn(language: Language, random: Random): string {
  if (language === 'pl') return `${random.int(59, 649)},${random.pick(['00', '90', '99'])} zł`;
  const euros = `${random.int(19, 149)}`;
  const cents = random.pick(['00', '50', '90']);
  return language === 'ru' ? `${euros},${cents} €` : `€${euros}.${cents}`;
}

function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div dir="ltr">${escaped
    .split('\n\n')
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('')}</div>`;
}

/** How long after the previous message each one comes, in hours: people answer at people's pace. */
function gapHours(previous: ScriptStep['by'], next: ScriptStep['by'], random: Random): number {
  if (next === 'customer-auto-reply') return random.between(0.01, 0.05);
  if (previous === 'customer-auto-reply') return random.between(48, 120);
  if (next === 'team') return random.between(0.3, 26);
  if (previous === 'customer') return random.between(20, 80);
  return random.between(1, 60);
}

/** Which status the conversation's last message implies, and how long ago (in days) it may have started. */
function statusAfter(
  steps: readonly ScriptStep[],
  random: Random,
): { status: Status; startDays: [number, number] } {
  const last = steps[steps.length - 1];
  if (last === undefined) throw new Error('A demo conversation needs at least one message');
  if (last.by !== 'team') {
    return steps.length === 1
      ? { status: 'New', startDays: [0.05, 2.5] }
      : { status: 'Open', startDays: [0.5, 12] };
  }
  if (last.resolves) {
    return random.chance(0.35)
      ? { status: 'Closed', startDays: [20, 58] }
      : { status: 'Solved', startDays: [2, 40] };
  }
  return random.chance(0.7)
    ? { status: 'Pending', startDays: [1, 14] }
    : { status: 'On hold', startDays: [3, 25] };
}

/** How much of the scripted conversation has happened: the whole of it about half the time. */
function conversationLength(scenario: Scenario, random: Random): number {
  const total = scenario.steps.length;
  if (scenario.customerEmail || total === 1 || random.chance(0.5)) return total;
  // A thread never stops on an auto-reply: someone has written after it by the time we look.
  const cuts = scenario.steps
    .map((step, index) => ({ step, length: index + 1 }))
    .filter(({ step, length }) => step.by !== 'customer-auto-reply' && length < total);
  return random.pick(cuts).length;
}

function shiftPriority(priority: Priority, random: Random): Priority {
  const order: readonly Priority[] = ['Low', 'Normal', 'High', 'Urgent'];
  if (!random.chance(0.2)) return priority;
  const index = order.indexOf(priority) + (random.chance(0.5) ? 1 : -1);
  return order[Math.max(0, Math.min(order.length - 1, index))] ?? priority;
}

function helpdeskLabels(scenario: Scenario, status: Status, agent: Agent, random: Random): string[] {
  const labels = [`${HELPDESK}/Status/${status}`];
  if (random.chance(0.85)) labels.push(`${HELPDESK}/Priority/${shiftPriority(scenario.priority, random)}`);
  if (status !== 'New' || random.chance(0.2)) labels.push(`${HELPDESK}/Assignee/${agent.name}`);
  if (scenario.group && random.chance(0.8)) labels.push(`${HELPDESK}/Group/${scenario.group}`);
  for (const tag of scenario.tags) {
    // Freshly triaged tickets often have only the "what" of a tag; the "why" comes once it is understood.
    const what = tag.split('/')[0] ?? tag;
    const name = (status === 'New' || status === 'Open') && random.chance(0.4) ? what : tag;
    if (!labels.includes(`${HELPDESK}/Tag/${name}`)) labels.push(`${HELPDESK}/Tag/${name}`);
  }
  return labels;
}

function ticketThread(
  scenario: Scenario,
  now: Date,
  random: Random,
  mailbox: Address,
  customerCounter: Map<Language, number>,
): DemoThread {
  const pool = CUSTOMERS[scenario.language];
  let customer: Customer | undefined;
  if (scenario.customerEmail) {
    customer = pool.find((candidate) => candidate.email === scenario.customerEmail);
  } else {
    // Walk the customers in a shuffled order, so some write once and most write twice or three times.
    const count = customerCounter.get(scenario.language) ?? random.int(0, pool.length - 1);
    customerCounter.set(scenario.language, count + random.int(1, 3));
    customer = pool[count % pool.length];
  }
  if (!customer) throw new Error(`Scenario ${scenario.id} has no customer in ${scenario.language}`);
  const agent = random.pick(AGENTS.filter((candidate) => candidate.languages.includes(scenario.language)));

  const steps = scenario.steps.slice(0, conversationLength(scenario, random));
  const { status, startDays } = statusAfter(steps, random);
  const labelled = random.chance(0.72);

  // Lay the messages out in time first, then place the conversation so it ends before now.
  const offsets = [0];
  for (let index = 1; index < steps.length; index += 1) {
    const previous = steps[index - 1];
    const step = steps[index];
    if (!previous || !step) continue;
    offsets.push((offsets[index - 1] ?? 0) + gapHours(previous.by, step.by, random) * HOUR_MS);
  }
  const spanMs = offsets[offsets.length - 1] ?? 0;
  const [fromDays, toDays] = scenario.startedDaysAgo ?? (labelled ? startDays : [0.05, DEMO_WINDOW_DAYS]);
  // The last message lands at least a few minutes before now, and the first within the demo's window.
  const minAgoMs = Math.max(fromDays * DAY_MS, spanMs + random.between(0.1, 6) * HOUR_MS);
  const maxAgoMs = Math.max(minAgoMs, Math.min(toDays, DEMO_WINDOW_DAYS) * DAY_MS);
  const startAgoMs = Math.min(random.between(minAgoMs, maxAgoMs), DEMO_WINDOW_DAYS * DAY_MS);
  const start = now.getTime() - startAgoMs;

  const orderNumber = `NW-${10_200 + Math.floor((DEMO_WINDOW_DAYS - startAgoMs / DAY_MS) * 8) - random.int(8, 60)}`;
  const fill: Fill = {
    customer,
    agent,
    order: orderNumber,
    tracking: trackingNumber(random),
    tracking2: trackingNumber(random),
    ...(scenario.products ? { product: random.pick(scenario.products) } : {}),
    amount: amountIn(scenario.language, random),
  };
  // One variant number per thread, so the subject and the steps that have variants tell the same story.
  const variant = random.int(0, 59);
  const subject = fillTemplate(scenario.subjects[variant % scenario.subjects.length] ?? '', fill);
  const contentLanguage = random.chance(0.5) ? random.pick(CONTENT_LANGUAGE[scenario.language]) : undefined;
  const lastTeamIndex = steps.map((step) => step.by).lastIndexOf('team');
  const unreadTail = random.chance(0.75);

  const messages: SeedMessage[] = steps.map((step, index) => {
    const text = fillTemplate(
      typeof step.text === 'string' ? step.text : (step.text[variant % step.text.length] ?? ''),
      fill,
    );
    const date = new Date(start + (offsets[index] ?? 0));
    const attachments = step.attachment ? [attachmentFor(fillTemplate(step.attachment, fill))] : undefined;
    const customerAddress: Address = { name: customer.name, email: customer.email };
    if (step.by === 'team') {
      const signed = `${text}\n${TEAM_SIGNATURE[scenario.language](fill.agent.signature[scenario.language])}`;
      return {
        from: mailbox,
        to: [customerAddress],
        subject: `Re: ${subject}`,
        date,
        text: signed,
        html: textToHtml(signed),
        ...(attachments ? { attachments } : {}),
      };
    }
    const autoReply = step.by === 'customer-auto-reply';
    const headers: Record<string, string> = {
      ...(contentLanguage ? { 'Content-Language': contentLanguage } : {}),
      ...(autoReply ? { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' } : {}),
    };
    return {
      from: customerAddress,
      to: [mailbox],
      subject: autoReply
        ? `${AUTO_REPLY_SUBJECT[scenario.language]}Re: ${subject}`
        : index === 0
          ? subject
          : `Re: ${subject}`,
      date,
      text,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(attachments ? { attachments } : {}),
      unread: index > lastTeamIndex && unreadTail && now.getTime() - date.getTime() < 10 * DAY_MS,
    };
  });

  const labels: string[] = [];
  if (labelled) labels.push(...helpdeskLabels(scenario, status, agent, random));
  const urgent = scenario.priority === 'High' || scenario.priority === 'Urgent';
  if (random.chance(urgent ? 0.7 : 0.15)) labels.push('IMPORTANT');
  if (random.chance(0.1)) labels.push('STARRED');

  return {
    scenarioId: scenario.id,
    kind: scenario.kind,
    language: scenario.language,
    ...(labelled ? { status } : {}),
    thread: { messages, labels },
  };
}

/** Every thread of the demo with what it stands for, oldest conversation first. */
export function demoThreads(now: Date, mailbox: Address): DemoThread[] {
  const random = createRandom(DEMO_RANDOM_SEED);
  const customerCounter = new Map<Language, number>();
  const tickets = DEMO_SCENARIOS.flatMap((scenario) =>
    Array.from({ length: scenario.threads }, () =>
      ticketThread(scenario, now, random, mailbox, customerCounter),
    ),
  );
  const all = [...tickets, ...nonTicketThreads(now, random, mailbox)];
  const firstDate = (thread: DemoThread) => thread.thread.messages[0]?.date.getTime() ?? 0;
  return all.sort((a, b) => firstDate(a) - firstDate(b));
}
