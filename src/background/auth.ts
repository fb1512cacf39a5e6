import { z } from 'zod';
import type { TokenSource } from '../gmail/api/token-source';

/**
 * Signing in to the mailbox open in the tab with `identity.launchWebAuthFlow` and Google's OAuth
 * implicit flow (DESIGN.md section 1): `login_hint` picks the right account, the token is cached in
 * `chrome.storage.session` until shortly before it expires. Tokens never appear in logs or errors.
 * Chromium and Firefox run the same flow; `detectWebAuthFlow` picks the browser's variant at runtime.
 */

export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GMAIL_SCOPE = 'https://www.googleapis.com/auth/gmail.modify';
/** A silent flow that gets no redirect never settles unless told when to stop (TOOLCHAIN.md). */
export const NON_INTERACTIVE_TIMEOUT_MS = 10_000;
/** Tokens are refreshed this long before Google says they expire, so no call starts with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

export type AuthFailure =
  /** A silent flow would need the agent (consent or account choice). */
  | 'interaction-required'
  /** The agent closed the sign-in window. */
  | 'user-cancelled'
  /** Google said no (`#error=access_denied`, or another OAuth error). */
  | 'access-denied'
  | 'page-not-loaded'
  | 'flow-running'
  /** The redirect does not belong to the flow we started, or lacks a token. */
  | 'bad-redirect'
  | 'not-configured';

