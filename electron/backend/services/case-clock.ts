// Keeps a case's clock columns in step with its events: after every event
// recorded or pulled, the shared caseClock runs over the case's events and
// the deadlines, state and mark are stored, so lists sort and filter on them
// without reading events. A running clock's mark moves with the days and is
// worked out when read (markOf); a paused or stopped one keeps the stored mark.
import type { DatabaseSync } from 'node:sqlite';
import { caseClock, deadlineMark, type ClockState, type Mark } from '../../../shared/case/clock.ts';
import { decryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { localDay } from './case-events.ts';
import type { CatalogService } from './catalog.ts';

/** Events whose payload the clock reads. */
const READS_PAYLOAD = new Set(['case.signed_for']);

export class CaseClocks {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;

  constructor(db: DatabaseSync, keys: DeviceKeys, catalog: CatalogService) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
  }

  /** Inside the caller's transaction. A matter this device's catalogs lack keeps the dates made at intake. */
  refresh(caseId: string, today = localDay(new Date())): void {
    const row = this.db.prepare('SELECT matter_id FROM cases WHERE case_id = ?').get(caseId) as
      { matter_id: string } | undefined;
    const matter = row && this.catalog.matter(row.matter_id)?.matter;
    if (!matter) return;
    const events = (
      this.db
        .prepare('SELECT event_id, type, occurred_at, payload_enc FROM case_events WHERE case_id = ? ORDER BY case_seq')
        .all(caseId) as { event_id: string; type: string; occurred_at: string; payload_enc: string }[]
    ).map((e) => ({
      type: e.type,
      day: localDay(new Date(e.occurred_at)),
      payload: READS_PAYLOAD.has(e.type)
        ? (JSON.parse(decryptText(this.keys.fields, e.payload_enc, `case_events.payload:${e.event_id}`)) as unknown)
        : undefined,
    }));
    const clock = caseClock({
      limits: matter.limits,
      clockExcludesMail: matter.clockExcludesMail,
      events,
      today,
      calendars: this.catalog.calendars(),
    });
    const accepted = events.find((e) => e.type === 'case.accepted');
    this.db
      .prepare(
        `UPDATE cases SET promised_deadline = ?, statutory_deadline = ?, deadline_provisional = ?, clock_state = ?,
           clock_mark = ?, accepted_day = ? WHERE case_id = ?`,
      )
      .run(
        clock.promised?.date ?? null,
        clock.statutory?.date ?? null,
        clock.provisional ? 1 : 0,
        clock.state,
        clock.mark,
        accepted?.day ?? null,
        caseId,
      );
  }

  /** The mark as of today: worked out for a running clock, stored for a paused or stopped one. */
  markOf(row: {
    clock_state: ClockState;
    clock_mark: Mark;
    promised_deadline: string | null;
    statutory_deadline: string | null;
  }): Mark {
    if (row.clock_state === 'paused' || row.clock_state === 'stopped') return row.clock_mark;
    const dates = [row.promised_deadline, row.statutory_deadline].filter((d): d is string => d !== null).sort();
    return dates[0] ? deadlineMark(dates[0], localDay(new Date()), this.catalog.calendars()) : 'none';
  }
}
