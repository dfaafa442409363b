import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0014 } from './0014-commitments.ts';

const OPEN_BY_DAY = 'SELECT case_id FROM commitments WHERE received_at IS NULL ORDER BY due_date';

describe('migration 0014 (commitments)', () => {
  it('keeps one commitment per case and material, and reads the open ones by due day from its index', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 14)) m.up(db);
    // The commitments alone matter here, not their cases.
    db.exec('PRAGMA foreign_keys = OFF');
    migration0014.up(db);
    const insert = db.prepare(
      `INSERT INTO commitments (case_id, material_id, due_date, promised_at, received_event_id, received_at)
       VALUES (?, ?, ?, '2026-12-01T02:00:00.000Z', ?, ?)`,
    );
    insert.run('c1', 'm1', '2026-12-20', null, null);
    insert.run('c2', 'm1', '2026-12-10', null, null);
    insert.run('c3', 'm1', '2026-12-05', 'e1', '2026-12-04T02:00:00.000Z');
    expect(() => insert.run('c1', 'm1', '2026-12-21', null, null)).toThrow(/UNIQUE/);

    expect(
      db
        .prepare(OPEN_BY_DAY)
        .all()
        .map((r) => r.case_id),
    ).toEqual(['c2', 'c1']);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${OPEN_BY_DAY}`).all() as { detail: string }[])
      .map((step) => step.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX commitments_open/);
  });
});
