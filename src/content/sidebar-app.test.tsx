// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { DeskActions } from '../ui/actions';
import { fakeConnector } from '../ui/connector';
import { QueueNavigator } from '../ui/queues/queue-navigator';
import { setSyncHealth } from '../ui/ticket/sync-health';
import { useEnglish, waitFor } from '../ui/ticket/testing';
import { SidebarApp, type SidebarView } from './sidebar-app';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());

afterEach(() => {
  const container = document.body.firstElementChild;
  if (container) act(() => render(null, container));
  document.body.innerHTML = '';
  setSyncHealth(null);
});

function show(view: SidebarView, connector = fakeConnector({})) {
  const container = document.createElement('div');
  document.body.append(container);
  act(() =>
    render(
      <SidebarApp
        view={view}
        connector={connector}
        actions={new DeskActions()}
        navigator={new QueueNavigator()}
        me="Anna Kowalska"
        keymap={undefined}
        onSignIn={async () => {}}
      />,
      container,
    ),
  );
  return { connector, lines: () => [...container.querySelectorAll('.notice')].map((p) => p.textContent) };
}

const failing = { threadIds: [], all: false, notices: [], sync: 'offline' as const };

describe('the sidebar app', () => {
  it('says background sync fails on the queues, not only on an open ticket', async () => {
    const { connector, lines } = show({ kind: 'list', selected: [] });
    act(() => connector.emit(failing));
    await waitFor(() => lines().includes(en.syncFailing_offline.message), 'the sync line on the queues');
    act(() => connector.emit({ ...failing, sync: null }));
    await waitFor(() => !lines().includes(en.syncFailing_offline.message), 'the line gone after recovery');
  });

  it('shows the line once on an open ticket', async () => {
    const { connector, lines } = show({
      kind: 'thread',
      threadId: '18c0ffee00000001',
      subject: 'Where is my order',
    });
    act(() => connector.emit(failing));
    await waitFor(() => lines().includes(en.syncFailing_offline.message), 'the sync line on a ticket');
    expect(lines().filter((line) => line === en.syncFailing_offline.message)).toHaveLength(1);
  });
});
