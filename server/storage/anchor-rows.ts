// The anchors' rows as both stores read them, and the rule both apply: a
// day's first anchor is kept, the same one again is a duplicate, another head
// for that day is a conflict and changes nothing.
import type { AnchorOutcome, AnchorRecord } from './contract.ts';

export interface AnchorRow {
  device_id: string;
  day: string;
  chain_head: string;
  events: number;
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
    kept.local_device_id === record.deviceId &&
    kept.signature === record.signature;
  return same ? 'duplicate' : 'conflict';
}

export const ANCHOR_COLUMNS = 'device_id, day, chain_head, events, local_device_id, signature, received_at';
