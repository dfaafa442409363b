import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobStatus, MAX_BLOB_BYTES } from '../shared/sync/protocol.ts';
import { loadDataKey } from './at-rest/data-key.ts';
import { isSealed } from './at-rest/envelope.ts';
import { FolderBackend } from './blob-store/folder.ts';
import { BlobStore } from './blob-store/sealed-blobs.ts';
import { enroll, newCase, SERVER_REGION, type TestDevice } from '../tests/support/server.ts';
import { serverWithWindowForEachTest } from '../tests/support/server-each-test.ts';

const site = serverWithWindowForEachTest();

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function status(device: TestDevice, sha256: string) {
  const answer = await device.request('GET', `/blobs/${sha256}/status`);
  expect(answer.status).toBe(200);
  return blobStatus.parse(answer.json());
}

/** A blob as the server keeps it: sealed on disk, its plaintext the bytes sent. */
async function kept(sha256: string): Promise<Buffer> {
  const { dataDir } = site.server;
  const file = readFileSync(join(dataDir, 'blobs', sha256.slice(0, 2), sha256));
  expect(isSealed(file)).toBe(true);
  return (await new BlobStore(new FolderBackend(dataDir), (await loadDataKey(dataDir)).keyring).read(sha256))!;
}

/** Files left in the incoming folder: part files of unfinished uploads. */
function incoming(): string[] {
  const dir = join(site.server.dataDir, 'blobs', 'incoming');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('blobs', () => {
  it('HEAD 404, then three chunks, status, HEAD 200; the bytes read back', async () => {
    const bytes = randomBytes(300_000);
    const hash = sha(bytes);
    expect((await site.window3.request('HEAD', `/blobs/${hash}`)).status).toBe(404);
    expect(await status(site.window3, hash)).toEqual({ received: 0, complete: false });

    const chunks = [bytes.subarray(0, 100_000), bytes.subarray(100_000, 200_000), bytes.subarray(200_000)];
    const answers = [];
    for (const [i, chunk] of chunks.entries()) {
      const answer = await site.window3.putChunk(hash, chunk, i * 100_000, bytes.length);
      expect(answer.status).toBe(200);
      answers.push(answer.json());
    }
    expect(answers).toEqual([
      { received: 100_000, complete: false },
      { received: 200_000, complete: false },
      { received: 300_000, complete: true },
    ]);
    expect(await status(site.window3, hash)).toEqual({ received: 300_000, complete: true });
    expect((await site.window3.request('HEAD', `/blobs/${hash}`)).status).toBe(200);
    expect(await kept(hash)).toEqual(bytes);
    expect(incoming()).toEqual([]);

    const read = await site.window3.request('GET', `/blobs/${hash}`);
    expect(read.status).toBe(200);
    expect(read.body.equals(bytes)).toBe(true);
    // Sending it again is harmless.
    expect((await site.window3.putChunk(hash, chunks[0]!, 0, bytes.length)).json()).toEqual({
      received: 300_000,
      complete: true,
    });
  });

  it('resumes an upload cut midway, and takes a resent chunk', async () => {
    const bytes = randomBytes(250_000);
    const hash = sha(bytes);
    await site.window3.putChunk(hash, bytes.subarray(0, 100_000), 0, bytes.length);
    // The connection dropped: the device asks how far it got.
    expect(await status(site.window3, hash)).toEqual({ received: 100_000, complete: false });
    // A chunk that skips ahead is refused; the status says where to go on.
    const gap = await site.window3.putChunk(hash, bytes.subarray(150_000), 150_000, bytes.length);
    expect(gap.status).toBe(409);
    expect(gap.json()).toMatchObject({ error: 'range_conflict' });
    // The first chunk again (its answer was lost), then one overlapping what is there, then the rest.
    expect((await site.window3.putChunk(hash, bytes.subarray(0, 100_000), 0, bytes.length)).json()).toEqual({
      received: 100_000,
      complete: false,
    });
    await site.window3.putChunk(hash, bytes.subarray(50_000, 180_000), 50_000, bytes.length);
    const last = await site.window3.putChunk(hash, bytes.subarray(180_000), 180_000, bytes.length);
    expect(last.json()).toEqual({ received: 250_000, complete: true });
    expect(await kept(hash)).toEqual(bytes);
  });

  it('refuses bytes that do not have the hash once the last chunk is in, and keeps nothing', async () => {
    const bytes = randomBytes(20_000);
    const claimed = sha(randomBytes(16));
    expect((await site.window3.putChunk(claimed, bytes.subarray(0, 10_000), 0, bytes.length)).status).toBe(200);
    const last = await site.window3.putChunk(claimed, bytes.subarray(10_000), 10_000, bytes.length);
    expect(last.status).toBe(422);
    expect(last.json()).toMatchObject({ error: 'hash_mismatch' });
    expect((await site.window3.request('HEAD', `/blobs/${claimed}`)).status).toBe(404);
    expect(await status(site.window3, claimed)).toEqual({ received: 0, complete: false });
    expect(incoming()).toEqual([]);
    expect(existsSync(join(site.server.dataDir, 'blobs', claimed.slice(0, 2), claimed))).toBe(false);
    expect((await site.server.store.stats()).blobs).toBe(0);
  });

  it('keeps a whole scan sent again as it was, and refuses other bytes under its name without touching it', async () => {
    const bytes = randomBytes(64 * 1024);
    const hash = sha(bytes);
    expect((await site.window3.putChunk(hash, bytes, 0, bytes.length)).json()).toEqual({
      received: bytes.length,
      complete: true,
    });
    // Sent whole again (its answer was lost): kept again, the same bytes.
    expect((await site.window3.putChunk(hash, bytes, 0, bytes.length)).json()).toEqual({
      received: bytes.length,
      complete: true,
    });
    expect(await kept(hash)).toEqual(bytes);
    // Other bytes claiming its name: refused, and the kept blob is untouched.
    const other = randomBytes(bytes.length);
    const refused = await site.window3.putChunk(hash, other, 0, other.length);
    expect(refused.status).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'hash_mismatch' });
    expect(await kept(hash)).toEqual(bytes);
    expect(incoming()).toEqual([]);
  });

  it('refuses a blob larger than the limit and a chunk larger than the body limit', async () => {
    const hash = sha(Buffer.from('big'));
    const tooBig = await site.window3.putChunk(hash, Buffer.alloc(10), 0, MAX_BLOB_BYTES + 1);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json()).toMatchObject({ error: 'blob_too_large' });
    const hugeChunk = await site.window3.putChunk(hash, Buffer.alloc(2 * 1024 * 1024), 0, 4 * 1024 * 1024);
    expect(hugeChunk.status).toBe(413);
    expect(hugeChunk.json()).toMatchObject({ error: 'body_too_large' });
    expect(incoming()).toEqual([]);
  });

  it('refuses a Content-Range that does not match the body, or none', async () => {
    const bytes = randomBytes(100);
    const hash = sha(bytes);
    const wrong = await site.window3.request('PUT', `/blobs/${hash}`, bytes, {
      headers: { 'content-range': 'bytes 0-49/100' },
    });
    expect(wrong.status).toBe(400);
    const none = await site.window3.request('PUT', `/blobs/${hash}`, bytes);
    expect(none.status).toBe(400);
    expect((await site.window3.request('HEAD', '/blobs/not-a-hash')).status).toBe(400);
  });

  it('never gives a blob file left without its record to a device that merely names its hash', async () => {
    // A blob kept whose record is gone (a crash between retention's commit and its file's removal): the
    // file is there, and nothing says whose it is.
    const secret = randomBytes(30_000);
    const hash = sha(secret);
    const { dataDir } = site.server;
    await new BlobStore(new FolderBackend(dataDir), (await loadDataKey(dataDir)).keyring).storeWhole(hash, secret);
    const other = await enroll(site.server, site.window3.transport, {}, 'curious window');
    const guess = randomBytes(secret.length);
    expect((await other.putChunk(hash, guess.subarray(0, 10_000), 0, guess.length)).status).toBe(200);
    const last = await other.putChunk(hash, guess.subarray(10_000), 10_000, guess.length);
    expect([last.status, last.json()]).toEqual([422, expect.objectContaining({ error: 'hash_mismatch' })]);
    expect(await site.server.store.blob(hash)).toBeNull();
    expect((await other.request('GET', `/blobs/${hash}`)).status).toBe(404);
  });

  it('gives the bytes only to a device party to a case that refers to them', async () => {
    const transport = site.window3.transport;
    const other = await enroll(site.server, transport, {}, 'other window');
    const desk = await enroll(site.server, transport, { kind: 'acceptance', regionCode: SERVER_REGION });
    const bytes = randomBytes(1000);
    const hash = sha(bytes);
    await site.window3.putChunk(hash, bytes, 0, bytes.length);
    expect((await other.request('GET', `/blobs/${hash}`)).status).toBe(403);
    expect((await desk.request('GET', `/blobs/${hash}`)).status).toBe(403);
    const one = newCase({ scans: [{ sha256: hash, materialId: 'id_card' }] });
    await site.window3.push([one.received, one.materials]);
    const read = await desk.request('GET', `/blobs/${hash}`);
    expect(read.status).toBe(200);
    expect(read.body.equals(bytes)).toBe(true);
    expect((await other.request('GET', `/blobs/${hash}`)).status).toBe(403);
    expect((await desk.request('GET', `/blobs/${sha(Buffer.from('none'))}`)).status).toBe(404);
  });
});
