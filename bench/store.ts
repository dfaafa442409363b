// npm run bench:store — the store benchmark of the hall's searches and intake
// and of the supervisor's ledger and statistics. Generates a hall database of
// 1,000,000 cases and ~5,000,000 events (store/generate-database.ts, with
// bench/generate.ts) and a second, one window's device over one year (30,000
// cases), reopens them exactly as the app does (openDatabase: WAL,
// synchronous=FULL) and measures the real query and intake code: on the hall
// database CaseQueries.list for searches by ID number, case number and name
// prefix (through the blind index) and for one day's list, each interleaved
// with its raw SQLite floor (store/floor.ts), and IntakeService.submit
// (store/hall.ts); on the device database Supervision.ledger for its busiest
// day and Supervision.stats over the year, and the same statistics over the
// hall's year (store/supervision.ts). Writes bench/results/store.json and exits
// non-zero when a target is missed (store/verdicts.ts) or a result is wrong.
//
//   node bench/store.ts [--cases N] [--device-cases N] [--out DIR] [--keep] [--reuse DIR] [--runs N]
//                       [--results FILE] [--seed N] [--workers N] [--help]
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuDescription, cpuPressure } from './support/machine.ts';
import { fmt } from './support/progress.ts';
import { writeResults } from './support/results.ts';
import { cleanUp, openAsTheApp, readMeta, targets, warmPageCache } from './store/data-dir.ts';
import { generate } from './store/generate-database.ts';
import { measureHall } from './store/hall.ts';
import { measureNameSearchProposal } from './store/name-search.ts';
import { say } from './store/say.ts';
import { measureSupervision } from './store/supervision.ts';
import { diagnoseMisses, judge, judgeRatios } from './store/verdicts.ts';

const USAGE = `Usage: node bench/store.ts [options]   (npm run bench:store -- [options])
  --cases N          cases in the hall database (default 1000000, at least 1000)
  --device-cases N   cases in the one window's device database (default 30000, at least 1000)
  --runs N           timed runs per measurement after 20 untimed ones (default 200, at least 10)
  --out DIR          generate into DIR instead of a temp dir; --keep keeps it afterwards
  --reuse DIR        measure the databases in DIR again (generating there what is absent)
  --results FILE     instead of bench/results/store.json
  --seed N           the generator's seed (default 20261122)
  --workers N        generator threads (default 2; 0 = inline)`;

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    'device-cases': { type: 'string', default: '30000' },
    results: { type: 'string', default: join(import.meta.dirname, 'results', 'store.json') },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261122' },
    workers: { type: 'string', default: String(Math.min(2, cpus().length)) },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const options = {
  cases: Number(args.cases),
  deviceCases: Number(args['device-cases']),
  runs: Number(args.runs),
  seed: Number(args.seed),
  workers: Number(args.workers),
};
if (!Number.isInteger(options.cases) || options.cases < 1000) {
  throw new Error('--cases must be an integer of at least 1000');
}
if (!Number.isInteger(options.deviceCases) || options.deviceCases < 1000) {
  throw new Error('--device-cases must be an integer of at least 1000');
}
if (!Number.isInteger(options.runs) || options.runs < 10) throw new Error('--runs must be an integer of at least 10');
/** A year's statistics take far longer than a search: fewer timed runs. */
const STATS_RUNS = Math.min(options.runs, 50);
/** The hall's year is ten times the device's. */
const HALL_STATS_RUNS = 20;

const reuse = args.reuse ? resolve(args.reuse) : null;
const dir = reuse ?? (args.out ? resolve(args.out) : mkdtempSync(join(tmpdir(), 'tongban-bench-')));
const createdDir = !reuse && !args.out;
const keep = args.keep || reuse !== null;
const { hall, device: deviceTarget } = targets(dir, options.cases, options.deviceCases, options.seed);

