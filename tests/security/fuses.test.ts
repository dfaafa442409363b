import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtBinaries, fuseMismatches, wantedFuses } from '../../scripts/verify-fuses.ts';

const builderYaml = readFileSync(join(import.meta.dirname, '..', '..', 'build', 'electron-builder.yml'), 'utf8');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

let dist: string | undefined;
afterEach(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
  dist = undefined;
});

/**
 * An unpacked app whose binary carries a version 1 fuse wire (the sentinel, the version, the length, one byte
 * per fuse) in the middle of two megabytes, the way Electron's binary carries it.
 */
function unpackedApp(fuses: string): { dist: string; binary: string } {
  dist = mkdtempSync(join(tmpdir(), 'tongban-dist-'));
  mkdirSync(join(dist, 'linux-unpacked'));
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, fuses.length]), Buffer.from(fuses)]);
  const padding = Buffer.alloc(1024 * 1024, 0x90);
  const binary = join(dist, 'linux-unpacked', 'tongban-desk');
  writeFileSync(binary, Buffer.concat([padding, wire, padding]));
  writeFileSync(join(dist, 'linux-unpacked', 'resources.pak'), Buffer.alloc(2 * 1024 * 1024));
  return { dist, binary };
}

describe('M1 packaged builds: the fuses read back from a built app', () => {
  const wanted = wantedFuses(builderYaml);

  it('reads what the builder config asks for', () => {
    expect(wanted.get('runAsNode')).toBe(false);
    expect(wanted.get('onlyLoadAppFromAsar')).toBe(true);
    expect(wanted.size).toBe(7);
  });

  it('finds the Electron binary of an unpacked app and passes it when every fuse is as configured', async () => {
    // Order of the wire: runAsNode, cookie encryption, NODE_OPTIONS, inspector, asar integrity, only asar,
    // browser V8 snapshot (not configured), file protocol privileges.
    const { dist, binary } = unpackedApp('01001100');
    expect(builtBinaries(dist)).toEqual([binary]);
    expect(await fuseMismatches(binary, wanted)).toEqual([]);
  });

  it('fails naming each fuse that is left on or removed', async () => {
    const { binary } = unpackedApp('11011r00');
    expect(await fuseMismatches(binary, wanted)).toEqual([
      'runAsNode is on, should be off',
      'enableNodeCliInspectArguments is on, should be off',
      'onlyLoadAppFromAsar is removed, should be on',
    ]);
  });

  it('finds no binary where there is no fuse wire', () => {
    const { dist, binary } = unpackedApp('01001100');
    writeFileSync(binary, Buffer.alloc(2 * 1024 * 1024, 0x90));
    expect(builtBinaries(dist)).toEqual([]);
  });
});
