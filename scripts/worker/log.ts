/**
 * The worker's log: one JSON line per event on stderr (journald keeps it; stdout stays for `--once`'s
 * summary). Events carry counts, ids, names and statuses only, never a mail body, a subject, an address
 * list or a token: callers pass numbers and short ids, errors are reduced to name, status and reason, and
 * every line is scrubbed of the secrets the worker knows (the access tokens it was granted, the refresh
 * token, the client secret) before it is written.
 */
import { GmailApiError } from '../../src/gmail/api/errors';
import { TokenGrantError } from './google-token-source';

type Field = string | number | boolean | null | undefined;
export type LogFields = Record<string, Field | Record<string, Field>>;

export interface WorkerLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** An error as name, HTTP status and reason (Gmail's or the token endpoint's), without its message. */
  error(event: string, error: unknown, fields?: LogFields): void;
  /** A value never to be written (a token, a secret), scrubbed from every later line. */
  secret(value: string | undefined): void;
}

const REDACTED = '[redacted]';

/** The parts of an error that are safe to log: a Gmail message may quote an address, so it is left out. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof GmailApiError) {
    return { error: error.name, status: error.status, reason: error.reason ?? null };
  }
  if (error instanceof TokenGrantError) {
    return { error: error.name, status: error.status, reason: error.code };
  }
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return { error: error.name, ...(typeof status === 'number' ? { status } : {}) };
  }
  return { error: typeof error };
}

export function createWorkerLog(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: () => number = Date.now,
): WorkerLog {
  const secrets = new Set<string>();
  const emit = (level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}) => {
    let line = JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...fields });
    for (const secret of secrets) line = line.split(secret).join(REDACTED);
    write(line);
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, error, fields) => emit('error', event, { ...errorFields(error), ...fields }),
    secret: (value) => {
      // Short values would scrub ordinary words; every secret we hold is long.
      if (value && value.length >= 8) secrets.add(value);
    },
  };
}
