import { describe, expect, it } from 'vitest';
import type { TicketRule } from '../core/ticket-rule';
import {
  addTime,
  classifyMessage,
  solvesFrom,
  type TimelineMessage,
  timelineOf,
  withSolve,
} from './timeline';

const rule: TicketRule = { teamAddresses: ['support@shop.example'] };

function message(at: number, labelIds: string[], headers: Record<string, string>): TimelineMessage {
  return {
    labelIds,
    internalDate: String(at),
    payload: { headers: Object.entries(headers).map(([name, value]) => ({ name, value })) },
  };
}

const customer = (at: number, extra: Record<string, string> = {}) =>
  message(at, ['INBOX'], { From: 'Ewa <ewa@example.pl>', Subject: 'Zwrot', ...extra });
const team = (at: number, extra: Record<string, string> = {}) =>
  message(at, ['SENT'], { From: 'support@shop.example', Subject: 'Re: Zwrot', ...extra });

describe('classifyMessage', () => {
  it('tells a customer’s message from a human team reply and from everything that is neither', () => {
    expect(classifyMessage(customer(1), rule)).toBe('customer');
    expect(classifyMessage(team(2), rule)).toBe('team');
    expect(classifyMessage(team(3, { 'X-Labeldesk-Auto': 'acknowledgement' }), rule)).toBe('neither');
    expect(classifyMessage(customer(4, { 'Auto-Submitted': 'auto-replied' }), rule)).toBe('neither');
    expect(classifyMessage(customer(5, { Subject: 'Re: [#ABC123] Rating: good (ld-1)' }), rule)).toBe(
      'neither',
    );
    expect(classifyMessage(message(6, ['DRAFT'], { From: 'support@shop.example' }), rule)).toBe('neither');
    expect(
      classifyMessage(message(7, ['INBOX'], { From: 'anna@shop.example' }), {
        ...rule,
        teamDomains: ['shop.example'],
      }),
    ).toBe('neither');
  });
});

describe('timelines', () => {
  it('are the classified messages in order, one entry per moment', () => {
    const messages = [team(30), customer(10), customer(40, { 'X-Autoreply': 'yes' }), customer(50)];
    expect(timelineOf(messages, rule, [60])).toEqual({ customer: [10, 50], team: [30], solves: [60] });
  });

  it('add a time in order, once, and keep the first and the newest when full', () => {
    expect(addTime([1, 5], 3, 10)).toEqual([1, 3, 5]);
    expect(addTime([1, 5], 5, 10)).toEqual([1, 5]);
    expect(addTime([1, 2, 3], 4, 3)).toEqual([1, 3, 4]);
  });

  it('count one solve per change into Solved or Closed, else estimate from the last message', () => {
    const change = (from: string, to: string, createdAt: number) =>
      ({ field: 'status', from, to, createdAt }) as const;
    expect(
      solvesFrom(
        [change('Open', 'Solved', 20), change('Solved', 'Closed', 30), change('Closed', 'Open', 40)],
        'Open',
        99,
      ),
    ).toEqual([20]);
    expect(solvesFrom([change('Open', 'Solved', 50), change('New', 'Open', 10)], 'Solved', 99)).toEqual([50]);
    expect(solvesFrom([], 'Closed', 99)).toEqual([99]);
    expect(solvesFrom([], 'Open', 99)).toEqual([]);
  });

  it('gain a solve when a change solves the ticket, not while it stays solved', () => {
    const timeline = { customer: [1], team: [2], solves: [] };
    expect(withSolve(timeline, 'Open', 'Solved', 5)?.solves).toEqual([5]);
    expect(withSolve({ ...timeline, solves: [5] }, 'Solved', 'Closed', 9)?.solves).toEqual([5]);
    expect(withSolve(undefined, 'Open', 'Solved', 5)).toBeUndefined();
  });
});
