// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { button, mount, unmount, useEnglish } from './testing';
import { UndoToast } from './undo-toast';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

describe('the undo toast', () => {
  it('is a live region that says what changed, with an Undo button', async () => {
    let undone = 0;
    const root = mount(<UndoToast message="Status set to Pending" onUndo={() => undone++} />);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Status set to PendingUndo');
    await act(() => button(root, 'Undo')?.click());
    expect(undone).toBe(1);
  });

  it('has no button once undone, and stays in the page empty so it is announced later', () => {
    const root = mount(<UndoToast message="Change undone" onUndo={undefined} />);
    expect(button(root, 'Undo')).toBeNull();
    unmount();
    const empty = mount(<UndoToast message={undefined} onUndo={undefined} />);
    expect(empty.querySelector('[role="status"]')?.textContent).toBe('');
  });
});
