// Kill the backend in the middle of a submit, many times in a row (a case the
// UI showed as saved must survive a crash at any point): after each restart the case is wholly there —
// its row, both events, both outbox entries, its search rows, its scan links —
// or not there at all, and submitting the same intake again makes it exactly
// once. The backend kills itself (SIGKILL) at the point TONGBAN_TEST_CRASH_AT
// names; see crashPoint() in electron/backend/services/intake.ts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import {
  call,
  ChildBackend,
  createUser,
  login,
  makePng,
  pensionTransfer,
  setUpDevice,
  seedMatter,
  tempDataDir,
  uploadScan,
  withDb,
} from './harness.ts';

const CRASH_POINTS = [
  'after-begin',
  'after-case',
  'after-event-1',
  'after-event-2',
  'after-index',
  'before-commit',
  'after-commit',
] as const;
const ROUNDS = 3;
const HANDLING_REGION = seedMatter('KST-SI-004').handlingRegion;

let dataDir: string;
let dbFile: string;
let token: string;
const log: string[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('tongban-crash-');
  dbFile = join(dataDir, DATABASE_FILE_NAME);
  const backend = await ChildBackend.start(dataDir, {}, log);
  const { admin } = await setUpDevice(backend);
  const clerk = await createUser(admin, ['intake_clerk']);
  // The session token outlives every restart below.
  token = (await login(backend, clerk)).info.token;
  await backend.kill('SIGTERM');
}, 30_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

interface OnDisk {
  caseId: string | null;
  caseNo: string | null;
  draftKept: boolean;
  scanQueued: boolean;
}

/**
 * Reads the database file directly and checks that every case in it is whole
 * and nothing of a case lies about without its case. Returns what it found of
 * this submission.
 */
