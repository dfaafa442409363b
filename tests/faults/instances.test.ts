// Seeded fault schedules against region 421127's exchange server run as two
// instances — real `node server/main.ts` processes on one PostgreSQL schema
// and one data folder (its blob folder, data key and TLS key shared) — with
// two intake windows spread over them behind fault proxies: window 1's proxy
// goes to instance A, window 2's balances its connections over B and A in
// turn, as a load balancer does (a retry or a duplicated request may land on
// the other instance). Each schedule takes cases in at both windows with
// network faults on and off and kills -9 an instance or both, restarting each
// after a while; then it settles (faults off, both up, every window's outbox
// drained and its pulls complete) and checks the invariants of sync
// (invariants.ts) for each window: every event on the server exactly once,
// every scan there and verified, nothing left over, nothing doubled. The
// processes and their data live across schedules, so each schedule re-checks
// everything earlier ones left behind.
//
// Only in the PostgreSQL fault run (TONGBAN_TEST_STORE=postgres): several
// instances need PostgreSQL, and the SQLite run would only repeat them.
// TONGBAN_INSTANCE_FAULT_SEED=<n> fixes the base seed (schedule i runs seed n + i);
// TONGBAN_INSTANCE_FAULT_SCHEDULES=<k> runs k schedules instead of 12.
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { PostgresStore } from '../../server/storage/postgres.ts';
import { INSTANCES_SKIPPED, postgresTestSchema, TEST_STORE } from '../support/server.ts';
import {
  describeInstanceSchedule,
  INSTANCE_NAMES,
  planInstanceSchedule,
  type InstanceName,
  type InstanceSchedule,
  type InstanceStep,
} from './instance-schedule.ts';
import { postgresTables, violations, type ServerTables } from './invariants.ts';
import { DeviceProcess } from './processes.ts';
import { FaultProxy, type ProxiedRequest } from './proxy.ts';
import { rng, type Trigger } from './schedule.ts';
import { freePort, ServerProcess } from './server-process.ts';
import { envInteger, expectKilled, settleWindow, submitCase } from './window.ts';

const SKIPPED =
  INSTANCES_SKIPPED ??
  (TEST_STORE === 'postgres'
    ? null
    : 'they run in the PostgreSQL fault run (TONGBAN_TEST_STORE=postgres), several instances needing PostgreSQL');
if (SKIPPED) console.log(`Fault schedules over two server instances skipped: ${SKIPPED}`);

const BASE_SEED = envInteger('TONGBAN_INSTANCE_FAULT_SEED', randomInt(2 ** 32), 2 ** 32 - 1);
const SCHEDULES = envInteger('TONGBAN_INSTANCE_FAULT_SCHEDULES', 12, 100_000);
/** Set here as well as in the config, so the file keeps them under any config. */
const SCHEDULE_TIMEOUT_MS = 90_000;
const WINDOWS = 2;
const REPLAY =
  'TONGBAN_TEST_STORE=postgres npx vitest run --config tests/faults/vitest.config.ts tests/faults/instances';

const isPush = (r: ProxiedRequest): boolean => r.method === 'POST' && r.path === '/v1/events';
const isBlob = (r: ProxiedRequest): boolean => r.method === 'PUT' && r.path.startsWith('/v1/blobs/');

