// The embedded default: blobs in the data folder, `<data>/blobs/ab/<sha256>`,
// and an upload under way as a part file (and its sealed key) under
// `<data>/blobs/incoming/`. A blob is only ever renamed into place whole, so
// a file at its final path is always complete. Every write is fsynced before
// it returns, and the folder after a rename.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BlobStoreError, SHA256_NAME, type BlobBackend, type SealedBlob } from './contract.ts';

/** unlink(2) alone, a missing file being fine: rm() would lstat first and walk a folder it never meets here. */
async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Written whole to a file that must not exist yet, its pieces one after the other, and fsynced before it returns. */
async function writeSynced(path: string, pieces: readonly Buffer[]): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
    let at = (await handle.writev(pieces as Buffer[], 0)).bytesWritten;
    // A file takes a writev whole but for a full disk; what it did not take is written on, or that fails.
    if (at < size) {
      const all = Buffer.concat(pieces);
      while (at < size) at += (await handle.write(all, at, size - at, at)).bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A put's own file in `incoming/`, before its rename: `<sha256>.<uuid>.put`. */
const PUT_SUFFIX = '.put';
const STALE_PUT_MS = 60 * 60 * 1000;

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where a kept blob's file is. */
export function blobFile(dataDir: string, sha256: string): string {
  return join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
}

export class FolderBackend implements BlobBackend {
  readonly kind = 'folder';
  readonly location: string;
  private readonly dataDir: string;
  private readonly root: string;
  /** Folders made already: a syscall less per chunk. */
  private readonly folders = new Set<string>();

  constructor(dataDir: string) {
    this.dataDir = dataDir;
    this.root = join(dataDir, 'blobs');
    this.location = this.root;
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

  async check(): Promise<void> {
    const incoming = join(this.root, 'incoming');
    try {
      await access(await this.folder(incoming), constants.W_OK);
    } catch (error) {
      throw new BlobStoreError(`Cannot write the blob folder ${this.root}: ${(error as NodeJS.ErrnoException).code}.`);
    }
    await this.sweepStalePuts(incoming);
  }

  /**
   * A put's own file outlives its put only when the process died between writing and renaming it: sealed
   * bytes nothing refers to, which retention would never reach. Those an hour old are removed at start;
   * a younger one may be another instance's put under way.
   */
  private async sweepStalePuts(incoming: string): Promise<void> {
    const before = Date.now() - STALE_PUT_MS;
    for (const name of await readdir(incoming)) {
      if (!name.endsWith(PUT_SUFFIX)) continue;
      const path = join(incoming, name);
      const modified = await stat(path).then(
        ({ mtimeMs }) => mtimeMs,
        () => Date.now(),
      );
      if (modified < before) await removeFile(path);
    }
  }

  /** The data folder is there and the server may write in it: a lost mount fails this. */
  ready(): Promise<void> {
    return access(this.dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  }

  async writePart(sha256: string, keep: number, offset: number, bytes: Uint8Array): Promise<void> {
    const part = this.partPath(sha256);
    await this.folder(dirname(part));
    // Not 'a' mode: appending writes ignore the offset.
    const handle = await open(part, constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      // Written first and cut after, not cut first: an instance sharing the folder that reads the part
      // meanwhile (a resent chunk reached it too) never finds it shorter than what was acknowledged.
      await handle.write(bytes, 0, bytes.length, offset);
      await handle.truncate(Math.max(keep, offset + bytes.length));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async readPart(sha256: string): Promise<Buffer> {
    return readFile(this.partPath(sha256)).catch(() => Buffer.alloc(0));
  }

  async partKey(sha256: string): Promise<Buffer | null> {
    return readFile(this.partKeyPath(sha256)).catch(() => null);
  }

  async savePartKey(sha256: string, sealed: Uint8Array): Promise<void> {
    await this.folder(join(this.root, 'incoming'));
    await writeFile(this.partKeyPath(sha256), sealed, { mode: 0o600, flush: true });
  }

  async dropPart(sha256: string): Promise<void> {
    await removeFile(this.partPath(sha256));
    await removeFile(this.partKeyPath(sha256));
  }

  /** Written to a file of its own, fsynced, and renamed into place. */
  put(sha256: string, sealed: Uint8Array): Promise<void> {
    return this.keep([{ sha256, sealed: [Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)] }]);
  }

  /** Kept as put() keeps each, and a part left by an earlier, resumable try of one of them is superseded. */
  async putMany(blobs: readonly SealedBlob[]): Promise<void> {
    await this.keep(blobs);
    await Promise.all(blobs.map(({ sha256 }) => this.dropPart(sha256)));
  }

  /**
   * Each written to a file of this put's own and fsynced, all at once (a
   * journaling file system may take concurrent fsyncs in one commit), then
   * renamed into place, and each folder renamed into fsynced once for the lot.
   * A file of its own, not the part file: instances sharing the folder may put
   * the same blob at once (a resent request that reached another one), and
   * neither may write into or rename away the other's. A file system has no
   * one write for many files: each blob still costs its own fsync.
   */
  private async keep(blobs: readonly SealedBlob[]): Promise<void> {
    const incoming = await this.folder(join(this.root, 'incoming'));
    const written = blobs.map(({ sha256, sealed }) => ({
      sha256,
      sealed,
      path: join(incoming, `${sha256}.${randomUUID()}${PUT_SUFFIX}`),
    }));
    try {
      await Promise.all(written.map(({ path, sealed }) => writeSynced(path, sealed)));
    } catch (error) {
      // None of them is renamed into place: none of their files may stay behind.
      await Promise.all(written.map(({ path }) => removeFile(path).catch(() => {})));
      throw error;
    }
    const folders = new Set<string>();
    for (const { sha256, path } of written) {
      const target = blobFile(this.dataDir, sha256);
      await rename(path, join(await this.folder(dirname(target)), sha256));
      folders.add(dirname(target));
    }
    await Promise.all([...folders].map(fsyncDirectory));
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(blobFile(this.dataDir, sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return access(blobFile(this.dataDir, sha256)).then(
      () => true,
      () => false,
    );
  }

  async remove(sha256: string): Promise<void> {
    await removeFile(blobFile(this.dataDir, sha256));
  }

  async list(): Promise<string[]> {
    const found: string[] = [];
    const folders = await readdir(this.root).catch(() => [] as string[]);
    for (const folder of folders.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      found.push(...(await readdir(join(this.root, folder))).filter((name) => SHA256_NAME.test(name)));
    }
    return found;
  }

  async close(): Promise<void> {}
}
