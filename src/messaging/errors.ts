import { z } from 'zod/mini';

/**
 * Errors that cross extension contexts. Chrome's messaging serialises to JSON, so a thrown Error would
 * arrive as `{}`; instead a handler's failure travels as `{code, message, details}` and is rebuilt as a
 * `LabeldeskError` on the calling side, where UI code can switch on `code`.
 */
export const errorCodes = [
  /** The message did not match the contract (wrong method, bad arguments, bad result). */
  'invalid-message',
  /** The sender is not this extension, or not a context allowed to call the method. */
  'forbidden-sender',
  /** No OAuth client id in the options yet. */
  'not-configured',
  /** A silent sign-in was not enough: the agent has to sign in interactively. */
  'auth-required',
  /** Sign-in failed for another reason (refused, page not loaded, flow already running). */
  'auth-failed',
  /** The token belongs to another Google account than the mailbox open in the tab. */
  'mailbox-mismatch',
  /** Gmail's API answered with an error. */
  'gmail-api',
  /** The extension was reloaded or updated under a running Gmail tab: reloading Gmail fixes it. */
  'extension-reloaded',
  /** The service worker did not answer. */
  'unreachable',
  /** The ticket or mailbox is not in this browser's store yet (a sync will bring it). */
  'not-found',
  /** IndexedDB refused a write: the browser's storage for the extension is full (QuotaExceededError). */
  'storage-full',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const serializedErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
});

export type SerializedError = z.infer<typeof serializedErrorSchema>;

export type ErrorDetails = Record<string, string | number | boolean>;

export class LabeldeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'LabeldeskError';
  }

  toJSON(): SerializedError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromJSON(serialized: SerializedError): LabeldeskError {
    return new LabeldeskError(serialized.code, serialized.message, serialized.details);
  }
}

/** Anything thrown becomes a serialisable error; unknown errors keep their message, never their stack. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof LabeldeskError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
