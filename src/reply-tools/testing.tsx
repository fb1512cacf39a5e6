/**
 * Helpers for the reply tools' component tests (not shipped): a small library in two languages, a Russian
 * customer's ticket matching the committed Gmail reply fixture, and mounting TicketTools over a fakeConnector.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { PatchHooks, TicketToolsProps } from '../content/reply-tools-api';
import type { TicketPatch } from '../core/macros';
import type { TemplateLibrary } from '../core/templates';
import type { TeamView, TicketPatchArgs, TicketView } from '../messaging/contract';
import type { LibraryView } from '../messaging/contract-replies';
import { type FakeHandlers, fakeConnector } from '../ui/connector';
import { NOW, TEAM as PANEL_TEAM } from '../ui/ticket/testing';
import { librarySource } from './library-source';
import { TicketTools } from './ticket-tools';

export { NOW };

/** The mailbox of the committed fixtures' thread ("Спасибо!" from Ольга Смирнова). */
export const MAILBOX = 'support@northwind-shop.example';

export const TICKET: TicketView = {
  threadId: '1a1f656180600185',
  reference: '#K7Q2XM',
  subject: 'Спасибо!',
  requester: { email: 'olga.smirnova@yandex.example', name: 'Ольга Смирнова' },
  status: 'Open',
  priority: 'Normal',
  assignee: 'Anna',
  tags: [],
  createdAt: NOW - 7_200_000,
  slaDueAt: NOW + 6 * 3_600_000,
  pendingSync: false,
  hasMetadata: true,
};

export const TEAM: TeamView = {
  mailbox: MAILBOX,
  me: 'Anna',
  config: {
    // The panel's tests' config with this mailbox's agents: fields added to the config come along.
    ...(PANEL_TEAM.config as NonNullable<TeamView['config']>),
    agents: [
      { name: 'Anna', email: 'anna@northwind-shop.example', groups: ['Support'], lead: true },
      { name: 'Piotr Nowak', email: 'piotr@northwind-shop.example', groups: ['Billing'], lead: false },
    ],
    teamDomains: ['northwind-shop.example'],
    tags: [],
  },
};

export const THANKS_ID = '00000000-0000-4000-8000-000000000001';
export const LATE_ID = '00000000-0000-4000-8000-000000000002';

export const LIBRARY: TemplateLibrary = {
  templates: [
    {
      id: THANKS_ID,
      name: 'Thanks for the kind words',
      folder: 'Feedback',
      tags: [],
      variants: [
        { language: 'en', body: 'Hello {{customer.firstName | there}},\nThank you! ({{ticket.reference}})' },
        {
          language: 'ru',
          body: 'Здравствуйте, {{customer.firstName | клиент}}!\nСпасибо! ({{ticket.reference}})',
        },
      ],
      updatedAt: NOW,
      author: 'Anna',
    },
    {
      id: LATE_ID,
      name: 'Parcel late',
      tags: [],
      variants: [{ language: 'en', body: 'Hi {{customer.firstName}}, it arrives by {{ticket.promisedBy}}.' }],
      updatedAt: NOW,
      author: 'Anna',
    },
  ],
  shortcuts: [],
  macros: [
    {
      id: '00000000-0000-4000-8000-0000000000a1',
      name: 'Escalate to billing',
      patch: { group: 'Billing', assignee: 'Piotr Nowak', status: 'Pending' },
      note: 'Billing, please check the refund.',
      notifyAssignee: true,
      templateId: THANKS_ID,
    },
    {
      id: '00000000-0000-4000-8000-0000000000a2',
      name: 'Give to Dmitri',
      patch: { assignee: 'Dmitri' },
      notifyAssignee: true,
      templateId: '00000000-0000-4000-8000-0000000000ff',
    },
  ],
};

export function libraryView(library: TemplateLibrary = LIBRARY): LibraryView {
  return { library, updatedAt: NOW, author: 'Anna' };
}

export interface PatchCall {
  patch: TicketPatchArgs | TicketPatch;
  message: string;
  hooks: PatchHooks | undefined;
  /** Taken back by the tools (a macro whose reply could not be inserted). */
  revoked: boolean;
}

export interface Mounted {
  root: HTMLElement;
  connector: ReturnType<typeof fakeConnector>;
  patches: PatchCall[];
  unmount(): void;
}

/**
 * Mounts TicketTools inside a shadow root (as the sidebar does) in the test document, reading `doc` as
 * Gmail's page.
 */
export function mountTools(
  options: {
    doc?: Document;
    handlers?: FakeHandlers;
    props?: Partial<TicketToolsProps>;
    replyTimeoutMs?: number;
  } = {},
): Mounted {
  const connector = fakeConnector({ 'library.get': () => libraryView(), ...options.handlers }, MAILBOX);
  const patches: PatchCall[] = [];
  document.body.innerHTML = '<div id="host"></div>';
  const host = document.getElementById('host') as HTMLElement;
  const shadow = host.attachShadow({ mode: 'open' });
  const root = document.createElement('div');
  root.className = 'sidebar';
  shadow.append(root);
  const props: TicketToolsProps = {
    mailbox: MAILBOX,
    threadId: TICKET.threadId,
    ticket: TICKET,
    team: TEAM,
    me: 'Anna',
    now: () => NOW,
    applyPatch: (patch, message, hooks) => {
      const call: PatchCall = { patch, message, hooks, revoked: false };
      patches.push(call);
      return {
        revoke: () => {
          call.revoked = true;
          call.hooks?.onUndo?.();
        },
      };
    },
    ...options.props,
  };
  const source = librarySource(MAILBOX, connector);
  act(() =>
    render(
      <TicketTools
        {...props}
        source={source}
        doc={options.doc ?? document}
        replyTimeoutMs={options.replyTimeoutMs ?? 200}
      />,
      root,
    ),
  );
  return {
    root,
    connector,
    patches,
    unmount: () => act(() => render(null, root)),
  };
}

/** The button whose text (its accessible name) is `name`. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === name);
}
