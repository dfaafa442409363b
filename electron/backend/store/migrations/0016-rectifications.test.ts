import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0016 } from './0016-rectifications.ts';

const OPEN_BY_RATING = "SELECT case_id FROM rectifications WHERE state <> 'closed' ORDER BY rated_at";

/** A case row with the rating it was given, and its case.evaluated event when rated. */
function caseRated(db: DatabaseSync, caseId: string, rating: number | null, followedUp: string | null): void {
  db.prepare(
    `INSERT INTO cases (case_id, case_no, matter_id, catalog_version, intake_region, handling_region, remote_id,
       status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind, priority,
       received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at, evaluation,
       evaluation_followed_up)
     VALUES (?, ?, 'KST-SI-004', 'v1', '360430', '421127', 'r1', 11, 'collected', 'synced', '张*', '3604********1234',
       'resident_id', 0, '2026-11-20T02:00:00.000Z', '2026-11-20', 0, 'h', 'x', '2026-11-20T02:00:00.000Z', ?, ?)`,
  ).run(caseId, `no-${caseId}`, rating, followedUp);
  if (rating === null) return;
  db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash) VALUES (?, ?, 1, 'case.evaluated', 'ciphertext', 'u1', 'intake_clerk', 'd', ?, 'h')`,
  ).run(`e-${caseId}`, caseId, `2026-11-2${caseId.slice(1)}T03:00:00.000Z`);
}

describe('migration 0016 (rectifications)', () => {
  it('opens an item for each bad rating not yet followed up, one per case and rating event', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 16)) m.up(db);
    db.exec('PRAGMA foreign_keys = OFF');
    caseRated(db, 'c3', 1, null);
    caseRated(db, 'c1', 2, null);
    caseRated(db, 'c2', 2, '2026-11-25'); // said at a day close how it was followed up
    caseRated(db, 'c4', 3, null); // 基本满意 is no bad rating
    caseRated(db, 'c5', null, null);
    migration0016.up(db);

    expect(
      db.prepare('SELECT case_id, event_id, rating, rated_at, state FROM rectifications ORDER BY case_id').all(),
    ).toEqual([
      { case_id: 'c1', event_id: 'e-c1', rating: 2, rated_at: '2026-11-21T03:00:00.000Z', state: 'open' },
      { case_id: 'c3', event_id: 'e-c3', rating: 1, rated_at: '2026-11-23T03:00:00.000Z', state: 'open' },
    ]);
    const insert = db.prepare("INSERT INTO rectifications (case_id, event_id, rating, rated_at) VALUES (?, ?, ?, 'x')");
    expect(() => insert.run('c1', 'e-c1', 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('c4', 'e-c4', 3)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE rectifications SET state = 'done'").run()).toThrow(/CHECK/);

    expect(
      db
        .prepare(OPEN_BY_RATING)
        .all()
        .map((r) => r.case_id),
    ).toEqual(['c1', 'c3']);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${OPEN_BY_RATING}`).all() as { detail: string }[])
      .map((step) => step.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX rectifications_open/);
  });
});
