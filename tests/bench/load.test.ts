// The first-load benchmark (bench/load.ts) at its smallest: one cold and one
// warm load of the sign-in screen, through the real host, in Chromium. It
// checks the keys and that the loads did what they say (compressed bytes on
// the wire cold, the cache warm); no timing is asserted: a single load on a
// machine busy with other tests means nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Report extends Record<string, unknown> {
  cold: { samples: Record<string, number>[] };
  warm: { samples: Record<string, number>[] };
  transferred: { cold_bytes: number; cold_decoded_bytes: number; warm_bytes: number };
  built: { initial: { raw: number; br: number; files: unknown[] }; later: { files: { file: string }[] } };
  profiled_cold_load: { main_thread_ms: Record<string, number> };
}

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench:load', () => {
  it('loads the sign-in screen cold and warm and writes every key', () => {
    const results = join(dir, 'load.json');
    // It builds first when the build is older than a source.
    const run = spawnSync(process.execPath, ['bench/load.ts', '--cold', '1', '--warm', '1', '--results', results], {
      cwd: root,
      encoding: 'utf8',
    });
    // Exit 1 is a missed target, which one load on a busy machine may well have; a failure writes no file.
    expect([0, 1], run.stderr).toContain(run.status);
    const report = JSON.parse(readFileSync(results, 'utf8')) as Report;
    for (const key of ['cold_p50_ms', 'cold_p95_ms', 'warm_p50_ms', 'warm_p95_ms']) {
      expect(report[key], key).toBeGreaterThan(0);
    }
    expect(report).toMatchObject({
      runs: { cold: 1, warm: 1 },
      targets: {
        cold_p95: { target_ms: 1000, pass: expect.any(Boolean) },
        warm_p95: { target_ms: 1000, pass: expect.any(Boolean) },
      },
      cpu: { count: expect.any(Number) },
      date: expect.any(String),
    });
    for (const phase of ['cold', 'warm'] as const) {
      const sample = report[phase].samples[0]!;
      for (const key of ['ready_ms', 'document_ms', 'dom_content_loaded_ms', 'backend_connected_ms']) {
        expect(sample[key], `${phase}.${key}`).toBeGreaterThan(0);
      }
      expect(sample.ready_ms).toBeGreaterThanOrEqual(sample.document_ms!);
    }
    // Cold: the scripts came compressed, so fewer bytes crossed than were decoded; warm: from the cache.
    expect(report.transferred.cold_bytes).toBeLessThan(report.transferred.cold_decoded_bytes / 2);
    expect(report.transferred.warm_bytes).toBeLessThan(report.transferred.cold_bytes / 10);
    expect(report.built.initial.br).toBeLessThan(report.built.initial.raw / 2);
    expect(report.built.initial.files.length).toBeGreaterThan(0);
    expect(report.built.later.files.map((f) => f.file).join()).toMatch(/echarts-.*pdfjs-/);
    expect(Object.keys(report.profiled_cold_load.main_thread_ms).length).toBeGreaterThan(0);
  }, 180_000);
});
