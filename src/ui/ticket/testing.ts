/**
 * Helpers for the ticket panel's tests: English messages through a stand-in `chrome.i18n` (so controls are found
 * by the names an agent reads), fixtures, and queries by accessible name. Not shipped: only tests import it.
 */
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import english from '../../../public/_locales/en/messages.json';
import type { TeamView, TicketContext, TicketView } from '../../messaging/contract';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const LOCALES: Record<string, Messages> = { en: english as Messages };

/** Chrome's substitution rules, enough for our messages: `$NAME$` → its placeholder's `$n` → the nth value. */
export function localMessage(messages: Messages, key: string, substitutions: readonly string[] = []): string {
  const entry = messages[key];
  if (entry === undefined) return '';
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => substitutions[Number(n) - 1] ?? '');
  });
}

export function englishMessage(key: string, substitutions: readonly string[] = []): string {
  return localMessage(english as Messages, key, substitutions);
}

/**
 * Installs a stand-in `chrome.i18n` answering from a locale's messages (English unless given); returns the
 * function that removes it again.
 */
export function useEnglish(language = 'en', messages: Messages = LOCALES.en ?? {}): () => void {
  const global = globalThis as { chrome?: unknown };
  const previous = global.chrome;
  global.chrome = {
    i18n: {
      getMessage: (key: string, substitutions?: string | string[]) =>
        localMessage(
          messages,
          key,
          typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []),
        ),
      getUILanguage: () => language,
    },
  };
  return () => {
    global.chrome = previous;
  };
}

export const HOUR = 3_600_000;
/** A fixed "now" for every test: Monday 23 November 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export const TICKET: TicketView = {
  threadId: '184a87a7b32dd009',
  reference: '#K7Q2XM',
  subject: 'Where is my order #1042?',
  requester: { email: 'jan.kowalski@firma.example', name: 'Jan Kowalski' },
  status: 'Open',
  priority: 'Normal',
  assignee: 'Anna',
  tags: [{ what: 'Shipping', why: 'Late by shipper' }],
  createdAt: NOW - 2 * HOUR,
  slaDueAt: NOW + 6 * HOUR,
  pendingSync: false,
  hasMetadata: true,
};

export const TEAM: TeamView = {
  mailbox: 'support@shop.example',
  me: 'Anna',
  config: {
    agents: [
      { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
      { name: 'Piotr Nowak', email: 'piotr@shop.example', groups: ['Logistics'], lead: false },
      { name: 'Yuki', email: 'yuki@shop.example', groups: ['Billing'], lead: false },
    ],
    labelPrefix: 'Helpdesk',
    teamDomains: ['shop.example'],
    tags: [
      { path: 'Shipping/Late by shipper', description: 'The carrier missed its date' },
      { path: 'Shipping/Warehouse delays', description: 'Our warehouse shipped late' },
      { path: 'Invoice data', description: 'Wrong company name or tax id on an invoice' },
      { path: 'Returns and exchanges' },
    ],
  },
};

export const CONTEXT: TicketContext = {
  notes: [
    {
      id: 'n1',
      author: 'Piotr Nowak',
      body: 'Carrier says Friday. @Anna can you call them?',
      mentions: ['Anna'],
      createdAt: NOW - HOUR,
    },
  ],
  activity: [
    { id: 'a1', actor: 'Anna', field: 'ticket', createdAt: NOW - 2 * HOUR },
    { id: 'a2', actor: 'Anna', field: 'status', from: 'New', to: 'Open', createdAt: NOW - 90 * 60_000 },
  ],
  history: {
    sameSender: [
      {
        threadId: '18000000000000a1',
        reference: '#AB12CD',
        subject: 'Invoice for order #998',
        status: 'Closed',
        tags: [],
        createdAt: NOW - 30 * 24 * HOUR,
      },
    ],
    sameDomain: [],
    ratings: [],
  },
  presence: [],
};

export const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

/** Settles until `find` returns something: an effect may start the next request only after the last act ended. */
export async function waitFor<T>(
  find: () => T | null | undefined | false,
  what = 'the condition',
): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const found = find();
    if (found) return found;
    await settle();
  }
  throw new Error(`waitFor: ${what} never held`);
}

/** The control named `name` by a `<label for>` or `aria-label`. */
export function byLabel(root: ParentNode, name: string): HTMLElement | null {
  for (const label of root.querySelectorAll('label')) {
    if (label.textContent?.trim() === name && label.htmlFor) {
      const control = root.querySelector(`[id="${label.htmlFor}"]`);
      if (control instanceof HTMLElement) return control;
    }
  }
  return root.querySelector<HTMLElement>(
    `[aria-label="${name.replaceAll('"', '\\"')}"]:not(ul):not(section)`,
  );
}

/** The button whose accessible name (aria-label, else text) is `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement | null {
  for (const element of root.querySelectorAll('button')) {
    if ((element.getAttribute('aria-label') ?? element.textContent?.trim()) === name) return element;
  }
  return null;
}

export function statusText(root: ParentNode): string[] {
  return [...root.querySelectorAll('[role="status"]')].map((element) => element.textContent?.trim() ?? '');
}

export async function choose(select: HTMLElement | null, value: string): Promise<void> {
  if (!(select instanceof HTMLSelectElement)) throw new Error('not a select');
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function typeInto(field: HTMLElement | null, value: string): Promise<void> {
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement))
    throw new Error('not a text field');
  await act(() => {
    field.value = value;
    field.setSelectionRange(value.length, value.length);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function press(
  target: Element | null,
  key: string,
  init: KeyboardEventInit = {},
): Promise<void> {
  if (!target) throw new Error('no element to press a key on');
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

/** Renders one component into a fresh container in the body; returns the container. */
export function mount(vnode: ComponentChild): HTMLElement {
  document.body.innerHTML = '<div></div>';
  const root = document.body.firstElementChild as HTMLElement;
  act(() => render(vnode, root));
  return root;
}

export function unmount(): void {
  const root = document.body.firstElementChild;
  if (root) act(() => render(null, root));
  document.body.innerHTML = '';
}
