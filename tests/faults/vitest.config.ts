// The fault-injection suite: seeded random schedules of
// network faults and kill -9s between a device backend and an exchange server.
// One file at a time: the schedules are timed, and share two cores with the
// processes they start.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    env: { TONGBAN_LOG: 'silent' },
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
