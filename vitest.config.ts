import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{electron,server,shared,renderer,scripts,tests}/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'tests/lint/fixtures/**'],
    environment: 'node',
    env: { TONGBAN_LOG: 'silent' },
    testTimeout: 20_000,
  },
});
