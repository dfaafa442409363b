// 原件未寄出: a case taken in here whose originals the matter sends to the
// handling place, still open, with no dispatch recorded more than the
// supervisor's number of days after receipt. The other half of the paper's way,
// mailed and not signed for, is warned of beside it in supervision-warnings.ts.
import type { DatabaseSync } from 'node:sqlite';
import { originalsToTravel } from '../../../shared/case/paper-journey.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { readDocument } from './case-events.ts';
import type { CatalogService } from './catalog.ts';
import { daysBetween } from './supervision-cases.ts';

/** Statuses in which the originals are still of use to the handling place. */
const OPEN_STATUSES = [1, 3, 6, 7, 8, 9, 10] as const;

export interface UndispatchedOriginals {
  case_id: string;
  case_no: string;
  matter_id: string;
  received_at: string;
  days: number;
}

export function undispatchedOriginals(
  db: DatabaseSync,
  keys: DeviceKeys,
  catalog: CatalogService,
  today: string,
  afterDays: number,
): UndispatchedOriginals[] {
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - afterDays * 86_400_000).toISOString().slice(0, 10);
  // Only cases past the threshold and with no dispatch are decrypted, to see which materials they hold.
  const candidates = db
    .prepare(
      `SELECT c.case_id, c.case_no, c.matter_id, c.received_at, c.received_day FROM cases c
       WHERE c.origin = 'intake' AND c.status IN (${OPEN_STATUSES.join(', ')}) AND c.received_day < ?
         AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'case.originals_dispatched')
       ORDER BY c.received_at`,
    )
    .all(cutoff) as (Omit<UndispatchedOriginals, 'days'> & { received_day: string })[];
  return candidates
    .filter((c) => {
      const matter = catalog.matter(c.matter_id)?.matter;
      if (!matter) return false;
      return originalsToTravel(matter.materials, readDocument(db, keys, c.case_id).materials.materials).length > 0;
    })
    .map(({ received_day: day, ...c }) => ({ ...c, days: daysBetween(day, today) }));
}
