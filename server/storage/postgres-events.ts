// Reading events and cases back from PostgreSQL: one by id, or a party's
// events page by page behind a cursor.
import type { Pool } from 'pg';
import type { PulledEvent } from '../../shared/sync/protocol.ts';
import type { CaseRecord, Party } from './contract.ts';
import { partyFilter } from './postgres-party.ts';
import { firstRow } from './postgres-pool.ts';
import { toCase, toEvent, type CaseRow, type EventRow } from './rows.ts';

export async function event(pool: Pool, eventId: string): Promise<PulledEvent | null> {
  const row = await firstRow<EventRow>(pool, 'SELECT * FROM events WHERE event_id = $1', [eventId]);
  return row ? toEvent(row) : null;
}

export async function caseRecord(pool: Pool, caseId: string): Promise<CaseRecord | null> {
  const row = await firstRow<CaseRow>(pool, 'SELECT * FROM cases WHERE case_id = $1', [caseId]);
  return row ? toCase(row) : null;
}

export async function pullEvents(
  pool: Pool,
  party: Party,
  after: number,
  limit: number,
): Promise<{ events: PulledEvent[]; cursor: number }> {
  // The newest number first: numbers become visible in order (the append holds
  // the counter to COMMIT), so every event up to it has committed and the page below reads them all.
  const newest = (await firstRow<{ seq: number | null }>(pool, 'SELECT max(server_seq) AS seq FROM events'))!.seq ?? 0;
  const filter = partyFilter(party, 4);
  const { rows } = await pool.query<EventRow>(
    `SELECT e.* FROM events e JOIN cases c ON c.case_id = e.case_id
     WHERE e.server_seq > $1 AND e.server_seq <= $2 AND ${filter.sql} ORDER BY e.server_seq LIMIT $3`,
    [after, newest, limit, ...filter.params],
  );
  const events = rows.map(toEvent);
  if (events.length === limit) return { events, cursor: events.at(-1)!.serverSeq };
  return { events, cursor: Math.max(after, newest) };
}
