// The device backend a fault schedule kills (the real entry as a child
// serving the WebSocket, as the integration harness runs it); the server is in
// server-process.ts. Both keep their data folders across kill -9 and only the
// tail of their logs.
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import type { RpcClient, RpcResult } from '../../shared/rpc/client.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract.ts';
import { call, ChildBackend, createUser, login, setUpDevice, type Credentials } from '../integration/harness.ts';
import { LOG_LINES } from './server-process.ts';

// The clerk is at the keyboard the whole run: their input keeps the idle lock away, reported as the window does.
const INPUT_REPORT_EVERY_MS = 30_000;

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
  private inputReportedAt = 0;

  private constructor(dataDir: string, backend: ChildBackend, client: RpcClient, clerk: Credentials, log: string[]) {
    this.dataDir = dataDir;
    this.backend = backend;
    this.client = client;
    this.clerk = clerk;
    this.log = log;
  }

  /** First start: the device, its administrator, a clerk, and the server as its remote (the invitation's parts). */
  static async create(
    dataDir: string,
    remote: { url: string; code: string; fingerprint: string },
  ): Promise<DeviceProcess> {
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
    if (Date.now() - this.inputReportedAt > INPUT_REPORT_EVERY_MS) {
      this.inputReportedAt = Date.now();
      void client.request('auth.heartbeat', {});
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