export class AuthError extends Error {
  constructor(
    readonly failure: AuthFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export class MailboxMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Signed in as ${actual}, but the tab shows ${expected}`);
    this.name = 'MailboxMismatchError';
  }
}

/** Before any write: the token's account must be the mailbox the agent is looking at. */
export function assertSameMailbox(profileEmail: string, tabMailbox: string): void {
  if (profileEmail.trim().toLowerCase() !== tabMailbox.trim().toLowerCase()) {
    throw new MailboxMismatchError(tabMailbox, profileEmail);
  }
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  mailbox: string;
  state: string;
}

export function buildAuthorizeUrl({ clientId, redirectUri, mailbox, state }: AuthorizeRequest): string {
  const url = new URL(GOOGLE_AUTHORIZE_URL);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'token',
    redirect_uri: redirectUri,
    scope: GMAIL_SCOPE,
    login_hint: mailbox,
    state,
    include_granted_scopes: 'true',
  }).toString();
  return url.toString();
}

export interface AccessToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Reads the redirect's fragment: the token and its lifetime, or Google's error; the state must match. */
export function parseAuthRedirect(redirect: string, expectedState: string, now: number): AccessToken {
  const url = URL.parse(redirect);
  if (url === null) throw new AuthError('bad-redirect', 'The sign-in redirect is not a URL');
  // Google puts the answer in the fragment; some errors arrive in the query instead.
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const answer = fragment.size > 0 ? fragment : url.searchParams;
  if (answer.get('state') !== expectedState) {
    throw new AuthError('bad-redirect', 'The sign-in answer belongs to another request');
  }
  const error = answer.get('error');
  if (error !== null) {
    throw new AuthError('access-denied', `Google refused access: ${error.slice(0, 80)}`);
  }
  const accessToken = answer.get('access_token');
  if (accessToken === null || accessToken === '') {
    throw new AuthError('bad-redirect', 'The sign-in answer has no access token');
  }
  const expiresIn = Number(answer.get('expires_in') ?? '3600');
  const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3_600_000;
  return { accessToken, expiresAt: now + lifetimeMs };
}

/**
 * Browsers report flow failures as plain strings; these are their meanings. Chrome's are in TOOLCHAIN.md;
 * Firefox says `Requires user interaction` (a silent flow that met a page) and `User cancelled or denied
 * access.` (the sign-in window closed).
 */
export function classifyFlowError(message: string): AuthError {
  if (/interaction required|requires user interaction/i.test(message))
    return new AuthError('interaction-required', message);
  if (/did not approve|cancelled or denied/i.test(message)) return new AuthError('user-cancelled', message);
  if (/could not be loaded/i.test(message)) return new AuthError('page-not-loaded', message);
  if (/only one web auth flow/i.test(message)) return new AuthError('flow-running', message);
  return new AuthError('page-not-loaded', message);
}

/** `chrome.identity`, reduced to what the flow needs, so tests can script it. */
export interface WebAuthFlow {
  redirectUrl(): string;
  launch(details: {
    url: string;
    interactive: boolean;
    timeoutMsForNonInteractive?: number;
  }): Promise<string | undefined>;
}

export const chromeWebAuthFlow: WebAuthFlow = {
  redirectUrl: () => chrome.identity.getRedirectURL(),
  launch: (details) => chrome.identity.launchWebAuthFlow(details),
};

/** The part of an `identity` namespace the flows use: Chrome's and Firefox's differ in what else they hold. */
export interface IdentityApi {
  getRedirectURL(): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  /** Chrome's own account sign-in: Chromium has it, Firefox does not. Only its presence is read. */
  getAuthToken?: unknown;
}

/**
 * Firefox's `identity.launchWebAuthFlow` (README.md, "Firefox"). Its redirect URL is
 * `https://<sha1 of the add-on id>.extensions.allizom.org/`, which the OAuth client must list too. It takes
 * `url` and `interactive` only (its schema refuses Chrome's `timeoutMsForNonInteractive`); a silent flow
 * settles by itself when Google answers with a page instead of a redirect, and this flow still gives up after
 * `timeoutMs` so a request that never answers cannot hold sign-in forever.
 */
export function firefoxWebAuthFlow(
  identity: IdentityApi,
  { timeoutMs = NON_INTERACTIVE_TIMEOUT_MS }: { timeoutMs?: number } = {},
): WebAuthFlow {
  return {
    redirectUrl: () => identity.getRedirectURL(),
    launch({ url, interactive }) {
      const flow = identity.launchWebAuthFlow({ url, interactive });
      if (interactive) return flow;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Authorization page could not be loaded in ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      return Promise.race([flow, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

/** The namespaces a page of the extension may see: `chrome` everywhere, `browser` in Firefox. */
export interface ExtensionGlobals {
  chrome?: { identity?: IdentityApi };
  browser?: { identity?: IdentityApi };
}

/**
 * Picks the flow by what the browser offers, not by its name: an `identity` API with `getAuthToken` is
 * Chromium's (Chrome, Edge, the test Chromium), which takes the silent-flow timeout; one without it is
 * Firefox's, reached through the promise-based `browser` namespace when there is one.
 */
export function detectWebAuthFlow(globals: ExtensionGlobals = globalThis as ExtensionGlobals): WebAuthFlow {
  const chromeIdentity = globals.chrome?.identity;
  if (chromeIdentity !== undefined && typeof chromeIdentity.getAuthToken === 'function')
    return chromeWebAuthFlow;
  const identity = globals.browser?.identity ?? chromeIdentity;
  return identity === undefined ? chromeWebAuthFlow : firefoxWebAuthFlow(identity);
}

/** Where tokens wait between service-worker restarts. `chrome.storage.session`: memory only, extension only. */
export interface TokenCache {
  get(mailbox: string): Promise<AccessToken | undefined>;
  set(mailbox: string, token: AccessToken): Promise<void>;
  delete(mailbox: string): Promise<void>;
}

const cachedTokenSchema = z.object({ accessToken: z.string().min(1), expiresAt: z.number() });

export function sessionTokenCache(area: chrome.storage.StorageArea = chrome.storage.session): TokenCache {
  const key = (mailbox: string) => `labeldesk.token.${mailbox}`;
  return {
    async get(mailbox) {
      const stored = await area.get(key(mailbox));
      const parsed = cachedTokenSchema.safeParse(stored[key(mailbox)]);
      return parsed.success ? parsed.data : undefined;
    },
    set: (mailbox, token) => area.set({ [key(mailbox)]: token }),
    delete: (mailbox) => area.remove(key(mailbox)),
  };
}

export interface WebAuthTokenSourceOptions {
  mailbox: string;
  /** Read at each sign-in, so a client id pasted in the options works without a restart. */
  clientId: () => Promise<string>;
  flow?: WebAuthFlow;
  cache: TokenCache;
  now?: () => number;
  randomState?: () => string;
}

/**
 * The production token source for one mailbox: the cached token while it lives, else a silent flow;
 * `signIn()` falls back to the interactive flow when the silent one needs the agent.
 */
export class WebAuthTokenSource implements TokenSource {
  private readonly flow: WebAuthFlow;
  private readonly now: () => number;
  private readonly randomState: () => string;

  constructor(private readonly options: WebAuthTokenSourceOptions) {
    this.flow = options.flow ?? detectWebAuthFlow();
    this.now = options.now ?? Date.now;
    this.randomState = options.randomState ?? randomHex;
  }

  /** Silent only: reading a ticket never opens a window on its own. */
  async getToken(): Promise<string> {
    return this.token(false);
  }

  /** The agent asked to sign in: silent first, the sign-in window when Google needs them. */
  async signIn(): Promise<string> {
    return this.token(true);
  }

  async invalidate(token: string): Promise<void> {
    const cached = await this.options.cache.get(this.options.mailbox);
    if (cached?.accessToken === token) await this.options.cache.delete(this.options.mailbox);
  }

  private async token(allowInteractive: boolean): Promise<string> {
    const cached = await this.options.cache.get(this.options.mailbox);
    if (cached !== undefined && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return cached.accessToken;
    let fresh: AccessToken;
    try {
      fresh = await this.runFlow(false);
    } catch (error) {
      if (!(allowInteractive && error instanceof AuthError && error.failure === 'interaction-required'))
        throw error;
      fresh = await this.runFlow(true);
    }
    await this.options.cache.set(this.options.mailbox, fresh);
    return fresh.accessToken;
  }

  private async runFlow(interactive: boolean): Promise<AccessToken> {
    const clientId = (await this.options.clientId()).trim();
    if (clientId === '') throw new AuthError('not-configured', 'No OAuth client id in the options');
    const state = this.randomState();
    const url = buildAuthorizeUrl({
      clientId,
      redirectUri: this.flow.redirectUrl(),
      mailbox: this.options.mailbox,
      state,
    });
    let redirect: string | undefined;
    try {
      redirect = await this.flow.launch(
        interactive
          ? { url, interactive }
          : { url, interactive, timeoutMsForNonInteractive: NON_INTERACTIVE_TIMEOUT_MS },
      );
    } catch (error) {
      throw classifyFlowError(error instanceof Error ? error.message : String(error));
    }
    if (redirect === undefined)
      throw new AuthError('bad-redirect', 'The sign-in flow ended without an answer');
    return parseAuthRedirect(redirect, state, this.now());
  }
}

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
