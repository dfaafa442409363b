// Several exchange server instances serving one region, as a province runs
// them behind a load balancer: real `node server/main.ts` processes on one
// PostgreSQL database (a fresh schema) and one data folder, so they share the
// blobs, the data key, the vouching key and the TLS key, as instances must.
// The first start makes those; the others start after it and read them.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVER_REGION } from '../../bench/support/exchange-samples.ts';
import { identityFiles, identityFromFiles } from '../../server/tls.ts';
import { PostgresStore } from '../../server/storage/postgres.ts';
import { postgresTestSchema, tempDir } from './server-store.ts';

const SERVER_ENTRY = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/** Why tests of several instances cannot run here, or null when they can. */
export const INSTANCES_SKIPPED = process.env.TONGBAN_TEST_DATABASE_URL
  ? null
  : 'several server instances need PostgreSQL: TONGBAN_TEST_DATABASE_URL is not set';

/** A `node server/main.ts` process that is serving. */
export interface ServerInstance {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Its `instance` log field on PostgreSQL (the id its appends' notices carry); null on the embedded store. */
  instance: string | null;
  child: ChildProcess;
  /** Its log lines so far, stdout and stderr. */
  log: string[];
}

export interface ServerInstances {
  instances: ServerInstance[];
  /** The certificate all of them serve: what a test client trusts. */
  certificate: string;
  /** The fingerprint of the key they share, which a device pins (an invitation's third part). */
  fingerprint: string;
  dataDir: string;
  /** The database all of them serve, for the test's own look at it (an admin's store). */
  databaseUrl: string;
  openStore(): Promise<PostgresStore>;
  /** Stops every instance (SIGTERM, as a service manager does) and removes the schema and folder. */
  stop(): Promise<void>;
}

/** Starts `node server/main.ts` on a free port with `env` beside the inherited environment; resolves once it serves. */
export function spawnServer(dataDir: string, env: Record<string, string>): Promise<ServerInstance> {
  const child = spawn(
    process.execPath,
    [SERVER_ENTRY, '--data-dir', dataDir, '--port', '0', '--region', SERVER_REGION],
    {
      env: { ...process.env, ...env, TONGBAN_SERVER_LOG: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let instance: string | null = null;
    const exited = (code: number | null): void =>
      reject(new Error(`a server exited (${code}) before serving:\n${log.join('\n')}`));
    child.once('exit', exited);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      url ??= /Server listening at (https:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      instance ??= /"event":"instances".*"instance":"([\w-]+)"/.exec(line)?.[1] ?? null;
      if (url && line.includes('"event":"serving"')) {
        child.off('exit', exited);
        resolve({ url, instance, child, log });
      }
    });
  });
}

/** SIGTERM, as a service manager stops it; resolves once it exited. */
export function stopServer({ child }: ServerInstance): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Where the instances keep scans: the data folder they share, or their PostgreSQL database. */
export type InstancesBlobStore = 'folder' | 'postgresql';

/**
 * Starts `count` instances, one after the other, on a fresh schema and a fresh
 * data folder, keeping scans in `blobStore` (the shared folder unless told).
 */
export async function startInstances(
  count = 2,
  { blobStore = 'folder' }: { blobStore?: InstancesBlobStore } = {},
): Promise<ServerInstances> {
  if (INSTANCES_SKIPPED) throw new Error(INSTANCES_SKIPPED);
  const dir = tempDir();
  const schema = await postgresTestSchema();
  const instances: ServerInstance[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(instances.map(stopServer));
    await schema.drop();
    dir.remove();
  };
  try {
    const env = { DATABASE_URL: schema.url, TONGBAN_BLOB_STORE: blobStore };
    for (let i = 0; i < count; i += 1) instances.push(await spawnServer(dir.path, env));
  } catch (error) {
    await stop();
    throw error;
  }
  const files = identityFiles(dir.path);
  return {
    instances,
    certificate: readFileSync(files.cert, 'utf8'),
    fingerprint: identityFromFiles(files.cert, files.key).fingerprint,
    dataDir: dir.path,
    databaseUrl: schema.url,
    openStore: () => PostgresStore.open(schema.url),
    stop,
  };
}
