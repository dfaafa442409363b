// 差评整改: an item is projected from the case.evaluated event as it is
// written on this device (made here or pulled), keyed by the case and the
// event, so the same rating never opens two.
import type { DatabaseSync } from 'node:sqlite';
import type { CaseEvent } from '../../../shared/case/events.ts';
import { BAD_RATING_MAX } from '../../../shared/supervision/rectification.ts';

/** Opens the item a bad rating asks for; a rating already holding one is left as it is. */
export function projectRectification(
  db: DatabaseSync,
  event: Pick<CaseEvent, 'eventId' | 'caseId' | 'type' | 'payload' | 'occurredAt'>,
): void {
  if (event.type !== 'case.evaluated') return;
  const { rating } = event.payload as { rating: number };
  if (rating > BAD_RATING_MAX) return;
  db.prepare('INSERT OR IGNORE INTO rectifications (case_id, event_id, rating, rated_at) VALUES (?, ?, ?, ?)').run(
    event.caseId,
    event.eventId,
    rating,
    event.occurredAt,
  );
}
