// What an event's signature signs, declared
// once. The originating device signs the event's one content hash
// (shared-node/event-hash.ts) with its Ed25519 key; the exchange server checks
// it on push and keeps it, and a receiving device checks it again before it
// applies the event.
import { z } from 'zod';

export const EVENT_SIGNATURE_TAG = 'tongban-event-v1';

/** The bytes an event's signature covers: a domain, then the content hash. */
export function eventSigningText(contentHash: string): string {
  return `${EVENT_SIGNATURE_TAG}\n${contentHash}`;
}

/** Ed25519 signature, base64 (64 bytes: 88 characters). */
export const eventSignatureSchema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/);

/** Ed25519 public key, SPKI DER, base64. */
export const publicKeySchema = z.string().min(40).max(200);

/**
 * Why a device refused an event it pulled: it goes to quarantine with the
 * reason, is never applied, and holds back the later events of its case.
 */
export const PULLED_EVENT_REFUSALS = [
  'unsigned_event', // no signature: the server cannot show who made it
  'forged_signature', // the signature is not its origin device's over the content hash
  'altered_event', // the content does not match its content hash
  'unknown_device', // the server does not list the origin device
  'revoked_device', // the origin device was revoked
  'not_party', // the origin device may not act for this case
  'held_behind', // an earlier event of the case was refused
] as const;
export type PulledEventRefusal = (typeof PULLED_EVENT_REFUSALS)[number];
