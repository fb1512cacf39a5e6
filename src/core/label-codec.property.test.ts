/**
 * Property-based tests of the label codec (issue 8, "Hostile input"): label names come from Gmail, where
 * anyone with the mailbox can type or rename them, so decoding must never throw and must read back exactly
 * what encoding wrote, whatever the values (any script, right-to-left and zero-width characters), the case
 * Gmail shows them in, or the other labels on the thread.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLabelCodec, hasControlCharacter, LabelNameError } from './label-codec';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketLabelState, type TicketTag, tagPath } from './ticket';

const RUNS = { numRuns: 300 };

/** Characters that break naive code: bidi controls, zero-width joiners, combining marks, case oddities. */
const TRICKY = [
  '\u202e',
  '\u200b',
  '\u200d',
  '\u0301',
  'İ',
  'ß',
  'ﬁ',
  'K',
  'Σ',
  'ς',
  '.',
  '|',
  '<',
  '"',
  '\\',
];

const segmentChars = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...TRICKY, 'a', 'B', ' ', 'é', 'Я', '漢'), minLength: 1, maxLength: 12 }),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** A value that can be one part of a Gmail label name (what `assertLabelSegment` accepts). */
const segment = segmentChars.filter(
  (s) => s.length > 0 && s.trim() === s && !s.includes('/') && !hasControlCharacter(s),
);

const prefix = fc.oneof(
  fc.constant('Helpdesk'),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
);

const tag: fc.Arbitrary<TicketTag> = fc
  .record({ what: segment, why: fc.option(segment, { nil: undefined }) })
  .map((t) => (t.why === undefined ? { what: t.what } : { what: t.what, why: t.why }));

const state: fc.Arbitrary<TicketLabelState> = fc
  .record({
    status: fc.constantFrom(...TICKET_STATUSES),
    priority: fc.option(fc.constantFrom(...TICKET_PRIORITIES), { nil: undefined }),
    assignee: fc.option(segment, { nil: undefined }),
    group: fc.option(segment, { nil: undefined }),
    tags: fc.array(tag, { maxLength: 6 }),
  })
  .map(({ status, priority, assignee, group, tags }) => {
    const s: TicketLabelState = { status, tags };
    if (priority !== undefined) s.priority = priority;
    if (assignee !== undefined) s.assignee = assignee;
    if (group !== undefined) s.group = group;
    return s;
  });

/** Labels of other features and of people: Gmail's system labels and anything a person typed. */
const foreignLabel = fc.oneof(
  fc.constantFrom('INBOX', 'UNREAD', 'STARRED', 'Label_42', 'CATEGORY_UPDATES', 'Helpdeskish/Status/Open'),
  fc.string({ maxLength: 30 }),
);

/** Gmail compares label names case-insensitively; a person may rename one to another case. */
const recase = (name: string, how: number) =>
  how === 0 ? name : how === 1 ? name.toUpperCase() : how === 2 ? name.toLowerCase() : name;

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What decode promises for the tags: the first spelling of each (case-insensitively), in code-point order. */
function canonicalTags(tags: readonly TicketTag[]): TicketTag[] {
  const seen = new Set<string>();
  const out: TicketTag[] = [];
  for (const t of tags) {
    const key = tagPath(t).toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(t);
    }
  }
  return out.sort((a, b) => compareCodePoints(tagPath(a), tagPath(b)));
}

/** Labels that fit Gmail's 225-character limit; longer ones are refused by `label` (tested below). */
function encodable(codec: ReturnType<typeof createLabelCodec>, s: TicketLabelState): string[] | undefined {
  try {
    return codec.encode(s);
  } catch (error) {
    if (error instanceof LabelNameError && /too long/.test(error.message)) return undefined;
    throw error;
  }
}

