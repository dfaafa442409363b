// Blob bytes on disk: `<data>/blobs/ab/<sha256>` once verified, and a part
// file under `<data>/blobs/incoming/` while a chunked upload is under way.
// A blob is only ever renamed into place after its SHA-256 was checked, so a
// file at its final path is always verified. Every chunk is fsynced before
// the server acknowledges it.
import { createHash } from 'node:crypto';
import { constants, createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class BlobFiles {
  private readonly root: string;
  /** One operation at a time per blob: duplicated or overlapping PUTs never interleave their writes. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Folders made already: a syscall less per chunk. */
  private readonly folders = new Set<string>();

  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs');
  }

  path(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  private partPath(sha256: string): string {
    return join(this.root, 'incoming', `${sha256}.part`);
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
    // Not 'a' mode: appending writes ignore the offset.
    const handle = await open(part, constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      await handle.truncate(keep);
      await handle.write(bytes, 0, bytes.length, offset);
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
    const part = this.partPath(sha256);
    const hash = createHash('sha256');
    let length = 0;
    for await (const chunk of createReadStream(part) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      length += chunk.length;
    }
    if (length !== size || hash.digest('hex') !== sha256) {
      await this.discard(sha256);
      return false;
    }
    await this.moveIntoPlace(sha256);
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
    const handle = await open(join(await this.folder(join(this.root, 'incoming')), `${sha256}.part`), 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.moveIntoPlace(sha256);
    return true;
  }

  private async moveIntoPlace(sha256: string): Promise<void> {
    const target = this.path(sha256);
    await rename(this.partPath(sha256), join(await this.folder(dirname(target)), sha256));
    await fsyncDirectory(dirname(target));
  }

  async discard(sha256: string): Promise<void> {
    await rm(this.partPath(sha256), { force: true });
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.path(sha256));
  }
}
