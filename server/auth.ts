// Checks a signed request (shared/sync/protocol.ts): the headers, the
// timestamp against the server's clock, then the Ed25519 signature over the
// signing string with the SHA-256 of the raw body bytes. The nonce is recorded
// only after the signature is good, so nobody can burn another device's nonces.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS, signingString } from '../shared/sync/protocol.ts';
import { sha256Hex } from '../shared-node/hash.ts';

export interface SignatureHeaders {
  deviceId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

const NONCE = /^[A-Za-z0-9_-]{16,128}$/;

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 512 ? value : null;
}

/** Null when a header is missing: the request is unsigned. */
export function signatureHeaders(headers: IncomingHttpHeaders): SignatureHeaders | null {
  const deviceId = header(headers, SIGNATURE_HEADERS.device);
  const timestamp = header(headers, SIGNATURE_HEADERS.timestamp);
  const nonce = header(headers, SIGNATURE_HEADERS.nonce);
  const signature = header(headers, SIGNATURE_HEADERS.signature);
  if (!deviceId || !timestamp || !nonce || !signature) return null;
  return { deviceId, timestamp, nonce, signature };
}

/** An ISO 8601 timestamp within the allowed skew, either way, of the server's clock. */
export function timestampFresh(timestamp: string, now: number): boolean {
  const at = Date.parse(timestamp);
  return Number.isFinite(at) && Math.abs(now - at) <= MAX_CLOCK_SKEW_MS;
}

/** The device's key from its enrollment: Ed25519, SPKI DER in base64; null for anything else. */
export function parsePublicKey(base64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export function signatureValid(
  key: KeyObject,
  method: string,
  pathWithQuery: string,
  signed: SignatureHeaders,
  body: Uint8Array,
  /** The body's SHA-256 when the caller computed it already (it keeps it for the blob check). */
  bodySha256: string = sha256Hex(body),
): boolean {
  if (!NONCE.test(signed.nonce)) return false;
  const text = signingString(method, pathWithQuery, signed.timestamp, signed.nonce, bodySha256);
  const signature = Buffer.from(signed.signature, 'base64');
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(text), key, signature);
}
