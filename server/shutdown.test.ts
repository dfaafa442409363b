import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_PREFIX, type PushResult } from '../shared/sync/protocol.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import { identityFiles } from './tls.ts';
import {
  enrollWithCode,
  httpTransport,
  INTAKE_REGION,
  newCase,
  SERVER_REGION,
  signedHeaders,
  tempDir,
  testStoreSite,
  type Answer,
  type TestDevice,
} from '../tests/support/server.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

interface Served {
  child: ChildProcess;
  url: string;
  /** Resolves with the first log line that has `event`. */
  logged(event: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** `node server/main.ts` on a free port, resolved once it is serving. */
function serve(dataDir: string, env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [MAIN, '--data-dir', dataDir, '--port', '0', '--region', SERVER_REGION], {
    env: { ...process.env, ...env, TONGBAN_SERVER_LOG: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  const lines: Record<string, unknown>[] = [];
  const waiting: { event: string; resolve(line: Record<string, unknown>): void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const wait of waiting.filter((w) => w.event === line.event)) wait.resolve(line);
  });
  const logged = (event: string): Promise<Record<string, unknown>> => {
    const seen = lines.find((line) => line.event === event);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiting.push({ event, resolve }));
  };
  return Promise.race([
    exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before serving`))),
    logged('serving').then(() => {
      const listening = lines.map((line) => /Server listening at (https:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg)));
      return { child, url: listening.find(Boolean)![1]!, logged, exited };
    }),
  ]);
}

/**
 * A signed request whose headers go now and whose body waits for `send`. The
 * server's "100 Continue" proves it took the request in: from then on it is
 * under way there.
 */
async function heldRequest(
  url: string,
  certificate: string,
  device: TestDevice,
  method: 'POST' | 'PUT',
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ send(): Promise<Answer> }> {
  const target = `${PROTOCOL_PREFIX}${path}`;
  const request = https.request(new URL(target, url), {
    method,
    ca: certificate,
    agent: false,
    headers: {
      ...signedHeaders(device.key, device.deviceId, method, target, body),
      ...headers,
      'content-length': String(body.length),
      expect: '100-continue',
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: raw,
          json: <T>() => JSON.parse(raw.toString('utf8')) as T,
        });
      });
    });
  });
  // Handled here too: a request cut by the server fails before its body is sent.
  answer.catch(() => {});
  await new Promise((resolve) => request.once('continue', resolve));
  return {
    send: () => {
      request.end(body);
      return answer;
    },
  };
}

describe('graceful shutdown of a server process', () => {
  it('on SIGTERM finishes the push and the chunk under way, refuses new work, and exits 0', async () => {
    const dir = tempDir();
    const site = await testStoreSite(dir.path);
    const setup = await site.open();
    const { code } = await issueEnrollmentCode(setup, { kind: 'intake', regionCode: INTAKE_REGION, matterIds: [] });
    await setup.close();

    const served = await serve(dir.path, { ...site.env, TONGBAN_SHUTDOWN_GRACE: '120' });
    const certificate = readFileSync(identityFiles(dir.path).cert, 'utf8');
    const transport = httpTransport(served.url, certificate);
    const window3 = await enrollWithCode(transport, code, 'Window 3');

    // A scan in two chunks: the first arrives now, the last is under way when the stop begins.
    const scan = randomBytes(6000);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    expect((await window3.putChunk(sha256, scan.subarray(0, 3000), 0, scan.length)).status).toBe(200);
    const lastChunk = await heldRequest(
      served.url,
      certificate,
      window3,
      'PUT',
      `/blobs/${sha256}`,
      scan.subarray(3000),
      {
        'content-type': 'application/octet-stream',
        'content-range': `bytes 3000-5999/${scan.length}`,
      },
    );
    const inFlight = newCase({ scans: [] });
    const pushBody = Buffer.from(
      JSON.stringify({ events: [inFlight.received, inFlight.materials].map((e) => window3.signed(e)) }),
    );
    const push = await heldRequest(served.url, certificate, window3, 'POST', '/events', pushBody, {
      'content-type': 'application/json',
    });
    const longPoll = window3.pull(0, 30);

    served.child.kill('SIGTERM');
    expect(await served.logged('stopping')).toMatchObject({ underWay: expect.any(Number), graceSeconds: 120 });

    // Stopping: not ready, the long poll answered, new work refused, nothing written for it.
    expect((await longPoll).events).toEqual([]);
    const ready = await transport({ method: 'GET', url: '/readyz', headers: {} });
    expect([ready.status, ready.json()]).toEqual([503, { status: 'unavailable', reason: 'shutting_down' }]);
    expect((await transport({ method: 'GET', url: '/livez', headers: {} })).status).toBe(200);
    const refusedCase = newCase();
    const refused = await window3.request(
      'POST',
      '/events',
      JSON.stringify({ events: [window3.signed(refusedCase.received)] }),
    );
    expect([refused.status, refused.json<{ error: string }>().error]).toEqual([503, 'shutting_down']);

    // The requests under way finish and are acknowledged.
    const chunkAnswer = await lastChunk.send();
    expect([chunkAnswer.status, chunkAnswer.json()]).toEqual([200, { received: 6000, complete: true }]);
    const pushAnswer = await push.send();
    expect(pushAnswer.status).toBe(200);
    expect(pushAnswer.json<{ results: PushResult[] }>().results.map((r) => r.status)).toEqual(['accepted', 'accepted']);

    expect(await served.exited).toBe(0);
    expect(await served.logged('stopped')).toMatchObject({ clean: true });

    // What was acknowledged is kept whole; what was refused is not there; no part of an upload is left.
    const store = await site.open();
    const kept = await store.pullEvents({ kind: 'intake', deviceId: window3.deviceId }, 0, 100);
    expect(kept.events.map((e) => e.eventId)).toEqual([inFlight.received.eventId, inFlight.materials.eventId]);
    expect(await store.blob(sha256)).toMatchObject({ size: 6000 });
    expect(await store.blobUpload(sha256)).toBeNull();
    await store.close();
    expect(readdirSync(join(dir.path, 'blobs', 'incoming'))).toEqual([]);
    await site.remove();
    dir.remove();
  });

  it('cuts a request still under way when the grace period ends, keeps nothing of it, and says so', async () => {
    const dir = tempDir();
    const site = await testStoreSite(dir.path);
    const setup = await site.open();
    const { code } = await issueEnrollmentCode(setup, { kind: 'intake', regionCode: INTAKE_REGION, matterIds: [] });
    await setup.close();

    const served = await serve(dir.path, { ...site.env, TONGBAN_SHUTDOWN_GRACE: '0.5' });
    const certificate = readFileSync(identityFiles(dir.path).cert, 'utf8');
    const window3 = await enrollWithCode(httpTransport(served.url, certificate), code, 'Window 3');
    const never = newCase();
    const body = Buffer.from(JSON.stringify({ events: [window3.signed(never.received)] }));
    const push = await heldRequest(served.url, certificate, window3, 'POST', '/events', body, {
      'content-type': 'application/json',
    });

    served.child.kill('SIGTERM');
    expect(await served.logged('stop_cut')).toMatchObject({ underWay: 1 });
    expect(await served.exited).toBe(1);
    await expect(push.send()).rejects.toThrow();

    const store = await site.open();
    expect(await store.stats()).toMatchObject({ events: 0, cases: 0 });
    await store.close();
    await site.remove();
    dir.remove();
  });
});
