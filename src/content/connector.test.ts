import { describe, expect, it } from 'vitest';
import { listHash, threadHash } from './connector';

// The real pair from DESIGN.md section 5.
const THREAD = '184a87a7b32dd009';
const TOKEN = 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM';

describe('the route that opens a thread', () => {
  it.each([
    ['#inbox', `#inbox/${TOKEN}`],
    ['', `#inbox/${TOKEN}`],
    ['#inbox/p2', `#inbox/${TOKEN}`],
    ['#label/Helpdesk%2FStatus%2FOpen', `#label/Helpdesk%2FStatus%2FOpen/${TOKEN}`],
    ['#search/refund/FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrX', `#search/refund/${TOKEN}`],
    ['#inbox/184a87a7b32dd000', `#inbox/${TOKEN}`],
  ])('from %s', (current, expected) => {
    expect(threadHash(current, THREAD)).toBe(expected);
  });
});

describe('the list a route belongs to', () => {
  it.each([
    [`#inbox/${TOKEN}`, '#inbox'],
    ['#inbox/p2', '#inbox/p2'],
    [`#label/Helpdesk%2FStatus%2FOpen/${TOKEN}`, '#label/Helpdesk%2FStatus%2FOpen'],
    ['', '#inbox'],
  ])('of %s', (current, expected) => {
    expect(listHash(current)).toBe(expected);
  });
});
