// SHA-256 as the device and the exchange server write it: lowercase hex. Scans
// are stored and fetched by it, requests are signed over it, events carry it.
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
