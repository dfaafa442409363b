// Blob bytes on disk: `<data>/blobs/ab/<sha256>` once verified, and a part
// file under `<data>/blobs/incoming/` while a chunked upload is under way.
// A blob is only ever renamed into place after its SHA-256 was checked, so a
// file at its final path is always verified. Every chunk is fsynced before
// the server acknowledges it. At rest every blob is sealed (at-rest/envelope.ts,
// the blob's hash as its id) and a part file encrypted (at-rest/part-cipher.ts):
// the SHA-256 stays that of the plaintext, checked before sealing.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Keyring } from './at-rest/data-key.ts';
import { isSealed, open as openSealed, rewrap, seal, sealedKeyId, SealedRecordError } from './at-rest/envelope.ts';
import { ctrAt, PartKeys } from './at-rest/part-cipher.ts';
import { unreadable } from './at-rest/sealed-store.ts';

const SHA256_NAME = /^[0-9a-f]{64}$/;
const blobId = (sha256: string): string => `blob:${sha256}`;

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where a verified blob's file is kept. */
export function blobFile(dataDir: string, sha256: string): string {
  return join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
}

export class BlobFiles {
  private readonly dataDir: string;
  private readonly root: string;
  /** One operation at a time per blob: duplicated or overlapping PUTs never interleave their writes. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Folders made already: a syscall less per chunk. */
  private readonly folders = new Set<string>();
  private readonly keyring: Keyring;
  private readonly partKeys: PartKeys;

  constructor(dataDir: string, keyring: Keyring) {
    this.dataDir = dataDir;
    this.root = join(dataDir, 'blobs');
    this.keyring = keyring;
    this.partKeys = new PartKeys(keyring);
  }

  path(sha256: string): string {
    return blobFile(this.dataDir, sha256);
  }

  private partPath(sha256: string): string {
    return join(this.root, 'incoming', `${sha256}.part`);
  }

  private partKeyPath(sha256: string): string {
    return join(this.root, 'incoming', `${sha256}.key`);
  }

  private async folder(path: string): Promise<string> {
    if (!this.folders.has(path)) {
      await mkdir(path, { recursive: true });
      this.folders.add(path);
    }
    return path;
  }

  /** Runs `work` after any earlier work on the same blob has finished. */
  exclusive<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(sha256) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(sha256, settled);
    void settled.then(() => {
      if (this.locks.get(sha256) === settled) this.locks.delete(sha256);
    });
    return next;
  }

  /**
   * Writes `bytes` at `offset` of the part file, first cutting it to `keep`
   * bytes (anything past what was acknowledged is dropped), and fsyncs.
   */
  async writePart(sha256: string, keep: number, offset: number, bytes: Uint8Array): Promise<void> {
    const part = this.partPath(sha256);
    await this.folder(dirname(part));
    const key = await this.partKeys.key(sha256, this.partKeyPath(sha256), keep === 0);
    const sealed = ctrAt(key, offset, bytes);
    // Not 'a' mode: appending writes ignore the offset.
    const handle = await open(part, constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      await handle.truncate(keep);
      await handle.write(sealed, 0, sealed.length, offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Checks the part file against its name and moves it into place; a part
   * file whose hash or size is wrong is deleted. True when the blob was kept.
   */
  async finish(sha256: string, size: number): Promise<boolean> {
    const key = await this.partKeys.key(sha256, this.partKeyPath(sha256), false);
    const plain = ctrAt(key, 0, await readFile(this.partPath(sha256)));
    if (plain.length !== size || createHash('sha256').update(plain).digest('hex') !== sha256) {
      await this.discard(sha256);
      return false;
    }
    await this.placeSealed(sha256, plain);
    return true;
  }

  /**
   * A whole blob that arrived in one chunk: its hash is checked in memory, so
   * the part file is written, fsynced and moved into place without reading it
   * back. False, with nothing written, when the bytes are not this blob.
   */
  async storeWhole(sha256: string, bytes: Uint8Array, bytesSha256?: string): Promise<boolean> {
    // `bytesSha256`: the hash of exactly these bytes, when the caller has it (the signature's): not computed twice.
    if ((bytesSha256 ?? createHash('sha256').update(bytes).digest('hex')) !== sha256) return false;
    await this.placeSealed(sha256, bytes);
    return true;
  }

  /** Seals verified plaintext into place. */
  private placeSealed(sha256: string, plain: Uint8Array): Promise<void> {
    return this.place(sha256, seal(this.keyring, blobId(sha256), plain));
  }

  /** Writes a sealed blob to the part file, fsyncs it, and renames it into place. */
  private async place(sha256: string, sealed: Uint8Array): Promise<void> {
    const handle = await open(join(await this.folder(join(this.root, 'incoming')), `${sha256}.part`), 'w', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const target = this.path(sha256);
    await rename(this.partPath(sha256), join(await this.folder(dirname(target)), sha256));
    await fsyncDirectory(dirname(target));
    await this.partKeys.remove(this.partKeyPath(sha256));
  }

  async discard(sha256: string): Promise<void> {
    await rm(this.partPath(sha256), { force: true });
    await this.partKeys.remove(this.partKeyPath(sha256));
  }

  /**
   * The blob's plaintext, opened whole before any of it is served: a sealed
   * file altered in any byte is refused (record_unreadable). A file kept in
   * clear by an earlier server is served only when it still has its hash.
   */
  async read(sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.path(sha256));
    try {
      if (isSealed(bytes)) return openSealed(this.keyring, blobId(sha256), bytes);
      if (createHash('sha256').update(bytes).digest('hex') === sha256) return bytes;
      throw new SealedRecordError('tampered');
    } catch (error) {
      if (error instanceof SealedRecordError) throw unreadable(error);
      throw error;
    }
  }

  /**
   * Seals the blob files an earlier server kept in clear (run once at start):
   * each is checked against its name, sealed and renamed over itself. The
   * number sealed; a file that is not its blob is left for read() to refuse.
   */
  async sealClearFiles(): Promise<number> {
    return this.eachFile(async (sha256, bytes) => {
      if (isSealed(bytes) || createHash('sha256').update(bytes).digest('hex') !== sha256) return null;
      return seal(this.keyring, blobId(sha256), bytes);
    });
  }

  /** Rewraps each sealed blob's data key under the current key (a key rotation); the number rewrapped. */
  async rewrapFiles(): Promise<number> {
    return this.eachFile(async (sha256, bytes) =>
      isSealed(bytes) && sealedKeyId(bytes) !== this.keyring.current.id
        ? rewrap(this.keyring, blobId(sha256), bytes)
        : null,
    );
  }

  /** Rewrites each verified blob file `change` gives new bytes for, through a part file and a rename. */
  private async eachFile(change: (sha256: string, bytes: Buffer) => Promise<Buffer | null>): Promise<number> {
    let changed = 0;
    const folders = await readdir(this.root).catch(() => [] as string[]);
    for (const folder of folders.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      for (const name of await readdir(join(this.root, folder))) {
        if (!SHA256_NAME.test(name)) continue;
        await this.exclusive(name, async () => {
          const next = await change(name, await readFile(this.path(name)));
          if (!next) return;
          await this.place(name, next);
          changed += 1;
        });
      }
    }
    return changed;
  }
}
