// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import { ShortcutEditor } from './shortcut-editor';

const root = () => document.body.firstElementChild as HTMLElement;
const row = (id: string) => root().querySelector<HTMLTableRowElement>(`tr[data-action="${id}"]`);
const shown = (id: string) => row(id)?.querySelector('td')?.firstChild?.textContent;
const note = (id: string) => row(id)?.querySelector('.keys-note')?.textContent;
const button = (id: string, kind: 'change' | 'clear' | 'reset') =>
  row(id)?.querySelector<HTMLButtonElement>(`.keys-${kind}`) ?? null;
const recording = (id: string) => button(id, 'change')?.classList.contains('is-recording');
const status = () => root().querySelector('[role="status"]')?.textContent;
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function show(
  settings: Settings = DEFAULT_SETTINGS,
  onSave: (s: Settings) => Promise<unknown> = async () => {},
) {
  document.body.innerHTML = '<div></div>';
  const saved: Settings[] = [];
  act(() =>
    render(
      <ShortcutEditor
        settings={settings}
        mac={false}
        onSave={(next) => {
          saved.push(next);
          return onSave(next);
        }}
      />,
      root(),
    ),
  );
  return saved;
}

/** Clicks Change and presses one key combination on the recording button. */
function record(id: string, code: string, init: KeyboardEventInit = {}) {
  act(() => button(id, 'change')?.click());
  act(() => {
    button(id, 'change')?.dispatchEvent(
      new KeyboardEvent('keydown', { code, bubbles: true, cancelable: true, ...init }),
    );
  });
}

afterEach(() => {
  render(null, root());
  document.body.innerHTML = '';
});

describe('the shortcut editor', () => {
  it('lists every action with its keys and names each button after its action', () => {
    show();
    expect(root().querySelectorAll('tbody tr')).toHaveLength(14);
    expect(shown('next-ticket')).toBe('Alt+Shift+J');
    expect(button('next-ticket', 'change')?.getAttribute('aria-label')).toBe('keysChangeFor keysNextTicket');
    expect(button('next-ticket', 'clear')?.getAttribute('aria-label')).toBe('keysClearFor keysNextTicket');
    expect(button('next-ticket', 'reset')?.getAttribute('aria-label')).toBe('keysResetFor keysNextTicket');
    expect(button('next-ticket', 'reset')?.disabled).toBe(true);
  });

  it('records the new keys and saves only what differs from the defaults', async () => {
    const saved = show({ ...DEFAULT_SETTINGS, agentName: 'Anna' });
    act(() => button('next-ticket', 'change')?.click());
    expect(recording('next-ticket')).toBe(true);
    expect(button('next-ticket', 'change')?.textContent).toBe('keysPressNew keysNextTicket');
    expect(button('next-ticket', 'change')?.getAttribute('aria-label')).toBe('keysPressNew keysNextTicket');
    // A modifier on its own waits for the key.
    act(() => {
      button('next-ticket', 'change')?.dispatchEvent(
        new KeyboardEvent('keydown', {
          code: 'AltLeft',
          key: 'Alt',
          altKey: true,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    expect(recording('next-ticket')).toBe(true);
    act(() => {
      button('next-ticket', 'change')?.dispatchEvent(
        new KeyboardEvent('keydown', {
          code: 'KeyP',
          altKey: true,
          shiftKey: true,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    expect(shown('next-ticket')).toBe('Alt+Shift+P');
    expect(recording('next-ticket')).toBe(false);
    act(() => button('focus-tags', 'clear')?.click());
    expect(shown('focus-tags')).toBe('keysNotSet');

    await act(() => root().querySelector<HTMLButtonElement>('.keys-save')?.click());
    await settle();
    expect(saved).toEqual([
      {
        ...DEFAULT_SETTINGS,
        agentName: 'Anna',
        shortcuts: { 'next-ticket': 'Alt+Shift+KeyP', 'focus-tags': '' },
      },
    ]);
    expect(status()).toBe('keysSaved');
  });

  it.each([
    ['KeyR', {}, 'keysNoModifier'],
    ['Enter', { ctrlKey: true }, 'keysClashGmail Ctrl+Enter'],
    ['KeyT', { ctrlKey: true }, 'keysClashBrowser Ctrl+T'],
  ])('refuses %s (%j): %s, and keeps recording', (code, init, message) => {
    show();
    record('undo', code, init);
    expect(shown('undo')).toBe('Alt+Shift+Z');
    expect(note('undo')).toBe(message);
    expect(status()).toBe(message);
    expect(recording('undo')).toBe(true);
    expect(button('undo', 'change')?.getAttribute('aria-describedby')).toBe(
      row('undo')?.querySelector('.keys-note')?.id,
    );
  });

  it('cancels recording with Escape', () => {
    show();
    record('undo', 'Escape', { key: 'Escape' });
    expect(recording('undo')).toBe(false);
    expect(shown('undo')).toBe('Alt+Shift+Z');
  });

  it('flags two actions on one combination and will not save them', async () => {
    const saved = show();
    record('undo', 'Digit1', { altKey: true, shiftKey: true });
    expect(note('undo')).toBe('keysClashAction keysSetStatus ticketStatusNew');
    expect(note('status-new')).toBe('keysClashAction keysUndo');
    await act(() => root().querySelector<HTMLButtonElement>('.keys-save')?.click());
    expect(saved).toEqual([]);
    expect(status()).toBe('keysFixClashes');
    act(() => button('undo', 'reset')?.click());
    expect(note('status-new')).toBeUndefined();
  });

  it('shows a stored re-binding that was refused, and resets everything', () => {
    show({ ...DEFAULT_SETTINGS, shortcuts: { 'open-queue': 'KeyQ', undo: 'Ctrl+Alt+KeyU' } });
    expect(shown('open-queue')).toBe('Alt+Shift+Q');
    expect(note('open-queue')).toBe('keysNoModifier');
    expect(shown('undo')).toBe('Ctrl+Alt+U');
    act(() => root().querySelector<HTMLButtonElement>('.keys-reset-all')?.click());
    expect(shown('undo')).toBe('Alt+Shift+Z');
    expect(note('open-queue')).toBeUndefined();
  });

  it('says when saving failed', async () => {
    show(DEFAULT_SETTINGS, async () => {
      throw new Error('Storage is full.');
    });
    await act(() => root().querySelector<HTMLButtonElement>('.keys-save')?.click());
    await settle();
    expect(status()).toBe('keysSaveFailed Storage is full.');
  });
});
