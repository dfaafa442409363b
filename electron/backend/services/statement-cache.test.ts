import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { CAPACITY, cachedStatement, cachedStatementCount } from './statement-cache.ts';

function database(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b');");
  return db;
}

describe('cachedStatement', () => {
  it('prepares a text once per connection', () => {
    const db = database();
    const other = database();
    const sql = 'SELECT name FROM t WHERE id = ?';
    const first = cachedStatement(db, sql);
    expect(cachedStatement(db, sql)).toBe(first);
    expect(cachedStatement(other, sql)).not.toBe(first);
    expect(first.get(2)).toEqual({ name: 'b' });
    expect(cachedStatementCount(db)).toBe(1);
  });

  it('answers from the schema as it is now, after the schema changed under it', () => {
    const db = database();
    const sql = 'SELECT * FROM t ORDER BY id';
    expect(cachedStatement(db, sql).all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    db.exec("ALTER TABLE t ADD COLUMN day TEXT NOT NULL DEFAULT '2026-12-07'; CREATE INDEX t_by_day ON t (day);");
    expect(cachedStatement(db, sql).all()).toEqual([
      { id: 1, name: 'a', day: '2026-12-07' },
      { id: 2, name: 'b', day: '2026-12-07' },
    ]);
    db.exec('DROP TABLE t');
    expect(() => cachedStatement(db, sql).all()).toThrow(/no such table/);
  });

  it('keeps the most recently used texts, at most CAPACITY of them', () => {
    const db = database();
    const kept = cachedStatement(db, 'SELECT 0 AS n');
    for (let i = 1; i <= CAPACITY + 10; i++) {
      expect(cachedStatement(db, `SELECT ${i} AS n`).get()).toEqual({ n: i });
      // Used all along, the first one is never the least recently used.
      expect(cachedStatement(db, 'SELECT 0 AS n')).toBe(kept);
    }
    expect(cachedStatementCount(db)).toBe(CAPACITY);
    const dropped = cachedStatement(db, 'SELECT 1 AS n');
    expect(dropped.get()).toEqual({ n: 1 });
    expect(cachedStatementCount(db)).toBe(CAPACITY);
  });
});
