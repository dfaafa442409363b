// Ed25519 signatures over an event's content hash, made and checked the same
// way by the device that records an event, the exchange server that takes it
// and the device that receives it (the signed text: shared/sync/event-signature.ts).
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { eventSignatureSchema, eventSigningText } from '../shared/sync/event-signature.ts';

/** An Ed25519 public key from SPKI DER in base64; null for anything else. */
export function ed25519PublicKey(base64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature over `text`; false for anything malformed. */
export function signedBy(publicKey: KeyObject | string, text: string, signature: string | null | undefined): boolean {
  const key = typeof publicKey === 'string' ? ed25519PublicKey(publicKey) : publicKey;
  if (!key || typeof signature !== 'string' || !eventSignatureSchema.safeParse(signature).success) return false;
  try {
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text), privateKey).toString('base64');
}

export function signEventHash(privateKey: KeyObject, contentHash: string): string {
  return signText(privateKey, eventSigningText(contentHash));
}

export function eventSignatureValid(
  publicKey: KeyObject | string,
  contentHash: string,
  signature: string | null | undefined,
): boolean {
  return signedBy(publicKey, eventSigningText(contentHash), signature);
}
