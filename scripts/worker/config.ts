/**
 * The Node worker's configuration file (`npm run worker -- --config worker.json`), validated with zod before
 * anything reaches Google. Secrets may stay out of the file: the refresh token comes from
 * LABELDESK_REFRESH_TOKEN (a systemd EnvironmentFile), the service account's key from its own key file.
 * Error messages name the field (`auth.clientId: …`), never a value, so a secret in the wrong place is
 * not printed back.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const GMAIL_API_URL = 'https://gmail.googleapis.com';
/** gmail.modify reads, labels, inserts records and sends (https://developers.google.com/gmail/api/auth/scopes). */
export const GMAIL_MODIFY_SCOPE = 'https://www.googleapis.com/auth/gmail.modify';
export const REFRESH_TOKEN_ENV = 'LABELDESK_REFRESH_TOKEN';
export const DEFAULT_INTERVAL_SECONDS = 30;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const refreshTokenAuth = z.strictObject({
  type: z.literal('refresh-token'),
  clientId: z.string().min(1, 'must not be empty'),
  clientSecret: z.string().min(1, 'must not be empty').optional(),
  refreshToken: z.string().min(1, 'must not be empty').optional(),
});

const serviceAccountAuth = z.strictObject({
  type: z.literal('service-account'),
  /** Google's JSON key file of the service account; relative paths are read beside the config file. */
  keyFile: z.string().min(1, 'must not be empty'),
  /** The mailbox the service account acts as (domain-wide delegation). */
  subject: z.email('must be an email address'),
});

export const workerConfigSchema = z
  .strictObject({
    mailbox: z.email('must be an email address'),
    api: httpUrl.default(GMAIL_API_URL),
    auth: z.discriminatedUnion('type', [refreshTokenAuth, serviceAccountAuth], {
      error: "must have type 'refresh-token' or 'service-account'",
    }),
    tokenUrl: httpUrl.default(GOOGLE_TOKEN_URL),
    intervalSeconds: z
      .number('must be a number')
      .int('must be a whole number')
      .min(15, 'must be at least 15')
      .max(3600, 'must be at most 3600')
      .default(DEFAULT_INTERVAL_SECONDS),
    runnerId: z
      .string()
      .regex(/^[\w.:-]{1,100}$/, 'must be 1 to 100 letters, digits, dots, colons, dashes or underscores')
      .optional(),
  })
  .refine((c) => c.auth.type !== 'service-account' || sameAddress(c.auth.subject, c.mailbox), {
    path: ['auth', 'subject'],
    message: 'must be the mailbox (the service account acts as the mailbox it reads)',
  });

export type WorkerConfigFile = z.infer<typeof workerConfigSchema>;

/** The configuration once the environment and the key file have been read. */
export interface WorkerConfig {
  mailbox: string;
  api: string;
  tokenUrl: string;
  intervalSeconds: number;
  runnerId: string | undefined;
  auth:
    | { type: 'refresh-token'; clientId: string; clientSecret: string | undefined; refreshToken: string }
    | { type: 'service-account'; subject: string; key: ServiceAccountKey };
}

/** The fields of Google's service-account JSON key the JWT grant needs. */
export const serviceAccountKeySchema = z.looseObject({
  type: z.literal('service_account', "must be 'service_account'").optional(),
  client_email: z.email('must be an email address'),
  private_key: z.string().includes('PRIVATE KEY', 'must be a PEM private key'),
  private_key_id: z.string().optional(),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** `auth.clientId: must not be empty; intervalSeconds: must be at least 15` */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || '(top level)';
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message;
      return `${path}: ${message}`;
    })
    .join('; ');
}

/** Parses the file's JSON text; `file` only names it in messages and anchors a relative keyFile. */
export async function parseWorkerConfig(
  text: string,
  file: string,
  env: Record<string, string | undefined> = process.env,
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<WorkerConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${file}: not JSON (${error instanceof SyntaxError ? error.message : 'unreadable'})`,
    );
  }
  const parsed = workerConfigSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${file}: ${describeIssues(parsed.error)}`);
  const config = parsed.data;
  const base = {
    mailbox: config.mailbox,
    api: config.api,
    tokenUrl: config.tokenUrl,
    intervalSeconds: config.intervalSeconds,
    runnerId: config.runnerId,
  };
  if (config.auth.type === 'refresh-token') {
    const refreshToken = config.auth.refreshToken ?? env[REFRESH_TOKEN_ENV];
    if (!refreshToken) {
      throw new ConfigError(
        `${file}: auth.refreshToken: missing; set it in ${REFRESH_TOKEN_ENV} (better) or the file`,
      );
    }
    return {
      ...base,
      auth: {
        type: 'refresh-token',
        clientId: config.auth.clientId,
        clientSecret: config.auth.clientSecret,
        refreshToken,
      },
    };
  }
  const keyPath = isAbsolute(config.auth.keyFile)
    ? config.auth.keyFile
    : resolve(dirname(file), config.auth.keyFile);
  let keyText: string;
  try {
    keyText = await read(keyPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${file}: auth.keyFile: cannot read ${keyPath} (${code})`);
  }
  let keyJson: unknown;
  try {
    keyJson = JSON.parse(keyText);
  } catch {
    throw new ConfigError(`${keyPath}: not JSON (expected Google's service-account key file)`);
  }
  const key = serviceAccountKeySchema.safeParse(keyJson);
  if (!key.success) throw new ConfigError(`${keyPath}: ${describeIssues(key.error)}`);
  return { ...base, auth: { type: 'service-account', subject: config.auth.subject, key: key.data } };
}

export async function loadWorkerConfig(
  file: string,
  env: Record<string, string | undefined> = process.env,
): Promise<WorkerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return parseWorkerConfig(text, file, env);
}
