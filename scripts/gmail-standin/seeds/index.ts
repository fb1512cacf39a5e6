import type { Seed, SeedThread } from '../contracts';
import { demoThreads } from './demo';
import { demoRecordThreads } from './demo-records';
import { syntheticThreads as generateSyntheticThreads } from './synthetic';

export const DEMO_MAILBOX = {
  emailAddress: 'support@northwind-shop.example',
  displayName: 'Northwind Support',
};

/**
 * The named seeds: `empty`, or `demo`, the Northwind Shop support mailbox described in seeds/demo.ts, with
 * its team set-up and reply library as shared records (seeds/demo-records.ts) after the mail.
 */
export function loadSeed(name: 'demo' | 'empty', now: Date): Seed {
  if (name === 'empty') return { ...DEMO_MAILBOX, threads: [] };
  const mailbox = { name: DEMO_MAILBOX.displayName, email: DEMO_MAILBOX.emailAddress };
  return {
    ...DEMO_MAILBOX,
    threads: [...demoThreads(now, mailbox).map((demo) => demo.thread), ...demoRecordThreads(now, mailbox)],
  };
}

/** `--threads N`: N synthetic threads for scale tests, deterministic for a given N, clock and share. */
export function syntheticThreads(
  count: number,
  now: Date,
  emailAddress: string,
  ticketShare?: number,
): SeedThread[] {
  return generateSyntheticThreads(count, now, emailAddress, ticketShare);
}
