// The PostgreSQL store, for `DATABASE_URL=postgres://…`. Durability is the
// database's: with its default synchronous_commit=on a COMMIT returns only once
// the write is on disk, so nothing here turns it off. Unlike node:sqlite, calls
// interleave over a pool of connections, so what SQLite gets from running one
// transaction at a time is done with locks (see appendEvent).
import pg, { type PoolClient } from 'pg';
import type { PulledEvent, PushResult, Scope } from '../../shared/sync/protocol.ts';
import type {
  AppendContext,
  AppendInput,
  BlobRecord,
  BlobUpload,
  CaseRecord,
  CatalogBundle,
  DeviceRecord,
  EnrollmentCodeRecord,
  Party,
  RedeemResult,
  ServerStore,
  StatusStep,
  StoreStats,
  Verdict,
} from './contract.ts';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres-migrations.ts';

/** First keys of the two-key advisory locks; 'TB' in the high bytes keeps them apart from other applications'. */
const LOCK = { migrate: 0x5442_0001, eventId: 0x5442_0002, caseId: 0x5442_0003 } as const;

// bigint columns (server_seq, sizes, counts) as numbers: they stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

import { toCase, toDevice, toEvent, type CaseRow, type DeviceRow, type EventRow } from './rows.ts';

/** The SQL condition (on cases aliased c) that selects a party's cases; its parameters are numbered from `first`. */
function partyFilter(party: Party, first: number): { sql: string; params: unknown[] } {
  if (party.kind === 'intake') return { sql: `c.origin_device_id = $${first}`, params: [party.deviceId] };
  if (party.matterIds.length === 0) return { sql: `c.handling_region = $${first}`, params: [party.region] };
  return {
    sql: `c.handling_region = $${first} AND c.matter_id = ANY($${first + 1}::text[])`,
    params: [party.region, party.matterIds],
  };
}

/**
 * Brings the database to the latest schema in one transaction; a database from
 * a newer server is refused before anything is written. The lock lets two
 * servers start at once: the second finds the work done.
 */
async function migrate(client: PoolClient, migrations: readonly PostgresMigration[]): Promise<void> {
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  let current: PostgresMigration | undefined;
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK.migrate]);
    const { present } = (
      await client.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present")
    ).rows[0]!;
    const version = present
      ? (await client.query<{ version: number }>('SELECT max(version) AS version FROM schema_version')).rows[0]!.version
      : 0;
    if (version > latest) {
      throw new Error(
        `The server database has schema version ${version}; this server understands up to ${latest}. ` +
          'It has not been changed: run the newer server.',
      );
    }
    for (current of migrations.filter((m) => m.version > version)) {
      await client.query(current.sql);
      await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [current.version, current.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    if (!current) throw error;
    throw new Error(`Server migration ${current.version} (${current.name}) failed; nothing was changed.`, {
      cause: error,
    });
  }
}

