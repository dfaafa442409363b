// npm run bench:sync — the sync benchmark: how fast a backlog drains and how a
// server weathers windows reconnecting at once. Two parts:
//
// drain: a real device (createBackend on a fresh data folder) with a backlog
//   of 10,000 cases taken in through the real IntakeService, 20,000 scans of
//   64 KB stored through the real BlobStore, enrolls with the real exchange
//   server (`node server/main.ts`, its own process, on PostgreSQL) through
//   'sync.addRemote'; drain_s is the time from that call until the device's
//   outbox is empty. The floor (bench/sync-floor.ts, its own process) takes the
//   same scan bytes and the same push bodies, POSTed with the engine's
//   concurrency by fetch and by node:http (the fastest run counts), and
//   writes and fsyncs each to a file before answering. The server keeps
//   the scans in its data folder, or with --blob-store postgresql in its database. PouchDB 9
//   (pouchdb-node replicating to express-pouchdb, bench/pouchdb-peer/,
//   installed on demand) carries the same cases and scans in the same run;
//   when a drain target is missed, a smaller profiled drain says where the
//   CPU went (drain_cpu_profile).
// storm (bench/sync/storm.ts): 500 devices, each enrolled with its own code and
//   Ed25519 key, push 20 events each (10 new cases) in one signed request over a
//   connection of their own: arriving at seeded uniform-random moments over 10 s
//   (p99 of the latency from each device's moment, events lost), all at once
//   (events accepted per server CPU second), and spread over two server
//   instances on one PostgreSQL database.
//
// Writes bench/results/sync.json (or --out) and exits non-zero when a target is missed. This file
// reads the command line and judges the results; the parts are under bench/sync/.
//
//   node bench/sync.ts [--quick] [--cases N] [--devices N] [--events N] [--rate N] [--out FILE]
//                      [--database-url URL] [--database NAME] [--sqlite-only] [--no-sqlite-storm]
//                      [--drain-stall-seconds N] [--drain-timeout-seconds N] [--only drain|storm] [--help]
//                      [--blob-store folder|postgresql] [--no-pouchdb] [--no-floor] [--profile] [--profile-cases N]
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuDescription } from './support/machine.ts';
import { writeResults } from './support/results.ts';
import { drain } from './sync/drain.ts';
import { profileDrain } from './sync/drain-profile.ts';
import type { SyncOptions } from './sync/options.ts';
import { say } from './sync/say.ts';
import { storm, stormVerdicts } from './sync/storm.ts';

const TARGETS = {
  drain_ratio_to_floor: 1.5,
  drain_ratio_to_pouchdb: 0.8,
  drain_server_cpu_ms_per_blob: 0.5,
} as const;
/** The drain's verdicts, and a CPU breakdown (profile) whenever one is missed. */
const DRAIN_TARGETS = ['drain_ratio_to_floor', 'drain_ratio_to_pouchdb', 'drain_server_cpu_ms_per_blob'] as const;

