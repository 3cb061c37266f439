import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['db/test/**/*.test.ts', 'schema/client/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts'],
    globalSetup: ['scripts/src/testing/global-setup.ts'],
    // Tests lower the scrypt cost (2^12) to keep sign-ups fast; production keeps 2^17.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', PASSWORD_HASH_LOG_N: '12' },
    // On CI a JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-report.json' },
    // Most files wait on Postgres, Kafka and HTTP rather than the CPU: three at a time keep a
    // 2-core machine busy (one worker per spare core, vitest's default, left it half idle).
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
