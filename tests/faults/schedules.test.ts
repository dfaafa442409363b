// Seeded random fault schedules between a real device backend and a real
// exchange server, each a child process, with the fault proxy between them.
// Each schedule submits a few cases and meanwhile turns network faults on and
// off and kills either process with -9; then it settles (faults off, both up,
// sync now, the outbox drained) and checks the invariants of sync
// (invariants.ts: every event on the server exactly once, every scan there and
// verified, the outbox empty, both sides agreeing) in the device's SQLite file
// and the server's store (SQLite, or PostgreSQL with TONGBAN_TEST_STORE=postgres
// as the server's own tests take it). The processes and their data live across
// schedules — a restart is something a schedule does, not set-up — so every
// schedule also re-checks everything earlier ones left behind.
//
// TONGBAN_FAULT_SEED=<n> fixes the base seed (schedule i runs seed n + i);
// TONGBAN_FAULT_SCHEDULES=<k> runs k schedules instead of 200.
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { TEST_STORE, testStoreSite, type TestStoreSite } from '../support/server.ts';
import { postgresTables, sqliteTables, violations, type ServerTables } from './invariants.ts';
import { DeviceProcess } from './processes.ts';
import { freePort, ServerProcess } from './server-process.ts';
import { FaultProxy, type ProxiedRequest } from './proxy.ts';
import { describeSchedule, planSchedule, rng, type Schedule, type ScanKind, type Trigger } from './schedule.ts';
import { envInteger, expectKilled, settleWindow, submitCase } from './window.ts';

const BASE_SEED = envInteger('TONGBAN_FAULT_SEED', randomInt(2 ** 32), 2 ** 32 - 1);
const SCHEDULES = envInteger('TONGBAN_FAULT_SCHEDULES', 200, 100_000);
/** Set here as well as in the config, so the file keeps them under any config. */
const SCHEDULE_TIMEOUT_MS = 90_000;

const seedOf = (index: number): number => (BASE_SEED + index) >>> 0;

const isPush = (r: ProxiedRequest): boolean => r.method === 'POST' && r.path === '/v1/events';
const isBlob = (r: ProxiedRequest): boolean => r.method === 'PUT' && r.path.startsWith('/v1/blobs/');

