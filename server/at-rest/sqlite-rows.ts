// The at-rest rows in the embedded store's database (rows.ts says what each does).
import type { DatabaseSync } from 'node:sqlite';
import { PURGED_PREFIX, SEALED_PREFIX } from './payloads.ts';
import type { AtRestRows, BlobUse, CaseCandidate, PurgeCase } from './rows.ts';

const NOT_PURGED = `e.payload NOT LIKE '${PURGED_PREFIX}%'`;

export class SqliteAtRestRows implements AtRestRows {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async recordPull(deviceId: string, cursor: number, at: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO device_pulls (device_id, cursor, pulled_at)
         VALUES (?, min(?, (SELECT coalesce(max(server_seq), 0) FROM events)), ?)
         ON CONFLICT (device_id) DO UPDATE SET cursor = excluded.cursor, pulled_at = excluded.pulled_at
         WHERE excluded.cursor > device_pulls.cursor`,
      )
      .run(deviceId, cursor, at);
  }

  async pullCursors(): Promise<Map<string, number>> {
    const rows = this.db.prepare('SELECT device_id, cursor FROM device_pulls').all() as {
      device_id: string;
      cursor: number;
    }[];
    return new Map(rows.map((row) => [row.device_id, row.cursor]));
  }

  async clearPayloads(limit: number): Promise<{ eventId: string; payload: string }[]> {
    const rows = this.db
      .prepare(
        `SELECT event_id AS eventId, payload FROM events e
         WHERE e.payload NOT LIKE '${SEALED_PREFIX}%' AND ${NOT_PURGED} ORDER BY server_seq LIMIT ?`,
      )
      .all(limit) as { eventId: string; payload: string }[];
    return rows.map((row) => ({ ...row }));
  }

  async payloadsNotUnder(keyId: string, limit: number): Promise<{ eventId: string; payload: string }[]> {
    const rows = this.db
      .prepare(
        `SELECT event_id AS eventId, payload FROM events
         WHERE payload LIKE '${SEALED_PREFIX}%' AND substr(payload, 1, ?) <> ? ORDER BY server_seq LIMIT ?`,
      )
      .all(SEALED_PREFIX.length + keyId.length + 2, `${SEALED_PREFIX}"${keyId}"`, limit) as {
      eventId: string;
      payload: string;
    }[];
    return rows.map((row) => ({ ...row }));
  }

  async replacePayload(eventId: string, from: string, to: string): Promise<boolean> {
    return (
      this.db.prepare('UPDATE events SET payload = ? WHERE event_id = ? AND payload = ?').run(to, eventId, from)
        .changes > 0
    );
  }

  async concludedCases(statuses: readonly number[], before: string): Promise<CaseCandidate[]> {
    const rows = this.db
      .prepare(
        `SELECT c.case_id AS caseId, c.origin_device_id AS originDeviceId, c.handling_region AS handlingRegion,
           c.matter_id AS matterId, max(e.server_seq) AS lastSeq, max(e.received_at) AS lastAt,
           sum(${NOT_PURGED}) AS payloads,
           sum(CASE WHEN ${NOT_PURGED} THEN length(CAST(e.payload AS BLOB)) ELSE 0 END) AS payloadBytes
         FROM cases c JOIN events e ON e.case_id = c.case_id
         WHERE c.status IN (SELECT value FROM json_each(?))
         GROUP BY c.case_id HAVING max(e.received_at) <= ? ORDER BY c.case_id`,
      )
      .all(JSON.stringify(statuses), before) as unknown as CaseCandidate[];
    return rows.map((row) => ({ ...row }));
  }

  async blobsOf(caseIds: readonly string[]): Promise<BlobUse[]> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT b.sha256, b.size, e.case_id AS caseId FROM blobs b
         JOIN event_blobs eb ON eb.sha256 = b.sha256 JOIN events e ON e.server_seq = eb.server_seq
         WHERE b.sha256 IN (SELECT eb1.sha256 FROM event_blobs eb1 JOIN events e1 ON e1.server_seq = eb1.server_seq
                            WHERE e1.case_id IN (SELECT value FROM json_each(?)))
         ORDER BY b.sha256`,
      )
      .all(JSON.stringify(caseIds)) as { sha256: string; size: number; caseId: string }[];
    return groupUses(rows);
  }

  async purge(
    cases: readonly PurgeCase[],
    blobs: readonly BlobUse[],
    purgeSet: readonly string[],
    marker: string,
    at: string,
  ): Promise<string[]> {
    const caseIds = JSON.stringify(purgeSet);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const payloads = this.db.prepare(
        `UPDATE events SET payload = ? WHERE case_id = ? AND server_seq <= ? AND payload NOT LIKE '${PURGED_PREFIX}%'`,
      );
      const stamp = this.db.prepare('UPDATE cases SET purged_at = ? WHERE case_id = ?');
      for (const { caseId, lastSeq } of cases) {
        payloads.run(marker, caseId, lastSeq);
        stamp.run(at, caseId);
      }
      // Only a blob no other case refers to, checked again inside the transaction.
      const forget = this.db.prepare(
        `DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (
           SELECT 1 FROM event_blobs eb JOIN events e ON e.server_seq = eb.server_seq
           WHERE eb.sha256 = blobs.sha256 AND e.case_id NOT IN (SELECT value FROM json_each(?)))`,
      );
      const keep = this.db.prepare(
        `INSERT INTO purged_blobs (sha256, size, purged_at) VALUES (?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, purged_at = excluded.purged_at`,
      );
      const forgotten = blobs.filter(({ sha256, size }) => {
        if (forget.run(sha256, caseIds).changes === 0) return false;
        keep.run(sha256, size, at);
        return true;
      });
      this.db.exec('COMMIT');
      return forgotten.map((blob) => blob.sha256);
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

export function groupUses(rows: readonly { sha256: string; size: number; caseId: string }[]): BlobUse[] {
  const uses = new Map<string, BlobUse>();
  for (const { sha256, size, caseId } of rows) {
    const use = uses.get(sha256) ?? { sha256, size: Number(size), caseIds: [] };
    use.caseIds.push(caseId);
    uses.set(sha256, use);
  }
  return [...uses.values()];
}
