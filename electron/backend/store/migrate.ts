// Brings the device database to the latest schema through the shared SQLite
// runner (every pending migration and the new PRAGMA user_version in one
// transaction, so a failure leaves the database as it was), with what is the
// device's own: a snapshot of the file first, errors the start-up screen
// explains, and PRAGMA optimize after a change. A database from a newer
// version of the app is refused before anything is written to it.
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { refuseFuture } from '../../../shared-node/migrate.ts';
import { migrateSqlite, userVersion } from '../../../shared-node/sqlite-schema.ts';
import type { Migration } from './migrations/types.ts';

export { userVersion };

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

const fromFutureOf = (file: string) => ({
  fromFuture: (found: number, supported: number) => new DatabaseFromFutureError(file, found, supported),
});

/** Throws before any write when the file is from a newer version. */
export function refuseFutureDatabase(db: DatabaseSync, file: string, migrations: readonly Migration[]): number {
  return refuseFuture(userVersion(db), migrations, fromFutureOf(file));
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
  let snapshot: string | null = null;
  const { from, to } = migrateSqlite(db, migrations, {
    ...fromFutureOf(file),
    failed: (migration, cause) => new MigrationError(migration, cause),
    beforeChanges(plan) {
      // A new database has nothing to keep.
      if (plan.from === 0 || file === ':memory:') return;
      snapshot = snapshotPath(file, plan.from, plan.to);
      mkdirSync(dirname(snapshot), { recursive: true });
      db.prepare('VACUUM INTO ?').run(snapshot);
    },
  });
  if (to !== from) db.exec('PRAGMA optimize');
  return { from, to, snapshot };
}
