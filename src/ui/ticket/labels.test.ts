import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabeldeskError } from '../../messaging/errors';
import { asLabeldeskError, describePatch, errorText, priorityLabel, statusLabel, valueLabel } from './labels';
import { useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());

describe('labels', () => {
  it('translates statuses and priorities, and leaves names alone', () => {
    expect(statusLabel('On hold')).toBe('On hold');
    expect(priorityLabel('Urgent')).toBe('Urgent');
    expect(valueLabel('status', 'Pending')).toBe('Pending');
    expect(valueLabel('assignee', 'Pending')).toBe('Pending');
    expect(valueLabel('status', 'Bogus')).toBe('Bogus');
  });

  it('describes a patch for the undo toast', () => {
    expect(describePatch({ status: 'Solved', assignee: null })).toBe(
      'Status set to Solved · Assignee removed',
    );
    expect(describePatch({ group: 'Billing', addTags: [{ what: 'Complaint' }] })).toBe(
      'Moved to group Billing · Tag Complaint added',
    );
    expect(describePatch({ priority: null, removeTags: [{ what: 'A', why: 'B' }] })).toBe(
      'Priority cleared · Tag A/B removed',
    );
  });

  it('explains errors in words the agent can act on', () => {
    expect(errorText(new LabeldeskError('auth-required', 'x'))).toBe(
      'Sign in to let Labeldesk read this mailbox.',
    );
    expect(errorText(new LabeldeskError('gmail-api', 'Quota'))).toBe(
      'Gmail did not answer as expected: Quota',
    );
    expect(errorText(asLabeldeskError(new Error('boom')))).toBe('Something went wrong: boom');
  });
});
