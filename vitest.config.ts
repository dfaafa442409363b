import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{electron,server,shared,shared-node,renderer,scripts,tests}/**/*.test.ts'],
    // The fault schedules run on their own (test:faults): timed, one file at a time;
    // the security suite too (test:security), as its own step of npm test.
    exclude: ['node_modules/**', 'out/**', 'tests/lint/fixtures/**', 'tests/faults/**', 'tests/security/**'],
    environment: 'node',
    env: { TONGBAN_LOG: 'silent' },
    testTimeout: 20_000,
    // Vitest's default, one worker fewer than the cores, is one worker on a 2-core machine; but many files
    // here wait on child processes, sockets and fsyncs, so two files at a time keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