describe('label codec properties', () => {
  it('round-trips every state through labels, under any prefix, among any other labels, in any order', () => {
    fc.assert(
      fc.property(
        prefix,
        state,
        fc.array(foreignLabel, { maxLength: 5 }),
        fc.nat(),
        (prefixValue, s, others, seed) => {
          const codec = createLabelCodec(prefixValue);
          const names = encodable(codec, s);
          fc.pre(names !== undefined);
          if (names === undefined) return;
          const foreign = others.filter((o) => !codec.owns(o));
          const all = fc.sample(
            fc.shuffledSubarray([...names, ...foreign], { minLength: names.length + foreign.length }),
            {
              seed,
              numRuns: 1,
            },
          )[0] as string[];
          const decoded = codec.decode(all);
          expect(decoded.unreadable).toEqual([]);
          expect(decoded.state).toEqual({ ...s, tags: canonicalTags(s.tags) });
          expect(codec.diff(all, s)).toEqual({ add: [], remove: [] });
        },
      ),
      RUNS,
    );
  });

  it('reads a name whatever case Gmail shows it in', () => {
    fc.assert(
      fc.property(prefix, state, fc.nat(3), (prefixValue, s, how) => {
        const codec = createLabelCodec(prefixValue);
        const names = encodable(codec, s);
        fc.pre(names !== undefined);
        if (names === undefined) return;
        const cased = names.map((n) => recase(n, how));
        // A value only survives a case change when its other case folds back to it (not 'ß' → 'SS').
        fc.pre(cased.every((n, i) => n.toLowerCase() === names[i]?.toLowerCase()));
        const decoded = codec.decode(cased);
        expect(decoded.unreadable).toEqual([]);
        expect(decoded.state?.status).toBe(s.status);
        expect(decoded.state?.priority).toBe(s.priority);
        expect(decoded.state?.assignee?.toLowerCase()).toBe(s.assignee?.toLowerCase());
        expect(decoded.state?.group?.toLowerCase()).toBe(s.group?.toLowerCase());
        expect(decoded.state?.tags.length).toBe(canonicalTags(s.tags).length);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary label names, and reports only its own labels as unreadable', () => {
    const ownish = (p: string) =>
      fc
        .tuple(
          fc.constantFrom('Status', 'status', 'Priority', 'Assignee', 'GROUP', 'Tag', 'Tags', '.records', ''),
          fc.array(fc.oneof(segment, fc.string({ maxLength: 8 })), { maxLength: 3 }),
        )
        .map(([category, values]) => [p, category, ...values].join('/'));
    fc.assert(
      fc.property(
        prefix.chain((p) =>
          fc.tuple(
            fc.constant(p),
            fc.array(fc.oneof(ownish(p), fc.string({ maxLength: 40 })), { maxLength: 12 }),
          ),
        ),
        ([prefixValue, names]) => {
          const codec = createLabelCodec(prefixValue);
          const decoded = codec.decode(names);
          const repair = codec.repair(names);
          codec.diff(names, decoded.state);
          for (const name of decoded.unreadable) {
            expect(names).toContain(name);
            expect(codec.owns(name)).toBe(true);
            expect(name).not.toBe(codec.recordsLabel);
          }
          for (const name of repair.remove) expect(names).toContain(name);
          // The status, when there is one, is a real status; values are never invented.
          if (decoded.state) expect(TICKET_STATUSES).toContain(decoded.state.status);
          for (const category of ['Assignee', 'Group'] as const) {
            for (const value of decoded.seen[category]) {
              expect(names.some((n) => n.toLowerCase().endsWith(`/${value.toLowerCase()}`))).toBe(true);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('decodes unique values in a fixed order, the same for any order of the labels', () => {
    fc.assert(
      fc.property(
        fc.array(state, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(3), { minLength: 20, maxLength: 20 }),
        fc.nat(),
        (states, cases, seed) => {
          const codec = createLabelCodec();
          const names = states.flatMap((s) => encodable(codec, s) ?? []);
          const messy = names.map((n, i) => recase(n, cases[i % cases.length] ?? 0));
          const shuffled = fc.sample(fc.shuffledSubarray(messy, { minLength: messy.length }), {
            seed,
            numRuns: 1,
          })[0] as string[];
          const a = codec.decode(messy);
          const b = codec.decode(shuffled);
          expect(b.state?.status).toEqual(a.state?.status);
          expect(b.state?.priority).toEqual(a.state?.priority);
          expect(b.state?.tags.map((t) => tagPath(t).toLowerCase())).toEqual(
            a.state?.tags.map((t) => tagPath(t).toLowerCase()),
          );
          for (const decoded of [a, b]) {
            const keys = decoded.state?.tags.map((t) => tagPath(t).toLowerCase()) ?? [];
            expect(new Set(keys).size).toBe(keys.length);
            const paths = decoded.state?.tags.map(tagPath) ?? [];
            expect(paths).toEqual([...paths].sort(compareCodePoints));
            for (const values of Object.values(decoded.seen)) {
              const lower = values.map((v) => v.toLowerCase());
              expect(new Set(lower).size).toBe(lower.length);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('encodes unique names under the prefix, status first, each within Gmail’s limit', () => {
    fc.assert(
      fc.property(prefix, state, (prefixValue, s) => {
        const codec = createLabelCodec(prefixValue);
        const names = encodable(codec, s);
        fc.pre(names !== undefined);
        if (names === undefined) return;
        expect(names[0]).toBe(codec.statusLabel(s.status));
        const lower = names.map((n) => n.toLowerCase());
        expect(new Set(lower).size).toBe(lower.length);
        for (const name of names) {
          expect(codec.owns(name)).toBe(true);
          expect(name.length).toBeLessThanOrEqual(225);
        }
      }),
      RUNS,
    );
  });

  it('refuses, with a LabelNameError, a value that would nest, carry a control character or pad with spaces', () => {
    const codec = createLabelCodec();
    const bad = fc.oneof(
      fc.tuple(segment, segment).map(([a, b]) => `${a}/${b}`),
      fc.tuple(segment, fc.integer({ min: 0, max: 0x1f })).map(([a, c]) => `${a}${String.fromCharCode(c)}`),
      segment.map((a) => ` ${a}`),
      fc.constant(''),
    );
    fc.assert(
      fc.property(bad, (value) => {
        expect(() => codec.assigneeLabel(value)).toThrow(LabelNameError);
        expect(() => codec.tagLabel({ what: value })).toThrow(LabelNameError);
      }),
      RUNS,
    );
  });

  it('reads back a prefix whose lower case is longer (Turkish İ)', () => {
    const codec = createLabelCodec('İşler');
    const s: TicketLabelState = { status: 'Open', assignee: 'Ayşe', tags: [{ what: 'Kargo' }] };
    expect(codec.decode(codec.encode(s)).state).toEqual(s);
    expect(codec.decode(['İŞLER/Status/Open'.toLowerCase()]).state?.status).toBe('Open');
  });
});