export class PostgresStore implements ServerStore {
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /** Connects and brings the database to the latest schema. */
  static async open(connectionString: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, types, application_name: 'tongban-server' });
    // A pooled connection that drops while idle is replaced on its next use; the
    // query that meets a dead database reports it. Without a listener it would end the process.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await migrate(client, POSTGRES_MIGRATIONS);
      } finally {
        client.release();
      }
      return new PostgresStore(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  private async row<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.pool.query(text, params)).rows[0] as T | undefined;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((failed: Error) => {
        broken = failed; // the connection is unusable: the pool must not hand it out again
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async region(): Promise<string | null> {
    return (await this.row<{ value: string }>("SELECT value FROM settings WHERE key = 'region'"))?.value ?? null;
  }

  async setRegion(region: string): Promise<void> {
    await this.pool.query(
      "INSERT INTO settings (key, value) VALUES ('region', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [region],
    );
  }

  async addEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO enrollment_codes (code_hash, scope, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [code.codeHash, JSON.stringify(code.scope), code.createdAt, code.expiresAt],
    );
  }

  async redeemEnrollmentCode(
    codeHash: string,
    now: string,
    device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
  ): Promise<RedeemResult> {
    return this.transaction(async (client): Promise<RedeemResult> => {
      // FOR UPDATE: a second redeem of the same code waits here, then sees it used.
      const code = (
        await client.query<{ scope: string; expires_at: string; used_at: string | null }>(
          'SELECT scope, expires_at, used_at FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
          [codeHash],
        )
      ).rows[0];
      if (!code) return { ok: false, reason: 'unknown_code' };
      if (code.used_at !== null) return { ok: false, reason: 'used_code' };
      if (Date.parse(code.expires_at) <= Date.parse(now)) return { ok: false, reason: 'expired_code' };
      await client.query(
        'INSERT INTO devices (device_id, name, public_key, scope, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
        [device.deviceId, device.name, device.publicKey, code.scope, device.enrolledAt],
      );
      await client.query('UPDATE enrollment_codes SET used_at = $1, used_by = $2 WHERE code_hash = $3', [
        now,
        device.deviceId,
        codeHash,
      ]);
      return {
        ok: true,
        device: { ...device, scope: JSON.parse(code.scope) as Scope, lastSeenAt: null, revokedAt: null },
      };
    });
  }

  async device(deviceId: string): Promise<DeviceRecord | null> {
    const row = await this.row<DeviceRow>('SELECT * FROM devices WHERE device_id = $1', [deviceId]);
    return row ? toDevice(row) : null;
  }

  async devices(): Promise<DeviceRecord[]> {
    // COLLATE "C": the byte order SQLite sorts by, whatever the database's locale.
    const { rows } = await this.pool.query<DeviceRow>(
      'SELECT * FROM devices ORDER BY enrolled_at COLLATE "C", device_id COLLATE "C"',
    );
    return rows.map(toDevice);
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    const found = await this.pool.query(
      'UPDATE devices SET revoked_at = coalesce(revoked_at, $1) WHERE device_id = $2',
      [at, deviceId],
    );
    return (found.rowCount ?? 0) > 0;
  }

  async touchDevice(deviceId: string, at: string): Promise<void> {
    await this.pool.query('UPDATE devices SET last_seen_at = $1 WHERE device_id = $2', [at, deviceId]);
  }

  async useNonce(deviceId: string, nonce: string, at: number): Promise<boolean> {
    const inserted = await this.pool.query(
      'INSERT INTO nonces (device_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [deviceId, nonce, at],
    );
    return (inserted.rowCount ?? 0) > 0;
  }

  async pruneNonces(before: number): Promise<void> {
    await this.pool.query('DELETE FROM nonces WHERE seen_at < $1', [before]);
  }

  async appendEvent(input: AppendInput, check: (context: AppendContext) => Verdict): Promise<PushResult> {
    const { event } = input;
    return this.transaction(async (client): Promise<PushResult> => {
      // Held to COMMIT, taken in this order: a resend racing its original finds it
      // here (a duplicate, not a constraint error), and appends to one case see
      // each other, so the check judges the case as the previous append left it.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK.eventId, event.eventId]);
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK.caseId, event.caseId]);

      const existing = (
        await client.query<{ server_seq: number; content_hash: string }>(
          'SELECT server_seq, content_hash FROM events WHERE event_id = $1',
          [event.eventId],
        )
      ).rows[0];
      if (existing) {
        return existing.content_hash === event.contentHash
          ? { eventId: event.eventId, status: 'duplicate', serverSeq: existing.server_seq }
          : {
              eventId: event.eventId,
              status: 'refused',
              reason: 'hash_mismatch',
              detail: 'This event id is already here with other content.',
            };
      }
      const caseRow = (await client.query<CaseRow>('SELECT * FROM cases WHERE case_id = $1', [event.caseId])).rows[0];
      const history = (
        await client.query<StatusStep>(
          `SELECT event_id AS "eventId", type, server_seq AS "serverSeq", status_after AS "statusAfter"
           FROM events WHERE case_id = $1 ORDER BY server_seq`,
          [event.caseId],
        )
      ).rows;
      const held =
        input.blobs.length === 0
          ? new Set<string>()
          : new Set(
              (
                await client.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', [
                  input.blobs,
                ])
              ).rows.map((row) => row.sha256),
            );
      const missingBlobs = input.blobs.filter((sha256) => !held.has(sha256));

      const verdict = check({ case: caseRow ? toCase(caseRow) : null, history, missingBlobs });
      if (!verdict.ok) {
        return {
          eventId: event.eventId,
          status: 'refused',
          reason: verdict.reason,
          ...(verdict.detail ? { detail: verdict.detail } : {}),
          ...(verdict.winner ? { winner: verdict.winner } : {}),
        };
      }
      if (!caseRow && !verdict.newCase) throw new Error('An event for a case the server does not have was allowed.');

      // The counter row stays locked until COMMIT, so the next append gets its
      // number only once this event is visible: server_seq follows commit order
      // and a pull cursor never passes an event that is still being written.
      // Taken last, to hold it for as short a time as the work allows.
      const serverSeq = (
        await client.query<{ last: number }>('UPDATE event_counter SET last = last + 1 RETURNING last')
      ).rows[0]!.last;
      if (caseRow) {
        await client.query('UPDATE cases SET status = $1 WHERE case_id = $2', [verdict.statusAfter, event.caseId]);
      } else {
        await client.query(
          `INSERT INTO cases (case_id, origin_device_id, intake_region, handling_region, matter_id, status)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            event.caseId,
            input.sourceDeviceId,
            verdict.newCase!.intakeRegion,
            verdict.newCase!.handlingRegion,
            verdict.newCase!.matterId,
            verdict.statusAfter,
          ],
        );
      }
      await client.query(
        `INSERT INTO events (server_seq, event_id, case_id, type, payload, actor_user_id, actor_role, device_id,
           occurred_at, content_hash, blobs, source_device_id, received_at, status_after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          serverSeq,
          event.eventId,
          event.caseId,
          event.type,
          JSON.stringify(event.payload),
          event.actor.userId,
          event.actor.role,
          event.deviceId,
          event.occurredAt,
          event.contentHash,
          JSON.stringify(event.blobs),
          input.sourceDeviceId,
          input.receivedAt,
          verdict.statusAfter,
        ],
      );
      if (input.blobs.length > 0) {
        await client.query(
          `INSERT INTO event_blobs (sha256, server_seq) SELECT DISTINCT unnest($1::text[]), $2::bigint
           ON CONFLICT DO NOTHING`,
          [input.blobs, serverSeq],
        );
      }
      return { eventId: event.eventId, status: 'accepted', serverSeq };
    });
  }

  async event(eventId: string): Promise<PulledEvent | null> {
    const row = await this.row<EventRow>('SELECT * FROM events WHERE event_id = $1', [eventId]);
    return row ? toEvent(row) : null;
  }

  async caseRecord(caseId: string): Promise<CaseRecord | null> {
    const row = await this.row<CaseRow>('SELECT * FROM cases WHERE case_id = $1', [caseId]);
    return row ? toCase(row) : null;
  }

  async pullEvents(party: Party, after: number, limit: number): Promise<{ events: PulledEvent[]; cursor: number }> {
    // The newest number first: numbers become visible in order (appendEvent), so
    // every event up to it has committed and the page below reads them all.
    const newest = (await this.row<{ seq: number | null }>('SELECT max(server_seq) AS seq FROM events'))!.seq ?? 0;
    const filter = partyFilter(party, 4);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT e.* FROM events e JOIN cases c ON c.case_id = e.case_id
       WHERE e.server_seq > $1 AND e.server_seq <= $2 AND ${filter.sql} ORDER BY e.server_seq LIMIT $3`,
      [after, newest, limit, ...filter.params],
    );
    const events = rows.map(toEvent);
    if (events.length === limit) return { events, cursor: events.at(-1)!.serverSeq };
    return { events, cursor: Math.max(after, newest) };
  }

  async blob(sha256: string): Promise<BlobRecord | null> {
    return (
      (await this.row<BlobRecord>(
        'SELECT sha256, size, stored_at AS "storedAt", uploaded_by AS "uploadedBy" FROM blobs WHERE sha256 = $1',
        [sha256],
      )) ?? null
    );
  }

  async blobUpload(sha256: string): Promise<BlobUpload | null> {
    return (
      (await this.row<BlobUpload>(
        `SELECT sha256, total, received, device_id AS "deviceId", updated_at AS "updatedAt"
         FROM blob_uploads WHERE sha256 = $1`,
        [sha256],
      )) ?? null
    );
  }

  async saveBlobUpload(upload: BlobUpload): Promise<void> {
    await this.pool.query(
      `INSERT INTO blob_uploads (sha256, total, received, device_id, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sha256) DO UPDATE SET total = excluded.total, received = excluded.received,
         device_id = excluded.device_id, updated_at = excluded.updated_at`,
      [upload.sha256, upload.total, upload.received, upload.deviceId, upload.updatedAt],
    );
  }

  async deleteBlobUpload(sha256: string): Promise<void> {
    await this.pool.query('DELETE FROM blob_uploads WHERE sha256 = $1', [sha256]);
  }

  async completeBlob(record: BlobRecord): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        'INSERT INTO blobs (sha256, size, stored_at, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [record.sha256, record.size, record.storedAt, record.uploadedBy],
      );
      await client.query('DELETE FROM blob_uploads WHERE sha256 = $1', [record.sha256]);
    });
  }

  async mayReadBlob(sha256: string, deviceId: string, party: Party): Promise<boolean> {
    const blob = await this.row<{ uploaded_by: string }>('SELECT uploaded_by FROM blobs WHERE sha256 = $1', [sha256]);
    if (!blob) return false;
    if (blob.uploaded_by === deviceId) return true;
    const filter = partyFilter(party, 2);
    const row = await this.row(
      `SELECT 1 FROM event_blobs b JOIN events e ON e.server_seq = b.server_seq JOIN cases c ON c.case_id = e.case_id
       WHERE b.sha256 = $1 AND ${filter.sql} LIMIT 1`,
      [sha256, ...filter.params],
    );
    return row !== undefined;
  }

  async catalog(): Promise<CatalogBundle | null> {
    const row = await this.row<{ bundle: string }>('SELECT bundle FROM catalog');
    return row ? (JSON.parse(row.bundle) as CatalogBundle) : null;
  }

  async replaceCatalog(bundle: CatalogBundle, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO catalog (bundle, imported_at) VALUES ($1, $2)
       ON CONFLICT (singleton) DO UPDATE SET bundle = excluded.bundle, imported_at = excluded.imported_at`,
      [JSON.stringify(bundle), at],
    );
  }

  async stats(): Promise<StoreStats> {
    return (await this.row<StoreStats>(
      `SELECT (SELECT count(*) FROM devices) AS devices, (SELECT count(*) FROM events) AS events,
         (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM blobs) AS blobs,
         (SELECT coalesce(sum(size), 0)::bigint FROM blobs) AS bytes`,
    ))!;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
