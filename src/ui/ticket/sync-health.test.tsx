// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import { SYNC_PROBLEMS } from '../../messaging/contract-results';
import { fakeConnector } from '../connector';
import { SidebarFrame } from '../sidebar';
import { SyncHealth, setSyncHealth, syncProblemKey } from './sync-health';
import { useEnglish, waitFor } from './testing';

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

function mount(connector = fakeConnector({})) {
  const container = document.createElement('div');
  document.body.append(container);
  act(() =>
    render(
      <SidebarFrame>
        <SyncHealth connector={connector} />
      </SidebarFrame>,
      container,
    ),
  );
  return { connector, line: () => container.querySelector('.notice') };
}

const sync = (problem: (typeof SYNC_PROBLEMS)[number] | null) => ({
  threadIds: [],
  all: false,
  notices: [],
  sync: problem,
});

describe('the background sync line', () => {
  it('shows nothing while sync works', () => {
    const { line } = mount();
    expect(line()).toBeNull();
  });

  it('says why sync fails and what to do, quietly, and goes when it works again', async () => {
    const { connector, line } = mount();
    act(() => connector.emit(sync('storage-full')));
    const shown = await waitFor(() => line(), 'the sync line');
    expect(shown.getAttribute('role')).toBe('status');
    expect(shown.textContent).toBe(en.syncFailing_storage_full.message);
    expect(shown.textContent).toContain('Free up disk space');

    act(() => connector.emit(sync('auth-required')));
    expect(line()?.textContent).toContain('Sign in again');

    // A store event about tickets says nothing about the sync: the line stays.
    act(() => connector.emit({ threadIds: [], all: true, notices: [] }));
    expect(line()?.textContent).toContain('Sign in again');

    act(() => connector.emit(sync(null)));
    expect(line()).toBeNull();
  });

  it.each([
    ['offline', 'tries again by itself'],
    ['quota', 'limiting'],
    ['not-configured', 'options'],
    ['mailbox-mismatch', "this mailbox's account"],
    ['gmail-api', 'tries again by itself'],
    ['internal', 'tries again by itself'],
  ] as const)('has its own text for %s', (problem, says) => {
    const { connector, line } = mount();
    act(() => connector.emit(sync(problem)));
    expect(line()?.textContent).toContain(says);
  });

  it('has a text in the locale for every problem the worker can send', () => {
    for (const problem of SYNC_PROBLEMS) expect(Object.keys(en)).toContain(syncProblemKey(problem));
  });

  it("shows what the tab heard before it was mounted (the answer to the tab's own sync.now)", () => {
    setSyncHealth('offline');
    const { line } = mount();
    expect(line()?.textContent).toContain('Gmail cannot be reached');
    act(() => setSyncHealth(null));
    expect(line()).toBeNull();
  });
});
