// A local S3-compatible object store for the tests: s3rver on a random
// loopback port, over a temp folder. It knows one key pair, S3RVER/S3RVER, and
// refuses others; plain http is the blob store's choice on loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../../server/blob-store/s3.ts';

export const TEST_BUCKET = 'tongban-blobs';

export interface ObjectStorage {
  endpoint: string;
  /** Settings for a blob store on TEST_BUCKET, its keys under `prefix`. */
  settings(prefix: string): S3Settings;
  /** The same settings as a server's environment. */
  env(overrides?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startObjectStorage(): Promise<ObjectStorage> {
  const directory = mkdtempSync(join(tmpdir(), 'tongban-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    settings: (prefix) => ({
      endpoint,
      region: 'us-east-1',
      bucket: TEST_BUCKET,
      prefix,
      pathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
    env: (overrides = {}) => ({
      TONGBAN_BLOB_STORE: 's3',
      TONGBAN_S3_ENDPOINT: endpoint,
      TONGBAN_S3_BUCKET: TEST_BUCKET,
      TONGBAN_S3_PATH_STYLE: '1',
      TONGBAN_S3_ACCESS_KEY_ID: 'S3RVER',
      TONGBAN_S3_SECRET_ACCESS_KEY: 'S3RVER',
      ...overrides,
    }),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
