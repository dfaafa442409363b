// What must hold once sync has settled after a fault schedule, read straight from the device's
// SQLite file, the server's tables (its SQLite file, or PostgreSQL) and the
// server's blob folder — not through either program, whose own view is what
// is being checked: every event the device made is on the server exactly
// once with the same content hash; every blob a server event refers to is
// there and hashes to its name; the device's outbox is empty and nothing is
// quarantined; the device's events and their server sequence are the
// server's events for the device's cases.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { contentHash } from '../../shared-node/event-hash.ts';
import { loadDataKey } from '../../server/at-rest/data-key.ts';
import { isSealed, open as openSealed } from '../../server/at-rest/envelope.ts';
import { openPayload } from '../../server/at-rest/payloads.ts';
import type { CaseEvent } from '../../shared/case/events.ts';
import type { EventRow } from '../../server/storage/rows.ts';
import { SERVER_REGION } from './server-process.ts';

interface DeviceEventRow {
  event_id: string;
  content_hash: string;
  server_seq: number | null;
  received_at: string | null;
}

/** A server's event row, without the time it was received: the invariants compare content. */
type ServerEventRow = Omit<EventRow, 'received_at'>;

function read<T>(file: string, work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export interface DeviceSyncState {
  /** The device's id on the server, from its enrollment. */
  serverDeviceId: string;
  outboxEvents: number;
  outboxBlobs: number;
  quarantined: { event_id: string; reason: string; detail: string | null }[];
  events: DeviceEventRow[];
}

export function deviceSyncState(dbFile: string): DeviceSyncState {
  return read(dbFile, (db) => {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const remote = db.prepare('SELECT server_device_id FROM remotes WHERE region_code = ?').get(SERVER_REGION) as {
      server_device_id: string;
    };
    return {
      serverDeviceId: remote.server_device_id,
      outboxEvents: count('SELECT count(*) AS n FROM outbox_events'),
      outboxBlobs: count('SELECT count(*) AS n FROM outbox_blobs'),
      quarantined: db
        .prepare('SELECT event_id, reason, detail FROM quarantine')
        .all() as DeviceSyncState['quarantined'],
      events: db
        .prepare('SELECT event_id, content_hash, server_seq, received_at FROM case_events')
        .all() as unknown as DeviceEventRow[],
    };
  });
}

/** Settled: nothing left to send, and every event has come back from the server (or something was refused). */
export function settled(state: DeviceSyncState): boolean {
  return (
    state.outboxEvents === 0 &&
    state.outboxBlobs === 0 &&
    (state.quarantined.length > 0 || state.events.every((e) => e.server_seq !== null && e.received_at !== null))
  );
}

/**
 * Read-only SQL on the server's tables, whichever store holds them: the
 * SQLite file or the PostgreSQL schema (same tables, migrations.ts and
 * postgres-migrations.ts). `?` placeholders; numbers may come back as text
 * (PostgreSQL's bigint), so callers convert.
 */
export interface ServerTables {
  rows(sql: string, ...params: string[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function sqliteTables(file: string): ServerTables {
  return {
    rows: async (sql, ...params) => read(file, (db) => db.prepare(sql).all(...params) as Record<string, unknown>[]),
    close: async () => {},
  };
}

export async function postgresTables(url: string): Promise<ServerTables> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async rows(sql, ...params) {
      let n = 0;
      return (
        await client.query(
          sql.replaceAll('?', () => `$${++n}`),
          params,
        )
      ).rows as Record<string, unknown>[];
    },
    close: () => client.end(),
  };
}

/**
 * What is wrong, one line each (empty when all holds). `verified` holds blobs
 * already hashed and found right; only new ones are read again.
 */
export async function violations(
  device: DeviceSyncState,
  server: { tables: ServerTables; dataDir: string },
  verified: Set<string>,
): Promise<string[]> {
  const found: string[] = [];
  const { tables } = server;
  // Payloads and blobs are sealed at rest: opened here with the server's data key, as an auditor holding it would.
  const { keyring } = await loadDataKey(server.dataDir, {});
  const ofDevice = 'JOIN cases c ON c.case_id = e.case_id WHERE c.origin_device_id = ?';
  const rows = (
    await tables.rows(
      `SELECT e.server_seq, e.event_id, e.case_id, e.type, e.payload, e.actor_user_id, e.actor_role, e.device_id,
         e.occurred_at, e.content_hash, e.blobs FROM events e ${ofDevice}`,
      device.serverDeviceId,
    )
  ).map((row) => ({ ...row, server_seq: Number(row.server_seq) }) as ServerEventRow);
  const repeatedIds = await tables.rows(
    'SELECT event_id, count(*) AS n FROM events GROUP BY event_id HAVING count(*) > 1',
  );
  const repeatedSeqs = await tables.rows(
    'SELECT server_seq, count(*) AS n FROM events GROUP BY server_seq HAVING count(*) > 1',
  );
  const blobSizes = new Map(
    (await tables.rows('SELECT sha256, size FROM blobs')).map((b) => [b.sha256 as string, Number(b.size)]),
  );
  const linked = await tables.rows(
    `SELECT b.sha256 FROM event_blobs b JOIN events e ON e.server_seq = b.server_seq ${ofDevice}`,
    device.serverDeviceId,
  );
  for (const { event_id, n } of repeatedIds)
    found.push(`event ${String(event_id)} is on the server ${String(n)} times`);
  for (const { server_seq, n } of repeatedSeqs)
    found.push(`server_seq ${String(server_seq)} is used ${String(n)} times`);

  const onServer = new Map(rows.map((row) => [row.event_id, row]));
  for (const event of device.events) {
    const row = onServer.get(event.event_id);
    if (!row) {
      found.push(`event ${event.event_id} (device server_seq ${event.server_seq}) is not on the server`);
      continue;
    }
    if (row.content_hash !== event.content_hash) {
      found.push(
        `event ${event.event_id}: the server holds hash ${row.content_hash}, the device ${event.content_hash}`,
      );
    }
    if (event.server_seq !== row.server_seq) {
      found.push(
        `event ${event.event_id}: server_seq ${row.server_seq} on the server, ${event.server_seq} on the device`,
      );
    }
    if (event.received_at === null) found.push(`event ${event.event_id} never came back to the device in a pull`);
  }
  const onDevice = new Set(device.events.map((e) => e.event_id));
  for (const row of rows) {
    if (!onDevice.has(row.event_id))
      found.push(`the server has event ${row.event_id} of the device's cases; it does not`);
    const stored = {
      eventId: row.event_id,
      caseId: row.case_id,
      type: row.type,
      payload: openPayload(keyring, row.event_id, JSON.parse(row.payload)),
      actor: { userId: row.actor_user_id, role: row.actor_role },
      deviceId: row.device_id,
      occurredAt: row.occurred_at,
    } as CaseEvent;
    if (contentHash(stored) !== row.content_hash) {
      found.push(`event ${row.event_id}: what the server stored does not hash to its content hash`);
    }
  }

  if (device.outboxEvents > 0) found.push(`${device.outboxEvents} events are still in the device's outbox`);
  if (device.outboxBlobs > 0) found.push(`${device.outboxBlobs} blobs are still in the device's outbox`);
  for (const q of device.quarantined) {
    found.push(`event ${q.event_id} was quarantined: ${q.reason}${q.detail ? ` (${q.detail})` : ''}`);
  }

  const referenced = new Set([
    ...rows.flatMap((row) => JSON.parse(row.blobs) as string[]),
    ...linked.map((link) => link.sha256 as string),
  ]);
  for (const sha256 of referenced) {
    const size = blobSizes.get(sha256);
    const file = join(server.dataDir, 'blobs', sha256.slice(0, 2), sha256);
    if (size === undefined) found.push(`blob ${sha256} is referenced by an event but not recorded on the server`);
    else if (!existsSync(file)) found.push(`blob ${sha256} is recorded on the server but its file is missing`);
    else if (!verified.has(sha256)) {
      const kept = readFileSync(file);
      const bytes = isSealed(kept) ? openSealed(keyring, `blob:${sha256}`, kept) : kept;
      if (bytes.length !== size || createHash('sha256').update(bytes).digest('hex') !== sha256) {
        found.push(`blob ${sha256} on the server does not hash to its name (${bytes.length} bytes, ${size} recorded)`);
      } else verified.add(sha256);
    }
  }
  return found;
}
