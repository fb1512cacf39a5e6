// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketDescription } from '../messaging/contract';
import { LabeldeskError } from '../messaging/errors';
import { DeskActions } from './actions';
import { fakeConnector } from './connector';
import { QueuePlaceholder, SidebarFrame, TicketCard, TicketPanel, type TicketSource } from './sidebar';
import { TICKET as TICKET_VIEW } from './ticket/testing';

const TICKET: TicketDescription = {
  threadId: '184a87a7b32dd009',
  reference: '#7351EA',
  subject: 'Where is my order #1042?',
  messageCount: 3,
};

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** Settles until `done` holds: an effect may start the next request only after the last act has ended. */
async function settleUntil(done: () => boolean, tries = 50): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await settle();
}

function source(describe: () => Promise<TicketDescription>, calls: string[] = []): TicketSource {
  return {
    describe: () => {
      calls.push('describe');
      return describe();
    },
    signIn: async () => {
      calls.push('signIn');
    },
    openOptions: async () => {
      calls.push('openOptions');
    },
  };
}

const container = () => document.body.firstElementChild as HTMLElement;

afterEach(() => {
  render(null, container());
  document.body.innerHTML = '';
});

function show(card: preact.ComponentChild) {
  document.body.innerHTML = '<div></div>';
  // Inside act, so Preact runs effects now rather than after the next paint.
  act(() => render(<SidebarFrame>{card}</SidebarFrame>, container()));
}

describe('the sidebar', () => {
  it('is a landmark named Labeldesk', () => {
    show(<QueuePlaceholder />);
    const landmark = document.querySelector('[role="complementary"]');
    expect(landmark?.getAttribute('aria-label')).toBe('Labeldesk');
    expect(landmark?.textContent).toContain('sidebarQueuesPlaceholder');
  });

  it('shows the page subject and reference at once, then the ticket from the API', async () => {
    let resolve: (ticket: TicketDescription) => void = () => {};
    show(
      <TicketCard
        pageSubject="Where is my order"
        reference="#7351EA"
        source={source(() => new Promise((r) => (resolve = r)))}
      />,
    );
    await settle();
    expect(container().textContent).toContain('Where is my order');
    expect(container().textContent).toContain('#7351EA');
    expect(container().querySelector('[role="status"]')?.textContent).toBe('ticketLoading');
    await act(() => resolve(TICKET));
    await settleUntil(() => container().querySelector('h3')?.textContent === 'Where is my order #1042?');
    expect(container().querySelector('h3')?.textContent).toBe('Where is my order #1042?');
    expect(container().querySelector('dl')?.textContent).toContain('3');
    expect(container().querySelector('[role="status"]')).toBeNull();
  });

  it('explains a missing client id and offers the options page', async () => {
    const calls: string[] = [];
    show(
      <TicketCard
        pageSubject="Refund"
        reference="#7351EA"
        source={source(() => Promise.reject(new LabeldeskError('not-configured', 'no client id')), calls)}
      />,
    );
    await settleUntil(() => container().querySelector('[role="alert"]') !== null);
    expect(container().querySelector('[role="alert"]')?.textContent).toContain('errorNotConfigured');
    await act(() => container().querySelector('button')?.click());
    expect(calls).toEqual(['describe', 'openOptions']);
  });

  it('signs in when silent sign-in was not enough, then loads the ticket again', async () => {
    const calls: string[] = [];
    let signedIn = false;
    const ticketSource = source(
      () =>
        signedIn ? Promise.resolve(TICKET) : Promise.reject(new LabeldeskError('auth-required', 'sign in')),
      calls,
    );
    ticketSource.signIn = async () => {
      calls.push('signIn');
      signedIn = true;
    };
    show(<TicketCard pageSubject="Refund" reference="#7351EA" source={ticketSource} />);
    await settleUntil(() => container().querySelector('button') !== null);
    await act(() => container().querySelector('button')?.click());
    await settleUntil(() => container().querySelector('h3')?.textContent === TICKET.subject);
    expect(calls).toEqual(['describe', 'signIn', 'describe']);
    expect(container().querySelector('h3')?.textContent).toBe(TICKET.subject);
  });
});

describe('the ticket panel in the sidebar', () => {
  const panel = (connector: ReturnType<typeof fakeConnector>, onSignIn?: () => Promise<void>) => (
    <TicketPanel
      connector={connector}
      actions={new DeskActions()}
      threadId={TICKET_VIEW.threadId}
      pageSubject="Refund"
      onSignIn={onSignIn}
    />
  );

  it('explains a missing client id and offers the options page', async () => {
    const connector = fakeConnector({
      'ticket.get': () => Promise.reject(new LabeldeskError('not-configured', 'no client id')),
    });
    show(panel(connector));
    await settleUntil(() => container().querySelector('[role="alert"]') !== null);
    expect(container().querySelector('[role="alert"]')?.textContent).toContain('errorNotConfigured');
    expect(container().querySelector('h3')?.textContent).toBe('Refund');
    await act(() => container().querySelector('button')?.click());
    expect(connector.opened).toEqual(['options']);
  });

  it('signs in, then reads the ticket again', async () => {
    let signedIn = false;
    const connector = fakeConnector({
      'ticket.get': () =>
        signedIn
          ? { kind: 'ticket', ticket: TICKET_VIEW }
          : Promise.reject(new LabeldeskError('auth-required', 'sign in')),
      'ticket.context': () => new Promise(() => {}),
      'team.get': () => new Promise(() => {}),
    });
    show(
      panel(connector, async () => {
        signedIn = true;
      }),
    );
    await settleUntil(() => container().querySelector('button') !== null);
    expect(container().querySelector('button')?.textContent).toBe('actionSignIn');
    await act(() => container().querySelector('button')?.click());
    await settleUntil(() => container().querySelector('.ticket-reference') !== null);
    expect(container().querySelector('.ticket-reference')?.textContent).toBe(TICKET_VIEW.reference);
    expect(connector.calls.filter((call) => call.method === 'ticket.get')).toHaveLength(2);
  });

  it.each([
    ['mailbox-mismatch', 'errorMailboxMismatch', 'actionSignIn'],
    ['gmail-api', 'errorGmailApi Backend Error', 'actionRetry'],
  ] as const)('names a %s failure and offers the fix', async (code, text, action) => {
    const connector = fakeConnector({
      'ticket.get': () => Promise.reject(new LabeldeskError(code, 'Backend Error')),
    });
    show(panel(connector));
    await settleUntil(() => container().querySelector('[role="alert"]') !== null);
    expect(container().querySelector('[role="alert"] p')?.textContent).toBe(text);
    expect(container().querySelector('[role="alert"] button')?.textContent).toBe(action);
    // Without an onSignIn the button tries again; with a retry the call is repeated either way.
    await act(() => container().querySelector<HTMLButtonElement>('[role="alert"] button')?.click());
    await settleUntil(() => connector.calls.length === 2);
    expect(connector.calls.map((call) => call.method)).toEqual(['ticket.get', 'ticket.get']);
  });
});
