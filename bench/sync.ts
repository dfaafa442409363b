// npm run bench:sync — the sync benchmark of issue 4 point 8. Two parts:
//
// drain: a real device (createBackend on a fresh data folder) with a backlog
//   of 10,000 cases taken in through the real IntakeService, 20,000 scans of
//   64 KB stored through the real BlobStore, enrolls with the real exchange
//   server (`node server/main.ts`, its own process, on PostgreSQL) through
//   'sync.addRemote'; drain_s is the time from that call until the device's
//   outbox is empty. The floor (bench/sync-floor.ts, its own process) takes the
//   same scan bytes and the same push bodies, POSTed with the engine's
//   concurrency by fetch and by node:http (the fastest run counts), and
//   writes and fsyncs each to a file before answering.
// storm: 500 devices, each enrolled with its own code and Ed25519 key, push
//   20 events each (10 new cases: case.received + case.materials_checked) all
//   at once through the device's RemoteClient; the p99 of the push latency as
//   the devices see it, and the events not on the server exactly once.
//
// Writes bench/results/sync.json (or --out) and exits non-zero when a target is missed.
//
//   node bench/sync.ts [--quick] [--cases N] [--devices N] [--events N] [--rate N] [--out FILE]
//                      [--database-url URL] [--database NAME] [--sqlite-only] [--no-sqlite-storm]
//                      [--drain-stall-seconds N] [--drain-timeout-seconds N] [--only drain|storm]
import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import { createCipheriv } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SEED_CATALOG } from '../shared/catalog/index.ts';
import { call, RpcClient } from '../shared/rpc/client.ts';
import type { PushResult, WireEvent } from '../shared/sync/protocol.ts';
import { createBackend, DATABASE_FILE_NAME } from '../electron/backend/backend.ts';
import { decryptText } from '../electron/backend/crypto/fields.ts';
import { deriveKeys, keyFilePath, loadOrCreateKeyFile } from '../electron/backend/crypto/keys.ts';
import { BlobStore } from '../electron/backend/services/blobs.ts';
import { CatalogService } from '../electron/backend/services/catalog.ts';
import { IntakeService } from '../electron/backend/services/intake.ts';
import { openDatabase } from '../electron/backend/store/database.ts';
import { BLOB_CONCURRENCY, blobsOf, PUSH_CONCURRENCY } from '../electron/backend/sync/engine.ts';
import { enroll, RemoteClient } from '../electron/backend/sync/remote-client.ts';
import { INTAKE_REGION, newCase, newKeys, SERVER_REGION } from './support/exchange-samples.ts';
import { channelPair } from './support/frame-channels.ts';
import { issueEnrollmentCode } from '../server/enrollment.ts';
import type { ServerStore } from '../server/storage/contract.ts';
import { PostgresStore } from '../server/storage/postgres.ts';
import { SqliteStore } from '../server/storage/sqlite.ts';
import { makeSubmission } from './generate.ts';
import { mulberry32 } from './people.ts';

