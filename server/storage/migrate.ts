// Brings the server database to the latest schema: every pending migration
// and the new PRAGMA user_version in one transaction, so a failure leaves the
// database as it was. A database from a newer server is refused untouched.
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: DatabaseSync): void;
}

export function userVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws before any write when the file was written by a newer server. */
export function refuseFutureDatabase(db: DatabaseSync, migrations: readonly Migration[]): number {
  const version = userVersion(db);
  const latest = latestVersion(migrations);
  if (version > latest) {
    throw new Error(
      `The server database has schema version ${version}; this server understands up to ${latest}. ` +
        'It has not been changed: run the newer server.',
    );
  }
  return version;
}

export function migrate(db: DatabaseSync, migrations: readonly Migration[]): { from: number; to: number } {
  const from = refuseFutureDatabase(db, migrations);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  const to = latestVersion(migrations);
  db.exec('BEGIN IMMEDIATE');
  let current: Migration | undefined;
  try {
    for (current of pending) current.up(db);
    db.exec(`PRAGMA user_version = ${to}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw new Error(`Server migration ${current?.version} (${current?.name}) failed; nothing was changed.`, {
      cause: error,
    });
  }
  return { from, to };
}
