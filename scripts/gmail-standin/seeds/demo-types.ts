import type { SeedThread } from '../contracts';

/** The vocabulary the demo mailbox is written in: who writes, about what, and how a conversation goes. */

export type Language = 'en' | 'ru' | 'pl' | 'ja';
export const LANGUAGES: readonly Language[] = ['en', 'ru', 'pl', 'ja'];

/** What a customer writes about; matches PRODUCT.md's starter tags. */
export type TicketKind =
  | 'order-not-received'
  | 'wrong-item'
  | 'damaged-item'
  | 'refund'
  | 'invoice-data'
  | 'payment-error'
  | 'account'
  | 'order-change'
  | 'pre-sales'
  | 'feature-request'
  | 'complaint'
  | 'thanks';

/** Mail that lands in a support inbox but must never become a ticket. */
export type NonTicketKind = 'auto-reply' | 'bounce' | 'newsletter' | 'notification';

export type Gender = 'female' | 'male';

export interface Customer {
  /** Full name as the mail client shows it. */
  name: string;
  email: string;
  language: Language;
  gender: Gender;
  /** How a reply greets them: "Hi Emma", "Пани Katarzyno", "佐藤様". */
  greeting: string;
  /** The name they sign with. */
  signature: string;
}

export type Group = 'Billing' | 'Shipping' | 'Tech' | 'Sales';
export type Priority = 'Low' | 'Normal' | 'High' | 'Urgent';
export type Status = 'New' | 'Open' | 'Pending' | 'On hold' | 'Solved' | 'Closed';

export interface Agent {
  /** As on the Helpdesk/Assignee label. */
  name: string;
  gender: Gender;
  /** The name the agent signs with, per language of the reply. */
  signature: Record<Language, string>;
  languages: readonly Language[];
}

/**
 * One message of a scripted conversation. Texts are templates:
 * `{greeting}` `{customer}` `{order}` (#NW-10423) `{orderNumber}` (NW-10423) `{tracking}` `{tracking2}`
 * `{product}` `{amount}`,
 * `[her|his]` picks by the customer's gender, `<she|he>` by the agent's.
 */
export interface ScriptStep {
  by: 'customer' | 'team' | 'customer-auto-reply';
  /** Variants: a thread takes variant k of its subject and of every step, so lists of one length agree. */
  text: string | readonly string[];
  /** A team reply after which the ticket is solved. */
  resolves?: boolean;
  /** A file name template ending in .png or .pdf; the bytes are a small valid file of that type. */
  attachment?: string;
}

export interface Scenario {
  id: string;
  language: Language;
  kind: TicketKind;
  /** Subject variants of the first message (templates like the texts), taken like the text variants. */
  subjects: readonly string[];
  steps: readonly ScriptStep[];
  group?: Group;
  /** Tag paths under Helpdesk/Tag/: "Shipping/Late by shipper". */
  tags: readonly string[];
  priority: Priority;
  /** How many threads of the demo follow this scenario. */
  threads: number;
  /** Products the conversation can be about, in the form the texts need. */
  products?: readonly string[];
  /** How long ago the thread started, in days (default: anywhere in the last 60 days that fits its state). */
  startedDaysAgo?: readonly [min: number, max: number];
  /** Complaints repeated by one customer: every thread of the scenario comes from this address. */
  customerEmail?: string;
}

/** One thread of the demo with what it stands for, so tests and docs can count by kind and language. */
export interface DemoThread {
  scenarioId: string;
  kind: TicketKind | NonTicketKind;
  language: Language;
  /** The Helpdesk status, when the thread already carries Helpdesk labels. */
  status?: Status;
  thread: SeedThread;
}
