import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{electron,server,shared,shared-node,renderer,scripts,tests}/**/*.test.ts'],
    // The fault schedules run on their own (test:faults): timed, one file at a time.
    exclude: ['node_modules/**', 'out/**', 'tests/lint/fixtures/**', 'tests/faults/**'],
    environment: 'node',
    env: { TONGBAN_LOG: 'silent' },
    testTimeout: 20_000,
  },
});
