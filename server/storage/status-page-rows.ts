// The status pages' rows (migration 0006), the same columns in both stores,
// and the SQL that keeps them as events are appended: a row made with the
// case, its status time and stage moved by later events.
import type { CaseStatusCode, SubState } from '../../shared/case/status.ts';
import type { CollectPlace } from '../../shared/sync/status-page.ts';
import type { StatusPageRecord, StatusPageUpdate } from './contract.ts';

export interface StatusPageRow {
  case_id: string;
  case_no: string;
  code_hash: string | null;
  collect: string;
  status_at: string;
  stage: string | null;
  status: number;
  matter_id: string;
  intake_region: string;
  handling_region: string;
}

export function toStatusPage(row: StatusPageRow): StatusPageRecord {
  return {
    caseId: row.case_id,
    caseNo: row.case_no,
    codeHash: row.code_hash,
    collect: row.collect as CollectPlace,
    status: row.status as CaseStatusCode,
    statusAt: row.status_at,
    stage: row.stage as SubState | null,
    matterId: row.matter_id,
    intakeRegion: row.intake_region,
    handlingRegion: row.handling_region,
  };
}

/** `$n` placeholders; SQLite reads them as numbered parameters too. */
export const STATUS_PAGES_OF_NUMBER = `SELECT p.case_id, p.case_no, p.code_hash, p.collect, p.status_at, p.stage,
    c.status, c.matter_id, c.intake_region, c.handling_region
  FROM status_pages p JOIN cases c ON c.case_id = p.case_id WHERE p.case_no = $1 ORDER BY p.case_id`;

/** A statement and its parameters for one event's update; null when it changes nothing. */
export function statusPageWrite(caseId: string, update: StatusPageUpdate): { sql: string; params: unknown[] } | null {
  const { created } = update;
  if (created) {
    // A case is made with its first status: the event that creates it always moves the status.
    if (update.statusAt === undefined) throw new Error('A status page is made with the time of its first status.');
    return {
      sql: `INSERT INTO status_pages (case_id, case_no, code_hash, collect, status_at, stage)
        VALUES ($1, $2, $3, $4, $5, $6)`,
      params: [caseId, created.caseNo, created.codeHash, created.collect, update.statusAt, update.stage ?? null],
    };
  }
  if (update.statusAt === undefined && update.stage === undefined) return null;
  return {
    sql: `UPDATE status_pages SET status_at = coalesce($2, status_at), stage = coalesce($3, stage) WHERE case_id = $1`,
    params: [caseId, update.statusAt ?? null, update.stage ?? null],
  };
}
