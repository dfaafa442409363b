// The exchange protocol between a device and a region's exchange server
// (events up, events down, blobs beside them), declared once: the server's routes validate with these schemas
// and generate the OpenAPI document from them; the device's sync engine sends
// and reads the same shapes.
import { z } from 'zod';
import type { Role } from '../auth/permissions.ts';
import { calendarYearSchema, catalogSchema, regionCodeSchema } from '../catalog/index.ts';
import { caseEventSchema } from '../case/events.ts';
import { sha256Schema } from '../case/intake.ts';
import { eventSignatureSchema, publicKeySchema } from './event-signature.ts';

export const PROTOCOL_PREFIX = '/v1';

/**
 * What an enrollment code makes a device on a server: an intake window of a
 * partner region (party to the cases it created) or an acceptance desk of
 * the server's own region (party to the cases the region handles).
 */
export const SCOPE_KINDS = ['intake', 'acceptance'] as const;
export const scopeSchema = z.object({
  kind: z.enum(SCOPE_KINDS),
  /** The device's own region. */
  regionCode: regionCodeSchema,
  /** Acceptance desks may be narrowed to some matters; empty: all of the region's. */
  matterIds: z.array(z.string().max(40)).max(200),
});
export type Scope = z.infer<typeof scopeSchema>;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/**
 * Whose events a device of each kind may carry: an intake window speaks for
 * the intake place's staff, an acceptance desk for the handling officers. The
 * server holds the event's actor role to this, so a device cannot record a
 * decision that belongs to the other side by naming another role.
 */
export const SCOPE_ROLES: Record<ScopeKind, readonly Role[]> = {
  intake: ['intake_clerk', 'result_desk', 'supervisor'],
  acceptance: ['handling_officer', 'supervisor'],
};

export const enrollRequest = z.object({
  code: z.string().min(8).max(64),
  /** Ed25519 public key, SPKI DER, base64. The private key never leaves the device. */
  publicKey: z.string().min(40).max(200),
  deviceName: z.string().trim().min(1).max(60),
});
export const enrollResponse = z.object({
  deviceId: z.string(),
  scope: scopeSchema,
  /** The server's own region (its catalog's issuer). */
  serverRegion: regionCodeSchema,
  serverTime: z.string(),
  /** The server key (Ed25519, SPKI DER, base64): it signs the device-key listings the device checks events with. */
  serverKey: publicKeySchema.optional(),
});

/**
 * Every request after enrollment is signed: Ed25519 over
 * signingString(method, path, timestamp, nonce, sha256 of the body). The
 * server refuses unknown or revoked devices, a timestamp off by more than
 * MAX_CLOCK_SKEW_MS, and a nonce it has seen.
 */
export const SIGNATURE_HEADERS = {
  device: 'x-tongban-device',
  timestamp: 'x-tongban-timestamp',
  nonce: 'x-tongban-nonce',
  signature: 'x-tongban-signature',
} as const;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function signingString(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  bodySha256: string,
): string {
  return ['tongban-v1', method.toUpperCase(), pathWithQuery, timestamp, nonce, bodySha256].join('\n');
}

/** An event as it travels: the device's event, its content hash, the blobs it needs. */
export const wireEventSchema = caseEventSchema.extend({
  contentHash: sha256Schema,
  blobs: z.array(sha256Schema).max(200),
});
export type WireEvent = z.infer<typeof wireEventSchema>;

/** A pushed event: signed by the device that made it over its content hash (shared/sync/event-signature.ts). */
export const signedWireEventSchema = wireEventSchema.extend({ signature: eventSignatureSchema });
export type SignedWireEvent = z.infer<typeof signedWireEventSchema>;

export const MAX_PUSH_EVENTS = 100;
export const pushRequest = z.object({ events: z.array(signedWireEventSchema).min(1).max(MAX_PUSH_EVENTS) });

