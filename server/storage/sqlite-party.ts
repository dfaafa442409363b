// Which cases a party sees, as SQLite SQL: an intake window its own, an
// acceptance desk its region's (of its matters, when it names any), and the
// blobs of those cases it may read.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Party } from './contract.ts';

/** The SQL condition (on cases aliased c) that selects a party's cases, and its parameters. */
export function partyFilter(party: Party): { sql: string; params: SQLInputValue[] } {
  if (party.kind === 'intake') return { sql: 'c.origin_device_id = ?', params: [party.deviceId] };
  if (party.matterIds.length === 0) return { sql: 'c.handling_region = ?', params: [party.region] };
  return {
    sql: 'c.handling_region = ? AND c.matter_id IN (SELECT value FROM json_each(?))',
    params: [party.region, JSON.stringify(party.matterIds)],
  };
}

/** A device may read a blob it sent, or one an event of a case it is party to refers to. */
export function mayReadBlob(db: DatabaseSync, sha256: string, deviceId: string, party: Party): boolean {
  const blob = db.prepare('SELECT uploaded_by FROM blobs WHERE sha256 = ?').get(sha256) as
    { uploaded_by: string } | undefined;
  if (!blob) return false;
  if (blob.uploaded_by === deviceId) return true;
  const filter = partyFilter(party);
  const row = db
    .prepare(
      `SELECT 1 FROM event_blobs b JOIN events e ON e.server_seq = b.server_seq JOIN cases c ON c.case_id = e.case_id
       WHERE b.sha256 = ? AND ${filter.sql} LIMIT 1`,
    )
    .get(sha256, ...filter.params);
  return row !== undefined;
}
