// The embedded store: node:sqlite in the data folder, zero set-up. WAL with
// synchronous=FULL so that every write the server acknowledges has reached
// the disk before the answer goes out. node:sqlite is synchronous, so each
// method runs its transaction without interleaving inside this process; other
// processes (the admin CLI) wait on the busy timeout.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { PulledEvent, PushResult } from '../../shared/sync/protocol.ts';
import type {
  AnchorOutcome,
  AnchorRecord,
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
  PositionVerdict,
  RecoveryRecord,
  RedeemResult,
  ServerStore,
  StatusStep,
  StoreStats,
  Verdict,
} from './contract.ts';
import { migrate, refuseFutureDatabase } from './migrate.ts';
import * as anchorStore from './sqlite-anchors.ts';
import { MIGRATIONS } from './migrations.ts';
import { mayReadBlob, partyFilter } from './sqlite-party.ts';
import * as positions from './sqlite-positions.ts';
import * as statusPages from './sqlite-status-pages.ts';
import {
  redeemWith,
  toCase,
  toDevice,
  toEvent,
  type CaseRow,
  type DeviceRow,
  type EnrollmentCodeRow,
  type EventRow,
} from './rows.ts';

export class SqliteStore implements ServerStore {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  private constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Opens (creating if need be) the database file and brings it to the latest schema. */
  static open(file: string): SqliteStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: true });
    try {
      refuseFutureDatabase(db, MIGRATIONS);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      migrate(db, MIGRATIONS);
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The connection, for the at-rest jobs (server/at-rest/), which keep their own SQL. */
  get connection(): DatabaseSync {
    return this.db;
  }

  private sql(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private transaction<T>(work: () => T, mode: 'IMMEDIATE' | 'DEFERRED' = 'IMMEDIATE'): T {
    this.db.exec(`BEGIN ${mode}`);
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async region(): Promise<string | null> {
    const row = this.sql("SELECT value FROM settings WHERE key = 'region'").get() as { value: string } | undefined;
    return row?.value ?? null;
  }

  async setRegion(region: string): Promise<void> {
    this.sql(
      "INSERT INTO settings (key, value) VALUES ('region', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(region);
  }

  async addEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    this.sql('INSERT INTO enrollment_codes (code_hash, scope, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      code.codeHash,
      JSON.stringify(code.scope),
      code.createdAt,
      code.expiresAt,
    );
  }

  async redeemEnrollmentCode(
    codeHash: string,
    now: string,
    device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
  ): Promise<RedeemResult> {
    return this.transaction((): RedeemResult => {
      const code = this.sql('SELECT scope, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?').get(
        codeHash,
      ) as EnrollmentCodeRow | undefined;
      const redeemed = redeemWith(code, now, device);
      if (!redeemed.ok) return redeemed;
      this.sql('INSERT INTO devices (device_id, name, public_key, scope, enrolled_at) VALUES (?, ?, ?, ?, ?)').run(
        device.deviceId,
        device.name,
        device.publicKey,
        JSON.stringify(redeemed.device.scope),
        device.enrolledAt,
      );
      this.sql('UPDATE enrollment_codes SET used_at = ?, used_by = ? WHERE code_hash = ?').run(
        now,
        device.deviceId,
        codeHash,
      );
      return redeemed;
    });
  }

  async device(deviceId: string): Promise<DeviceRecord | null> {
    const row = this.sql('SELECT * FROM devices WHERE device_id = ?').get(deviceId) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async devices(): Promise<DeviceRecord[]> {
    return (this.sql('SELECT * FROM devices ORDER BY enrolled_at, device_id').all() as unknown as DeviceRow[]).map(
      toDevice,
    );
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    const found = this.sql('UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE device_id = ?').run(
      at,
      deviceId,
    );
    return found.changes > 0;
  }

  async touchDevice(deviceId: string, at: string): Promise<void> {
    this.sql('UPDATE devices SET last_seen_at = ? WHERE device_id = ?').run(at, deviceId);
  }

  async useNonce(deviceId: string, nonce: string, at: number): Promise<boolean> {
    const inserted = this.sql(
      'INSERT INTO nonces (device_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(deviceId, nonce, at);
    return inserted.changes > 0;
  }

  async admit(
    requests: readonly AdmitRequest[],
    touch?: { deviceIds: readonly string[]; at: string },
  ): Promise<{ device: DeviceRecord | null; fresh: boolean }[]> {
    return this.transaction(() => {
      const results = requests.map(({ deviceId, nonce, at }) => {
        const row = this.sql('SELECT * FROM devices WHERE device_id = ?').get(deviceId) as DeviceRow | undefined;
        if (!row || row.revoked_at !== null) return { device: row ? toDevice(row) : null, fresh: false };
        const inserted = this.sql(
          'INSERT INTO nonces (device_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(deviceId, nonce, at);
        return { device: toDevice(row), fresh: inserted.changes > 0 };
      });
      for (const deviceId of touch?.deviceIds ?? []) {
        this.sql('UPDATE devices SET last_seen_at = ? WHERE device_id = ?').run(touch!.at, deviceId);
      }
      return results;
    });
  }

  async pruneNonces(before: number): Promise<void> {
    this.sql('DELETE FROM nonces WHERE seen_at < ?').run(before);
  }

  async appendEvent(input: AppendInput, check: (context: AppendContext) => Verdict): Promise<PushResult> {
    return (await this.appendEvents([input], (_input, context) => check(context)))[0]!;
  }

  async appendEvents(
    inputs: readonly AppendInput[],
    check: (input: AppendInput, context: AppendContext) => Verdict,
  ): Promise<PushResult[]> {
    // One transaction, one fsync: each append sees the ones before it inside it.
    return this.transaction(() => inputs.map((input) => this.appendOne(input, (context) => check(input, context))));
  }

  private appendOne(input: AppendInput, check: (context: AppendContext) => Verdict): PushResult {
    const { event } = input;
    const existing = this.sql('SELECT server_seq, content_hash FROM events WHERE event_id = ?').get(event.eventId) as
      { server_seq: number; content_hash: string } | undefined;
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
    const caseRow = this.sql('SELECT * FROM cases WHERE case_id = ?').get(event.caseId) as CaseRow | undefined;
    const history = (
      this.sql(
        `SELECT event_id AS eventId, type, server_seq AS serverSeq, status_after AS statusAfter
         FROM events WHERE case_id = ? ORDER BY server_seq`,
      ).all(event.caseId) as unknown as StatusStep[]
    ).map((step) => ({ ...step })); // plain objects: node:sqlite's rows have no prototype
    const hasBlob = this.sql('SELECT 1 FROM blobs WHERE sha256 = ?');
    const missingBlobs = input.blobs.filter((sha256) => hasBlob.get(sha256) === undefined);

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
    if (caseRow) {
      this.sql('UPDATE cases SET status = ? WHERE case_id = ?').run(verdict.statusAfter, event.caseId);
    } else {
      if (!verdict.newCase) throw new Error('An event for a case the server does not have was allowed.');
      this.sql(
        `INSERT INTO cases (case_id, origin_device_id, intake_region, handling_region, matter_id, status)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        event.caseId,
        input.sourceDeviceId,
        verdict.newCase.intakeRegion,
        verdict.newCase.handlingRegion,
        verdict.newCase.matterId,
        verdict.statusAfter,
      );
    }
    if (verdict.statusPage) statusPages.write(this.db, event.caseId, verdict.statusPage);
    const { server_seq: serverSeq } = this.sql(
      `INSERT INTO events (event_id, case_id, type, payload, actor_user_id, actor_role, device_id, occurred_at,
         content_hash, blobs, source_device_id, received_at, status_after, signature)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING server_seq`,
    ).get(
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
      input.signature ?? null,
    ) as { server_seq: number };
    const link = this.sql('INSERT OR IGNORE INTO event_blobs (sha256, server_seq) VALUES (?, ?)');
    for (const sha256 of input.blobs) link.run(sha256, serverSeq);
    return { eventId: event.eventId, status: 'accepted', serverSeq };
  }

  async event(eventId: string): Promise<PulledEvent | null> {
    const row = this.sql('SELECT * FROM events WHERE event_id = ?').get(eventId) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  async caseRecord(caseId: string): Promise<CaseRecord | null> {
    const row = this.sql('SELECT * FROM cases WHERE case_id = ?').get(caseId) as CaseRow | undefined;
    return row ? toCase(row) : null;
  }

  async pullEvents(party: Party, after: number, limit: number): Promise<{ events: PulledEvent[]; cursor: number }> {
    const filter = partyFilter(party);
    // One read transaction: the newest server_seq and the events come from the same snapshot.
    return this.transaction(() => {
      const rows = this.sql(
        `SELECT e.* FROM events e JOIN cases c ON c.case_id = e.case_id
         WHERE e.server_seq > ? AND ${filter.sql} ORDER BY e.server_seq LIMIT ?`,
      ).all(after, ...filter.params, limit) as unknown as EventRow[];
      const events = rows.map(toEvent);
      if (events.length === limit) return { events, cursor: events.at(-1)!.serverSeq };
      const newest = (this.sql('SELECT max(server_seq) AS seq FROM events').get() as { seq: number | null }).seq;
      return { events, cursor: Math.max(after, newest ?? 0) };
    }, 'DEFERRED');
  }

  async statusPages(caseNo: string) {
    return statusPages.read(this.db, caseNo);
  }

  async blob(sha256: string): Promise<BlobRecord | null> {
    const row = this.sql(
      'SELECT sha256, size, stored_at AS storedAt, uploaded_by AS uploadedBy FROM blobs WHERE sha256 = ?',
    ).get(sha256) as BlobRecord | undefined;
    return row ? { ...row } : null;
  }

  async blobUpload(sha256: string): Promise<BlobUpload | null> {
    const row = this.sql(
      `SELECT sha256, total, received, device_id AS deviceId, updated_at AS updatedAt
       FROM blob_uploads WHERE sha256 = ?`,
    ).get(sha256) as BlobUpload | undefined;
    return row ? { ...row } : null;
  }

  async saveBlobUpload(upload: BlobUpload): Promise<void> {
    this.sql(
      `INSERT INTO blob_uploads (sha256, total, received, device_id, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO UPDATE SET total = excluded.total, received = excluded.received,
         device_id = excluded.device_id, updated_at = excluded.updated_at`,
    ).run(upload.sha256, upload.total, upload.received, upload.deviceId, upload.updatedAt);
  }

  async deleteBlobUpload(sha256: string): Promise<void> {
    this.sql('DELETE FROM blob_uploads WHERE sha256 = ?').run(sha256);
  }

  async completeBlobs(records: readonly BlobRecord[]): Promise<void> {
    this.transaction(() => {
      const insert = this.sql(
        'INSERT INTO blobs (sha256, size, stored_at, uploaded_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      const ended = this.sql('DELETE FROM blob_uploads WHERE sha256 = ?');
      for (const record of records) {
        insert.run(record.sha256, record.size, record.storedAt, record.uploadedBy);
        ended.run(record.sha256);
      }
    });
  }

  async mayReadBlob(sha256: string, deviceId: string, party: Party): Promise<boolean> {
    return mayReadBlob(this.db, sha256, deviceId, party);
  }

  async catalog(): Promise<CatalogBundle | null> {
    const row = this.sql('SELECT bundle FROM catalog WHERE singleton = 1').get() as { bundle: string } | undefined;
    return row ? (JSON.parse(row.bundle) as CatalogBundle) : null;
  }

  async replaceCatalog(bundle: CatalogBundle, at: string): Promise<void> {
    this.sql(
      `INSERT INTO catalog (singleton, bundle, imported_at) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET bundle = excluded.bundle, imported_at = excluded.imported_at`,
    ).run(JSON.stringify(bundle), at);
  }

  async putAnchor(record: AnchorRecord): Promise<AnchorOutcome> {
    return anchorStore.putAnchor(this.db, record);
  }

  async anchors(deviceId: string, from: string | null, to: string | null, limit: number) {
    return anchorStore.anchors(this.db, deviceId, from, to, limit);
  }

  async reportPosition(deviceId: string, seq: number, at: string, record: boolean): Promise<PositionVerdict> {
    return this.transaction(() => positions.reportPosition(this.db, deviceId, seq, at, record));
  }

  async recordRecovery(recovery: RecoveryRecord): Promise<number> {
    return this.transaction(() => positions.recordRecovery(this.db, recovery));
  }

  async stats(): Promise<StoreStats> {
    const count = (table: string): number => (this.sql(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const bytes = (this.sql('SELECT coalesce(sum(size), 0) AS n FROM blobs').get() as { n: number }).n;
    return { devices: count('devices'), events: count('events'), cases: count('cases'), blobs: count('blobs'), bytes };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
