/**
 * `npm run gmail-standin -- --port P [--tls-port Q] [--seed demo|empty] [--threads N] [--ticket-share 0.2]`
 * (and, for quota experiments, `--units-per-minute U --max-concurrent C`; for the Node worker's token
 * endpoint, `--token-endpoint clients.json`, the body of `POST /__standin/token-endpoint`)
 * Prints one line saying where it listens; Ctrl+C stops it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startStandin } from './index';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8025),
  'tls-port': z.coerce.number().int().min(0).max(65_535).optional(),
  seed: z.enum(['demo', 'empty']).default('demo'),
  threads: z.coerce.number().int().min(0).max(1_000_000).default(0),
  'ticket-share': z.coerce.number().min(0).max(1).optional(),
  host: z.string().default('127.0.0.1'),
  'units-per-minute': z.coerce.number().int().min(1).optional(),
  'max-concurrent': z.coerce.number().int().min(1).optional(),
  'token-endpoint': z.string().optional(),
});

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'tls-port': { type: 'string' },
    seed: { type: 'string' },
    threads: { type: 'string' },
    'ticket-share': { type: 'string' },
    host: { type: 'string' },
    'units-per-minute': { type: 'string' },
    'max-concurrent': { type: 'string' },
    'token-endpoint': { type: 'string' },
  },
});
const args = argsSchema.parse(values);

const startedAt = performance.now();
const running = await startStandin(
  {
    port: args.port,
    ...(args['tls-port'] !== undefined ? { tlsPort: args['tls-port'] } : {}),
    seed: args.seed,
    threads: args.threads,
    ...(args['ticket-share'] !== undefined ? { ticketShare: args['ticket-share'] } : {}),
    host: args.host,
  },
  {
    ...(args['units-per-minute'] ? { unitsPerMinute: args['units-per-minute'] } : {}),
    ...(args['max-concurrent'] ? { maxConcurrentPerUser: args['max-concurrent'] } : {}),
  },
);
if (args['token-endpoint']) {
  running.standin.tokenEndpoint.configure(JSON.parse(readFileSync(args['token-endpoint'], 'utf8')));
}
const startMs = Math.round(performance.now() - startedAt);
const profile = running.standin.mailbox.profile();
console.log(
  `Gmail stand-in for ${running.emailAddress} listening on ${running.url}` +
    (running.tlsPort !== undefined
      ? ` and https://${args.host}:${running.tlsPort} (spki ${running.tlsSpki})`
      : '') +
    ` — ${profile.threadsTotal} threads, ${profile.messagesTotal} messages, started in ${startMs} ms`,
);

const stop = () => {
  running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
