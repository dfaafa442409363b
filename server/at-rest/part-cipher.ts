// A chunked upload's part file at rest: its bytes arrive at any offset and
// are resumed after a restart, so they are encrypted with AES-256-CTR (any
// byte can be written on its own) under a key of the upload's own, kept
// sealed beside the part bytes. Integrity comes later: the whole blob's
// SHA-256 is checked once it is in, before it is sealed into place.
import { createCipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './data-key.ts';
import { open, seal, SealedRecordError } from './envelope.ts';

const BLOCK = 16;

/** Encrypts (or decrypts: the same) `bytes` as they sit at `offset` of the part. */
export function ctrAt(key: Buffer, offset: number, bytes: Uint8Array): Buffer {
  const counter = Buffer.alloc(BLOCK);
  counter.writeBigUInt64BE(BigInt(Math.floor(offset / BLOCK)), 8);
  const cipher = createCipheriv('aes-256-ctr', key, counter);
  cipher.update(Buffer.alloc(offset % BLOCK));
  return Buffer.concat([cipher.update(bytes), cipher.final()]);
}

/** The upload's part key from its sealed copy; null when there is none or it does not open. */
export function openPartKey(keyring: Keyring, sha256: string, held: Uint8Array | null): Buffer | null {
  if (!held) return null;
  try {
    return open(keyring, `part:${sha256}`, held);
  } catch (error) {
    if (!(error instanceof SealedRecordError)) throw error;
    return null;
  }
}

/** A fresh key for an upload that starts over, so no key stream ever covers two different contents, and its sealed copy. */
export function newPartKey(keyring: Keyring, sha256: string): { key: Buffer; sealed: Buffer } {
  const key = randomBytes(32);
  return { key, sealed: seal(keyring, `part:${sha256}`, key) };
}
