import { describe, expect, it } from 'vitest';
import {
  type AccessToken,
  AuthError,
  assertSameMailbox,
  buildAuthorizeUrl,
  classifyFlowError,
  MailboxMismatchError,
  parseAuthRedirect,
  type TokenCache,
  type WebAuthFlow,
  WebAuthTokenSource,
} from './auth';

const REDIRECT = 'https://acocndifihbcbdmbdojmfaldmapplekp.chromiumapp.org/';
const CLIENT_ID = '1234-abc.apps.googleusercontent.com';
const MAILBOX = 'support@shop.example';
const NOW = 1_800_000_000_000;

describe('buildAuthorizeUrl', () => {
  it("asks Google's implicit flow for gmail.modify, for the mailbox in the tab", () => {
    const url = new URL(
      buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, mailbox: MAILBOX, state: 's1' }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'token',
      redirect_uri: REDIRECT,
      scope: 'https://www.googleapis.com/auth/gmail.modify',
      login_hint: MAILBOX,
      state: 's1',
    });
  });
});

describe('parseAuthRedirect', () => {
  it('reads the token and its expiry from the fragment', () => {
    expect(
      parseAuthRedirect(
        `${REDIRECT}#access_token=ya29.x&token_type=Bearer&expires_in=3599&state=s1`,
        's1',
        NOW,
      ),
    ).toEqual({ accessToken: 'ya29.x', expiresAt: NOW + 3_599_000 });
  });

  it.each([
    ['another flow’s answer', `${REDIRECT}#access_token=ya29.x&state=other`, 'bad-redirect'],
    ['no token', `${REDIRECT}#token_type=Bearer&state=s1`, 'bad-redirect'],
    ['access denied', `${REDIRECT}#error=access_denied&state=s1`, 'access-denied'],
    ['an error in the query', `${REDIRECT}?error=invalid_client&state=s1`, 'access-denied'],
    ['no URL at all', 'not a url', 'bad-redirect'],
  ])('refuses %s', (_what, redirect, failure) => {
    expect(() => parseAuthRedirect(redirect, 's1', NOW)).toThrow(expect.objectContaining({ failure }));
  });

  it('never puts the token in an error message', () => {
    try {
      parseAuthRedirect(`${REDIRECT}#access_token=ya29.secret&state=other`, 's1', NOW);
    } catch (error) {
      expect(String(error)).not.toContain('ya29.secret');
    }
  });
});

describe('classifyFlowError', () => {
  it.each([
    ['User interaction required.', 'interaction-required'],
    ['The user did not approve access.', 'user-cancelled'],
    ['Authorization page could not be loaded.', 'page-not-loaded'],
    ['Only one web auth flow is allowed at a time.', 'flow-running'],
  ])('%s → %s', (message, failure) => {
    expect(classifyFlowError(message).failure).toBe(failure);
  });
});

describe('assertSameMailbox', () => {
  it('accepts the same address in any case and refuses another', () => {
    expect(() => assertSameMailbox('Support@Shop.example', MAILBOX)).not.toThrow();
    expect(() => assertSameMailbox('anna@gmail.com', MAILBOX)).toThrow(MailboxMismatchError);
  });
});

function memoryCache(): TokenCache & { entries: Map<string, AccessToken> } {
  const entries = new Map<string, AccessToken>();
  return {
    entries,
    get: async (mailbox) => entries.get(mailbox),
    set: async (mailbox, token) => void entries.set(mailbox, token),
    delete: async (mailbox) => void entries.delete(mailbox),
  };
}

/** Answers like the stand-in's authorize endpoint, or fails like Chrome does for a consent page. */
function scriptedFlow(answer: (url: URL, interactive: boolean) => string) {
  const launches: { interactive: boolean; timeout: number | undefined; url: URL }[] = [];
  const flow: WebAuthFlow = {
    redirectUrl: () => REDIRECT,
    launch: async ({ url, interactive, timeoutMsForNonInteractive }) => {
      const parsed = new URL(url);
      launches.push({ interactive, timeout: timeoutMsForNonInteractive, url: parsed });
      return answer(parsed, interactive);
    },
  };
  return { flow, launches };
}

const grant = (url: URL, token: string) =>
  `${REDIRECT}#access_token=${token}&token_type=Bearer&expires_in=3600&state=${url.searchParams.get('state')}`;

function source(flow: WebAuthFlow, cache = memoryCache(), clientId = CLIENT_ID, now = () => NOW) {
  return new WebAuthTokenSource({ mailbox: MAILBOX, clientId: async () => clientId, flow, cache, now });
}

describe('WebAuthTokenSource', () => {
  it('signs in silently with a timeout, then serves the cached token', async () => {
    const { flow, launches } = scriptedFlow((url) => grant(url, 'tok-1'));
    const tokens = source(flow);
    expect(await tokens.getToken()).toBe('tok-1');
    expect(await tokens.getToken()).toBe('tok-1');
    expect(launches).toHaveLength(1);
    expect(launches[0]).toMatchObject({ interactive: false, timeout: 10_000 });
    expect(launches[0]?.url.searchParams.get('login_hint')).toBe(MAILBOX);
  });

  it('fetches a new token when the cached one is about to expire', async () => {
    let token = 0;
    const { flow } = scriptedFlow((url) => grant(url, `tok-${++token}`));
    let now = NOW;
    const tokens = source(flow, memoryCache(), CLIENT_ID, () => now);
    expect(await tokens.getToken()).toBe('tok-1');
    now += 3_600_000 - 30_000;
    expect(await tokens.getToken()).toBe('tok-2');
  });

  it('never opens a window to read, but signIn does when Google needs the agent', async () => {
    const { flow, launches } = scriptedFlow((url, interactive) => {
      if (!interactive) throw new Error('User interaction required.');
      return grant(url, 'tok-i');
    });
    const tokens = source(flow);
    await expect(tokens.getToken()).rejects.toMatchObject({ failure: 'interaction-required' });
    expect(await tokens.signIn()).toBe('tok-i');
    expect(launches.map((launch) => launch.interactive)).toEqual([false, false, true]);
    expect(await tokens.getToken()).toBe('tok-i');
  });

  it('says so when no client id is configured, without starting a flow', async () => {
    const { flow, launches } = scriptedFlow((url) => grant(url, 'tok'));
    await expect(source(flow, memoryCache(), '').getToken()).rejects.toMatchObject({
      failure: 'not-configured',
    });
    expect(launches).toHaveLength(0);
  });

  it('forgets a token Gmail refused', async () => {
    let token = 0;
    const { flow } = scriptedFlow((url) => grant(url, `tok-${++token}`));
    const cache = memoryCache();
    const tokens = source(flow, cache);
    await tokens.invalidate(await tokens.getToken());
    expect(cache.entries.size).toBe(0);
    expect(await tokens.getToken()).toBe('tok-2');
  });

  it('reports a cancelled sign-in window as a typed error', async () => {
    const { flow } = scriptedFlow(() => {
      throw new Error('The user did not approve access.');
    });
    const error = await source(flow)
      .signIn()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ failure: 'user-cancelled' });
  });
});
