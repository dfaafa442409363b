// `npm start`: the Electron app. Without its binary, first Electron's own
// installer is tried; if that cannot work, one paragraph says what to do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary, missingBinaryAdvice } from './electron-binary.ts';

const root = join(import.meta.dirname, '..');
let binary = findElectronBinary(root);

if (!binary.present) {
  process.stdout.write('The Electron binary is not installed yet; trying Electron’s installer…\n');
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'inherit',
    timeout: 300_000,
  });
  binary = findElectronBinary(root);
  if (!binary.present) {
    process.stderr.write(`\n${missingBinaryAdvice(root, binary)}\n`);
    process.exit(1);
  }
}

const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const run = spawnSync(process.execPath, [cli, 'preview', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
