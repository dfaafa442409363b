// Shared helpers for the integration tests: the real backend, either in this
// process (createBackend over an in-memory frame channel) or as its own child
// process (the real entry, over the WebSocket, as browser mode runs it); a set
// up device with users per role; valid intake submissions; scan bytes; and
// direct reads of the SQLite file the backend writes.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { deflateSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { createBackend, DATABASE_FILE_NAME, type Backend } from '../../electron/backend/backend.ts';
import { pngChunk } from '../../electron/backend/devices/signature-pad-simulator.ts';
import { webSocketChannel } from '../../electron/backend/rpc/websocket-server.ts';
import type { ListeningMessage } from '../../electron/host/start.ts';
import type { Role } from '../../shared/auth/permissions.ts';
import { SEED_CATALOG, type Matter } from '../../shared/catalog/index.ts';
import { call, RpcClient, type RpcResult } from '../../shared/rpc/client.ts';
import type { MethodInput, SessionInfo } from '../../shared/rpc/contract.ts';
import type { FrameChannel, RpcErrorShape } from '../../shared/rpc/framing.ts';

// ---------------------------------------------------------------- backends

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

/** Two frame channels joined back to back; frames arrive asynchronously, as over a real transport. */
export function channelPair(): [FrameChannel, FrameChannel] {
  interface End {
    listeners: ((text: string) => void)[];
    closeListeners: (() => void)[];
    closed: boolean;
  }
  const a: End = { listeners: [], closeListeners: [], closed: false };
  const b: End = { listeners: [], closeListeners: [], closed: false };
  const end = (self: End, other: End): FrameChannel => ({
    send(text) {
      if (self.closed) return;
      setImmediate(() => {
        if (!other.closed) for (const listener of other.listeners) listener(text);
      });
    },
    onMessage: (listener) => void self.listeners.push(listener),
    onClose: (listener) => void self.closeListeners.push(listener),
    close() {
      for (const side of [self, other]) {
        if (side.closed) continue;
        side.closed = true;
        for (const listener of side.closeListeners) listener();
      }
    },
  });
  return [end(a, b), end(b, a)];
}

function attach(channel: FrameChannel, token: string | null | undefined): RpcClient {
  const client = new RpcClient({ callTimeoutMs: 10_000 });
  client.attach(channel);
  if (token) client.setSession(token);
  return client;
}

