// What a day close's Ed25519 signature covers, and how it is checked. The key
// a check trusts is never the public key stored beside the chain (whoever holds
// the database file could write a pair of their own there): it is the public
// half of the device's own private key, which only the master key opens, and
// the key the exchange servers registered for this device (anchors.ts).
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/case/events.ts';

export interface CloseRecord {
  day: string;
  closed_at: string;
  user_id: string;
  display_name: string;
  first_seq: number | null;
  last_seq: number | null;
  events: number;
  chain_hash: string;
  summary: string;
  comments_enc: string;
  signature: string;
  /** The audit log's head at the close; null on closes made before it was signed. */
  audit_seq: number | null;
  audit_hash: string | null;
}

/** What the signature covers: the close as stored. */
export function signedText(r: Omit<CloseRecord, 'signature' | 'display_name'>): Buffer {
  return Buffer.from(
    canonicalJson({
      day: r.day,
      closedAt: r.closed_at,
      userId: r.user_id,
      firstSeq: r.first_seq,
      lastSeq: r.last_seq,
      events: r.events,
      chainHash: r.chain_hash,
      summary: r.summary,
      comments: r.comments_enc,
      ...(r.audit_seq === null ? {} : { auditSeq: r.audit_seq, auditHash: r.audit_hash }),
    }),
  );
}

export function signClose(r: Omit<CloseRecord, 'signature' | 'display_name'>, privateKey: KeyObject): string {
  return sign(null, signedText(r), privateKey).toString('base64');
}

export function closeSignatureHolds(r: Omit<CloseRecord, 'display_name'>, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedText(r), publicKey, Buffer.from(r.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A public key as the protocol carries it: Ed25519, SPKI DER, base64. */
export function publicKeyFrom(spkiBase64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
}

export function spkiOf(key: KeyObject): string {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}

/**
 * The device's key pair with its public half taken from the private key, not
 * from the column beside it: what the device enrolls with and checks against
 * cannot be swapped in the database file.
 */
export function ownKeyPair<P extends { publicKey: string; privateKey: KeyObject }>(pair: P): P {
  return { ...pair, publicKey: spkiOf(pair.privateKey) };
}
