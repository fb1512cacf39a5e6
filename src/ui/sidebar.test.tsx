// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { LabeldeskError } from '../messaging/errors';
import { DeskActions } from './actions';
import { fakeConnector } from './connector';
import { SidebarFrame, TicketPanel } from './sidebar';
import { TICKET as TICKET_VIEW, useEnglish } from './ticket/testing';

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** Settles until `done` holds: an effect may start the next request only after the last act has ended. */
async function settleUntil(done: () => boolean, tries = 50): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await settle();
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
    show(<p>inside</p>);
    const landmark = document.querySelector('[role="complementary"]');
    expect(landmark?.getAttribute('aria-label')).toBe('Labeldesk');
    expect(landmark?.textContent).toContain('inside');
  });

  it("declares the language of its strings, which need not be Gmail's (WCAG 3.1.2)", () => {
    // Chrome says en-US (as headless Chromium does) while the messages it picked are the Russian ones.
    const restore = useEnglish('en-US', { appLanguage: { message: 'ru' } });
    try {
      show(<p>inside</p>);
      expect(document.querySelector('[role="complementary"]')?.getAttribute('lang')).toBe('ru');
    } finally {
      restore();
    }
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
