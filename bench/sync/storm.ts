// The storm: many windows reconnecting to their exchange server. Each device is
// enrolled over HTTP with its own one-time code and Ed25519 key; then, per
// storm, each pushes its events in one signed request over a connection of its
// own (a new TCP and TLS connection, as a window that just came back has).
// Three storms on one server and its devices:
//
// - spread: each device arrives at a moment drawn from a seeded PRNG, uniform
//   over the spread (10 s); its latency runs from ITS moment to the answer,
//   checked and read. `storm_p99_ms`, `storm_p50_ms`, `storm_lost`.
// - saturation: all at once; `storm_events_per_server_cpu_s` is the events
//   accepted per CPU second of the server process, and `storm_sat_*`.
// - two instances (PostgreSQL): a second `node server/main.ts` on the same
//   database and data folder, devices alternating between the two, at the
//   spread storm's moments. `storm_two_instances_p99_ms`, `…_lost`.
//
// A saturation storm that misses its target is run again against a server
// under `--cpu-prof` (once to warm it, once to read), and the breakdown of its
// CPU during that storm is written beside the numbers (the profiler's own cost
// stays out of the measured run).
// The load generator is kept light: every event and every request is signed
// before the clock starts, and its own CPU is measured beside the server's.
import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { enroll } from '../../electron/backend/sync/remote-client.ts';
import { pinFromStored, verifyAnswer, type ServerPin } from '../../electron/backend/sync/server-trust.ts';
import { signedHeaders } from '../../electron/backend/sync/signing.ts';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { signEventHash } from '../../shared-node/event-signature.ts';
import { PROTOCOL_PREFIX, SIGNATURE_HEADERS, type PushResult, type WireEvent } from '../../shared/sync/protocol.ts';
import { mulberry32 } from '../generate/people.ts';
import { INTAKE_REGION, newCase, newKeys } from '../support/exchange-samples.ts';
import { fmt } from '../support/progress.ts';
import { percentile, round } from '../support/timing.ts';
import { dropDatabase, freshDatabase, startExchangeServer, type RunningServer } from './exchange-server.ts';
import type { SyncOptions } from './options.ts';
import { postgresCpu, processCpu } from './processes.ts';
import { say } from './say.ts';
import { breakdown, monotonicMicros, readProfile, type CpuBreakdown } from './server-profile.ts';

export const STORM_TARGETS = { storm_p99_ms: 250, storm_events_per_server_cpu_s: 20_000 } as const;

type Store = 'postgres' | 'sqlite';

interface Device {
  deviceId: string;
  privateKey: ReturnType<typeof newKeys>['privateKey'];
}

/** One device's push, signed before the clock starts. */
interface SignedPush {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  eventIds: string[];
}

interface StormRun {
  latencies: number[];
  /** How late the client started a device's push after its moment: the load generator falling behind. */
  lags: number[];
  failed: number;
  accepted: number;
  refused: number;
  wallS: number;
  cpu: { clients: number; servers: number[]; postgres: number };
}

