// The raw SQLite floor of each search: the one minimal node:sqlite statement,
// prepared once, that returns the same rows as CaseQueries.list — their raw
// columns, without the count, the joins, the unread notes, the marks or any JS
// around them — on the same database, with its parameter (blind-index token,
// case number, day) worked out before the clock starts. Measured interleaved
// with the real list, sample by sample, so both see the same machine; the
// ratio of their p95s is what the real code adds to what SQLite must do.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { summarise, type Timing } from '../support/timing.ts';

/** The case row's own columns that the list shows or works its marks from. */
const RAW_COLUMNS = `c.case_id, c.case_no, c.matter_id, c.status, c.sub_state, c.sync_state, c.applicant_masked_name,
  c.applicant_masked_id, c.applicant_id_kind, c.priority, c.received_at, c.clerk_user_id, c.handling_region,
  c.intake_region, c.origin, c.promised_deadline, c.statutory_deadline, c.deadline_provisional, c.acceptance_deadline,
  c.deadline_unit, c.clock_state, c.clock_mark, c.evaluation`;

/** Each search's floor statement; its parameters are the sample's, made before timing. */
export const FLOOR_SQL = {
  token: `SELECT ${RAW_COLUMNS} FROM case_search s JOIN cases c ON c.case_id = s.case_id
    WHERE s.kind = ? AND s.token = ? ORDER BY s.case_id DESC LIMIT ?`,
  caseNo: `SELECT ${RAW_COLUMNS} FROM cases c WHERE c.case_no = ?`,
  day: `SELECT ${RAW_COLUMNS} FROM cases c WHERE c.received_day = ?
    ORDER BY c.received_day DESC, c.received_at DESC, c.case_id DESC LIMIT ?`,
} as const;

export type FloorStatement = keyof typeof FLOOR_SQL;

/** The floor statements, prepared once on the connection measured. */
export function floorStatements(db: DatabaseSync) {
  const prepared = Object.fromEntries(
    Object.entries(FLOOR_SQL).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<FloorStatement, ReturnType<DatabaseSync['prepare']>>;
  return (statement: FloorStatement, ...params: SQLInputValue[]) =>
    prepared[statement].all(...params) as { case_id: string }[];
}

export interface AgainstFloor {
  real: Timing;
  floor: Timing;
  /** real p95 / floor p95, to one decimal. */
  ratio: number;
}

/**
 * `real(i)` and `floor(i)` for the same sample i, one right after the other,
 * the order alternating, after 20 untimed rounds of both.
 */
export function measureAgainstFloor(runs: number, real: (i: number) => void, floor: (i: number) => void): AgainstFloor {
  const warmup = Math.min(20, runs);
  for (let i = 0; i < warmup; i++) {
    real(runs + i);
    floor(runs + i);
  }
  const realSamples: number[] = [];
  const floorSamples: number[] = [];
  const timed = (work: (i: number) => void, i: number, into: number[]) => {
    const t = performance.now();
    work(i);
    into.push(performance.now() - t);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      timed(real, i, realSamples);
      timed(floor, i, floorSamples);
    } else {
      timed(floor, i, floorSamples);
      timed(real, i, realSamples);
    }
  }
  const timings = { real: summarise(realSamples), floor: summarise(floorSamples) };
  return { ...timings, ratio: ratioOf(timings.real.p95, timings.floor.p95) };
}

export const ratioOf = (real: number, floor: number): number => Math.round((real / Math.max(floor, 0.001)) * 10) / 10;
