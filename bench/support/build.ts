// The built app the UI benchmarks load (bench:load, bench:ui): built again with
// electron-vite when an output is missing or a source is newer than it. Two
// benchmarks started together (their tests run side by side) must not build into
// out/ at once, so a build holds a lock folder, and the second waits for it and
// then finds the build fresh.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build is made from, and what it makes. */
const SOURCES = ['electron', 'renderer', 'shared', 'shared-node', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/renderer/index.html', 'out/main/web-host.js', 'out/main/backend.js'];
const LOCK_WAIT_MS = 300_000;

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), info.mtimeMs);
}

function stale(root: string): boolean {
  const outputs = OUTPUTS.map((path) => join(root, path));
  if (outputs.some((path) => !existsSync(path))) return true;
  const sources = Math.max(...SOURCES.map((path) => newest(join(root, path))));
  return sources > Math.min(...outputs.map((path) => statSync(path).mtimeMs));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds when needed (or when `force`); returns the seconds the build took, 0 when it was fresh. */
export function buildIfStale(root: string, force = false, say: (line: string) => void = () => {}): number {
  if (!force && !stale(root)) return 0;
  const lock = join(root, 'out', '.build-lock');
  mkdirSync(join(root, 'out'), { recursive: true });
  const waitUntil = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > waitUntil) throw new Error(`another build held ${lock} for ${LOCK_WAIT_MS / 1000} s`);
      sleep(200);
    }
  }
  try {
    // Another benchmark may have built while this one waited.
    if (!force && !stale(root)) return 0;
    say('the build is older than the sources: electron-vite build');
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`electron-vite build failed:\n${run.stdout}\n${run.stderr}`);
    return Math.round((performance.now() - started) / 100) / 10;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
