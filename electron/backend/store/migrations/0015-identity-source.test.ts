import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0015 } from './0015-identity-source.ts';

describe('migration 0015 (identity source)', () => {
  it('gives cases where the identity came from; a case from before has none, and only chip or typed is kept', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 15)) m.up(db);
    db.exec(`
      INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
      INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
        remote_id, origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
        priority, clerk_user_id, received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at)
      VALUES ('c1', 'no-1', 's1', 'KST-SI-004', '2026.1', '360430', '421127', 'r1', 'intake', 1, 'sent', 'synced',
        '张*', '1101**********232X', 'resident_id', 0, NULL, '2026-11-20T02:00:00Z', '2026-11-20', 0, 'h', 'enc', 'now');
    `);
    migration0015.up(db);

    expect(db.prepare('SELECT identity_source FROM cases').get()).toEqual({ identity_source: null });
    db.prepare(`UPDATE cases SET identity_source = 'chip'`).run();
    expect(db.prepare('SELECT identity_source FROM cases').get()).toEqual({ identity_source: 'chip' });
    expect(() => db.prepare(`UPDATE cases SET identity_source = 'scanned'`).run()).toThrow(/CHECK/);
  });
});
