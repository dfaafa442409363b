// The store benchmark's targets: pass or fail per measurement, and for a
// miss, where its time goes — 30 traced runs, the statements slowest first,
// with their query plans.
import type { DatabaseSync } from 'node:sqlite';
import type { Timing } from '../support/timing.ts';
import { diagnose, type StatementReport } from './diagnose.ts';

const TARGETS_MS = {
  search_id: 5,
  search_caseno: 5,
  search_name: 5,
  submit: 10,
  ledger_day: 200,
  stats_year: 1000,
  hall_stats_year: 1000,
} as const;

const JUDGED = [
  'search_id',
  'search_caseno',
  'search_name',
  'day_list',
  'submit',
  'ledger_day',
  'stats_year',
  'hall_stats_year',
];

/** The real list's p95 at most this many times its raw SQLite floor's (floor.ts); the others are reported only. */
const RATIO_TARGETS = { search_id: 10, search_name: 10 } as const;

export type Verdicts = Record<string, { p95_ms: number; target_ms: number | null; pass: boolean | null }>;

/** Each measurement's p95 against its target (day_list has none), printed as it is judged. */
export function judge(results: Record<string, Timing>): { verdicts: Verdicts; missed: number } {
  const verdicts: Verdicts = {};
  let missed = 0;
  for (const name of JUDGED) {
    const target = TARGETS_MS[name as keyof typeof TARGETS_MS] ?? null;
    const p95 = results[name]!.p95;
    const pass = target === null ? null : p95 < target;
    verdicts[name] = { p95_ms: p95, target_ms: target, pass };
    if (pass === false) missed++;
    const mark = pass === null ? 'no target' : pass ? 'PASS' : 'FAIL';
    console.log(
      `  ${mark.padEnd(9)} ${name.padEnd(14)} p95 ${String(p95).padStart(9)} ms${target ? ` (target < ${target} ms)` : ''}`,
    );
  }
  return { verdicts, missed };
}

export type RatioVerdicts = Record<
  string,
  { p95_ms: number; floor_p95_ms: number; ratio: number; target_ratio: number | null; pass: boolean | null }
>;

/** Each search's ratio to its floor against its target, printed as it is judged. */
export function judgeRatios(floors: Record<string, { real: Timing; floor: Timing; ratio: number }>): {
  verdicts: RatioVerdicts;
  missed: number;
} {
  const verdicts: RatioVerdicts = {};
  let missed = 0;
  for (const [name, { real, floor, ratio }] of Object.entries(floors)) {
    const target = RATIO_TARGETS[name as keyof typeof RATIO_TARGETS] ?? null;
    const pass = target === null ? null : ratio <= target;
    verdicts[name] = { p95_ms: real.p95, floor_p95_ms: floor.p95, ratio, target_ratio: target, pass };
    if (pass === false) missed++;
    const mark = pass === null ? 'no target' : pass ? 'PASS' : 'FAIL';
    console.log(
      `  ${mark.padEnd(9)} ${name.padEnd(14)} ${String(ratio).padStart(6)} × its floor (p95 ${real.p95} / ${floor.p95} ms)${target ? ` (target ≤ ${target} ×)` : ''}`,
    );
  }
  return { verdicts, missed };
}

/** For each missed target: the database it ran on and its work on a traced connection to it. */
export type MissedWork = (name: string) => { db: DatabaseSync; work: (tracedDb: DatabaseSync, i: number) => void };

export function diagnoseMisses(verdicts: Verdicts, workOf: MissedWork): Record<string, StatementReport[]> {
  const diagnostics: Record<string, StatementReport[]> = {};
  for (const name of Object.keys(verdicts)) {
    if (verdicts[name]!.pass !== false) continue;
    const { db, work } = workOf(name);
    diagnostics[name] = diagnose(db, 30, work);
    console.log(`\n  ${name}: where the time goes (30 traced runs, slowest first)`);
    for (const s of diagnostics[name]!.slice(0, 4)) {
      console.log(`    ${s.calls}× p50 ${s.p50_ms} ms p95 ${s.p95_ms} ms: ${s.sql.slice(0, 300)}`);
      for (const line of s.plan) console.log(`        ${line}`);
    }
  }
  return diagnostics;
}
