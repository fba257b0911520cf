import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Some tests load the real 341k-word set (once per file); give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
