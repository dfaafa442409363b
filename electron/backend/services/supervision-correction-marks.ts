// A case's five-day correction mark as this device reads it: the shared rule
// over the case's event types and days, on the loaded calendars. Payloads
// are not read: the mark depends only on which events came when.
import type { DatabaseSync } from 'node:sqlite';
import { correctionMark, type CorrectionMark } from '../../../shared/case/correction-mark.ts';
import type { CalendarYear } from '../../../shared/catalog/calendar.ts';
import { localDay } from '../../../shared/local-time.ts';

export function correctionMarkOf(
  db: DatabaseSync,
  caseId: string,
  calendars: readonly CalendarYear[],
  today: string,
): CorrectionMark | null {
  const events = (
    db.prepare('SELECT type, occurred_at FROM case_events WHERE case_id = ? ORDER BY case_seq').all(caseId) as {
      type: string;
      occurred_at: string;
    }[]
  ).map((e) => ({ type: e.type, day: localDay(new Date(e.occurred_at)) }));
  return correctionMark({ events, today, calendars });
}