/** createBackend in this process, with a random 32-byte master key kept across restarts. */
export function startInProcess(dataDir = tempDataDir()): BackendUnderTest {
  const masterKey = randomBytes(32);
  const open = (): Backend => createBackend({ dataDir, appVersion: 'test', masterKey });
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

const ENTRY = new URL('../../electron/host/backend-process.ts', import.meta.url);
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

// ---------------------------------------------------------------- results

/** The error of a call that must fail; throws (failing the test) when it succeeded. */
export async function refusal(result: Promise<RpcResult<unknown>> | RpcResult<unknown>): Promise<RpcErrorShape> {
  const settled = await result;
  if (settled.ok) throw new Error(`Expected the call to be refused, but it returned ${JSON.stringify(settled.value)}`);
  return settled.error;
}

export { call };

/** Polls `probe` until `done` holds; fails naming `what` and the last value. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---------------------------------------------------------------- device and users

export const TEST_DEVICE = {
  name: '彭泽县跨省通办窗口',
  regionCode: '360430',
  hall: '彭泽县政务服务中心',
  windowNo: '03',
} as const;

export interface Credentials {
  username: string;
  password: string;
}

export const ADMIN: Credentials & { displayName: string } = {
  username: 'admin',
  displayName: 'Administrator One',
  password: 'admin-password-1',
};

/** Anything that opens connections to a running backend. */
export interface Connectable {
  connect(token?: string | null): Promise<RpcClient>;
}

/** First run: the device and its administrator; returns the administrator's logged-in client. */
export async function setUpDevice(
  backend: Connectable,
  device: { name: string; regionCode: string; hall: string; windowNo: string } = TEST_DEVICE,
): Promise<{ admin: RpcClient; info: SessionInfo; password: string }> {
  const client = await backend.connect();
  const info = await call(client, 'setup.initialize', {
    device: { ...device },
    admin: { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password },
  });
  client.setSession(info.token);
  return { admin: client, info, password: ADMIN.password };
}

let userCounter = 0;

/** An administrator creates a user with these roles; returns the credentials. */
export async function createUser(
  admin: RpcClient,
  roles: Role[],
  username = `${roles.join('-').replaceAll('_', '.')}-${++userCounter}`,
): Promise<Credentials & { userId: string }> {
  const password = `pw-${username}-secret`;
  const user = await call(admin, 'users.create', { username, displayName: `User ${username}`, password, roles });
  return { username, password, userId: user.userId };
}

/** Logs in on a new connection; the client then carries the session. */
export async function login(
  backend: Connectable,
  credentials: Credentials,
): Promise<{ client: RpcClient; info: SessionInfo }> {
  const client = await backend.connect();
  const info = await call(client, 'auth.login', credentials);
  client.setSession(info.token);
  return { client, info };
}

/** The token's row key in the sessions table, as the backend stores it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// ---------------------------------------------------------------- the database file

/** Opens the backend's SQLite file alongside it (WAL lets both in). */
export function openDb(file: string): DatabaseSync {
  return new DatabaseSync(file, { timeout: 5000 });
}

export function withDb<T>(file: string, work: (db: DatabaseSync) => T): T {
  const db = openDb(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export const CASE_TABLES = [
  'cases',
  'case_events',
  'outbox_events',
  'outbox_blobs',
  'case_search',
  'case_blobs',
  'case_no_counters',
  'remotes',
  'drafts',
] as const;

/** Row counts of the tables a submit writes. */
export function countRows(file: string, tables: readonly string[] = CASE_TABLES): Record<string, number> {
  return withDb(file, (db) =>
    Object.fromEntries(
      tables.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
    ),
  );
}

// ---------------------------------------------------------------- identity numbers

/** The ISO 7064 MOD 11-2 check character of an 18-character resident ID. */
export function residentIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + Number(body17[i]) * w, 0);
  return '10X98765432'[sum % 11]!;
}

/** A resident ID with a correct check character: 6-digit region, YYYYMMDD, 3-digit sequence. */
export function residentId(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  return body + residentIdCheck(body);
}

export const APPLICANT = {
  name: '张三',
  idKind: 'resident_id' as const,
  idNumber: '11010219781027232X',
  phone: '13812348000',
};

export const AGENT = {
  name: '李四',
  idKind: 'resident_id' as const,
  idNumber: residentId('420102', '19850315', '451'),
  phone: '13987651234',
};

// ---------------------------------------------------------------- submissions

export type Submission = MethodInput<'intake.submit'>;

export function seedMatter(id: string): Matter {
  const matter = SEED_CATALOG.matters.find((m) => m.id === id);
  if (!matter) throw new Error(`${id} is not in the seed catalog`);
  return matter;
}

function sampleFieldValue(field: Matter['formFields'][number]): string | number {
  switch (field.type) {
    case 'number':
      return 1;
    case 'date':
      return '2025-06-30';
    case 'select':
      return field.options![0]!.value;
    default:
      return '湖北省黄冈市黄梅县';
  }
}

/**
 * An intake of a seed matter that meets every rule of the seed catalog: every
 * required material received in all its accepted forms, every required form
 * field filled; where the handling place follows the applicant, Huangmei
 * (421127). Overrides replace whole top-level fields.
 */
export function seedIntake(matterId: string, overrides: Partial<Submission> = {}): Submission {
  const matter = seedMatter(matterId);
  return {
    submissionId: randomUUID(),
    matterId: matter.id,
    applicant: { ...APPLICANT },
    agent: null,
    priority: false,
    materials: matter.materials
      .filter((m) => m.requirement === 'required')
      .map((m) => ({ materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] })),
    scans: [],
    formData: Object.fromEntries(matter.formFields.filter((f) => f.required).map((f) => [f.id, sampleFieldValue(f)])),
    language: 'zh-CN',
    ...(matter.handlingRegionFrom ? { handlingRegion: '421127' } : {}),
    ...overrides,
  };
}

/** A KST-SI-004 (pension transfer) intake; its 转入地 is Huangmei, as in its form data. */
export function pensionTransfer(overrides: Partial<Submission> = {}): Submission {
  return seedIntake('KST-SI-004', overrides);
}

// ---------------------------------------------------------------- scans

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid grey-scale PNG of width × height whose pixels come from the seed (so each seed is a new file). */
export function makePng(seed: string, width = 16, height = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  const pixels = createHash('sha256').update(seed).digest();
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, (_, x) => pixels[(x + y) % 32]!))]),
    ),
  );
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Uploads bytes through scans.begin / chunk / finish in the given number of chunks. */
export async function uploadScan(
  client: RpcClient,
  bytes: Buffer,
  mediaType: string,
  chunks = 2,
): Promise<RpcResult<{ sha256: string; mediaType: string; size: number; thumbnailSha256: string | null }>> {
  const begun = await client.request('scans.begin', { mediaType, size: bytes.length });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  const step = Math.ceil(bytes.length / chunks);
  for (let index = 0; index < chunks; index++) {
    const part = bytes.subarray(index * step, (index + 1) * step);
    const sent = await client.request('scans.chunk', { uploadId, index, data: part.toString('base64') });
    if (!sent.ok) return sent;
  }
  return client.request('scans.finish', { uploadId, thumbnail: null });
}
