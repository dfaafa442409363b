// The two processes a fault schedule kills: the exchange server (`node
// server/main.ts` on a fixed port, so the device's remote URL — the proxy —
// stays valid across restarts) and the device backend (the real entry as a
// child serving the WebSocket, as the integration harness runs it). Both keep
// their data folders across kill -9; both keep only the tail of their logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import type { RpcClient, RpcResult } from '../../shared/rpc/client.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract.ts';
import { call, ChildBackend, createUser, login, setUpDevice, type Credentials } from '../integration/harness.ts';

const SERVER_ENTRY = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
export const SERVER_REGION = '421127';
const LOG_LINES = 80;

/** Keeps the last lines written to it. */
class LogTail {
  private readonly lines: string[] = [];
  private partial = '';

  /** Returns the lines this text completed. */
  write(text: string): string[] {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    this.lines.push(...parts);
    this.lines.splice(0, Math.max(0, this.lines.length - LOG_LINES));
    return parts;
  }

  text(): string {
    return [...this.lines, this.partial].join('\n');
  }
}

/** A port nothing listens on now (the server takes it, and takes it again after each kill). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class ServerProcess {
  readonly dataDir: string;
  readonly port: number;
  /** Where its store is (DATABASE_URL), beside the inherited environment. */
  private readonly env: Record<string, string>;
  private child: ChildProcess | null = null;
  private readonly log = new LogTail();
  /** Log lines at level error or worse (pino's 50+): a 500 answer is one. */
  readonly errors: string[] = [];
  /** What the server said about pushed events, and requests it refused before reading them, from its log. */
  readonly answered = { accepted: 0, duplicate: 0, refused: 0, unauthorized: 0 };

  constructor(dataDir: string, port: number, env: Record<string, string>) {
    this.dataDir = dataDir;
    this.port = port;
    this.env = env;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [SERVER_ENTRY, '--port', String(this.port), '--data-dir', this.dataDir, '--region', SERVER_REGION],
      { env: { ...process.env, ...this.env, TONGBAN_SERVER_LOG: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        for (const line of this.log.write(text)) this.read(line);
      });
    }
    const deadline = Date.now() + 20_000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${this.log.text()}`);
      if (Date.now() > deadline) throw new Error(`the server did not listen: ${this.log.text()}`);
      await sleep(20);
    }
  }

  private read(line: string): void {
    if (/"level":(5|6)\d/.test(line)) this.errors.push(line);
    if (line.includes('"event":"auth_refused"')) this.answered.unauthorized += 1;
    if (!line.includes('"event":"push"')) return;
    const push = JSON.parse(line) as { accepted: number; duplicate: number; refused: Record<string, number> };
    this.answered.accepted += push.accepted;
    this.answered.duplicate += push.duplicate;
    this.answered.refused += Object.values(push.refused).reduce((sum, n) => sum + n, 0);
  }

  /** kill -9: no chance to close anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }

  logs(): string {
    return this.log.text();
  }
}

/**
 * The device backend with an intake clerk logged in. A call fails at once
 * (instead of waiting for a reconnect) when its connection died with a kill;
 * calls made while a restart is under way wait for it.
 */
export class DeviceProcess {
  readonly dataDir: string;
  private backend: ChildBackend;
  private client: RpcClient;
  private readonly clerk: Credentials;
  private readonly log: string[];
  private ready: Promise<void> = Promise.resolve();

  private constructor(dataDir: string, backend: ChildBackend, client: RpcClient, clerk: Credentials, log: string[]) {
    this.dataDir = dataDir;
    this.backend = backend;
    this.client = client;
    this.clerk = clerk;
    this.log = log;
  }

  /** First start: the device, its administrator, a clerk, and the server as its remote. */
  static async create(dataDir: string, remote: { url: string; code: string }): Promise<DeviceProcess> {
    const log: string[] = [];
    const backend = await ChildBackend.start(dataDir, {}, log);
    const { admin } = await setUpDevice(backend);
    const clerk = await createUser(admin, ['intake_clerk']);
    await call(admin, 'sync.addRemote', { ...remote, name: '黄梅县交换服务器' });
    admin.detach();
    const { client } = await login(backend, clerk);
    return new DeviceProcess(dataDir, backend, client, clerk, log);
  }

  get dbFile(): string {
    return join(this.dataDir, DATABASE_FILE_NAME);
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>> {
    await this.ready;
    const client = this.client;
    if (client.connectionState() !== 'connected') {
      return { ok: false, error: { code: 'BACKEND_UNAVAILABLE', message: 'The backend was killed.' } };
    }
    return client.request(method, input);
  }

  /** kill -9, then the same data folder again (its key file included) and a new login. */
  killAndRestart(): Promise<void> {
    const restarted = (async () => {
      await this.backend.kill('SIGKILL');
      this.trimLog();
      this.backend = await ChildBackend.start(this.dataDir, {}, this.log);
      this.client = (await login(this.backend, this.clerk)).client;
    })();
    this.ready = restarted;
    return restarted;
  }

  async stop(): Promise<void> {
    await this.ready;
    await this.backend.kill('SIGKILL');
  }

  private trimLog(): void {
    const text = this.log.join('').split('\n').slice(-LOG_LINES).join('\n');
    this.log.splice(0, this.log.length, text);
  }

  logs(): string {
    this.trimLog();
    return this.log.join('');
  }
}
