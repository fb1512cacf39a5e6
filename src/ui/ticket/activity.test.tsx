// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityView } from '../../messaging/contract';
import { Activity, activitySentence } from './activity';
import { HOUR, mount, NOW, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

const entry = (overrides: Partial<ActivityView>): ActivityView => ({
  id: 'a',
  actor: 'Anna',
  field: 'status',
  createdAt: NOW,
  ...overrides,
});

describe('activity sentences', () => {
  it.each([
    [entry({ from: 'On hold', to: 'Solved' }), 'Anna changed status from On hold to Solved'],
    [entry({ field: 'priority', to: 'Urgent' }), 'Anna set priority to Urgent'],
    [entry({ field: 'assignee', from: 'Anna' }), 'Anna cleared assignee'],
    [
      entry({ field: 'group', from: 'Billing', to: 'Logistics' }),
      'Anna changed group from Billing to Logistics',
    ],
    [entry({ field: 'tags', to: 'Shipping/Late by shipper' }), 'Anna added tag Shipping/Late by shipper'],
    [entry({ field: 'tags', from: 'Complaint' }), 'Anna removed tag Complaint'],
    // The record holds the tags before and after (records.ts): the sentence says the difference.
    [
      entry({ field: 'tags', from: 'Pre-sales', to: 'Pre-sales\nShipping/Late by shipper' }),
      'Anna added tag Shipping/Late by shipper',
    ],
    [
      entry({ field: 'tags', from: 'Pre-sales\nShipping/Late by shipper', to: 'Shipping/Late by shipper' }),
      'Anna removed tag Pre-sales',
    ],
    [
      entry({ field: 'tags', from: 'A\nB, the sequel', to: 'B, the sequel\nC' }),
      'Anna added tag C; Anna removed tag A',
    ],
    [entry({ field: 'ticket' }), 'Anna made this thread a ticket'],
    [entry({ field: 'hold', to: 'the warehouse' }), 'Anna updated the on-hold details: the warehouse'],
    [entry({ field: 'hold' }), 'Anna cleared the on-hold details'],
  ])('%j', (input, sentence) => {
    expect(activitySentence(input)).toBe(sentence);
  });
});

describe('the activity list', () => {
  it('is an ordered list, newest first, with relative times', () => {
    const root = mount(
      <Activity
        activity={[
          entry({ id: 'old', field: 'ticket', createdAt: NOW - 2 * HOUR }),
          entry({ id: 'new', to: 'Open' }),
        ]}
        now={NOW}
      />,
    );
    const items = [...root.querySelectorAll('ol > li')].map((li) => li.textContent);
    expect(items).toEqual(['Anna set status to Open now', 'Anna made this thread a ticket 2 hours ago']);
  });

  it('says when nothing happened yet', () => {
    expect(mount(<Activity activity={[]} now={NOW} />).textContent).toContain('No changes yet.');
  });
});
