// Finds the Electron binary without loading the electron package, whose
// index.js downloads the binary when it is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function platformExecutable(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

export interface ElectronBinary {
  path: string;
  present: boolean;
}

export function findElectronBinary(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable(platform);
  const path = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable)
    : join(pkg, 'dist', executable);
  return { path, present: existsSync(path) };
}

export function electronVersion(root: string): string {
  return (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
  ).version;
}

export function missingBinaryAdvice(root: string, binary: ElectronBinary): string {
  const version = electronVersion(root);
  return [
    `Tongban Desk cannot start as a desktop app: the Electron ${version} binary is not installed`,
    `(looked for ${binary.path}), and Electron's installer could not download it — this machine`,
    `probably has no access to the Electron download site. To get it: run \`npx install-electron\``,
    `on a machine with internet access; or set ELECTRON_MIRROR to your organisation's mirror and run`,
    `\`node node_modules/electron/install.js\`; or unpack the electron-v${version} zip for this platform`,
    `into node_modules/electron/dist (or point ELECTRON_OVERRIDE_DIST_PATH at it). Meanwhile,`,
    `\`npm run start:web\` runs the same app in your browser.`,
  ].join(' ');
}
