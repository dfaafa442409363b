// Rollback detection in PostgreSQL: each device's highest reported position
// in its own record of events, and the recoveries it announced. The row is
// locked while a report is held against it, so two reports at once cannot
// both pass a lower number; a first report of two at once keeps the greater.
import type { Pool, PoolClient } from 'pg';
import { RECENT_EVENTS, type PositionVerdict, type RecoveryRecord } from './contract.ts';
import { inTransaction } from './postgres-pool.ts';

async function highest(client: PoolClient, deviceId: string): Promise<number> {
  const { rows } = await client.query<{ highest_seq: string }>(
    'SELECT highest_seq FROM device_positions WHERE device_id = $1 FOR UPDATE',
    [deviceId],
  );
  return rows[0] ? Number(rows[0].highest_seq) : 0;
}

const UPSERT = `INSERT INTO device_positions (device_id, highest_seq, updated_at) VALUES ($1, $2, $3)
  ON CONFLICT (device_id) DO UPDATE
  SET highest_seq = greatest(device_positions.highest_seq, excluded.highest_seq), updated_at = excluded.updated_at`;

export function reportPosition(
  pool: Pool,
  deviceId: string,
  seq: number,
  at: string,
  record: boolean,
): Promise<PositionVerdict> {
  return inTransaction(pool, async (client) => {
    const seen = await highest(client, deviceId);
    if (seq < seen) return { ok: false, highestSeq: seen };
    if (record) await client.query(UPSERT, [deviceId, seq, at]);
    const { rows } = await client.query<{ event_id: string }>(
      'SELECT event_id FROM events WHERE source_device_id = $1 ORDER BY server_seq DESC LIMIT $2',
      [deviceId, RECENT_EVENTS],
    );
    return { ok: true, highestSeq: record ? seq : seen, recentEventIds: rows.map((row) => row.event_id) };
  });
}

export function recordRecovery(pool: Pool, recovery: RecoveryRecord): Promise<number> {
  return inTransaction(pool, async (client) => {
    const seen = await highest(client, recovery.deviceId);
    await client.query(UPSERT, [recovery.deviceId, recovery.restoredSeq, recovery.at]);
    await client.query(
      'UPDATE device_positions SET recovered_at = $2, recovered_from = $3, recovered_seq = $4 WHERE device_id = $1',
      [recovery.deviceId, recovery.at, recovery.backupAt, recovery.restoredSeq],
    );
    return seen;
  });
}
