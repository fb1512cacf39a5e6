// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TicketView } from '../../messaging/contract';
import { SlaClock, slaState } from './sla-clock';
import { HOUR, mount, NOW, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

// A 10-hour target: created 10 hours before it is due.
const ticket = (overrides: Partial<TicketView>) => ({
  status: 'Open' as const,
  createdAt: NOW - 2 * HOUR,
  slaDueAt: NOW + 8 * HOUR,
  ...overrides,
});

describe('slaState', () => {
  it.each([
    ['due: 20% used', ticket({}), 'due'],
    ['at risk at exactly 80%', ticket({ createdAt: NOW - 8 * HOUR, slaDueAt: NOW + 2 * HOUR }), 'at-risk'],
    ['due just under 80%', ticket({ createdAt: NOW - 8 * HOUR + 1, slaDueAt: NOW + 2 * HOUR + 1 }), 'due'],
    ['breached when due is now', ticket({ slaDueAt: NOW }), 'breached'],
    [
      'answered once the first response went out',
      ticket({ firstResponseAt: NOW - HOUR, slaDueAt: NOW - 1 }),
      'answered',
    ],
    ['none without a target', ticket({ slaDueAt: undefined }), 'none'],
    ['none when solved', ticket({ status: 'Solved', slaDueAt: NOW - HOUR }), 'none'],
    ['none when closed', ticket({ status: 'Closed' }), 'none'],
    // Business hours: 20% of the clock time used, but the stored at-risk instant has passed.
    ['at risk from the stored business-time instant', ticket({ slaAtRiskAt: NOW - 1 }), 'at-risk'],
    [
      'due before the stored instant, past 80%',
      ticket({ createdAt: NOW - 9 * HOUR, slaDueAt: NOW + HOUR, slaAtRiskAt: NOW + 1 }),
      'due',
    ],
    ['paused while Pending, even past due', ticket({ status: 'Pending', slaDueAt: NOW - HOUR }), 'paused'],
    ['paused while On hold', ticket({ status: 'On hold' }), 'paused'],
  ] as const)('%s', (_, input, kind) => {
    expect(slaState(input, NOW).kind).toBe(kind);
  });
});

describe('the SLA clock', () => {
  it('says when the answer is due', () => {
    const root = mount(<SlaClock ticket={ticket({ slaDueAt: NOW + 3 * HOUR })} now={NOW} />);
    expect(root.textContent).toBe('On time Due in 3 hours');
  });

  it('says "At risk" in words, not only colour', () => {
    const root = mount(
      <SlaClock ticket={ticket({ createdAt: NOW - 9 * HOUR, slaDueAt: NOW + HOUR })} now={NOW} />,
    );
    expect(root.querySelector('.badge')?.textContent).toBe('At risk');
    expect(root.textContent).toContain('Due in 1 hour');
  });

  it('says how long ago it was breached', () => {
    const root = mount(<SlaClock ticket={ticket({ slaDueAt: NOW - 2 * HOUR })} now={NOW} />);
    expect(root.querySelector('.badge-danger')?.textContent).toBe('Breached 2 hours ago');
  });

  it('says "Answered" after the first response', () => {
    const root = mount(<SlaClock ticket={ticket({ firstResponseAt: NOW - 30 * 60_000 })} now={NOW} />);
    expect(root.textContent).toBe('Answered 30 minutes ago');
  });

  it('says the clock is paused while the ticket waits', () => {
    const root = mount(<SlaClock ticket={ticket({ status: 'Pending' })} now={NOW} />);
    expect(root.textContent).toBe('Clock paused');
  });

  it('shows nothing for a finished ticket', () => {
    const root = mount(<SlaClock ticket={ticket({ status: 'Solved', slaDueAt: NOW - HOUR })} now={NOW} />);
    expect(root.textContent).toBe('');
  });
});
