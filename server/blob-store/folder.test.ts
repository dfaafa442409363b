import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderBackend } from './folder.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the folder blob back end', () => {
  it('removes at start the put files a crash left an hour ago, and leaves a younger one to its put', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-folder-'));
    dirs.push(dataDir);
    const backend = new FolderBackend(dataDir);
    await backend.check();
    const incoming = join(dataDir, 'blobs', 'incoming');
    const sha = 'ab'.repeat(32);
    const stale = join(incoming, `${sha}.11111111-1111-4111-8111-111111111111.put`);
    const young = join(incoming, `${sha}.22222222-2222-4222-8222-222222222222.put`);
    const part = join(incoming, `${sha}.part`);
    for (const file of [stale, young, part]) writeFileSync(file, 'sealed bytes');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    utimesSync(part, twoHoursAgo, twoHoursAgo);

    await new FolderBackend(dataDir).check();
    expect([existsSync(stale), existsSync(young), existsSync(part)]).toEqual([false, true, true]);
  });

  it('leaves no put file behind when a blob of the group cannot be written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-folder-'));
    dirs.push(dataDir);
    const backend = new FolderBackend(dataDir);
    await backend.check();
    const good = { sha256: 'cd'.repeat(32), sealed: [Buffer.from('one')] };
    // A name that is not a file name: its write fails, after the other's has begun.
    const bad = { sha256: 'no/such/folder', sealed: [Buffer.from('two')] };
    await expect(backend.putMany([good, bad])).rejects.toThrow();
    expect(readdirSync(join(dataDir, 'blobs', 'incoming'))).toEqual([]);
    expect(await backend.has(good.sha256)).toBe(false);
  });
});
