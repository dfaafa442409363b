// Anchors in PostgreSQL (contract.ts: putAnchor, anchors). The row of a day
// is locked while it is judged, so two pushes of one day keep only one.
import type { Pool } from 'pg';
import { againstKept, ANCHOR_COLUMNS, toAnchor, type AnchorRow } from './anchor-rows.ts';
import type { AnchorOutcome, AnchorRecord } from './contract.ts';
import { firstRow, inTransaction } from './postgres-pool.ts';

export function putAnchor(pool: Pool, record: AnchorRecord): Promise<AnchorOutcome> {
  return inTransaction(pool, async (client): Promise<AnchorOutcome> => {
    const inserted = await client.query(
      `INSERT INTO anchors (${ANCHOR_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (device_id, day) DO NOTHING`,
      [
        record.serverDeviceId,
        record.day,
        record.chainHead,
        record.events,
        record.auditSeq,
        record.auditHead,
        record.deviceId,
        record.signature,
        record.receivedAt,
      ],
    );
    if (inserted.rowCount === 0) {
      const kept = (
        await client.query<AnchorRow>(`SELECT ${ANCHOR_COLUMNS} FROM anchors WHERE device_id = $1 AND day = $2`, [
          record.serverDeviceId,
          record.day,
        ])
      ).rows[0]!;
      return againstKept(kept, record);
    }
    await client.query(
      `INSERT INTO anchor_heights (device_id, highest_day, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE SET highest_day = excluded.highest_day, updated_at = excluded.updated_at
       WHERE excluded.highest_day > anchor_heights.highest_day`,
      [record.serverDeviceId, record.day, record.receivedAt],
    );
    return 'accepted';
  });
}

export async function anchors(
  pool: Pool,
  serverDeviceId: string,
  from: string | null,
  to: string | null,
  limit: number,
): Promise<{ anchors: AnchorRecord[]; highestDay: string | null }> {
  const rows = (
    await pool.query<AnchorRow>(
      `SELECT ${ANCHOR_COLUMNS} FROM anchors WHERE device_id = $1 AND day >= $2 AND day <= $3 ORDER BY day LIMIT $4`,
      [serverDeviceId, from ?? '', to ?? '9999-12-31', limit],
    )
  ).rows;
  const height = await firstRow<{ highest_day: string }>(
    pool,
    'SELECT highest_day FROM anchor_heights WHERE device_id = $1',
    [serverDeviceId],
  );
  return { anchors: rows.map(toAnchor), highestDay: height?.highest_day ?? null };
}
