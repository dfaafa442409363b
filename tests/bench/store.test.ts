// The store benchmark (bench/store.ts) at a tiny size: it generates both
// databases (the hall's and one window's device), checks its own results
// (the ledger against the day's events, the statistics against plain counts,
// the event chain) and writes every key. No timing is asserted: the numbers of
// a run this small, on a machine busy with other tests, mean nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench:store', () => {
  it('generates both databases, measures with checked results, and writes every key', () => {
    const results = join(dir, 'store.json');
    const run = spawnSync(
      process.execPath,
      [
        'bench/store.ts',
        ...['--cases', '1000', '--device-cases', '1500', '--runs', '10', '--workers', '1'],
        ...['--out', join(dir, 'data'), '--results', results],
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TONGBAN_LOG: 'silent' } },
    );
    // Exit 1 is a missed target, which a run this small may well have; a wrong result throws (exit 1 too,
    // but before the file is written).
    expect([0, 1], run.stderr).toContain(run.status);
    const report = JSON.parse(readFileSync(results, 'utf8')) as Record<string, unknown>;
    for (const key of [
      'search_id_p95_ms',
      'search_caseno_p95_ms',
      'search_name_p95_ms',
      'day_list_p95_ms',
      'search_id_floor_p95_ms',
      'search_caseno_floor_p95_ms',
      'search_name_floor_p95_ms',
      'day_list_floor_p95_ms',
      'search_id_ratio_to_floor',
      'search_caseno_ratio_to_floor',
      'search_name_ratio_to_floor',
      'day_list_ratio_to_floor',
      'hall_stats_year_p95_ms',
      'submit_p95_ms',
      'ledger_day_p50_ms',
      'ledger_day_p95_ms',
      'stats_year_p50_ms',
      'stats_year_p95_ms',
    ]) {
      expect(report[key], key).toBeGreaterThan(0);
    }
    expect(report.ledger_day_cases).toBeGreaterThan(0);
    expect(report).toMatchObject({
      cases: 1000,
      stats_year_cases: 1500,
      hall_stats_year_cases: expect.any(Number),
      targets: {
        ledger_day: { target_ms: 200, pass: expect.any(Boolean) },
        stats_year: { target_ms: 1000, pass: expect.any(Boolean) },
        hall_stats_year: { target_ms: 1000, pass: expect.any(Boolean) },
      },
      ratio_targets: {
        search_id: { target_ratio: 10, pass: expect.any(Boolean) },
        search_name: { target_ratio: 10, pass: expect.any(Boolean) },
        search_caseno: { target_ratio: null, pass: null },
        day_list: { target_ratio: null, pass: null },
      },
      device: {
        cases: 1500,
        windows: 1,
        chain_days_checked: expect.any(Number),
        settings: { journal_mode: 'wal', synchronous: 2 },
      },
    });
    const device = report.device as { events: number; ledger_day: { cases: number; events: number } };
    expect(device.events).toBeGreaterThan(1500 * 3);
    expect(device.ledger_day.cases).toBe(report.ledger_day_cases);
  }, 120_000);
});
