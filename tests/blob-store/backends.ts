// The three blob back ends as the contract suite uses them: each made fresh
// for a test, with a way to spoil the bytes it keeps for a blob (bit rot, a
// half-copied object) from outside the store, as a disk or a careless copy would.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { BlobBackend, BlobBackendKind } from '../../server/blob-store/contract.ts';
import { blobFile, FolderBackend } from '../../server/blob-store/folder.ts';
import { PostgresBackend } from '../../server/blob-store/postgres.ts';
import { S3Backend } from '../../server/blob-store/s3.ts';
import { PostgresStore } from '../../server/storage/postgres.ts';
import type { ObjectStorage } from '../support/object-storage.ts';
import { postgresTestSchema, tempDir } from '../support/server.ts';

export interface BackendSite {
  backend: BlobBackend;
  /** Another back end over the same bytes: a restarted server, or a second instance. */
  reopen(): Promise<BlobBackend>;
  /** Rewrites the stored bytes of a kept blob. */
  spoil(sha256: string, change: (stored: Buffer) => Buffer): Promise<void>;
  close(): Promise<void>;
}

export const POSTGRES_ENABLED = Boolean(process.env.TONGBAN_TEST_DATABASE_URL);
export const POSTGRES_SKIPPED = 'the PostgreSQL blob back end is not tested: TONGBAN_TEST_DATABASE_URL is not set';

async function folderSite(): Promise<BackendSite> {
  const dir = tempDir();
  return {
    backend: new FolderBackend(dir.path),
    reopen: async () => new FolderBackend(dir.path),
    async spoil(sha256, change) {
      const file = blobFile(dir.path, sha256);
      writeFileSync(file, change(readFileSync(file)));
    },
    close: async () => dir.remove(),
  };
}

async function postgresSite(): Promise<BackendSite> {
  const schema = await postgresTestSchema();
  const stores = [await PostgresStore.open(schema.url)];
  const backendOf = (store: PostgresStore): PostgresBackend => new PostgresBackend(store.connections, schema.schema);
  return {
    backend: backendOf(stores[0]!),
    async reopen() {
      // A pool of its own on the same schema, as another instance would have.
      const store = await PostgresStore.open(schema.url);
      stores.push(store);
      return backendOf(store);
    },
    async spoil(sha256, change) {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ at: string; bytes: Buffer }>(
          'SELECT at, bytes FROM blob_chunks WHERE sha256 = $1 ORDER BY at',
          [sha256],
        );
        const spoilt = change(Buffer.concat(rows.map((row) => row.bytes)));
        await client.query('DELETE FROM blob_chunks WHERE sha256 = $1', [sha256]);
        await client.query('INSERT INTO blob_chunks (sha256, at, bytes) VALUES ($1, 0, $2)', [sha256, spoilt]);
      } finally {
        await client.end();
      }
    },
    async close() {
      for (const store of stores) await store.close();
      await schema.drop();
    },
  };
}

function s3Site(storage: ObjectStorage): BackendSite {
  // Each test under a prefix of its own in the one bucket.
  const settings = storage.settings(`test-${randomBytes(6).toString('hex')}/`);
  const opened: S3Backend[] = [new S3Backend(settings)];
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: true,
  });
  return {
    backend: opened[0]!,
    async reopen() {
      const backend = new S3Backend(settings);
      opened.push(backend);
      return backend;
    },
    async spoil(sha256, change) {
      const Key = `${settings.prefix}blobs/${sha256}`;
      const held = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key }));
      const bytes = Buffer.from(await held.Body!.transformToByteArray());
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key, Body: change(bytes) }));
    },
    async close() {
      for (const backend of opened) await backend.close();
      client.destroy();
    },
  };
}

export function openSite(kind: BlobBackendKind, storage: () => ObjectStorage): Promise<BackendSite> {
  if (kind === 'folder') return folderSite();
  if (kind === 'postgresql') return postgresSite();
  return Promise.resolve(s3Site(storage()));
}
