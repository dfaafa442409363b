import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';

function migrated(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  migration0001.up(db);
  migration0002.up(db);
  return db;
}

const columns = (db: DatabaseSync, table: string): string[] =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 0002 (intake)', () => {
  it('creates the intake tables', () => {
    const db = migrated();
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    for (const table of [
      'device',
      'users',
      'sessions',
      'audit_log',
      'remotes',
      'cases',
      'case_events',
      'case_search',
      'blobs',
      'case_blobs',
      'outbox_events',
      'outbox_blobs',
      'drafts',
      'case_no_counters',
      'catalogs',
      'calendar_years',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('keeps personal data only in encrypted columns: no plaintext name, ID or phone column', () => {
    const db = migrated();
    for (const table of ['cases', 'case_events', 'drafts', 'case_search']) {
      for (const column of columns(db, table))
        expect(column).not.toMatch(/^(applicant_)?(name|id_number|phone|address)$/);
    }
    expect(columns(db, 'cases')).toEqual(
      expect.arrayContaining(['detail_enc', 'applicant_masked_name', 'applicant_masked_id']),
    );
  });

  it('allows one device row and refuses a bad region code or window number', () => {
    const db = migrated();
    const insert = db.prepare(
      "INSERT INTO device (singleton, device_id, name, region_code, hall, window_no, created_at) VALUES (?, 'd', 'n', ?, 'h', ?, 'now')",
    );
    insert.run(1, '360430', '03');
    expect(() => insert.run(1, '360430', '03')).toThrow();
    expect(() => insert.run(2, '360430', '03')).toThrow(/CHECK/);
  });

  it('keeps one case per case number and per submission, and every event unique in its case', () => {
    const db = migrated();
    db.exec(`INSERT INTO users VALUES ('u', 'clerk', 'C', 'h', '["intake_clerk"]', 1, 0, NULL, 'now', 'now')`);
    db.exec(`INSERT INTO remotes (remote_id, region_code, url, created_at) VALUES ('r', '421127', NULL, 'now')`);
    const insertCase = db.prepare(
      `INSERT INTO cases VALUES (?, ?, ?, 'M', '1', '360430', '421127', 'r', 1, 'queued', 'queued', '张*', 'x', 'resident_id',
         0, 'u', 'now', '2026-11-22', NULL, NULL, 0, 'h', 'enc', 'now')`,
    );
    insertCase.run('c1', 'no-1', 's1');
    expect(() => insertCase.run('c2', 'no-1', 's2')).toThrow(/UNIQUE/);
    expect(() => insertCase.run('c3', 'no-3', 's1')).toThrow(/UNIQUE/);
    const insertEvent = db.prepare(
      `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
         occurred_at, content_hash) VALUES (?, 'c1', ?, 't', 'p', 'u', 'intake_clerk', 'd', 'now', 'h')`,
    );
    insertEvent.run('e1', 1);
    expect(() => insertEvent.run('e2', 1)).toThrow(/UNIQUE/);
  });
});
