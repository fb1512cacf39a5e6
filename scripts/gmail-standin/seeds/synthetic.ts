/**
 * `--threads N`: synthetic support threads for scale tests (sync, queues, the page's paging). They are
 * plausible rather than literary: subjects, senders and bodies are drawn from small vocabularies, so
 * 10,000 threads build in a few tens of milliseconds. Deterministic for a given N and clock.
 */
import type { Address, SeedMessage, SeedThread } from '../contracts';
import { createRandom, type Random } from './random';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SPREAD_DAYS = 90;
/** A different stream from the demo's, so synthetic threads do not echo demo threads. */
const SYNTHETIC_RANDOM_SEED = 0x5eed_2026;

const FIRST_NAMES = [
  'Alex',
  'Maria',
  'John',
  'Aiko',
  'Olga',
  'Piotr',
  'Sarah',
  'Kenji',
  'Lena',
  'David',
  'Zofia',
  'Ivan',
  'Emily',
  'Hiro',
  'Nina',
  'Marek',
  'Laura',
  'Tariq',
  'Chen',
  'Fatima',
  'Lucas',
  'Ines',
  'Oskar',
  'Mei',
] as const;
const LAST_NAMES = [
  'Smith',
  'Nowak',
  'Ivanova',
  'Sato',
  'Muller',
  'Garcia',
  'Kowalczyk',
  'Petrov',
  'Watanabe',
  'Brown',
  'Rossi',
  'Lindqvist',
  'Novak',
  'Okafor',
  'Haddad',
  'Jensen',
  'Moreau',
  'Kim',
  'Silva',
  'Takahashi',
] as const;
const DOMAINS = ['mail.example', 'post.example', 'inbox.example', 'webmail.example', 'corp.example'] as const;
const PRODUCTS = [
  'cast iron teapot',
  'glass teapot',
  'celadon cup set',
  'bamboo tea tray',
  'matcha whisk',
  'tea caddy',
  'linen napkins',
  'oolong sampler',
  'travel tumbler',
  'ceramic kettle',
  'gift box',
  'tea strainer',
] as const;

interface Topic {
  subject: (product: string, order: string) => string;
  opening: (product: string, order: string) => string;
  followUp: string;
  tags: readonly string[];
  group: string;
}

const TOPICS: readonly Topic[] = [
  {
    subject: (_product, order) => `Order ${order} not delivered`,
    opening: (product, order) =>
      `My ${product} (order ${order}) has not arrived yet and tracking has not moved.`,
    followUp: 'Any news about the delivery?',
    tags: ['Shipping/Late by shipper', 'Shipping/Warehouse delays'],
    group: 'Shipping',
  },
  {
    subject: (product) => `Broken ${product}`,
    opening: (product, order) => `The ${product} from order ${order} arrived broken. Can you replace it?`,
    followUp: 'Could you confirm when the replacement ships?',
    tags: ['Returns and exchanges/Damaged in transit'],
    group: 'Shipping',
  },
  {
    subject: (_product, order) => `Refund for ${order}`,
    opening: (product, order) => `I returned the ${product} from order ${order} but have not been refunded.`,
    followUp: 'The refund still is not on my card.',
    tags: ['Returns and exchanges/Refund delay'],
    group: 'Billing',
  },
  {
    subject: (_product, order) => `Invoice correction ${order}`,
    opening: (_product, order) =>
      `Please reissue the invoice for order ${order} with our company name and VAT number.`,
    followUp: 'Our accountant is still waiting for the corrected invoice.',
    tags: ['Invoice data/Wrong company details', 'Invoice data'],
    group: 'Billing',
  },
  {
    subject: () => 'Payment failed but I was charged',
    opening: (_product, order) =>
      `The checkout said the payment failed, yet my bank shows a charge for ${order}.`,
    followUp: 'Is the double charge going to be released?',
    tags: ['Payments/Payment error'],
    group: 'Billing',
  },
  {
    subject: () => 'Cannot log in',
    opening: () => 'The password reset email never arrives, so I cannot get into my account.',
    followUp: 'Still locked out, please help.',
    tags: ['Customer accounts/Password reset', 'Customer accounts'],
    group: 'Tech',
  },
  {
    subject: (product) => `Question about the ${product}`,
    opening: (product) => `Before I order: is the ${product} dishwasher safe, and do you ship to Canada?`,
    followUp: 'One more question: can it be gift wrapped?',
    tags: ['Pre-sales/Product question', 'Pre-sales'],
    group: 'Sales',
  },
  {
    subject: () => 'Feature request',
    opening: () => 'A wishlist on your website would help me a lot.',
    followUp: 'Any plans for this?',
    tags: ['Feature request'],
    group: 'Tech',
  },
  {
    subject: (_product, order) => `Complaint about order ${order}`,
    opening: (_product, order) => `This is the second time order ${order} has gone wrong. I am not happy.`,
    followUp: 'I still have not heard back from anyone.',
    tags: ['Complaint', 'Complaint/Slow response'],
    group: 'Shipping',
  },
  {
    subject: (_product, order) => `Change address for ${order}`,
    opening: (_product, order) => `Please ship order ${order} to my new address instead.`,
    followUp: 'Did you manage to change it before dispatch?',
    tags: ['Order processing/Address change'],
    group: 'Shipping',
  },
];

