// Scan bytes (valid PNGs and a minimal PDF) and uploading them through the
// backend's chunked scans.* methods.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { pngChunk } from '../../../electron/backend/devices/signature-pad-simulator.ts';
import type { RpcClient, RpcResult } from '../../../shared/rpc/client.ts';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid grey-scale PNG of width × height whose pixels come from the seed (so each seed is a new file). */
export function makePng(seed: string, width = 16, height = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  const pixels = createHash('sha256').update(seed).digest();
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, (_, x) => pixels[(x + y) % 32]!))]),
    ),
  );
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Uploads bytes through scans.begin / chunk / finish in the given number of chunks. */
export async function uploadScan(
  client: RpcClient,
  bytes: Buffer,
  mediaType: string,
  chunks = 2,
): Promise<RpcResult<{ sha256: string; mediaType: string; size: number; thumbnailSha256: string | null }>> {
  const begun = await client.request('scans.begin', { mediaType, size: bytes.length });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  const step = Math.ceil(bytes.length / chunks);
  for (let index = 0; index < chunks; index++) {
    const part = bytes.subarray(index * step, (index + 1) * step);
    const sent = await client.request('scans.chunk', { uploadId, index, data: part.toString('base64') });
    if (!sent.ok) return sent;
  }
  return client.request('scans.finish', { uploadId, thumbnail: null });
}