/** Events that are not on the server exactly once. */
async function lostEvents(store: Store, where: string, eventIds: string[]): Promise<number> {
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

/** The devices, and the server key their enrollment answers were signed with (what they pin). */
async function enrollDevices(server: RunningServer, count: number): Promise<{ devices: Device[]; pin: ServerPin }> {
  const devices: Device[] = [];
  let serverKey = '';
  for (let d = 0; d < count; d++) {
    const { code } = await issueEnrollmentCode(server.store, {
      kind: 'intake',
      regionCode: INTAKE_REGION,
      matterIds: [],
    });
    const keys = newKeys();
    const { enrolled, serverPublicKey } = await enroll(server.url, server.fingerprint, {
      code,
      publicKey: keys.publicKey,
      deviceName: `窗口 ${d + 1}`,
    });
    devices.push({ deviceId: enrolled.deviceId, privateKey: keys.privateKey });
    serverKey = serverPublicKey;
  }
  return { devices, pin: pinFromStored(server.fingerprint, serverKey) };
}

/** Each device's next `events` events (new cases), signed by it as a window signs them, in one signed push. */
function signPushes(devices: Device[], events: number, urlOf: (device: number) => string): SignedPush[] {
  const path = `${PROTOCOL_PREFIX}/events`;
  return devices.map(({ deviceId, privateKey }, d) => {
    const made: WireEvent[] = [];
    while (made.length < events) {
      const { received, materials } = newCase();
      for (const event of [received, materials]) {
        made.push({ ...event, signature: signEventHash(privateKey, event.contentHash) } as WireEvent);
      }
    }
    const text = JSON.stringify({ events: made.slice(0, events) });
    return {
      url: `${urlOf(d)}${path}`,
      headers: {
        ...signedHeaders(privateKey, deviceId, 'POST', path, text),
        'content-type': 'application/json',
      },
      body: Buffer.from(text),
      eventIds: made.slice(0, events).map((event) => event.eventId),
    };
  });
}

/**
 * One push over a new connection; its results once the answer's signature checked out against the
 * pinned server key. That check is what trusts the answer, so the certificate is not checked a second
 * time against itself (a device pins the key, not the certificate): one signature fewer per device.
 */
function send(push: SignedPush, pin: ServerPin): Promise<PushResult[]> {
  return new Promise((resolve, reject) => {
    const request = https.request(push.url, {
      method: 'POST',
      headers: { ...push.headers, 'content-length': push.body.length },
      // No keep-alive pool: every device brings a connection of its own.
      agent: false,
      rejectUnauthorized: false,
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        try {
          const body = Buffer.concat(chunks);
          const status = response.statusCode ?? 0;
          verifyAnswer({ status, body, headers: response.headers }, push.headers[SIGNATURE_HEADERS.nonce]!, pin);
          if (status !== 200) throw new Error(`the push answered ${status}`);
          const { results } = JSON.parse(body.toString('utf8')) as { results: PushResult[] };
          if (results.length !== push.eventIds.length) throw new Error('the push was answered for other events');
          resolve(results);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    request.end(push.body);
  });
}

/** Every push started at its moment (ms after the start), the CPU of this process, the servers and PostgreSQL. */
async function run(pushes: SignedPush[], moments: number[], serverPids: number[], pin: ServerPin): Promise<StormRun> {
  const outcome: StormRun = {
    latencies: [],
    lags: [],
    failed: 0,
    accepted: 0,
    refused: 0,
    wallS: 0,
    cpu: { clients: 0, servers: [], postgres: 0 },
  };
  const before = { clients: process.cpuUsage(), servers: serverPids.map((pid) => processCpu(pid)), pg: postgresCpu() };
  const t0 = performance.now();
  const one = async (push: SignedPush, moment: number): Promise<void> => {
    const due = t0 + moment;
    outcome.lags.push(performance.now() - due);
    try {
      for (const result of await send(push, pin)) {
        if (result.status === 'accepted') outcome.accepted += 1;
        else if (result.status === 'refused') outcome.refused += 1;
      }
    } catch {
      outcome.failed += 1;
    }
    outcome.latencies.push(performance.now() - due);
  };
  await Promise.all(
    pushes.map((push, i) => {
      const moment = moments[i]!;
      if (moment <= 0) return one(push, 0);
      return new Promise<void>((done) => setTimeout(() => void one(push, moment).then(done), moment));
    }),
  );
  outcome.wallS = round((performance.now() - t0) / 1000);
  const clients = process.cpuUsage(before.clients);
  outcome.cpu = {
    clients: round((clients.user + clients.system) / 1e6, 2),
    servers: serverPids.map((pid, i) => round(processCpu(pid) - before.servers[i]!, 2)),
    postgres: round(postgresCpu() - before.pg, 2),
  };
  return outcome;
}

function latencyKeys(prefix: string, outcome: StormRun, lost: number): Record<string, number> {
  const sorted = [...outcome.latencies].sort((a, b) => a - b);
  const lags = [...outcome.lags].sort((a, b) => a - b);
  return {
    [`${prefix}p50_ms`]: round(percentile(sorted, 50), 1),
    [`${prefix}p99_ms`]: round(percentile(sorted, 99), 1),
    [`${prefix}max_ms`]: round(sorted.at(-1)!, 1),
    [`${prefix}lost`]: lost,
    [`${prefix}failed_requests`]: outcome.failed,
    [`${prefix}refused_events`]: outcome.refused,
    [`${prefix}client_lag_p99_ms`]: round(percentile(lags, 99), 1),
  };
}

/**
 * The three storms on one store (two instances only on PostgreSQL), keys named `<prefix>…`:
 * `storm_` for the run's store, `storm_sqlite_` for the SQLite storm beside a PostgreSQL run.
 */
export async function storm(store: Store, options: SyncOptions, prefix: string): Promise<Record<string, unknown>> {
  const serverDir = mkdtempSync(join(tmpdir(), 'tongban-bench-storm-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'tongban-bench-storm-profile-'));
  const databaseName = `${options.database}_storm`;
  const databaseUrl = store === 'postgres' ? await freshDatabase(options.databaseUrl, databaseName) : null;
  const where = databaseUrl ?? join(serverDir, 'server.db');
  const running: RunningServer[] = [];
  const start = async (cpuProfileDir?: string): Promise<RunningServer> => {
    const server = await startExchangeServer(serverDir, databaseUrl, undefined, 'folder', cpuProfileDir);
    running.push(server);
    return server;
  };
  const stop = async (server: RunningServer): Promise<void> => {
    running.splice(running.indexOf(server), 1);
    await server.stop();
  };
  try {
    const first = await start();
    say(`storm (${store}): enrolling ${fmt(options.devices)} devices`);
    const { devices, pin } = await enrollDevices(first, options.devices);
    const random = mulberry32(options.seed);
    const spreadMoments = devices.map(() => random() * options.stormSpreadS * 1000);
    const allAtOnce = devices.map(() => 0);
    const events = devices.length * options.events;
    const keys: Record<string, unknown> = {
      [`${prefix}devices`]: devices.length,
      [`${prefix}events`]: events,
      [`${prefix}spread_s`]: options.stormSpreadS,
    };

    /** A storm of new events from every device, at these moments, to the server `urlOf` names; and what it lost. */
    const measure = async (urlOf: (device: number) => string, moments: number[], servers: RunningServer[]) => {
      const pushes = signPushes(devices, options.events, urlOf);
      const outcome = await run(
        pushes,
        moments,
        servers.map((server) => server.pid),
        pin,
      );
      const lost = await lostEvents(
        store,
        where,
        pushes.flatMap((push) => push.eventIds),
      );
      return { outcome, lost };
    };

    say(`storm (${store}): ${fmt(devices.length)} devices × ${options.events} events over ${options.stormSpreadS} s`);
    const spread = await measure(() => first.url, spreadMoments, [first]);
    Object.assign(keys, latencyKeys(prefix, spread.outcome, spread.lost), {
      [`${prefix}cpu_s`]: {
        clients: spread.outcome.cpu.clients,
        server: spread.outcome.cpu.servers[0],
        postgres: spread.outcome.cpu.postgres,
      },
    });
    say(`storm (${store}): spread p99 ${keys[`${prefix}p99_ms`]} ms, lost ${spread.lost}`);

    say(`storm (${store}): ${fmt(devices.length)} devices × ${options.events} events, all at once`);
    const saturation = await measure(() => first.url, allAtOnce, [first]);
    const { accepted, wallS, cpu } = saturation.outcome;
    // /proc counts CPU in ticks of 10 ms: a storm too small to use one still divides by one.
    const perCpuS = Math.round(accepted / Math.max(cpu.servers[0]!, 0.01));
    Object.assign(keys, latencyKeys(`${prefix}sat_`, saturation.outcome, saturation.lost), {
      [`${prefix}sat_wall_s`]: wallS,
      [`${prefix}sat_events_accepted`]: accepted,
      [`${prefix}sat_events_per_s`]: Math.round(accepted / wallS),
      [`${prefix}events_per_server_cpu_s`]: perCpuS,
      [`${prefix}sat_cpu_s`]: { clients: cpu.clients, server: cpu.servers[0], postgres: cpu.postgres },
    });
    say(`storm (${store}): all at once: ${fmt(perCpuS)} events per server CPU second, lost ${saturation.lost}`);

    if (store === 'postgres') {
      const second = await start();
      say(`storm (${store}): the spread storm over two instances`);
      const servers = [first, second];
      const two = await measure((d) => servers[d % 2]!.url, spreadMoments, servers);
      Object.assign(keys, latencyKeys(`${prefix}two_instances_`, two.outcome, two.lost), {
        [`${prefix}two_instances_cpu_s`]: {
          clients: two.outcome.cpu.clients,
          servers: two.outcome.cpu.servers,
          postgres: two.outcome.cpu.postgres,
        },
      });
      say(`storm (${store}): two instances p99 ${keys[`${prefix}two_instances_p99_ms`]} ms, lost ${two.lost}`);
      await stop(second);
    }

    await stop(first);
    if (perCpuS < STORM_TARGETS.storm_events_per_server_cpu_s) {
      say(`storm (${store}): all at once twice more, under the CPU profiler, for the breakdown`);
      const profiled = await start(profileDir);
      // Warmed first, as the measured run's server was by the spread storm; only the second storm is read.
      await measure(() => profiled.url, allAtOnce, [profiled]);
      const from = monotonicMicros();
      const again = await measure(() => profiled.url, allAtOnce, [profiled]);
      const to = monotonicMicros();
      await stop(profiled);
      const found: CpuBreakdown = breakdown(readProfile(profileDir, profiled.pid), from, to);
      keys[`${prefix}server_cpu_breakdown`] = {
        why: `${prefix}events_per_server_cpu_s missed its target; the same storm again under --cpu-prof`,
        server_cpu_s: again.outcome.cpu.servers[0],
        events_accepted: again.outcome.accepted,
        ...found,
      };
    }
    return keys;
  } finally {
    for (const server of running.splice(0)) await server.stop();
    if (databaseUrl) await dropDatabase(options.databaseUrl, databaseName);
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

export interface Verdict {
  value: number;
  target: string;
  pass: boolean;
}

/** The storm's targets, judged on the keys of the run's store (`storm_…`). */
export function stormVerdicts(keys: Record<string, unknown>): Record<string, Verdict> {
  const verdicts: Record<string, Verdict> = {};
  for (const name of ['storm_lost', 'storm_sat_lost', 'storm_two_instances_lost']) {
    if (typeof keys[name] === 'number') verdicts[name] = { value: keys[name], target: '0', pass: keys[name] === 0 };
  }
  const p99 = keys.storm_p99_ms as number;
  verdicts.storm_p99_ms = {
    value: p99,
    target: `< ${STORM_TARGETS.storm_p99_ms}`,
    pass: p99 < STORM_TARGETS.storm_p99_ms,
  };
  const perCpuS = keys.storm_events_per_server_cpu_s as number;
  verdicts.storm_events_per_server_cpu_s = {
    value: perCpuS,
    target: `>= ${STORM_TARGETS.storm_events_per_server_cpu_s}`,
    pass: perCpuS >= STORM_TARGETS.storm_events_per_server_cpu_s,
  };
  return verdicts;
}
