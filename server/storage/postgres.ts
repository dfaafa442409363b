// The PostgreSQL store, for `DATABASE_URL=postgres://…`. Durability is the
// database's: with its default synchronous_commit=on a COMMIT returns only once
// the write is on disk, so nothing here turns it off. Each part of the
// contract lives in its own module; this class opens the pool and hands each
// call to the module that does it.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { PulledEvent, PushResult } from '../../shared/sync/protocol.ts';
import type {
  AnchorOutcome,
  AnchorRecord,
  AppendContext,
  AppendWatcher,
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
  StatusPageRecord,
  StoreStats,
  Verdict,
} from './contract.ts';
import * as anchorStore from './postgres-anchors.ts';
import { appendEvents } from './postgres-append.ts';
import * as blobs from './postgres-blobs.ts';
import * as devices from './postgres-devices.ts';
import * as events from './postgres-events.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { openPool } from './postgres-pool.ts';
import * as positions from './postgres-positions.ts';
import * as settings from './postgres-settings.ts';
import * as statusPages from './postgres-status-pages.ts';
import { WakeListener } from './postgres-wake.ts';

export class PostgresStore implements ServerStore {
  private readonly pool: Pool;
  private readonly connectionString: string;
  /** This instance among those sharing the database: its appends' notices name it (postgres-wake.ts). */
  readonly instance = randomUUID();
  private readonly listeners = new Set<WakeListener>();

  private constructor(pool: Pool, connectionString: string) {
    this.pool = pool;
    this.connectionString = connectionString;
  }

  /** Connects and brings the database to the latest schema. */
  static async open(connectionString: string): Promise<PostgresStore> {
    const pool = openPool(connectionString);
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
      return new PostgresStore(pool, connectionString);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** The pool, for the at-rest jobs (server/at-rest/), which keep their own SQL. */
  get connections(): Pool {
    return this.pool;
  }

  region(): Promise<string | null> {
    return settings.region(this.pool);
  }

  setRegion(region: string): Promise<void> {
    return settings.setRegion(this.pool, region);
  }

  addEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    return devices.addEnrollmentCode(this.pool, code);
  }

  redeemEnrollmentCode(
    codeHash: string,
    now: string,
    device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
  ): Promise<RedeemResult> {
    return devices.redeemEnrollmentCode(this.pool, codeHash, now, device);
  }

  device(deviceId: string): Promise<DeviceRecord | null> {
    return devices.device(this.pool, deviceId);
  }

  devices(): Promise<DeviceRecord[]> {
    return devices.devices(this.pool);
  }

  revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return devices.revokeDevice(this.pool, deviceId, at);
  }

  touchDevice(deviceId: string, at: string): Promise<void> {
    return devices.touchDevice(this.pool, deviceId, at);
  }

  useNonce(deviceId: string, nonce: string, at: number): Promise<boolean> {
    return devices.useNonce(this.pool, deviceId, nonce, at);
  }

  admit(
    requests: readonly AdmitRequest[],
    touch?: { deviceIds: readonly string[]; at: string },
  ): Promise<{ device: DeviceRecord | null; fresh: boolean }[]> {
    return devices.admit(this.pool, requests, touch);
  }

  pruneNonces(before: number): Promise<void> {
    return devices.pruneNonces(this.pool, before);
  }

  async appendEvent(input: AppendInput, check: (context: AppendContext) => Verdict): Promise<PushResult> {
    return (await this.appendEvents([input], (_input, context) => check(context)))[0]!;
  }

  appendEvents(
    inputs: readonly AppendInput[],
    check: (input: AppendInput, context: AppendContext) => Verdict,
  ): Promise<PushResult[]> {
    return appendEvents(this.pool, inputs, check, this.instance);
  }

  event(eventId: string): Promise<PulledEvent | null> {
    return events.event(this.pool, eventId);
  }

  caseRecord(caseId: string): Promise<CaseRecord | null> {
    return events.caseRecord(this.pool, caseId);
  }

  pullEvents(party: Party, after: number, limit: number): Promise<{ events: PulledEvent[]; cursor: number }> {
    return events.pullEvents(this.pool, party, after, limit);
  }

  statusPages(caseNo: string): Promise<StatusPageRecord[]> {
    return statusPages.read(this.pool, caseNo);
  }

  blob(sha256: string): Promise<BlobRecord | null> {
    return blobs.blob(this.pool, sha256);
  }

  blobUpload(sha256: string): Promise<BlobUpload | null> {
    return blobs.blobUpload(this.pool, sha256);
  }

  saveBlobUpload(upload: BlobUpload): Promise<void> {
    return blobs.saveBlobUpload(this.pool, upload);
  }

  deleteBlobUpload(sha256: string): Promise<void> {
    return blobs.deleteBlobUpload(this.pool, sha256);
  }

  completeBlobs(records: readonly BlobRecord[]): Promise<void> {
    return blobs.completeBlobs(this.pool, records);
  }

  mayReadBlob(sha256: string, deviceId: string, party: Party): Promise<boolean> {
    return blobs.mayReadBlob(this.pool, sha256, deviceId, party);
  }

  catalog(): Promise<CatalogBundle | null> {
    return settings.catalog(this.pool);
  }

  replaceCatalog(bundle: CatalogBundle, at: string): Promise<void> {
    return settings.replaceCatalog(this.pool, bundle, at);
  }

  async putAnchor(record: AnchorRecord): Promise<AnchorOutcome> {
    return anchorStore.putAnchor(this.pool, record);
  }

  async anchors(deviceId: string, from: string | null, to: string | null, limit: number) {
    return anchorStore.anchors(this.pool, deviceId, from, to, limit);
  }

  reportPosition(deviceId: string, seq: number, at: string, record: boolean): Promise<PositionVerdict> {
    return positions.reportPosition(this.pool, deviceId, seq, at, record);
  }

  recordRecovery(recovery: RecoveryRecord): Promise<number> {
    return positions.recordRecovery(this.pool, recovery);
  }

  stats(): Promise<StoreStats> {
    return settings.stats(this.pool);
  }

  async watchAppends(watcher: AppendWatcher): Promise<() => Promise<void>> {
    const listener = new WakeListener(this.connectionString, this.instance, watcher);
    await listener.start();
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await listener.stop();
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener.stop()));
    this.listeners.clear();
    await this.pool.end();
  }
}
