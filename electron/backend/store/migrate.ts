// Brings a database to the latest schema: a snapshot of the file first, then
// every pending migration and the new PRAGMA user_version in one transaction,
// so a failure leaves the database as it was. A database from a newer version
// of the app is refused before anything is written to it.
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './migrations/types.ts';

export class DatabaseFromFutureError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(file: string, found: number, supported: number) {
    super(
      `The database ${file} was written by a newer version of Tongban Desk (schema version ${found}); ` +
        `this version understands up to schema version ${supported}. It has not been changed. ` +
        `Install the newer version of Tongban Desk, or restore a backup made by this version.`,
    );
    this.name = 'DatabaseFromFutureError';
    this.found = found;
    this.supported = supported;
  }
}

export class MigrationError extends Error {
  readonly version: number;
  constructor(migration: Migration, cause: unknown) {
    super(`Migration ${migration.version} (${migration.name}) failed; the database was left at its previous version.`, {
      cause,
    });
    this.name = 'MigrationError';
    this.version = migration.version;
  }
}

export function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws before any write when the file is from a newer version. */
export function refuseFutureDatabase(db: DatabaseSync, file: string, migrations: readonly Migration[]): number {
  const version = userVersion(db);
  const latest = latestVersion(migrations);
  if (version > latest) throw new DatabaseFromFutureError(file, version, latest);
  return version;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  snapshot: string | null;
}

function snapshotPath(file: string, from: number, to: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dirname(file), 'backups', `${basename(file)}.v${from}-before-v${to}.${stamp}`);
}

export function migrate(db: DatabaseSync, file: string, migrations: readonly Migration[]): MigrationOutcome {
  const from = refuseFutureDatabase(db, file, migrations);
  const pending = migrations.filter((m) => m.version > from);
  const to = latestVersion(migrations);
  if (pending.length === 0) return { from, to: from, snapshot: null };

  let snapshot: string | null = null;
  if (from > 0 && file !== ':memory:') {
    snapshot = snapshotPath(file, from, to);
    mkdirSync(dirname(snapshot), { recursive: true });
    db.prepare('VACUUM INTO ?').run(snapshot);
  }

  const rebuilds = pending.some((m) => m.rebuildsTables);
  if (rebuilds) db.exec('PRAGMA foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  let current: Migration | undefined;
  try {
    for (current of pending) current.up(db);
    if (rebuilds) {
      const broken = db.prepare('PRAGMA foreign_key_check').all();
      if (broken.length > 0)
        throw new Error(`${broken.length} rows lost their references: ${JSON.stringify(broken[0])}`);
    }
    db.exec(`PRAGMA user_version = ${to}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw new MigrationError(current!, error);
  } finally {
    if (rebuilds) db.exec('PRAGMA foreign_keys = ON');
  }
  db.exec('PRAGMA optimize');
  return { from, to, snapshot };
}