async function run(): Promise<number> {
  const generating = { workers: options.workers, reuseHint: dir };
  let meta = reuse ? readMeta(hall) : null;
  if (meta) say(`reusing ${fmt(meta.cases)} generated cases in ${dir} (generated in ${meta.generateSeconds} s)`);
  else meta = await generate(hall, generating);
  let deviceMeta = reuse ? readMeta(deviceTarget) : null;
  if (deviceMeta) say(`reusing the device database's ${fmt(deviceMeta.cases)} cases in ${deviceTarget.dir}`);
  else deviceMeta = await generate(deviceTarget, generating);

  const loadBefore = loadavg();
  const pressureBefore = cpuPressure();
  const warmSeconds = warmPageCache(hall.file);
  say(`read the hall database through in ${warmSeconds} s (a warm page cache)`);
  const opened = openAsTheApp(hall);
  const { db, settings, keys } = opened;
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const totalCases = count('SELECT count(*) AS n FROM cases');
  const totalEvents = count('SELECT count(*) AS n FROM case_events');
  const dbBytes = statSync(hall.file).size;
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  say(
    `measuring on ${fmt(totalCases)} cases, ${fmt(totalEvents)} events, ${fmt(dbBytes)} bytes; settings ${JSON.stringify(settings)}`,
  );
  const measured = measureHall(opened, dir, meta, { runs: options.runs, seed: options.seed });
  const { results, floors, nameMatches, busyDays } = measured;

  // The supervisor's ledger and statistics on the one window's device; the same on the hall's data: its
  // year's statistics (~316,000 cases) have a target of their own, its busiest day's ledger none.
  const device = measureSupervision(deviceTarget, deviceMeta, openAsTheApp(deviceTarget), {
    ledger: options.runs,
    stats: STATS_RUNS,
    allDays: true,
  });
  Object.assign(results, device.results);
  const hallSupervision = measureSupervision(hall, meta, opened, {
    ledger: Math.min(options.runs, 20),
    stats: Math.min(options.runs, HALL_STATS_RUNS),
    allDays: false,
  });
  results.hall_stats_year = hallSupervision.results.stats_year;

  // Pass or fail, and for a miss: where the time goes and the plans of the statements.
  const { verdicts, missed: missedMs } = judge(results);
  const { verdicts: ratioVerdicts, missed: missedRatios } = judgeRatios(floors);
  const missed = missedMs + missedRatios;
  const diagnostics = diagnoseMisses(verdicts, (name) =>
    name === 'ledger_day' || name === 'stats_year'
      ? { db: device.db, work: device.work[name] }
      : name === 'hall_stats_year'
        ? { db, work: hallSupervision.work.stats_year }
        : { db, work: measured.work[name]! },
  );

  // A miss of the name search: measure the fix proposed in bench/README.md on the same data.
  let proposal: Record<string, unknown> | null = null;
  if (verdicts.search_name!.pass === false) {
    proposal = measureNameSearchProposal(db, keys, measured.cases, options.runs, measured.namePrefix);
  }

  const walFile = `${hall.file}-wal`;
  const report = {
    cases: totalCases,
    events: totalEvents,
    search_id_p50_ms: results.search_id!.p50,
    search_id_p95_ms: results.search_id!.p95,
    search_id_floor_p95_ms: floors.search_id!.floor.p95,
    search_id_ratio_to_floor: floors.search_id!.ratio,
    search_caseno_p50_ms: results.search_caseno!.p50,
    search_caseno_p95_ms: results.search_caseno!.p95,
    search_caseno_floor_p95_ms: floors.search_caseno!.floor.p95,
    search_caseno_ratio_to_floor: floors.search_caseno!.ratio,
    search_name_p50_ms: results.search_name!.p50,
    search_name_p95_ms: results.search_name!.p95,
    search_name_floor_p95_ms: floors.search_name!.floor.p95,
    search_name_ratio_to_floor: floors.search_name!.ratio,
    search_name_1char_p95_ms: results.search_name_1char!.p95,
    search_name_2char_p95_ms: results.search_name_2char!.p95,
    day_list_p50_ms: results.day_list!.p50,
    day_list_p95_ms: results.day_list!.p95,
    day_list_floor_p95_ms: floors.day_list!.floor.p95,
    day_list_ratio_to_floor: floors.day_list!.ratio,
    submit_p50_ms: results.submit!.p50,
    submit_p95_ms: results.submit!.p95,
    ledger_day_p50_ms: results.ledger_day!.p50,
    ledger_day_p95_ms: results.ledger_day!.p95,
    ledger_day_cases: device.report.ledger_day.cases,
    stats_year_p50_ms: results.stats_year!.p50,
    stats_year_p95_ms: results.stats_year!.p95,
    stats_year_cases: device.report.stats_year.cases,
    hall_stats_year_p50_ms: results.hall_stats_year!.p50,
    hall_stats_year_p95_ms: results.hall_stats_year!.p95,
    hall_stats_year_cases: hallSupervision.report.stats_year.cases,
    db_bytes: dbBytes,
    generate_seconds: meta.generateSeconds,
    page_cache_warmed_in_s: warmSeconds,
    node: process.version,
    sqlite: sqliteVersion,
    cpu: cpuDescription(),
    date: new Date().toISOString(),
    runs: options.runs,
    targets: verdicts,
    ratio_targets: ratioVerdicts,
    timings_ms: results,
    floor_timings_ms: Object.fromEntries(Object.entries(floors).map(([name, f]) => [name, f.floor])),
    name_search_matches: nameMatches,
    day_list: { days: busyDays.map((d) => d.day), cases_per_day: busyDays.map((d) => d.n), limit: 500 },
    data: {
      windows: meta.windows,
      days: meta.days,
      first_day: meta.firstDay,
      last_day: meta.lastDay,
      seed: meta.seed,
      wal_bytes_after: existsSync(walFile) ? statSync(walFile).size : 0,
    },
    settings,
    // The one window's device that ledger_day and stats_year run on.
    device: device.report,
    // The same two on the hall's database (all its windows' events on one device): its year's statistics
    // are judged (hall_stats_year), its day's ledger is not.
    hall_supervision: { ledger_day: hallSupervision.report.ledger_day, stats_year: hallSupervision.report.stats_year },
    // Other work on the machine shows up in the p95s; these say how busy it was.
    load_average: { before: loadBefore, after: loadavg() },
    cpu_pressure_avg60: { before: pressureBefore, after: cpuPressure() },
    diagnostics,
    proposal,
  };
  db.close();
  device.db.close();
  const out = resolve(args.results);
  writeResults(out, report);
  say(`wrote ${out}`);
  if (missed > 0) say(`${missed} target(s) missed`);
  return missed > 0 ? 1 : 0;
}

try {
  process.exitCode = await run();
} finally {
  cleanUp(dir, keep, createdDir);
}
