// Which cases a device is party to, as SQL: pulls and blob reads both ask it.
import type { Party } from './contract.ts';

/** The SQL condition (on cases aliased c) that selects a party's cases; its parameters are numbered from `first`. */
export function partyFilter(party: Party, first: number): { sql: string; params: unknown[] } {
  if (party.kind === 'intake') return { sql: `c.origin_device_id = $${first}`, params: [party.deviceId] };
  if (party.matterIds.length === 0) return { sql: `c.handling_region = $${first}`, params: [party.region] };
  return {
    sql: `c.handling_region = $${first} AND c.matter_id = ANY($${first + 1}::text[])`,
    params: [party.region, party.matterIds],
  };
}
