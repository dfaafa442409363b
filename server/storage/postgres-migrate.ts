// Brings a PostgreSQL database to the latest schema when the store opens.
import type { PoolClient } from 'pg';
import type { PostgresMigration } from './postgres-migrations.ts';
import { LOCK } from './postgres-pool.ts';

/**
 * Every pending migration and its schema_version row in one transaction; a
 * database from a newer server is refused before anything is written. The
 * lock lets two servers start at once: the second finds the work done.
 */
export async function migrate(client: PoolClient, migrations: readonly PostgresMigration[]): Promise<void> {
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  let current: PostgresMigration | undefined;
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK.migrate]);
    const { present } = (
      await client.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present")
    ).rows[0]!;
    const version = present
      ? (await client.query<{ version: number }>('SELECT max(version) AS version FROM schema_version')).rows[0]!.version
      : 0;
    if (version > latest) {
      throw new Error(
        `The server database has schema version ${version}; this server understands up to ${latest}. ` +
          'It has not been changed: run the newer server.',
      );
    }
    for (current of migrations.filter((m) => m.version > version)) {
      await client.query(current.sql);
      await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [current.version, current.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    if (!current) throw error;
    throw new Error(`Server migration ${current.version} (${current.name}) failed; nothing was changed.`, {
      cause: error,
    });
  }
}
