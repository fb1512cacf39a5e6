// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TicketTag } from '../../core/ticket';
import { suggestTags, TagPicker } from './tag-picker';
import { button, byLabel, mount, press, TEAM, typeInto, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

const TAXONOMY = TEAM.config?.tags ?? [];

function picker(tags: TicketTag[] = []) {
  const added: TicketTag[] = [];
  const removed: TicketTag[] = [];
  const root = mount(
    <TagPicker
      tags={tags}
      taxonomy={TAXONOMY}
      onAdd={(tag) => added.push(tag)}
      onRemove={(tag) => removed.push(tag)}
    />,
  );
  return { root, added, removed, input: byLabel(root, 'Tags') as HTMLInputElement };
}

describe('suggestTags', () => {
  it('matches path and description, paths starting with the text first, without tags the ticket has', () => {
    expect(suggestTags('ship', TAXONOMY, []).map((tag) => tag.path)).toEqual([
      'Shipping/Late by shipper',
      'Shipping/Warehouse delays',
    ]);
    expect(suggestTags('tax', TAXONOMY, []).map((tag) => tag.path)).toEqual(['Invoice data']);
    expect(suggestTags('', TAXONOMY, [{ what: 'Invoice data' }]).map((tag) => tag.path)).not.toContain(
      'Invoice data',
    );
    expect(suggestTags('warehouse', TAXONOMY, []).map((tag) => tag.path)).toEqual([
      'Shipping/Warehouse delays',
    ]);
  });
});

describe('the tag picker', () => {
  it('is a combobox named Tags with a listbox popup', () => {
    const { input, root } = picker();
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(root.querySelector(`[id="${input.getAttribute('aria-controls')}"]`)?.getAttribute('role')).toBe(
      'listbox',
    );
    expect(root.textContent).toContain('No tags yet.');
  });

  it('adds free text as what/why on Enter', async () => {
    const { input, added } = picker();
    await typeInto(input, 'Refund/Double charge');
    await press(input, 'Enter');
    expect(added).toEqual([{ what: 'Refund', why: 'Double charge' }]);
  });

  it('adds nothing for empty text', async () => {
    const { input, added } = picker();
    await typeInto(input, '   ');
    await press(input, 'Enter');
    expect(added).toEqual([]);
  });

  it('adds the option the agent clicks, with its description shown', async () => {
    const { input, added, root } = picker();
    await typeInto(input, 'invoice');
    const option = root.querySelector('[role="option"]');
    expect(option?.textContent).toBe('Invoice dataWrong company name or tax id on an invoice');
    await act(() => {
      option?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    });
    expect(added).toEqual([{ what: 'Invoice data' }]);
  });

  it('wraps ArrowUp from the top to the last option', async () => {
    const { input, root } = picker();
    await press(input, 'ArrowUp');
    const options = root.querySelectorAll('[role="option"]');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[options.length - 1]?.id);
  });

  it('removes a tag from its chip, named after the tag', async () => {
    const { removed, root } = picker([{ what: 'Complaint' }]);
    await act(() => button(root, 'Remove tag Complaint')?.click());
    expect(removed).toEqual([{ what: 'Complaint' }]);
  });
});
