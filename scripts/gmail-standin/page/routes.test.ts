import { describe, expect, it } from 'vitest';
import { INBOX_ROUTE, listHash, parseRoute, threadHash } from './routes';

describe("Gmail's hash routes", () => {
  it.each([
    ['#inbox', { list: { kind: 'folder', folder: 'inbox' }, page: 1 }],
    ['#starred', { list: { kind: 'folder', folder: 'starred' }, page: 1 }],
    ['#sent/p3', { list: { kind: 'folder', folder: 'sent' }, page: 3 }],
    [
      '#inbox/FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM',
      { list: { kind: 'folder', folder: 'inbox' }, page: 1, thread: 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM' },
    ],
    [
      '#label/Helpdesk%2FStatus%2FOn+hold',
      { list: { kind: 'label', labelName: 'Helpdesk/Status/On hold' }, page: 1 },
    ],
    [
      '#label/Helpdesk%2FStatus%2FOpen/FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM',
      {
        list: { kind: 'label', labelName: 'Helpdesk/Status/Open' },
        page: 1,
        thread: 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM',
      },
    ],
    ['#search/from%3Aanna+refund', { list: { kind: 'search', query: 'from:anna refund' }, page: 1 }],
    [
      '#search/refund/184a87a7b32dd009',
      { list: { kind: 'search', query: 'refund' }, page: 1, thread: '184a87a7b32dd009' },
    ],
  ])('parses %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each(['', '#', '#nowhere', '#label', '#label/', '#search/%E0%A4%A', '#label/+'])(
    'falls back to the inbox for %j',
    (hash) => {
      expect(parseRoute(hash)).toEqual(INBOX_ROUTE);
    },
  );

  it('ignores a thread segment that is not a token', () => {
    expect(parseRoute('#inbox/<script>').thread).toBeUndefined();
  });

  it('writes hashes that parse back', () => {
    const label = { kind: 'label', labelName: 'Helpdesk/Tag/Delivery/Late & lost' } as const;
    expect(parseRoute(listHash(label, 2))).toEqual({ list: label, page: 2 });
    const search = { kind: 'search', query: 'from:anna subject:"order 1042"' } as const;
    expect(parseRoute(threadHash(search, 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM'))).toEqual({
      list: search,
      page: 1,
      thread: 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM',
    });
  });
});
