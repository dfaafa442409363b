// Which cases a party sees, as SQLite SQL: an intake window its own, an
// acceptance desk its region's (of its matters, when it names any).
import type { SQLInputValue } from 'node:sqlite';
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