describe(`fault schedules: ${SCHEDULES} from seed ${BASE_SEED}`, () => {
  const dirs: string[] = [];
  let site: TestStoreSite;
  let server: ServerProcess;
  let tables: ServerTables;
  let proxy: FaultProxy;
  let device: DeviceProcess;
  const verifiedBlobs = new Set<string>();
  const tally = { cases: 0, scans: 0, serverKills: 0, deviceKills: 0, settled: 0, settleMs: 0 };
  let failed = false;
  let started = 0;

  beforeAll(async () => {
    console.log(
      `fault schedules: base seed ${BASE_SEED}, ${SCHEDULES} schedules against ${TEST_STORE} ` +
        `(TONGBAN_FAULT_SEED=${BASE_SEED} TONGBAN_FAULT_SCHEDULES=${SCHEDULES} replays this run)`,
    );
    started = Date.now();
    const serverDir = mkdtempSync(join(tmpdir(), 'tongban-faults-server-'));
    const deviceDir = mkdtempSync(join(tmpdir(), 'tongban-faults-device-'));
    dirs.push(serverDir, deviceDir);
    // The embedded SQLite file in the data folder, or a fresh PostgreSQL schema with TONGBAN_TEST_STORE=postgres.
    site = await testStoreSite(serverDir);
    server = new ServerProcess(serverDir, await freePort(), site.env);
    await server.start();
    tables =
      TEST_STORE === 'postgres'
        ? await postgresTables(site.env.DATABASE_URL!)
        : sqliteTables(join(serverDir, 'server.db'));
    // The link holds the server's own certificate and key, as a TLS-terminating load balancer would: the pin holds.
    const identity = server.identity();
    proxy = await FaultProxy.start({ host: '127.0.0.1', port: server.port }, identity);
    // The admin CLI's way: straight on the store, beside the running server.
    const store = await site.open();
    const { code } = await issueEnrollmentCode(store, { kind: 'intake', regionCode: '360430', matterIds: [] });
    await store.close();
    device = await DeviceProcess.create(deviceDir, { url: proxy.url, code, fingerprint: identity.fingerprint });
  }, SCHEDULE_TIMEOUT_MS);

  afterAll(async () => {
    if (proxy) {
      const faults = [...proxy.counts].map(([key, n]) => `${key} ${n}`);
      console.log(
        `fault schedules: ${((Date.now() - started) / 1000).toFixed(1)} s; ${tally.cases} cases (${tally.scans} scans); ` +
          `${tally.serverKills} server and ${tally.deviceKills} device kill -9s; requests through the proxy: ` +
          `${faults.join(', ')}; pushed events the server answered: ${JSON.stringify(server.answered)}; ` +
          `mean settle ${(tally.settleMs / Math.max(1, tally.settled)).toFixed(0)} ms`,
      );
    }
    await device?.stop();
    await server?.kill();
    await proxy?.close();
    await tables?.close();
    await site?.remove();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, SCHEDULE_TIMEOUT_MS);

  async function submit(scan: ScanKind): Promise<void> {
    const { scanned, submitted } = await submitCase(device, scan);
    if (scanned) tally.scans += 1;
    if (submitted) tally.cases += 1;
  }

  async function when(trigger: Trigger): Promise<void> {
    if (trigger.on === 'time') return void (await sleep(trigger.ms));
    const match = trigger.on === 'blob' ? isBlob : isPush;
    await proxy.waitFor(trigger.on === 'push-answer' ? 'response' : 'request', match, trigger.withinMs);
  }

  async function killServer(trigger: Trigger, downMs: number): Promise<void> {
    await when(trigger);
    await server.kill();
    tally.serverKills += 1;
    await sleep(downMs);
    await server.start();
  }

  async function killDevice(trigger: Trigger): Promise<void> {
    await when(trigger);
    tally.deviceKills += 1;
    await device.killAndRestart();
  }

  async function run(schedule: Schedule, background: Promise<void>[]): Promise<void> {
    const random = rng(schedule.proxySeed);
    for (const step of schedule.steps) {
      switch (step.kind) {
        case 'submit':
          await submit(step.scan);
          break;
        case 'faults':
          proxy.setFaults(step.settings, random);
          break;
        case 'pause':
          await sleep(step.ms);
          break;
        case 'sync-now': {
          const pressed = await device.call('sync.now', {});
          if (!pressed.ok) expectKilled(pressed.error);
          break;
        }
        case 'kill-server':
          background.push(killServer(step.trigger, step.downMs));
          break;
        case 'kill-device':
          background.push(killDevice(step.trigger));
          break;
      }
    }
  }

  /** Faults off, both processes up, then the device settles (window.ts). */
  async function settle() {
    proxy.setFaults(null);
    const begun = Date.now();
    const state = await settleWindow(device);
    tally.settled += 1;
    tally.settleMs += Date.now() - begun;
    return state;
  }

  function report(index: number, schedule: Schedule, error: unknown): Error {
    const seed = schedule.seed;
    return new Error(
      [
        `Fault schedule ${index + 1} of ${SCHEDULES} (seed ${seed}, base seed ${BASE_SEED}) failed: ${(error as Error).message}`,
        `Replay it alone: TONGBAN_FAULT_SEED=${seed} TONGBAN_FAULT_SCHEDULES=1 npx vitest run --config tests/faults/vitest.config.ts`,
        `(the plan replays; timing and what earlier schedules left behind do not — if it passes alone, replay the run:`,
        ` TONGBAN_FAULT_SEED=${BASE_SEED} TONGBAN_FAULT_SCHEDULES=${index + 1} npx vitest run --config tests/faults/vitest.config.ts)`,
        'The schedule:',
        describeSchedule(schedule),
        `Proxy: ${JSON.stringify(Object.fromEntries(proxy.counts))}`,
        `Server log (tail):\n${server.logs()}`,
        `Device log (tail):\n${device.logs()}`,
      ].join('\n'),
      { cause: error },
    );
  }

  for (let index = 0; index < SCHEDULES; index++) {
    const seed = seedOf(index);
    it(
      `schedule ${index + 1}, seed ${seed}`,
      async (context) => {
        // One failure leaves state the later schedules would only trip over.
        if (failed) context.skip();
        const schedule = planSchedule(seed);
        const background: Promise<void>[] = [];
        try {
          try {
            await run(schedule, background);
          } finally {
            await Promise.all(background);
          }
          const state = await settle();
          const found = await violations(state, { tables, dataDir: server.dataDir }, verifiedBlobs);
          found.push(...server.errors.splice(0).map((line) => `the server logged an error: ${line}`));
          // Such a connection is a plain pipe, so faults would silently stop reaching the device.
          if (proxy.counts.has('unframed')) found.push('the device sent a request without Content-Length');
          if (found.length > 0) throw new Error(`invariants broken:\n  ${found.slice(0, 20).join('\n  ')}`);
        } catch (error) {
          failed = true;
          throw report(index, schedule, error);
        }
      },
      SCHEDULE_TIMEOUT_MS,
    );
  }
});
