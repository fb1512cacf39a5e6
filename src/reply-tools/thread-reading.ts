/**
 * The open thread's messages as Gmail's page shows them (issue 5): who sent each and its text, so the reply
 * tools can tell the customer's language and offer the team's sent replies as templates. Read from the DOM,
 * never from the API: what the agent sees is what a template is made from. Never throws into Gmail's page.
 */

import { detectThreadLanguage } from '../core/language-detect';
import type { TemplateLanguage } from '../core/templates';
import { ownTextOf } from '../gmail/dom/compose';
import { gmailSelectors, observeMutations, queryAllGmail, queryGmail } from '../gmail/dom/selectors';

export interface ThreadMessage {
  /** Gmail's message id (`data-legacy-message-id`), or its position when Gmail shows none. */
  id: string;
  /** The sender's address, lower case; empty when Gmail shows none. */
  from: string;
  fromName: string | undefined;
  /** The writer's own words: without the signature and the quoted conversation. */
  text: string;
  /** When it was sent, as Gmail's header says (its title); undefined when unreadable. */
  sentAt: number | undefined;
}

/** Every message of the open thread, oldest first. */
export function readThreadMessages(doc: Document): ThreadMessage[] {
  try {
    const main = queryGmail(doc, gmailSelectors.mainRegion) ?? doc;
    return queryAllGmail(main, gmailSelectors.message).map((message, index) => {
      const sender = queryGmail(message, gmailSelectors.messageSender);
      const body = queryGmail(message, gmailSelectors.messageBody);
      const title = message.querySelector('[title].g3, .g3[title]')?.getAttribute('title');
      const sentAt = title ? Date.parse(title.replace(/\u202f/g, ' ')) : Number.NaN;
      return {
        id: message.getAttribute('data-legacy-message-id') ?? String(index),
        from: (sender?.getAttribute('email') ?? '').trim().toLowerCase(),
        fromName: sender?.getAttribute('name') ?? sender?.textContent?.trim() ?? undefined,
        text: body ? ownTextOf(body) : '',
        sentAt: Number.isNaN(sentAt) ? undefined : sentAt,
      };
    });
  } catch {
    return [];
  }
}

/** Messages the customer wrote: not sent from the team's mailbox nor by one of the team's agents. */
export function customerMessages(
  messages: readonly ThreadMessage[],
  mailbox: string,
  teamAddresses: readonly string[] = [],
): ThreadMessage[] {
  const team = new Set([mailbox, ...teamAddresses].map((address) => address.toLowerCase()));
  return messages.filter((message) => message.from !== '' && !team.has(message.from));
}

/** Messages sent from the team's mailbox, oldest first. */
export function sentMessages(messages: readonly ThreadMessage[], mailbox: string): ThreadMessage[] {
  const address = mailbox.toLowerCase();
  return messages.filter((message) => message.from === address && message.text !== '');
}

/** The customer's language from their messages in the thread; undefined when they wrote nothing readable. */
export function customerLanguage(
  messages: readonly ThreadMessage[],
  mailbox: string,
  teamAddresses: readonly string[] = [],
): TemplateLanguage | undefined {
  const texts = customerMessages(messages, mailbox, teamAddresses)
    .map((message) => message.text)
    .filter((text) => text.trim() !== '');
  if (texts.length === 0) return undefined;
  const guess = detectThreadLanguage(texts);
  return guess.confidence > 0 ? guess.language : undefined;
}

/**
 * Calls `onChange` with the thread's messages now and again whenever Gmail renders a different set (a
 * thread still loading, a message expanded, a reply sent). Stops when `signal` aborts.
 */
export function watchThreadMessages(
  doc: Document,
  onChange: (messages: ThreadMessage[]) => void,
  signal: AbortSignal,
  debounceMs = 250,
): void {
  if (signal.aborted) return;
  const key = (messages: readonly ThreadMessage[]) =>
    messages.map((message) => `${message.id}:${message.from}:${message.text.length}`).join('|');
  let current = readThreadMessages(doc);
  let shown = key(current);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    if (signal.aborted) return;
    current = readThreadMessages(doc);
    const next = key(current);
    if (next === shown) return;
    shown = next;
    onChange(current);
  };
  const observer = observeMutations(doc, () => {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  });
  observer.observe(queryGmail(doc, gmailSelectors.mainRegion) ?? doc.body ?? doc.documentElement, {
    subtree: true,
    childList: true,
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  onChange(current);
}
