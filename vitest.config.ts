import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Integration tests each open their own SQLite file; two workers match the two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    // Set-up hooks that build a child's bundle or open a core take 2-4 s alone and near 10 s
    // (vitest's default) beside the other worker's heaviest file; a hook has the tests' time.
    hookTimeout: 20_000,
    // Dates are written for the locale of the machine; the suites read them in en-GB's order.
    setupFiles: ['tests/support/date-locale.ts'],
  },
});
