// The app under test: the built UI (built again when a source file is newer
// than the build) served by the real browser-mode host on the benchmark's
// data dir, with its real backend process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { say } from './say.ts';

const root = join(import.meta.dirname, '..', '..');
const WEB_HOST = join(root, 'out', 'main', 'web-host.js');
/** What the build is made from. */
const SOURCES = ['electron', 'renderer', 'shared', 'shared-node', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds with electron-vite when out/ is missing or older than a source; returns the seconds it took (0: up to date). */
export function buildIfStale(): number {
  const built = existsSync(WEB_HOST) ? newestMtime(join(root, 'out')) : 0;
  const sources = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))));
  if (built > sources) return 0;
  say('the build is older than the sources: electron-vite build');
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`electron-vite build failed:\n${run.stdout}\n${run.stderr}`);
  return Math.round((performance.now() - t0) / 100) / 10;
}

export interface Host {
  url: string;
  /** From spawning the host to its saying where it serves (the backend opened the database). */
  startSeconds: number;
  stop(): Promise<void>;
}

/** The browser-mode host on dataDir, once it says where it serves. */
export function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [WEB_HOST, '--no-open', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, TONGBAN_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const t0 = performance.now();
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    // The backend reads every open case at its start (CaseClocks.recountUnits): minutes at a million cases.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the browser-mode host did not start:\n${output}`));
    }, 900_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running in browser mode at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, startSeconds: Math.round((performance.now() - t0) / 100) / 10, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser-mode host exited with ${code}:\n${output}`));
    });
  });
}
