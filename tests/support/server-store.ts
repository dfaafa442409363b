// The store and server of a server test: a real store (SQLite in a temp
// folder, or PostgreSQL with TONGBAN_TEST_STORE=postgres, one fresh schema per
// store) behind a real server built as `npm run server` builds it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { SERVER_REGION } from '../../bench/support/exchange-samples.ts';
import { buildServer, type ServerOptions } from '../../server/app.ts';
import type { ServerStore } from '../../server/storage/contract.ts';
import { PostgresStore } from '../../server/storage/postgres.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';
import { SELF_SIGNED_HOSTS, selfSignedIdentity, type ServerIdentity } from '../../server/tls.ts';

/** The server key of every test server of this test run's process: a self-signed certificate, made once. */
export const TEST_IDENTITY: ServerIdentity = selfSignedIdentity('Tongban test server', SELF_SIGNED_HOSTS);

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'tongban-server-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The store the server's tests run against: `npx vitest run server` once per store. */
export const TEST_STORE = testStoreKind(process.env.TONGBAN_TEST_STORE);

function testStoreKind(kind = 'sqlite'): 'sqlite' | 'postgres' {
  if (kind === 'postgres' && !process.env.TONGBAN_TEST_DATABASE_URL) {
    throw new Error('TONGBAN_TEST_STORE=postgres needs TONGBAN_TEST_DATABASE_URL=postgres://…');
  }
  if (kind === 'sqlite' || kind === 'postgres') return kind;
  throw new Error(`TONGBAN_TEST_STORE is sqlite or postgres, not ${kind}.`);
}

/**
 * The database the PostgreSQL tests work in: tongban_test on the server that
 * TONGBAN_TEST_DATABASE_URL names, made on first use (the role needs CREATEDB),
 * so the database the URL names is never written to.
 */
let testDatabase: Promise<URL> | undefined;
function postgresTestDatabase(): Promise<URL> {
  testDatabase ??= (async () => {
    const base = process.env.TONGBAN_TEST_DATABASE_URL;
    if (!base) throw new Error('TONGBAN_TEST_DATABASE_URL is not set.');
    await withClient(base, async (client) => {
      try {
        await client.query('CREATE DATABASE tongban_test');
      } catch (error) {
        // Already there, or made a moment ago by a test file running in parallel.
        if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    });
    const url = new URL(base);
    url.pathname = '/tongban_test';
    return url;
  })();
  return testDatabase;
}

async function withClient(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL schema: `url` connects with it as the search path; `drop` removes it and all in it. */
export async function postgresTestSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const database = await postgresTestDatabase();
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await withClient(database.href, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(database);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.href,
    drop: () => withClient(database.href, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)),
  };
}

/** Where a test keeps its server store: a SQLite file in `dataDir`, or a fresh PostgreSQL schema. */
export interface TestStoreSite {
  /** The environment a spawned `server/main.ts --data-dir <dataDir>` needs to open the same store. */
  env: Record<string, string>;
  open(): Promise<ServerStore>;
  /** Removes what the stores wrote (the data folder itself is the caller's). */
  remove(): Promise<void>;
}

export async function testStoreSite(dataDir: string): Promise<TestStoreSite> {
  if (TEST_STORE === 'postgres') {
    const schema = await postgresTestSchema();
    return { env: { DATABASE_URL: schema.url }, open: () => PostgresStore.open(schema.url), remove: schema.drop };
  }
  return {
    // Empty, so a DATABASE_URL in the developer's shell does not send the spawned server elsewhere.
    env: { DATABASE_URL: '' },
    open: async () => SqliteStore.open(join(dataDir, 'server.db')),
    remove: async () => {},
  };
}

export interface TestServer {
  app: FastifyInstance;
  store: ServerStore;
  dataDir: string;
  /** Its server key and certificate: what a device pins, and what a test client trusts. */
  identity: ServerIdentity;
  close(): Promise<void>;
}

/** A real server (HTTPS with TEST_IDENTITY unless told) on a real store of its own. */
export async function startServer(
  options: Partial<Omit<ServerOptions, 'store' | 'dataDir'>> = {},
): Promise<TestServer> {
  const dir = tempDir();
  const site = await testStoreSite(dir.path);
  const store = await site.open();
  const region = options.region ?? SERVER_REGION;
  await store.setRegion(region);
  const identity = options.identity ?? TEST_IDENTITY;
  const app = await buildServer({ store, dataDir: dir.path, ...options, region, identity });
  let closed = false;
  return {
    app,
    store,
    dataDir: dir.path,
    identity,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
      await site.remove();
      dir.remove();
    },
  };
}
