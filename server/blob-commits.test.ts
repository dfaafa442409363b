// Group commit of whole blobs: uploads that arrive while a group is being kept
// share the next group's one putMany and one record transaction, and none is
// acknowledged before the group holding it is durable and recorded.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { keyringOf } from './at-rest/data-key.ts';
import { BlobCommits } from './blob-commits.ts';
import type { SealedBlob } from './blob-store/contract.ts';
import { FolderBackend } from './blob-store/folder.ts';
import { BlobStore } from './blob-store/sealed-blobs.ts';
import { SqliteStore } from './storage/sqlite.ts';
import { tempDir } from '../tests/support/server-store.ts';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The real folder back end, saying which blobs each putMany carried and when it returned. */
class RecordedFolder extends FolderBackend {
  readonly groups: { blobs: string[]; durable: boolean }[] = [];
  override async putMany(blobs: readonly SealedBlob[]): Promise<void> {
    const group = { blobs: blobs.map((b) => b.sha256), durable: false };
    this.groups.push(group);
    await super.putMany(blobs);
    group.durable = true;
  }
}

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function site() {
  const dir = tempDir();
  dirs.push(dir);
  const store = SqliteStore.open(`${dir.path}/server.db`);
  const backend = new RecordedFolder(dir.path);
  const blobs = new BlobStore(backend, keyringOf([randomBytes(32)]));
  return { store, backend, blobs, commits: new BlobCommits(store, blobs) };
}

describe('BlobCommits', () => {
  it('keeps blobs that arrive together in fewer groups, each acknowledged only once its group is durable', async () => {
    const { store, backend, blobs, commits } = site();
    const scans = Array.from({ length: 12 }, () => randomBytes(20_000));
    const acknowledged: string[] = [];
    await Promise.all(
      scans.map(async (bytes) => {
        const hash = sha(bytes);
        await commits.keep(blobs.sealWhole(hash, bytes)!, {
          sha256: hash,
          size: bytes.length,
          storedAt: '2026-12-07T08:00:00.000Z',
          uploadedBy: 'window-3',
        });
        // Acknowledged: its group's bytes are durable and its record is there.
        const group = backend.groups.find((g) => g.blobs.includes(hash))!;
        expect(group.durable).toBe(true);
        expect(await store.blob(hash)).toMatchObject({ sha256: hash, size: bytes.length });
        acknowledged.push(hash);
      }),
    );
    expect(acknowledged).toHaveLength(12);
    // The first arrives alone; the eleven that came while it was kept share the next group.
    expect(backend.groups.map((g) => g.blobs.length)).toEqual([1, 11]);
    for (const bytes of scans) expect((await blobs.read(sha(bytes)))!.equals(bytes)).toBe(true);
    await store.close();
  });

  it('fails only the blob that cannot be kept: the rest of its group is kept alone', async () => {
    const { store, backend, blobs, commits } = site();
    const scans = [randomBytes(1000), randomBytes(1000), randomBytes(1000)];
    const record = (hash: string, size: number) => ({ sha256: hash, size, storedAt: 't', uploadedBy: 'w' });
    // A record the store refuses (size not a number) fails its group's transaction.
    const bad = blobs.sealWhole(sha(scans[0]!), scans[0]!)!;
    const first = commits.keep(blobs.sealWhole(sha(scans[1]!), scans[1]!)!, record(sha(scans[1]!), 1000));
    const results = await Promise.allSettled([
      first,
      commits.keep(bad, { ...record(bad.sha256, 1000), size: null as unknown as number }),
      commits.keep(blobs.sealWhole(sha(scans[2]!), scans[2]!)!, record(sha(scans[2]!), 1000)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.blob(sha(scans[2]!))).not.toBeNull();
    expect(await store.blob(bad.sha256)).toBeNull();
    expect(backend.groups.map((g) => g.blobs.length)).toEqual([1, 2, 1, 1]);
    await store.close();
  });
});
