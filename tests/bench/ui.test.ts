// The UI benchmark (bench/ui.ts) at a tiny size: it generates a hall of 1,000
// cases, serves it with the real browser-mode host (building the UI first when
// the build is older than the sources), types a search of each kind in
// Chromium and writes every key. No timing is asserted: the numbers of a run
// this small, on a machine busy with other tests, mean nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-ui-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench:ui', () => {
  it('types each kind of search in the real UI, sees every answer, and writes every key', () => {
    const results = join(dir, 'ui.json');
    const run = spawnSync(
      process.execPath,
      [
        'bench/ui.ts',
        ...['--cases', '1000', '--searches', '1', '--interval', '0', '--workers', '1'],
        ...['--out', join(dir, 'data'), '--results', results],
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TONGBAN_LOG: 'silent' } },
    );
    // Exit 1 is a missed target, which a run on a busy machine may well have; an error throws before the file.
    expect([0, 1], run.stderr).toContain(run.status);
    const report = JSON.parse(readFileSync(results, 'utf8')) as Record<string, unknown>;
    for (const key of [
      'keystroke_to_list_p50_ms',
      'keystroke_to_list_p95_ms',
      'keystroke_to_list_max_ms',
      'caseno_p95_ms',
      'id_p95_ms',
      'name_p95_ms',
      'clear_p95_ms',
    ]) {
      expect(report[key], key).toBeGreaterThan(0);
    }
    // One case number, ID number and name start, key by key, each cleared after.
    expect(report.keystrokes).toBeGreaterThanOrEqual(21 + 1 + 18 + 1 + 1 + 1);
    expect(report).toMatchObject({
      cases: 1000,
      by_kind: { caseno: { keystrokes: expect.any(Number) }, clear: { keystrokes: 3 } },
      breakdown: {
        keystroke_to_request_ms: { p95: expect.any(Number) },
        request_to_answer_ms: { p95: expect.any(Number) },
      },
      cpu: { count: expect.any(Number) },
      date: expect.any(String),
      targets: {
        keystroke_to_list_p95: { target_ms: 50, pass: expect.any(Boolean) },
        // Correctness, not speed: every keystroke's own answer reached the screen, and the list never blanked.
        every_answer_shown: { lost_keystrokes: 0, pass: true },
        no_empty_list_while_typing: { empty_frames: 0, pass: true },
      },
    });
  }, 300_000);
});
