/**
 * Property-based tests of the repair rules (`LabelCodec.repair`, used by src/sync/engine.ts on every thread it
 * reads): a thread can carry two statuses or two assignees when two agents change it in the same second or a
 * person edits labels by hand. The repair must leave a valid thread, be idempotent, agree in every browser,
 * and never drop a value that was not in conflict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AddedAt, createLabelCodec, type SingleValuedCategory } from './label-codec';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './ticket';

const RUNS = { numRuns: 400 };
const codec = createLabelCodec();
const CATEGORIES: readonly SingleValuedCategory[] = ['Status', 'Priority', 'Assignee', 'Group'];

const recase = (name: string, how: number) =>
  how === 1 ? name.toUpperCase() : how === 2 ? name.toLowerCase() : name;

/** One label a thread may carry: ours (any category, any case), off-scheme under the prefix, or someone else's. */
const label = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TICKET_STATUSES).map((s) => codec.statusLabel(s)) },
  { weight: 2, arbitrary: fc.constantFrom(...TICKET_PRIORITIES).map((p) => codec.priorityLabel(p)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('Anna Kowalska', 'Dmitri', '佐藤', 'Émile', 'zoë').map(codec.assigneeLabel),
  },
  { weight: 2, arbitrary: fc.constantFrom('Billing', 'Returns', 'Доставка').map(codec.groupLabel) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('Shipping', 'Complaint', 'Refund'), fc.option(fc.constantFrom('late', 'lost')))
      .map(([what, why]) => codec.tagLabel(why === null ? { what } : { what, why })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Helpdesk/Status/Waiting',
      'Helpdesk/Foo',
      'Helpdesk/Assignee/a/b',
      'Helpdesk/',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(codec.recordsLabel, 'INBOX', 'UNREAD', 'Label_7', 'Helpdesky/Status/Open'),
  },
);

/** A thread's labels, some re-cased by hand, with history evidence for some, all or none of them. */
const thread = fc
  .tuple(
    fc.array(fc.tuple(label, fc.nat(2)), { maxLength: 10 }),
    fc.constantFrom('none', 'some', 'all'),
    fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { minLength: 10, maxLength: 10 }),
  )
  .map(([entries, evidence, ids]) => {
    // Gmail refuses two labels whose names differ only in case (409), so a thread never has both spellings.
    const byLowerCase = new Map(entries.map(([name, how]) => [name.toLowerCase(), recase(name, how)]));
    const names = [...byLowerCase.values()];
    const addedAt: AddedAt | undefined =
      evidence === 'none'
        ? undefined
        : new Map(
            names
              .filter((_, i) => evidence === 'all' || i % 2 === 0)
              .map((name, i) => [name, String(ids[i % ids.length])]),
          );
    return { names, addedAt };
  });

/** The single-valued field a label sets, when it is a readable field label. */
function fieldOf(name: string): SingleValuedCategory | undefined {
  const decoded = codec.decode([name]);
  return decoded.unreadable.length > 0 ? undefined : CATEGORIES.find((c) => decoded.seen[c].length > 0);
}

const apply = (names: readonly string[], remove: readonly string[]) =>
  names.filter((n) => !remove.includes(n));

