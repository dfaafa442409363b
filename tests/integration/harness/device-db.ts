// Direct reads of the SQLite file the backend writes, alongside it.
import { DatabaseSync } from 'node:sqlite';

/** Opens the backend's SQLite file alongside it (WAL lets both in). */
export function openDb(file: string): DatabaseSync {
  return new DatabaseSync(file, { timeout: 5000 });
}

export function withDb<T>(file: string, work: (db: DatabaseSync) => T): T {
  const db = openDb(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export const CASE_TABLES = [
  'cases',
  'case_events',
  'outbox_events',
  'outbox_blobs',
  'case_search',
  'case_blobs',
  'case_no_counters',
  'remotes',
  'drafts',
  'commitments',
] as const;

/** Row counts of the tables a submit writes. */
export function countRows(file: string, tables: readonly string[] = CASE_TABLES): Record<string, number> {
  return withDb(file, (db) =>
    Object.fromEntries(
      tables.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
    ),
  );
}
