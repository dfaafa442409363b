// The server's schema steps, through the shared runner: every pending
// migration and the new version in one transaction, so a failure leaves the
// database as it was; a database from a newer server is refused untouched.
// The errors below are the server's words for both of its stores.
import type { DatabaseSync } from 'node:sqlite';
import { refuseFuture, type Migration as Step, type SchemaErrors } from '../../shared-node/migrate.ts';
import { migrateSqlite, userVersion, type SqliteMigration } from '../../shared-node/sqlite-schema.ts';

export type Migration = SqliteMigration;

export const SERVER_SCHEMA_ERRORS: SchemaErrors<Step> = {
  fromFuture: (found, supported) =>
    new Error(
      `The server database has schema version ${found}; this server understands up to ${supported}. ` +
        'It has not been changed: run the newer server.',
    ),
  failed: (migration, cause) =>
    new Error(`Server migration ${migration.version} (${migration.name}) failed; nothing was changed.`, { cause }),
};

/** Throws before any write when the file was written by a newer server. */
export function refuseFutureDatabase(db: DatabaseSync, migrations: readonly Migration[]): number {
  return refuseFuture(userVersion(db), migrations, SERVER_SCHEMA_ERRORS);
}

export function migrate(db: DatabaseSync, migrations: readonly Migration[]): { from: number; to: number } {
  return migrateSqlite(db, migrations, SERVER_SCHEMA_ERRORS);
}
