// The storm: many windows reconnecting at once. Each device is enrolled over
// HTTP with its own one-time code and Ed25519 key, then all push their events
// together through the device's own RemoteClient; the push latency as each
// device sees it, and the events not on the server exactly once afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { enroll, RemoteClient } from '../../electron/backend/sync/remote-client.ts';
import { pinFromStored } from '../../electron/backend/sync/server-trust.ts';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { signEventHash } from '../../shared-node/event-signature.ts';
import type { PushResult, WireEvent } from '../../shared/sync/protocol.ts';
import { INTAKE_REGION, newCase, newKeys } from '../support/exchange-samples.ts';
import { fmt } from '../support/progress.ts';
import { percentile, round } from '../support/timing.ts';
import { dropDatabase, freshDatabase, startExchangeServer } from './exchange-server.ts';
import type { SyncOptions } from './options.ts';
import { cpuDuring } from './processes.ts';
import { say } from './say.ts';

/** Events that are not on the server exactly once. */
async function lostEvents(store: 'postgres' | 'sqlite', where: string, eventIds: string[]): Promise<number> {
  const counts = new Map<string, number>();
  if (store === 'postgres') {
    const client = new pg.Client({ connectionString: where });
    await client.connect();
    try {
      const { rows } = await client.query<{ event_id: string; n: string }>(
        'SELECT event_id, count(*) AS n FROM events WHERE event_id = ANY($1::text[]) GROUP BY event_id',
        [eventIds],
      );
      for (const row of rows) counts.set(row.event_id, Number(row.n));
    } finally {
      await client.end();
    }
  } else {
    const db = new DatabaseSync(where, { readOnly: true });
    try {
      const stmt = db.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?');
      for (const id of eventIds) counts.set(id, (stmt.get(id) as { n: number }).n);
    } finally {
      db.close();
    }
  }
  return eventIds.filter((id) => counts.get(id) !== 1).length;
}

export async function storm(
  store: 'postgres' | 'sqlite',
  options: SyncOptions,
): Promise<Record<string, number | string>> {
  const serverDir = mkdtempSync(join(tmpdir(), 'tongban-bench-storm-'));
  const databaseName = `${options.database}_storm`;
  const databaseUrl = store === 'postgres' ? await freshDatabase(options.databaseUrl, databaseName) : null;
  const server = await startExchangeServer(serverDir, databaseUrl);
  try {
    say(`storm (${store}): enrolling ${fmt(options.devices)} devices`);
    const devices: { client: RemoteClient; events: WireEvent[] }[] = [];
    for (let d = 0; d < options.devices; d++) {
      const { code } = await issueEnrollmentCode(server.store, {
        kind: 'intake',
        regionCode: INTAKE_REGION,
        matterIds: [],
      });
      const keys = newKeys();
      const { enrolled, serverPublicKey } = await enroll(server.url, server.fingerprint, {
        code,
        publicKey: keys.publicKey,
        deviceName: `窗口 ${d + 1}`,
      });
      const events: WireEvent[] = [];
      while (events.length < options.events) {
        const made = newCase();
        // Signed by the device that made them, as a window signs its events.
        for (const event of [made.received, made.materials]) {
          events.push({ ...event, signature: signEventHash(keys.privateKey, event.contentHash) } as WireEvent);
        }
      }
      devices.push({
        client: new RemoteClient(
          server.url,
          enrolled.deviceId,
          keys.privateKey,
          pinFromStored(server.fingerprint, serverPublicKey),
        ),
        events: events.slice(0, options.events),
      });
    }
    say(`storm (${store}): ${fmt(options.devices)} devices push ${options.events} events each, all at once`);
    const latencies: number[] = [];
    let failed = 0;
    let refused = 0;
    const t0 = performance.now();
    const [, cpu] = await cpuDuring(server.pid, () =>
      Promise.all(
        devices.map(async ({ client, events }) => {
          const t = performance.now();
          try {
            const results: PushResult[] = await client.push(events);
            refused += results.filter((r) => r.status === 'refused').length;
          } catch {
            failed += 1;
          }
          latencies.push(performance.now() - t);
        }),
      ),
    );
    const wall = (performance.now() - t0) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    const eventIds = devices.flatMap((d) => d.events.map((e) => e.eventId));
    const lost = await lostEvents(store, databaseUrl ?? join(serverDir, 'server.db'), eventIds);
    const result = {
      devices: options.devices,
      events: eventIds.length,
      lost,
      p50_ms: round(percentile(sorted, 50), 1),
      p99_ms: round(percentile(sorted, 99), 1),
      max_ms: round(sorted.at(-1)!, 1),
      wall_s: round(wall),
      events_per_s: Math.round(eventIds.length / wall),
      failed_requests: failed,
      refused_events: refused,
      // Where the CPU went during the storm: the 500 clients (this process), the server, PostgreSQL.
      cpu_clients_s: cpu.device!,
      cpu_server_s: cpu.server!,
      cpu_postgres_s: cpu.postgres!,
    };
    say(`storm (${store}): ${JSON.stringify(result)}`);
    return result;
  } finally {
    await server.stop();
    if (databaseUrl) await dropDatabase(options.databaseUrl, databaseName);
    rmSync(serverDir, { recursive: true, force: true });
  }
}
