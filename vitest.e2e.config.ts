// End-to-end tests: the production build served by `vite preview`, driven in Debian's Chromium.
// Run through tests/e2e/run.mjs (npm run test:e2e), which checks Chromium first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time: the machine is small and shared.
    fileParallelism: false,
    // Generous limits (the suite must pass on a busy machine, tests/e2e/load.mjs); every wait inside
    // a test is for a condition, so an idle machine never waits them out.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
