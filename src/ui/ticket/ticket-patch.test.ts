import { describe, expect, it } from 'vitest';
import type { TicketPatchArgs } from '../../messaging/contract';
import { TICKET } from './testing';
import { applyPatch, inversePatch, isEmptyPatch, parseTagPath } from './ticket-patch';

const LATE = { what: 'Shipping', why: 'Late by shipper' };
const INVOICE = { what: 'Invoice data' };

describe('applyPatch', () => {
  it('changes only the fields the patch names and marks the ticket unsaved', () => {
    const next = applyPatch(TICKET, { status: 'Pending' });
    expect(next).toEqual({ ...TICKET, status: 'Pending', pendingSync: true });
    expect(TICKET.status).toBe('Open'); // the view it started from is untouched
  });

  it('clears a field with null', () => {
    const next = applyPatch(TICKET, { assignee: null, priority: null, group: null });
    expect(next.assignee).toBeUndefined();
    expect(next.priority).toBeUndefined();
    expect('group' in next).toBe(false);
  });

  it('adds a tag once and removes by what and why', () => {
    expect(applyPatch(TICKET, { addTags: [LATE, INVOICE] }).tags).toEqual([LATE, INVOICE]);
    expect(applyPatch(TICKET, { removeTags: [{ what: 'Shipping' }] }).tags).toEqual([LATE]);
    expect(applyPatch(TICKET, { removeTags: [LATE] }).tags).toEqual([]);
  });
});

describe('inversePatch', () => {
  const cases: [string, TicketPatchArgs, TicketPatchArgs][] = [
    ['a status', { status: 'Solved' }, { status: 'Open' }],
    ['a priority', { priority: 'Urgent' }, { priority: 'Normal' }],
    ['an assignee cleared', { assignee: null }, { assignee: 'Anna' }],
    ['a group that was empty', { group: 'Billing' }, { group: null }],
    ['a new tag', { addTags: [INVOICE] }, { removeTags: [INVOICE] }],
    ['a tag the ticket already had', { addTags: [LATE] }, {}],
    ['a removed tag', { removeTags: [LATE] }, { addTags: [LATE] }],
    ['a tag the ticket did not have', { removeTags: [INVOICE] }, {}],
    ['two fields', { status: 'Pending', assignee: 'Yuki' }, { status: 'Open', assignee: 'Anna' }],
  ];
  it.each(cases)('puts back %s', (_, patch, inverse) => {
    expect(inversePatch(TICKET, patch)).toEqual(inverse);
    // Applying the inverse gives the fields back as they were.
    const undone = applyPatch(applyPatch(TICKET, patch), inversePatch(TICKET, patch));
    expect({ ...undone, pendingSync: false }).toEqual(TICKET);
  });
});

describe('isEmptyPatch', () => {
  it('is true only when nothing would change', () => {
    expect(isEmptyPatch({})).toBe(true);
    expect(isEmptyPatch({ addTags: [] })).toBe(true);
    expect(isEmptyPatch({ assignee: null })).toBe(false);
  });
});

describe('parseTagPath', () => {
  it.each([
    ['Shipping', { what: 'Shipping' }],
    [' Shipping / Late by shipper ', { what: 'Shipping', why: 'Late by shipper' }],
    ['Returns/', { what: 'Returns' }],
    ['a/b/c', { what: 'a', why: 'b/c' }],
    ['', undefined],
    ['  /why', undefined],
    ['x'.repeat(201), undefined],
  ])('%j', (text, tag) => {
    expect(parseTagPath(text)).toEqual(tag);
  });
});
