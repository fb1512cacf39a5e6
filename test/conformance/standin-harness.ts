/** Starts the stand-in in-process and hands out the official Gmail client pointed at it. */
import { auth, gmail, type gmail_v1 } from '@googleapis/gmail';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { StandinOptions } from '../../scripts/gmail-standin/contracts';
import { startStandin } from '../../scripts/gmail-standin/index';

export type Standin = Awaited<ReturnType<typeof startStandin>>;

export async function startTestStandin(
  options: Partial<StandinOptions> = {},
  tuning: Parameters<typeof startStandin>[1] = {},
): Promise<{ standin: Standin; client: gmail_v1.Gmail; url: string }> {
  const standin = await startStandin({ port: 0, seed: 'empty', ...options }, tuning);
  const oauth = new auth.OAuth2();
  oauth.setCredentials({ access_token: 'standin-test-token' });
  const client = gmail({ version: 'v1', rootUrl: `${standin.url}/`, auth: oauth, retry: false });
  return { standin, client, url: standin.url };
}

/** RFC 822 bytes as `raw` (base64url), the way tests send message bodies through the official client. */
export function rawMessage(lines: Record<string, string>, body = 'Hello from the test.'): string {
  const head = Object.entries(lines)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return Buffer.from(
    `${head}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  ).toString('base64url');
}

export const AUTH = { Authorization: 'Bearer standin-test-token' };

/** A multipart message with an attachment, built by nodemailer (independent of the stand-in's own builder). */
export function composeRaw(options: ConstructorParameters<typeof MailComposer>[0]): Promise<string> {
  return new Promise((resolve, reject) => {
    new MailComposer(options)
      .compile()
      .build((error, raw) => (error ? reject(error) : resolve(raw.toString('base64url'))));
  });
}

export interface GoogleError {
  status: number;
  body: {
    error: {
      code: number;
      message: string;
      errors: { message: string; domain: string; reason: string }[];
      status: string;
    };
  };
}

/** The HTTP status and Google error body a rejected official-client call carried. */
export async function apiError(call: Promise<unknown>): Promise<GoogleError> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: { status: number; data: GoogleError['body'] } }).response;
    if (response) return { status: response.status, body: response.data };
    throw error;
  }
  throw new Error('expected the call to fail');
}
