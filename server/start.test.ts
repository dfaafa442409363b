// What `npm run server` says and refuses at start, on the store under test
// (SQLite, or PostgreSQL with TONGBAN_TEST_STORE=postgres): a database written
// by a newer server stops the start with both versions named and is left as
// it was; a server that starts says whether other instances may share its data.
import { execFile } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './storage/migrations.ts';
import { POSTGRES_MIGRATIONS } from './storage/postgres-migrations.ts';
import {
  SERVER_REGION,
  spawnServer,
  stopServer,
  tempDir,
  TEST_STORE,
  testStoreSite,
  type ServerInstance,
  type TestStoreSite,
} from '../tests/support/server.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const run = promisify(execFile);
const FUTURE = 99;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function site(): Promise<{ dir: string; site: TestStoreSite }> {
  const dir = tempDir();
  const at = await testStoreSite(dir.path);
  cleanups.push(dir.remove, at.remove);
  return { dir: dir.path, site: at };
}

/** The schema version the store records, read around the server. */
async function storedVersion(dir: string, at: TestStoreSite): Promise<number[]> {
  if (TEST_STORE === 'sqlite') {
    const db = new DatabaseSync(join(dir, 'server.db'));
    const { user_version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    db.close();
    return [user_version];
  }
  const client = new pg.Client({ connectionString: at.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => r.version);
  } finally {
    await client.end();
  }
}

/** Leaves the store as a newer server would: its schema version beyond what this code knows. */
async function writeFutureSchema(dir: string, at: TestStoreSite): Promise<void> {
  if (TEST_STORE === 'sqlite') {
    const db = new DatabaseSync(join(dir, 'server.db'));
    db.exec(`PRAGMA user_version = ${FUTURE}`);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: at.env.DATABASE_URL });
  await client.connect();
  await client.query('CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL)');
  await client.query(`INSERT INTO schema_version VALUES (${FUTURE}, 'from a newer server')`);
  await client.end();
}

/** Resolves once the server has printed `line`; throws if it exits first. */
async function printed(server: ServerInstance, line: string): Promise<void> {
  while (!server.log.includes(line)) {
    if (server.child.exitCode !== null) throw new Error(`the server exited without printing: ${line}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('server start', () => {
  it('refuses a database written by a newer server, naming both versions, and leaves it untouched', async () => {
    const { dir, site: at } = await site();
    await writeFutureSchema(dir, at);
    const supported = (TEST_STORE === 'sqlite' ? MIGRATIONS : POSTGRES_MIGRATIONS).length;
    const started = await run(process.execPath, [MAIN, '--data-dir', dir, '--port', '0', '--region', SERVER_REGION], {
      env: { ...process.env, ...at.env },
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(started.code).toBe(1);
    const database = TEST_STORE === 'sqlite' ? 'SQLite database' : 'PostgreSQL database';
    expect(started.stderr).toMatch(
      new RegExp(
        `^Cannot use the ${database} .+: The server database has schema version ${FUTURE}; ` +
          `this server understands up to ${supported}\\. It has not been changed: run the newer server\\.$`,
        'm',
      ),
    );
    // A sentence for whoever started it, not a stack trace; it never began to serve.
    expect(started.stderr).not.toMatch(/^\s+at /m);
    expect(started.stdout).not.toContain('"event":"serving"');
    expect(await storedVersion(dir, at)).toEqual([FUTURE]);
  });

  it('says whether other instances may share its data', async () => {
    const { dir, site: at } = await site();
    const server: ServerInstance = await spawnServer(dir, at.env);
    cleanups.push(() => stopServer(server));
    const said = server.log.find((line) => line.includes('"event":"instances"'));
    expect(said).toBeDefined();
    const logged = JSON.parse(said!) as { store: string; instances: string; instance?: string };
    if (TEST_STORE === 'sqlite') {
      expect(logged).toMatchObject({ store: 'sqlite', instances: 'one' });
      expect(logged.instance).toBeUndefined();
      // On stderr, which may reach the log after the ready line on stdout.
      await printed(
        server,
        'Single instance: the embedded SQLite store is for one server process; a second instance on the same data ' +
          'would be unsafe. Several instances need PostgreSQL (DATABASE_URL) and a shared blob store.',
      );
    } else {
      expect(logged).toMatchObject({ store: 'postgresql', instances: 'several', instance: server.instance });
      expect(server.instance).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
