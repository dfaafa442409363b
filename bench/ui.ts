// npm run bench:ui — the case list's search as a clerk types it, keystroke to
// list on screen. Generates a hall database of 1,000,000 cases with the store
// benchmark's generator (store/generate-database.ts) or reuses one, serves it
// with the real browser-mode host (out/main/web-host.js, built when stale),
// signs in as the device's clerk in Debian's Chromium and types case numbers,
// ID numbers and name starts key by key (ui/samples.ts), timing each keystroke
// from its input event to the first frame showing the list that answers it
// (ui/probe.ts). Writes bench/results/ui.json and exits non-zero when the p95
// misses 50 ms, a keystroke's answer never showed, or the list went empty
// while typing.
//
//   node bench/ui.ts [--cases N] [--out DIR] [--keep] [--reuse DIR] [--searches N] [--interval MS]
//                    [--results FILE] [--seed N] [--workers N] [--help]
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuDescription, cpuPressure } from './support/machine.ts';
import { fmt } from './support/progress.ts';
import { writeResults } from './support/results.ts';
import { cleanUp, openAsTheApp, readMeta, targets, warmPageCache } from './store/data-dir.ts';
import { generate, STAFF_PASSWORD } from './store/generate-database.ts';
import { buildIfStale } from './support/build.ts';
import { startHost } from './ui/host.ts';
import { judge } from './ui/report.ts';
import { plan } from './ui/samples.ts';
import { say } from './ui/say.ts';
import { typeSearches } from './ui/typing.ts';

const USAGE = `Usage: node bench/ui.ts [options]   (npm run bench:ui -- [options])
  --cases N        cases in the hall database (default 1000000, at least 1000)
  --searches N     searches of each kind (case number, ID number, name), each cleared after (default 12)
  --interval MS    a key at most this often, and never before the last key's answer showed (default 150)
  --out DIR        generate into DIR instead of a temp dir; --keep keeps it afterwards
  --reuse DIR      type in DIR's hall database again (generating it when absent)
  --results FILE   instead of bench/results/ui.json
  --seed N         the generator's seed (default 20261122)
  --workers N      generator threads (default 2; 0 = inline)`;

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    searches: { type: 'string', default: '12' },
    interval: { type: 'string', default: '150' },
    results: { type: 'string', default: join(import.meta.dirname, 'results', 'ui.json') },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
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
  searches: Number(args.searches),
  interval: Number(args.interval),
  seed: Number(args.seed),
  workers: Number(args.workers),
};
if (!Number.isInteger(options.cases) || options.cases < 1000)
  throw new Error('--cases must be an integer of at least 1000');
if (!Number.isInteger(options.searches) || options.searches < 1)
  throw new Error('--searches must be a positive integer');
if (!(options.interval >= 0)) throw new Error('--interval must be a number of milliseconds');

const reuse = args.reuse ? resolve(args.reuse) : null;
const dir = reuse ?? (args.out ? resolve(args.out) : mkdtempSync(join(tmpdir(), 'tongban-bench-ui-')));
const createdDir = !reuse && !args.out;
const keep = args.keep || reuse !== null;
// Only the hall's database: the store benchmark's second (one window's device) is not needed here.
const { hall } = targets(dir, options.cases, options.cases, options.seed);

async function run(): Promise<number> {
  const buildSeconds = buildIfStale(join(import.meta.dirname, '..'), false, say);
  let meta = reuse ? readMeta(hall) : null;
  if (meta) say(`reusing ${fmt(meta.cases)} generated cases in ${dir}`);
  else meta = await generate(hall, { workers: options.workers, reuseHint: dir });

  // The searches, read from the database as the app opens it; and the device's own clerk, to sign in as.
  const opened = openAsTheApp(hall);
  const keystrokes = plan(opened, options.searches, options.seed);
  const totalCases = (opened.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  const { username } = opened.db
    .prepare('SELECT username FROM users WHERE user_id = ?')
    .get(meta.deviceClerkUserId) as { username: string };
  opened.db.close();
  const warmSeconds = warmPageCache(hall.file);
  say(`read the database through in ${warmSeconds} s (a warm page cache)`);

  const loadBefore = loadavg();
  const pressureBefore = cpuPressure();
  const host = await startHost(dir);
  say(`the browser-mode host started in ${host.startSeconds} s`);
  let measured;
  try {
    measured = await typeSearches(host.url, { username, password: STAFF_PASSWORD }, keystrokes, options.interval);
  } finally {
    await host.stop();
  }
  const { summary, missed } = judge(measured);
  const sqliteVersion = (new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const report = {
    cases: totalCases,
    ...summary,
    interval_ms: options.interval,
    searches_per_kind: options.searches,
    viewport: '1366x768',
    db_bytes: statSync(hall.file).size,
    build_seconds: buildSeconds,
    host_start_seconds: host.startSeconds,
    page_cache_warmed_in_s: warmSeconds,
    node: process.version,
    sqlite: sqliteVersion,
    cpu: cpuDescription(),
    date: new Date().toISOString(),
    // Other work on the machine shows up in the p95s; these say how busy it was.
    load_average: { before: loadBefore, after: loadavg() },
    cpu_pressure_avg60: { before: pressureBefore, after: cpuPressure() },
  };
  const out = resolve(args.results);
  writeResults(out, report);
  say(`wrote ${out}`);
  if (missed.length > 0) say(`missed: ${missed.join('; ')}`);
  return missed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await run();
} finally {
  cleanUp(dir, keep, createdDir);
}
