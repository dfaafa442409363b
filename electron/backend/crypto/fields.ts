// Field encryption and the blind index. A field is bound to where it lives
// (its AAD, e.g. "cases.detail:<case id>"), so a ciphertext copied to another
// row does not decrypt. Search never decrypts: it looks up HMAC tokens.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const VERSION = 'v1';

// A raw key makes Node build a key object on every call; a device's keys are made once and kept.
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObject(key: Buffer): KeyObject {
  let made = keyObjects.get(key);
  if (!made) {
    made = createSecretKey(key);
    keyObjects.set(key, made);
  }
  return made;
}

export function encryptText(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
}

export function decryptText(key: Buffer, sealed: string, aad: string): string {
  if (!sealed.startsWith(`${VERSION}:`)) throw new Error('Unknown ciphertext version.');
  const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyObject(key), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

export function encryptBytes(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from('TBB1'), iv, body, cipher.getAuthTag()]);
}

export function decryptBytes(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.subarray(0, 4).toString() !== 'TBB1') throw new Error('Unknown blob format.');
  const decipher = createDecipheriv('aes-256-gcm', keyObject(key), sealed.subarray(4, 16));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plaintext = decipher.update(sealed.subarray(16, sealed.length - 16));
  // GCM is a stream mode: final() adds no bytes; it checks the tag, and throws when the blob was altered.
  decipher.final();
  return plaintext;
}

export type SearchKind = 'id' | 'name' | 'phone';

/** Names are matched ignoring case, width and inner spaces. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function blindToken(key: Buffer, kind: SearchKind, normalised: string): string {
  return createHmac('sha256', key).update(`${kind}\u0000${normalised}`).digest('base64url').slice(0, 22);
}

export const NAME_PREFIX_CHARS = 12;

/** Tokens for every prefix of a name (up to 12 characters), so "张" and "张三" both find 张三. */
export function namePrefixTokens(key: Buffer, name: string): string[] {
  const chars = Array.from(normaliseName(name)).slice(0, NAME_PREFIX_CHARS);
  return chars.map((_, i) => blindToken(key, 'name', chars.slice(0, i + 1).join('')));
}
