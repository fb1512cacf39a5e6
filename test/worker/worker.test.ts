/**
 * `npm run worker` as a child process against the stand-in (issue 6, "The Node worker"): `--once` with a
 * refresh-token config and with a service-account config (its key pair made here), the old `--api --token`
 * flags, a continuous worker stopped by SIGTERM, and logs that carry no token, subject or customer address.
 */
import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandin } from '../../scripts/gmail-standin/index';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const WORKER = join(process.cwd(), 'scripts/worker.ts');
const REFRESH_TOKEN = '1//standin-refresh-token-for-the-worker';
const CLIENT_SECRET = 'standin-client-secret-value';

let env: Awaited<ReturnType<typeof startStandin>>;
let dir: string;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SERVICE_ACCOUNT = 'labeldesk-worker@northwind.iam.gserviceaccount.com';

beforeAll(async () => {
  env = await startStandin({ port: 0, seed: 'demo' });
  dir = await mkdtemp(join(tmpdir(), 'labeldesk-worker-'));
});
afterAll(async () => {
  await env.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${env.url}/__standin/reset`, { method: 'POST' });
  const configured = await fetch(`${env.url}/__standin/token-endpoint`, {
    method: 'POST',
    body: JSON.stringify({
      clients: [
        {
          clientId: 'worker.apps.googleusercontent.com',
          clientSecret: CLIENT_SECRET,
          refreshTokens: [REFRESH_TOKEN],
        },
      ],
      serviceAccounts: [
        {
          clientEmail: SERVICE_ACCOUNT,
          publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      ],
      revokeIssued: true,
    }),
  });
  expect(configured.status).toBe(200);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runWorker(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [WORKER, ...args],
      { env: { ...process.env, ...extraEnv }, timeout: 90_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

async function writeConfig(name: string, config: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(config), { mode: 0o600 });
  return file;
}

async function tokenStats(): Promise<{ refreshGrants: number; jwtGrants: number; refused: number }> {
  return (await (await fetch(`${env.url}/__standin/token-endpoint`)).json()) as never;
}

/** The demo mailbox's subjects and customer addresses: none may reach the worker's output. */
function mailContent(): string[] {
  const { threads } = env.standin.pageMailbox.listThreads({ offset: 0, limit: 500 });
  const subjects = threads.map((t) => t.subject).filter((s) => s.length >= 8);
  const addresses = threads
    .flatMap((t) => t.senders.map((s) => s.email))
    .filter((a) => a !== env.emailAddress);
  return [...new Set([...subjects, ...addresses])];
}

function expectClean(run: Run, secrets: string[]): void {
  const output = run.stdout + run.stderr;
  for (const secret of secrets) expect(output).not.toContain(secret);
  const content = mailContent();
  expect(content.length).toBeGreaterThan(20);
  const leaked = content.filter((text) => output.includes(text));
  expect(leaked).toEqual([]);
}

function summaryOf(run: Run): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

const SUMMARY_FIELDS = [
  'mailbox',
  'tickets',
  'metadataFetched',
  'historyId',
  'fullSync',
  'outbox',
  'notices',
  'requests',
  'quotaUnits',
  'rateLimited',
  'seconds',
  'automation',
  'holder',
  'unitsUsed',
];

describe('npm run worker', () => {
  it('--once with a refresh token from the environment: one pass, one JSON summary, nothing secret in it', async () => {
    const config = await writeConfig('refresh.json', {
      mailbox: env.emailAddress,
      api: env.url,
      tokenUrl: `${env.url}/token`,
      auth: {
        type: 'refresh-token',
        clientId: 'worker.apps.googleusercontent.com',
        clientSecret: CLIENT_SECRET,
      },
    });
    const run = await runWorker(['--config', config, '--once'], { LABELDESK_REFRESH_TOKEN: REFRESH_TOKEN });
    const summary = summaryOf(run);
    expect(Object.keys(summary).sort()).toEqual([...SUMMARY_FIELDS].sort());
    expect(summary).toMatchObject({
      mailbox: env.emailAddress,
      fullSync: true,
      rateLimited: 0,
      // Nobody held the lease: the worker claims it and runs the automations.
      holder: true,
      automation: { skipped: expect.any(Number), unitsUsed: expect.any(Number) },
    });
    expect(summary.tickets).toBeGreaterThan(50);
    expect(summary.unitsUsed).toBeGreaterThan(0);
    expect(await tokenStats()).toMatchObject({ refreshGrants: 1, jwtGrants: 0, refused: 0 });
    expectClean(run, [REFRESH_TOKEN, CLIENT_SECRET, 'ya29.']);
  });

  it('--once as a service account acting for the mailbox (domain-wide delegation)', async () => {
    const keyFile = join(dir, 'service-account.json');
    await writeFile(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        client_email: SERVICE_ACCOUNT,
        private_key_id: 'k1',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }),
      { mode: 0o600 },
    );
    const config = await writeConfig('service-account.json.config', {
      mailbox: env.emailAddress,
      api: env.url,
      tokenUrl: `${env.url}/token`,
      auth: { type: 'service-account', keyFile, subject: env.emailAddress },
    });
    const summary = summaryOf(await runWorker(['--config', config, '--once']));
    expect(summary).toMatchObject({ mailbox: env.emailAddress, fullSync: true });
    expect(await tokenStats()).toMatchObject({ refreshGrants: 0, jwtGrants: 1 });
  });

  it('a refused refresh token fails with Google’s error code and exit 1, not a stack or the token', async () => {
    const config = await writeConfig('revoked.json', {
      mailbox: env.emailAddress,
      api: env.url,
      tokenUrl: `${env.url}/token`,
      auth: {
        type: 'refresh-token',
        clientId: 'worker.apps.googleusercontent.com',
        clientSecret: CLIENT_SECRET,
        refreshToken: '1//revoked-refresh-token',
      },
    });
    const run = await runWorker(['--config', config, '--once']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({
      event: 'worker-failed',
      error: 'TokenGrantError',
      status: 400,
      reason: 'invalid_grant',
    });
    expectClean(run, ['1//revoked-refresh-token', CLIENT_SECRET]);
  });

  it('a config with a mistake exits 2 naming the field', async () => {
    const config = await writeConfig('bad.json', {
      mailbox: env.emailAddress,
      auth: { type: 'refresh-token' },
      intervalSeconds: 1,
    });
    const run = await runWorker(['--config', config, '--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('auth.clientId');
    expect(run.stderr).toContain('intervalSeconds: must be at least 15');
  });

  it('keeps the stable contract: --api and a token from LABELDESK_TOKEN', async () => {
    await fetch(`${env.url}/__standin/token-endpoint`, {
      method: 'POST',
      body: JSON.stringify({ requireIssuedTokens: false }),
    });
    const token = 'ya29.a-static-token-from-the-environment';
    const run = await runWorker(['--api', env.url, '--once'], { LABELDESK_TOKEN: token });
    expect(summaryOf(run)).toMatchObject({ mailbox: env.emailAddress, fullSync: true });
    expectClean(run, [token]);
  });

  it('runs until SIGTERM, logging one JSON line per pass, then exits 0', async () => {
    const config = await writeConfig('loop.json', {
      mailbox: env.emailAddress,
      api: env.url,
      tokenUrl: `${env.url}/token`,
      intervalSeconds: 15,
      runnerId: 'worker:test',
      auth: {
        type: 'refresh-token',
        clientId: 'worker.apps.googleusercontent.com',
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      },
    });
    const child = spawn(TSX, [WORKER, '--config', config], { env: process.env });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const firstPass = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('"event":"pass"')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await firstPass;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const events = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Between them, one line per automation outcome (ids and outcomes only).
    expect(events.map((e) => e.event).filter((e) => e !== 'automation')).toEqual([
      'started',
      'pass',
      'stopping',
      'stopped',
    ]);
    for (const event of events.filter((e) => e.event === 'automation')) {
      expect(Object.keys(event).sort()).toEqual([
        'automation',
        'event',
        'level',
        'outcome',
        'threadId',
        'time',
      ]);
    }
    expect(events.find((e) => e.event === 'pass')).toMatchObject({
      level: 'info',
      fullSync: true,
      holder: true,
    });
    expect(stdout).toBe('');
    // The lease was given back on the way out: no lease message is left outside the trash.
    await fetch(`${env.url}/__standin/token-endpoint`, {
      method: 'POST',
      body: JSON.stringify({ requireIssuedTokens: false }),
    });
    const leases = await fetch(
      `${env.url}/gmail/v1/users/me/messages?q=${encodeURIComponent('subject:"Labeldesk lease"')}`,
      { headers: { Authorization: 'Bearer any' } },
    );
    expect(((await leases.json()) as { messages?: unknown[] }).messages ?? []).toEqual([]);
    expectClean({ code: 0, stdout, stderr }, [REFRESH_TOKEN, CLIENT_SECRET, 'ya29.']);
  });
});
