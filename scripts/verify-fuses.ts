// The last step of `npm run dist`: reads the Electron fuses back from every
// built app under dist/ and fails when one differs from what
// build/electron-builder.yml asks for. A fuse left on (run as Node, the
// inspector, NODE_OPTIONS, loading the app from outside the asar) undoes the
// sandbox and the packaged-build defences, and electron-builder only writes
// fuses, it does not check them. Needs a built app, so it runs only where an
// Electron binary can be had (release machines, not our CI machines).
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { existsSync, openSync, readSync, closeSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A fuse's byte on the wire: '1' on, '0' off, 'r' removed from this Electron version. */
const ON = 0x31;
const OFF = 0x30;
const REMOVED = 0x72;

/** electron-builder's names for the fuses, in the order of the version 1 fuse wire. */
const BUILDER_NAMES: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The `electronFuses:` block of the builder config: each fuse and whether it must be on. */
export function wantedFuses(builderYaml: string): Map<string, boolean> {
  const wanted = new Map<string, boolean>();
  const lines = builderYaml.split('\n');
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line));
  if (start < 0) throw new Error('build/electron-builder.yml has no electronFuses block.');
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const [, name, value] = /^\s+(\w+):\s*(true|false)\s*(#.*)?$/.exec(line) ?? [];
    if (name === undefined) continue;
    if (!(name in BUILDER_NAMES)) throw new Error(`Unknown fuse in the builder config: ${name}.`);
    wanted.set(name, value === 'true');
  }
  return wanted;
}

/** The fuses of one binary that are not as wanted, as sentences; empty when all hold. */
export async function fuseMismatches(binary: string, wanted: Map<string, boolean>): Promise<string[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number | undefined>;
  const problems: string[] = [];
  for (const [name, on] of wanted) {
    const state = wire[BUILDER_NAMES[name] as FuseV1Options];
    if (state === (on ? ON : OFF)) continue;
    const found = state === ON ? 'on' : state === OFF ? 'off' : state === REMOVED ? 'removed' : 'missing';
    problems.push(`${name} is ${found}, should be ${on ? 'on' : 'off'}`);
  }
  return problems;
}

const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');

/** Whether a file holds a fuse wire, read in pieces: an Electron binary is large. */
function holdsFuseWire(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(8 * 1024 * 1024);
    let position = 0;
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return false;
      const window = Buffer.concat([carry, chunk.subarray(0, read)]);
      if (window.includes(SENTINEL)) return true;
      carry = window.subarray(Math.max(0, window.length - SENTINEL.length + 1));
      position += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** The Electron binaries of the unpacked apps electron-builder left in `dist`. */
export function builtBinaries(dist: string): string[] {
  if (!existsSync(dist)) return [];
  return readdirSync(dist)
    .filter((name) => name.endsWith('-unpacked'))
    .flatMap((folder) =>
      readdirSync(join(dist, folder))
        .map((name) => join(dist, folder, name))
        .filter((file) => statSync(file).isFile() && statSync(file).size > 1024 * 1024 && holdsFuseWire(file)),
    );
}

async function main(): Promise<void> {
  const root = join(import.meta.dirname, '..');
  const wanted = wantedFuses(readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8'));
  const binaries = builtBinaries(join(root, 'dist'));
  if (binaries.length === 0) {
    process.stderr.write('No built app under dist/*-unpacked: nothing to read the fuses from.\n');
    process.exit(1);
  }
  let failed = false;
  for (const binary of binaries) {
    const problems = await fuseMismatches(binary, wanted);
    process.stdout.write(`${binary}: ${problems.length === 0 ? 'every fuse as configured' : problems.join('; ')}\n`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}

if (import.meta.main) await main();
