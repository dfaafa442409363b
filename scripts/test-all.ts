// `npm test`: lint, typecheck, unit and integration tests (vitest), the security suite, the
// server's tests once more against PostgreSQL when TONGBAN_TEST_DATABASE_URL
// names one, the fault-injection schedules against each store, then the end-to-end tests (Playwright, browser mode in Chromium,
// plus the Electron smoke test where a binary exists). Every step runs; any
// failure fails the whole, and the last line counts the tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = mkdtempSync(join(tmpdir(), 'tongban-test-'));
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n=== ${name}\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = run.status === 0;
  if (!ok) failedSteps.push(name);
  return ok;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function vitestArgs(args: string[], report: string): string[] {
  return ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
}

function addVitestCounts(report: string): void {
  const vitest = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(report);
  if (vitest) {
    total.passed += vitest.numPassedTests;
    total.failed += vitest.numFailedTests;
    total.skipped += vitest.numPendingTests + vitest.numTodoTests;
  }
}

/** Runs vitest with `args` and adds its counts to the total. */
function vitestStep(name: string, file: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const report = join(reports, file);
  step(name, bin('vitest'), vitestArgs(args, report), env);
  addVitestCounts(report);
}

/** `step`, without waiting: output live, or held and printed when the step ends (for a step run beside another); resolves to whether it passed. */
function stepAsync(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: 'live' | 'after',
): Promise<boolean> {
  if (output === 'live') process.stdout.write(`\n=== ${name}\n`);
  const child = spawn(command, args, {
    cwd: root,
    stdio: output === 'live' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const held: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => held.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => held.push(chunk));
  return new Promise((resolve) => {
    child.once('close', (code) => {
      if (output === 'after') process.stdout.write(`\n=== ${name}\n${Buffer.concat(held).toString()}`);
      if (code !== 0) failedSteps.push(name);
      resolve(code === 0);
    });
  });
}

/** `vitestStep`, without waiting. */
async function vitestStepAsync(
  name: string,
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: 'live' | 'after',
): Promise<void> {
  const report = join(reports, file);
  await stepAsync(name, bin('vitest'), vitestArgs(args, report), env, output);
  addVitestCounts(report);
}

// The checks and the build first, in two lanes side by side (each step is one process on one core): ESLint
// in one; the format check, the four typechecks and the build in the other. Their output follows as each
// ends. Built before the tests: the UI benchmarks' own tests load the built app (and would build it, each
// on its own, were it older than the sources), and the end-to-end tests at the end run it.
type Command = [name: string, command: string, args: string[]];

/** Runs `commands` one after another, each as a step; resolves to whether the last one passed. */
async function lane(commands: Command[]): Promise<boolean> {
  let passed = true;
  for (const [name, command, args] of commands) passed = await stepAsync(name, command, args, {}, 'after');
  return passed;
}

const typechecks = ['node', 'preload', 'web', 'e2e'].map((project): Command => [
  `typecheck (${project})`,
  bin('tsc'),
  ['-p', `tsconfig.${project}.json`],
]);
const [, built] = await Promise.all([
  lane([['lint (ESLint, with the import boundaries)', bin('eslint'), ['.']]]),
  lane([
    ['format check', bin('prettier'), ['--check', '.']],
    ...typechecks,
    ['build', bin('electron-vite'), ['build']],
  ]),
]);

vitestStep('unit and integration tests (vitest)', 'vitest.json', []);

// Fault injection: seeded schedules against the embedded SQLite, and against PostgreSQL when there is
// one, where a dozen more kill two server instances sharing the database; a failure prints the seed that
// replays it. 140 per store here (`npm run test:faults` alone runs 200): the base seed is new at every
// run, so runs cover different schedules, and the whole of `npm test` stays within 20 minutes on 2 cores.
// The schedules spend most of their time waiting on timed faults (about a third of one core each), so
// the two stores run side by side, and beside them, one worker each, the security suite and the server's
// tests against PostgreSQL. The SQLite schedules print as they go; the others' output follows as each ends.
const postgresSkipped = process.env.TONGBAN_TEST_DATABASE_URL
  ? undefined
  : 'PostgreSQL not tested: TONGBAN_TEST_DATABASE_URL is not set (its storage tests were skipped too).';
const faultArgs = ['--config', 'tests/faults/vitest.config.ts'];
const faultEnv = { TONGBAN_FAULT_SCHEDULES: process.env.TONGBAN_FAULT_SCHEDULES ?? '140' };
const oneWorker = ['--maxWorkers', '1'];
const besideSteps = [
  vitestStepAsync('fault-injection schedules (SQLite server)', 'faults.json', faultArgs, faultEnv, 'live'),
  // One attack per finding of the security review, played against the real code (tests/security/README.md).
  vitestStepAsync(
    'security tests (test:security)',
    'security.json',
    ['--config', 'tests/security/vitest.config.ts', ...oneWorker],
    {},
    'after',
  ),
];
if (postgresSkipped) {
  process.stdout.write(`\n=== server tests against PostgreSQL: skipped\n${postgresSkipped}\n`);
} else {
  besideSteps.push(
    vitestStepAsync(
      'fault-injection schedules (PostgreSQL server)',
      'faults-postgres.json',
      faultArgs,
      { ...faultEnv, TONGBAN_TEST_STORE: 'postgres' },
      'after',
    ),
    // The server's HTTP-level tests again with PostgreSQL behind them (tests/support/server.ts); the storage
    // tests already ran against both stores above.
    vitestStepAsync(
      'server tests against PostgreSQL (vitest, TONGBAN_TEST_STORE=postgres)',
      'vitest-postgres.json',
      ['server', '--exclude', 'server/storage/**', ...oneWorker],
      { TONGBAN_TEST_STORE: 'postgres' },
      'after',
    ),
  );
}
await Promise.all(besideSteps);

// One worker: each test already keeps both cores busy (two workers took 12.1 minutes against 10.8).
const playwrightReport = join(reports, 'playwright.json');
if (built) {
  step('end-to-end tests (Playwright)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
}
const playwright = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
  playwrightReport,
);
if (playwright) {
  total.passed += playwright.stats.expected + playwright.stats.flaky;
  total.failed += playwright.stats.unexpected;
  total.skipped += playwright.stats.skipped;
}
rmSync(reports, { recursive: true, force: true });

if (failedSteps.length > 0) {
  process.stdout.write(`\nFailed steps: ${failedSteps.join('; ')}\n`);
}
if (postgresSkipped) process.stdout.write(`\n${postgresSkipped}\n`);
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(failedSteps.length > 0 ? 1 : 0);
