// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { settle, waitFor } from '../test-waiting';
import { browserHostAccess, type HostAccess, HostAccessWarning } from './host-access';
import { OptionsPage } from './options-page';
import { fakeOptionsService } from './options-service';

/** A promise the test settles by hand, to see the states in between. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** A HostAccess whose answers the test sets; it counts the calls. */
function fakeAccess(granted: () => Promise<boolean>, request: () => Promise<boolean> = async () => true) {
  const calls = { granted: 0, request: 0 };
  const access: HostAccess = {
    granted: () => {
      calls.granted++;
      return granted();
    },
    request: () => {
      calls.request++;
      return request();
    },
  };
  return { access, calls };
}

function show(access: HostAccess) {
  document.body.innerHTML = '<main><p id="after">the rest of the page</p></main>';
  const root = document.body.firstElementChild as HTMLElement;
  act(() => render(<HostAccessWarning access={access} />, root));
  return root;
}

const alert = () => document.querySelector<HTMLElement>('[role="alert"]');
const allowButton = () =>
  [...document.querySelectorAll('button')].find((button) => button.textContent === 'hostAccessAllow');

afterEach(() => {
  const root = document.body.firstElementChild;
  if (root !== null) act(() => render(null, root));
  document.body.innerHTML = '';
});

describe('HostAccessWarning', () => {
  it('shows nothing while checking, and nothing once the access is granted', async () => {
    const check = deferred<boolean>();
    const { access, calls } = fakeAccess(() => check.promise);
    show(access);
    await settle();
    expect(alert()).toBeNull();
    expect(document.querySelector('button')).toBeNull();
    check.resolve(true);
    await settle();
    await settle();
    expect(alert()).toBeNull();
    expect(document.querySelector('button')).toBeNull();
    expect(calls).toEqual({ granted: 1, request: 0 });
  });

  it('warns when the access is missing, asks from the click, and disappears once granted', async () => {
    const answer = deferred<boolean>();
    let requestedInsideClick = false;
    let inClick = false;
    const { access, calls } = fakeAccess(
      async () => false,
      () => {
        requestedInsideClick = inClick;
        return answer.promise;
      },
    );
    show(access);
    const warning = await waitFor('the warning', alert);
    expect(warning.textContent).toContain('hostAccessMissing');
    expect(warning.textContent).not.toContain('hostAccessRefused');
    const button = allowButton();
    expect(button?.type).toBe('button');

    button?.addEventListener('click', () => {
      inClick = false;
    });
    await act(() => {
      inClick = true;
      button?.click();
    });
    // The browser only asks during a user action: request() ran inside the click handler, not after it.
    expect(calls.request).toBe(1);
    expect(requestedInsideClick).toBe(true);
    expect(allowButton()?.disabled).toBe(true);

    answer.resolve(true);
    await waitFor('the warning to go', () => alert() === null);
    expect(document.querySelector('button')).toBeNull();
    expect(document.getElementById('after')).not.toBeNull();
  });

  it('says so after a refusal and keeps the button for another try', async () => {
    const answers = [false, true];
    const { access, calls } = fakeAccess(
      async () => false,
      async () => answers.shift() ?? false,
    );
    show(access);
    await waitFor('the button', allowButton);
    await act(() => allowButton()?.click());
    const refused = await waitFor('the refusal', () =>
      alert()?.textContent?.includes('hostAccessRefused') ? alert() : null,
    );
    expect(refused.textContent).toContain('hostAccessMissing');
    expect(allowButton()?.disabled).toBe(false);

    await act(() => allowButton()?.click());
    await waitFor('the warning to go after the second try', () => alert() === null);
    expect(calls.request).toBe(2);
  });

  it('shows a failing check or request as text, never throws, and keeps the button', async () => {
    const { access } = fakeAccess(
      async () => {
        throw new Error('permissions is not available');
      },
      () => {
        throw new Error('request may only be called from a user input handler');
      },
    );
    show(access);
    const failed = await waitFor('the check failure', () =>
      alert()?.textContent?.includes('hostAccessFailed') ? alert() : null,
    );
    expect(failed.textContent).toContain('permissions is not available');

    await act(() => allowButton()?.click());
    await waitFor('the request failure', () =>
      alert()?.textContent?.includes('user input handler') ? alert() : null,
    );
    expect(alert()?.textContent).not.toContain('permissions is not available');
    expect(alert()?.textContent).not.toContain('hostAccessRefused');
    expect(allowButton()?.disabled).toBe(false);
  });

  it('checks again when the tab comes back into view (the user may have withdrawn it meanwhile)', async () => {
    let granted = true;
    const { access, calls } = fakeAccess(async () => granted);
    show(access);
    await waitFor('the first check', () => calls.granted === 1);
    await settle();
    expect(alert()).toBeNull();

    granted = false;
    await act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor('the warning after the re-check', alert);
    expect(calls.granted).toBe(2);
  });
});

describe('OptionsPage with host access', () => {
  it('shows the warning right after the nav, before the settings', async () => {
    const service = fakeOptionsService({ mailboxes: [], teams: {}, settings: DEFAULT_SETTINGS });
    document.body.innerHTML = '<main></main>';
    const root = document.body.firstElementChild as HTMLElement;
    const { access } = fakeAccess(async () => false);
    act(() =>
      render(<OptionsPage service={service} language="en" download={() => {}} hostAccess={access} />, root),
    );
    const warning = await waitFor('the warning', alert);
    expect(warning.previousElementSibling?.tagName).toBe('NAV');
    expect(warning.nextElementSibling?.querySelector('h2')?.id).toBe('options-you-heading');
  });
});

describe('browserHostAccess', () => {
  function fakeChrome(
    hostPermissions: string[] | undefined,
    answers: { contains: boolean; request: boolean },
  ) {
    const asked: { method: string; origins: string[] | undefined }[] = [];
    const api = {
      runtime: {
        getManifest: () =>
          ({
            manifest_version: 3,
            name: 'Labeldesk',
            version: '0.1.0',
            ...(hostPermissions ? { host_permissions: hostPermissions } : {}),
          }) as chrome.runtime.Manifest,
      },
      permissions: {
        contains: async (wanted: chrome.permissions.Permissions) => {
          asked.push({ method: 'contains', origins: wanted.origins });
          return answers.contains;
        },
        request: async (wanted: chrome.permissions.Permissions) => {
          asked.push({ method: 'request', origins: wanted.origins });
          return answers.request;
        },
      },
    } as unknown as Parameters<typeof browserHostAccess>[0];
    return { api, asked };
  }

  it("asks about exactly the manifest's host_permissions", async () => {
    const origins = ['https://mail.google.com/*', 'https://gmail.googleapis.com/*'];
    const { api, asked } = fakeChrome(origins, { contains: false, request: true });
    const access = browserHostAccess(api);
    expect(await access.granted()).toBe(false);
    expect(await access.request()).toBe(true);
    expect(asked).toEqual([
      { method: 'contains', origins },
      { method: 'request', origins },
    ]);
  });

  it('calls permissions.request before returning (so it stays inside the click)', () => {
    const { api, asked } = fakeChrome(['https://mail.google.com/*'], { contains: true, request: true });
    void browserHostAccess(api).request();
    expect(asked.map((call) => call.method)).toEqual(['request']);
  });

  it('turns a synchronous throw of the browser API into a rejection', async () => {
    const { api } = fakeChrome(['https://mail.google.com/*'], { contains: true, request: true });
    api.permissions.request = () => {
      throw new Error('not from a user action');
    };
    await expect(browserHostAccess(api).request()).rejects.toThrow('not from a user action');
  });
});
