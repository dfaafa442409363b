// Which blob store a server uses, from its environment (the same settings
// for serving and for the admin commands):
//   TONGBAN_BLOB_STORE   folder (default) | postgresql | s3
//   folder:     <data-dir>/blobs
//   postgresql: the server's own database (DATABASE_URL), tables of migration 0007
//   s3:         TONGBAN_S3_BUCKET (required), TONGBAN_S3_ENDPOINT, TONGBAN_S3_REGION (default us-east-1),
//               TONGBAN_S3_ACCESS_KEY_ID + TONGBAN_S3_SECRET_ACCESS_KEY (else the SDK's own chain),
//               TONGBAN_S3_PATH_STYLE=1, TONGBAN_S3_PREFIX
// A bad setting is a BlobStoreError naming the variable, never a secret.
import type { Keyring } from '../at-rest/data-key.ts';
import type { ServerStore } from '../storage/contract.ts';
import { PostgresStore } from '../storage/postgres.ts';
import { isLoopbackHost } from '../../shared/sync/transport.ts';
import { BLOB_BACKENDS, BlobStoreError, type BlobBackend, type BlobBackendKind } from './contract.ts';
import { FolderBackend } from './folder.ts';
import { PostgresBackend } from './postgres.ts';
import { S3Backend, type S3Settings } from './s3.ts';
import { BlobStore } from './sealed-blobs.ts';

export type BlobStoreSettings = { kind: 'folder' } | { kind: 'postgresql' } | ({ kind: 's3' } & S3Settings);

const TRUE = ['1', 'true', 'yes'];

/** The settings in `env`; BlobStoreError on one that cannot be right. */
export function blobStoreSettings(env: NodeJS.ProcessEnv = process.env): BlobStoreSettings {
  const kind = (env.TONGBAN_BLOB_STORE || 'folder') as BlobBackendKind;
  if (!BLOB_BACKENDS.includes(kind)) {
    throw new BlobStoreError(`TONGBAN_BLOB_STORE is one of ${BLOB_BACKENDS.join(', ')}, not "${kind}".`);
  }
  if (kind !== 's3') return { kind };
  const bucket = env.TONGBAN_S3_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new BlobStoreError(
      `TONGBAN_S3_BUCKET must name the bucket (3 to 63 lower-case letters, digits, dots and hyphens), not "${bucket}".`,
    );
  }
  const endpoint = env.TONGBAN_S3_ENDPOINT || undefined;
  if (endpoint !== undefined) {
    const url = URL.parse(endpoint);
    if (!url || !['https:', 'http:'].includes(url.protocol) || url.pathname.length > 1 || url.search) {
      throw new BlobStoreError(`TONGBAN_S3_ENDPOINT must be an address such as https://oss.example.gov.cn.`);
    }
    if (url.username || url.password) {
      throw new BlobStoreError(
        'TONGBAN_S3_ENDPOINT names no credentials: give TONGBAN_S3_ACCESS_KEY_ID and TONGBAN_S3_SECRET_ACCESS_KEY.',
      );
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      throw new BlobStoreError('TONGBAN_S3_ENDPOINT must be https: plain http is taken on loopback only.');
    }
  }
  const accessKeyId = env.TONGBAN_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.TONGBAN_S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new BlobStoreError('TONGBAN_S3_ACCESS_KEY_ID and TONGBAN_S3_SECRET_ACCESS_KEY go together: set both.');
  }
  const prefix = env.TONGBAN_S3_PREFIX ?? '';
  return {
    kind,
    endpoint,
    region: env.TONGBAN_S3_REGION || 'us-east-1',
    bucket,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    pathStyle: TRUE.includes((env.TONGBAN_S3_PATH_STYLE ?? '').toLowerCase()),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

function backendOf(settings: BlobStoreSettings, dataDir: string, store: ServerStore): BlobBackend {
  switch (settings.kind) {
    case 'folder':
      return new FolderBackend(dataDir);
    case 'postgresql':
      if (!(store instanceof PostgresStore)) {
        throw new BlobStoreError(
          'TONGBAN_BLOB_STORE=postgresql keeps the scans in the server’s PostgreSQL database: set DATABASE_URL too.',
        );
      }
      return new PostgresBackend(store.connections, 'the server’s PostgreSQL database');
    case 's3':
      return new S3Backend(settings);
  }
}

/**
 * The configured back end, checked: reachable, there, writable. One that
 * cannot serve throws BlobStoreError here, so the server stops at start
 * rather than at the first upload.
 */
export async function openBlobBackend(
  settings: BlobStoreSettings,
  { dataDir, store }: { dataDir: string; store: ServerStore },
): Promise<BlobBackend> {
  const backend = backendOf(settings, dataDir, store);
  try {
    await backend.check();
  } catch (error) {
    await backend.close();
    throw error;
  }
  return backend;
}

/** The configured blob store, checked (openBlobBackend), sealing with `keyring`. */
export async function openBlobStore(
  settings: BlobStoreSettings,
  { dataDir, keyring, store }: { dataDir: string; keyring: Keyring; store: ServerStore },
): Promise<BlobStore> {
  return new BlobStore(await openBlobBackend(settings, { dataDir, store }), keyring);
}