export const REFUSAL_REASONS = [
  'hash_mismatch', // this event id is already here with another content hash: never overwritten
  'bad_hash', // the content hash does not match the content
  'invalid_payload',
  'unknown_event',
  'not_allowed_from_status',
  'role_not_allowed',
  'out_of_scope', // the device may not act for this case
  'blob_missing', // a referenced blob is not on the server (blobs go first)
  'superseded', // another desk's decision came first; `winner` names it
  'bad_signature', // no signature, or not the pushing device's over the content hash
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const pushResult = z.discriminatedUnion('status', [
  z.object({ eventId: z.string(), status: z.literal('accepted'), serverSeq: z.number().int() }),
  // Same id, same hash: already here, which is success.
  z.object({ eventId: z.string(), status: z.literal('duplicate'), serverSeq: z.number().int() }),
  z.object({
    eventId: z.string(),
    status: z.literal('refused'),
    reason: z.enum(REFUSAL_REASONS),
    detail: z.string().max(500).optional(),
    winner: z.object({ eventId: z.string(), type: z.string() }).optional(),
  }),
]);
export type PushResult = z.infer<typeof pushResult>;
export const pushResponse = z.object({ results: z.array(pushResult) });

export const pulledEventSchema = wireEventSchema.extend({
  serverSeq: z.number().int(),
  receivedAt: z.string(),
  /** The device that pushed it, by its id on this server: whose key the signature must verify with. */
  originDeviceId: z.string(),
  /** Null only for an event the server took before it kept signatures: a device refuses it. */
  signature: z.string().nullable(),
});
export type PulledEvent = z.infer<typeof pulledEventSchema>;
export const MAX_PULL_EVENTS = 500;
export const MAX_PULL_WAIT_S = 30;
/** GET /v1/events?after=<serverSeq>&limit=<n>&wait=<seconds>: long-polls when nothing is newer. */
export const pullQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_EVENTS).default(MAX_PULL_EVENTS),
  wait: z.coerce.number().int().min(0).max(MAX_PULL_WAIT_S).default(0),
});
export const pullResponse = z.object({
  events: z.array(pulledEventSchema),
  /** Pass as `after` next time. */
  cursor: z.number().int(),
});

/**
 * Blobs go first, addressed by SHA-256: HEAD /v1/blobs/:sha256 says whether the
 * server holds it (verified); PUT /v1/blobs/:sha256 with Content-Range
 * "bytes <first>-<last>/<total>" sends a chunk; the server verifies the hash
 * once the last byte is in. GET /v1/blobs/:sha256/status says how much arrived,
 * so an upload cut midway resumes.
 */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;
export const BLOB_CHUNK_BYTES = 1024 * 1024;
export const blobStatus = z.object({ received: z.number().int(), complete: z.boolean() });

export const catalogResponse = z.object({
  catalogs: z.array(catalogSchema),
  calendars: z.array(calendarYearSchema),
});

export const errorResponse = z.object({ error: z.string(), message: z.string() });

// ---- Anchors ----
// The head of each day a device closed (日结): its local day, the device's
// event chain head at the close, how many events the day holds, the audit
// log's head at the close, and the device's Ed25519 signature over them, kept by the server as a copy the
// device's own database cannot rewrite. The server checks the signature
// against the key the device enrolled with, keeps the first anchor of a day
// and refuses a different one, and remembers the highest day anchored.

export const MAX_PUSH_ANCHORS = 100;
export const MAX_LIST_ANCHORS = 1000;
const anchorDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const anchorSchema = z.object({
  day: anchorDay,
  chainHead: sha256Schema,
  events: z.number().int().min(0),
  /** The audit log's last entry before the close, and its link; null for a close made before they were signed. */
  auditSeq: z.number().int().min(0).nullable(),
  auditHead: sha256Schema.nullable(),
  /** The device's own id, as its events carry it. */
  deviceId: z.string().min(1).max(64),
  /** Ed25519 over anchorSigningText, base64. */
  signature: z.string().min(1).max(200),
});
export type Anchor = z.infer<typeof anchorSchema>;

export function anchorSigningText(a: Omit<Anchor, 'signature'>): string {
  const audit = a.auditSeq === null ? '' : `${a.auditSeq}:${a.auditHead ?? ''}`;
  return ['tongban-anchor-v1', a.deviceId, a.day, a.chainHead, String(a.events), audit].join('\n');
}

/** Why an anchor was refused: its signature is not the device's, or its day is anchored with another head. */
export const ANCHOR_REFUSALS = ['bad_signature', 'day_rewritten'] as const;
export type AnchorRefusal = (typeof ANCHOR_REFUSALS)[number];

export const anchorResult = z.discriminatedUnion('status', [
  z.object({ day: anchorDay, status: z.literal('accepted') }),
  z.object({ day: anchorDay, status: z.literal('duplicate') }),
  z.object({ day: anchorDay, status: z.literal('refused'), reason: z.enum(ANCHOR_REFUSALS) }),
]);
export type AnchorResult = z.infer<typeof anchorResult>;

export const anchorPushRequest = z.object({ anchors: z.array(anchorSchema).min(1).max(MAX_PUSH_ANCHORS) });
export const anchorPushResponse = z.object({ results: z.array(anchorResult) });

export const anchorQuery = z.object({ from: anchorDay.optional(), to: anchorDay.optional() });
export const anchorListResponse = z.object({
  /** The key the server holds for the device that asks: what its closes are checked against. */
  publicKey: z.string(),
  /** The highest day this device has anchored here; null before its first. */
  highestDay: anchorDay.nullable(),
  anchors: z.array(anchorSchema.extend({ receivedAt: z.string() })).max(MAX_LIST_ANCHORS),
});
