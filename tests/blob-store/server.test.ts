// The blob store behind a real server, on each back end: a scan goes up in
// chunks and comes back; one whose stored bytes were spoilt is refused to the
// downloader with a reason code and reported in the log, never served. And
// the start: a bucket that is missing or refuses the credentials stops the
// server before it listens, with a message that names no secret.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyringOf } from '../../server/at-rest/data-key.ts';
import { blobStoreSettings, openBlobBackend } from '../../server/blob-store/config.ts';
import { BLOB_BACKENDS, BlobStoreError } from '../../server/blob-store/contract.ts';
import { BlobStore } from '../../server/blob-store/sealed-blobs.ts';
import { loggerOptions } from '../../server/http/logging.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';
import { startObjectStorage, TEST_BUCKET, type ObjectStorage } from '../support/object-storage.ts';
import { enroll, injectTransport, SERVER_REGION, startServer, tempDir, type TestServer } from '../support/server.ts';
import { openSite, POSTGRES_ENABLED, type BackendSite } from './backends.ts';

const MAIN = new URL('../../server/main.ts', import.meta.url).pathname;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let storage: ObjectStorage;
beforeAll(async () => {
  storage = await startObjectStorage();
});
afterAll(() => storage.close());

describe.each(BLOB_BACKENDS.map((kind) => ({ kind })))('a server on the $kind blob back end', ({ kind }) => {
  const run = kind === 'postgresql' && !POSTGRES_ENABLED ? it.skip : it;
  let site: BackendSite | undefined;
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await site?.close();
    [server, site] = [undefined, undefined];
  });

  run('takes a scan in chunks, serves it back, and refuses it once its stored bytes are spoilt', async () => {
    const spoilable = (site = await openSite(kind, () => storage));
    const keyring = keyringOf([randomBytes(32)]);
    const lines: string[] = [];
    server = await startServer({
      dataKey: keyring,
      blobs: new BlobStore(spoilable.backend, keyring),
      logger: loggerOptions('info', { write: (line) => void lines.push(line) }),
    });
    const window = await enroll(server, injectTransport(server.app));
    const bytes = randomBytes(150_000);
    const hash = sha(bytes);
    expect((await window.putChunk(hash, bytes.subarray(0, 60_000), 0, bytes.length)).json()).toEqual({
      received: 60_000,
      complete: false,
    });
    const status = await window.request('GET', `/blobs/${hash}/status`);
    expect(status.json()).toEqual({ received: 60_000, complete: false });
    expect((await window.putChunk(hash, bytes.subarray(60_000), 60_000, bytes.length)).json()).toEqual({
      received: 150_000,
      complete: true,
    });
    const read = await window.request('GET', `/blobs/${hash}`);
    expect(read.status).toBe(200);
    expect(read.body.equals(bytes)).toBe(true);

    await spoilable.spoil(hash, (stored) => {
      const copy = Buffer.from(stored);
      copy[copy.length - 1]! ^= 0x80;
      return copy;
    });
    const refused = await window.request('GET', `/blobs/${hash}`);
    expect(refused.status).toBe(500);
    expect(refused.json()).toMatchObject({ error: 'record_unreadable' });
    expect(refused.body.includes(bytes.subarray(0, 32))).toBe(false);
    const reported = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((l) => l.event === 'blob_corrupt');
    expect(reported).toMatchObject({ sha256: hash, backend: kind, cause: 'tampered' });
  });
});

interface Started {
  code: number | null;
  stderr: string;
  /** The ready log line, when it got that far (it is then stopped). */
  ready: string | undefined;
}

/** `node server/main.ts` with `env` on a fresh data folder, until it exits or is ready. */
async function serve(env: Record<string, string>): Promise<Started> {
  const dir = tempDir();
  const child = spawn(process.execPath, [MAIN, '--data-dir', dir.path, '--port', '0', '--region', SERVER_REGION], {
    env: { ...process.env, DATABASE_URL: '', TONGBAN_ALLOW_PLAIN_HTTP: '1', TONGBAN_SERVER_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let ready: string | undefined;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.includes('"event":"serving"')) return;
    ready = line;
    child.kill('SIGTERM');
  });
  try {
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, stderr, ready };
  } finally {
    dir.remove();
  }
}

describe('the blob store at start', () => {
  it('a missing bucket stops the server before it listens', async () => {
    const started = await serve(storage.env({ TONGBAN_S3_BUCKET: 'no-such-bucket' }));
    expect(started.ready).toBeUndefined();
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('Cannot use the blob store: the S3 bucket "no-such-bucket"');
    expect(started.stderr).toContain('does not exist');
  });

  it('credentials the storage refuses stop it too, and the secret is never printed', async () => {
    const secret = 'not-the-secret-0123456789';
    const started = await serve(
      storage.env({ TONGBAN_S3_ACCESS_KEY_ID: 'WRONGKEY', TONGBAN_S3_SECRET_ACCESS_KEY: secret }),
    );
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`the S3 bucket "${TEST_BUCKET}"`);
    expect(started.stderr).toContain('refuses access (403)');
    expect(started.stderr).not.toContain(secret);
  });

  it('a bucket that is there serves, and the ready line names the back end without a secret', async () => {
    const started = await serve(storage.env());
    expect(started.ready).toBeDefined();
    expect(JSON.parse(started.ready!)).toMatchObject({
      blobs: 's3',
      blobStore: `${storage.endpoint} bucket ${TEST_BUCKET}`,
    });
    expect(started.ready).not.toContain('S3RVER');
  });

  it('PostgreSQL as the blob store needs the server on PostgreSQL', async () => {
    const dir = tempDir();
    const store = SqliteStore.open(`${dir.path}/server.db`);
    try {
      await expect(openBlobBackend({ kind: 'postgresql' }, { dataDir: dir.path, store })).rejects.toThrow(
        'TONGBAN_BLOB_STORE=postgresql keeps the scans in the server’s PostgreSQL database: set DATABASE_URL too.',
      );
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('settings that cannot be right are refused, naming the variable', () => {
    const s3 = { TONGBAN_BLOB_STORE: 's3', TONGBAN_S3_BUCKET: TEST_BUCKET };
    const refused = (env: Record<string, string>): string => {
      try {
        blobStoreSettings(env);
      } catch (error) {
        expect(error).toBeInstanceOf(BlobStoreError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ TONGBAN_BLOB_STORE: 'nfs' })).toBe(
      'TONGBAN_BLOB_STORE is one of folder, postgresql, s3, not "nfs".',
    );
    expect(refused({ TONGBAN_BLOB_STORE: 's3' })).toMatch(/^TONGBAN_S3_BUCKET must name the bucket/);
    expect(refused({ ...s3, TONGBAN_S3_ENDPOINT: 'http://oss.example.gov.cn' })).toMatch(/must be https/);
    expect(refused({ ...s3, TONGBAN_S3_ENDPOINT: 'https://key:secret@oss.example.gov.cn' })).not.toContain('secret@');
    expect(refused({ ...s3, TONGBAN_S3_ACCESS_KEY_ID: 'AKID' })).toMatch(/go together/);
    expect(blobStoreSettings({})).toEqual({ kind: 'folder' });
    expect(blobStoreSettings({ ...s3, TONGBAN_S3_PREFIX: 'hm', TONGBAN_S3_PATH_STYLE: '1' })).toMatchObject({
      kind: 's3',
      region: 'us-east-1',
      prefix: 'hm/',
      pathStyle: true,
      credentials: undefined,
    });
  });
});
