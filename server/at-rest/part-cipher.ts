// A chunked upload's part file at rest: its bytes arrive at any offset and
// are resumed after a restart, so they are encrypted with AES-256-CTR (any
// byte can be written on its own) under a key of the upload's own, kept
// sealed beside the part file. Integrity comes later: the whole blob's
// SHA-256 is checked once it is in, before it is sealed into place.
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
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

export class PartKeys {
  private readonly keyring: Keyring;

  constructor(keyring: Keyring) {
    this.keyring = keyring;
  }

  /**
   * The upload's key, kept sealed in `file`. `fresh` starts an upload over
   * with a new key, so no key stream ever covers two different contents.
   */
  async key(sha256: string, file: string, fresh: boolean): Promise<Buffer> {
    if (!fresh) {
      const held = await readFile(file).catch(() => null);
      if (held) {
        try {
          return open(this.keyring, `part:${sha256}`, held);
        } catch (error) {
          if (!(error instanceof SealedRecordError)) throw error;
        }
      }
      // No usable key: what was written before cannot be read, and the blob's hash check will say so.
    }
    const key = randomBytes(32);
    await writeFile(file, seal(this.keyring, `part:${sha256}`, key), { mode: 0o600, flush: true });
    return key;
  }

  async remove(file: string): Promise<void> {
    await rm(file, { force: true });
  }
}
