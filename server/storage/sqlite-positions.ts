// Rollback detection in the SQLite store: each device's highest reported
// position in its own record of events, and the recoveries it announced.
import type { DatabaseSync } from 'node:sqlite';
import { RECENT_EVENTS, type PositionVerdict, type RecoveryRecord } from './contract.ts';

function highest(db: DatabaseSync, deviceId: string): number {
  const row = db.prepare('SELECT highest_seq FROM device_positions WHERE device_id = ?').get(deviceId) as
    { highest_seq: number } | undefined;
  return row?.highest_seq ?? 0;
}

/** Runs inside the store's write transaction. */
export function reportPosition(
  db: DatabaseSync,
  deviceId: string,
  seq: number,
  at: string,
  record: boolean,
): PositionVerdict {
  const seen = highest(db, deviceId);
  if (seq < seen) return { ok: false, highestSeq: seen };
  if (record)
    db.prepare(
      `INSERT INTO device_positions (device_id, highest_seq, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET highest_seq = excluded.highest_seq, updated_at = excluded.updated_at`,
    ).run(deviceId, seq, at);
  const recent = db
    .prepare('SELECT event_id FROM events WHERE source_device_id = ? ORDER BY server_seq DESC LIMIT ?')
    .all(deviceId, RECENT_EVENTS) as { event_id: string }[];
  return { ok: true, highestSeq: record ? seq : seen, recentEventIds: recent.map((row) => row.event_id) };
}

/** Runs inside the store's write transaction; the highest position stays what it was. */
export function recordRecovery(db: DatabaseSync, recovery: RecoveryRecord): number {
  const seen = highest(db, recovery.deviceId);
  db.prepare(
    `INSERT INTO device_positions (device_id, highest_seq, updated_at, recovered_at, recovered_from, recovered_seq)
     VALUES (?1, ?2, ?3, ?3, ?4, ?5)
     ON CONFLICT (device_id) DO UPDATE SET recovered_at = ?3, recovered_from = ?4, recovered_seq = ?5`,
  ).run(recovery.deviceId, Math.max(seen, recovery.restoredSeq), recovery.at, recovery.backupAt, recovery.restoredSeq);
  return seen;
}
