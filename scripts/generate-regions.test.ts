import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { regionModule, REGION_MODULE_PATH } from './generate-regions.ts';

it('the committed region list is what the generator makes from the installed package', () => {
  expect(readFileSync(REGION_MODULE_PATH, 'utf8')).toBe(regionModule());
});
