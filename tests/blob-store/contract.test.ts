// One contract for the three blob back ends — the data folder, PostgreSQL and
// S3-compatible object storage (s3rver here, on a loopback port) — through the
// blob store the server calls: a blob is kept only whole and with its
// SHA-256, an upload resumes where it stopped (on another instance too), a
// wrong hash keeps nothing, and bytes spoilt where they are stored are refused,
// never handed out. The PostgreSQL one is skipped, saying so, without
// TONGBAN_TEST_DATABASE_URL.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyringOf } from '../../server/at-rest/data-key.ts';
import { isSealed, seal, sealedKeyId } from '../../server/at-rest/envelope.ts';
import { BLOB_BACKENDS, BlobCorrupt } from '../../server/blob-store/contract.ts';
import { BlobStore } from '../../server/blob-store/sealed-blobs.ts';
import { startObjectStorage, type ObjectStorage } from '../support/object-storage.ts';
import { openSite, POSTGRES_ENABLED, POSTGRES_SKIPPED, type BackendSite } from './backends.ts';

if (!POSTGRES_ENABLED) console.log(`Blob store contract: ${POSTGRES_SKIPPED}`);

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const KEY = randomBytes(32);
const keyring = keyringOf([KEY]);

let storage: ObjectStorage;
beforeAll(async () => {
  storage = await startObjectStorage();
});
afterAll(() => storage.close());

