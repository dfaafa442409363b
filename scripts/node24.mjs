// The start-up preflight of every package script that runs TypeScript or the
// backend under Node: those need Node 24 (type stripping, node:sqlite). Plain
// JavaScript that any Node from 18 on runs, so `npm start` works on the Node a
// machine already has.
//
//   node scripts/node24.mjs <script> [args…]   run the script under Node 24
//   node scripts/node24.mjs --print-node-dir    print the folder of the Node 24 to use
//
// On Node 24 or later the script runs under this Node. On an older Node, Node
// 24 is fetched once with `npm pack node-<platform>-<arch>@24` (so the user's
// npm registry and proxy settings apply) into ~/.cache/tongban-desk/node-24,
// or TONGBAN_NODE_DIR, and the script runs under it. Either way the script is
// a process of its own, as if Node had been given it directly (import.meta.main
// holds), with its Node's folder first on PATH, so that the tools it starts run
// under Node 24 too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEEDED_MAJOR = 24;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';

const majorOf = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/** The Node 24 binary inside an unpacked Node folder. */
const binaryIn = (nodeDir) => join(nodeDir, 'bin', windows ? 'node.exe' : 'node');

function stop(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

const INSTALL_ADVICE =
  `install Node ${NEEDED_MAJOR} LTS from https://nodejs.org (or \`nvm install ${NEEDED_MAJOR}\`) and run the ` +
  `command again, or set TONGBAN_NODE_DIR to a folder holding an unpacked Node ${NEEDED_MAJOR}`;

/** Runs `npm pack <spec>` into `destination`; resolves to null, or to npm's error code when it failed. */
function npmPack(spec, destination) {
  const args = ['pack', spec, '--pack-destination', destination, '--loglevel=error'];
  // One quick second try, not npm's default of retries over a minute: an unreachable registry stops at once.
  args.push('--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=2000');
  return new Promise((resolvePack) => {
    // npm is a .cmd script on Windows, which only a shell runs.
    const npm = spawn('npm', args, { cwd: root, shell: windows, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    npm.stderr.on('data', (chunk) => (errors += chunk));
    npm.on('error', (error) => resolvePack(error.code ?? 'npm not found'));
    npm.on('close', (code) =>
      resolvePack(code === 0 ? null : (/npm error code (\S+)/.exec(errors)?.[1] ?? `exit ${code}`)),
    );
  });
}

/** Unpacks the tarball next to nodeDir and renames it into place in one step: no half-unpacked Node is ever used. */
function unpack(tarball, nodeDir) {
  mkdirSync(dirname(nodeDir), { recursive: true });
  const partial = mkdtempSync(`${nodeDir}.partial-`);
  try {
    const untar = spawnSync('tar', ['xzf', tarball, '-C', partial, '--strip-components=1']);
    if (untar.status !== 0 || !existsSync(binaryIn(partial))) return false;
    if (existsSync(binaryIn(nodeDir))) return true;
    if (existsSync(nodeDir)) rmdirSync(nodeDir);
    renameSync(partial, nodeDir);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** Fetches Node 24 into nodeDir, saying so in one line; the reason it could not, or null. */
async function fetchNode(nodeDir) {
  const spec = `node-${windows ? 'win' : process.platform}-${process.arch}@${NEEDED_MAJOR}`;
  process.stderr.write(
    `Tongban Desk needs Node ${NEEDED_MAJOR} and this is Node ${process.versions.node}: fetching ${spec} ` +
      `from the npm registry into ${nodeDir} (about 50 MB, once)…`,
  );
  const progress = process.stderr.isTTY ? setInterval(() => process.stderr.write('.'), 2000) : null;
  const download = mkdtempSync(join(tmpdir(), 'tongban-node-'));
  try {
    const failure = await npmPack(spec, download);
    if (failure) return `Node ${NEEDED_MAJOR} could not be fetched from the npm registry (npm: ${failure})`;
    const tarball = readdirSync(download).find((name) => name.endsWith('.tgz'));
    if (!tarball || !unpack(join(download, tarball), nodeDir)) {
      return `${spec} could not be unpacked with tar into ${nodeDir}`;
    }
    process.stderr.write(' done.\n');
    return null;
  } finally {
    if (progress) clearInterval(progress);
    rmSync(download, { recursive: true, force: true });
  }
}

/** The folder of a Node 24, fetched first when there is none yet. */
async function node24Dir() {
  const nodeDir = resolve(
    process.env.TONGBAN_NODE_DIR || join(homedir(), '.cache', 'tongban-desk', `node-${NEEDED_MAJOR}`),
  );
  if (!existsSync(binaryIn(nodeDir))) {
    const failure = await fetchNode(nodeDir);
    if (failure) stop(`\n${failure}: ${INSTALL_ADVICE}.`);
  }
  const version = spawnSync(binaryIn(nodeDir), ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (!(majorOf(version) >= NEEDED_MAJOR)) {
    stop(`${binaryIn(nodeDir)} is Node ${version || '(not runnable)'}, not ${NEEDED_MAJOR}: ${INSTALL_ADVICE}.`);
  }
  return nodeDir;
}

/** Runs the script under the given Node and ends as it ends; signals to this process go on to it. */
function runUnder(node, args) {
  const child = spawn(node, args, {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    for (const each of signals) process.off(each, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

const [first, ...rest] = process.argv.slice(2);
const current = majorOf(process.versions.node) >= NEEDED_MAJOR;

if (!first) {
  stop('Usage: node scripts/node24.mjs <script> [args…] | --print-node-dir');
} else if (first === '--print-node-dir') {
  process.stdout.write(`${current ? dirname(dirname(process.execPath)) : await node24Dir()}\n`);
} else {
  runUnder(current ? process.execPath : binaryIn(await node24Dir()), [first, ...rest]);
}
