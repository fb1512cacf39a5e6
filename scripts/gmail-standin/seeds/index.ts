import type { Seed, SeedThread } from '../contracts';

export const DEMO_MAILBOX = {
  emailAddress: 'support@northwind-shop.example',
  displayName: 'Northwind Support',
};

/** The named seeds. `demo` is replaced by the full demo shop mailbox (seeds/demo.ts). */
export function loadSeed(name: 'demo' | 'empty', _now: Date): Seed {
  if (name === 'empty') return { ...DEMO_MAILBOX, threads: [] };
  return { ...DEMO_MAILBOX, threads: [] };
}

/** `--threads N`: N synthetic threads for scale tests, deterministic for a given N and clock. */
export function syntheticThreads(_count: number, _now: Date, _emailAddress: string): SeedThread[] {
  return [];
}
