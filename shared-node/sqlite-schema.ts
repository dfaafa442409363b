// A node:sqlite file as a SchemaStore: the version is PRAGMA user_version,
// the transaction BEGIN IMMEDIATE, so no other connection writes while the
// steps run. The device's store and the exchange server's embedded store both
// migrate through it.
import type { DatabaseSync } from 'node:sqlite';
import { migrate, type Migration, type MigrationOutcome, type MigrationPlan, type SchemaErrors } from './migrate.ts';

/** One schema step of a SQLite file. Each has a test beside it. */
export interface SqliteMigration extends Migration {
  /**
   * Rebuilds a table that others reference (SQLite cannot alter a column's
   * constraints): the runner turns foreign keys off around the transaction and
   * checks every reference before it commits, as SQLite's documentation says.
   */
  readonly rebuildsTables?: boolean;
  up(db: DatabaseSync): void;
}

export interface SqliteSchemaOptions<M extends SqliteMigration> extends SchemaErrors<M> {
  /** Before the transaction, when there is work to do: the device keeps a snapshot of its file. */
  beforeChanges?(plan: MigrationPlan<M>): void;
}

export function userVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

const rebuilds = (plan: MigrationPlan<SqliteMigration>): boolean => plan.pending.some((m) => m.rebuildsTables);

export function migrateSqlite<M extends SqliteMigration>(
  db: DatabaseSync,
  migrations: readonly M[],
  options: SqliteSchemaOptions<M>,
): MigrationOutcome {
  return migrate<M>(
    {
      version: () => userVersion(db),
      begin(plan) {
        options.beforeChanges?.(plan);
        // Inside a transaction the pragma does nothing: it must come first.
        if (rebuilds(plan)) db.exec('PRAGMA foreign_keys = OFF');
        try {
          db.exec('BEGIN IMMEDIATE');
        } catch (error) {
          if (rebuilds(plan)) db.exec('PRAGMA foreign_keys = ON');
          throw error;
        }
      },
      apply: (migration) => migration.up(db),
      commit(plan) {
        if (rebuilds(plan)) {
          const broken = db.prepare('PRAGMA foreign_key_check').all();
          if (broken.length > 0) {
            throw new Error(`${broken.length} rows lost their references: ${JSON.stringify(broken[0])}`);
          }
        }
        db.exec(`PRAGMA user_version = ${plan.to}`);
        db.exec('COMMIT');
      },
      rollback() {
        if (db.isTransaction) db.exec('ROLLBACK');
      },
      end(plan) {
        if (rebuilds(plan)) db.exec('PRAGMA foreign_keys = ON');
      },
      fromFuture: options.fromFuture,
      failed: options.failed,
    },
    migrations,
  );
}
