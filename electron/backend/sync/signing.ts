// The device's Ed25519 key: made once, the private half kept encrypted; every
// request to a server is signed with it (shared/sync/protocol.ts), and so is
// every event this device records (shared/sync/event-signature.ts).
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { signEventHash } from '../../../shared-node/event-signature.ts';
import { sha256Hex } from '../../../shared-node/hash.ts';
import { SIGNATURE_HEADERS, signingString } from '../../../shared/sync/protocol.ts';
import { decryptText, encryptText } from '../crypto/fields.ts';

export interface DeviceKeyPair {
  publicKey: string; // SPKI DER base64
  privateKey: KeyObject;
}

const AAD = 'device_key.private';

export function deviceKeyPair(db: DatabaseSync, fieldsKey: Buffer): DeviceKeyPair {
  const row = db.prepare('SELECT public_key, private_key_enc FROM device_key WHERE singleton = 1').get() as
    { public_key: string; private_key_enc: string } | undefined;
  if (row) {
    const der = Buffer.from(decryptText(fieldsKey, row.private_key_enc, AAD), 'base64');
    return { publicKey: row.public_key, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
  }
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const privateDer = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  db.prepare('INSERT INTO device_key (singleton, public_key, private_key_enc, created_at) VALUES (1, ?, ?, ?)').run(
    publicKey,
    encryptText(fieldsKey, privateDer, AAD),
    new Date().toISOString(),
  );
  return { publicKey, privateKey: pair.privateKey };
}

/** The headers that make a request this device's. */
export function signedHeaders(
  key: KeyObject,
  serverDeviceId: string,
  method: string,
  pathWithQuery: string,
  body: Uint8Array | string,
  now = Date.now(),
  /** The body's SHA-256 when the caller has it already (a verified scan is named by it). */
  bodySha256: string = sha256Hex(body),
): Record<string, string> {
  const timestamp = new Date(now).toISOString();
  const nonce = randomBytes(16).toString('base64url');
  const text = signingString(method, pathWithQuery, timestamp, nonce, bodySha256);
  return {
    [SIGNATURE_HEADERS.device]: serverDeviceId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: sign(null, Buffer.from(text), key).toString('base64'),
  };
}

/** The device key's private half per open database, so recording an event does not decrypt it again. */
const eventKeys = new WeakMap<DatabaseSync, KeyObject>();

/** This device's signature over an event's content hash (shared/sync/event-signature.ts), made as it records it. */
export function signEvent(db: DatabaseSync, fieldsKey: Buffer, contentHash: string): string {
  let key = eventKeys.get(db);
  if (!key) {
    key = deviceKeyPair(db, fieldsKey).privateKey;
    eventKeys.set(db, key);
  }
  return signEventHash(key, contentHash);
}
