import { defineConfig } from 'vitest/config';

// Two projects: Node tests, and e2e tests that drive Debian's Chromium. The Node project runs
// tests/unit (no processes, no network) and tests/integration (real ffmpeg, PostgreSQL, HTTP
// servers, fault proxies, child processes): `npm run test:unit` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
