// Product code never imports test code: each fixture is linted with the
// project's real ESLint config as if it stood in a given file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function testCodeErrors(fixture: string, asFile: string): Promise<string[]> {
  const code = readFileSync(join(import.meta.dirname, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, asFile) });
  return result!.messages.filter((m) => m.ruleId === 'tongban/test-code').map((m) => m.message);
}

describe('test code', () => {
  it.each([
    ['imports-tests.ts', 'server/x.ts', /server is product code and must not import test code from tests\//],
    ['imports-bench.ts', 'server/x.ts', /server is product code and must not import test code from bench\//],
    ['imports-tests.ts', 'electron/x.ts', /electron is product code/],
    ['imports-tests.ts', 'shared/x.ts', /shared is product code/],
  ])('%s in %s fails lint', async (fixture, asFile, message) => {
    const errors = await testCodeErrors(fixture, asFile);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['imports-tests.ts', 'server/x.test.ts'],
    ['imports-tests.ts', 'server/x.spec.ts'],
    ['imports-tests.ts', 'tests/x.ts'],
    ['imports-bench.ts', 'tests/x.ts'],
  ])('%s in %s is allowed', async (fixture, asFile) => {
    expect(await testCodeErrors(fixture, asFile)).toEqual([]);
  });
});
