import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The automation tests against the stand-in (issue 6), runnable on their own:
// `npx vitest run --config test/automation/vitest.config.ts`. The root config's integration project should
// include test/automation/** too (see the runner brief's report).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/automation/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