const TEAM_REPLIES = [
  'Thanks for writing. I have looked into it and will update you shortly.',
  'Sorry for the trouble. I have sent a replacement and will share the tracking number.',
  'Thank you for your patience. This is sorted now; let us know if anything else comes up.',
  'I have passed this on to the right person and will get back to you tomorrow.',
] as const;

const AGENTS = ['Anna Kowalska', 'Dmitri Sokolov', 'Yuki Tanaka', 'Sam Porter'] as const;
const PRIORITIES = ['Low', 'Normal', 'Normal', 'High', 'Urgent'] as const;

function customerOf(random: Random): Address {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}${random.int(1, 99)}@${random.pick(DOMAINS)}`.toLowerCase(),
  };
}

function labelsFor(topic: Topic, lastFromTeam: boolean, messageCount: number, random: Random): string[] {
  const status = lastFromTeam
    ? random.pick(['Pending', 'On hold', 'Solved', 'Solved', 'Closed'] as const)
    : messageCount === 1
      ? 'New'
      : 'Open';
  const labels = [`Helpdesk/Status/${status}`];
  if (random.chance(0.7)) labels.push(`Helpdesk/Priority/${random.pick(PRIORITIES)}`);
  if (status !== 'New' && random.chance(0.85)) labels.push(`Helpdesk/Assignee/${random.pick(AGENTS)}`);
  if (random.chance(0.6)) labels.push(`Helpdesk/Group/${topic.group}`);
  labels.push(`Helpdesk/Tag/${random.pick(topic.tags)}`);
  return labels;
}

/** The share of synthetic threads that carry Helpdesk labels unless told otherwise. */
export const DEFAULT_TICKET_SHARE = 0.4;

/**
 * N synthetic threads of 1 to 5 messages over the 90 days before `now`; `ticketShare` of them (about)
 * carry Helpdesk labels. The share changes no other draw, so the mail itself is the same for any share.
 */
export function syntheticThreads(
  count: number,
  now: Date,
  emailAddress: string,
  ticketShare = DEFAULT_TICKET_SHARE,
): SeedThread[] {
  const random = createRandom(SYNTHETIC_RANDOM_SEED);
  const mailbox: Address = { name: 'Support', email: emailAddress };
  const nowMs = now.getTime();
  const threads: SeedThread[] = [];
  for (let index = 0; index < count; index += 1) {
    const topic = random.pick(TOPICS);
    const product = random.pick(PRODUCTS);
    const order = `#SY-${100_000 + index}`;
    const subject = topic.subject(product, order);
    const customer = customerOf(random);
    const messageCount = random.int(1, 5);

    // Gaps first, then place the thread so its last message is before now and its first within 90 days.
    const offsets = [0];
    for (let message = 1; message < messageCount; message += 1) {
      offsets.push((offsets[message - 1] ?? 0) + random.between(0.5, 30) * HOUR_MS);
    }
    const spanMs = offsets[offsets.length - 1] ?? 0;
    const startMs = nowMs - Math.max(spanMs + 60_000, random.next() * SPREAD_DAYS * DAY_MS);

    const messages: SeedMessage[] = offsets.map((offset, message) => {
      const fromTeam = message % 2 === 1;
      const date = new Date(startMs + offset);
      if (fromTeam) {
        return {
          from: mailbox,
          to: [customer],
          subject: `Re: ${subject}`,
          date,
          text: `Hi ${customer.name},\n\n${random.pick(TEAM_REPLIES)}\n\n${random.pick(AGENTS)}`,
        };
      }
      return {
        from: customer,
        to: [mailbox],
        subject: message === 0 ? subject : `Re: ${subject}`,
        date,
        text: `Hello,\n\n${message === 0 ? topic.opening(product, order) : topic.followUp}\n\n${customer.name}`,
        unread: message === messageCount - 1 && random.chance(0.3),
      };
    });

    const labels = random.chance(ticketShare)
      ? labelsFor(topic, messageCount % 2 === 0, messageCount, random)
      : [];
    if (random.chance(0.05)) labels.push('STARRED');
    threads.push({ messages, labels });
  }
  return threads;
}
