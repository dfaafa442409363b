import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundariesRule } from './eslint/boundaries.js';
import { testCodeRule } from './eslint/test-code.js';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { tongban: { rules: { boundaries: boundariesRule, 'test-code': testCodeRule } } },
    rules: {
      'tongban/boundaries': 'error',
      'tongban/test-code': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // One job per file: a source file past 400 lines holds more than one. Data tables (the i18n
    // resources, the seed catalog, the region list) may be long: they hold one table each.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['shared/i18n/features/**', 'shared/catalog/seed.ts', 'shared/region-data.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Isomorphic code uses neither Node's nor the browser's globals.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        '__dirname',
        'window',
        'document',
        'navigator',
      ],
    },
  },
);
