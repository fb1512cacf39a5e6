import type { z } from 'zod';
import { GmailResponseError, parseGoogleError } from './errors';
import {
  type Label,
  labelsListSchema,
  type Profile,
  profileSchema,
  THREAD_METADATA_FIELDS,
  type ThreadMetadata,
  threadMetadataSchema,
} from './schemas';
import type { TokenSource } from './token-source';

export const GMAIL_API_BASE_URL = 'https://gmail.googleapis.com';

export interface GmailClientOptions {
  tokenSource: TokenSource;
  /** Google's host in production; the stand-in's in Node-side tests. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** `me`, or the mailbox address for a Workspace service account. */
  userId?: string;
}

export interface GmailClient {
  getProfile(): Promise<Profile>;
  threads: {
    /** Metadata only: message ids, labels and the Subject header. */
    get(threadId: string): Promise<ThreadMetadata>;
  };
  labels: {
    list(): Promise<Label[]>;
  };
}

/** A small typed Gmail REST client over fetch: every answer checked against its schema. */
export function createGmailClient({
  tokenSource,
  baseUrl = GMAIL_API_BASE_URL,
  fetch: fetchImpl = globalThis.fetch.bind(globalThis),
  userId = 'me',
}: GmailClientOptions): GmailClient {
  const userPath = `/gmail/v1/users/${encodeURIComponent(userId)}`;

  async function getJson<S extends z.ZodType>(
    path: string,
    query: URLSearchParams,
    schema: S,
  ): Promise<z.output<S>> {
    const url = new URL(path, baseUrl);
    url.search = query.toString();
    const response = await sendWithFreshToken(url);
    const body = await response.text();
    if (!response.ok) throw parseGoogleError(response.status, body);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new GmailResponseError(path, 'not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new GmailResponseError(path, parsed.error.issues[0]?.message ?? 'invalid');
    return parsed.data;
  }

  // A 401 means the cached token expired or was revoked early: drop it and try once with a new one.
  async function sendWithFreshToken(url: URL): Promise<Response> {
    const token = await tokenSource.getToken();
    const response = await fetchImpl(url, { headers: authorization(token) });
    if (response.status !== 401) return response;
    await response.body?.cancel();
    await tokenSource.invalidate(token);
    return fetchImpl(url, { headers: authorization(await tokenSource.getToken()) });
  }

  return {
    getProfile: () => getJson(`${userPath}/profile`, new URLSearchParams(), profileSchema),
    threads: {
      get: (threadId) =>
        getJson(
          `${userPath}/threads/${encodeURIComponent(threadId)}`,
          new URLSearchParams({
            format: 'metadata',
            metadataHeaders: 'Subject',
            fields: THREAD_METADATA_FIELDS,
          }),
          threadMetadataSchema,
        ),
    },
    labels: {
      list: async () => (await getJson(`${userPath}/labels`, new URLSearchParams(), labelsListSchema)).labels,
    },
  };
}

function authorization(token: string): HeadersInit {
  return { Authorization: `Bearer ${token}`, Accept: 'application/json' };
}
