// The start-up preflight run for real: under this Node 24, under the machine's
// own older Node (/usr/bin/node) and under a Node 22 fetched from the npm
// registry, with Node 24 at hand and with no Node 24 and no registry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';

const root = join(import.meta.dirname, '..');
const preflight = join(root, 'scripts', 'node24.mjs');
/** The Node running these tests is a Node 24: its folder is what the preflight may be pointed at. */
const node24Dir = dirname(dirname(process.execPath));
const SYSTEM_NODE = '/usr/bin/node';

let work: string;
let script: string;
let waiting: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tongban-node24-'));
  script = join(work, 'versions.ts');
  // Type annotations prove Node strips them; the nested `node` shows which Node the PATH names first.
  writeFileSync(
    script,
    [
      "import { execFileSync } from 'node:child_process';",
      "const onPath: string = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();",
      'console.log(JSON.stringify({ version: process.version, onPath, args: process.argv.slice(2) }));',
      'process.exitCode = 3;',
    ].join('\n'),
  );
  waiting = join(work, 'waiting.ts');
  writeFileSync(
    waiting,
    [
      "process.on('SIGTERM', () => { console.log('SIGTERM'); process.exit(0); });",
      "console.log('waiting');",
      'setTimeout(() => process.exit(9), 20_000);',
    ].join('\n'),
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(node: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const result = spawnSync(node, [preflight, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    // Only the PATH of a machine without Node 24: the preflight must not find this one by chance.
    env: { ...process.env, PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

function versionOf(node: string): string | null {
  if (!existsSync(node)) return null;
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim() || null;
}

const major = (version: string): number => Number(version.replace(/^v/, '').split('.')[0]);

/** The two checks every older Node must pass. */
function checksUnder(node: () => string | null, skipReason: () => string | null): void {
  it('runs the script under Node 24, with Node 24 first on PATH, and ends with its exit code', (ctx: TestContext) => {
    const reason = skipReason();
    if (reason) ctx.skip(reason);
    const result = run(node()!, [script, 'one', 'two'], { TONGBAN_NODE_DIR: node24Dir });
    expect(result.stderr).toBe('');
    const seen = JSON.parse(result.stdout) as { version: string; onPath: string; args: string[] };
    expect(major(seen.version)).toBeGreaterThanOrEqual(24);
    expect(seen.onPath).toBe(seen.version);
    expect(seen.args).toEqual(['one', 'two']);
    expect(result.status).toBe(3);
    const printed = run(node()!, ['--print-node-dir'], { TONGBAN_NODE_DIR: node24Dir });
    expect(printed.stdout.trim()).toBe(node24Dir);
  });

  it('passes a SIGTERM on to the script, which ends as it chooses', async (ctx: TestContext) => {
    const reason = skipReason();
    if (reason) ctx.skip(reason);
    const child = spawn(node()!, [preflight, waiting], {
      cwd: root,
      env: { ...process.env, TONGBAN_NODE_DIR: node24Dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('waiting')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toBe('waiting\nSIGTERM\n');
    expect(code).toBe(0);
  });

  it('stops at once with one sentence when no Node 24 is there and the registry cannot be reached', (ctx: TestContext) => {
    const reason = skipReason();
    if (reason) ctx.skip(reason);
    const empty = mkdtempSync(join(work, 'no-node-'));
    const result = run(node()!, [script], { TONGBAN_NODE_DIR: empty, npm_config_registry: 'http://127.0.0.1:9/' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Tongban Desk needs Node 24 and this is Node \d+\.\d+\.\d+: fetching node-\S+@24 from/);
    expect(lines[0]).toContain(empty);
    expect(lines.slice(1)).toEqual([
      'Node 24 could not be fetched from the npm registry (npm: ECONNREFUSED): install Node 24 LTS from ' +
        'https://nodejs.org (or `nvm install 24`) and run the command again, or set TONGBAN_NODE_DIR to a folder ' +
        'holding an unpacked Node 24.',
    ]);
    expect(result.seconds).toBeLessThan(15);
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(work).filter((name) => name.includes('.partial-'))).toEqual([]);
  });
}

describe('on Node 24', () => {
  it('runs the script under this Node, fetching nothing, with its arguments and exit code', () => {
    const result = run(process.execPath, [script, '--flag', 'x'], { TONGBAN_NODE_DIR: join(work, 'never-used') });
    const seen = JSON.parse(result.stdout) as { version: string; onPath: string; args: string[] };
    expect(seen.version).toBe(process.version);
    expect(seen.onPath).toBe(process.version);
    expect(seen.args).toEqual(['--flag', 'x']);
    expect(result.status).toBe(3);
    expect(existsSync(join(work, 'never-used'))).toBe(false);
  });
});

describe(`under the machine's own Node (${SYSTEM_NODE})`, () => {
  const version = versionOf(SYSTEM_NODE);
  checksUnder(
    () => SYSTEM_NODE,
    () =>
      version === null
        ? `${SYSTEM_NODE} is missing`
        : major(version) >= 24
          ? `${SYSTEM_NODE} is ${version}, not older than Node 24`
          : null,
  );
});

describe('under Node 22 from the npm registry', () => {
  const cache = join(homedir(), '.cache', 'tongban-desk', 'node-22-for-tests');
  const node22 = join(cache, 'bin', 'node');
  let unavailable: string | null = null;

  beforeAll(() => {
    if (existsSync(node22)) return;
    const spec = `node-${process.platform}-${process.arch}@22`;
    const download = mkdtempSync(join(tmpdir(), 'tongban-node22-'));
    try {
      const pack = spawnSync('npm', ['pack', spec, '--fetch-retries=0', '--loglevel=error'], {
        cwd: download,
        encoding: 'utf8',
        timeout: 50_000,
      });
      const tarball = readdirSync(download).find((name) => name.endsWith('.tgz'));
      if (pack.status !== 0 || !tarball) {
        unavailable = `npm pack ${spec} failed, the registry cannot be reached: ${pack.stderr.trim().split('\n')[0]}`;
        return;
      }
      const unpacked = join(download, 'node');
      mkdirSync(unpacked);
      spawnSync('tar', ['xzf', join(download, tarball), '-C', unpacked, '--strip-components=1']);
      mkdirSync(dirname(cache), { recursive: true });
      renameSync(unpacked, cache);
    } finally {
      rmSync(download, { recursive: true, force: true });
    }
  }, 60_000);

  checksUnder(
    () => node22,
    () => unavailable ?? (versionOf(node22)?.startsWith('v22.') ? null : `${node22} is not a Node 22`),
  );
});
