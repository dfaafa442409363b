// Envelope encryption of one record: a fresh data key per record (an event's
// payload, a blob) encrypts it with AES-256-GCM, and the server data key (the
// keyring's current key) wraps that data key, also with AES-256-GCM. Both
// bind the record's id as additional data, so a sealed record moved under
// another id, or altered in any byte, does not open. The key id travels in
// the clear: rotating the data key rewraps the small data keys only.
//
// Layout: "TBS1" | key id length (1) | key id | wrap iv (12) | wrapped key (32)
// | wrap tag (16) | iv (12) | tag (16) | ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './data-key.ts';

const MAGIC = Buffer.from('TBS1');
const IV = 12;
const TAG = 16;
const DATA_KEY = 32;

/** A sealed record that does not open: altered, moved, or sealed under a key this server does not hold. */
export class SealedRecordError extends Error {
  override readonly name = 'SealedRecordError';
  readonly code: 'tampered' | 'unknown_key' | 'malformed';
  constructor(code: SealedRecordError['code']) {
    super(`A sealed record does not open (${code}).`);
    this.code = code;
  }
}

function gcm(
  key: Buffer,
  aad: string,
  plain: Buffer,
  iv: Buffer = randomBytes(IV),
): { iv: Buffer; tag: Buffer; data: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = cipher.update(plain);
  // GCM holds nothing back: final() only makes the tag (an empty buffer, no copy of a scan to join).
  cipher.final();
  return { iv, tag: cipher.getAuthTag(), data };
}

function ungcm(key: Buffer, aad: string, iv: Buffer, tag: Buffer, data: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new SealedRecordError('tampered');
  }
}

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** The key id and the data key wrapped by the keyring's current key, as a record begins. */
function header(keyring: Keyring, recordId: string, dataKey: Buffer, wrapIv?: Buffer): Buffer {
  const { id, key } = keyring.current;
  const wrapped = gcm(key, `tongban/data-key|${id}|${recordId}`, dataKey, wrapIv);
  const kid = Buffer.from(id, 'ascii');
  return Buffer.concat([MAGIC, Buffer.of(kid.length), kid, wrapped.iv, wrapped.data, wrapped.tag]);
}

/**
 * The sealed record in two pieces, in order: everything before the
 * ciphertext, then the ciphertext. Joined they are seal()'s bytes; written
 * one after the other (writev), a scan is sealed without one more copy of it.
 */
export function sealPieces(keyring: Keyring, recordId: string, plain: Uint8Array): [Buffer, Buffer] {
  // The data key and both IVs from one draw: each draw has a fixed cost, and every pushed event is sealed.
  const random = randomBytes(DATA_KEY + 2 * IV);
  const dataKey = random.subarray(0, DATA_KEY);
  // A view, not a copy, of what is sealed.
  const body = gcm(
    dataKey,
    `tongban/record|${recordId}`,
    Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength),
    random.subarray(DATA_KEY, DATA_KEY + IV),
  );
  const wrapIv = random.subarray(DATA_KEY + IV);
  return [Buffer.concat([header(keyring, recordId, dataKey, wrapIv), body.iv, body.tag]), body.data];
}

/** Seals `plain` as the record `recordId` (e.g. `event:<id>`, `blob:<sha256>`). */
export function seal(keyring: Keyring, recordId: string, plain: Uint8Array): Buffer {
  return Buffer.concat(sealPieces(keyring, recordId, plain));
}

interface Parsed {
  kid: string;
  wrapIv: Buffer;
  wrapped: Buffer;
  wrapTag: Buffer;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
  /** Where the key id and the wrapped data key end: what a rotation rewrites. */
  headerEnd: number;
}

function parse(sealed: Uint8Array): Parsed {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (!isSealed(bytes) || bytes.length < MAGIC.length + 1) throw new SealedRecordError('malformed');
  const kidEnd = MAGIC.length + 1 + bytes[MAGIC.length]!;
  const headerEnd = kidEnd + IV + DATA_KEY + TAG;
  if (bytes.length < headerEnd + IV + TAG) throw new SealedRecordError('malformed');
  const at = (start: number, length: number): Buffer => bytes.subarray(start, start + length);
  return {
    kid: bytes.toString('ascii', MAGIC.length + 1, kidEnd),
    wrapIv: at(kidEnd, IV),
    wrapped: at(kidEnd + IV, DATA_KEY),
    wrapTag: at(kidEnd + IV + DATA_KEY, TAG),
    iv: at(headerEnd, IV),
    tag: at(headerEnd + IV, TAG),
    data: bytes.subarray(headerEnd + IV + TAG),
    headerEnd,
  };
}

function unwrap(keyring: Keyring, recordId: string, parsed: Parsed): Buffer {
  const key = keyring.keys.get(parsed.kid);
  if (!key) throw new SealedRecordError('unknown_key');
  return ungcm(key, `tongban/data-key|${parsed.kid}|${recordId}`, parsed.wrapIv, parsed.wrapTag, parsed.wrapped);
}

/** The plaintext of a sealed record; SealedRecordError when it does not open as `recordId`. */
export function open(keyring: Keyring, recordId: string, sealed: Uint8Array): Buffer {
  const parsed = parse(sealed);
  return ungcm(unwrap(keyring, recordId, parsed), `tongban/record|${recordId}`, parsed.iv, parsed.tag, parsed.data);
}

/** The key id a record was sealed under. */
export function sealedKeyId(sealed: Uint8Array): string {
  return parse(sealed).kid;
}

/** The same record with its data key wrapped by the keyring's current key; the ciphertext is untouched. */
export function rewrap(keyring: Keyring, recordId: string, sealed: Uint8Array): Buffer {
  const parsed = parse(sealed);
  if (parsed.kid === keyring.current.id) return Buffer.from(sealed);
  const dataKey = unwrap(keyring, recordId, parsed);
  return Buffer.concat([header(keyring, recordId, dataKey), Buffer.from(sealed).subarray(parsed.headerEnd)]);
}
