import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { MIGRATIONS } from './index.ts';

const dirs: string[] = [];
const opened: DatabaseSync[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.isOpen) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Up to this step: the later ones are their own tests' business.
const THROUGH_0009 = MIGRATIONS.filter((m) => m.version <= 9);

function open(file: string, migrations = THROUGH_0009): ReturnType<typeof openDatabase> {
  const result = openDatabase(file, migrations);
  opened.push(result.db);
  return result;
}

function newFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-m9-'));
  dirs.push(dir);
  return join(dir, 'tongban.sqlite');
}

/** A device with its settings, a clerk, a remote and a case, at `version`. */
function deviceAt(version: number): { file: string; db: DatabaseSync } {
  const file = newFile();
  const { db } = open(file, MIGRATIONS.slice(0, version));
  db.exec(`
    INSERT INTO device (singleton, device_id, name, region_code, hall, window_no, created_at)
      VALUES (1, 'd-here', '3号窗口', '360430', '共青城市政务服务中心', '03', 'now');
    INSERT INTO users VALUES ('u1', 'clerk', '李受理', 'hash', '["intake_clerk"]', 1, 0, NULL, 'now', 'now');
    INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
    INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
      remote_id, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
      priority, clerk_user_id, received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at)
    VALUES ('c1', 'no-1', 's1', 'KST-SI-004', '2026.1', '360430', '421127', 'r1', 11, 'sent', 'synced', '张*',
      '1101**********232X', 'resident_id', 0, 'u1', '2026-11-20T02:00:00.000Z', '2026-11-20', 0, 'h', 'enc', 'now');
  `);
  return { file, db };
}

/**
 * A device that ran 0003, 0004 and 0005 as they first landed: no receipt
 * printer, no clock mark or rating on the case row, and the first, narrow
 * statistics index.
 */
function deviceFromBeforeTheEdits(): string {
  const { file, db } = deviceAt(5);
  db.exec(`
    DROP INDEX cases_by_received_day;
    ALTER TABLE cases DROP COLUMN evaluation;
    ALTER TABLE cases DROP COLUMN clock_mark;
    ALTER TABLE device DROP COLUMN receipt_printer;
    CREATE INDEX cases_by_received_day ON cases (received_day, matter_id, status);
  `);
  db.close();
  return file;
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** Every table's columns (in name order: added columns come last) and indexes, with their columns. */
function schemaOf(db: DatabaseSync): Record<string, unknown> {
  const names = (table: string, pragma: string) =>
    (db.prepare(`PRAGMA ${pragma}('${table}')`).all() as { name: string }[]).map((row) => row.name);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      {
        columns: (db.prepare(`PRAGMA table_info('${name}')`).all() as unknown as Column[])
          .map(({ name: column, type, notnull, dflt_value, pk }) => ({ column, type, notnull, dflt_value, pk }))
          .sort((a, b) => a.column.localeCompare(b.column)),
        indexes: Object.fromEntries(names(name, 'index_list').map((index) => [index, names(index, 'index_info')])),
      },
    ]),
  );
}

function freshSchema(): Record<string, unknown> {
  return schemaOf(open(newFile()).db);
}

describe('migration 0009 (catch-up)', () => {
  it('brings a device that ran 0003–0005 before their edits to the schema they give now, keeping its rows', () => {
    const { db, migration } = open(deviceFromBeforeTheEdits());
    expect(migration).toMatchObject({ from: 5, to: 9 });
    expect(schemaOf(db)).toEqual(freshSchema());
    expect(db.prepare("PRAGMA index_info('cases_by_received_day')").all()).toHaveLength(11);
    expect(db.prepare('SELECT case_id, status, clock_mark, evaluation FROM cases').all()).toEqual([
      { case_id: 'c1', status: 11, clock_mark: 'none', evaluation: null },
    ]);
    expect(db.prepare('SELECT device_id, receipt_printer FROM device').all()).toEqual([
      { device_id: 'd-here', receipt_printer: null },
    ]);
    expect(() => db.prepare('UPDATE cases SET clock_mark = NULL').run()).toThrow(/NOT NULL/);
  });

  it('takes a device still at the first 0004 through 0005 and on, keeping its rows', () => {
    const { file, db } = deviceAt(4);
    db.exec('ALTER TABLE cases DROP COLUMN evaluation; ALTER TABLE cases DROP COLUMN clock_mark;');
    db.close();

    const reopened = open(file);
    expect(reopened.migration).toMatchObject({ from: 4, to: 9 });
    expect(schemaOf(reopened.db)).toEqual(freshSchema());
    expect(reopened.db.prepare('SELECT case_id, clock_mark, evaluation FROM cases').all()).toEqual([
      { case_id: 'c1', clock_mark: 'none', evaluation: null },
    ]);
  });

  it('changes nothing on a device that ran 0003–0005 as they are', () => {
    const { file, db } = deviceAt(8);
    db.prepare("UPDATE cases SET clock_mark = 'due_soon', evaluation = 5").run();
    db.prepare("UPDATE device SET receipt_printer = 'HP LaserJet'").run();
    // The statements as written: an index dropped and made again would show here too.
    const state = (of: DatabaseSync) => ({
      master: of.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').all(),
      cases: of.prepare('SELECT * FROM cases').all(),
      device: of.prepare('SELECT * FROM device').all(),
    });
    const before = state(db);
    db.close();

    // Through 0009 only: the steps after it change the schema of their own accord.
    const reopened = open(file, MIGRATIONS.slice(0, 9));
    expect(reopened.migration).toMatchObject({ from: 8, to: 9 });
    expect(state(reopened.db)).toEqual(before);
  });
});
