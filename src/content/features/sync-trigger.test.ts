// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabeldeskError } from '../../messaging/errors';
import { callBackground } from '../../messaging/sender';
import { setSyncHealth } from '../../ui/ticket/sync-health';
import { requestSync } from './sync-trigger';

vi.mock('../../messaging/sender', () => ({ callBackground: vi.fn() }));
vi.mock('../../ui/ticket/sync-health', () => ({ setSyncHealth: vi.fn() }));

const call = vi.mocked(callBackground);
const health = vi.mocked(setSyncHealth);
let now = 1_000_000;

beforeEach(() => {
  document.title = 'Inbox (3) - support@northwind-shop.example - Northwind Mail';
  now += 60_000; // past the last request's interval
  call.mockReset();
  health.mockReset();
});

afterEach(() => {
  document.title = '';
});

const OK = { tickets: 0, fullSync: false, metadataFetched: 0, sent: 0, remainingOutbox: 0 };

describe('the sync.now answer', () => {
  it('clears the sync line when the poll worked', async () => {
    call.mockResolvedValue(OK as never);
    await requestSync(document, 0, now);
    expect(call).toHaveBeenCalledWith('sync.now', { mailbox: 'support@northwind-shop.example' });
    expect(health.mock.calls).toEqual([[null]]);
  });

  it('shows the problem a failed poll names', async () => {
    call.mockRejectedValue(new LabeldeskError('storage-full', 'No room', { sync: 'storage-full' }));
    await requestSync(document, 0, now);
    expect(health.mock.calls).toEqual([['storage-full']]);
  });

  it('says nothing about the sync when the worker itself did not answer', async () => {
    call.mockRejectedValue(new LabeldeskError('unreachable', 'asleep'));
    await requestSync(document, 0, now);
    expect(health).not.toHaveBeenCalled();
  });
});
