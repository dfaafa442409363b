// The PostgreSQL schema, one numbered step at a time, each a file of its own
// under migrations/postgres/, never edited once landed (checksums.json beside
// them). The tables mirror the SQLite store's; times stay ISO text as the
// contract hands them over. The steps run through the shared runner: all that
// are pending and their schema_version rows in one transaction, under an
// advisory lock so that two servers starting at once migrate once.
import type { ClientBase } from 'pg';
import { migrateAsync, type AsyncSchemaStore, type MigrationOutcome } from '../../shared-node/migrate.ts';
import { SERVER_SCHEMA_ERRORS } from './migrate.ts';
import { migration0001 } from './migrations/postgres/0001-exchange.ts';
import { migration0002 } from './migrations/postgres/0002-event-signatures.ts';
import { migration0003 } from './migrations/postgres/0003-anchors.ts';
import { migration0004 } from './migrations/postgres/0004-at-rest.ts';
import { migration0005 } from './migrations/postgres/0005-device-positions.ts';
import { migration0006 } from './migrations/postgres/0006-status-pages.ts';
import { migration0007 } from './migrations/postgres/0007-blob-chunks.ts';
import type { PostgresMigration } from './migrations/postgres/types.ts';
import { LOCK } from './postgres-pool.ts';

export type { PostgresMigration };

/** In order; versions run 1, 2, 3… with no gaps. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
];

function schemaStore(client: ClientBase): AsyncSchemaStore<PostgresMigration> {
  return {
    async version() {
      // Read from pg_tables, not with to_regclass: a name looked up and not found stays "not found" in the
      // connection's catalog cache until it next starts a transaction or locks a table, so a server that looked
      // before it waited for the lock would miss the table the other server made meanwhile (tested).
      const { present } = (
        await client.query<{ present: boolean }>(
          `SELECT EXISTS (SELECT FROM pg_catalog.pg_tables
             WHERE schemaname = current_schema() AND tablename = 'schema_version') AS present`,
        )
      ).rows[0]!;
      if (!present) return 0;
      return (await client.query<{ version: number }>('SELECT max(version) AS version FROM schema_version')).rows[0]!
        .version;
    },
    async begin() {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK.migrate]);
    },
    async apply(migration) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    },
    // Each step recorded its own row: there is nothing more to write.
    commit: async () => void (await client.query('COMMIT')),
    rollback: async () => void (await client.query('ROLLBACK')),
    end: async () => {},
    ...SERVER_SCHEMA_ERRORS,
  };
}

/** Brings the database the client is connected to up to the latest schema. */
export function migratePostgres(
  client: ClientBase,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationOutcome> {
  return migrateAsync(schemaStore(client), migrations);
}
