// Signatures made with the server key — the private key of the exchange
// server's TLS certificate, so the one key devices pin. A region's own
// certificate may carry an EC or RSA key, the self-signed default an EC one;
// each key type signs with the digest it takes, so callers never choose.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The digest a key of this type signs with: none for EdDSA, SHA-256 for EC and RSA. */
function digestFor(key: KeyObject): string | null {
  return key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256';
}

/** `text` signed with the server's private key, base64. */
export function signAsServer(privateKey: KeyObject, text: string): string {
  return sign(digestFor(privateKey), Buffer.from(text), privateKey).toString('base64');
}

/** Whether `signature` (base64) is the server key's over `text`; false for anything malformed. */
export function signedByServer(publicKey: KeyObject | string, text: string, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  try {
    const key =
      typeof publicKey === 'string'
        ? createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' })
        : publicKey;
    return verify(digestFor(key), Buffer.from(text), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
