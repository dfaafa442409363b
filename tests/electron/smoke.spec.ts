// A thin smoke test of the real Electron app. It runs only where the Electron
// binary is installed (it cannot be downloaded on our CI machines) and says so
// plainly when it is skipped; browser mode covers the UI and backend elsewhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.ts';

const root = join(import.meta.dirname, '../..');
const binary = findElectronBinary(root);
const skipReason = `Electron smoke test skipped: no Electron binary at ${binary.path} (it cannot be downloaded here; browser-mode tests cover the UI and backend).`;

test('the Electron app starts, serves app://, and reaches the backend over a MessagePort', async () => {
  if (!binary.present) {
    process.stdout.write(`${skipReason}\n`);
    test.skip(true, skipReason);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [join(root, 'out/main/index.js')],
    cwd: root,
    env: { ...process.env, TONGBAN_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    expect(window.url()).toMatch(/^app:\/\/tongban\//);
    await expect(window.getByTestId('status-backend')).toContainText('已连接');
    await expect(window.getByTestId('status-schema')).not.toContainText('—');
    const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
