// /v1/blobs/:sha256: whether the server holds a blob, a chunk of one
// (blob-transfer.ts), how much of it has arrived, and its bytes for a device
// party to a case that refers to it.
import type { FastifyBaseLogger } from 'fastify';
import { MAX_BLOB_BYTES } from '../../shared/sync/protocol.ts';
import { BlobCorrupt } from '../blob-store/contract.ts';
import type { BlobStore } from '../blob-store/sealed-blobs.ts';
import { BlobTransfer } from '../blob-transfer.ts';
import { HttpError } from '../http/errors.ts';
import { rawBody } from '../http/request.ts';
import { CONTENT_RANGE } from '../routes.ts';
import { partyOf, type Handlers, type RouteContext } from './context.ts';

type BlobOperation = 'headBlob' | 'putBlobChunk' | 'blobStatus' | 'getBlob';

export function blobRoutes({ store, region, blobs }: RouteContext): Handlers<BlobOperation> {
  const transfer = new BlobTransfer(store, blobs);
  return {
    async headBlob(request, reply) {
      const { sha256 } = request.params as { sha256: string };
      return reply.code((await store.blob(sha256)) ? 200 : 404).send();
    },

    async putBlobChunk(request, _reply, signed) {
      const { device, bodySha256 } = signed!;
      const { sha256 } = request.params as { sha256: string };
      const range = CONTENT_RANGE.exec(String(request.headers['content-range'] ?? ''));
      const body = rawBody(request.body);
      if (!range)
        throw new HttpError(400, 'invalid_request', 'Content-Range "bytes <first>-<last>/<total>" is needed.');
      const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
      if (total > MAX_BLOB_BYTES) {
        throw new HttpError(413, 'blob_too_large', `A blob may have at most ${MAX_BLOB_BYTES} bytes.`);
      }
      if (total < 1 || last < first || last >= total || last - first + 1 !== body.length) {
        throw new HttpError(400, 'invalid_request', 'Content-Range does not match the body.');
      }
      const chunk = { sha256, first, last, total, body, bodySha256, deviceId: device.deviceId };
      return transfer.receive(chunk, request.log);
    },

    async blobStatus(request) {
      const { sha256 } = request.params as { sha256: string };
      const held = await store.blob(sha256);
      if (held) return { received: held.size, complete: true };
      return { received: (await store.blobUpload(sha256))?.received ?? 0, complete: false };
    },

    async getBlob(request, reply, signed) {
      const { device } = signed!;
      const { sha256 } = request.params as { sha256: string };
      const held = await store.blob(sha256);
      if (!held) throw new HttpError(404, 'not_found', 'This blob is not held here.');
      if (!(await store.mayReadBlob(sha256, device.deviceId, partyOf(device, region)))) {
        throw new HttpError(403, 'out_of_scope', 'This device is not party to a case that refers to this blob.');
      }
      const bytes = await readChecked(blobs, sha256, request.log);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', bytes.length)
        .send(bytes);
    },
  };
}

/**
 * A kept blob's bytes, opened and checked against their SHA-256. Stored bytes
 * that do not open or are not the blob (bit rot, a half-copied object) are
 * refused, never served, and reported: an error line naming the blob's hash,
 * the back end and the cause, which an operator's log alerting watches for.
 */
async function readChecked(blobs: BlobStore, sha256: string, log: FastifyBaseLogger): Promise<Buffer> {
  let bytes: Buffer | null;
  try {
    bytes = await blobs.read(sha256);
  } catch (error) {
    if (!(error instanceof BlobCorrupt)) throw error;
    log.error(
      { event: 'blob_corrupt', sha256, backend: blobs.backend.kind, cause: error.reason },
      'a stored blob failed its integrity check; not served',
    );
    throw new HttpError(
      500,
      'record_unreadable',
      `This blob's stored bytes failed their integrity check (${error.reason}); it is not served.`,
    );
  }
  if (!bytes) {
    log.error({ event: 'blob_missing', sha256, backend: blobs.backend.kind }, 'a recorded blob is not in the store');
    throw new HttpError(
      500,
      'record_unreadable',
      'This blob is recorded here but its bytes are gone; it is not served.',
    );
  }
  return bytes;
}
