// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { OptionsForm, type SettingsStore } from './options-form';

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function memoryStore(initial: Settings): SettingsStore & { saved: Settings[] } {
  const saved: Settings[] = [];
  return {
    saved,
    load: async () => initial,
    save: async (settings) => {
      saved.push(settings);
      return settings;
    },
  };
}

function type(label: string, value: string) {
  const input = document.getElementById(label === 'client' ? 'client-id' : 'agent-name') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

afterEach(() => {
  render(null, document.body);
});

describe('the options form', () => {
  it('labels every input', async () => {
    act(() => render(<OptionsForm store={memoryStore(DEFAULT_SETTINGS)} />, document.body));
    await settle();
    for (const input of document.querySelectorAll('input')) {
      expect(document.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    }
  });

  it('saves valid settings, trimmed, and confirms', async () => {
    const store = memoryStore(DEFAULT_SETTINGS);
    act(() => render(<OptionsForm store={store} />, document.body));
    await settle();
    await act(() => type('client', ' 1234-abc.apps.googleusercontent.com '));
    await act(() => type('agent', 'Anna'));
    await act(() => document.querySelector('form')?.requestSubmit());
    await settle();
    expect(store.saved).toEqual([
      { clientId: '1234-abc.apps.googleusercontent.com', agentName: 'Anna', shortcuts: {} },
    ]);
    expect(document.querySelector('[role="status"]')?.textContent).toBe('optionsSaved');
  });

  it('refuses a client id that is not Google OAuth one', async () => {
    const store = memoryStore(DEFAULT_SETTINGS);
    act(() => render(<OptionsForm store={store} />, document.body));
    await settle();
    await act(() => type('client', 'my-secret-key'));
    await act(() => document.querySelector('form')?.requestSubmit());
    await settle();
    expect(store.saved).toEqual([]);
    expect(document.querySelector('[role="status"]')?.textContent).toBe(
      'optionsInvalid An OAuth client id ends with .apps.googleusercontent.com',
    );
  });

  it('shows the stored settings', async () => {
    const store = memoryStore({ clientId: 'x.apps.googleusercontent.com', agentName: 'Bo', shortcuts: {} });
    act(() => render(<OptionsForm store={store} />, document.body));
    await settle();
    expect((document.getElementById('client-id') as HTMLInputElement).value).toBe(
      'x.apps.googleusercontent.com',
    );
    expect((document.getElementById('agent-name') as HTMLInputElement).value).toBe('Bo');
  });
});

describe('"I am" in the options form', () => {
  it("is a choice among the team's agents when it has some", async () => {
    const store = memoryStore({ ...DEFAULT_SETTINGS, agentName: 'Bo' });
    act(() =>
      render(
        <OptionsForm store={store} agents={['Anna', 'Bo']} mailbox="support@shop.example" />,
        document.body,
      ),
    );
    await settle();
    const select = document.getElementById('agent-name') as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect(select.value).toBe('Bo');
    expect(document.querySelector('label[for="agent-name"]')?.textContent).toBe('optionsIAm');
    expect(document.getElementById('agent-name-help')?.textContent).toBe(
      'optionsIAmHelp support@shop.example',
    );
    await act(() => {
      select.value = 'Anna';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => document.querySelector('form')?.requestSubmit());
    await settle();
    expect(store.saved.map((settings) => settings.agentName)).toEqual(['Anna']);
  });
});
