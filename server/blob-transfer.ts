// Blob transfer: a scan arrives whole in one chunk, or in chunks that each
// continue what has arrived (a resent chunk may overlap it), so a cut upload
// resumes where it stopped. Once the last byte is in, the bytes must have the
// SHA-256 they are named by, or nothing is kept. One chunk of a blob at a time.
// The bytes go to the configured blob store (blob-store/), the same on every back end;
// whole blobs that arrive together are kept and recorded together (blob-commits.ts).
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { BlobCommits } from './blob-commits.ts';
import type { BlobStore } from './blob-store/sealed-blobs.ts';
import { HttpError } from './http/errors.ts';
import type { ServerStore } from './storage/contract.ts';

/** A chunk whose Content-Range was read and checked against its body. */
export interface Chunk {
  sha256: string;
  first: number;
  last: number;
  total: number;
  body: Buffer;
  /** Of the body, from the signature check: a whole blob's name is checked against it. */
  bodySha256: string;
  deviceId: string;
}

export interface Received {
  received: number;
  complete: boolean;
}

/** How long a blob kept by another instance is waited for its record: 10 × 100 ms. */
const RECORD_WAIT = { attempts: 10, ms: 100 } as const;

export class BlobTransfer {
  private readonly store: ServerStore;
  private readonly blobs: BlobStore;
  private readonly commits: BlobCommits;

  constructor(store: ServerStore, blobs: BlobStore) {
    this.store = store;
    this.blobs = blobs;
    this.commits = new BlobCommits(store, blobs);
  }

  receive(chunk: Chunk, log: FastifyBaseLogger): Promise<Received> {
    return this.blobs.exclusive(chunk.sha256, async () => {
      // A whole blob needs no look-up first: one held already is kept again, the same bytes under a
      // new seal, and its record stays as it was. A query less per scan, and a resend is rare.
      if (chunk.first === 0 && chunk.last + 1 === chunk.total) return this.whole(chunk, log);
      const held = await this.store.blob(chunk.sha256);
      if (held) return { received: held.size, complete: true };
      return this.part(chunk, log);
    });
  }

  /**
   * The whole blob at once (a scan fits in a chunk): whatever part arrived
   * before is superseded. Answered once its group is durable and recorded.
   */
  private async whole({ sha256, total, body, bodySha256, deviceId }: Chunk, log: FastifyBaseLogger): Promise<Received> {
    const sealed = this.blobs.sealWhole(sha256, body, bodySha256);
    if (!sealed) {
      await this.blobs.discard(sha256);
      await this.store.deleteBlobUpload(sha256);
      throw hashMismatch(log, deviceId, sha256);
    }
    const storedAt = new Date().toISOString();
    await this.commits.keep(sealed, { sha256, size: total, storedAt, uploadedBy: deviceId });
    log.info({ event: 'blob_stored', device: deviceId, sha256, size: total }, 'blob stored');
    return { received: total, complete: true };
  }

  private async part({ sha256, first, last, total, body, deviceId }: Chunk, log: FastifyBaseLogger): Promise<Received> {
    let upload = await this.store.blobUpload(sha256);
    // A new total starts over: the device began this blob again.
    if (upload && upload.total !== total && first === 0) upload = null;
    if (upload && upload.total !== total) {
      throw new HttpError(409, 'range_conflict', 'This blob is being sent with another size.');
    }
    const received = upload?.received ?? 0;
    if (first > received) {
      throw new HttpError(409, 'range_conflict', `Only ${received} bytes have arrived; continue from there.`);
    }
    // Bytes before `received` are already here (a resent chunk): write only what is new.
    const fresh = body.subarray(received - first);
    await this.blobs.writePart(sha256, received, received, fresh);
    const now = new Date().toISOString();
    const upTo = Math.max(received, last + 1);
    if (upTo < total) {
      await this.store.saveBlobUpload({ sha256, total, received: upTo, deviceId, updatedAt: now });
      return { received: upTo, complete: false };
    }
    if (!(await this.blobs.finish(sha256, total))) {
      // Another instance on the same blob store may have kept this very upload meanwhile (its last chunk
      // reached both) and dropped the part this one read. Kept only if that instance records it as this
      // device's: a blob file with no such record (one left by a crash, or another device's) must never
      // become readable to a device that merely names its hash.
      if (await this.keptElsewhereFor(sha256, deviceId, total)) return { received: total, complete: true };
      await this.store.deleteBlobUpload(sha256);
      throw hashMismatch(log, deviceId, sha256);
    }
    await this.store.completeBlobs([{ sha256, size: total, storedAt: now, uploadedBy: deviceId }]);
    log.info({ event: 'blob_stored', device: deviceId, sha256, size: total }, 'blob stored');
    return { received: total, complete: true };
  }

  /**
   * Whether the blob is kept and recorded as this device's, of this size. The other instance records it
   * just after keeping it, so its record is waited for a moment (at most about a second).
   */
  private async keptElsewhereFor(sha256: string, deviceId: string, total: number): Promise<boolean> {
    if (!(await this.blobs.has(sha256))) return false;
    for (let attempt = 0; attempt < RECORD_WAIT.attempts; attempt++) {
      const record = await this.store.blob(sha256);
      if (record) return record.uploadedBy === deviceId && record.size === total;
      await delay(RECORD_WAIT.ms);
    }
    return false;
  }
}

function hashMismatch(log: FastifyBaseLogger, deviceId: string, sha256: string): HttpError {
  log.info({ event: 'blob_refused', device: deviceId, sha256 }, 'blob hash mismatch');
  return new HttpError(422, 'hash_mismatch', 'The bytes do not have this SHA-256; nothing was kept.');
}