const TARGETS = { drain_ratio_to_floor: 1.5, storm_p99_ms: 250 } as const;
const ROOT = resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    cases: { type: 'string' },
    'scans-per-case': { type: 'string', default: '2' },
    'scan-bytes': { type: 'string', default: String(64 * 1024) },
    devices: { type: 'string' },
    events: { type: 'string', default: '20' },
    rate: { type: 'string', default: '5000' },
    out: { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.TONGBAN_BENCH_DATABASE_URL ?? 'postgres://tongban:tongban@127.0.0.1:5432/postgres',
    },
    database: { type: 'string', default: 'tongban_bench' },
    'sqlite-only': { type: 'boolean', default: false },
    'no-sqlite-storm': { type: 'boolean', default: false },
    seed: { type: 'string', default: '20261122' },
    // A stalled engine fails the run: no progress for this long, or the whole drain longer than the limit.
    'drain-stall-seconds': { type: 'string', default: '120' },
    'drain-timeout-seconds': { type: 'string', default: '1800' },
    // For working on one part: 'drain' or 'storm' (the results file then has only that part; targets not judged).
    only: { type: 'string' },
  },
});
const CASES = Number(args.cases ?? (args.quick ? 100 : 10_000));
const SCANS_PER_CASE = Number(args['scans-per-case']);
const SCAN_BYTES = Number(args['scan-bytes']);
const DEVICES = Number(args.devices ?? (args.quick ? 20 : 500));
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const SEED = Number(args.seed);
const STORE: 'postgres' | 'sqlite' = args['sqlite-only'] ? 'sqlite' : 'postgres';
const DRAIN_STALL_MS = Number(args['drain-stall-seconds']) * 1000;
const DRAIN_TIMEOUT_MS = Number(args['drain-timeout-seconds']) * 1000;
const ONLY = args.only;
if (ONLY !== undefined && ONLY !== 'drain' && ONLY !== 'storm') throw new Error('--only is drain or storm');
if (!(DRAIN_STALL_MS > 0 && DRAIN_TIMEOUT_MS > 0)) throw new Error('the drain limits must be positive');
const OUT = args.out ? resolve(args.out) : join(import.meta.dirname, 'results', 'sync.json');
for (const [name, value] of Object.entries({ CASES, SCANS_PER_CASE, SCAN_BYTES, DEVICES, EVENTS, RATE })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name.toLowerCase()} must be a positive integer`);
}

const started = performance.now();
const say = (text: string): void =>
  console.log(`[bench:sync ${((performance.now() - started) / 1000).toFixed(1)} s] ${text}`);
const fmt = (n: number): string => n.toLocaleString('en-US');
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
const seconds = (since: number): number => round((performance.now() - since) / 1000);

// ---------------------------------------------------------------- processes and databases

/** utime+stime (and, with `children`, that of its reaped children) of a process, in seconds; 0 when it is gone. */
function processCpu(pid: number, children = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = (i: number) => Number(fields[i - 3]);
    return (ticks(14) + ticks(15) + (children ? ticks(16) + ticks(17) : 0)) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used by all of PostgreSQL: the postmaster's reaped children and every live process of it. */
function postgresCpu(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    const postmaster = readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() !== 'postgres';
    total += processCpu(Number(entry), postmaster);
  }
  return total;
}

/** Where the CPU went while `work` ran: this process (the device), the server process, PostgreSQL. */
async function cpuDuring<T>(serverPid: number | null, work: () => Promise<T>): Promise<[T, Record<string, number>]> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  if (process.env.TONGBAN_BENCH_PROFILE) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const before = { device: process.cpuUsage(), server: serverPid ? processCpu(serverPid) : 0, postgres: postgresCpu() };
  const value = await work();
  if (process.env.TONGBAN_BENCH_PROFILE) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(process.env.TONGBAN_BENCH_PROFILE, `device-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  const device = process.cpuUsage(before.device);
  return [
    value,
    {
      device: round((device.user + device.system) / 1e6, 2),
      server: round((serverPid ? processCpu(serverPid) : 0) - before.server, 2),
      postgres: round(postgresCpu() - before.postgres, 2),
    },
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
}

/** A fresh, empty database for one part of the run, dropped first if an earlier run left it. */
async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: args['database-url'] });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(args['database-url']);
  url.pathname = `/${name}`;
  return url.href;
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: args['database-url'] });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

interface RunningServer {
  url: string;
  pid: number;
  store: ServerStore;
  stop(): Promise<void>;
}

/**
 * The exchange server exactly as `npm run server` starts it (its own process,
 * its info log), on PostgreSQL when `databaseUrl` is given, else on SQLite in
 * `dataDir`. The bench opens the same store for enrollment codes and checks.
 */