describe.each(BLOB_BACKENDS.map((kind) => ({ kind })))('the $kind blob back end', ({ kind }) => {
  const run = kind === 'postgresql' && !POSTGRES_ENABLED ? it.skip : it;
  let opened: BackendSite | undefined;
  /** A fresh back end for the test, and the blob store over it. */
  const open = async (): Promise<{ site: BackendSite; blobs: BlobStore }> => {
    const site = (opened = await openSite(kind, () => storage));
    return { site, blobs: new BlobStore(site.backend, keyring) };
  };
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  run('keeps a whole blob sealed, and reads it back checked', async () => {
    const { site, blobs } = await open();
    const bytes = randomBytes(70_000);
    const hash = sha(bytes);
    expect(await blobs.has(hash)).toBe(false);
    expect(await blobs.read(hash)).toBeNull();
    expect(await blobs.storeWhole(hash, bytes)).toBe(true);
    expect(await blobs.has(hash)).toBe(true);
    expect((await blobs.read(hash))!.equals(bytes)).toBe(true);
    // What the back end holds is the sealed record, the same bytes on every back end: never the scan itself.
    const stored = (await site.backend.get(hash))!;
    expect(isSealed(stored)).toBe(true);
    expect(stored.includes(bytes.subarray(0, 64))).toBe(false);
    expect(await site.backend.list()).toEqual([hash]);
  });

  run('keeps blobs that arrived together in one putMany, each whole, superseding their parts', async () => {
    const { site, blobs } = await open();
    const scans = [randomBytes(70_000), randomBytes(5000), randomBytes(1)];
    // An upload of the first had begun: its part and key are dropped once it arrives whole.
    await blobs.writePart(sha(scans[0]!), 0, 0, scans[0]!.subarray(0, 30_000));
    expect((await site.backend.readPart(sha(scans[0]!))).length).toBe(30_000);
    await blobs.keepMany(scans.map((bytes) => blobs.sealWhole(sha(bytes), bytes)!));
    for (const bytes of scans) expect((await blobs.read(sha(bytes)))!.equals(bytes)).toBe(true);
    expect((await site.backend.list()).sort()).toEqual(scans.map(sha).sort());
    expect((await site.backend.readPart(sha(scans[0]!))).length).toBe(0);
    expect(await site.backend.partKey(sha(scans[0]!))).toBeNull();
    // Bytes not of their name are never sealed for keeping.
    expect(blobs.sealWhole(sha(scans[1]!), scans[2]!)).toBeNull();
  });

  run('refuses a whole blob that is not its hash, and keeps nothing', async () => {
    const { site, blobs } = await open();
    const bytes = randomBytes(5000);
    const claimed = sha(randomBytes(8));
    expect(await blobs.storeWhole(claimed, bytes)).toBe(false);
    expect(await blobs.has(claimed)).toBe(false);
    expect(await site.backend.list()).toEqual([]);
  });

  run('resumes a chunked upload on another instance, shows it only once whole, and checks it', async () => {
    const { site, blobs } = await open();
    const bytes = randomBytes(300_000);
    const hash = sha(bytes);
    await blobs.writePart(hash, 0, 0, bytes.subarray(0, 100_000));
    await blobs.writePart(hash, 100_000, 100_000, bytes.subarray(100_000, 200_000));
    expect(await blobs.has(hash)).toBe(false);
    expect(await blobs.read(hash)).toBeNull();
    // The first instance stops; another one over the same bytes takes the rest.
    const other = new BlobStore(await site.reopen(), keyring);
    await other.writePart(hash, 200_000, 200_000, bytes.subarray(200_000));
    expect(await other.finish(hash, bytes.length)).toBe(true);
    expect((await blobs.read(hash))!.equals(bytes)).toBe(true);
    // The upload's pieces and key are gone once it is kept.
    expect((await site.backend.readPart(hash)).length).toBe(0);
    expect(await site.backend.partKey(hash)).toBeNull();
  });

  run('drops what was written past the acknowledged length before writing on', async () => {
    const { blobs } = await open();
    const bytes = randomBytes(70_000);
    const hash = sha(bytes);
    await blobs.writePart(hash, 0, 0, bytes.subarray(0, 40_000));
    // Written, but their answers never reached the device: the store's record still says 40,000.
    await blobs.writePart(hash, 40_000, 40_000, randomBytes(30_000));
    await blobs.writePart(hash, 70_000, 70_000, randomBytes(50_000));
    await blobs.writePart(hash, 40_000, 40_000, bytes.subarray(40_000));
    expect(await blobs.finish(hash, bytes.length)).toBe(true);
    expect((await blobs.read(hash))!.equals(bytes)).toBe(true);
  });

  run('refuses a chunked upload whose bytes are not its hash, and keeps nothing of it', async () => {
    const { site, blobs } = await open();
    const bytes = randomBytes(30_000);
    const claimed = sha(randomBytes(8));
    await blobs.writePart(claimed, 0, 0, bytes.subarray(0, 10_000));
    await blobs.writePart(claimed, 10_000, 10_000, bytes.subarray(10_000));
    expect(await blobs.finish(claimed, bytes.length)).toBe(false);
    expect(await blobs.has(claimed)).toBe(false);
    expect((await site.backend.readPart(claimed)).length).toBe(0);
    expect(await site.backend.partKey(claimed)).toBeNull();
    // Too few bytes for the size claimed is refused the same way.
    await blobs.writePart(claimed, 0, 0, bytes.subarray(0, 10_000));
    expect(await blobs.finish(claimed, bytes.length)).toBe(false);
  });

  run('refuses a blob whose stored bytes rotted or were half copied, and never hands them out', async () => {
    const { site, blobs } = await open();
    const rotted = randomBytes(20_000);
    const halved = randomBytes(20_000);
    for (const bytes of [rotted, halved]) expect(await blobs.storeWhole(sha(bytes), bytes)).toBe(true);
    await site.spoil(sha(rotted), (stored) => {
      const copy = Buffer.from(stored);
      copy[copy.length - 100]! ^= 0x04;
      return copy;
    });
    await site.spoil(sha(halved), (stored) => stored.subarray(0, Math.floor(stored.length / 2)));
    await expect(blobs.read(sha(rotted))).rejects.toThrow(BlobCorrupt);
    await expect(blobs.read(sha(halved))).rejects.toThrow(BlobCorrupt);
    // Another blob's intact sealed bytes under this blob's name do not open either.
    const [mine, theirs] = [randomBytes(1000), randomBytes(1000)];
    for (const bytes of [mine, theirs]) await blobs.storeWhole(sha(bytes), bytes);
    const foreign = (await site.backend.get(sha(theirs)))!;
    await site.spoil(sha(mine), () => foreign);
    await expect(blobs.read(sha(mine))).rejects.toMatchObject({ name: 'BlobCorrupt', reason: 'tampered' });
    // Other bytes sealed properly under this blob's name (a restore gone wrong): they open, but are not the blob.
    await site.spoil(sha(theirs), () => seal(keyring, `blob:${sha(theirs)}`, mine));
    await expect(blobs.read(sha(theirs))).rejects.toMatchObject({ name: 'BlobCorrupt', reason: 'hash_mismatch' });
  });

  run('forgets a removed blob, and rewraps kept ones under a new data key', async () => {
    const { site, blobs } = await open();
    const gone = randomBytes(3000);
    const kept = randomBytes(3000);
    await blobs.storeWhole(sha(gone), gone);
    await blobs.storeWhole(sha(kept), kept);
    await blobs.remove(sha(gone));
    expect(await blobs.has(sha(gone))).toBe(false);
    expect(await blobs.read(sha(gone))).toBeNull();
    const rotated = keyringOf([KEY, randomBytes(32)]);
    expect(await new BlobStore(site.backend, rotated).rewrap()).toBe(1);
    expect(sealedKeyId((await site.backend.get(sha(kept)))!)).toBe(rotated.current.id);
    expect((await new BlobStore(site.backend, rotated).read(sha(kept)))!.equals(kept)).toBe(true);
  });
});
