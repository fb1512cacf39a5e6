/**
 * The Node worker (DESIGN.md section 6): a client of the mailbox like any browser, running the same
 * `src/sync` code. `npm run worker -- --api <base URL> --token <token> --once` runs one pass and prints a
 * JSON summary. Its store is an in-memory IndexedDB: the worker keeps nothing the mailbox does not have.
 *
 * The token is read from `--token` or, better (it stays out of `ps`), from LABELDESK_TOKEN.
 */
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import { createSyncCalls } from '../src/gmail/api/sync-calls';
import { staticTokenSource } from '../src/gmail/api/token-source';
import { createTransport } from '../src/gmail/api/transport';
import { openLabeldeskDatabase } from '../src/store/db';
import { SyncEngine, type SyncNotice } from '../src/sync/engine';
import { QuotaBudget } from '../src/sync/quota-budget';

const USAGE = 'usage: npm run worker -- --api <base URL> [--token <token>] [--mailbox me] [--once]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      token: { type: 'string' },
      mailbox: { type: 'string', default: 'me' },
      once: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const token = values.token ?? process.env.LABELDESK_TOKEN;
  if (!values.api || !token) {
    console.error(`${USAGE}\nBoth the API base URL and a token (--token or LABELDESK_TOKEN) are needed.`);
    return 2;
  }
  let api: URL;
  try {
    api = new URL(values.api);
  } catch {
    console.error(`--api is not a URL: ${values.api}`);
    return 2;
  }
  if (!values.once) {
    console.error('Only --once is supported so far: schedule the worker with cron or a systemd timer.');
    return 2;
  }

  const started = performance.now();
  const transport = createTransport({
    tokenSource: staticTokenSource(token),
    baseUrl: api.origin,
    budget: new QuotaBudget(Date.now),
    userId: values.mailbox,
  });
  const calls = createSyncCalls(transport);
  const profile = await calls.getProfile();
  const db = await openLabeldeskDatabase(profile.emailAddress);
  const notices: SyncNotice[] = [];
  const engine = new SyncEngine({
    db,
    calls,
    mailbox: profile.emailAddress,
    triage: { teamAddresses: [profile.emailAddress] },
    onNotice: (n) => notices.push(n),
  });
  const sync = await engine.incrementalSync();
  const metadata = await engine.fetchMetadata();
  const flush = await engine.flushOutbox();
  const tickets = await db.count('tickets');
  db.close();
  console.log(
    JSON.stringify({
      mailbox: profile.emailAddress,
      tickets,
      metadataFetched: metadata,
      historyId: sync.historyId,
      fullSync: sync.fullSync !== null,
      outbox: flush,
      notices: notices.length,
      requests: transport.stats.requests,
      quotaUnits: transport.stats.units,
      rateLimited: transport.stats.rateLimited,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    }),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Name and message only: an error from the API may quote a request, never print the token.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`worker failed: ${message}`);
    process.exit(1);
  },
);
