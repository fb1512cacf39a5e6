/**
 * The Node worker (DESIGN.md section 6): a client of the mailbox like any browser, running the same
 * `src/sync` code and the automations, so they go on at night. README "Running the Node worker".
 *
 *   npm run worker -- --config worker.json            sync and automations every intervalSeconds, until SIGTERM
 *   npm run worker -- --config worker.json --once     one pass, then one JSON summary on stdout
 *   npm run worker -- --api <base URL> --token <token> --once     (the stable contract, a ready-made token)
 *
 * The token is read from `--token` or, better (it stays out of `ps`), from LABELDESK_TOKEN; with a config
 * file, tokens come from Google's token endpoint (scripts/worker/google-token-source.ts). Logs are JSON
 * lines on stderr without mail content or tokens (scripts/worker/log.ts).
 */
import 'fake-indexeddb/auto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { staticTokenSource, type TokenSource } from '../src/gmail/api/token-source';
import { ConfigError, loadWorkerConfig, type WorkerConfig } from './worker/config';
import { tokenSourceFor } from './worker/google-token-source';
import { createWorkerLog, type WorkerLog } from './worker/log';
import { createAutomationRunner } from './worker/runner';
import { LabeldeskWorker, runContinuously } from './worker/worker';

const USAGE = `usage: npm run worker -- --config <worker.json> [--once]
       npm run worker -- --api <base URL> [--token <token>] [--mailbox me] [--once] [--interval 30]`;

/** --once fills in every ticket's metadata; a continuous worker spreads a first sync over passes. */
const METADATA_PER_PASS = 1000;

interface Plan {
  api: string;
  userId: string;
  expectedMailbox?: string;
  tokens: TokenSource;
  intervalSeconds: number;
  runnerId: string;
}

const log = createWorkerLog();

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  let plan: Plan;
  try {
    plan = values.config ? await planFromConfig(values.config, log) : planFromFlags(values, log);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }

  const worker = await LabeldeskWorker.open({
    api: plan.api,
    userId: plan.userId,
    tokenSource: plan.tokens,
    ...(plan.expectedMailbox ? { expectedMailbox: plan.expectedMailbox } : {}),
    runnerId: plan.runnerId,
    log,
    ...(values.once ? {} : { metadataPerPass: METADATA_PER_PASS }),
    createRunner: createAutomationRunner,
  });

  if (values.once) {
    try {
      const summary = await worker.pass();
      console.log(JSON.stringify(summary));
    } finally {
      await worker.close();
    }
    return 0;
  }

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return;
    log.info('stopping', { signal });
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  log.info('started', { intervalSeconds: plan.intervalSeconds, runner: plan.runnerId });
  try {
    await runContinuously(worker, { intervalMs: plan.intervalSeconds * 1000, signal: stop.signal, log });
  } finally {
    await worker.close();
    log.info('stopped', {});
  }
  return 0;
}

function parse() {
  return parseArgs({
    options: {
      config: { type: 'string' },
      api: { type: 'string' },
      token: { type: 'string' },
      mailbox: { type: 'string', default: 'me' },
      interval: { type: 'string' },
      once: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}

class UsageError extends Error {}

/** One worker per host and mailbox is the usual set-up; the lease names its holder by this id. */
function defaultRunnerId(): string {
  return `worker:${hostname()
    .replace(/[^\w.:-]/g, '-')
    .slice(0, 90)}`;
}

async function planFromConfig(file: string, log: WorkerLog): Promise<Plan> {
  const config: WorkerConfig = await loadWorkerConfig(file);
  if (config.auth.type === 'refresh-token') {
    log.secret(config.auth.refreshToken);
    log.secret(config.auth.clientSecret);
  }
  return {
    api: config.api,
    userId: 'me',
    expectedMailbox: config.mailbox,
    tokens: tokenSourceFor(config, { onToken: (token) => log.secret(token) }),
    intervalSeconds: config.intervalSeconds,
    runnerId: config.runnerId ?? defaultRunnerId(),
  };
}

function planFromFlags(values: ReturnType<typeof parse>['values'], log: WorkerLog): Plan {
  const token = values.token ?? process.env.LABELDESK_TOKEN;
  if (!values.api || !token) {
    throw new UsageError(
      `${USAGE}\nEither --config, or both the API base URL and a token (--token or LABELDESK_TOKEN), are needed.`,
    );
  }
  if (!URL.canParse(values.api)) throw new UsageError(`--api is not a URL: ${values.api}`);
  const interval = values.interval === undefined ? 30 : Number(values.interval);
  if (!Number.isInteger(interval) || interval < 15 || interval > 3600) {
    throw new UsageError('--interval must be a whole number of seconds from 15 to 3600');
  }
  log.secret(token);
  return {
    api: values.api,
    userId: values.mailbox,
    tokens: staticTokenSource(token),
    intervalSeconds: interval,
    runnerId: defaultRunnerId(),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Name, status and reason only: an error from the API may quote a request or an address.
    log.error('worker-failed', error);
    process.exit(1);
  },
);
