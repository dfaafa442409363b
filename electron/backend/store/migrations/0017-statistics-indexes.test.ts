import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0017 } from './0017-statistics-indexes.ts';

function insertCase(
  db: DatabaseSync,
  caseId: string,
  queue: { ticket: string; taken: string; started: string } | null,
) {
  db.prepare(
    `INSERT INTO cases (case_id, case_no, matter_id, catalog_version, intake_region, handling_region, remote_id,
       status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind, priority,
       received_at, received_day, statutory_deadline, deadline_provisional, content_hash, detail_enc, updated_at,
       queue_ticket, ticket_taken_at, intake_started_at)
     VALUES (?, ?, 'KST-SI-004', 'v1', '360430', '421127', 'r1', 11, 'collected', 'synced', '张*', '3604********1234',
       'resident_id', 0, '2026-11-20T02:00:00.000Z', '2026-11-20', '2026-12-18', 1, 'h', 'x',
       '2026-11-20T02:00:00.000Z', ?, ?, ?)`,
  ).run(caseId, `no-${caseId}`, queue?.ticket ?? null, queue?.taken ?? null, queue?.started ?? null);
}

function insertEvent(db: DatabaseSync, caseId: string, seq: number, type: string): void {
  db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash) VALUES (?, ?, ?, ?, 'ciphertext', 'u1', 'handling_officer', 'd', 'now', 'h')`,
  ).run(`${caseId}-${seq}`, caseId, seq, type);
}

const indexColumns = (db: DatabaseSync, index: string) =>
  (db.prepare(`PRAGMA index_info('${index}')`).all() as { name: string }[]).map((c) => c.name);

describe('migration 0017 (statistics indexes)', () => {
  it('adds the deadlines to the statistics index, and indexes queue times and extensions alone', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 17)) m.up(db);
    db.exec('PRAGMA foreign_keys = OFF');
    const before = indexColumns(db, 'cases_by_received_day');
    insertCase(db, 'c1', { ticket: 'A012', taken: '2026-11-20T01:40:00.000Z', started: '2026-11-20T01:52:00.000Z' });
    insertCase(db, 'c2', null);
    insertEvent(db, 'c1', 1, 'case.received');
    insertEvent(db, 'c2', 1, 'case.received');
    insertEvent(db, 'c2', 2, 'case.deadline_extended');
    migration0017.up(db);

    // The index keeps its columns and order, the two deadlines' columns after them.
    expect(indexColumns(db, 'cases_by_received_day')).toEqual([
      ...before,
      'statutory_deadline',
      'deadline_provisional',
    ]);
    const indexed = (sql: string) => db.prepare(sql).all();
    expect(
      indexed(
        `SELECT case_id, queue_ticket FROM cases INDEXED BY cases_queue_times
         WHERE received_day >= '' AND intake_started_at IS NOT NULL`,
      ),
    ).toEqual([{ case_id: 'c1', queue_ticket: 'A012' }]);
    expect(
      indexed("SELECT case_id FROM case_events INDEXED BY case_extensions WHERE type = 'case.deadline_extended'"),
    ).toEqual([{ case_id: 'c2' }]);
    // Written after the migration, rows are in the partial indexes too.
    insertEvent(db, 'c1', 2, 'case.deadline_extended');
    expect(
      indexed(
        "SELECT case_id FROM case_events INDEXED BY case_extensions WHERE type = 'case.deadline_extended' ORDER BY 1",
      ),
    ).toEqual([{ case_id: 'c1' }, { case_id: 'c2' }]);
  });

  it('keeps case_day_counts equal to the case rows through intake, corrections, pulls and deletes', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 17)) m.up(db);
    db.exec('PRAGMA foreign_keys = OFF');
    insertCase(db, 'before', null);
    db.prepare("UPDATE cases SET evaluation = 5, clerk_user_id = 'u1' WHERE case_id = 'before'").run();
    migration0017.up(db);
    // What the counts must be: counted from the case rows, as the statistics did before the summary.
    const fromRows = () =>
      db
        .prepare(
          `SELECT received_day AS day, 'matter' AS grouping, matter_id AS key, count(*) AS n FROM cases GROUP BY 1, 3
           UNION ALL SELECT received_day, 'status', status, count(*) FROM cases GROUP BY 1, 3
           UNION ALL SELECT received_day, 'clerk', coalesce(clerk_user_id, ''), count(*) FROM cases GROUP BY 1, 3
           UNION ALL SELECT received_day, 'region',
             CASE origin WHEN 'intake' THEN handling_region ELSE intake_region END, count(*) FROM cases GROUP BY 1, 3
           UNION ALL SELECT received_day, 'rating', evaluation, count(*) FROM cases WHERE evaluation IS NOT NULL
             GROUP BY 1, 3
           ORDER BY 1, 2, 3`,
        )
        .all();
    const summary = () => db.prepare('SELECT * FROM case_day_counts WHERE n > 0 ORDER BY 1, 2, 3').all();
    expect(summary()).toEqual(fromRows());
    expect(summary()).toContainEqual({ day: '2026-11-20', grouping: 'rating', key: 5, n: 1 });

    insertCase(db, 'c2', null);
    insertCase(db, 'c3', null);
    const steps = [
      "UPDATE cases SET status = 13, evaluation = 2 WHERE case_id = 'c2'",
      // A correction of the rating, and of the intake day.
      "UPDATE cases SET evaluation = 4 WHERE case_id = 'c2'",
      "UPDATE cases SET received_day = '2026-11-21' WHERE case_id = 'c3'",
      // Columns the counts do not read, and a write that changes nothing.
      "UPDATE cases SET sync_state = 'pending', status = status WHERE case_id = 'c3'",
      // A case pulled for this desk: counted under its intake region, taken in by no clerk here.
      `INSERT INTO cases (case_id, case_no, matter_id, catalog_version, intake_region, handling_region, remote_id,
         origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind, priority,
         received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at)
       VALUES ('in1', 'no-in1', 'KST-SI-004', 'v1', '340826', '360430', 'r1', 'inbox', 3, 's', 'synced', '李*', 'x',
         'resident_id', 0, 'now', '2026-11-21', 0, 'h', 'x', 'now')`,
      "UPDATE cases SET evaluation = NULL WHERE case_id = 'before'",
      "DELETE FROM cases WHERE case_id = 'c3'",
    ];
    for (const step of steps) {
      db.exec(step);
      expect(summary(), step).toEqual(fromRows());
    }
    expect(summary()).toContainEqual({ day: '2026-11-21', grouping: 'region', key: '340826', n: 1 });
    expect(summary()).toContainEqual({ day: '2026-11-21', grouping: 'clerk', key: '', n: 1 });
  });
});
