// The blob store: where a scan's bytes live on the exchange server. Two
// layers. `BlobBackend` is what differs between the three back ends — a folder
// (the embedded default), PostgreSQL, S3-compatible object storage — and only
// moves bytes it is given: part bytes of an upload under way, already
// encrypted, and sealed blobs. `BlobStore` (sealed-blobs.ts) is the one the
// server calls, the same over every back end: it encrypts the parts, checks a
// blob's SHA-256 before it is kept, seals it, and checks it again when it is
// read, so the promises hold on each back end alike.

/** The back ends a server can be configured with (TONGBAN_BLOB_STORE). */
export const BLOB_BACKENDS = ['folder', 'postgresql', 's3'] as const;
export type BlobBackendKind = (typeof BLOB_BACKENDS)[number];

export interface BlobBackend {
  readonly kind: BlobBackendKind;
  /** Where the bytes are, fit for a log: never a password or a secret key. */
  readonly location: string;
  /** At start: reachable, there and writable, or BlobStoreError with what to do about it. */
  check(): Promise<void>;
  /**
   * For readiness, asked every few seconds: resolves while the store is
   * reachable and there, rejects otherwise. Cheaper than check(), and it makes
   * nothing: a folder made again would hide a lost mount.
   */
  ready(): Promise<void>;
  /**
   * Drops the upload's part bytes from `keep` on (everything when 0: the
   * upload starts over), then writes `bytes` at `offset`; durable when it returns.
   */
  writePart(sha256: string, keep: number, offset: number, bytes: Uint8Array): Promise<void>;
  /** The part bytes held from offset 0, as far as they run without a gap; empty when none. */
  readPart(sha256: string): Promise<Buffer>;
  /** The upload's sealed part key, if one was kept. */
  partKey(sha256: string): Promise<Buffer | null>;
  savePartKey(sha256: string, sealed: Uint8Array): Promise<void>;
  /** Forgets the upload's part bytes and its key. */
  dropPart(sha256: string): Promise<void>;
  /** Keeps a sealed blob: visible to get() only whole, durable when it returns. */
  put(sha256: string, sealed: Uint8Array): Promise<void>;
  /**
   * Keeps sealed blobs that arrived together, each as put() does, and forgets
   * any upload part bytes and key of them; all durable when it returns, with
   * one durable write for the lot where the back end has one.
   */
  putMany(blobs: readonly SealedBlob[]): Promise<void>;
  /** The sealed blob as stored, or null when there is none. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** Removes a kept blob; nothing when there is none. */
  remove(sha256: string): Promise<void>;
  /** Every kept blob's SHA-256 (a key rotation goes through them). */
  list(): Promise<string[]>;
  close(): Promise<void>;
}

/** A verified blob, sealed, on its way to a back end. */
export interface SealedBlob {
  sha256: string;
  /** The sealed bytes in pieces, in order (at-rest/envelope.ts sealPieces): joined only where a back end must. */
  sealed: readonly Buffer[];
}

/** A sealed blob's bytes in one buffer, for a back end that sends them as one. */
export function sealedBytes(blob: SealedBlob): Buffer {
  return blob.sealed.length === 1 ? blob.sealed[0]! : Buffer.concat(blob.sealed);
}

/** A sealed blob's size. */
export function sealedSize(blob: SealedBlob): number {
  return blob.sealed.reduce((size, piece) => size + piece.length, 0);
}

/** A blob store that cannot serve: the start stops with this message (it names no secret). */
export class BlobStoreError extends Error {
  override readonly name = 'BlobStoreError';
}

/** A kept blob whose stored bytes no longer open as sealed or no longer have their SHA-256. */
export class BlobCorrupt extends Error {
  override readonly name = 'BlobCorrupt';
  readonly reason: 'tampered' | 'unknown_key' | 'malformed' | 'hash_mismatch';
  constructor(reason: BlobCorrupt['reason']) {
    super(`The stored blob does not open or no longer has its SHA-256 (${reason}).`);
    this.reason = reason;
  }
}

export const SHA256_NAME = /^[0-9a-f]{64}$/;
