// The exchange server under test: its own process, started exactly as
// `npm run server` starts it, on a fresh PostgreSQL database made for the part
// of the run (dropped afterwards) or on SQLite in its data folder.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { ServerStore } from '../../server/storage/contract.ts';
import { PostgresStore } from '../../server/storage/postgres.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';
import { identityFiles, identityFromFiles } from '../../server/tls.ts';
import { SERVER_REGION } from '../support/exchange-samples.ts';
import { exited, freePort } from './processes.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A fresh, empty database for one part of the run, dropped first if an earlier run left it. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface RunningServer {
  url: string;
  /** Of the server key it made in its data folder: what devices pin. */
  fingerprint: string;
  pid: number;
  store: ServerStore;
  stop(): Promise<void>;
}

/**
 * The exchange server exactly as `npm run server` starts it (its own process,
 * its info log), on PostgreSQL when `databaseUrl` is given, else on SQLite in
 * `dataDir`. The bench opens the same store for enrollment codes and checks.
 * With `cpuProfileDir` (or TONGBAN_BENCH_PROFILE) it writes a V8 CPU profile there when it exits.
 */
export async function startExchangeServer(
  dataDir: string,
  databaseUrl: string | null,
  rate?: number,
  /** TONGBAN_BLOB_STORE for the server: the folder (its default) or its PostgreSQL database. */
  blobStore: 'folder' | 'postgresql' = 'folder',
  cpuProfileDir: string | undefined = process.env.TONGBAN_BENCH_PROFILE,
): Promise<RunningServer> {
  const port = await freePort();
  const argv = ['--data-dir', dataDir, '--region', SERVER_REGION, '--port', String(port)];
  if (rate !== undefined) argv.push('--rate', String(rate));
  const stderr: string[] = [];
  const child = fork(join(ROOT, 'server', 'main.ts'), argv, {
    env: { ...process.env, DATABASE_URL: databaseUrl ?? '', TONGBAN_SERVER_LOG: 'info', TONGBAN_BLOB_STORE: blobStore },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  const url = `https://127.0.0.1:${port}`;
  const files = identityFiles(dataDir);
  // Up once its self-signed certificate is written and it answers over TLS with it.
  const answers = () =>
    new Promise<boolean>((resolve) => {
      let ca: string;
      try {
        ca = readFileSync(files.cert, 'utf8');
      } catch {
        return resolve(false);
      }
      https
        .get(`${url}/openapi.json`, { ca }, (r) => {
          r.resume();
          resolve(r.statusCode === 200);
        })
        .once('error', () => resolve(false));
    });
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the exchange server exited: ${stderr.join('')}`);
    const ok = await answers();
    if (ok) break;
    if (tries > 600) throw new Error('the exchange server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const store = databaseUrl ? await PostgresStore.open(databaseUrl) : SqliteStore.open(join(dataDir, 'server.db'));
  return {
    url,
    fingerprint: identityFromFiles(files.cert, files.key).fingerprint,
    pid: child.pid!,
    store,
    async stop() {
      await store.close();
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