function inspect(submissionId: string, scanSha: string): OnDisk {
  return withDb(dbFile, (db) => {
    const one = <T>(sql: string, ...params: string[]): T => db.prepare(sql).get(...params) as T;
    const count = (sql: string, ...params: string[]): number => one<{ n: number }>(sql, ...params).n;

    expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    // Every case is whole.
    const cases = count('SELECT count(*) AS n FROM cases');
    expect(
      count(`SELECT count(*) AS n FROM cases c
             WHERE (SELECT count(*) FROM case_events e WHERE e.case_id = c.case_id) != 2
                OR (SELECT count(*) FROM outbox_events o WHERE o.case_id = c.case_id AND o.remote_id = c.remote_id) != 2
                OR (SELECT count(*) FROM case_search s WHERE s.case_id = c.case_id) = 0
                OR (SELECT count(*) FROM case_blobs b WHERE b.case_id = c.case_id) != 1`),
    ).toBe(0);
    // Nothing of a case is there without its case.
    for (const table of ['case_events', 'outbox_events', 'case_search', 'case_blobs']) {
      expect(count(`SELECT count(*) AS n FROM ${table} WHERE case_id NOT IN (SELECT case_id FROM cases)`), table).toBe(
        0,
      );
    }
    expect(
      count('SELECT count(*) AS n FROM outbox_events WHERE event_id NOT IN (SELECT event_id FROM case_events)'),
    ).toBe(0);
    expect(count('SELECT count(*) AS n FROM remotes WHERE remote_id NOT IN (SELECT remote_id FROM cases)')).toBe(0);
    expect(
      count(`SELECT count(*) AS n FROM outbox_blobs o
             WHERE NOT EXISTS (SELECT 1 FROM case_blobs b JOIN cases c USING (case_id)
                               WHERE b.sha256 = o.sha256 AND c.remote_id = o.remote_id)`),
    ).toBe(0);
    // Case numbers handed out are case numbers used: no number was spent by a case that is not there.
    expect(one<{ n: number | null }>('SELECT sum(last_seq) AS n FROM case_no_counters').n ?? 0).toBe(cases);

    const row = one<{ case_id: string; case_no: string; remote_id: string } | undefined>(
      'SELECT case_id, case_no, remote_id FROM cases WHERE submission_id = ?',
      submissionId,
    );
    if (row) {
      const events = db
        .prepare('SELECT event_id, type FROM case_events WHERE case_id = ? ORDER BY case_seq')
        .all(row.case_id) as { event_id: string; type: string }[];
      expect(events.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked']);
      const outbox = db
        .prepare('SELECT event_id FROM outbox_events WHERE case_id = ? AND remote_id = ? ORDER BY event_id')
        .all(row.case_id, row.remote_id) as { event_id: string }[];
      expect(outbox.map((o) => o.event_id)).toEqual(events.map((e) => e.event_id).sort());
      expect(one('SELECT region_code FROM remotes WHERE remote_id = ?', row.remote_id)).toEqual({
        region_code: HANDLING_REGION,
      });
      // The ID number, the phone, and the name's two prefixes (张, 张三).
      expect(count('SELECT count(*) AS n FROM case_search WHERE case_id = ?', row.case_id)).toBe(4);
      expect(db.prepare('SELECT sha256 FROM case_blobs WHERE case_id = ?').all(row.case_id)).toEqual([
        { sha256: scanSha },
      ]);
    }
    const draftKept = count('SELECT count(*) AS n FROM drafts WHERE draft_id = ?', submissionId) === 1;
    const scanQueued = count('SELECT count(*) AS n FROM outbox_blobs WHERE sha256 = ?', scanSha) === 1;
    // The draft goes, and the scan is queued, in the same transaction as the case.
    expect(draftKept).toBe(!row);
    expect(scanQueued).toBe(Boolean(row));
    return { caseId: row?.case_id ?? null, caseNo: row?.case_no ?? null, draftKept, scanQueued };
  });
}

describe('killing the backend in the middle of a submit', () => {
  it(`leaves each case wholly there or not at all (${ROUNDS} rounds over ${CRASH_POINTS.length} points)`, async () => {
    const outcomes: string[] = [];
    let committed = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const point of CRASH_POINTS) {
        const label = `round ${round}, ${point}`;
        const crashing = await ChildBackend.start(dataDir, { TONGBAN_TEST_CRASH_AT: point }, log);
        const client = await crashing.connect(token);
        // A new scan each time, so its outbox entry tells whether this case was committed.
        const scan = await uploadScan(client, makePng(label), 'image/png');
        if (!scan.ok) throw new Error(`${label}: ${scan.error.message}`);
        const submission = pensionTransfer({ scans: [{ sha256: scan.value.sha256, materialId: 'id_card' }] });
        await call(client, 'drafts.save', { draftId: submission.submissionId, state: { step: 'review' } });

        const result = await client.request('intake.submit', submission);
        expect(result, label).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
        expect(await crashing.exited, label).toEqual({ code: null, signal: 'SIGKILL' });

        // Restarted without the crash point, the backend recovers the database itself.
        const backend = await ChildBackend.start(dataDir, {}, log);
        const found = inspect(submission.submissionId, scan.value.sha256);
        if (point === 'after-commit') expect(found.caseId, `${label}: committed, so it must be there`).not.toBeNull();
        else expect(found.caseId, `${label}: never committed, so it must not be there`).toBeNull();
        if (found.caseId) committed++;
        outcomes.push(`${point}:${found.caseId ? 'whole' : 'absent'}`);

        // The clerk submits again (same intake): it ends up there exactly once.
        const retried = await (await backend.connect(token)).request('intake.submit', submission);
        if (found.caseNo) {
          expect(retried, label).toMatchObject({
            ok: false,
            error: { code: 'REJECTED', reason: 'already_submitted', params: { caseNo: found.caseNo } },
          });
        } else {
          expect(retried, label).toMatchObject({ ok: true });
        }
        const caseNo = found.caseNo ?? (retried.ok ? retried.value.caseNo : '');
        const listed = await call(await backend.connect(token), 'cases.list', { query: caseNo });
        expect(
          listed.rows.map((r) => r.caseNo),
          label,
        ).toEqual([caseNo]);
        await backend.kill('SIGTERM');
        const after = inspect(submission.submissionId, scan.value.sha256);
        expect(after.caseNo, label).toBe(caseNo);
      }
    }
    expect(outcomes).toHaveLength(ROUNDS * CRASH_POINTS.length);
    expect(committed).toBe(ROUNDS);
    // Every attempt ended as exactly one case.
    withDb(dbFile, (db) => {
      expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: ROUNDS * CRASH_POINTS.length });
    });
  }, 90_000);
});
