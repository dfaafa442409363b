// Statements prepared once per connection and SQL text, for the reads that run
// on every keystroke of a search: preparing the list's statement cost more than
// running it. SQLite re-prepares a statement by itself when the schema changes
// under it (sqlite3_prepare_v2), so a cached one never runs against a stale
// schema. The texts are a bounded family (a source's shape times the filters
// set); the least recently used is dropped past CAPACITY all the same.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export const CAPACITY = 128;

const caches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

export function cachedStatement(db: DatabaseSync, sql: string): StatementSync {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement) {
    // Map keeps insertion order: re-inserting makes it the most recently used.
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}

/** How many statements the connection holds prepared (for tests). */
export function cachedStatementCount(db: DatabaseSync): number {
  return caches.get(db)?.size ?? 0;
}
