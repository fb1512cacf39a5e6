import { describe, expect, it } from 'vitest';
import { ConfigError, GMAIL_API_URL, GOOGLE_TOKEN_URL, parseWorkerConfig } from './config';

const KEY = JSON.stringify({
  type: 'service_account',
  client_email: 'labeldesk@project.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
});

const parse = (value: unknown, env: Record<string, string> = {}) =>
  parseWorkerConfig(JSON.stringify(value), '/etc/labeldesk/worker.json', env, async (path) => {
    if (path === '/etc/labeldesk/sa.json') return KEY;
    throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  });

describe('worker config file', () => {
  it('fills in Google’s URLs and the 30-second interval, and takes the refresh token from the environment', async () => {
    const config = await parse(
      { mailbox: 'support@example.com', auth: { type: 'refresh-token', clientId: 'id.apps' } },
      { LABELDESK_REFRESH_TOKEN: '1//secret-refresh' },
    );
    expect(config).toMatchObject({
      api: GMAIL_API_URL,
      tokenUrl: GOOGLE_TOKEN_URL,
      intervalSeconds: 30,
      auth: { type: 'refresh-token', clientId: 'id.apps', refreshToken: '1//secret-refresh' },
    });
  });

  it('reads a service account key file beside the config', async () => {
    const config = await parse({
      mailbox: 'support@example.com',
      auth: { type: 'service-account', keyFile: 'sa.json', subject: 'Support@example.com' },
      intervalSeconds: 60,
    });
    expect(config.auth).toMatchObject({
      type: 'service-account',
      key: { client_email: 'labeldesk@project.iam.gserviceaccount.com' },
    });
  });

  it.each([
    [{ auth: { type: 'refresh-token', clientId: 'x', refreshToken: 'r' } }, 'mailbox:'],
    [
      { mailbox: 'nope', auth: { type: 'refresh-token', clientId: 'x', refreshToken: 'r' } },
      'mailbox: must be an email',
    ],
    [
      { mailbox: 'a@b.co', auth: { type: 'password' } },
      "auth.type: must have type 'refresh-token' or 'service-account'",
    ],
    [
      { mailbox: 'a@b.co', auth: { type: 'refresh-token', clientId: '', refreshToken: 'r' } },
      'auth.clientId: must not be empty',
    ],
    [
      {
        mailbox: 'a@b.co',
        auth: { type: 'refresh-token', clientId: 'x', refreshToken: 'r' },
        intervalSeconds: 5,
      },
      'intervalSeconds: must be at least 15',
    ],
    [
      { mailbox: 'a@b.co', auth: { type: 'refresh-token', clientId: 'x', refreshToken: 'r' }, extra: 1 },
      '(top level): unknown key "extra"',
    ],
    [
      {
        mailbox: 'a@b.co',
        auth: { type: 'refresh-token', clientId: 'x', refreshToken: 'r' },
        api: 'ftp://x',
      },
      'api: must be an http(s) URL',
    ],
    [
      { mailbox: 'a@b.co', auth: { type: 'service-account', keyFile: 'sa.json', subject: 'other@b.co' } },
      'auth.subject: must be the mailbox',
    ],
    [{ mailbox: 'a@b.co', auth: { type: 'refresh-token', clientId: 'x' } }, 'auth.refreshToken: missing'],
    [
      { mailbox: 'a@b.co', auth: { type: 'service-account', keyFile: 'missing.json', subject: 'a@b.co' } },
      'auth.keyFile: cannot read /etc/labeldesk/missing.json (ENOENT)',
    ],
  ])('refuses %j with a message naming the field', async (value, message) => {
    const error = await parse(value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('/etc/labeldesk/worker.json');
    expect((error as Error).message).toContain(message);
  });

  it('never repeats a secret it refuses', async () => {
    const error = await parse({
      mailbox: 'a@b.co',
      auth: { type: 'refresh-token', clientId: 'x', refreshToken: 'r', clientSecret: 42 },
      intervalSeconds: 'super-secret-value',
    }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toContain('auth.clientSecret');
    expect((error as Error).message).not.toContain('super-secret-value');
  });
});
