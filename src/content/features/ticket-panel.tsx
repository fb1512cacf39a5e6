import { render } from 'preact';
import { ticketReference } from '../../core/ticket-reference';
import type { GmailRoute } from '../../gmail/dom/route-watcher';
import { readMailboxAddress } from '../../gmail/dom/thread-view';
import type { TicketDescription } from '../../messaging/contract';
import { LabeldeskError } from '../../messaging/errors';
import { callBackground } from '../../messaging/sender';
import { t } from '../../ui/i18n';
import { QueuePlaceholder, SidebarFrame, TicketCard, type TicketSource } from '../../ui/sidebar';

export interface FeatureContext {
  route: GmailRoute;
  /** Inside the sidebar's Shadow DOM root. */
  mount: HTMLElement;
  doc: Document;
}

/**
 * The sidebar's ticket panel: the open thread's subject and reference, with the ticket read through the
 * Gmail API by the service worker; the queue placeholder when the tab shows a list.
 */
export function init(signal: AbortSignal, { route, mount, doc }: FeatureContext): void {
  if (signal.aborted) return;
  signal.addEventListener('abort', () => render(null, mount), { once: true });
  if (route?.threadId !== lastTicket?.threadId) lastTicket = undefined;
  if (route === undefined) {
    render(
      <SidebarFrame>
        <QueuePlaceholder />
      </SidebarFrame>,
      mount,
    );
    return;
  }
  const { threadId, subject } = route;
  if (threadId === undefined) {
    render(
      <SidebarFrame>
        <h3 class="ticket-subject">{subject}</h3>
        <p>{t('ticketNoApiId')}</p>
      </SidebarFrame>,
      mount,
    );
    return;
  }
  render(
    <SidebarFrame>
      <TicketCard
        key={threadId}
        pageSubject={subject}
        reference={ticketReference(threadId)}
        source={ticketSource(threadId, doc)}
      />
    </SidebarFrame>,
    mount,
  );
}

/**
 * The open thread's answer, kept while the agent stays on it: Gmail renders a thread in steps (hash, then
 * heading), and each step re-runs the features; the ticket is read from the API once.
 */
let lastTicket: { threadId: string; answer: Promise<TicketDescription> } | undefined;

function describeOnce(threadId: string, mailbox: string): Promise<TicketDescription> {
  if (lastTicket?.threadId === threadId) return lastTicket.answer;
  const answer = callBackground('ticket.describe', { threadId, mailbox });
  const entry = { threadId, answer };
  lastTicket = entry;
  answer.catch(() => {
    if (lastTicket === entry) lastTicket = undefined; // a failure is asked again on retry
  });
  return answer;
}

function ticketSource(threadId: string, doc: Document): TicketSource {
  const mailbox = () => {
    const address = readMailboxAddress(doc);
    if (address === undefined) throw new LabeldeskError('internal', t('errorNoMailbox'));
    return address;
  };
  return {
    describe: async () => describeOnce(threadId, mailbox()),
    signIn: async () => {
      await callBackground('auth.signIn', { mailbox: mailbox() });
    },
    openOptions: async () => {
      await callBackground('options.open', {});
    },
  };
}