(SKIPPED ? describe.skip : describe)(`fault schedules over two instances: ${SCHEDULES} from seed ${BASE_SEED}`, () => {
  const dirs: string[] = [];
  let dropSchema: (() => Promise<void>) | undefined;
  const servers = {} as Record<InstanceName, ServerProcess>;
  let tables: ServerTables;
  const proxies: FaultProxy[] = [];
  const windows: DeviceProcess[] = [];
  const verifiedBlobs = new Set<string>();
  const tally = { cases: 0, scans: 0, kills: { A: 0, B: 0, both: 0 }, settled: 0, settleMs: 0 };
  let failed = false;
  let started = 0;

  beforeAll(async () => {
    console.log(
      `fault schedules over two instances: base seed ${BASE_SEED}, ${SCHEDULES} schedules ` +
        `(TONGBAN_INSTANCE_FAULT_SEED=${BASE_SEED} TONGBAN_INSTANCE_FAULT_SCHEDULES=${SCHEDULES} ${REPLAY} replays this run)`,
    );
    started = Date.now();
    const serverDir = mkdtempSync(join(tmpdir(), 'tongban-instances-server-'));
    dirs.push(serverDir);
    const schema = await postgresTestSchema();
    dropSchema = schema.drop;
    // Each on a port of its own, kept across its restarts; the first start makes the keys, the second reads them.
    for (const name of INSTANCE_NAMES) {
      servers[name] = new ServerProcess(serverDir, await freePort(), {
        DATABASE_URL: schema.url,
        TONGBAN_BLOB_STORE: 'folder',
      });
      await servers[name].start();
    }
    tables = await postgresTables(schema.url);
    const identity = servers.A.identity();
    const at = (name: InstanceName) => ({ host: '127.0.0.1', port: servers[name].port });
    proxies.push(await FaultProxy.start(at('A'), identity), await FaultProxy.start([at('B'), at('A')], identity));
    const store = await PostgresStore.open(schema.url);
    const codes: string[] = [];
    try {
      for (let i = 0; i < WINDOWS; i++) {
        codes.push((await issueEnrollmentCode(store, { kind: 'intake', regionCode: '360430', matterIds: [] })).code);
      }
    } finally {
      await store.close();
    }
    for (const [i, proxy] of proxies.entries()) {
      const dir = mkdtempSync(join(tmpdir(), `tongban-instances-window${i + 1}-`));
      dirs.push(dir);
      windows.push(
        await DeviceProcess.create(dir, { url: proxy.url, code: codes[i]!, fingerprint: identity.fingerprint }),
      );
    }
  }, SCHEDULE_TIMEOUT_MS);

  afterAll(async () => {
    if (proxies.length > 0) {
      const answered = INSTANCE_NAMES.map((name) => `${name} ${JSON.stringify(servers[name].answered)}`);
      const faults = proxies.map((proxy, i) => `window ${i + 1}: ${JSON.stringify(Object.fromEntries(proxy.counts))}`);
      console.log(
        `fault schedules over two instances: ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `${tally.cases} cases (${tally.scans} scans); kill -9s: ${tally.kills.A} of A alone, ` +
          `${tally.kills.B} of B alone, ${tally.kills.both} of both; pushed events each answered: ` +
          `${answered.join(', ')}; requests through the proxies: ${faults.join('; ')}; ` +
          `mean settle ${(tally.settleMs / Math.max(1, tally.settled)).toFixed(0)} ms`,
      );
    }
    for (const window of windows) await window.stop();
    for (const server of Object.values(servers)) await server.kill();
    for (const proxy of proxies) await proxy.close();
    await tables?.close();
    await dropSchema?.();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, SCHEDULE_TIMEOUT_MS);

  /** Once the trigger's time has passed, or either proxy has seen its moment. */
  async function when(trigger: Trigger): Promise<void> {
    if (trigger.on === 'time') return void (await sleep(trigger.ms));
    const match = trigger.on === 'blob' ? isBlob : isPush;
    const phase = trigger.on === 'push-answer' ? 'response' : 'request';
    await Promise.race(proxies.map((proxy) => proxy.waitFor(phase, match, trigger.withinMs)));
  }

  async function killInstances(step: Extract<InstanceStep, { kind: 'kill-instances' }>): Promise<void> {
    await when(step.trigger);
    const killed = step.instances.map((name) => servers[name]);
    await Promise.all(killed.map((server) => server.kill()));
    tally.kills[step.instances.length > 1 ? 'both' : step.instances[0]!] += 1;
    await sleep(step.downMs);
    await Promise.all(killed.map((server) => server.start()));
  }

  /** The steps in order; the kills in the background, one after the other. Resolves when all are done. */
  async function run(schedule: InstanceSchedule): Promise<void> {
    const random = rng(schedule.proxySeed);
    let kills = Promise.resolve();
    try {
      for (const step of schedule.steps) {
        switch (step.kind) {
          case 'submit': {
            const { scanned, submitted } = await submitCase(windows[step.window]!, step.scan);
            if (scanned) tally.scans += 1;
            if (submitted) tally.cases += 1;
            break;
          }
          case 'faults':
            for (const proxy of proxies) proxy.setFaults(step.settings, random);
            break;
          case 'pause':
            await sleep(step.ms);
            break;
          case 'sync-now': {
            const pressed = await windows[step.window]!.call('sync.now', {});
            if (!pressed.ok) expectKilled(pressed.error);
            break;
          }
          case 'kill-instances':
            kills = kills.then(() => killInstances(step));
            break;
        }
      }
    } finally {
      await kills;
    }
  }

  function report(index: number, schedule: InstanceSchedule, error: unknown): Error {
    const seed = schedule.seed;
    return new Error(
      [
        `Fault schedule ${index + 1} of ${SCHEDULES} over two instances (seed ${seed}, base seed ${BASE_SEED}) ` +
          `failed: ${(error as Error).message}`,
        `Replay it alone: TONGBAN_INSTANCE_FAULT_SEED=${seed} TONGBAN_INSTANCE_FAULT_SCHEDULES=1 ${REPLAY}`,
        `(the plan replays; timing and what earlier schedules left behind do not — if it passes alone, replay the run:`,
        ` TONGBAN_INSTANCE_FAULT_SEED=${BASE_SEED} TONGBAN_INSTANCE_FAULT_SCHEDULES=${index + 1} ${REPLAY})`,
        'The schedule:',
        describeInstanceSchedule(schedule),
        ...proxies.map((proxy, i) => `Proxy of window ${i + 1}: ${JSON.stringify(Object.fromEntries(proxy.counts))}`),
        ...INSTANCE_NAMES.map((name) => `Instance ${name} log (tail):\n${servers[name].logs()}`),
        ...windows.map((window, i) => `Window ${i + 1} log (tail):\n${window.logs()}`),
      ].join('\n'),
      { cause: error },
    );
  }

  for (let index = 0; index < SCHEDULES; index++) {
    const seed = (BASE_SEED + index) >>> 0;
    it(
      `schedule ${index + 1}, seed ${seed}`,
      async (context) => {
        // One failure leaves state the later schedules would only trip over.
        if (failed) context.skip();
        const schedule = planInstanceSchedule(seed, WINDOWS);
        try {
          await run(schedule);
          for (const proxy of proxies) proxy.setFaults(null);
          const found = new Set<string>();
          for (const [i, window] of windows.entries()) {
            const begun = Date.now();
            const state = await settleWindow(window).catch((error: Error) => {
              throw new Error(`window ${i + 1}: ${error.message}`, { cause: error });
            });
            tally.settled += 1;
            tally.settleMs += Date.now() - begun;
            for (const line of await violations(state, { tables, dataDir: servers.A.dataDir }, verifiedBlobs)) {
              found.add(`window ${i + 1}: ${line}`);
            }
          }
          for (const name of INSTANCE_NAMES) {
            for (const line of servers[name].errors.splice(0)) found.add(`instance ${name} logged an error: ${line}`);
          }
          // Such a connection is a plain pipe, so faults would silently stop reaching the device.
          if (proxies.some((proxy) => proxy.counts.has('unframed')))
            found.add('a window sent a request without Content-Length');
          if (found.size > 0) throw new Error(`invariants broken:\n  ${[...found].slice(0, 20).join('\n  ')}`);
        } catch (error) {
          failed = true;
          throw report(index, schedule, error);
        }
      },
      SCHEDULE_TIMEOUT_MS,
    );
  }
});
