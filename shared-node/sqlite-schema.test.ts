import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrateSqlite, userVersion, type SqliteMigration } from './sqlite-schema.ts';

const errors = {
  fromFuture: (found: number, supported: number) => new Error(`future ${found} > ${supported}`),
  failed: (migration: SqliteMigration, cause: unknown) => new Error(`step ${migration.version} failed`, { cause }),
};

const parentsAndChildren: SqliteMigration = {
  version: 1,
  name: 'parents and children',
  up(db) {
    db.exec(`
      CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT) STRICT;
      CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents (id)) STRICT;
      INSERT INTO parents VALUES (1, 'a'), (2, 'b');
      INSERT INTO children VALUES (10, 1), (20, 2);
    `);
  },
};

/** Rebuilds the referenced table, keeping the parents whose ids `keep` selects. */
const rebuildParents = (keep: string): SqliteMigration => ({
  version: 2,
  name: 'parents rebuilt',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE parents_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
      INSERT INTO parents_new SELECT id, name FROM parents WHERE ${keep};
      DROP TABLE parents;
      ALTER TABLE parents_new RENAME TO parents;
    `);
  },
});

function database(): DatabaseSync {
  const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: true });
  migrateSqlite(db, [parentsAndChildren], errors);
  return db;
}

const foreignKeys = (db: DatabaseSync): unknown => db.prepare('PRAGMA foreign_keys').get();

describe('a SQLite file as a schema store', () => {
  it('rebuilds a referenced table with foreign keys off, and turns them on again', () => {
    const db = database();
    expect(migrateSqlite(db, [parentsAndChildren, rebuildParents('1')], errors)).toEqual({ from: 1, to: 2 });
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM children').get()).toEqual({ n: 2 });
    expect(foreignKeys(db)).toEqual({ foreign_keys: 1 });
  });

  it('refuses a rebuild that leaves a row without its reference, and leaves the file as it was', () => {
    const db = database();
    let caught: Error | undefined;
    try {
      migrateSqlite(db, [parentsAndChildren, rebuildParents('id = 1')], errors);
    } catch (error) {
      caught = error as Error;
    }
    expect(caught?.message).toBe('step 2 failed');
    expect(String(caught?.cause)).toMatch(/1 rows lost their references/);
    expect(userVersion(db)).toBe(1);
    expect(db.prepare('SELECT id FROM parents ORDER BY id').all()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(foreignKeys(db)).toEqual({ foreign_keys: 1 });
  });

  it('keeps foreign keys on for a step that rebuilds nothing', () => {
    const db = database();
    const orphan: SqliteMigration = {
      version: 2,
      name: 'orphan',
      up: (on) => on.exec('INSERT INTO children VALUES (30, 99)'),
    };
    expect(() => migrateSqlite(db, [parentsAndChildren, orphan], errors)).toThrow('step 2 failed');
    expect(db.prepare('SELECT count(*) AS n FROM children').get()).toEqual({ n: 2 });
  });

  it('refuses a file from a newer version without writing to it', () => {
    const db = database();
    db.exec('PRAGMA user_version = 7');
    expect(() => migrateSqlite(db, [parentsAndChildren], errors)).toThrow('future 7 > 1');
    expect(userVersion(db)).toBe(7);
  });
});
