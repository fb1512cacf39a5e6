// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HoldDetails, promisedByFromInput, promisedByToInput } from './hold-details';
import { byLabel, HOUR, mount, NOW, typeInto, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

describe('promised dates', () => {
  it('reads a date input as the end of that local day, and back', () => {
    const epoch = promisedByFromInput('2026-11-30');
    expect(epoch).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).getTime());
    expect(promisedByToInput(epoch ?? undefined)).toBe('2026-11-30');
    expect(promisedByFromInput('')).toBeNull();
    expect(promisedByToInput(undefined)).toBe('');
  });
});

describe('the hold details', () => {
  function hold(initial: { waitingFor?: string; promisedBy?: number } | undefined) {
    const saved: [string | null, number | null][] = [];
    const root = mount(<HoldDetails hold={initial} now={NOW} onSave={(w, p) => saved.push([w, p])} />);
    return {
      saved,
      root,
      waiting: byLabel(root, 'Waiting for') as HTMLInputElement,
      promised: byLabel(root, 'Promised by') as HTMLInputElement,
    };
  }
  const commit = (input: HTMLInputElement) =>
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });

  it('clears a field with null and saves nothing when nothing changed', async () => {
    const { saved, waiting, promised } = hold({ waitingFor: 'DHL', promisedBy: NOW + 24 * HOUR });
    await commit(waiting);
    expect(saved).toEqual([]);
    await typeInto(waiting, '  ');
    await commit(waiting);
    await act(() => {
      promised.value = '';
      promised.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(saved).toEqual([
      [null, NOW + 24 * HOUR],
      ['  '.trim() || null, null],
    ]);
  });

  it('flags a promised date that has passed, in words', () => {
    const { root, promised } = hold({ promisedBy: NOW - HOUR });
    expect(promised.getAttribute('aria-invalid')).toBe('true');
    const warning = root.querySelector(`[id="${promised.getAttribute('aria-describedby')}"]`);
    expect(warning?.textContent).toMatch(/^Overdue The promised date \(.+\) has passed\.$/);
  });

  it('does not flag a promise still ahead', () => {
    const { root, promised } = hold({ promisedBy: NOW + HOUR });
    expect(promised.hasAttribute('aria-invalid')).toBe(false);
    expect(root.textContent).not.toContain('has passed');
  });
});
