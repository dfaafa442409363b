// The PostgreSQL steps through the shared runner, against a real server (each
// test in a fresh schema): the same tables the store makes when it opens, once
// when two servers start together, nothing written to a newer database or
// left by a failing step.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresTestSchema } from '../../tests/support/server.ts';
import { migratePostgres, POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres-migrations.ts';
import { PostgresStore } from './postgres.ts';

const enabled = Boolean(process.env.TONGBAN_TEST_DATABASE_URL);

type Schema = Awaited<ReturnType<typeof postgresTestSchema>>;

async function withSchema(work: (schema: Schema, client: pg.Client) => Promise<void>): Promise<void> {
  const schema = await postgresTestSchema();
  const client = new pg.Client({ connectionString: schema.url });
  await client.connect();
  try {
    await work(schema, client);
  } finally {
    await client.end();
    await schema.drop();
  }
}

async function columns(client: pg.Client, schema: string): Promise<unknown[]> {
  const { rows } = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [schema],
  );
  return rows;
}

const latest = POSTGRES_MIGRATIONS.length;

(enabled ? describe : describe.skip)('PostgreSQL migrations', () => {
  it('make the tables the store makes, and run once', async () => {
    await withSchema(async (schema, client) => {
      expect(await migratePostgres(client)).toEqual({ from: 0, to: latest });
      expect(await migratePostgres(client)).toEqual({ from: latest, to: latest });
      const viaStore = await postgresTestSchema();
      await (await PostgresStore.open(viaStore.url)).close();
      const other = new pg.Client({ connectionString: viaStore.url });
      await other.connect();
      expect(await columns(client, schema.schema)).toEqual(await columns(other, viaStore.schema));
      await other.end();
      await viaStore.drop();
    });
  });

  it('migrate once when two servers start at the same time', async () => {
    await withSchema(async (schema, client) => {
      const second = new pg.Client({ connectionString: schema.url });
      await second.connect();
      await Promise.all([migratePostgres(client), migratePostgres(second)]);
      await second.end();
      const { rows } = await client.query('SELECT version, name FROM schema_version ORDER BY version');
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    });
  });

  it('refuse a database from a newer server and leave it untouched', async () => {
    await withSchema(async (_schema, client) => {
      await client.query('CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL)');
      await client.query("INSERT INTO schema_version VALUES (99, 'from the future')");
      await expect(migratePostgres(client)).rejects.toThrow(/schema version 99; this server understands up to/);
      expect((await client.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 99 }]);
    });
  });

  it('leave nothing behind when a step fails', async () => {
    await withSchema(async (schema, client) => {
      const broken: PostgresMigration = { version: latest + 1, name: 'broken', sql: 'ALTER TABLE nowhere ADD x int' };
      await expect(migratePostgres(client, [...POSTGRES_MIGRATIONS, broken])).rejects.toThrow(
        `Server migration ${latest + 1} (broken) failed; nothing was changed.`,
      );
      expect(await columns(client, schema.schema)).toEqual([]);
    });
  });
});
