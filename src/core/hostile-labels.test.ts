import { describe, expect, it } from 'vitest';
import { labelNames } from '../../test/fixtures/hostile/corpus';
import { createLabelCodec } from './label-codec';

/**
 * Issue 8, hostile label names: labels under the prefix made by hand in Gmail or by another tool. Whatever
 * they say, reading them must not throw (a throw in `repair` stopped a whole sync: found by this corpus,
 * `Helpdesk/Assignee/Anna ` with a trailing space), must not pollute prototypes, and what the codec reads as
 * a value must be something it can write back.
 */
const codec = createLabelCodec('Helpdesk');

describe('hostile label names', () => {
  it.each(labelNames.map((c) => [c.id, c.value] as const))(
    '%s: decode, repair and diff do not throw',
    (_, label) => {
      const names = ['Helpdesk/Status/Open', 'Helpdesk/Priority/High', label];
      const decoded = codec.decode(names);
      const repaired = codec.repair(names, new Map([[label, '5']]));
      expect(decoded.state?.status).toBeDefined();
      expect(repaired.state).not.toBeNull();
      // Whatever was read is writable again: encode accepts the repaired state.
      expect(() => codec.encode(repaired.state ?? { status: 'Open', tags: [] })).not.toThrow();
      expect(() => codec.diff(names, repaired.state)).not.toThrow();
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it.each([
    'Helpdesk/Assignee/Anna ',
    'Helpdesk/Tag/ Shipping',
    'Helpdesk/Group/Bil\tling',
    'Helpdesk/Tag/a\u0000b',
    `Helpdesk/Tag/${'T'.repeat(300)}`,
    `Helpdesk/Tag/${'T'.repeat(205)}`,
    `Helpdesk/Assignee/${'A'.repeat(201)}`,
  ])('reads %j, which encode could not write, as unreadable', (label) => {
    const decoded = codec.decode(['Helpdesk/Status/Open', label]);
    expect(decoded.unreadable).toEqual([label]);
    expect(decoded.state).toEqual({ status: 'Open', tags: [] });
    expect(codec.repair(['Helpdesk/Status/Open', label])).toEqual({
      state: { status: 'Open', tags: [] },
      remove: [],
      decisive: true,
    });
  });

  it('still reads a scheme label with inner spaces and non-Latin letters', () => {
    const decoded = codec.decode([
      'Helpdesk/Status/Open',
      'Helpdesk/Assignee/Анна Ковальска',
      'Helpdesk/Tag/配送/遅延',
    ]);
    expect(decoded.state).toEqual({
      status: 'Open',
      assignee: 'Анна Ковальска',
      tags: [{ what: '配送', why: '遅延' }],
    });
  });
});
