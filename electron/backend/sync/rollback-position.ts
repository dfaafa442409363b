// The device's position in its own record of events, which rollback
// detection holds against what a server once heard: how many events this
// device has made, plus those an announced recovery could not bring back.
import type { DatabaseSync } from 'node:sqlite';
import { getSetting } from '../store/settings.ts';

/** Own events an announced recovery could not bring back: they still count, so the position never goes down. */
export const OWN_EVENTS_OFFSET_KEY = 'sync.own_events_offset';

export function ownPosition(db: DatabaseSync): number {
  const { n } = db
    .prepare('SELECT count(*) AS n FROM case_events WHERE device_id = (SELECT device_id FROM device)')
    .get() as { n: number };
  return n + Number(getSetting(db, OWN_EVENTS_OFFSET_KEY) ?? 0);
}
