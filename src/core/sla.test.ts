import { describe, expect, it } from 'vitest';
import { DEFAULT_FIRST_RESPONSE_MS, firstResponseDue, slaState } from './sla';

const HOUR = 3_600_000;
const created = Date.UTC(2026, 10, 23, 9);

describe('the first-response clock', () => {
  it.each([
    ['a New ticket without an answer', { status: 'New', createdAt: created }, created + 24 * HOUR],
    ['an Open ticket without an answer', { status: 'Open', createdAt: created }, created + 24 * HOUR],
    [
      'an answered ticket',
      { status: 'Open', createdAt: created, firstResponseAt: created + HOUR },
      undefined,
    ],
    ['a Solved ticket', { status: 'Solved', createdAt: created }, undefined],
  ] as const)('%s', (_name, ticket, due) => {
    expect(firstResponseDue(ticket)).toBe(due);
  });

  it.each([
    [1, 'running'],
    [19.1, 'running'],
    [19.2, 'at-risk'],
    [23.9, 'at-risk'],
    [24, 'breached'],
  ] as const)('after %s hours the clock is %s', (hours, state) => {
    const ticket = {
      status: 'New' as const,
      createdAt: created,
      slaDueAt: created + DEFAULT_FIRST_RESPONSE_MS,
    };
    expect(slaState(ticket, created + hours * HOUR)).toBe(state);
  });

  it('says answered when the first response stopped the clock, none when finished', () => {
    expect(slaState({ status: 'Open', createdAt: created, firstResponseAt: created + HOUR }, created)).toBe(
      'answered',
    );
    expect(slaState({ status: 'Closed', createdAt: created, slaDueAt: created }, created + HOUR)).toBe(
      'none',
    );
  });

  it('uses the stored business-time at-risk instant when the row has one', () => {
    // Due in 24 clock hours, but the policy's business hours put the at-risk point at 23 hours.
    const ticket = {
      status: 'New' as const,
      createdAt: created,
      slaDueAt: created + 24 * HOUR,
      slaAtRiskAt: created + 23 * HOUR,
    };
    expect(slaState(ticket, created + 20 * HOUR)).toBe('running');
    expect(slaState(ticket, created + 23 * HOUR)).toBe('at-risk');
    expect(slaState(ticket, created + 24 * HOUR)).toBe('breached');
  });
});
