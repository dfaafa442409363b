// The rows both stores keep, and how they become the contract's records:
// the same columns in SQLite and PostgreSQL.
import type { PulledEvent, Scope } from '../../shared/sync/protocol.ts';
import type { CaseStatusCode } from '../../shared/case/status.ts';
import type { CaseRecord, DeviceRecord, RedeemResult } from './contract.ts';

export interface DeviceRow {
  device_id: string;
  name: string;
  public_key: string;
  scope: string;
  enrolled_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

export interface EventRow {
  server_seq: number;
  event_id: string;
  case_id: string;
  type: string;
  payload: string;
  actor_user_id: string;
  actor_role: string;
  device_id: string;
  occurred_at: string;
  content_hash: string;
  blobs: string;
  source_device_id: string;
  received_at: string;
  /** Null for events taken before signatures were kept. */
  signature: string | null;
}

export interface CaseRow {
  case_id: string;
  origin_device_id: string;
  intake_region: string;
  handling_region: string;
  matter_id: string;
  status: number;
}

export function toDevice(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.device_id,
    name: row.name,
    publicKey: row.public_key,
    scope: JSON.parse(row.scope) as Scope,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

export function toEvent(row: EventRow): PulledEvent {
  return {
    eventId: row.event_id,
    caseId: row.case_id,
    type: row.type as PulledEvent['type'],
    payload: JSON.parse(row.payload) as unknown,
    actor: { userId: row.actor_user_id, role: row.actor_role as PulledEvent['actor']['role'] },
    deviceId: row.device_id,
    occurredAt: row.occurred_at,
    contentHash: row.content_hash,
    blobs: JSON.parse(row.blobs) as string[],
    serverSeq: row.server_seq,
    receivedAt: row.received_at,
    originDeviceId: row.source_device_id,
    signature: row.signature ?? null,
  };
}

export function toCase(row: CaseRow): CaseRecord {
  return {
    caseId: row.case_id,
    originDeviceId: row.origin_device_id,
    intakeRegion: row.intake_region,
    handlingRegion: row.handling_region,
    matterId: row.matter_id,
    status: row.status as CaseStatusCode,
  };
}

/** What redeeming an enrollment code reads of its row. */
export interface EnrollmentCodeRow {
  scope: string;
  expires_at: string;
  used_at: string | null;
}

/**
 * The rule of a redeem, the same in both stores: no such code, a code used
 * before or one past its expiry is refused; any other enrols the device with
 * the code's scope. The store writes the device and marks the code used only
 * when the answer is ok.
 */
export function redeemWith(
  code: EnrollmentCodeRow | undefined,
  now: string,
  device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
): RedeemResult {
  if (!code) return { ok: false, reason: 'unknown_code' };
  if (code.used_at !== null) return { ok: false, reason: 'used_code' };
  if (Date.parse(code.expires_at) <= Date.parse(now)) return { ok: false, reason: 'expired_code' };
  return { ok: true, device: { ...device, scope: JSON.parse(code.scope) as Scope, lastSeenAt: null, revokedAt: null } };
}
