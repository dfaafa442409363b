// The events an exchange server refused, with the reason and the event that
// won where there was one, and the events this device refused to take from a
// server (their signature or origin did not check out); each holds back the
// rest of its case's events.
import type { DatabaseSync } from 'node:sqlite';
import type { z } from 'zod';
import type { quarantineEntrySchema } from '../../../shared/rpc/contract.ts';

export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

interface QuarantineRow {
  event_id: string;
  case_id: string;
  case_no: string;
  type: string;
  region_code: string;
  reason: string;
  detail: string | null;
  winner_event_id: string | null;
  winner_type: string | null;
  quarantined_at: string;
}

export class Quarantine {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** The quarantined events, the latest first. */
  list(): QuarantineEntry[] {
    return [...this.refusedByServer(), ...this.refusedHere()].sort((a, b) =>
      a.quarantinedAt < b.quarantinedAt ? 1 : a.quarantinedAt > b.quarantinedAt ? -1 : 0,
    );
  }

  /**
   * Pulled events that failed their check, never applied. The case number is
   * the device's own, where it holds the case; an event's own word is not taken for it.
   */
  private refusedHere(): QuarantineEntry[] {
    return (
      this.db
        .prepare(
          `SELECT q.event_id, q.case_id, c.case_no, q.type, r.region_code, q.reason, q.quarantined_at
           FROM pulled_quarantine q LEFT JOIN cases c USING (case_id) JOIN remotes r USING (remote_id)`,
        )
        .all() as unknown as (Omit<QuarantineRow, 'case_no' | 'detail' | 'winner_event_id' | 'winner_type'> & {
        case_no: string | null;
      })[]
    ).map((q) => ({
      eventId: q.event_id,
      caseId: q.case_id,
      caseNo: q.case_no ?? '—',
      eventType: q.type,
      regionCode: q.region_code,
      reason: q.reason,
      detail: null,
      winner: null,
      quarantinedAt: q.quarantined_at,
    }));
  }

  private refusedByServer(): QuarantineEntry[] {
    return (
      this.db
        .prepare(
          `SELECT q.event_id, q.case_id, c.case_no, e.type, r.region_code, q.reason, q.detail, q.winner_event_id,
             q.winner_type, q.quarantined_at
           FROM quarantine q JOIN cases c USING (case_id) JOIN case_events e USING (event_id)
           JOIN remotes r USING (remote_id)`,
        )
        .all() as unknown as QuarantineRow[]
    ).map((q) => ({
      eventId: q.event_id,
      caseId: q.case_id,
      caseNo: q.case_no,
      eventType: q.type,
      regionCode: q.region_code,
      reason: q.reason,
      detail: q.detail,
      winner: q.winner_event_id && q.winner_type ? { eventId: q.winner_event_id, type: q.winner_type } : null,
      quarantinedAt: q.quarantined_at,
    }));
  }
}
