/**
 * `startStandin`: the Gmail stand-in in-process (tests) or from the CLI (`npm run gmail-standin`).
 * One request handler serves the HTTP port and, when asked, an HTTPS port with a self-signed certificate.
 */

import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RunningStandin, StandinOptions } from './contracts';
import { Mailbox, StandinClock } from './mailbox';
import type { StandinStats } from './quota';
import { loadSeed, syntheticThreads } from './seeds/index';
import { StandinServer } from './server';
import { makeCertificate } from './tls';

export type { RunningStandin, StandinOptions } from './contracts';
export type { StandinStats } from './quota';

/** The stand-in's request and quota counts so far (`GET /__standin/stats`), for tests and benches. */
export async function readStandinStats(url: string): Promise<StandinStats> {
  const response = await fetch(`${url}/__standin/stats`);
  if (!response.ok) throw new Error(`stand-in stats: ${response.status}`);
  return (await response.json()) as StandinStats;
}

export interface StandinTuning {
  /** Per-user units in a moving minute (Gmail: 15,000). */
  unitsPerMinute?: number;
  /** Concurrent requests per user before 429. */
  maxConcurrentPerUser?: number;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startStandin(
  options: StandinOptions,
  tuning: StandinTuning = {},
): Promise<RunningStandin & { standin: StandinServer }> {
  const host = options.host ?? '127.0.0.1';
  const clock = new StandinClock(options.now);
  // The seed is made once, at start: `POST /__standin/reset` restores exactly this mailbox, same ids included.
  const seedNow = new Date(clock.now());
  const seed = loadSeed(options.seed, seedNow);
  const extra = options.threads
    ? syntheticThreads(options.threads, seedNow, seed.emailAddress, options.ticketShare)
    : [];
  const loadMailbox = () => Mailbox.fromSeed(seed, extra, clock);
  const standin = new StandinServer(loadMailbox, tuning);

  const http = createHttpServer(standin.listener);
  const port = await listen(http, options.port, host);
  const servers: Server[] = [http];
  let tlsPort: number | undefined;
  let tlsSpki: string | undefined;
  if (options.tlsPort !== undefined) {
    const certificate = await makeCertificate();
    const https = createHttpsServer({ key: certificate.key, cert: certificate.cert }, standin.listener);
    tlsPort = await listen(https, options.tlsPort, host);
    tlsSpki = certificate.spki;
    servers.push(https);
  }
  return {
    url: `http://${host}:${port}`,
    port,
    ...(tlsPort !== undefined ? { tlsPort } : {}),
    ...(tlsSpki !== undefined ? { tlsSpki } : {}),
    emailAddress: standin.mailbox.emailAddress,
    standin,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
