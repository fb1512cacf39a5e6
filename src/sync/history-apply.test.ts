import { describe, expect, it } from 'vitest';
import { foldHistory, type HistoryRecord, historyListSchema } from './history-apply';

const T = '19a0000000000001';
const msg = (id: string, labelIds?: string[]) => ({ id, threadId: T, ...(labelIds ? { labelIds } : {}) });

describe('foldHistory', () => {
  it('applies label changes in history order to the thread’s known labels', () => {
    const records: HistoryRecord[] = [
      { id: '1002', labelsRemoved: [{ message: msg('m1'), labelIds: ['L_new'] }] },
      { id: '1001', labelsAdded: [{ message: msg('m1'), labelIds: ['L_open'] }] },
      { id: '1003', labelsAdded: [{ message: msg('m1'), labelIds: ['L_solved'] }] },
      { id: '1004', labelsRemoved: [{ message: msg('m1'), labelIds: ['L_open'] }] },
    ];
    const change = foldHistory(records, () => new Set(['INBOX', 'L_new'])).get(T);
    expect([...(change?.labelIds ?? [])].sort()).toEqual(['INBOX', 'L_solved']);
    expect(change?.addedAt).toEqual(
      new Map([
        ['L_open', '1001'],
        ['L_solved', '1003'],
      ]),
    );
    expect(change?.lastHistoryId).toBe('1004');
  });

  it('orders history ids as numbers', () => {
    const records: HistoryRecord[] = [
      { id: '10000', labelsRemoved: [{ message: msg('m1'), labelIds: ['X'] }] },
      { id: '9999', labelsAdded: [{ message: msg('m1'), labelIds: ['X'] }] },
    ];
    expect(
      foldHistory(records, () => new Set())
        .get(T)
        ?.labelIds.has('X'),
    ).toBe(false);
  });

  it('records new and deleted messages for the reopen and first-response rules', () => {
    const records: HistoryRecord[] = [
      { id: '5', messagesAdded: [{ message: msg('m2', ['INBOX', 'UNREAD']) }] },
      { id: '6', messagesDeleted: [{ message: msg('m0') }] },
    ];
    const change = foldHistory(records, () => undefined).get(T);
    expect(change?.messagesAdded).toEqual([{ id: 'm2', labelIds: ['INBOX', 'UNREAD'] }]);
    expect(change?.messagesDeleted).toEqual(['m0']);
    expect([...(change?.labelIds ?? [])].sort()).toEqual(['INBOX', 'UNREAD']);
  });

  it('validates a page as Google documents it and rejects a malformed one', () => {
    expect(
      historyListSchema.safeParse({ historyId: '77', history: [{ id: '70', messages: [msg('m1')] }] })
        .success,
    ).toBe(true);
    expect(historyListSchema.safeParse({ historyId: 'abc' }).success).toBe(false);
    expect(
      historyListSchema.safeParse({ historyId: '1', history: [{ id: '1', labelsAdded: [{}] }] }).success,
    ).toBe(false);
  });
});
