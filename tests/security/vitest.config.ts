// The security suite (`npm run test:security`): each test plays one attack
// from the security review against the real code. It runs on its own so that
// `npm test` reports it as one step, and so it can be run alone after a change
// that touches a defence.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/security/**/*.test.ts'],
    environment: 'node',
    env: { TONGBAN_LOG: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
