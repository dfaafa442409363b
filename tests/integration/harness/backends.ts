// The real backend under test, either in this process (createBackend over an
// in-memory frame channel) or as its own child process (the real entry, over
// the WebSocket, as browser mode runs it).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { channelPair } from '../../../bench/support/frame-channels.ts';
import { createBackend, DATABASE_FILE_NAME, type Backend } from '../../../electron/backend/backend.ts';
import { webSocketChannel } from '../../../electron/backend/rpc/websocket-server.ts';
import type { ListeningMessage } from '../../../electron/host/start.ts';
import { RpcClient } from '../../../shared/rpc/client.ts';
import type { FrameChannel } from '../../../shared/rpc/framing.ts';

export interface BackendUnderTest {
  readonly dataDir: string;
  /** The SQLite file the backend writes. */
  readonly dbFile: string;
  /** A new connection; calls carry the session token when one is given. */
  connect(token?: string | null): Promise<RpcClient>;
  /** Stops the backend (gracefully, or with SIGKILL for a child when hard) and starts it on the same data. */
  restart(options?: { hard?: boolean }): Promise<void>;
  /** Everything the backend has logged so far (child processes only; in-process logging is silenced). */
  logs(): string;
  /** Stops the backend and removes its data folder. */
  stop(): Promise<void>;
}

export function tempDataDir(prefix = 'tongban-it-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function attach(channel: FrameChannel, token: string | null | undefined): RpcClient {
  const client = new RpcClient({ callTimeoutMs: 10_000 });
  client.attach(channel);
  if (token) client.setSession(token);
  return client;
}

/** createBackend in this process, with a random 32-byte master key kept across restarts; idleLockMs shortens the lock. */
export function startInProcess(dataDir = tempDataDir(), options: { idleLockMs?: number } = {}): BackendUnderTest {
  const masterKey = randomBytes(32);
  const open = (): Backend => createBackend({ dataDir, appVersion: 'test', masterKey, ...options });
  let backend = open();
  const clients = new Set<RpcClient>();
  return {
    dataDir,
    dbFile: join(dataDir, DATABASE_FILE_NAME),
    async connect(token) {
      const [server, client] = channelPair();
      backend.connect(server);
      const rpc = attach(client, token);
      clients.add(rpc);
      return rpc;
    },
    async restart() {
      backend.close();
      backend = open();
    },
    logs: () => '',
    async stop() {
      for (const client of clients) client.detach();
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ENTRY = new URL('../../../electron/host/backend-process.ts', import.meta.url);
const WS_TOKEN = 'integration-test-token';

/** The real backend entry as a child process serving the WebSocket; its stderr (the log) is kept. */
export class ChildBackend {
  readonly child: ChildProcess;
  readonly port: number;
  /** Resolves when the process has gone, with how it went. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly clients = new Set<RpcClient>();

  private constructor(child: ChildProcess, port: number, exited: ChildBackend['exited']) {
    this.child = child;
    this.port = port;
    this.exited = exited;
  }

  static async start(dataDir: string, env: Record<string, string> = {}, log: string[] = []): Promise<ChildBackend> {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      TONGBAN_DATA_DIR: dataDir,
      TONGBAN_WS_TOKEN: WS_TOKEN,
      TONGBAN_WS_PORT: '0',
      TONGBAN_APP_VERSION: 'test',
      ...env,
    };
    // The vitest config silences the log; a child logs, so tests can read what it wrote.
    delete childEnv.TONGBAN_LOG;
    if (!('TONGBAN_TEST_CRASH_AT' in env)) delete childEnv.TONGBAN_TEST_CRASH_AT;
    const child = fork(ENTRY, [], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => log.push(text));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const port = await new Promise<number>((resolve, reject) => {
      child.on('message', (m: ListeningMessage) => resolve(m.port));
      void exited.then(({ code, signal }) =>
        reject(new Error(`the backend exited before listening (${code ?? signal}): ${log.join('')}`)),
      );
    });
    return new ChildBackend(child, port, exited);
  }

  connect(token?: string | null): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${this.port}/rpc?token=${encodeURIComponent(WS_TOKEN)}`);
      socket.once('open', () => {
        const client = attach(webSocketChannel(socket), token);
        this.clients.add(client);
        resolve(client);
      });
      socket.once('error', reject);
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    for (const client of this.clients) client.detach();
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}

export async function startChild(dataDir = tempDataDir()): Promise<BackendUnderTest> {
  const log: string[] = [];
  let running = await ChildBackend.start(dataDir, {}, log);
  return {
    dataDir,
    dbFile: join(dataDir, DATABASE_FILE_NAME),
    connect: (token) => running.connect(token),
    async restart(options = {}) {
      await running.kill(options.hard ? 'SIGKILL' : 'SIGTERM');
      running = await ChildBackend.start(dataDir, {}, log);
    },
    logs: () => log.join(''),
    async stop() {
      await running.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