const USAGE = `Usage: node bench/sync.ts [options]   (npm run bench:sync -- [options])
  --quick                 100 cases and 20 devices instead of 10,000 and 500
  --cases N               the drain's backlog in cases; --scans-per-case N (2), --scan-bytes N (65536)
  --devices N             the storm's devices; --events N events each (20)
  --storm-spread-seconds N  the spread storm's arrivals, uniform over N seconds (10)
  --rate N                the drain's server --rate (5000)
  --database-url URL      a PostgreSQL role with CREATEDB (TONGBAN_BENCH_DATABASE_URL); --database NAME
  --no-pouchdb            no PouchDB beside the drain (pouchdb_s null, and why); --no-floor no raw floor
  --profile               the drain's CPU breakdown (drain_cpu_profile) even when its targets pass
  --profile-cases N       the profiled drain's cases (a tenth of --cases, at least 100)
  --sqlite-only           both parts on SQLite, no PostgreSQL; --no-sqlite-storm skips the SQLite storm
  --blob-store KIND       where the drain's server keeps scans: folder (its default) or postgresql
  --seed N                the scans' and cases' seed (20261122)
  --drain-stall-seconds N / --drain-timeout-seconds N   when a drain fails the run (120 / 1800)
  --only drain|storm      one part, no verdicts
  --out FILE              instead of bench/results/sync.json`;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    cases: { type: 'string' },
    'scans-per-case': { type: 'string', default: '2' },
    'scan-bytes': { type: 'string', default: String(64 * 1024) },
    devices: { type: 'string' },
    events: { type: 'string', default: '20' },
    'storm-spread-seconds': { type: 'string', default: '10' },
    rate: { type: 'string', default: '5000' },
    out: { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.TONGBAN_BENCH_DATABASE_URL ?? 'postgres://tongban:tongban@127.0.0.1:5432/postgres',
    },
    database: { type: 'string', default: 'tongban_bench' },
    'sqlite-only': { type: 'boolean', default: false },
    'blob-store': { type: 'string' },
    'no-pouchdb': { type: 'boolean', default: false },
    'no-floor': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'profile-cases': { type: 'string' },
    'no-sqlite-storm': { type: 'boolean', default: false },
    seed: { type: 'string', default: '20261122' },
    // A stalled engine fails the run: no progress for this long, or the whole drain longer than the limit.
    'drain-stall-seconds': { type: 'string', default: '120' },
    'drain-timeout-seconds': { type: 'string', default: '1800' },
    // For working on one part: 'drain' or 'storm' (the results file then has only that part; targets not judged).
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const options: SyncOptions = {
  cases: Number(args.cases ?? (args.quick ? 100 : 10_000)),
  scansPerCase: Number(args['scans-per-case']),
  scanBytes: Number(args['scan-bytes']),
  devices: Number(args.devices ?? (args.quick ? 20 : 500)),
  events: Number(args.events),
  stormSpreadS: Number(args['storm-spread-seconds']),
  rate: Number(args.rate),
  seed: Number(args.seed),
  store: args['sqlite-only'] ? 'sqlite' : 'postgres',
  // The server's default, the data folder; --blob-store postgresql measures the scans kept in PostgreSQL.
  blobStore: (args['blob-store'] ?? 'folder') as SyncOptions['blobStore'],
  floor: !args['no-floor'],
  pouchdb: !args['no-pouchdb'],
  drainStallMs: Number(args['drain-stall-seconds']) * 1000,
  drainTimeoutMs: Number(args['drain-timeout-seconds']) * 1000,
  databaseUrl: args['database-url'],
  database: args.database,
};
const ONLY = args.only;
if (ONLY !== undefined && ONLY !== 'drain' && ONLY !== 'storm') throw new Error('--only is drain or storm');
if (!['folder', 'postgresql'].includes(options.blobStore)) throw new Error('--blob-store is folder or postgresql');
if (options.blobStore === 'postgresql' && options.store === 'sqlite') {
  throw new Error('--blob-store postgresql needs PostgreSQL: not with --sqlite-only');
}
if (!(options.stormSpreadS >= 0)) throw new Error('--storm-spread-seconds must be 0 or more');
if (!(options.drainStallMs > 0 && options.drainTimeoutMs > 0)) throw new Error('the drain limits must be positive');
const OUT = args.out ? resolve(args.out) : join(import.meta.dirname, 'results', 'sync.json');
const PROFILE_CASES = Number(args['profile-cases'] ?? Math.max(100, Math.round(options.cases / 10)));
const counts = {
  cases: options.cases,
  profile_cases: PROFILE_CASES,
  scans_per_case: options.scansPerCase,
  scan_bytes: options.scanBytes,
  devices: options.devices,
  events: options.events,
  rate: options.rate,
};
for (const [name, value] of Object.entries(counts)) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
}

/** A verdict on a value at most `limit`; a value the run could not measure (null) misses. */
function atMost(value: number | null, limit: number, why?: string) {
  return { value, target: `<= ${limit}`, pass: value !== null && value <= limit, ...(value === null ? { why } : {}) };
}

function drainVerdicts(drained: Record<string, unknown>) {
  // Why a ratio may be missing: its comparison was not run, or could not be.
  const why: Record<(typeof DRAIN_TARGETS)[number], string | undefined> = {
    drain_ratio_to_floor: options.floor ? undefined : 'not run (--no-floor)',
    drain_ratio_to_pouchdb: drained.pouchdb_error as string | undefined,
    drain_server_cpu_ms_per_blob: undefined,
  };
  return Object.fromEntries(
    DRAIN_TARGETS.map((name) => [name, atMost(drained[name] as number | null, TARGETS[name], why[name])]),
  );
}

/** The drain, then its CPU breakdown when `profile` says so or one of its targets is missed. */
async function drainPart(): Promise<Record<string, unknown>> {
  const drained = await drain(options);
  const missed = Object.values(drainVerdicts(drained)).some((verdict) => !verdict.pass);
  if (!(args.profile || missed)) return drained;
  return { ...drained, drain_cpu_profile: await profileDrain(options, PROFILE_CASES) };
}

async function run(): Promise<number> {
  const loadBefore = loadavg();
  if (ONLY) {
    const part = ONLY === 'drain' ? await drainPart() : await storm(options.store, options, 'storm_');
    writeResults(OUT, { only: ONLY, ...part, load_average: { before: loadBefore, after: loadavg() } });
    say(`wrote ${OUT} (only ${ONLY}: no verdicts)`);
    return 0;
  }
  const drained = await drainPart();
  const stormMain = await storm(options.store, options, 'storm_');
  const stormSqlite =
    options.store === 'postgres' && !args['no-sqlite-storm'] ? await storm('sqlite', options, 'storm_sqlite_') : {};
  const verdicts = { ...drainVerdicts(drained), ...stormVerdicts(stormMain) };
  const report = {
    ...drained,
    ...stormMain,
    storm_store: options.store,
    ...stormSqlite,
    node: process.version,
    cpu: cpuDescription(),
    date: new Date().toISOString(),
    quick: args.quick,
    targets: verdicts,
    // Other work on the machine shows up in the times; this says how busy it was.
    load_average: { before: loadBefore, after: loadavg() },
  };
  writeResults(OUT, report);
  say(`wrote ${OUT}`);
  let missed = 0;
  for (const [name, verdict] of Object.entries(verdicts)) {
    console.log(`  ${verdict.pass ? 'PASS' : 'FAIL'}  ${name} ${verdict.value} (target ${verdict.target})`);
    if (!verdict.pass) missed++;
  }
  return missed > 0 ? 1 : 0;
}

process.exitCode = await run();
