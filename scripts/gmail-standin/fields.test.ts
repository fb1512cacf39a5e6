import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { applyFieldMask, parseFieldMask } from './fields';

const message = {
  id: 'm1',
  threadId: 't1',
  labelIds: ['INBOX'],
  payload: { mimeType: 'text/plain', headers: [{ name: 'Subject', value: 'Hi' }] },
};

describe('field masks', () => {
  it('parses lists, sub-selections and paths', () => {
    expect(parseFieldMask('id,payload/headers,messages(id,threadId)')).toEqual({
      id: true,
      payload: { headers: true },
      messages: { id: true, threadId: true },
    });
  });

  it('applies a mask to objects and to every item of arrays', () => {
    expect(applyFieldMask(message, parseFieldMask('id,payload/headers'))).toEqual({
      id: 'm1',
      payload: { headers: [{ name: 'Subject', value: 'Hi' }] },
    });
    expect(applyFieldMask({ messages: [message, message] }, parseFieldMask('messages(id)'))).toEqual({
      messages: [{ id: 'm1' }, { id: 'm1' }],
    });
    expect(applyFieldMask(message, parseFieldMask('payload/headers/name'))).toEqual({
      payload: { headers: [{ name: 'Subject' }] },
    });
  });

  it('leaves out fields the resource does not have', () => {
    expect(applyFieldMask(message, parseFieldMask('id,nothing'))).toEqual({ id: 'm1' });
  });

  it.each(['', 'a(b', 'a)', 'a,,b', 'a//b'])('refuses %j', (spec) => {
    expect(() => parseFieldMask(spec)).toThrow(ApiError);
  });
});
