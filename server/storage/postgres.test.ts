// The contract suite against a real PostgreSQL server, each test in a fresh
// schema (tests/support/server.ts), plus what is PostgreSQL's own: its migrations and
// server_seq in commit order while appends really run side by side.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newCase, postgresTestSchema } from '../../tests/support/server.ts';
import type { Verdict } from './contract.ts';
import { storageContractSuite } from '../../tests/storage-contract/suite.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import { PostgresStore } from './postgres.ts';

const enabled = Boolean(process.env.TONGBAN_TEST_DATABASE_URL);
if (!enabled) console.log('PostgreSQL tests skipped: TONGBAN_TEST_DATABASE_URL is not set');

/** An outside connection to the schema, to look at or hold what the store does. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The first row of a query once it has one: what the test waits for inside the database. */
async function poll(client: pg.Client, what: string, sql: string, params: unknown[] = []): Promise<{ pid: number }> {
  for (let i = 0; i < 500; i += 1) {
    const [row] = (await client.query<{ pid: number }>(sql, params)).rows;
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

const allow =
  (matterId = 'KST-SI-004') =>
  (): Verdict => ({
    ok: true,
    statusAfter: 1,
    newCase: { intakeRegion: '360430', handlingRegion: '421127', matterId },
  });

(enabled ? describe : describe.skip)('PostgreSQL', () => {
  storageContractSuite('PostgreSQL', async () => {
    const schema = await postgresTestSchema();
    const store = await PostgresStore.open(schema.url);
    return {
      store,
      async dispose() {
        await store.close();
        await schema.drop();
      },
    };
  });

  describe('PostgreSQL store database', () => {
    it('is at the latest schema version, and opening it again changes nothing', async () => {
      const schema = await postgresTestSchema();
      await (await PostgresStore.open(schema.url)).close();
      await (await PostgresStore.open(schema.url)).close();
      const client = await connect(schema.url);
      const { rows } = await client.query('SELECT version, name FROM schema_version ORDER BY version');
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
      await client.end();
      await schema.drop();
    });

    it('numbers its migrations 1, 2, 3… without gaps', () => {
      expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    });

    it('migrates once when two servers start at the same time', async () => {
      const schema = await postgresTestSchema();
      const stores = await Promise.all([PostgresStore.open(schema.url), PostgresStore.open(schema.url)]);
      await Promise.all(stores.map((store) => store.close()));
      const client = await connect(schema.url);
      expect((await client.query('SELECT count(*)::int AS n FROM schema_version')).rows[0]).toEqual({
        n: POSTGRES_MIGRATIONS.length,
      });
      await client.end();
      await schema.drop();
    });

    it('refuses a database from a newer server and leaves it untouched', async () => {
      const schema = await postgresTestSchema();
      const client = await connect(schema.url);
      await client.query('CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL)');
      await client.query("INSERT INTO schema_version VALUES (99, 'from the future')");
      await expect(PostgresStore.open(schema.url)).rejects.toThrow(/schema version 99/);
      const tables = await client.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [
        schema.schema,
      ]);
      expect(tables.rows).toEqual([{ table_name: 'schema_version' }]);
      expect((await client.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 99 }]);
      await client.end();
      await schema.drop();
    });

    it('numbers events in commit order: a pull never passes an event still being written', async () => {
      const schema = await postgresTestSchema();
      const store = await PostgresStore.open(schema.url);
      const now = new Date().toISOString();
      await store.addEnrollmentCode({
        codeHash: 'c'.repeat(64),
        scope: { kind: 'intake', regionCode: '360430', matterIds: [] },
        createdAt: now,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      await store.redeemEnrollmentCode('c'.repeat(64), now, {
        deviceId: 'w',
        name: 'w',
        publicKey: 'k',
        enrolledAt: now,
      });
      await store.completeBlobs([{ sha256: 'b'.repeat(64), size: 1, storedAt: now, uploadedBy: 'w' }]);
      const append = (event: ReturnType<typeof newCase>['received'], blobs: string[] = []) =>
        store.appendEvent({ event, sourceDeviceId: 'w', receivedAt: now, blobs }, allow());

      // An outside transaction holds event_blobs, so the first append stops after
      // taking its number, before its COMMIT; the second, without blobs, could
      // otherwise take the next number and commit first.
      const outside = await connect(schema.url);
      // Watched from a third connection: a transaction sees pg_stat_activity as it was when it first looked.
      const observer = await connect(schema.url);
      await outside.query('BEGIN');
      await outside.query('LOCK TABLE event_blobs IN EXCLUSIVE MODE');
      const slow = append(newCase().received, ['b'.repeat(64)]);
      const blocked = await poll(
        observer,
        'the first append to wait for event_blobs',
        "SELECT pid FROM pg_locks WHERE NOT granted AND relation = 'event_blobs'::regclass",
      );
      const fast = append(newCase().received);
      await poll(
        observer,
        "the second append to wait for the first one's COMMIT",
        'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [blocked.pid],
      );
      const party = { kind: 'intake' as const, deviceId: 'w' };
      const during = await store.pullEvents(party, 0, 100);
      await outside.query('COMMIT');
      const results = await Promise.all([slow, fast]);
      await outside.end();
      await observer.end();

      const seqs = results.map((r) => (r.status === 'accepted' ? r.serverSeq : -1));
      expect(seqs).toEqual([1, 2]);
      const after = await store.pullEvents(party, during.cursor, 100);
      expect([...during.events, ...after.events].map((e) => e.serverSeq)).toEqual([1, 2]);
      await store.close();
      await schema.drop();
    });
  });
});
