// The device's master key and the keys derived from it. In Electron, main
// keeps the master key sealed with safeStorage and hands it to the backend;
// in browser mode and tests it is a key file readable only by its owner.
import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface DeviceKeys {
  /** AES-256-GCM for personal fields and drafts. */
  readonly fields: Buffer;
  /** AES-256-GCM for scan files. */
  readonly blobs: Buffer;
  /** HMAC-SHA256 for the blind index. */
  readonly blindIndex: Buffer;
  /** HMAC-SHA256 for the links of the case-event chain: never in the database, so a link cannot be recomputed from it. */
  readonly eventChain: Buffer;
  /** HMAC-SHA256 for the links of the audit log, likewise. */
  readonly auditChain: Buffer;
}

export const MASTER_KEY_BYTES = 32;

export function deriveKeys(master: Buffer): DeviceKeys {
  if (master.length !== MASTER_KEY_BYTES) throw new Error('The master key must be 32 bytes.');
  const derive = (info: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    fields: derive('tongban/fields/v1'),
    blobs: derive('tongban/blobs/v1'),
    blindIndex: derive('tongban/blind-index/v1'),
    eventChain: derive('tongban/event-chain/v1'),
    auditChain: derive('tongban/audit-chain/v1'),
  };
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'master.key');
}

/** Reads the key file, making it (mode 0600) on first run. */
export function loadOrCreateKeyFile(file: string): Buffer {
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== MASTER_KEY_BYTES) throw new Error(`The key file ${file} is damaged.`);
    return key;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_BYTES);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
