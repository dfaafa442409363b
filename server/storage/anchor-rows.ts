// The anchors' rows as both stores read them, and the rule both apply: a
// day's first anchor is kept, the same one again is a duplicate, another head
// for that day is a conflict and changes nothing.
import type { AnchorOutcome, AnchorRecord } from './contract.ts';

export interface AnchorRow {
  device_id: string;
  day: string;
  chain_head: string;
  events: number;
  audit_seq: number | null;
  audit_head: string | null;
  local_device_id: string;
  signature: string;
  received_at: string;
}

export function toAnchor(row: AnchorRow): AnchorRecord {
  return {
    serverDeviceId: row.device_id,
    day: row.day,
    chainHead: row.chain_head,
    events: Number(row.events),
    auditSeq: row.audit_seq === null ? null : Number(row.audit_seq),
    auditHead: row.audit_head,
    deviceId: row.local_device_id,
    signature: row.signature,
    receivedAt: row.received_at,
  };
}

/** What a kept anchor says of one pushed again for its day. */
export function againstKept(kept: AnchorRow, record: AnchorRecord): AnchorOutcome {
  const same =
    kept.chain_head === record.chainHead &&
    Number(kept.events) === record.events &&
    (kept.audit_seq === null ? null : Number(kept.audit_seq)) === record.auditSeq &&
    kept.audit_head === record.auditHead &&
    kept.local_device_id === record.deviceId &&
    kept.signature === record.signature;
  return same ? 'duplicate' : 'conflict';
}

export const ANCHOR_COLUMNS =
  'device_id, day, chain_head, events, audit_seq, audit_head, local_device_id, signature, received_at';
