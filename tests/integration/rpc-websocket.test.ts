import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { webSocketChannel } from '../../electron/backend/rpc/websocket-server.ts';
import type { ListeningMessage } from '../../electron/host/start.ts';
import { transportSuite, type BackendUnderTest } from './transport-suite.ts';

const entry = new URL('../../electron/host/backend-process.ts', import.meta.url);
const TOKEN = 'per-run-token-for-tests';

interface Running {
  child: ChildProcess;
  port: number;
}

/** The real backend entry as its own process, as browser mode runs it. */
async function startBackend(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const child = fork(entry, [], {
    env: { ...process.env, TONGBAN_DATA_DIR: dataDir, TONGBAN_WS_TOKEN: TOKEN, TONGBAN_WS_PORT: '0', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: ListeningMessage) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`backend exited with ${code}`)));
  });
  return { child, port };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function open(port: number, token: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(token)}`, { origin });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

transportSuite('WebSocket (browser mode, backend as a child process)', async (): Promise<BackendUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-ws-'));
  let running = await startBackend(dataDir);
  return {
    connect: async () => webSocketChannel(await open(running.port, TOKEN)),
    async restart() {
      await kill(running.child);
      running = await startBackend(dataDir);
    },
    async stop() {
      await kill(running.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describe('WebSocket access', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  async function backendWithOrigin(): Promise<Running> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-ws-'));
    const running = await startBackend(dataDir, { TONGBAN_ALLOWED_ORIGINS: 'http://127.0.0.1:4000' });
    cleanup.push(async () => {
      await kill(running.child);
      rmSync(dataDir, { recursive: true, force: true });
    });
    return running;
  }

  it('refuses a connection without the per-run token', async () => {
    const { port } = await backendWithOrigin();
    await expect(open(port, 'wrong-token', 'http://127.0.0.1:4000')).rejects.toThrow(/401/);
  });

  it('refuses a connection from another web page origin', async () => {
    const { port } = await backendWithOrigin();
    await expect(open(port, TOKEN, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('accepts the browser-mode page with the token', async () => {
    const { port } = await backendWithOrigin();
    const socket = await open(port, TOKEN, 'http://127.0.0.1:4000');
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });
});
