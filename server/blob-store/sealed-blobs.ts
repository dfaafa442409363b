// The blob store the server calls, the same over every back end: a chunked
// upload's part bytes are encrypted as they arrive (AES-256-CTR under a key of
// the upload's own, at-rest/part-cipher.ts); once the last byte is in, the
// plaintext must have the SHA-256 the blob is named by, or nothing is kept; a
// verified blob is sealed (at-rest/envelope.ts, the blob's hash as its id)
// and handed to the back end whole. A read opens the sealed bytes and checks
// their SHA-256 again before any of it is served: bit rot or a half-copied
// object is refused (BlobCorrupt), never served. The back end stores exactly
// these bytes, so a folder, a table or a bucket holds the same.
import { createHash } from 'node:crypto';
import type { Keyring } from '../at-rest/data-key.ts';
import { isSealed, open, rewrap, seal, sealedKeyId, SealedRecordError, sealPieces } from '../at-rest/envelope.ts';
import { ctrAt, newPartKey, openPartKey } from '../at-rest/part-cipher.ts';
import { BlobCorrupt, type BlobBackend, type SealedBlob } from './contract.ts';

const blobId = (sha256: string): string => `blob:${sha256}`;
const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class BlobStore {
  readonly backend: BlobBackend;
  private readonly keyring: Keyring;
  /** One operation at a time per blob: duplicated or overlapping PUTs never interleave their writes. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(backend: BlobBackend, keyring: Keyring) {
    this.backend = backend;
    this.keyring = keyring;
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

  /** The upload's key; `fresh` (or none usable) makes a new one, so no key stream covers two contents. */
  private async partKey(sha256: string, fresh: boolean): Promise<Buffer> {
    const held = fresh ? null : openPartKey(this.keyring, sha256, await this.backend.partKey(sha256));
    if (held) return held;
    // No usable key: what was written before cannot be read, and the blob's hash check will say so.
    const made = newPartKey(this.keyring, sha256);
    await this.backend.savePartKey(sha256, made.sealed);
    return made.key;
  }

  /**
   * Writes `bytes` at `offset` of the upload, first cutting it to `keep`
   * bytes (anything past what was acknowledged is dropped); durable when it returns.
   */
  async writePart(sha256: string, keep: number, offset: number, bytes: Uint8Array): Promise<void> {
    const key = await this.partKey(sha256, keep === 0);
    await this.backend.writePart(sha256, keep, offset, ctrAt(key, offset, bytes));
  }

  /**
   * Checks the upload against its name and keeps it sealed; an upload whose
   * hash or size is wrong is dropped. True when the blob was kept.
   */
  async finish(sha256: string, size: number): Promise<boolean> {
    const key = await this.partKey(sha256, false);
    const plain = ctrAt(key, 0, await this.backend.readPart(sha256));
    if (plain.length !== size || sha256Of(plain) !== sha256) {
      await this.discard(sha256);
      return false;
    }
    await this.backend.put(sha256, seal(this.keyring, blobId(sha256), plain));
    await this.backend.dropPart(sha256);
    return true;
  }

  /**
   * A whole blob that arrived in one chunk, its hash checked in memory and
   * sealed, for keepMany(); null when the bytes are not this blob.
   */
  sealWhole(sha256: string, bytes: Uint8Array, bytesSha256?: string): SealedBlob | null {
    // `bytesSha256`: the hash of exactly these bytes, when the caller has it (the signature's): not computed twice.
    if ((bytesSha256 ?? sha256Of(bytes)) !== sha256) return null;
    return { sha256, sealed: sealPieces(this.keyring, blobId(sha256), bytes) };
  }

  /** Keeps whole blobs sealed by sealWhole() together, superseding any part of them; durable when it returns. */
  keepMany(blobs: readonly SealedBlob[]): Promise<void> {
    return this.backend.putMany(blobs);
  }

  /** sealWhole() and keepMany() for one blob: false, with nothing written, when the bytes are not this blob. */
  async storeWhole(sha256: string, bytes: Uint8Array, bytesSha256?: string): Promise<boolean> {
    const sealed = this.sealWhole(sha256, bytes, bytesSha256);
    if (!sealed) return false;
    await this.keepMany([sealed]);
    return true;
  }

  discard(sha256: string): Promise<void> {
    return this.backend.dropPart(sha256);
  }

  /**
   * The blob's plaintext, opened whole and checked against its SHA-256 before
   * any of it is served: BlobCorrupt when the stored bytes do not open or are
   * not the blob. A blob kept in clear by an earlier server is served only
   * when it still has its hash. Null when the back end holds no such blob.
   */
  async read(sha256: string): Promise<Buffer | null> {
    const stored = await this.backend.get(sha256);
    if (!stored) return null;
    let plain: Buffer = stored;
    if (isSealed(stored)) {
      try {
        plain = open(this.keyring, blobId(sha256), stored);
      } catch (error) {
        if (error instanceof SealedRecordError) throw new BlobCorrupt(error.code);
        throw error;
      }
    }
    if (sha256Of(plain) !== sha256) throw new BlobCorrupt(isSealed(stored) ? 'hash_mismatch' : 'tampered');
    return plain;
  }

  has(sha256: string): Promise<boolean> {
    return this.backend.has(sha256);
  }

  /** Forgets a kept blob (retention). */
  remove(sha256: string): Promise<void> {
    return this.exclusive(sha256, () => this.backend.remove(sha256));
  }

  /**
   * Seals the blobs an earlier server kept in clear (run once at start): each
   * is checked against its name and sealed in its place. The number sealed; a
   * blob that is not its blob is left for read() to refuse.
   */
  sealClear(): Promise<number> {
    return this.rewrite((sha256, bytes) =>
      isSealed(bytes) || sha256Of(bytes) !== sha256 ? null : seal(this.keyring, blobId(sha256), bytes),
    );
  }

  /** Rewraps each sealed blob's data key under the current key (a key rotation); the number rewrapped. */
  rewrap(): Promise<number> {
    return this.rewrite((sha256, bytes) =>
      isSealed(bytes) && sealedKeyId(bytes) !== this.keyring.current.id
        ? rewrap(this.keyring, blobId(sha256), bytes)
        : null,
    );
  }

  /** Puts back each kept blob `change` gives new bytes for. */
  private async rewrite(change: (sha256: string, bytes: Buffer) => Buffer | null): Promise<number> {
    let changed = 0;
    for (const sha256 of await this.backend.list()) {
      await this.exclusive(sha256, async () => {
        const stored = await this.backend.get(sha256);
        const next = stored && change(sha256, stored);
        if (!next) return;
        await this.backend.put(sha256, next);
        changed += 1;
      });
    }
    return changed;
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}
