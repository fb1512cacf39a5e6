import { describe, expect, it } from 'vitest';
import type { CsatFact, TicketFacts } from '../core/metrics/facts';
import { decodeCsat, decodeFacts, encodeCsat, encodeFacts, validSnapshot } from './facts-snapshot';

const t0 = Date.UTC(2026, 10, 20, 9, 0);

const facts: TicketFacts[] = [
  {
    threadId: '19a0000000000001',
    reference: '#K7Q2XM',
    subject: 'Посылка не пришла — 荷物 🚚',
    requester: 'ewa.nowak@example.pl',
    createdAt: t0,
    status: 'Solved',
    priority: 'Urgent',
    assignee: 'Yuki Tanaka',
    group: 'Shipping',
    tags: ['Shipping/Late by shipper', 'Pre-sales'],
    customerMessages: [t0, t0 + 1000],
    teamReplies: [t0 + 500],
    solves: [t0 + 2000],
    complete: true,
  },
  {
    threadId: '19a0000000000002',
    reference: '#AAAAAA',
    subject: '',
    createdAt: t0 + 1,
    status: 'New',
    tags: [],
    customerMessages: [t0 + 1],
    teamReplies: [],
    solves: [],
    complete: false,
  },
  {
    threadId: '19a0000000000003',
    reference: '#BBBBBB',
    subject: 'Invoice',
    requester: '',
    createdAt: t0 + 2,
    status: 'Open',
    priority: 'Low',
    group: 'Yuki Tanaka',
    tags: ['Pre-sales'],
    customerMessages: [],
    teamReplies: [],
    solves: [],
    complete: true,
  },
];

describe('the facts snapshot', () => {
  it('gives back the facts it was made from', () => {
    const snapshot = encodeFacts(facts, 7, ['19a00000000000ff']);
    expect(snapshot).toMatchObject({ seq: 7, skippedIds: ['19a00000000000ff'] });
    expect(validSnapshot(snapshot)).toBe(true);
    expect(decodeFacts(snapshot)).toEqual(facts);
    expect(decodeFacts(encodeFacts([], 0, []))).toEqual([]);
  });

  it('survives a structured clone, as IndexedDB stores it', () => {
    expect(decodeFacts(structuredClone(encodeFacts(facts, 1, [])))).toEqual(facts);
  });

  it('decodes nothing from a damaged or foreign value', () => {
    const good = () => encodeFacts(facts, 3, []);
    const damaged: unknown[] = [
      undefined,
      'snapshot',
      { ...good(), format: 2 },
      { ...good(), seq: 1.5 },
      { ...good(), skippedIds: [7] },
      { ...good(), createdAt: [t0, t0, t0] },
      { ...good(), status: Uint8Array.of(0, 9, 0) },
      { ...good(), priority: Uint8Array.of(0, 0) },
      { ...good(), assignee: Int32Array.of(5, -1, -1) },
      { ...good(), group: Int32Array.of(-2, -1, 0) },
      { ...good(), tags: Uint32Array.of(0, 1, 7) },
      { ...good(), tagEnds: Uint32Array.of(2, 1, 3) },
      { ...good(), subjects: { text: 'short', ends: Uint32Array.of(1, 2, 40) } },
      { ...good(), threadIds: { text: 42, ends: new Uint32Array(3) } },
      { ...good(), customer: { values: Float64Array.of(Number.NaN, 1, 2), ends: Uint32Array.of(1, 2, 3) } },
      { ...good(), solves: { values: new Float64Array(1), ends: Uint32Array.of(1, 1) } },
      { ...good(), names: ['Anna', 3] },
    ];
    for (const value of damaged) expect(decodeFacts(value)).toBeUndefined();
  });
});

describe('the CSAT snapshot', () => {
  const answers: CsatFact[] = [
    { threadId: '19a0000000000001', rating: 'bad', effort: 2, comment: 'Zu langsam — 遅い', answeredAt: t0 },
    { threadId: '19a0000000000002', rating: 'good', answeredAt: t0 + 1 },
    { threadId: '19a0000000000003', rating: 'okay', comment: '', answeredAt: t0 + 2 },
  ];

  it('gives back the answers, the count and the skipped records, also after a structured clone', () => {
    expect(decodeCsat(structuredClone(encodeCsat(answers, 4, 1)))).toEqual({ answers, count: 4, skipped: 1 });
    expect(decodeCsat(encodeCsat([], 0, 0))).toEqual({ answers: [], count: 0, skipped: 0 });
  });

  it('decodes nothing from a damaged value', () => {
    const good = () => encodeCsat(answers, 3, 0);
    for (const value of [
      null,
      { ...good(), format: 0 },
      { ...good(), count: -0.5 },
      { ...good(), rating: Uint8Array.of(0, 3, 0) },
      { ...good(), effort: Uint8Array.of(9, 0, 0) },
      { ...good(), answeredAt: [t0, t0, t0] },
      { ...good(), comments: { text: '', ends: Uint32Array.of(0, 0, 5) } },
    ])
      expect(decodeCsat(value)).toBeUndefined();
  });
});
