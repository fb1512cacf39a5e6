/**
 * Where the Gmail client gets its OAuth access token. Production: `launchWebAuthFlow` in the service
 * worker (src/background/auth.ts); the Node worker and tests bring their own.
 */
export interface TokenSource {
  /** A token that is valid now; throws when none can be had without the agent. */
  getToken(): Promise<string>;
  /** Gmail refused this token (401): forget it so the next `getToken` fetches a new one. */
  invalidate(token: string): Promise<void>;
}

/** A fixed token, for the Node side and tests against the stand-in. */
export function staticTokenSource(token: string): TokenSource {
  return { getToken: async () => token, invalidate: async () => {} };
}
