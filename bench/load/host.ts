// The real browser-mode host (out/main/web-host.js) on a fresh data dir, set
// up as after the first run: the device and its administrator, so a new
// browser lands on the sign-in screen.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { connected, rpc } from './page.ts';

export interface Host {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startHost(root: string): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-load-'));
  const child = spawn(process.execPath, [join(root, 'out/main/web-host.js'), '--no-open', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, TONGBAN_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser-mode host did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running in browser mode at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the browser-mode host exited with ${code}:\n${output}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, child, stop };
}

const FIRST_RUN = {
  device: { name: '彭泽县收件一号机', regionCode: '360430', hall: '彭泽县政务服务中心', windowNo: '03' },
  admin: { username: 'admin', displayName: '王管理', password: 'admin-pass-1' },
};

/** The first run, through the same RPC the set-up screen calls; the page's session ends with its context. */
export async function setUp(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(connected);
    const result = await page.evaluate(rpc, { method: 'setup.initialize', input: FIRST_RUN });
    if (!result.ok) throw new Error(`setup.initialize: ${result.error?.code}`);
  } finally {
    await context.close();
  }
}