async function startExchangeServer(dataDir: string, databaseUrl: string | null, rate?: number): Promise<RunningServer> {
  const port = await freePort();
  const argv = ['--data-dir', dataDir, '--region', SERVER_REGION, '--port', String(port)];
  if (rate !== undefined) argv.push('--rate', String(rate));
  const stderr: string[] = [];
  const child = fork(join(ROOT, 'server', 'main.ts'), argv, {
    env: { ...process.env, DATABASE_URL: databaseUrl ?? '', TONGBAN_SERVER_LOG: 'info' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: process.env.TONGBAN_BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TONGBAN_BENCH_PROFILE}`]
      : [],
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the exchange server exited: ${stderr.join('')}`);
    const ok = await fetch(`${url}/openapi.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 600) throw new Error('the exchange server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const store = databaseUrl ? await PostgresStore.open(databaseUrl) : SqliteStore.open(join(dataDir, 'server.db'));
  return {
    url,
    pid: child.pid!,
    store,
    async stop() {
      await store.close();
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

// ---------------------------------------------------------------- the device and its backlog

/** Scan i's bytes: a JPEG header, then an AES-CTR keystream seeded by i — distinct, incompressible, reproducible. */
function scanBytes(i: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(i, 12);
  iv.writeUInt32BE(SEED, 0);
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 0x5a), iv);
  const body = cipher.update(Buffer.alloc(SCAN_BYTES - 4));
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body]);
}

const DEVICE = {
  name: '彭泽县政务服务中心 03号窗口',
  regionCode: INTAKE_REGION,
  hall: '彭泽县政务服务中心',
  windowNo: '03',
};

async function seedDevice(dataDir: string, rpc: RpcClient): Promise<void> {
  const info = await call(rpc, 'setup.initialize', {
    device: DEVICE,
    admin: { username: 'admin', displayName: '系统管理员', password: 'bench-admin-password' },
  });
  rpc.setSession(info.token);
  const clerk = await call(rpc, 'users.create', {
    username: 'clerk03',
    displayName: '受理员03',
    password: 'bench-password-1',
    roles: ['intake_clerk'],
  });

  // The same services the backend's 'scans.*' and 'intake.submit' run, on a second connection to the same file.
  const { db } = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  const keys = deriveKeys(loadOrCreateKeyFile(keyFilePath(dataDir)));
  const catalog = new CatalogService(db);
  const blobs = new BlobStore(db, dataDir, keys.blobs);
  const intake = new IntakeService(db, keys, catalog, blobs);
  const matters = SEED_CATALOG.matters.filter((m) => m.createsCase);
  const rand = mulberry32(SEED);
  const t0 = performance.now();
  let scan = 0;
  for (let i = 0; i < CASES; i++) {
    const matter = catalog.matter(matters[i % matters.length]!.id)!.matter;
    const submission = makeSubmission(rand, matter, new Date());
    const scans = Array.from({ length: SCANS_PER_CASE }, (_, k) => ({
      sha256: blobs.put(scanBytes(scan++), 'image/jpeg', null),
      materialId: submission.materials[k]?.materialId ?? null,
    }));
    intake.submit({ ...submission, scans }, { userId: clerk.userId, roles: ['intake_clerk'] });
    if ((i + 1) % 2000 === 0) say(`seeded ${fmt(i + 1)} cases (${seconds(t0)} s)`);
  }
  db.close();
}

/** The push bodies the engine sends for this outbox, built the same way (engine.ts wireEvent). */
function pushBodies(dataDir: string, batch: number): string[] {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  const keys = deriveKeys(loadOrCreateKeyFile(keyFilePath(dataDir)));
  const rows = db
    .prepare(
      `SELECT e.event_id, e.case_id, e.type, e.payload_enc, e.actor_user_id, e.actor_role, e.device_id, e.occurred_at,
         e.content_hash
       FROM outbox_events o JOIN case_events e USING (event_id) ORDER BY o.enqueued_at, e.case_id, e.case_seq`,
    )
    .all() as Record<string, string>[];
  db.close();
  const events = rows.map((row) => {
    const payload = JSON.parse(
      decryptText(keys.fields, row.payload_enc!, `case_events.payload:${row.event_id}`),
    ) as unknown;
    return {
      eventId: row.event_id,
      caseId: row.case_id,
      type: row.type,
      payload,
      actor: { userId: row.actor_user_id, role: row.actor_role },
      deviceId: row.device_id,
      occurredAt: row.occurred_at,
      contentHash: row.content_hash,
      blobs: blobsOf(row.type!, payload),
    };
  });
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batch) bodies.push(JSON.stringify({ events: events.slice(i, i + batch) }));
  return bodies;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

interface FloorResult {
  floor_s: number;
  floor_blob_s: number;
  floor_event_s: number;
  floor_bytes: number;
  floor_cpu_s: { client: number; endpoint: number };
}

/** The same scan bytes and push bodies POSTed to the no-op fsyncing endpoint, as the engine sends them. */
/** One keep-alive connection pool for the floor's node:http client, as the engine's RemoteClient has. */
const floorAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });

/** A POST through node:http, the engine's transport: the body handed to the socket as it is. */
function postHttp(port: number, body: Uint8Array | string, contentType: string): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((done, fail) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        method: 'POST',
        agent: floorAgent,
        headers: { 'content-type': contentType, 'content-length': bytes.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', fail);
        response.once('end', () => {
          if (response.statusCode !== 200) return fail(new Error(`the floor endpoint answered ${response.statusCode}`));
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    );
    request.once('error', fail);
    request.end(bytes);
  });
}

/**
 * The floor with one client: `fetch` (as first defined) or node:http (the
 * transport the engine uses since it left fetch). The bench runs both and
 * the fastest counts: the lower floor is the stricter.
 */
async function measureFloor(
  bodies: readonly string[],
  scans: number,
  eventConcurrency: number,
  client: 'fetch' | 'http',
): Promise<FloorResult & { floor_client: 'fetch' | 'http' }> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-floor-'));
  const child = fork(join(import.meta.dirname, 'sync-floor.ts'), [dir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((ready) => child.once('message', (m: { port: number }) => ready(m.port)));
    const post = async (body: Uint8Array | string, contentType: string) => {
      if (client === 'http') return postHttp(port, body, contentType);
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      if (!response.ok) throw new Error(`the floor endpoint answered ${response.status}`);
      await response.json();
    };
    let bytes = 0;
    const t0 = performance.now();
    let blobSeconds = 0;
    const [, cpu] = await cpuDuring(child.pid!, async () => {
      await pool(
        Array.from({ length: scans }, (_, i) => i),
        BLOB_CONCURRENCY,
        async (i) => {
          const body = scanBytes(i);
          bytes += body.length;
          await post(body, 'application/octet-stream');
        },
      );
      blobSeconds = seconds(t0);
      await pool(bodies, eventConcurrency, async (body) => {
        bytes += Buffer.byteLength(body);
        await post(body, 'application/json');
      });
    });
    const floorSeconds = seconds(t0);
    return {
      floor_s: floorSeconds,
      floor_blob_s: blobSeconds,
      floor_event_s: round(floorSeconds - blobSeconds),
      floor_bytes: bytes,
      floor_cpu_s: { client: cpu.device!, endpoint: cpu.server! },
      floor_client: client,
    };
  } finally {
    child.disconnect();
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function drain(): Promise<Record<string, unknown>> {
  const deviceDir = mkdtempSync(join(tmpdir(), 'tongban-bench-device-'));
  const serverDir = mkdtempSync(join(tmpdir(), 'tongban-bench-server-'));
  const databaseUrl = STORE === 'postgres' ? await freshDatabase(args.database) : null;
  const masterKey = loadOrCreateKeyFile(keyFilePath(deviceDir));
  const backend = createBackend({ dataDir: deviceDir, appVersion: 'bench', masterKey });
  const [near, far] = channelPair();
  backend.connect(near);
  const rpc = new RpcClient({ callTimeoutMs: 600_000 });
  rpc.attach(far);
  let stopped = false;
  const stopDevice = (): void => {
    if (stopped) return;
    stopped = true;
    rpc.detach();
    backend.close();
  };
  let server: RunningServer | null = null;
  try {
    say(`seeding the device: ${fmt(CASES)} cases, ${fmt(CASES * SCANS_PER_CASE)} scans of ${fmt(SCAN_BYTES)} bytes`);
    const t0 = performance.now();
    await seedDevice(deviceDir, rpc);
    const seedSeconds = seconds(t0);
    const bodies = pushBodies(deviceDir, 100);
    const events = bodies.reduce((n, body) => n + (JSON.parse(body) as { events: unknown[] }).events.length, 0);
    say(`seeded in ${seedSeconds} s: ${fmt(events)} events in ${bodies.length} pushes`);

    say(`floor: ${fmt(CASES * SCANS_PER_CASE)} scans with ${BLOB_CONCURRENCY} at a time, then the push bodies`);
    const floorRuns: (FloorResult & { floor_client: 'fetch' | 'http' })[] = [];
    const runFloor = async (when: string) => {
      for (const client of ['fetch', 'http'] as const) {
        const run = await measureFloor(bodies, CASES * SCANS_PER_CASE, PUSH_CONCURRENCY, client);
        floorRuns.push(run);
        say(`floor ${when} (${client}): ${run.floor_s} s (scans ${run.floor_blob_s} s, events ${run.floor_event_s} s)`);
      }
    };
    await runFloor('before');

    server = await startExchangeServer(serverDir, databaseUrl, RATE);
    const { code } = await issueEnrollmentCode(server.store, {
      kind: 'intake',
      regionCode: INTAKE_REGION,
      matterIds: [],
    });
    say(`drain: the device enrolls with the exchange server (${STORE}, --rate ${RATE}) and sends its backlog`);
    // Done when the outbox is empty, seen through a second connection: a cheap look, every 10 ms.
    const { db: watch } = openDatabase(join(deviceDir, DATABASE_FILE_NAME));
    const left = watch.prepare(
      'SELECT EXISTS (SELECT 1 FROM outbox_events) OR EXISTS (SELECT 1 FROM outbox_blobs) AS n',
    );
    // How much is left, looked at once a second: a drain that stops moving fails the run instead of hanging it.
    const count = watch.prepare(
      'SELECT (SELECT count(*) FROM outbox_events) + (SELECT count(*) FROM outbox_blobs) AS n',
    );
    const t1 = performance.now();
    const [, drainCpu] = await cpuDuring(server.pid, async () => {
      await call(rpc, 'sync.addRemote', { url: server!.url, code, name: '黄梅县交换服务器' });
      let last = { n: Infinity, at: performance.now(), looked: 0 };
      while ((left.get() as { n: number }).n === 1) {
        const now = performance.now();
        if (now - last.looked >= 1000) {
          const n = (count.get() as { n: number }).n;
          last = n < last.n ? { n, at: now, looked: now } : { ...last, looked: now };
          if (now - last.at > DRAIN_STALL_MS || now - t1 > DRAIN_TIMEOUT_MS) {
            const why = now - t1 > DRAIN_TIMEOUT_MS ? `not done after ${DRAIN_TIMEOUT_MS / 1000} s` : 'stalled';
            const status = await call(rpc, 'sync.status', {});
            throw new Error(`the drain ${why}: ${fmt(n)} outbox rows left; ${JSON.stringify(status)}`);
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    watch.close();
    const drainSeconds = seconds(t1);
    const remote = (await call(rpc, 'sync.status', {})).find((r) => r.regionCode === SERVER_REGION)!;
    const stats = await server.store.stats();
    say(`drain: ${drainSeconds} s; server holds ${fmt(stats.events)} events, ${fmt(stats.blobs)} blobs`);
    say(`drain: CPU seconds ${JSON.stringify(drainCpu)}`);
    if (stats.events !== events || stats.blobs !== CASES * SCANS_PER_CASE || remote.quarantined !== 0) {
      throw new Error(`the drain is incomplete: ${JSON.stringify({ stats, quarantined: remote.quarantined })}`);
    }
    // The floor again, with the device (still pulling its events back) and the server stopped; the
    // faster of the two counts: other work on a shared machine slows either, the lower floor is the stricter.
    stopDevice();
    await server.stop();
    server = null;
    await runFloor('after');
    const floor = floorRuns.reduce((best, run) => (run.floor_s < best.floor_s ? run : best));
    return {
      drain_s: drainSeconds,
      ...floor,
      // Before the drain with fetch, then node:http; after it, the same.
      floor_runs_s: floorRuns.map((run) => run.floor_s),
      floor_runs_client: floorRuns.map((run) => run.floor_client),
      drain_ratio_to_floor: round(drainSeconds / floor.floor_s, 2),
      drain_cases: CASES,
      drain_scans: CASES * SCANS_PER_CASE,
      drain_scan_bytes: SCAN_BYTES,
      drain_events: events,
      drain_pushes: bodies.length,
      drain_store: STORE,
      drain_server_rate_per_s: RATE,
      drain_blob_concurrency: BLOB_CONCURRENCY,
      drain_cpu_s: drainCpu,
      seed_s: seedSeconds,
    };
  } finally {
    stopDevice();
    await server?.stop();
    if (databaseUrl) await dropDatabase(args.database);
    rmSync(deviceDir, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the storm

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Events that are not on the server exactly once. */
async function lostEvents(store: 'postgres' | 'sqlite', where: string, eventIds: string[]): Promise<number> {
  const counts = new Map<string, number>();
  if (store === 'postgres') {
    const client = new pg.Client({ connectionString: where });
    await client.connect();
    try {
      const { rows } = await client.query<{ event_id: string; n: string }>(
        'SELECT event_id, count(*) AS n FROM events WHERE event_id = ANY($1::text[]) GROUP BY event_id',
        [eventIds],
      );
      for (const row of rows) counts.set(row.event_id, Number(row.n));
    } finally {
      await client.end();
    }
  } else {
    const db = new DatabaseSync(where, { readOnly: true });
    try {
      const stmt = db.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?');
      for (const id of eventIds) counts.set(id, (stmt.get(id) as { n: number }).n);
    } finally {
      db.close();
    }
  }
  return eventIds.filter((id) => counts.get(id) !== 1).length;
}

async function storm(store: 'postgres' | 'sqlite'): Promise<Record<string, number | string>> {
  const serverDir = mkdtempSync(join(tmpdir(), 'tongban-bench-storm-'));
  const databaseName = `${args.database}_storm`;
  const databaseUrl = store === 'postgres' ? await freshDatabase(databaseName) : null;
  const server = await startExchangeServer(serverDir, databaseUrl);
  try {
    say(`storm (${store}): enrolling ${fmt(DEVICES)} devices`);
    const devices: { client: RemoteClient; events: WireEvent[] }[] = [];
    for (let d = 0; d < DEVICES; d++) {
      const { code } = await issueEnrollmentCode(server.store, {
        kind: 'intake',
        regionCode: INTAKE_REGION,
        matterIds: [],
      });
      const keys = newKeys();
      const { deviceId } = await enroll(server.url, { code, publicKey: keys.publicKey, deviceName: `窗口 ${d + 1}` });
      const events: WireEvent[] = [];
      while (events.length < EVENTS) {
        const made = newCase();
        events.push(made.received, made.materials);
      }
      devices.push({
        client: new RemoteClient(server.url, deviceId, keys.privateKey),
        events: events.slice(0, EVENTS),
      });
    }
    say(`storm (${store}): ${fmt(DEVICES)} devices push ${EVENTS} events each, all at once`);
    const latencies: number[] = [];
    let failed = 0;
    let refused = 0;
    const t0 = performance.now();
    const [, cpu] = await cpuDuring(server.pid, () =>
      Promise.all(
        devices.map(async ({ client, events }) => {
          const t = performance.now();
          try {
            const results: PushResult[] = await client.push(events);
            refused += results.filter((r) => r.status === 'refused').length;
          } catch {
            failed += 1;
          }
          latencies.push(performance.now() - t);
        }),
      ),
    );
    const wall = (performance.now() - t0) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    const eventIds = devices.flatMap((d) => d.events.map((e) => e.eventId));
    const lost = await lostEvents(store, databaseUrl ?? join(serverDir, 'server.db'), eventIds);
    const result = {
      devices: DEVICES,
      events: eventIds.length,
      lost,
      p50_ms: round(percentile(sorted, 50), 1),
      p99_ms: round(percentile(sorted, 99), 1),
      max_ms: round(sorted.at(-1)!, 1),
      wall_s: round(wall),
      events_per_s: Math.round(eventIds.length / wall),
      failed_requests: failed,
      refused_events: refused,
      // Where the CPU went during the storm: the 500 clients (this process), the server, PostgreSQL.
      cpu_clients_s: cpu.device!,
      cpu_server_s: cpu.server!,
      cpu_postgres_s: cpu.postgres!,
    };
    say(`storm (${store}): ${JSON.stringify(result)}`);
    return result;
  } finally {
    await server.stop();
    if (databaseUrl) await dropDatabase(databaseName);
    rmSync(serverDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- run

async function run(): Promise<number> {
  const loadBefore = loadavg();
  if (ONLY) {
    const part = ONLY === 'drain' ? await drain() : await storm(STORE);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(
      OUT,
      `${JSON.stringify({ only: ONLY, ...part, load_average: { before: loadBefore, after: loadavg() } }, null, 2)}\n`,
    );
    say(`wrote ${OUT} (only ${ONLY}: no verdicts)`);
    return 0;
  }
  const drained = await drain();
  const stormMain = await storm(STORE);
  const stormSqlite = STORE === 'postgres' && !args['no-sqlite-storm'] ? await storm('sqlite') : null;
  const verdicts = {
    drain_ratio_to_floor: {
      value: drained.drain_ratio_to_floor as number,
      target: `<= ${TARGETS.drain_ratio_to_floor}`,
      pass: (drained.drain_ratio_to_floor as number) <= TARGETS.drain_ratio_to_floor,
    },
    storm_lost: { value: stormMain.lost as number, target: '0', pass: stormMain.lost === 0 },
    storm_p99_ms: {
      value: stormMain.p99_ms as number,
      target: `< ${TARGETS.storm_p99_ms}`,
      pass: (stormMain.p99_ms as number) < TARGETS.storm_p99_ms,
    },
  };
  const report = {
    ...drained,
    storm_devices: stormMain.devices,
    storm_events: stormMain.events,
    storm_lost: stormMain.lost,
    storm_p99_ms: stormMain.p99_ms,
    storm_p50_ms: stormMain.p50_ms,
    storm_max_ms: stormMain.max_ms,
    storm_wall_s: stormMain.wall_s,
    storm_events_per_s: stormMain.events_per_s,
    storm_failed_requests: stormMain.failed_requests,
    storm_refused_events: stormMain.refused_events,
    storm_cpu_s: {
      clients: stormMain.cpu_clients_s,
      server: stormMain.cpu_server_s,
      postgres: stormMain.cpu_postgres_s,
    },
    storm_store: STORE,
    ...(stormSqlite
      ? {
          storm_sqlite_lost: stormSqlite.lost,
          storm_sqlite_p99_ms: stormSqlite.p99_ms,
          storm_sqlite_p50_ms: stormSqlite.p50_ms,
          storm_sqlite_wall_s: stormSqlite.wall_s,
          storm_sqlite_events_per_s: stormSqlite.events_per_s,
          storm_sqlite_failed_requests: stormSqlite.failed_requests,
        }
      : {}),
    node: process.version,
    cpu: { model: cpus()[0]?.model ?? 'unknown', count: cpus().length },
    date: new Date().toISOString(),
    quick: args.quick,
    targets: verdicts,
    // Other work on the machine shows up in the times; this says how busy it was.
    load_average: { before: loadBefore, after: loadavg() },
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  say(`wrote ${OUT}`);
  let missed = 0;
  for (const [name, verdict] of Object.entries(verdicts)) {
    console.log(`  ${verdict.pass ? 'PASS' : 'FAIL'}  ${name} ${verdict.value} (target ${verdict.target})`);
    if (!verdict.pass) missed++;
  }
  return missed > 0 ? 1 : 0;
}

process.exitCode = await run();
