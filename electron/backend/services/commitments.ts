// 容缺受理承诺书: what an applicant owes after a material was deferred at
// intake, and by when. The rows are projected from the case's events as they
// are written on this device (made here or pulled), so the intake window and
// the handling place hold the same commitments: the deferred outcome with its
// due day opens one, case.deferred_material_received closes it. A commitment
// lapses the day after its due day while still open.
import type { DatabaseSync } from 'node:sqlite';
import type { CaseEvent, DeferredMaterialReceivedPayload } from '../../../shared/case/events.ts';
import type { MaterialOutcome } from '../../../shared/case/intake.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { daysBetween } from './supervision-cases.ts';

/** Cases that ended without a decision to act on (withdrawn, refused, recalled, revoked): nothing is owed. */
const ENDED: readonly CaseStatusCode[] = [2, 4, 5, 14, 15];

/**
 * Opens the commitments an event defers with a due day, and closes one when its material is brought in:
 * on its own (容缺补交), or received or verified online in a correction.
 */
export function projectCommitments(
  db: DatabaseSync,
  event: Pick<CaseEvent, 'eventId' | 'caseId' | 'type' | 'payload' | 'occurredAt'>,
): void {
  const close = (materialId: string): void =>
    void db
      .prepare(
        `UPDATE commitments SET received_event_id = ?, received_at = ?
         WHERE case_id = ? AND material_id = ? AND received_at IS NULL`,
      )
      .run(event.eventId, event.occurredAt, event.caseId, materialId);
  if (event.type === 'case.materials_checked' || event.type === 'case.correction_supplied') {
    const { materials } = event.payload as { materials: MaterialOutcome[] };
    const open = db.prepare(
      `INSERT INTO commitments (case_id, material_id, due_date, promised_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id, material_id) DO UPDATE SET due_date = excluded.due_date, promised_at = excluded.promised_at
       WHERE received_at IS NULL`,
    );
    for (const m of materials) {
      if (m.outcome === 'deferred' && m.dueDate) open.run(event.caseId, m.materialId, m.dueDate, event.occurredAt);
      if (m.outcome === 'received' || m.outcome === 'waived') close(m.materialId);
    }
  }
  if (event.type === 'case.deferred_material_received') {
    close((event.payload as DeferredMaterialReceivedPayload).materialId);
  }
}

export interface CaseCommitment {
  materialId: string;
  dueDate: string;
  promisedAt: string;
  receivedAt: string | null;
  /** Past its due day and not received. */
  lapsed: boolean;
}

/** A case's commitments, soonest due first. */
export function caseCommitments(db: DatabaseSync, caseId: string, today: string): CaseCommitment[] {
  const rows = db
    .prepare(
      `SELECT material_id, due_date, promised_at, received_at FROM commitments WHERE case_id = ?
       ORDER BY due_date, material_id`,
    )
    .all(caseId) as { material_id: string; due_date: string; promised_at: string; received_at: string | null }[];
  return rows.map((r) => ({
    materialId: r.material_id,
    dueDate: r.due_date,
    promisedAt: r.promised_at,
    receivedAt: r.received_at,
    lapsed: r.received_at === null && r.due_date < today,
  }));
}

/** Whether the case owes this material: the check before its receipt is recorded. */
export function commitmentOpen(db: DatabaseSync, caseId: string, materialId: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM commitments WHERE case_id = ? AND material_id = ? AND received_at IS NULL')
      .get(caseId, materialId) !== undefined
  );
}

export interface OpenCommitment {
  caseId: string;
  caseNo: string;
  matterId: string;
  status: CaseStatusCode;
  /** Masked, as the case row keeps it. */
  applicantName: string;
  materialId: string;
  dueDate: string;
  promisedAt: string;
  /** Calendar days past the due day; 0 or less while it is not yet lapsed. */
  daysOverdue: number;
}

/**
 * Open commitments of cases still running, soonest due first: at an intake
 * window those of the cases taken in here (its to-do), for the supervisor all.
 */
export function openCommitments(db: DatabaseSync, today: string, origin?: 'intake' | 'inbox'): OpenCommitment[] {
  const rows = db
    .prepare(
      `SELECT c.case_id, c.case_no, c.matter_id, c.status, c.applicant_masked_name, m.material_id, m.due_date,
         m.promised_at
       FROM commitments m INDEXED BY commitments_open JOIN cases c USING (case_id)
       WHERE m.received_at IS NULL AND c.status NOT IN (${ENDED.join(', ')}) AND (? IS NULL OR c.origin = ?)
       ORDER BY m.due_date, c.received_at, m.material_id`,
    )
    .all(origin ?? null, origin ?? null) as {
    case_id: string;
    case_no: string;
    matter_id: string;
    status: CaseStatusCode;
    applicant_masked_name: string;
    material_id: string;
    due_date: string;
    promised_at: string;
  }[];
  return rows.map((r) => ({
    caseId: r.case_id,
    caseNo: r.case_no,
    matterId: r.matter_id,
    status: r.status,
    applicantName: r.applicant_masked_name,
    materialId: r.material_id,
    dueDate: r.due_date,
    promisedAt: r.promised_at,
    daysOverdue: daysBetween(r.due_date, today),
  }));
}

/** The to-do's reads, for the handlers. */
export class Commitments {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** The open commitments of the cases taken in at this window. */
  ofThisWindow(today: string): OpenCommitment[] {
    return openCommitments(this.db, today, 'intake');
  }
}
