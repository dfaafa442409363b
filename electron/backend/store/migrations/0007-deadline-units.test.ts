import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-acceptance.ts';
import { migration0005 } from './0005-supervision.ts';
import { migration0006 } from './0006-note-index.ts';
import { migration0007 } from './0007-deadline-units.ts';

describe('migration 0007 (deadline units)', () => {
  it('gives the cases already here working days and no acceptance deadline, and takes only the two units', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006])
      m.up(db);
    migration0007.up(db);
    const columns = db.prepare('PRAGMA table_info(cases)').all() as { name: string; dflt_value: string | null }[];
    expect(columns.find((c) => c.name === 'deadline_unit')?.dflt_value).toBe("'working_days'");
    expect(columns.find((c) => c.name === 'acceptance_deadline')?.dflt_value).toBeNull();
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec(
      `INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r', '421127', 'now');
       INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
         remote_id, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
         priority, received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at)
       VALUES ('c1', 'n1', 's1', 'KST-LAB-002', '1', '360430', '421127', 'r', 1, 'queued', 'queued', '张*', 'x',
         'resident_id', 0, 'now', '2026-07-01', 0, 'h', 'e', 'now')`,
    );
    expect(db.prepare('SELECT deadline_unit, acceptance_deadline FROM cases').get()).toEqual({
      deadline_unit: 'working_days',
      acceptance_deadline: null,
    });
    // The column's check refuses a unit no clock counts in.
    expect(() => db.prepare("UPDATE cases SET deadline_unit = 'weeks'").run()).toThrow(/CHECK constraint/);
    db.prepare("UPDATE cases SET deadline_unit = 'calendar_days'").run();
  });
});
