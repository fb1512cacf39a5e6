import { describe, expect, it, vi } from 'vitest';
import {
  type AccessToken,
  chromeWebAuthFlow,
  classifyFlowError,
  detectWebAuthFlow,
  firefoxWebAuthFlow,
  type IdentityApi,
  type TokenCache,
  WebAuthTokenSource,
} from './auth';

// Firefox's redirect host: the SHA-1 of the add-on id under extensions.allizom.org.
const REDIRECT = 'https://0f5e1b6a3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f.extensions.allizom.org/';
const CLIENT_ID = '1234-abc.apps.googleusercontent.com';
const MAILBOX = 'support@shop.example';
const NOW = 1_800_000_000_000;

function memoryCache(): TokenCache & { entries: Map<string, AccessToken> } {
  const entries = new Map<string, AccessToken>();
  return {
    entries,
    get: async (mailbox) => entries.get(mailbox),
    set: async (mailbox, token) => void entries.set(mailbox, token),
    delete: async (mailbox) => void entries.delete(mailbox),
  };
}

/**
 * A fake of Firefox's `browser.identity`: no getAuthToken, and like Firefox's schema it refuses a property it
 * does not know (`timeoutMsForNonInteractive`) instead of ignoring it.
 */
function firefoxIdentity(answer: (url: URL, interactive: boolean) => Promise<string> | string) {
  const launches: { interactive: boolean; url: URL }[] = [];
  const identity: IdentityApi = {
    getRedirectURL: () => REDIRECT,
    launchWebAuthFlow: async (details) => {
      const unknown = Object.keys(details).filter((key) => key !== 'url' && key !== 'interactive');
      if (unknown.length > 0)
        throw new Error(`Type error for parameter details (Unexpected property "${unknown[0]}")`);
      const url = new URL(details.url);
      launches.push({ interactive: details.interactive, url });
      return answer(url, details.interactive);
    },
  };
  return { identity, launches };
}

const grant = (url: URL, token: string) =>
  `${REDIRECT}#access_token=${token}&token_type=Bearer&expires_in=3600&state=${url.searchParams.get('state')}`;

function source(identity: IdentityApi, cache = memoryCache()) {
  return new WebAuthTokenSource({
    mailbox: MAILBOX,
    clientId: async () => CLIENT_ID,
    flow: firefoxWebAuthFlow(identity),
    cache,
    now: () => NOW,
  });
}

describe('detectWebAuthFlow', () => {
  const chromeIdentity = { ...firefoxIdentity(() => '').identity, getAuthToken: () => undefined };

  it("keeps Chromium's flow where identity has getAuthToken", () => {
    expect(detectWebAuthFlow({ chrome: { identity: chromeIdentity } })).toBe(chromeWebAuthFlow);
  });

  it("uses Firefox's flow through the browser namespace where identity has no getAuthToken", async () => {
    const { identity, launches } = firefoxIdentity((url) => grant(url, 'tok'));
    const { identity: chromeAlias } = firefoxIdentity(() => {
      throw new Error('the chrome alias must not be used when browser exists');
    });
    const flow = detectWebAuthFlow({ chrome: { identity: chromeAlias }, browser: { identity } });
    expect(flow).not.toBe(chromeWebAuthFlow);
    expect(flow.redirectUrl()).toBe(REDIRECT);
    await flow.launch({ url: 'https://accounts.google.com/o/oauth2/v2/auth?state=s', interactive: false });
    expect(launches).toHaveLength(1);
  });

  it('falls back to the chrome namespace when a Gecko-like browser has no browser namespace', () => {
    const { identity } = firefoxIdentity(() => '');
    expect(detectWebAuthFlow({ chrome: { identity } }).redirectUrl()).toBe(REDIRECT);
  });
});

describe("classifyFlowError on Firefox's messages", () => {
  it.each([
    ['Requires user interaction', 'interaction-required'],
    ['User cancelled or denied access.', 'user-cancelled'],
    ['Invalid request', 'page-not-loaded'],
  ])('%s → %s', (message, failure) => {
    expect(classifyFlowError(message).failure).toBe(failure);
  });
});

describe('WebAuthTokenSource in Firefox', () => {
  it("signs in silently without Chrome's timeout option, then serves the cached token", async () => {
    const { identity, launches } = firefoxIdentity((url) => grant(url, 'tok-1'));
    const tokens = source(identity);
    expect(await tokens.getToken()).toBe('tok-1');
    expect(await tokens.getToken()).toBe('tok-1');
    expect(launches).toHaveLength(1);
    expect(launches[0]?.interactive).toBe(false);
    expect(launches[0]?.url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(launches[0]?.url.searchParams.get('login_hint')).toBe(MAILBOX);
  });

  it('opens the sign-in window only from signIn, when the silent flow needs the agent', async () => {
    const { identity, launches } = firefoxIdentity((url, interactive) => {
      if (!interactive) throw new Error('Requires user interaction');
      return grant(url, 'tok-i');
    });
    const tokens = source(identity);
    await expect(tokens.getToken()).rejects.toMatchObject({ failure: 'interaction-required' });
    expect(await tokens.signIn()).toBe('tok-i');
    expect(launches.map((launch) => launch.interactive)).toEqual([false, false, true]);
    expect(await tokens.getToken()).toBe('tok-i');
  });

  it('reports a closed sign-in window as user-cancelled', async () => {
    const { identity } = firefoxIdentity((_url, interactive) => {
      throw new Error(interactive ? 'User cancelled or denied access.' : 'Requires user interaction');
    });
    await expect(source(identity).signIn()).rejects.toMatchObject({ failure: 'user-cancelled' });
  });

  it("parses Google's access_denied redirect like in Chrome", async () => {
    const { identity } = firefoxIdentity(
      (url) => `${REDIRECT}#error=access_denied&state=${url.searchParams.get('state')}`,
    );
    await expect(source(identity).getToken()).rejects.toMatchObject({ failure: 'access-denied' });
  });

  it('gives up on a silent flow that never answers, and leaves an interactive one alone', async () => {
    vi.useFakeTimers();
    try {
      const { identity } = firefoxIdentity(() => new Promise<string>(() => {}));
      const flow = firefoxWebAuthFlow(identity, { timeoutMs: 10_000 });
      const outcomes: string[] = [];
      flow
        .launch({ url: 'https://accounts.google.com/x', interactive: false })
        .catch((error: Error) => outcomes.push(`silent: ${error.message}`));
      flow
        .launch({ url: 'https://accounts.google.com/x', interactive: true })
        .finally(() => outcomes.push('interactive settled'));
      await vi.advanceTimersByTimeAsync(9_999);
      expect(outcomes).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(outcomes).toEqual(['silent: Authorization page could not be loaded in 10000 ms']);
      // The agent may take minutes in the sign-in window: only they (or Firefox) end it.
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(outcomes).toHaveLength(1);
      expect(classifyFlowError(outcomes[0] ?? '').failure).toBe('page-not-loaded');
    } finally {
      vi.useRealTimers();
    }
  });
});
