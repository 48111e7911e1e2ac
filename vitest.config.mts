import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/conformance/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    // Native modules (better-sqlite3, keytar) are safest in child processes; two cores, two workers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
