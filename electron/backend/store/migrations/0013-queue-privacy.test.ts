import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';
import { migration0013 } from './0013-queue-privacy.ts';

describe('migration 0013 (queue ticket and privacy notice)', () => {
  it('gives cases a ticket, its times and the acknowledged notice; a case from before has none', () => {
    const db = new DatabaseSync(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version < 13)) m.up(db);
    db.exec(`
      INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
      INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
        remote_id, origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
        priority, clerk_user_id, received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at)
      VALUES ('c1', 'no-1', 's1', 'KST-SI-004', '2026.1', '360430', '421127', 'r1', 'intake', 1, 'sent', 'synced',
        '张*', '1101**********232X', 'resident_id', 0, NULL, '2026-11-20T02:00:00Z', '2026-11-20', 0, 'h', 'enc', 'now');
    `);
    migration0013.up(db);

    const columns =
      'queue_ticket, ticket_taken_at, intake_started_at, privacy_notice_version, privacy_acknowledged_at, ' +
      'privacy_retention_years, privacy_contact';
    expect(db.prepare(`SELECT ${columns} FROM cases`).get()).toEqual({
      queue_ticket: null,
      ticket_taken_at: null,
      intake_started_at: null,
      privacy_notice_version: null,
      privacy_acknowledged_at: null,
      privacy_retention_years: null,
      privacy_contact: null,
    });
    db.prepare(
      `UPDATE cases SET queue_ticket = 'A023', ticket_taken_at = '2026-11-20T01:40:00Z',
         intake_started_at = '2026-11-20T01:52:00Z', privacy_notice_version = '2026.1',
         privacy_acknowledged_at = '2026-11-20T01:58:00Z', privacy_retention_years = 30, privacy_contact = '0792-1234567'`,
    ).run();
    expect(db.prepare('SELECT queue_ticket AS t, privacy_retention_years AS y FROM cases').get()).toEqual({
      t: 'A023',
      y: 30,
    });
  });
});
