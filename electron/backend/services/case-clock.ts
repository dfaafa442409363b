// Keeps a case's clock columns in step with its events: after every event
// recorded or pulled, the shared caseClock runs over the case's events and
// the deadlines, state and mark are stored, so lists sort and filter on them
// without reading events. A running clock's mark moves with the days and is
// worked out when read (markOf); a paused or stopped one keeps the stored mark.
import type { DatabaseSync } from 'node:sqlite';
import { caseClock, deadlineMark, type CaseClock, type ClockState, type Mark } from '../../../shared/case/clock.ts';
import { decryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { localDay } from '../../../shared/local-time.ts';
import type { CatalogService } from './catalog.ts';

/** Events whose payload the clock reads. */
const READS_PAYLOAD = new Set(['case.signed_for', 'case.deadline_extended']);

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
           clock_mark = ?, accepted_day = ?, deadline_unit = ?, acceptance_deadline = ? WHERE case_id = ?`,
      )
      .run(
        clock.promised?.date ?? null,
        clock.statutory?.date ?? null,
        clock.provisional ? 1 : 0,
        clock.state,
        clock.mark,
        accepted?.day ?? null,
        clock.unit,
        clock.acceptanceDecision?.date ?? null,
        caseId,
      );
  }

  /** The mark as of today: worked out for a running clock, stored for a paused or stopped one. */
  markOf(row: ClockColumns): Mark {
    return this.marker()(row);
  }

  /**
   * markOf for the rows of one read: today and the calendars taken once, and
   * each deadline's mark counted once — a page of a busy day shares a few
   * dozen deadlines among hundreds of cases.
   */
  marker(today = localDay(new Date())): (row: ClockColumns) => Mark {
    const calendars = this.catalog.calendars();
    const marks = new Map<string, Mark>();
    return (row) => {
      if (row.clock_state === 'paused' || row.clock_state === 'stopped') return row.clock_mark;
      const date = nearestDeadline(row);
      if (!date) return 'none';
      const key = `${row.deadline_unit} ${date}`;
      let mark = marks.get(key);
      if (mark === undefined) {
        mark = deadlineMark(date, today, calendars, row.deadline_unit);
        marks.set(key, mark);
      }
      return mark;
    };
  }

  /**
   * Open cases whose stored clock was counted in another unit than their
   * matter's now says (cases taken in before units, or a catalog that changed
   * a matter's unit) are counted again; the backend calls this as it starts.
   */
  recountUnits(): string[] {
    const open = this.db
      .prepare("SELECT case_id, matter_id, deadline_unit FROM cases WHERE clock_state != 'stopped'")
      .all() as { case_id: string; matter_id: string; deadline_unit: string }[];
    // One read of the catalogs for all the cases: each matter lookup would parse them again.
    const units = new Map(
      this.catalog
        .matters()
        .map((m) => [m.id, (m.limits.unit ?? 'working_days') === 'working_days' ? 'working_days' : 'calendar_days']),
    );
    const stale = open.filter((c) => units.has(c.matter_id) && units.get(c.matter_id) !== c.deadline_unit);
    for (const c of stale) this.refresh(c.case_id);
    return stale.map((c) => c.case_id);
  }
}

/** What markOf reads of a case row. */
export interface ClockColumns {
  clock_state: ClockState;
  clock_mark: Mark;
  promised_deadline: string | null;
  statutory_deadline: string | null;
  acceptance_deadline: string | null;
  deadline_unit: CaseClock['unit'];
}

/** The nearest date the case must meet: the acceptance decision's until it is made, then the others. */
export function nearestDeadline(
  row: Omit<ClockColumns, 'clock_state' | 'clock_mark' | 'deadline_unit'>,
): string | undefined {
  return [row.promised_deadline, row.statutory_deadline, row.acceptance_deadline]
    .filter((d): d is string => d !== null)
    .sort()[0];
}
