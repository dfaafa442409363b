// The sync benchmark (bench/sync.ts) at a tiny size: it runs end to end and
// writes every key with a sane value. No timing is asserted: the numbers of a
// run this small, on a machine busy with other tests, mean nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench:sync', () => {
  it('drains a small backlog and weathers a small storm, writing every key', () => {
    const out = join(dir, 'sync.json');
    // On SQLite: the same code paths, no database server needed; `npm run bench:sync` runs them on PostgreSQL.
    const run = spawnSync(
      process.execPath,
      ['bench/sync.ts', '--cases', '20', '--devices', '6', '--events', '4', '--out', out, '--sqlite-only'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TONGBAN_LOG: 'silent' } },
    );
    // Exit 1 is a missed target, which a run this small may well have; anything else is a failure.
    expect([0, 1], run.stderr).toContain(run.status);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    for (const key of ['drain_s', 'floor_s', 'drain_ratio_to_floor', 'storm_p99_ms']) {
      expect(report[key], key).toBeGreaterThan(0);
    }
    expect(report).toMatchObject({
      drain_cases: 20,
      drain_scans: 40,
      drain_events: 40,
      storm_devices: 6,
      storm_events: 24,
      storm_lost: 0,
      storm_failed_requests: 0,
      storm_refused_events: 0,
      node: process.version,
      cpu: { count: expect.any(Number) },
    });
  }, 60_000);
});
