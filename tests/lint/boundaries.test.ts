// The import rules between processes fail lint — the page without Node, only
// main and preload with electron, main reaching the backend only through the
// host — each fixture linted with the project's real ESLint config as if it
// stood in a given folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(fixture: string, asFile: string): Promise<string[]> {
  const code = readFileSync(join(import.meta.dirname, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, asFile) });
  return result!.messages.filter((m) => m.ruleId === 'tongban/boundaries').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['imports-electron.ts', 'electron/backend/store/x.ts', /electron\/backend must not import electron/],
    ['requires-electron.ts', 'electron/backend/x.ts', /must not import electron/],
    ['imports-electron.ts', 'server/x.ts', /server must not import electron/],
    ['imports-electron.ts', 'shared/x.ts', /shared must not import electron/],
    ['imports-electron.ts', 'renderer/src/x.ts', /renderer must not import electron/],
    ['imports-node.ts', 'shared/x.ts', /shared must not import the Node module "node:fs"/],
    ['imports-node.ts', 'renderer/src/x.ts', /renderer must not import the Node module "path"/],
    ['imports-node.ts', 'electron/preload/x.ts', /preload must not import the Node module/],
    ['imports-react.ts', 'electron/backend/x.ts', /must not import the UI package "react"/],
    ['imports-react.ts', 'shared/x.ts', /must not import the UI package "react"/],
    ['imports-renderer.ts', 'electron/backend/x.ts', /electron\/backend must not import from renderer/],
    ['imports-renderer.ts', 'shared/rpc/x.ts', /shared must not import from renderer/],
    [
      'imports-backend.ts',
      'electron/main/x.ts',
      /electron\/main must not import from electron\/backend \(main runs the backend in its own process through electron\/host.*allowed: shared, electron\/main, electron\/host\)/,
    ],
    [
      'imports-host.ts',
      'electron/backend/x.ts',
      /electron\/backend must not import from electron\/host \(the backend does not know/,
    ],
    ['imports-electron.ts', 'electron/host/x.ts', /electron\/host must not import electron/],
    ['imports-renderer.ts', 'electron/host/x.ts', /electron\/host must not import from renderer/],
    ['imports-shared-node.ts', 'renderer/src/x.ts', /renderer must not import from shared-node/],
    ['imports-shared-node.ts', 'shared/rpc/x.ts', /shared must not import from shared-node/],
    ['imports-shared-node.ts', 'electron/preload/x.ts', /preload must not import from shared-node/],
    ['imports-renderer.ts', 'shared-node/inner/x.ts', /shared-node must not import from renderer/],
    ['imports-electron.ts', 'shared-node/x.ts', /shared-node must not import electron/],
    ['imports-react.ts', 'shared-node/x.ts', /must not import the UI package "react"/],
  ])('%s in %s fails lint', async (fixture, asFile, message) => {
    const errors = await boundaryErrors(fixture, asFile);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('counts every offending import, static, dynamic and require', async () => {
    expect(await boundaryErrors('requires-electron.ts', 'shared/x.ts')).toHaveLength(2);
  });

  it.each([
    ['imports-electron.ts', 'electron/main/x.ts'],
    ['imports-electron.ts', 'electron/preload/x.ts'],
    ['imports-node.ts', 'electron/backend/x.ts'],
    ['imports-node.ts', 'server/x.ts'],
    ['imports-react.ts', 'renderer/src/x.ts'],
    ['imports-shared.ts', 'renderer/src/x.ts'],
    ['imports-shared.ts', 'electron/backend/x.ts'],
    ['imports-backend.ts', 'electron/host/x.ts'],
    ['imports-host.ts', 'electron/main/x.ts'],
    ['imports-node.ts', 'electron/host/x.ts'],
    ['imports-shared.ts', 'electron/host/x.ts'],
    ['imports-shared-node.ts', 'electron/backend/x.ts'],
    ['imports-shared-node.ts', 'server/storage/x.ts'],
    ['imports-shared.ts', 'shared-node/x.ts'],
    ['imports-node.ts', 'shared-node/x.ts'],
  ])('%s in %s is allowed', async (fixture, asFile) => {
    expect(await boundaryErrors(fixture, asFile)).toEqual([]);
  });
});
