// A source file holds one job, and past 400 lines it holds more than one:
// lint refuses it, except for the data tables that are one table each.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lengthErrors(lines: number, asFile: string): Promise<string[]> {
  const code = Array.from({ length: lines }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
  const [result] = await eslint.lintText(code, { filePath: join(root, asFile) });
  return result!.messages.filter((m) => m.ruleId === 'max-lines').map((m) => m.message);
}

describe('file length', () => {
  it.each(['electron/backend/services/x.ts', 'renderer/src/cases/X.tsx', 'server/x.ts', 'tests/integration/x.test.ts'])(
    'refuses 401 lines in %s',
    async (asFile) => {
      expect((await lengthErrors(401, asFile)).join('\n')).toMatch(/Maximum allowed is 400/);
    },
  );

  it('takes 400 lines', async () => {
    expect(await lengthErrors(400, 'electron/backend/services/x.ts')).toEqual([]);
  });

  it.each(['shared/i18n/features/x.ts', 'shared/catalog/seed.ts', 'shared/region-data.ts'])(
    'lets the data table %s be long',
    async (asFile) => {
      expect(await lengthErrors(1000, asFile)).toEqual([]);
    },
  );
});
