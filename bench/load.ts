// npm run bench:load — the first load: how soon the sign-in screen is usable
// in browser mode. Builds the app if a source is newer than the build, starts
// the real host (out/main/web-host.js) on a fresh data dir set up with its
// administrator, and opens the page in Debian's Chromium: cold (a new browser
// context each run, empty cache) and warm (the same tab loading it again),
// each time until the user-name field is shown, enabled and focused. Records
// the bytes on the wire and the built scripts' sizes (raw, brotli, gzip), and
// one profiled cold load's main-thread time by script. Writes bench/results/load.json and
// exits non-zero when a target is missed, saying where the time went.
//
//   node bench/load.ts [--cold N] [--warm N] [--results FILE] [--build] [--help]
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { builtSizes } from './load/build.ts';
import { buildIfStale } from './support/build.ts';
import { startHost, setUp } from './load/host.ts';
import { loadOnce, type LoadSample } from './load/measure.ts';
import { profiledColdLoad } from './load/profile.ts';
import { cpuDescription, cpuPressure } from './support/machine.ts';
import { writeResults } from './support/results.ts';
import { describeTiming, summarise } from './support/timing.ts';

const USAGE = `Usage: node bench/load.ts [options]   (npm run bench:load -- [options])
  --cold N        cold loads, each in a new browser context (default 10, at least 1)
  --warm N        warm loads: the same tab loading the page again (default 10, at least 1)
  --results FILE  instead of bench/results/load.json
  --build         build even when the build looks current`;

/** The sign-in screen usable within a second, cold; warm must not be slower. */
const TARGET_MS = 1000;

const { values: args } = parseArgs({
  options: {
    cold: { type: 'string', default: '10' },
    warm: { type: 'string', default: '10' },
    results: { type: 'string', default: join(import.meta.dirname, 'results', 'load.json') },
    build: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const runs = { cold: Number(args.cold), warm: Number(args.warm) };
for (const [name, n] of Object.entries(runs)) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be an integer of at least 1`);
}

const root = join(import.meta.dirname, '..');
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const built = buildIfStale(root, args.build) > 0;
say(built ? 'Built the app.' : 'The build is current.');
const sizes = builtSizes(root);
const loadBefore = loadavg();
const pressureBefore = cpuPressure();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const host = await startHost(root);
try {
  await setUp(browser, host.url);

  const cold: LoadSample[] = [];
  for (let i = 0; i < runs.cold; i++) {
    const context = await browser.newContext();
    cold.push(await loadOnce(await context.newPage(), host.url));
    await context.close();
    say(`cold ${i + 1}/${runs.cold}: ${cold.at(-1)!.ready_ms} ms`);
  }

  // Warm: the same tab loading the page again, as a reload does, after a first load filled the cache.
  const warmContext = await browser.newContext();
  const tab = await warmContext.newPage();
  await loadOnce(tab, host.url);
  const warm: LoadSample[] = [];
  for (let i = 0; i < runs.warm; i++) {
    warm.push(await loadOnce(tab, host.url));
    say(`warm ${i + 1}/${runs.warm}: ${warm.at(-1)!.ready_ms} ms`);
  }
  await warmContext.close();

  const profiled = await profiledColdLoad(browser, host.url);

  const coldMs = summarise(cold.map((s) => s.ready_ms));
  const warmMs = summarise(warm.map((s) => s.ready_ms));
  const targets = {
    cold_p95: { p95_ms: coldMs.p95, target_ms: TARGET_MS, pass: coldMs.p95 < TARGET_MS },
    warm_p95: { p95_ms: warmMs.p95, target_ms: TARGET_MS, pass: warmMs.p95 < TARGET_MS },
  };
  const report = {
    cold_p50_ms: coldMs.p50,
    cold_p95_ms: coldMs.p95,
    warm_p50_ms: warmMs.p50,
    warm_p95_ms: warmMs.p95,
    cold: { timing: coldMs, breakdown_p50: medians(cold), samples: cold },
    warm: { timing: warmMs, breakdown_p50: medians(warm), samples: warm },
    transferred: {
      cold_bytes: median(cold.map((s) => s.transferred_bytes)),
      cold_decoded_bytes: median(cold.map((s) => s.decoded_bytes)),
      warm_bytes: median(warm.map((s) => s.transferred_bytes)),
      warm_from_cache: median(warm.map((s) => s.from_cache)),
    },
    built: sizes,
    profiled_cold_load: profiled,
    chromium: browser.version(),
    node: process.version,
    cpu: cpuDescription(),
    date: new Date().toISOString(),
    runs,
    // Other work on the machine shows up in the times; these say how busy it was.
    load_average: { before: loadBefore, after: loadavg() },
    cpu_pressure_avg60: { before: pressureBefore, after: cpuPressure() },
    targets,
  };
  writeResults(args.results, report);

  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
  say(`cold: ${describeTiming(coldMs)}; warm: ${describeTiming(warmMs)}`);
  say(
    `sign-in scripts: ${kb(sizes.initial.raw)} raw, ${kb(sizes.initial.br)} brotli, ${kb(sizes.initial.gzip)} gzip; ` +
      `later: ${kb(sizes.later.raw)} raw; on the wire cold ${kb(report.transferred.cold_bytes)}, warm ${kb(report.transferred.warm_bytes)}`,
  );
  const missed = Object.entries(targets).filter(([, t]) => !t.pass);
  if (missed.length > 0) {
    say(`MISSED: ${missed.map(([name, t]) => `${name} ${t.p95_ms} ms >= ${t.target_ms} ms`).join('; ')}`);
    say(`Where a cold load's time went (p50, ms from navigation start): ${JSON.stringify(report.cold.breakdown_p50)}`);
    say(`Main thread of one profiled cold load, ms by script: ${JSON.stringify(profiled.main_thread_ms)}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await host.stop();
}

function median(values: number[]): number {
  return summarise(values).p50;
}

/** The median of each timing across the samples. */
function medians(samples: LoadSample[]): Record<string, number | null> {
  const keys = Object.keys(samples[0]!).filter((k) => k.endsWith('_ms')) as (keyof LoadSample)[];
  return Object.fromEntries(
    keys.map((k) => {
      const values = samples.map((s) => s[k]).filter((v): v is number => v !== null);
      return [k, values.length ? median(values) : null];
    }),
  );
}
