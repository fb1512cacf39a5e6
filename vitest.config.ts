import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests beside the code, the stand-in's conformance suite driven through the
// official Google client, and browser tests that load the built extension into Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          // Sync, the automations (runners, lease, acknowledgements, CSAT) and the Node worker, each against
          // a real stand-in.
          include: ['test/sync/**/*.test.ts', 'test/automation/**/*.test.ts', 'test/worker/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
