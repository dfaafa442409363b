// Anchors in the embedded store (contract.ts: putAnchor, anchors).
import type { DatabaseSync } from 'node:sqlite';
import { againstKept, ANCHOR_COLUMNS, toAnchor, type AnchorRow } from './anchor-rows.ts';
import type { AnchorOutcome, AnchorRecord } from './contract.ts';

export function putAnchor(db: DatabaseSync, record: AnchorRecord): AnchorOutcome {
  db.exec('BEGIN IMMEDIATE');
  try {
    const kept = db
      .prepare(`SELECT ${ANCHOR_COLUMNS} FROM anchors WHERE device_id = ? AND day = ?`)
      .get(record.serverDeviceId, record.day) as AnchorRow | undefined;
    let outcome: AnchorOutcome;
    if (kept) {
      outcome = againstKept(kept, record);
    } else {
      db.prepare(`INSERT INTO anchors (${ANCHOR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        record.serverDeviceId,
        record.day,
        record.chainHead,
        record.events,
        record.auditSeq,
        record.auditHead,
        record.deviceId,
        record.signature,
        record.receivedAt,
      );
      db.prepare(
        `INSERT INTO anchor_heights (device_id, highest_day, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET highest_day = excluded.highest_day, updated_at = excluded.updated_at
         WHERE excluded.highest_day > anchor_heights.highest_day`,
      ).run(record.serverDeviceId, record.day, record.receivedAt);
      outcome = 'accepted';
    }
    db.exec('COMMIT');
    return outcome;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export function anchors(
  db: DatabaseSync,
  serverDeviceId: string,
  from: string | null,
  to: string | null,
  limit: number,
): { anchors: AnchorRecord[]; highestDay: string | null } {
  const rows = db
    .prepare(`SELECT ${ANCHOR_COLUMNS} FROM anchors WHERE device_id = ? AND day >= ? AND day <= ? ORDER BY day LIMIT ?`)
    .all(serverDeviceId, from ?? '', to ?? '9999-12-31', limit) as unknown as AnchorRow[];
  const height = db.prepare('SELECT highest_day FROM anchor_heights WHERE device_id = ?').get(serverDeviceId) as
    { highest_day: string } | undefined;
  return { anchors: rows.map(toAnchor), highestDay: height?.highest_day ?? null };
}
