import { describe, expect, it } from 'vitest';
import type { StoreEvent } from '../messaging/contract';
import { TabEvents } from './tab-events';

function recorder(failing: ReadonlySet<number> = new Set()) {
  const sent: [number, StoreEvent][] = [];
  const attempts: number[] = [];
  const events = new TabEvents(async (tabId, event) => {
    attempts.push(tabId);
    if (failing.has(tabId)) throw new Error('Could not establish connection');
    sent.push([tabId, event]);
  });
  return { sent, attempts, events };
}

describe('tab events', () => {
  it('tells every tab of the mailbox, and only those', () => {
    const { sent, events } = recorder();
    events.remember('support@shop.example', 1);
    events.remember('support@shop.example', 2);
    events.remember('sales@shop.example', 3);
    events.announce('support@shop.example', ['a1', 'a1']);
    expect(sent.map(([tab, e]) => [tab, e.threadIds, e.all])).toEqual([
      [1, ['a1'], false],
      [2, ['a1'], false],
    ]);
  });

  it('tells every known tab of every mailbox to re-read everything when the settings change', () => {
    const { sent, events } = recorder();
    events.remember('support@shop.example', 1);
    events.remember('sales@shop.example', 2);
    events.announceEverywhere();
    expect(sent.map(([tab, e]) => [tab, e.mailbox, e.threadIds, e.all])).toEqual([
      [1, 'support@shop.example', [], true],
      [2, 'sales@shop.example', [], true],
    ]);
  });

  it('moves a tab that switched accounts to its new mailbox', () => {
    const { sent, events } = recorder();
    events.remember('support@shop.example', 1);
    events.remember('sales@shop.example', 1);
    events.announce('support@shop.example', [], true);
    expect(sent).toEqual([]);
  });

  it('carries the notices once, without mail content', () => {
    const { sent, events } = recorder();
    events.remember('support@shop.example', 1);
    events.notice('support@shop.example', {
      kind: 'change-overridden',
      threadId: 'a1',
      field: 'assignee',
      yours: 'Anna',
      theirs: 'Piotr',
    });
    events.announce('support@shop.example', ['a1']);
    events.announce('support@shop.example', ['a1']);
    expect(sent[0]?.[1].notices).toEqual([
      { kind: 'change-overridden', threadId: 'a1', field: 'assignee', yours: 'Anna', theirs: 'Piotr' },
    ]);
    expect(sent[1]?.[1].notices).toEqual([]);
  });

  it('forgets a tab that no longer answers', async () => {
    const { attempts, events } = recorder(new Set([1]));
    events.remember('support@shop.example', 1);
    events.remember('support@shop.example', 2);
    events.announce('support@shop.example', ['a1']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    events.announce('support@shop.example', ['a1']);
    expect(attempts).toEqual([1, 2, 2]);
  });
});
