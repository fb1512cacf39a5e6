// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKeymap } from '../../core/keymap';
import { DeskActions } from '../actions';
import { HelpOverlay } from './help-overlay';

const mount = () => document.getElementById('overlay') as HTMLElement;
const dialog = () => mount().querySelector<HTMLElement>('[role="dialog"]');
const key = (target: Element | null, init: KeyboardEventInit) => {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  act(() => {
    target?.dispatchEvent(event);
  });
  return event;
};

function show(keymap = buildKeymap(), mac = false, onOpenOptions?: () => void) {
  document.body.innerHTML = '<button id="before">Reply</button><div id="overlay"></div>';
  const actions = new DeskActions();
  act(() =>
    render(
      <HelpOverlay
        actions={actions}
        keymap={keymap}
        mac={mac}
        {...(onOpenOptions ? { onOpenOptions } : {})}
      />,
      mount(),
    ),
  );
  return actions;
}

afterEach(() => {
  render(null, mount());
  document.body.innerHTML = '';
});

describe('the shortcut help', () => {
  it('is closed until the show-help action', () => {
    show();
    expect(dialog()).toBeNull();
  });

  it('is a labelled modal dialog listing every action with its keys', () => {
    const actions = show(buildKeymap({ 'focus-tags': '' }));
    act(() => actions.dispatch({ kind: 'show-help' }));
    const box = dialog();
    expect(box?.getAttribute('aria-modal')).toBe('true');
    const title = document.getElementById(box?.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe('keysHelpTitle');
    const rows = [...(box?.querySelectorAll('tbody tr') ?? [])].map((row) => [
      row.querySelector('th')?.textContent,
      row.querySelector('td')?.textContent,
    ]);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toEqual(['keysSetStatus ticketStatusNew', 'Alt+Shift+1']);
    expect(rows[3]).toEqual(['keysSetStatus ticketStatusOnHold', 'Alt+Shift+4']);
    expect(rows).toContainEqual(['keysFocusTags', 'keysNotSet']);
    expect(rows).toContainEqual(['keysShowHelp', 'Alt+Shift+/']);
  });

  it('names Option and Cmd on macOS', () => {
    const actions = show(buildKeymap(), true);
    act(() => actions.dispatch({ kind: 'show-help' }));
    expect(dialog()?.querySelector('tbody td')?.textContent).toBe('Option+Shift+1');
  });

  it('takes focus, keeps Tab inside, and gives focus back on Escape', () => {
    const actions = show();
    const before = document.getElementById('before') as HTMLButtonElement;
    before.focus();
    act(() => actions.dispatch({ kind: 'show-help' }));
    const close = dialog()?.querySelector<HTMLButtonElement>('button');
    expect(close?.textContent).toBe('keysClose');
    expect(document.activeElement).toBe(close);

    expect(key(close ?? null, { key: 'Tab' }).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);
    expect(key(close ?? null, { key: 'Tab', shiftKey: true }).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);

    const escaped = key(close ?? null, { key: 'Escape' });
    expect(escaped.defaultPrevented).toBe(true);
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('cycles Tab between its first and last control', () => {
    const opened: string[] = [];
    const actions = show(buildKeymap(), false, () => opened.push('options'));
    act(() => actions.dispatch({ kind: 'show-help' }));
    const [options, close] = [...(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    expect(options?.textContent).toBe('actionOpenOptions');
    expect(document.activeElement).toBe(close);
    expect(key(close ?? null, { key: 'Tab' }).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(options);
    // Between two controls the browser's own Tab is left alone.
    expect(key(options ?? null, { key: 'Tab' }).defaultPrevented).toBe(false);
    expect(key(options ?? null, { key: 'Tab', shiftKey: true }).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);
    act(() => options?.click());
    expect(opened).toEqual(['options']);
  });

  it('brings Tab back from outside the dialog', () => {
    const actions = show();
    act(() => actions.dispatch({ kind: 'show-help' }));
    const heading = dialog()?.querySelector('h2') ?? null;
    (document.getElementById('before') as HTMLButtonElement).focus();
    key(heading, { key: 'Tab' });
    expect(document.activeElement).toBe(dialog()?.querySelector('button'));
  });

  it('closes with its button and with the show-help action pressed again', () => {
    const actions = show();
    act(() => actions.dispatch({ kind: 'show-help' }));
    act(() => dialog()?.querySelector<HTMLButtonElement>('button')?.click());
    expect(dialog()).toBeNull();
    act(() => actions.dispatch({ kind: 'show-help' }));
    expect(dialog()).not.toBeNull();
    act(() => actions.dispatch({ kind: 'show-help' }));
    expect(dialog()).toBeNull();
  });
});
