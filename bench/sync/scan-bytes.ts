// The drain's scans, the same bytes for every side of the comparison: the
// device's backlog, the floor's bodies and the PouchDB client's attachments.
import { createCipheriv } from 'node:crypto';

/** Scan i's bytes: a JPEG header, then an AES-CTR keystream seeded by i — distinct, incompressible, reproducible. */
export function scanBytes(i: number, seed: number, size: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(i, 12);
  iv.writeUInt32BE(seed, 0);
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 0x5a), iv);
  const body = cipher.update(Buffer.alloc(size - 4));
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body]);
}
