// The app under test: the built UI (bench/support/build.ts) served by the real browser-mode host on the benchmark's
// data dir, with its real backend process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const WEB_HOST = join(root, 'out', 'main', 'web-host.js');

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
