// Devices in PostgreSQL: enrollment codes redeemed once, the enrolled devices,
// and the request nonces that let a signed request in only once.
import type { Pool } from 'pg';
import type { AdmitRequest, DeviceRecord, EnrollmentCodeRecord, RedeemResult } from './contract.ts';
import { firstRow, inTransaction } from './postgres-pool.ts';
import { redeemWith, toDevice, type DeviceRow, type EnrollmentCodeRow } from './rows.ts';

export async function addEnrollmentCode(pool: Pool, code: EnrollmentCodeRecord): Promise<void> {
  await pool.query('INSERT INTO enrollment_codes (code_hash, scope, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    code.codeHash,
    JSON.stringify(code.scope),
    code.createdAt,
    code.expiresAt,
  ]);
}

export function redeemEnrollmentCode(
  pool: Pool,
  codeHash: string,
  now: string,
  device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
): Promise<RedeemResult> {
  return inTransaction(pool, async (client): Promise<RedeemResult> => {
    // FOR UPDATE: a second redeem of the same code waits here, then sees it used.
    const code = (
      await client.query<EnrollmentCodeRow>(
        'SELECT scope, expires_at, used_at FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
        [codeHash],
      )
    ).rows[0];
    const redeemed = redeemWith(code, now, device);
    if (!redeemed.ok) return redeemed;
    await client.query(
      'INSERT INTO devices (device_id, name, public_key, scope, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
      [device.deviceId, device.name, device.publicKey, JSON.stringify(redeemed.device.scope), device.enrolledAt],
    );
    await client.query('UPDATE enrollment_codes SET used_at = $1, used_by = $2 WHERE code_hash = $3', [
      now,
      device.deviceId,
      codeHash,
    ]);
    return redeemed;
  });
}

export async function device(pool: Pool, deviceId: string): Promise<DeviceRecord | null> {
  const row = await firstRow<DeviceRow>(pool, 'SELECT * FROM devices WHERE device_id = $1', [deviceId]);
  return row ? toDevice(row) : null;
}

export async function devices(pool: Pool): Promise<DeviceRecord[]> {
  // COLLATE "C": the byte order SQLite sorts by, whatever the database's locale.
  const { rows } = await pool.query<DeviceRow>(
    'SELECT * FROM devices ORDER BY enrolled_at COLLATE "C", device_id COLLATE "C"',
  );
  return rows.map(toDevice);
}

export async function revokeDevice(pool: Pool, deviceId: string, at: string): Promise<boolean> {
  const found = await pool.query('UPDATE devices SET revoked_at = coalesce(revoked_at, $1) WHERE device_id = $2', [
    at,
    deviceId,
  ]);
  return (found.rowCount ?? 0) > 0;
}

export async function touchDevice(pool: Pool, deviceId: string, at: string): Promise<void> {
  await pool.query('UPDATE devices SET last_seen_at = $1 WHERE device_id = $2', [at, deviceId]);
}

export async function useNonce(pool: Pool, deviceId: string, nonce: string, at: number): Promise<boolean> {
  const inserted = await pool.query(
    'INSERT INTO nonces (device_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [deviceId, nonce, at],
  );
  return (inserted.rowCount ?? 0) > 0;
}

export async function admit(
  pool: Pool,
  requests: readonly AdmitRequest[],
  touch?: { deviceIds: readonly string[]; at: string },
): Promise<{ device: DeviceRecord | null; fresh: boolean }[]> {
  if (requests.length === 0) return [];
  // A nonce given twice in the list is used by its first request: only first ones go to the INSERT,
  // which, with ON CONFLICT DO NOTHING, would otherwise report a row it skipped as its own.
  const firstOf = new Map<string, number>();
  const repeated = requests.map(({ deviceId, nonce }, i) => {
    const key = `${deviceId}\u0000${nonce}`;
    if (firstOf.has(key)) return true;
    firstOf.set(key, i);
    return false;
  });
  // One statement, so one round trip and one commit (durable before it returns) for the whole list;
  // the device rows are read in the statement's snapshot, so a revocation committed before it counts.
  const { rows } = await pool.query<DeviceRow & { i: number; fresh: boolean }>({
    // Named: parsed and planned once per connection — it runs with every signed request.
    name: 'tongban_admit',
    text: `WITH req AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[]) WITH ORDINALITY
         AS r (device_id, nonce, seen_at, repeated, i)),
     touched AS (
       UPDATE devices SET last_seen_at = $6 WHERE device_id = ANY($5::text[]) AND revoked_at IS NULL),
     inserted AS (
       INSERT INTO nonces (device_id, nonce, seen_at)
       SELECT r.device_id, r.nonce, r.seen_at FROM req r JOIN devices d USING (device_id)
       WHERE NOT r.repeated AND d.revoked_at IS NULL
       ON CONFLICT DO NOTHING RETURNING device_id, nonce)
     SELECT r.i, d.*, (NOT r.repeated AND EXISTS (
         SELECT 1 FROM inserted n WHERE n.device_id = r.device_id AND n.nonce = r.nonce)) AS fresh
     FROM req r LEFT JOIN devices d USING (device_id) ORDER BY r.i`,
    values: [
      requests.map((r) => r.deviceId),
      requests.map((r) => r.nonce),
      requests.map((r) => r.at),
      repeated,
      touch?.deviceIds ?? [],
      touch?.at ?? null,
    ],
  });
  return rows.map(({ i: _i, fresh, ...row }) => ({
    device: row.device_id === null ? null : toDevice(row),
    fresh,
  }));
}

export async function pruneNonces(pool: Pool, before: number): Promise<void> {
  await pool.query('DELETE FROM nonces WHERE seen_at < $1', [before]);
}
