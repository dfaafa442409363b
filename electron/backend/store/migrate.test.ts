import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './database.ts';
import { DatabaseFromFutureError, MigrationError, userVersion } from './migrate.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';

let dir: string;
let file: string;
const opened: DatabaseSync[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tongban-migrate-'));
  file = join(dir, 'data', 'tongban.db');
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(path: string, migrations: readonly Migration[]): OpenedDatabase {
  const result = openDatabase(path, migrations);
  opened.push(result.db);
  return result;
}

function raw(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  opened.push(db);
  return db;
}

function pragma(db: DatabaseSync, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown>;
  return row[name];
}

function tableExists(db: DatabaseSync, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Test migrations: m1 creates notes, m2 creates tags, m3 fails half-way. */
const calls: string[] = [];
const m1: Migration = {
  version: 1,
  name: 'notes',
  up(db) {
    calls.push('m1');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  },
};
const m2: Migration = {
  version: 2,
  name: 'tags',
  up(db) {
    calls.push('m2');
    db.exec('CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT');
    db.exec("INSERT INTO tags (label) VALUES ('from m2')");
  },
};
const m3Broken: Migration = {
  version: 3,
  name: 'broken',
  up(db) {
    calls.push('m3');
    db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
    db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
  },
};

beforeEach(() => {
  calls.length = 0;
});

/** A database at version 1 holding one note, closed. */
function databaseAtVersion1(): void {
  const { db } = open(file, [m1]);
  db.prepare('INSERT INTO notes (body) VALUES (?)').run('收件 note');
  db.close();
}

function notes(db: DatabaseSync): string[] {
  return (db.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map((r) => r.body);
}

describe('openDatabase with the real migrations', () => {
  it('brings a fresh file to the latest schema with WAL, foreign keys and synchronous=FULL', () => {
    const { db, migration } = open(file, MIGRATIONS);
    expect(existsSync(file)).toBe(true);
    expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migration).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, snapshot: null });
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'synchronous')).toBe(2);
  });

  it('has versions 1..n with no gaps or duplicates, and unique names', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name.trim()).not.toBe('');
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describe('a database from a newer version', () => {
  it.each(['DELETE', 'WAL'])('is refused untouched (journal mode %s)', (journalMode) => {
    const future = LATEST_SCHEMA_VERSION + 1;
    // Written "by the newer version": a table, a row, a higher user_version.
    const path = join(dir, 'future.db');
    const writer = new DatabaseSync(path);
    writer.exec(`PRAGMA journal_mode = ${journalMode}`);
    writer.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY, v TEXT)');
    writer.exec("INSERT INTO future_things (v) VALUES ('keep me')");
    writer.exec(`PRAGMA user_version = ${future}`);
    writer.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const before = sha256(path);

    let caught: unknown;
    try {
      open(path, MIGRATIONS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseFromFutureError);
    const error = caught as DatabaseFromFutureError;
    expect(error.found).toBe(future);
    expect(error.supported).toBe(LATEST_SCHEMA_VERSION);
    expect(error.message).toMatch(/written by a newer version/);
    expect(error.message).toMatch(/not been changed/);

    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(join(dir, 'backups'))).toBe(false);

    const check = raw(path);
    expect(userVersion(check)).toBe(future);
    expect(check.prepare('SELECT v FROM future_things').all()).toEqual([{ v: 'keep me' }]);
  });
});

describe('migrate', () => {
  it('applies all pending migrations or none: a failure leaves the previous version and data', () => {
    databaseAtVersion1();
    calls.length = 0;

    let caught: unknown;
    try {
      open(file, [m1, m2, m3Broken]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    const error = caught as MigrationError;
    expect(error.version).toBe(3);
    expect(error.message).toContain('Migration 3');
    expect(error.cause).toBeInstanceOf(Error);
    expect(calls).toEqual(['m2', 'm3']);

    const db = raw(file);
    expect(userVersion(db)).toBe(1);
    expect(tableExists(db, 'tags')).toBe(false);
    expect(tableExists(db, 'half_done')).toBe(false);
    expect(notes(db)).toEqual(['收件 note']);
  });

  it('snapshots the old file under backups/ before upgrading a database that has data', () => {
    databaseAtVersion1();

    const { db, migration } = open(file, [m1, m2]);
    expect(migration.from).toBe(1);
    expect(migration.to).toBe(2);
    expect(userVersion(db)).toBe(2);
    expect(notes(db)).toEqual(['收件 note']);

    const snapshot = migration.snapshot;
    expect(snapshot).not.toBeNull();
    expect(dirname(snapshot!)).toBe(join(dirname(file), 'backups'));
    expect(readdirSync(join(dirname(file), 'backups'))).toHaveLength(1);

    const old = raw(snapshot!);
    expect(userVersion(old)).toBe(1);
    expect(notes(old)).toEqual(['收件 note']);
    expect(tableExists(old, 'tags')).toBe(false);
  });

  it('makes no snapshot for a fresh database', () => {
    const { migration } = open(file, [m1, m2]);
    expect(migration).toEqual({ from: 0, to: 2, snapshot: null });
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
  });

  it('runs nothing when reopening an up-to-date database', () => {
    open(file, [m1, m2]).db.close();
    expect(calls).toEqual(['m1', 'm2']);
    calls.length = 0;

    const { db, migration } = open(file, [m1, m2]);
    expect(migration).toEqual({ from: 2, to: 2, snapshot: null });
    expect(calls).toEqual([]);
    expect(userVersion(db)).toBe(2);
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
  });
});
