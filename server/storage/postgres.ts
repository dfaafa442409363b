// The PostgreSQL store, for `DATABASE_URL=postgres://…`. Durability is the
// database's: with its default synchronous_commit=on a COMMIT returns only once
// the write is on disk, so nothing here turns it off. Unlike node:sqlite, calls
// interleave over a pool of connections, so what SQLite gets from running one
// transaction at a time is done with locks (see appendEvent).
import pg, { type PoolClient } from 'pg';
import type { PulledEvent, PushResult, Scope } from '../../shared/sync/protocol.ts';
import type {
  AppendContext,
  AdmitRequest,
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

  async admit(
    requests: readonly AdmitRequest[],
    touch?: { deviceIds: readonly string[]; at: string },
  ): Promise<{ device: DeviceRecord | null; fresh: boolean }[]> {
    if (requests.length === 0) return [];
    // A nonce given twice in the list is used by its first request: only first ones go to the INSERT,
    // which, with ON CONFLICT DO NOTHING, would otherwise report a row it skipped as its own.
    const firstOf = new Map<string, number>();
    const repeated = requests.map(({ deviceId, nonce }, i) => {
      const key = `${deviceId}\u0000${nonce}`;
      if (firstOf.has(key)) return true;
      firstOf.set(key, i);
      return false;
    });
    // One statement, so one round trip and one commit (durable before it returns) for the whole list;
    // the device rows are read in the statement's snapshot, so a revocation committed before it counts.
    const { rows } = await this.pool.query<DeviceRow & { i: number; fresh: boolean }>({
      // Named: parsed and planned once per connection — it runs with every signed request.
      name: 'tongban_admit',
      text: `WITH req AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[]) WITH ORDINALITY
           AS r (device_id, nonce, seen_at, repeated, i)),
       touched AS (
         UPDATE devices SET last_seen_at = $6 WHERE device_id = ANY($5::text[]) AND revoked_at IS NULL),
       inserted AS (
         INSERT INTO nonces (device_id, nonce, seen_at)
         SELECT r.device_id, r.nonce, r.seen_at FROM req r JOIN devices d USING (device_id)
         WHERE NOT r.repeated AND d.revoked_at IS NULL
         ON CONFLICT DO NOTHING RETURNING device_id, nonce)
       SELECT r.i, d.*, (NOT r.repeated AND EXISTS (
           SELECT 1 FROM inserted n WHERE n.device_id = r.device_id AND n.nonce = r.nonce)) AS fresh
       FROM req r LEFT JOIN devices d USING (device_id) ORDER BY r.i`,
      values: [
        requests.map((r) => r.deviceId),
        requests.map((r) => r.nonce),
        requests.map((r) => r.at),
        repeated,
        touch?.deviceIds ?? [],
        touch?.at ?? null,
      ],
    });
    return rows.map(({ i: _i, fresh, ...row }) => ({
      device: row.device_id === null ? null : toDevice(row),
      fresh,
    }));
  }

  async pruneNonces(before: number): Promise<void> {
    await this.pool.query('DELETE FROM nonces WHERE seen_at < $1', [before]);
  }

  async appendEvent(input: AppendInput, check: (context: AppendContext) => Verdict): Promise<PushResult> {
    return (await this.appendEvents([input], (_input, context) => check(context)))[0]!;
  }

  async appendEvents(
    inputs: readonly AppendInput[],
    check: (input: AppendInput, context: AppendContext) => Verdict,
  ): Promise<PushResult[]> {
    if (inputs.length === 0) return [];
    const eventIds = [...new Set(inputs.map((input) => input.event.eventId))];
    const caseIds = [...new Set(inputs.map((input) => input.event.caseId))];
    const blobIds = [...new Set(inputs.flatMap((input) => input.blobs))];
    return this.transaction(async (client): Promise<PushResult[]> => {
      // Held to COMMIT, event ids before case ids, each in hash order, so two
      // appends never wait on each other in a ring: a resend racing its original
      // finds it here (a duplicate, not a constraint error), and appends to one
      // case see each other, so the check judges the case as the previous append left it.
      for (const [lock, keys] of [
        [LOCK.eventId, eventIds],
        [LOCK.caseId, caseIds],
      ] as const) {
        await client.query(
          'SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) k ORDER BY h) s',
          [lock, keys],
        );
      }

      // What is there, read once for the whole batch; the batch's own appends are added as they are judged.
      const known = new Map<string, { contentHash: string; step: { serverSeq: number } }>();
      for (const row of (
        await client.query<{ event_id: string; server_seq: number; content_hash: string }>(
          'SELECT event_id, server_seq, content_hash FROM events WHERE event_id = ANY($1::text[])',
          [eventIds],
        )
      ).rows) {
        known.set(row.event_id, { contentHash: row.content_hash, step: { serverSeq: row.server_seq } });
      }
      const cases = new Map(
        (await client.query<CaseRow>('SELECT * FROM cases WHERE case_id = ANY($1::text[])', [caseIds])).rows.map(
          (row) => [row.case_id, toCase(row)],
        ),
      );
      const histories = new Map<string, StatusStep[]>();
      for (const row of (
        await client.query<StatusStep & { caseId: string }>(
          `SELECT case_id AS "caseId", event_id AS "eventId", type, server_seq AS "serverSeq", status_after AS "statusAfter"
           FROM events WHERE case_id = ANY($1::text[]) ORDER BY server_seq`,
          [caseIds],
        )
      ).rows) {
        const { caseId, ...step } = row;
        histories.set(caseId, [...(histories.get(caseId) ?? []), step]);
      }
      const held =
        blobIds.length === 0
          ? new Set<string>()
          : new Set(
              (
                await client.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', [
                  blobIds,
                ])
              ).rows.map((row) => row.sha256),
            );

      // Judged in order, in memory; server_seq is filled in once the numbers are taken.
      type Outcome = PushResult | { eventId: string; status: 'accepted' | 'duplicate'; step: { serverSeq: number } };
      const outcomes: Outcome[] = [];
      const appended: { input: AppendInput; step: StatusStep }[] = [];
      const created = new Set<string>();
      for (const input of inputs) {
        const { event } = input;
        const seen = known.get(event.eventId);
        if (seen) {
          outcomes.push(
            seen.contentHash === event.contentHash
              ? { eventId: event.eventId, status: 'duplicate', step: seen.step }
              : {
                  eventId: event.eventId,
                  status: 'refused',
                  reason: 'hash_mismatch',
                  detail: 'This event id is already here with other content.',
                },
          );
          continue;
        }
        const current = cases.get(event.caseId) ?? null;
        const history = histories.get(event.caseId) ?? [];
        const verdict = check(input, {
          case: current,
          history: [...history],
          missingBlobs: input.blobs.filter((sha256) => !held.has(sha256)),
        });
        if (!verdict.ok) {
          outcomes.push({
            eventId: event.eventId,
            status: 'refused',
            reason: verdict.reason,
            ...(verdict.detail ? { detail: verdict.detail } : {}),
            ...(verdict.winner ? { winner: verdict.winner } : {}),
          });
          continue;
        }
        if (!current && !verdict.newCase) throw new Error('An event for a case the server does not have was allowed.');
        if (current) cases.set(event.caseId, { ...current, status: verdict.statusAfter });
        else {
          cases.set(event.caseId, {
            caseId: event.caseId,
            originDeviceId: input.sourceDeviceId,
            ...verdict.newCase!,
            status: verdict.statusAfter,
          });
          created.add(event.caseId);
        }
        const step: StatusStep = {
          eventId: event.eventId,
          type: event.type,
          serverSeq: 0,
          statusAfter: verdict.statusAfter,
        };
        histories.set(event.caseId, [...history, step]);
        known.set(event.eventId, { contentHash: event.contentHash, step });
        appended.push({ input, step });
        outcomes.push({ eventId: event.eventId, status: 'accepted', step });
      }

      if (appended.length > 0) await this.write(client, appended, cases, created);
      return outcomes.map((outcome) =>
        'step' in outcome
          ? { eventId: outcome.eventId, status: outcome.status, serverSeq: outcome.step.serverSeq }
          : outcome,
      );
    });
  }

  /** The writes of appendEvents: numbers, cases, events, blob links — a statement each, however many events. */
  private async write(
    client: PoolClient,
    appended: readonly { input: AppendInput; step: StatusStep }[],
    cases: ReadonlyMap<string, CaseRecord>,
    created: ReadonlySet<string>,
  ): Promise<void> {
    // The counter row stays locked until COMMIT, so the next append gets its
    // numbers only once these events are visible: server_seq follows commit order
    // and a pull cursor never passes an event that is still being written.
    // Taken after the reads and the checks, to hold it for as short a time as the work allows.
    const last = (
      await client.query<{ last: number }>('UPDATE event_counter SET last = last + $1 RETURNING last', [
        appended.length,
      ])
    ).rows[0]!.last;
    appended.forEach(({ step }, i) => (step.serverSeq = last - appended.length + 1 + i));

    const touched = [...new Set(appended.map(({ input }) => input.event.caseId))].map((id) => cases.get(id)!);
    const fresh = touched.filter((c) => created.has(c.caseId));
    const changed = touched.filter((c) => !created.has(c.caseId));
    if (fresh.length > 0) {
      await client.query(
        `INSERT INTO cases (case_id, origin_device_id, intake_region, handling_region, matter_id, status)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[])`,
        [
          fresh.map((c) => c.caseId),
          fresh.map((c) => c.originDeviceId),
          fresh.map((c) => c.intakeRegion),
          fresh.map((c) => c.handlingRegion),
          fresh.map((c) => c.matterId),
          fresh.map((c) => c.status),
        ],
      );
    }
    if (changed.length > 0) {
      await client.query(
        `UPDATE cases SET status = v.status FROM unnest($1::text[], $2::integer[]) AS v (case_id, status)
         WHERE cases.case_id = v.case_id`,
        [changed.map((c) => c.caseId), changed.map((c) => c.status)],
      );
    }
    const column = <T>(value: (input: AppendInput, step: StatusStep) => T): T[] =>
      appended.map(({ input, step }) => value(input, step));
    await client.query(
      `INSERT INTO events (server_seq, event_id, case_id, type, payload, actor_user_id, actor_role, device_id,
         occurred_at, content_hash, blobs, source_device_id, received_at, status_after)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::integer[])`,
      [
        column((_, step) => step.serverSeq),
        column(({ event }) => event.eventId),
        column(({ event }) => event.caseId),
        column(({ event }) => event.type),
        column(({ event }) => JSON.stringify(event.payload)),
        column(({ event }) => event.actor.userId),
        column(({ event }) => event.actor.role),
        column(({ event }) => event.deviceId),
        column(({ event }) => event.occurredAt),
        column(({ event }) => event.contentHash),
        column(({ event }) => JSON.stringify(event.blobs)),
        column((input) => input.sourceDeviceId),
        column((input) => input.receivedAt),
        column((_, step) => step.statusAfter),
      ],
    );
    const links = appended.flatMap(({ input, step }) =>
      [...new Set(input.blobs)].map((sha256) => [sha256, step.serverSeq] as const),
    );
    if (links.length > 0) {
      await client.query(
        `INSERT INTO event_blobs (sha256, server_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT DO NOTHING`,
        [links.map(([sha256]) => sha256), links.map(([, seq]) => seq)],
      );
    }
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
    const { rows } = await this.pool.query<BlobRecord>({
      name: 'tongban_blob',
      text: 'SELECT sha256, size, stored_at AS "storedAt", uploaded_by AS "uploadedBy" FROM blobs WHERE sha256 = $1',
      values: [sha256],
    });
    return rows[0] ?? null;
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
    // One statement is one transaction: both or neither, in a single round trip.
    await this.pool.query({
      name: 'tongban_complete_blob',
      text: `WITH ended AS (DELETE FROM blob_uploads WHERE sha256 = $1)
       INSERT INTO blobs (sha256, size, stored_at, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      values: [record.sha256, record.size, record.storedAt, record.uploadedBy],
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
