import { describe, expect, it } from 'vitest';
import { DeskActions } from '../actions';
import { moveThroughQueue, QueueMemory, QueueNavigator } from './queue-navigator';

describe('QueueNavigator', () => {
  const navigator = new QueueNavigator();
  navigator.setList(['a1', 'b2', 'c3']);

  it.each([
    ['a1', 'b2', undefined],
    ['b2', 'c3', 'a1'],
    ['c3', undefined, 'b2'],
    ['ff', 'a1', 'c3'],
    [undefined, 'a1', 'c3'],
  ])('from %s: next %s, previous %s', (current, next, previous) => {
    expect(navigator.next(current)).toBe(next);
    expect(navigator.previous(current)).toBe(previous);
  });

  it('has nowhere to go in an empty list', () => {
    const empty = new QueueNavigator();
    expect(empty.next('a1')).toBeUndefined();
    expect(empty.previous('a1')).toBeUndefined();
  });

  it('opens the neighbour of the thread shown on next-ticket and previous-ticket', () => {
    const actions = new DeskActions();
    const opened: string[] = [];
    let current: string | undefined = 'b2';
    const stop = moveThroughQueue(actions, navigator, { openThread: (id) => opened.push(id) }, () => current);
    actions.dispatch({ kind: 'next-ticket' });
    actions.dispatch({ kind: 'previous-ticket' });
    current = 'c3';
    actions.dispatch({ kind: 'next-ticket' });
    actions.dispatch({ kind: 'undo' });
    stop();
    actions.dispatch({ kind: 'previous-ticket' });
    expect(opened).toEqual(['c3', 'a1']);
  });
});

describe('QueueMemory', () => {
  it('keeps one queue per mailbox, whatever the case of the address', () => {
    const memory = new QueueMemory();
    memory.set('Support@Shop.example', { kind: 'overdue' });
    expect(memory.get('support@shop.example')).toEqual({ kind: 'overdue' });
    expect(memory.get('sales@shop.example')).toBeUndefined();
  });
});
