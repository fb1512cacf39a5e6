import { z } from 'zod';

/** Google's JSON error shape (https://cloud.google.com/apis/design/errors#http_mapping). */
const googleErrorSchema = z.object({
  error: z.object({
    code: z.number().int(),
    message: z.string(),
    status: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional(), message: z.string().optional() })).optional(),
  }),
});

/** Gmail answered with an error status. `reason` is Google's machine-readable cause (`rateLimitExceeded`, …). */
export class GmailApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string | undefined,
    readonly googleStatus: string | undefined,
  ) {
    super(message);
    this.name = 'GmailApiError';
  }

  /** Worth retrying later with backoff (DESIGN.md section 3): 429, 403 rate limits, 5xx. */
  get retryable(): boolean {
    if (this.status === 429 || this.status >= 500) return true;
    return (
      this.status === 403 && (this.reason === 'rateLimitExceeded' || this.reason === 'userRateLimitExceeded')
    );
  }
}

/** Gmail answered 2xx with a body that is not what the API documents. */
export class GmailResponseError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Unexpected Gmail response for ${path}: ${detail}`);
    this.name = 'GmailResponseError';
  }
}

/** Builds the typed error from a failed response's status and body, whatever the body holds. */
export function parseGoogleError(status: number, body: string): GmailApiError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = googleErrorSchema.safeParse(json);
  if (!parsed.success) return new GmailApiError(status, `HTTP ${status}`, undefined, undefined);
  const { message, status: googleStatus, errors } = parsed.data.error;
  return new GmailApiError(status, message, errors?.[0]?.reason, googleStatus);
}