describe('repair rules', () => {
  it('always leaves a valid ticket: at most one value per field, which decodes to the repaired state', () => {
    fc.assert(
      fc.property(thread, ({ names, addedAt }) => {
        const repair = codec.repair(names, addedAt);
        const after = codec.decode(apply(names, repair.remove));
        expect(after.state).toEqual(repair.state);
        // A thread without a status is not a ticket: there is nothing to repair (and nothing is removed).
        if (repair.state === null) return;
        for (const category of CATEGORIES) expect(after.seen[category].length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('is idempotent: repairing a repaired thread removes nothing and changes nothing', () => {
    fc.assert(
      fc.property(thread, ({ names, addedAt }) => {
        const first = codec.repair(names, addedAt);
        const repaired = apply(names, first.remove);
        for (const evidence of [addedAt, undefined]) {
          const second = codec.repair(repaired, evidence);
          expect(second.remove).toEqual([]);
          expect(second.state).toEqual(first.state);
          expect(second.decisive).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never drops a valid value: only conflicting field labels go, and the winner is one of the candidates', () => {
    fc.assert(
      fc.property(thread, ({ names, addedAt }) => {
        const before = codec.decode(names);
        const repair = codec.repair(names, addedAt);
        const after = apply(names, repair.remove);
        const afterDecoded = codec.decode(after);
        for (const name of repair.remove) {
          expect(names).toContain(name);
          // Only a field label of a field in conflict is removed: never tags, records, unreadable or foreign ones.
          const category = fieldOf(name);
          expect(category).toBeDefined();
          if (category) expect(before.seen[category].length).toBeGreaterThan(1);
        }
        for (const name of names) if (fieldOf(name) === undefined) expect(after).toContain(name);
        expect(afterDecoded.unreadable).toEqual(before.unreadable);
        if (repair.state === null) {
          expect(before.state).toBeNull();
          expect(repair.remove).toEqual([]);
          return;
        }
        expect(repair.state.tags).toEqual(before.state?.tags);
        const values: Record<SingleValuedCategory, string | undefined> = {
          Status: repair.state.status,
          Priority: repair.state.priority,
          Assignee: repair.state.assignee,
          Group: repair.state.group,
        };
        for (const category of CATEGORIES) {
          const value = values[category];
          const candidates = before.seen[category];
          if (candidates.length === 0) expect(value).toBeUndefined();
          else expect(candidates).toContain(value);
          // A field without a conflict keeps its value untouched.
          if (candidates.length === 1) expect(value).toBe(candidates[0]);
        }
        if (CATEGORIES.every((c) => before.seen[c].length <= 1)) {
          expect(repair.remove).toEqual([]);
          expect(repair.decisive).toBe(true);
          expect(repair.state).toEqual(before.state);
        }
      }),
      RUNS,
    );
  });

  it('lets no automatic New beat a status a person chose', () => {
    fc.assert(
      fc.property(thread, ({ names, addedAt }) => {
        const statuses = codec.decode(names).seen.Status;
        fc.pre(statuses.includes('New') && statuses.length > 1);
        expect(codec.repair(names, addedAt).state?.status).not.toBe('New');
      }),
      { numRuns: 200 },
    );
  });

  it('agrees in every browser: the same labels in any order give the same repair', () => {
    fc.assert(
      fc.property(thread, fc.nat(), ({ names, addedAt }, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(names, { minLength: names.length }), {
          seed,
          numRuns: 1,
        })[0] as string[];
        const a = codec.repair(names, addedAt);
        const b = codec.repair(shuffled, addedAt);
        expect(b.state).toEqual(a.state);
        expect(b.decisive).toBe(a.decisive);
        expect(new Set(b.remove)).toEqual(new Set(a.remove));
      }),
      RUNS,
    );
  });

  it('with complete history evidence, keeps the value added last and says the repair is decisive', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('Anna', 'Bob', 'Chen', 'Dana'), { minLength: 2, maxLength: 4 }),
        fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 18n }), { minLength: 4, maxLength: 4 }),
        (agents, ids) => {
          const names = [codec.statusLabel('Open'), ...agents.map(codec.assigneeLabel)];
          const addedAt = new Map(agents.map((a, i) => [codec.assigneeLabel(a), String(ids[i])]));
          const latest = agents.reduce((best, a, i) =>
            (ids[i] as bigint) > (ids[agents.indexOf(best)] as bigint) ? a : best,
          );
          const repair = codec.repair(names, addedAt);
          expect(repair.state?.assignee).toBe(latest);
          expect(repair.decisive).toBe(true);
          expect(repair.remove.sort()).toEqual(
            agents
              .filter((a) => a !== latest)
              .map(codec.assigneeLabel)
              .sort(),
          );
        },
      ),
      RUNS,
    );
  });
});
