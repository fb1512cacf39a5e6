import { describe, expect, it } from 'vitest';
import { compileQuery, queryMentionsSpamOrTrash, type SearchableMessage, searchFormOfLabel } from './search';

const message: SearchableMessage = {
  from: 'Anna Nowak <anna@customer.example>',
  to: 'support@northwind-shop.example',
  subject: 'Uszkodzona paczka',
  body: 'The parcel arrived broken',
  rfc822MessageId: '<abc@customer.example>',
  internalDate: Date.UTC(2024, 2, 5, 12),
  labelIds: ['INBOX', 'UNREAD', 'Label_3', 'CATEGORY_UPDATES'],
  attachments: [{ filename: 'photo.jpg' }],
};
const context = {
  now: Date.UTC(2024, 2, 6),
  labelIdFor: (name: string) => (searchFormOfLabel(name) === 'helpdesk-status-open' ? 'Label_3' : undefined),
};
const matches = (q: string) => compileQuery(q, context)(message);

describe('compileQuery', () => {
  it.each([
    ['', true],
    ['from:anna', true],
    ['from:bob', false],
    ['to:support@northwind-shop.example', true],
    ['subject:paczka', true],
    ['subject:"Uszkodzona paczka"', true],
    ['parcel broken', true],
    ['parcel missing', false],
    ['is:unread', true],
    ['is:read', false],
    ['-is:unread', false],
    ['in:inbox', true],
    ['in:sent', false],
    ['label:helpdesk-status-open', true],
    ['label:Helpdesk/Status/Open', true],
    ['label:nothing', false],
    ['rfc822msgid:abc@customer.example', true],
    ['rfc822msgid:<abc@customer.example>', true],
    ['after:2024/03/05', true],
    ['after:2024/03/06', false],
    ['before:2024/03/06', true],
    ['before:2024-03-05', false],
    [`after:${Date.UTC(2024, 2, 5) / 1000}`, true],
    ['newer_than:2d', true],
    ['newer_than:1h', false],
    ['older_than:1h', true],
    ['from:anna is:unread parcel', true],
    ['from:anna AND is:unread', true],
    ['category:updates', true],
    ['category:promotions', false],
    ['has:attachment', true],
    ['-has:attachment', false],
    ['from:customer.example', true],
    ['from:anna@customer.example', true],
    ['from:ann', false],
    ['subject:paczk', false],
    ['arrived', true],
    ['arrive', false],
    ['"parcel arrived"', true],
    ['"arrived parcel"', false],
  ])('%s → %s', (q, expected) => {
    expect(matches(q)).toBe(expected);
  });
});

describe('helpers', () => {
  it('writes label names the way Gmail search does', () => {
    expect(searchFormOfLabel('Helpdesk/Status/On hold')).toBe('helpdesk-status-on-hold');
  });

  it('notices in:spam, in:trash and in:anywhere', () => {
    expect(queryMentionsSpamOrTrash('in:trash from:x')).toBe(true);
    expect(queryMentionsSpamOrTrash('in:anywhere')).toBe(true);
    expect(queryMentionsSpamOrTrash('from:trash')).toBe(false);
  });
});
