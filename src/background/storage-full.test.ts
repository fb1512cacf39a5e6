import { describe, expect, it } from 'vitest';
import { LabeldeskError } from '../messaging/errors';
import { errorText } from '../ui/ticket/labels';
import { toLabeldeskError } from './handlers';

describe('a full browser storage', () => {
  it('crosses to the UI as storage-full, which says what to do (found by test/browser/faults.test.ts)', () => {
    // Chromium's error when IndexedDB is over the origin's quota: the name, and an empty message.
    const error = toLabeldeskError(new DOMException('', 'QuotaExceededError'));
    expect(error.code).toBe('storage-full');
    // Without a chrome.i18n the key stands for its message; before, this was "errorOther " and nothing else.
    expect(errorText(LabeldeskError.fromJSON(error.toJSON()))).toBe('errorStorageFull');
  });

  it('leaves every other error as it was', () => {
    const error = toLabeldeskError(new DOMException('gone', 'InvalidStateError'));
    expect(error.toJSON()).toEqual({ code: 'internal', message: 'gone' });
  });
});
