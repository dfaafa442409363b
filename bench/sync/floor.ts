// The floor the drain is compared with: the same scan bytes and push bodies
// POSTed, with the engine's concurrency, to a no-op endpoint that writes and
// fsyncs each before answering (bench/sync-floor.ts, its own process) — by
// fetch or by node:http with a keep-alive agent.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOB_CONCURRENCY } from '../../electron/backend/sync/blob-transfer.ts';
import { round, secondsSince } from '../support/timing.ts';
import { cpuDuring, exited } from './processes.ts';

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

export interface FloorResult {
  floor_s: number;
  floor_blob_s: number;
  floor_event_s: number;
  floor_bytes: number;
  floor_cpu_s: { client: number; endpoint: number };
}

/** One keep-alive connection pool for the floor's node:http client, as the engine's RemoteClient has. */
const floorAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });

/** A POST through node:http, the engine's transport: the body handed to the socket as it is. */
function postHttp(port: number, body: Uint8Array | string, contentType: string): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((done, fail) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        method: 'POST',
        agent: floorAgent,
        headers: { 'content-type': contentType, 'content-length': bytes.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', fail);
        response.once('end', () => {
          if (response.statusCode !== 200) return fail(new Error(`the floor endpoint answered ${response.statusCode}`));
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    );
    request.once('error', fail);
    request.end(bytes);
  });
}

/**
 * The floor with one client: `fetch` (as first defined) or node:http (the
 * transport the engine uses since it left fetch). The bench runs both and
 * the fastest counts: the lower floor is the stricter.
 */
export async function measureFloor(
  bodies: readonly string[],
  scans: number,
  eventConcurrency: number,
  client: 'fetch' | 'http',
  /** Scan i's bytes, as the device stored them. */
  scanOf: (i: number) => Buffer,
): Promise<FloorResult & { floor_client: 'fetch' | 'http' }> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-floor-'));
  const child = fork(join(import.meta.dirname, '..', 'sync-floor.ts'), [dir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((ready) => child.once('message', (m: { port: number }) => ready(m.port)));
    const post = async (body: Uint8Array | string, contentType: string) => {
      if (client === 'http') return postHttp(port, body, contentType);
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      if (!response.ok) throw new Error(`the floor endpoint answered ${response.status}`);
      await response.json();
    };
    let bytes = 0;
    const t0 = performance.now();
    let blobSeconds = 0;
    const [, cpu] = await cpuDuring(child.pid!, async () => {
      await pool(
        Array.from({ length: scans }, (_, i) => i),
        BLOB_CONCURRENCY,
        async (i) => {
          const body = scanOf(i);
          bytes += body.length;
          await post(body, 'application/octet-stream');
        },
      );
      blobSeconds = secondsSince(t0);
      await pool(bodies, eventConcurrency, async (body) => {
        bytes += Buffer.byteLength(body);
        await post(body, 'application/json');
      });
    });
    const floorSeconds = secondsSince(t0);
    return {
      floor_s: floorSeconds,
      floor_blob_s: blobSeconds,
      floor_event_s: round(floorSeconds - blobSeconds),
      floor_bytes: bytes,
      floor_cpu_s: { client: cpu.device!, endpoint: cpu.server! },
      floor_client: client,
    };
  } finally {
    child.disconnect();
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
