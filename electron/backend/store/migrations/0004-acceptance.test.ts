import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { MIGRATIONS } from './index.ts';

/** The schema as this migration left it: later ones have tests of their own. */
const UP_TO_4 = MIGRATIONS.filter((m) => m.version <= 4);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A version-3 file with one case taken in here, its event, search row, scan link and outbox entry. */
function version3File(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-m4-'));
  dirs.push(dir);
  const file = join(dir, 'tongban.sqlite');
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  for (const m of [migration0001, migration0002, migration0003]) m.up(db);
  db.exec('PRAGMA user_version = 3');
  db.exec(`
    INSERT INTO users VALUES ('u1', 'clerk', '李受理', 'hash', '["intake_clerk"]', 1, 0, NULL, 'now', 'now');
    INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
    INSERT INTO cases VALUES ('c1', '360430-20261122-0300001-X', 's1', 'KST-SI-004', '2026.1', '360430', '421127',
      'r1', 1, 'queued', 'queued', '欧*', '1101**********232X', 'resident_id', 0, 'u1', '2026-11-22T01:00:00Z',
      '2026-11-22', '2026-11-27', NULL, 0, 'hash', 'enc', '2026-11-22T01:00:00Z');
    INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
      occurred_at, content_hash) VALUES ('e1', 'c1', 1, 'case.received', 'enc', 'u1', 'intake_clerk', 'd', 'now', 'h');
    INSERT INTO case_search VALUES ('id', 'token', 'c1');
    INSERT INTO blobs VALUES ('${'a'.repeat(64)}', 'image/png', 3, NULL, 'now');
    INSERT INTO case_blobs VALUES ('c1', '${'a'.repeat(64)}', 'id_card');
    INSERT INTO outbox_events VALUES ('r1', 'e1', 'c1', 'now');
  `);
  db.close();
  return file;
}

describe('migration 0004 (acceptance)', () => {
  it('keeps every case and every row that refers to one, marks them as taken in here, and checks references', () => {
    const { db, migration } = openDatabase(version3File(), UP_TO_4);
    expect(migration).toMatchObject({ from: 3, to: 4 });
    expect(db.prepare('SELECT case_id, origin, clerk_user_id, clock_state, accepted_day FROM cases').all()).toEqual([
      { case_id: 'c1', origin: 'intake', clerk_user_id: 'u1', clock_state: 'not_started', accepted_day: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM case_events').get()).toEqual({ n: 1 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    // References still hold after the rebuild: an event for no case is refused.
    expect(() =>
      db.exec(`INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role,
        device_id, occurred_at, content_hash) VALUES ('e2', 'nope', 1, 't', 'p', 'u', 'r', 'd', 'now', 'h')`),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('takes a case from elsewhere: no local clerk, no intake draft, and only a known origin', () => {
    const { db } = openDatabase(version3File(), UP_TO_4);
    const insert = (caseId: string, origin: string) =>
      db.exec(`INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region,
        handling_region, remote_id, origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id,
        applicant_id_kind, priority, clerk_user_id, received_at, received_day, deadline_provisional, content_hash,
        detail_enc, updated_at) VALUES ('${caseId}', 'no-${caseId}', NULL, 'KST-SI-004', '2026.1', '360430',
        '421127', 'r1', '${origin}', 1, 'delivered', 'synced', '欧*', 'x', 'resident_id', 0, NULL, 'now', '2026-11-22',
        0, 'h', 'enc', 'now')`);
    insert('c2', 'inbox');
    insert('c3', 'inbox');
    expect(() => insert('c4', 'elsewhere')).toThrow(/CHECK/);
    db.exec(`INSERT INTO blob_fetches VALUES ('r1', '${'b'.repeat(64)}', 'c2', 'id_card', 'image/png', 'now')`);
    db.exec(`INSERT INTO case_note_reads VALUES ('u1', 'c2', 3)`);
    expect(db.prepare("SELECT count(*) AS n FROM cases WHERE origin = 'inbox'").get()).toEqual({ n: 2 });
    db.close();
  });
});
