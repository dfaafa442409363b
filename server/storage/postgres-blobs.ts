// Blobs in PostgreSQL: chunked uploads under way, the blobs held, and who may
// read one.
import type { Pool } from 'pg';
import type { BlobRecord, BlobUpload, Party } from './contract.ts';
import { partyFilter } from './postgres-party.ts';
import { firstRow } from './postgres-pool.ts';

export async function blob(pool: Pool, sha256: string): Promise<BlobRecord | null> {
  const { rows } = await pool.query<BlobRecord>({
    name: 'tongban_blob',
    text: 'SELECT sha256, size, stored_at AS "storedAt", uploaded_by AS "uploadedBy" FROM blobs WHERE sha256 = $1',
    values: [sha256],
  });
  return rows[0] ?? null;
}

export async function blobUpload(pool: Pool, sha256: string): Promise<BlobUpload | null> {
  return (
    (await firstRow<BlobUpload>(
      pool,
      `SELECT sha256, total, received, device_id AS "deviceId", updated_at AS "updatedAt"
       FROM blob_uploads WHERE sha256 = $1`,
      [sha256],
    )) ?? null
  );
}

export async function saveBlobUpload(pool: Pool, upload: BlobUpload): Promise<void> {
  await pool.query(
    `INSERT INTO blob_uploads (sha256, total, received, device_id, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sha256) DO UPDATE SET total = excluded.total, received = excluded.received,
       device_id = excluded.device_id, updated_at = excluded.updated_at`,
    [upload.sha256, upload.total, upload.received, upload.deviceId, upload.updatedAt],
  );
}

export async function deleteBlobUpload(pool: Pool, sha256: string): Promise<void> {
  await pool.query('DELETE FROM blob_uploads WHERE sha256 = $1', [sha256]);
}

export async function completeBlobs(pool: Pool, records: readonly BlobRecord[]): Promise<void> {
  // One statement is one transaction: all or none, in a single round trip.
  await pool.query({
    name: 'tongban_complete_blobs',
    text: `WITH ended AS (DELETE FROM blob_uploads WHERE sha256 = ANY($1::text[]))
     INSERT INTO blobs (sha256, size, stored_at, uploaded_by)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
    values: [
      records.map((r) => r.sha256),
      records.map((r) => r.size),
      records.map((r) => r.storedAt),
      records.map((r) => r.uploadedBy),
    ],
  });
}

export async function mayReadBlob(pool: Pool, sha256: string, deviceId: string, party: Party): Promise<boolean> {
  const held = await firstRow<{ uploaded_by: string }>(pool, 'SELECT uploaded_by FROM blobs WHERE sha256 = $1', [
    sha256,
  ]);
  if (!held) return false;
  if (held.uploaded_by === deviceId) return true;
  const filter = partyFilter(party, 2);
  const row = await firstRow(
    pool,
    `SELECT 1 FROM event_blobs b JOIN events e ON e.server_seq = b.server_seq JOIN cases c ON c.case_id = e.case_id
     WHERE b.sha256 = $1 AND ${filter.sql} LIMIT 1`,
    [sha256, ...filter.params],
  );
  return row !== undefined;
}
