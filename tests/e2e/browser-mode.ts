// Starts the real browser-mode host (built UI + real backend) for one test,
// on a fresh data folder, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type ConsoleMessage } from '@playwright/test';
import type { TongbanApi } from '../../shared/rpc/client.ts';

const root = join(import.meta.dirname, '../..');

declare global {
  interface Window {
    tongban?: TongbanApi;
  }
}

export interface BrowserModeHost {
  url: string;
  dataDir: string;
  output(): string;
}

/** Debian's libfaketime (package faketime), preloaded rather than through its wrapper, which would not pass on a kill. */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * clockOffset (e.g. '-100d') runs the host and its backend with the clock set back by libfaketime:
 * the real app, for cases that must have been taken in weeks ago.
 */
function startHost(
  dataDir: string,
  clockOffset?: string,
  env: Record<string, string> = {},
): Promise<{ host: BrowserModeHost; child: ChildProcess }> {
  const clock = clockOffset ? { LD_PRELOAD: LIBFAKETIME, FAKETIME: clockOffset, ...env } : env;
  const child = spawn(process.execPath, [join(root, 'out/main/web-host.js'), '--no-open', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, TONGBAN_LOG: 'silent', ...clock },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser-mode host did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running in browser mode at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ host: { url: match[1]!, dataDir, output: () => output }, child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`browser-mode host exited with ${code}:\n${output}`)));
  });
}

/** A second place in one test: another host on its own data folder; stop() ends it and removes the folder. */
export async function startSecondHost(): Promise<BrowserModeHost & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
  const { host, child } = await startHost(dataDir);
  return {
    ...host,
    stop: () => stopHost(child, dataDir),
  };
}

/** A host on a fresh data folder with test settings in its environment (TONGBAN_TEST_…); stop() removes the folder. */
export async function startHostWithEnv(
  env: Record<string, string>,
): Promise<BrowserModeHost & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
  const { host, child } = await startHost(dataDir, undefined, env);
  return { ...host, stop: () => stopHost(child, dataDir) };
}

/** A host on a data folder the caller owns and keeps after stop(): to run one place at two times. */
export async function startHostOn(
  dataDir: string,
  clockOffset?: string,
): Promise<BrowserModeHost & { stop(): Promise<void> }> {
  const { host, child } = await startHost(dataDir, clockOffset);
  return { ...host, stop: () => stopHost(child, null) };
}

async function stopHost(child: ChildProcess, dataDir: string | null): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ host: BrowserModeHost; consoleErrors: string[] }>({
  // Playwright reads fixture dependencies from the destructuring pattern, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
    const { host, child } = await startHost(dataDir);
    await use(host);
    await stopHost(child, dataDir);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect };
