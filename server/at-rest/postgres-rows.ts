// The at-rest rows in PostgreSQL (rows.ts says what each does).
import type { Pool } from 'pg';
import { inTransaction } from '../storage/postgres-pool.ts';
import { PURGED_PREFIX, SEALED_PREFIX } from './payloads.ts';
import type { AtRestRows, BlobUse, CaseCandidate, PurgeCase } from './rows.ts';
import { groupUses } from './sqlite-rows.ts';

const NOT_PURGED = `e.payload NOT LIKE '${PURGED_PREFIX}%'`;

export class PostgresAtRestRows implements AtRestRows {
  private readonly pool: Pool;

  constructor(pool: Pool) {
    this.pool = pool;
  }

  async recordPull(deviceId: string, cursor: number, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO device_pulls (device_id, cursor, pulled_at)
       VALUES ($1, least($2::bigint, (SELECT coalesce(max(server_seq), 0) FROM events)), $3)
       ON CONFLICT (device_id) DO UPDATE SET cursor = excluded.cursor, pulled_at = excluded.pulled_at
       WHERE excluded.cursor > device_pulls.cursor`,
      [deviceId, cursor, at],
    );
  }

  async pullCursors(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ device_id: string; cursor: number }>(
      'SELECT device_id, cursor FROM device_pulls',
    );
    return new Map(rows.map((row) => [row.device_id, row.cursor]));
  }

  async clearPayloads(limit: number): Promise<{ eventId: string; payload: string }[]> {
    const { rows } = await this.pool.query<{ eventId: string; payload: string }>(
      `SELECT event_id AS "eventId", payload FROM events e
       WHERE e.payload NOT LIKE '${SEALED_PREFIX}%' AND ${NOT_PURGED} ORDER BY server_seq LIMIT $1`,
      [limit],
    );
    return rows;
  }

  async payloadsNotUnder(keyId: string, limit: number): Promise<{ eventId: string; payload: string }[]> {
    const { rows } = await this.pool.query<{ eventId: string; payload: string }>(
      `SELECT event_id AS "eventId", payload FROM events
       WHERE payload LIKE '${SEALED_PREFIX}%' AND left(payload, $1) <> $2 ORDER BY server_seq LIMIT $3`,
      [SEALED_PREFIX.length + keyId.length + 2, `${SEALED_PREFIX}"${keyId}"`, limit],
    );
    return rows;
  }

  async replacePayload(eventId: string, from: string, to: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE events SET payload = $1 WHERE event_id = $2 AND payload = $3', [
      to,
      eventId,
      from,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async concludedCases(statuses: readonly number[], before: string): Promise<CaseCandidate[]> {
    const { rows } = await this.pool.query<CaseCandidate>(
      `SELECT c.case_id AS "caseId", c.origin_device_id AS "originDeviceId", c.handling_region AS "handlingRegion",
         c.matter_id AS "matterId", max(e.server_seq) AS "lastSeq", max(e.received_at) AS "lastAt",
         count(*) FILTER (WHERE ${NOT_PURGED}) AS payloads,
         coalesce(sum(octet_length(e.payload)) FILTER (WHERE ${NOT_PURGED}), 0) AS "payloadBytes"
       FROM cases c JOIN events e ON e.case_id = c.case_id
       WHERE c.status = ANY($1::int[])
       GROUP BY c.case_id HAVING max(e.received_at) <= $2 ORDER BY c.case_id`,
      [statuses, before],
    );
    return rows;
  }

  async blobsOf(caseIds: readonly string[]): Promise<BlobUse[]> {
    const { rows } = await this.pool.query<{ sha256: string; size: number; caseId: string }>(
      `SELECT DISTINCT b.sha256, b.size, e.case_id AS "caseId" FROM blobs b
       JOIN event_blobs eb ON eb.sha256 = b.sha256 JOIN events e ON e.server_seq = eb.server_seq
       WHERE b.sha256 IN (SELECT eb1.sha256 FROM event_blobs eb1 JOIN events e1 ON e1.server_seq = eb1.server_seq
                          WHERE e1.case_id = ANY($1::text[]))
       ORDER BY b.sha256`,
      [caseIds],
    );
    return groupUses(rows);
  }

  purge(
    cases: readonly PurgeCase[],
    blobs: readonly BlobUse[],
    purgeSet: readonly string[],
    marker: string,
    at: string,
  ): Promise<string[]> {
    const caseIds = [...purgeSet];
    return inTransaction(this.pool, async (client) => {
      for (const { caseId, lastSeq } of cases) {
        await client.query(
          `UPDATE events SET payload = $1 WHERE case_id = $2 AND server_seq <= $3
             AND payload NOT LIKE '${PURGED_PREFIX}%'`,
          [marker, caseId, lastSeq],
        );
        await client.query('UPDATE cases SET purged_at = $1 WHERE case_id = $2', [at, caseId]);
      }
      const forgotten: string[] = [];
      for (const { sha256, size } of blobs) {
        // Only a blob no other case refers to, checked again inside the transaction.
        const deleted = await client.query(
          `DELETE FROM blobs WHERE sha256 = $1 AND NOT EXISTS (
             SELECT 1 FROM event_blobs eb JOIN events e ON e.server_seq = eb.server_seq
             WHERE eb.sha256 = blobs.sha256 AND NOT (e.case_id = ANY($2::text[])))`,
          [sha256, caseIds],
        );
        if ((deleted.rowCount ?? 0) === 0) continue;
        await client.query(
          `INSERT INTO purged_blobs (sha256, size, purged_at) VALUES ($1, $2, $3)
           ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, purged_at = excluded.purged_at`,
          [sha256, size, at],
        );
        forgotten.push(sha256);
      }
      return forgotten;
    });
  }
}
