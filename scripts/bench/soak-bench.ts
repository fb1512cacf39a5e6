/**
 * `npm run bench -- --only soak`: issue 3's fault soak at full length, 10,000 ticket changes from two
 * agents, 20% of Gmail calls failing, a service-worker restart every 500 changes. The stand-in runs with
 * eight times Gmail's per-user quota (120,000 units a minute) so the run takes minutes, not the ~7 a real
 * quota would impose; the report says so. `SOAK_CHANGES` shortens it for a try, `SOAK_UNITS_PER_MINUTE=15000`
 * runs it at Gmail's own quota (its 429s then mix quota answers with injected ones).
 */
import { runSoak, type SoakReport } from './soak-driver';

export const SOAK_UNITS_PER_MINUTE = 120_000;

export function runSoakBench(): Promise<SoakReport> {
  const changes = Number(process.env.SOAK_CHANGES ?? 10_000);
  return runSoak({
    changes,
    restartEvery: 500,
    faultRate: 0.2,
    ticketsInPlay: 40,
    unitsPerMinute: Number(process.env.SOAK_UNITS_PER_MINUTE ?? SOAK_UNITS_PER_MINUTE),
    seed: Number(process.env.SOAK_SEED ?? 3),
    log: (line) => console.error(line),
  });
}
