import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { issueEnrollmentCode } from './enrollment.ts';
import { identityFiles } from './tls.ts';
import {
  httpTransport,
  INTAKE_REGION,
  newCase,
  newKeys,
  SERVER_REGION,
  tempDir,
  TEST_STORE,
  TestDevice,
  testStoreSite,
} from '../tests/support/server.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const running = new Set<ChildProcess>();

/** Starts `node server/main.ts` on a free port; resolves with its URL and its ready log line once it is serving. */
function serve(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; ready: string }> {
  const child = spawn(process.execPath, [MAIN, '--data-dir', dataDir, '--port', '0', '--region', SERVER_REGION], {
    env: { ...process.env, ...env, TONGBAN_SERVER_LOG: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      url ??= /Server listening at (https:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      if (url && line.includes('"event":"serving"')) resolve({ child, url, ready: line });
    });
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
    running.delete(child);
  });
}

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

describe('durability', () => {
  it('keeps what it acknowledged through a kill -9 right after the answer', async () => {
    const dir = tempDir();
    const site = await testStoreSite(dir.path);
    const code = await (async () => {
      const store = await site.open();
      const issued = await issueEnrollmentCode(store, { kind: 'intake', regionCode: INTAKE_REGION, matterIds: [] });
      await store.close();
      return issued.code;
    })();

    const first = await serve(dir.path, site.env);
    const ready = JSON.parse(first.ready) as { store: string; database: string };
    if (TEST_STORE === 'postgres') {
      // The log names the database, never the password or the connection parameters.
      expect(ready.store).toBe('postgresql');
      expect(URL.parse(ready.database)).toMatchObject({ password: '', search: '' });
    } else {
      expect(ready).toMatchObject({ store: 'sqlite', database: `${dir.path}/server.db` });
    }
    // The self-signed certificate it made in its data folder on first start, and kept.
    const certificate = readFileSync(identityFiles(dir.path).cert, 'utf8');
    const keys = newKeys();
    const enrolled = await httpTransport(
      first.url,
      certificate,
    )({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, publicKey: keys.publicKey, deviceName: 'Window 3' }),
    });
    const { deviceId, scope } = enrolled.json<{ deviceId: string; scope: never }>();
    const device = new TestDevice(httpTransport(first.url, certificate), deviceId, keys.privateKey, scope);

    const scan = randomBytes(5000);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    expect((await device.putChunk(sha256, scan, 0, scan.length)).status).toBe(200);
    // Scans sent at once, kept in groups (blob-commits.ts): each acknowledged only once its group is durable.
    const together = Array.from({ length: 8 }, () => randomBytes(64 * 1024));
    const answers = await Promise.all(together.map((bytes) => device.putChunk(sha(bytes), bytes, 0, bytes.length)));
    expect(answers.map((a) => a.status)).toEqual(together.map(() => 200));
    const one = newCase({ scans: [{ sha256, materialId: 'id_card' }] });
    const pushed = await device.push([one.received, one.materials]);
    expect(pushed.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    await kill9(first.child);

    const second = await serve(dir.path, site.env);
    const again = new TestDevice(httpTransport(second.url, certificate), deviceId, keys.privateKey, scope);
    const page = await again.pull(0);
    expect(page.events.map((e) => [e.eventId, e.serverSeq])).toEqual(
      pushed.map((r) => [r.eventId, r.status === 'accepted' ? r.serverSeq : 0]),
    );
    expect((await again.request('HEAD', `/blobs/${sha256}`)).status).toBe(200);
    for (const bytes of together) {
      const read = await again.request('GET', `/blobs/${sha(bytes)}`);
      expect(read.status).toBe(200);
      expect(read.body.equals(bytes)).toBe(true);
    }
    expect((await again.push([one.received])).map((r) => r.status)).toEqual(['duplicate']);
    await kill9(second.child);
    await site.remove();
    dir.remove();
  });
});
