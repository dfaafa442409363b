// The drain: a real device with a backlog (device.ts) enrolls with the real
// exchange server through 'sync.addRemote'; drain_s is the time from that call
// until its outbox is empty, checked afterwards on the server. The floor
// (floor.ts) runs before and after it, and the fastest of its runs counts;
// PouchDB (pouchdb.ts) carries the same cases and scans after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { keyFilePath, loadOrCreateKeyFile } from '../../electron/backend/crypto/keys.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { BLOB_CONCURRENCY } from '../../electron/backend/sync/blob-transfer.ts';
import { PUSH_CONCURRENCY } from '../../electron/backend/sync/push.ts';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { call, RpcClient } from '../../shared/rpc/client.ts';
import { INTAKE_REGION, SERVER_REGION } from '../support/exchange-samples.ts';
import { channelPair } from '../support/frame-channels.ts';
import { fmt } from '../support/progress.ts';
import { round, secondsSince } from '../support/timing.ts';
import { pushBodies, seedDevice } from './device.ts';
import { scanBytes } from './scan-bytes.ts';
import { dropDatabase, freshDatabase, startExchangeServer, type RunningServer } from './exchange-server.ts';
import { measureFloor, type FloorResult } from './floor.ts';
import { pouchDbDrain } from './pouchdb.ts';
import type { SyncOptions } from './options.ts';
import { cpuDuring } from './processes.ts';
import { say } from './say.ts';

export async function drain(options: SyncOptions): Promise<Record<string, unknown>> {
  const { cases, scansPerCase, rate, store } = options;
  const deviceDir = mkdtempSync(join(tmpdir(), 'tongban-bench-device-'));
  const serverDir = mkdtempSync(join(tmpdir(), 'tongban-bench-server-'));
  const databaseUrl = store === 'postgres' ? await freshDatabase(options.databaseUrl, options.database) : null;
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
    say(
      `seeding the device: ${fmt(cases)} cases, ${fmt(cases * scansPerCase)} scans of ${fmt(options.scanBytes)} bytes`,
    );
    const t0 = performance.now();
    await seedDevice(deviceDir, rpc, options);
    const seedSeconds = secondsSince(t0);
    const bodies = pushBodies(deviceDir, 100);
    const events = bodies.reduce((n, body) => n + (JSON.parse(body) as { events: unknown[] }).events.length, 0);
    say(`seeded in ${seedSeconds} s: ${fmt(events)} events in ${bodies.length} pushes`);

    say(`floor: ${fmt(cases * scansPerCase)} scans with ${BLOB_CONCURRENCY} at a time, then the push bodies`);
    const floorRuns: (FloorResult & { floor_client: 'fetch' | 'http' })[] = [];
    const runFloor = async (when: string) => {
      for (const client of ['fetch', 'http'] as const) {
        const run = await measureFloor(bodies, cases * scansPerCase, PUSH_CONCURRENCY, client, (i) =>
          scanBytes(i, options.seed, options.scanBytes),
        );
        floorRuns.push(run);
        say(`floor ${when} (${client}): ${run.floor_s} s (scans ${run.floor_blob_s} s, events ${run.floor_event_s} s)`);
      }
    };
    if (options.floor) await runFloor('before');

    server = await startExchangeServer(serverDir, databaseUrl, rate, options.blobStore);
    const { code } = await issueEnrollmentCode(server.store, {
      kind: 'intake',
      regionCode: INTAKE_REGION,
      matterIds: [],
    });
    say(
      `drain: the device enrolls with the exchange server (${store}, blobs in ${options.blobStore}, --rate ${rate}) and sends its backlog`,
    );
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
      await call(rpc, 'sync.addRemote', {
        url: server!.url,
        code,
        fingerprint: server!.fingerprint,
        name: '黄梅县交换服务器',
      });
      let last = { n: Infinity, at: performance.now(), looked: 0 };
      while ((left.get() as { n: number }).n === 1) {
        const now = performance.now();
        if (now - last.looked >= 1000) {
          const n = (count.get() as { n: number }).n;
          last = n < last.n ? { n, at: now, looked: now } : { ...last, looked: now };
          if (now - last.at > options.drainStallMs || now - t1 > options.drainTimeoutMs) {
            const why =
              now - t1 > options.drainTimeoutMs ? `not done after ${options.drainTimeoutMs / 1000} s` : 'stalled';
            const status = await call(rpc, 'sync.status', {});
            throw new Error(`the drain ${why}: ${fmt(n)} outbox rows left; ${JSON.stringify(status)}`);
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    watch.close();
    const drainSeconds = secondsSince(t1);
    const remote = (await call(rpc, 'sync.status', {})).find((r) => r.regionCode === SERVER_REGION)!;
    const stats = await server.store.stats();
    say(`drain: ${drainSeconds} s; server holds ${fmt(stats.events)} events, ${fmt(stats.blobs)} blobs`);
    say(`drain: CPU seconds ${JSON.stringify(drainCpu)}`);
    if (stats.events !== events || stats.blobs !== cases * scansPerCase || remote.quarantined !== 0) {
      throw new Error(`the drain is incomplete: ${JSON.stringify({ stats, quarantined: remote.quarantined })}`);
    }
    // The floor again, with the device (still pulling its events back) and the server stopped; the
    // faster of the two counts: other work on a shared machine slows either, the lower floor is the stricter.
    stopDevice();
    await server.stop();
    server = null;
    if (options.floor) await runFloor('after');
    const floor =
      floorRuns.length > 0 ? floorRuns.reduce((best, run) => (run.floor_s < best.floor_s ? run : best)) : null;
    const pouchdb = options.pouchdb
      ? await pouchDbDrain(bodies, options)
      : { pouchdb_s: null, pouchdb_error: 'not run (--no-pouchdb)' };
    return {
      drain_s: drainSeconds,
      ...floor,
      // Before the drain with fetch, then node:http; after it, the same.
      floor_runs_s: floorRuns.map((run) => run.floor_s),
      floor_runs_client: floorRuns.map((run) => run.floor_client),
      drain_ratio_to_floor: floor ? round(drainSeconds / floor.floor_s, 2) : null,
      ...pouchdb,
      drain_ratio_to_pouchdb: pouchdb.pouchdb_s ? round(drainSeconds / pouchdb.pouchdb_s, 2) : null,
      // The server's CPU while the drain ran, per scan: the events' pushes are in it too, a small share.
      drain_server_cpu_ms_per_blob: round((drainCpu.server! * 1000) / (cases * scansPerCase), 3),
      drain_cases: cases,
      drain_scans: cases * scansPerCase,
      drain_scan_bytes: options.scanBytes,
      drain_events: events,
      drain_pushes: bodies.length,
      drain_store: store,
      drain_blob_store: options.blobStore,
      drain_server_rate_per_s: rate,
      drain_blob_concurrency: BLOB_CONCURRENCY,
      drain_cpu_s: drainCpu,
      seed_s: seedSeconds,
    };
  } finally {
    stopDevice();
    await server?.stop();
    if (databaseUrl) await dropDatabase(options.databaseUrl, options.database);
    rmSync(deviceDir, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  }
}
