// The device's sync engine (DESIGN §7): per remote, blobs first, then the
// outbox's events in order within each case, then the server's events. A
// refused event goes to quarantine with its reason and blocks only its own
// case. Network failures back off exponentially with jitter and a cap; a
// local change, a reconnect or a resume runs a remote at once.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import { blobRefsOf } from '../../../shared/case/events.ts';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { BLOB_CHUNK_BYTES, type PulledEvent, type PushResult, type WireEvent } from '../../../shared/sync/protocol.ts';
import { decryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { log } from '../log.ts';
import type { BlobStore } from '../services/blobs.ts';
import { applyPulledEvent } from './apply.ts';
import { RemoteClient, RemoteError } from './remote-client.ts';
import type { DeviceKeyPair } from './signing.ts';

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;
const PUSH_BATCH = 100;
/** Scans and pushes in flight at once: enough to keep the link and the server busy, few enough to stay polite. */
export const BLOB_CONCURRENCY = 4;
export const PUSH_CONCURRENCY = 4;
/** Sent scans leave the outbox this many to a transaction: a crash before that only sends them again. */
const BLOB_DONE_BATCH = 64;

/** Exponential, capped, with ±50 % jitter so windows that lost the link together do not return together. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random()));
}

interface RemoteRow {
  remote_id: string;
  region_code: string;
  name: string | null;
  url: string | null;
  server_device_id: string | null;
  pull_cursor: number;
  last_success_at: string | null;
  last_error: string | null;
}

interface OutboxEventRow {
  event_id: string;
  case_id: string;
  type: string;
  payload_enc: string;
  actor_user_id: string;
  actor_role: Role;
  device_id: string;
  occurred_at: string;
  content_hash: string;
}

/** The blobs an event refers to: the scans of a materials check. */
/** The files an event refers to, which the server must hold before it takes the event. */
export function blobsOf(type: string, payload: unknown): string[] {
  return blobRefsOf(type, payload).map((ref) => ref.sha256);
}

/**
 * Push batches that can go at the same time: each case's events of the window
 * in one batch, in order, so no case has two batches in flight. A case with
 * more events than a batch holds is sent alone, one batch after the other.
 */
export function byCase<T extends { case_id: string }>(rows: readonly T[], size: number): T[][] {
  const cases = new Map<string, T[]>();
  for (const row of rows) cases.set(row.case_id, [...(cases.get(row.case_id) ?? []), row]);
  if ([...cases.values()].some((events) => events.length > size)) return [rows.slice(0, size)];
  const batches: T[][] = [];
  for (const events of cases.values()) {
    const last = batches.at(-1);
    if (last && last.length + events.length <= size) last.push(...events);
    else batches.push([...events]);
  }
  return batches;
}

/** Runs `work` on every item, at most `limit` at a time; after a failure starts no more, and rethrows it once all have stopped. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && failures.length === 0) {
        try {
          await work(items[next++]!);
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}

export interface SyncEngineOptions {
  db: DatabaseSync;
  keys: DeviceKeys;
  blobs: BlobStore;
  deviceKey: DeviceKeyPair;
  onCasesChanged(caseIds: string[]): void;
  onStatus(): void;
  random?: () => number;
  /** Long-poll wait when there is nothing to send. */
  pullWaitSeconds?: number;
}

class RemoteRunner {
  private readonly remoteId: string;
  private readonly engine: SyncEngine;
  private stopped = false;
  private failures = 0;
  private wake: (() => void) | null = null;
  private inFlight: AbortController | null = null;
  private again = false;
  online: boolean | null = null;
  sending: { done: number; total: number } | null = null;

  constructor(remoteId: string, engine: SyncEngine) {
    this.remoteId = remoteId;
    this.engine = engine;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.inFlight?.abort();
    this.wake?.();
  }

  /** Run now: cut a long-poll or a backoff short. */
  kick(): void {
    this.again = true;
    this.inFlight?.abort();
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.again = false;
      const abort = new AbortController();
      this.inFlight = abort;
      try {
        await this.engine.cycle(this.remoteId, abort.signal, this);
        this.failures = 0;
      } catch (error) {
        if (abort.signal.aborted) continue; // kicked or stopped
        this.failures += 1;
        this.online = error instanceof RemoteError && error.kind === 'network' ? false : this.online;
        this.engine.recordFailure(this.remoteId, error);
        if (!this.again) await this.sleep(backoffMs(this.failures, this.engine.random));
      } finally {
        this.inFlight = null;
        this.sending = null;
      }
    }
  }
}

export class SyncEngine {
  private readonly options: SyncEngineOptions;
  private readonly runners = new Map<string, RemoteRunner>();
  readonly random: () => number;

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
  }

  private get db(): DatabaseSync {
    return this.options.db;
  }

  private remote(remoteId: string): RemoteRow | undefined {
    return this.db.prepare('SELECT * FROM remotes WHERE remote_id = ?').get(remoteId) as RemoteRow | undefined;
  }

  /** Starts a runner for every enrolled remote not yet running. */
  start(): void {
    const rows = this.db
      .prepare('SELECT * FROM remotes WHERE url IS NOT NULL AND server_device_id IS NOT NULL')
      .all() as unknown as RemoteRow[];
    for (const row of rows) {
      if (this.runners.has(row.remote_id)) continue;
      const runner = new RemoteRunner(row.remote_id, this);
      this.runners.set(row.remote_id, runner);
      runner.start();
    }
  }

  stop(): void {
    for (const runner of this.runners.values()) runner.stop();
    this.runners.clear();
  }

  kick(): void {
    for (const runner of this.runners.values()) runner.kick();
  }

  recordFailure(remoteId: string, error: unknown): void {
    const message = error instanceof RemoteError ? error.message : 'The sync failed inside this device.';
    if (!(error instanceof RemoteError)) log.error('sync.cycle_failed', { remoteId, error });
    this.db
      .prepare('UPDATE remotes SET last_attempt_at = ?, last_error = ? WHERE remote_id = ?')
      .run(new Date().toISOString(), message, remoteId);
    this.options.onStatus();
  }

  /** One pass: blobs, events, then the server's events (long-polling when idle). */
  async cycle(remoteId: string, signal: AbortSignal, runner: RemoteRunner): Promise<void> {
    const remote = this.remote(remoteId);
    if (!remote?.url || !remote.server_device_id) return;
    const client = new RemoteClient(remote.url, remote.server_device_id, this.options.deviceKey.privateKey);
    await this.pushBlobs(remoteId, client, signal, runner);
    runner.sending = null;
    await this.pushEvents(remoteId, client, signal);
    runner.online = true;
    this.db
      .prepare('UPDATE remotes SET last_attempt_at = ?, last_success_at = ?, last_error = NULL WHERE remote_id = ?')
      .run(new Date().toISOString(), new Date().toISOString(), remoteId);
    this.options.onStatus();
    await this.fetchBlobs(remoteId, client, signal);
    await this.pull(remoteId, client, signal);
  }

  private async pushBlobs(
    remoteId: string,
    client: RemoteClient,
    signal: AbortSignal,
    runner: RemoteRunner,
  ): Promise<void> {
    const pending = this.db
      .prepare(
        `SELECT o.sha256, b.size FROM outbox_blobs o JOIN blobs b USING (sha256)
         WHERE o.remote_id = ? ORDER BY o.enqueued_at`,
      )
      .all(remoteId) as { sha256: string; size: number }[];
    const total = pending.reduce((sum, blob) => sum + blob.size, 0);
    let done = 0;
    const sent: string[] = [];
    const forget = (): void => {
      if (sent.length === 0) return;
      const remove = this.db.prepare('DELETE FROM outbox_blobs WHERE remote_id = ? AND sha256 = ?');
      this.transaction(() => {
        for (const sha256 of sent.splice(0)) remove.run(remoteId, sha256);
      });
    };
    runner.sending = { done, total };
    try {
      await inParallel(pending, BLOB_CONCURRENCY, async ({ sha256, size }) => {
        await this.sendBlob(client, sha256, signal, (bytes) => {
          runner.sending = { done: done + bytes, total };
          this.options.onStatus();
        });
        done += size;
        runner.sending = { done, total };
        sent.push(sha256);
        if (sent.length >= BLOB_DONE_BATCH) forget();
      });
    } finally {
      forget();
    }
  }

  private async sendBlob(
    client: RemoteClient,
    sha256: string,
    signal: AbortSignal,
    progress: (bytes: number) => void,
  ): Promise<void> {
    // Read, decrypted and checked against its name: the name is then the body's hash for the signature.
    const bytes = this.options.blobs.read(sha256);
    if (bytes.length <= BLOB_CHUNK_BYTES) {
      // One request, no HEAD: a server that holds the blob answers at once, one that holds part keeps only what is new.
      const status = await client.putBlobChunk(sha256, bytes, 0, bytes.length, signal, sha256);
      if (!status.complete) throw new RemoteError('protocol', 'The server did not keep a whole scan.');
      progress(bytes.length);
      return;
    }
    if (await client.hasBlob(sha256, signal)) return;
    // An upload cut midway goes on from where the server got to.
    for (let first = await client.blobReceived(sha256, signal); first < bytes.length; first += BLOB_CHUNK_BYTES) {
      await client.putBlobChunk(sha256, bytes.subarray(first, first + BLOB_CHUNK_BYTES), first, bytes.length, signal);
      progress(Math.min(first + BLOB_CHUNK_BYTES, bytes.length));
    }
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private wireEvent(row: OutboxEventRow): WireEvent {
    const payload = JSON.parse(
      decryptText(this.options.keys.fields, row.payload_enc, `case_events.payload:${row.event_id}`),
    ) as unknown;
    return {
      eventId: row.event_id,
      caseId: row.case_id,
      type: row.type as WireEvent['type'],
      payload,
      actor: { userId: row.actor_user_id, role: row.actor_role },
      deviceId: row.device_id,
      occurredAt: row.occurred_at,
      contentHash: row.content_hash,
      blobs: blobsOf(row.type, payload),
    };
  }

  private async pushEvents(remoteId: string, client: RemoteClient, signal: AbortSignal): Promise<void> {
    const window = this.db.prepare(
      `SELECT o.event_id, e.case_id, e.type, e.payload_enc, e.actor_user_id, e.actor_role, e.device_id, e.occurred_at,
         e.content_hash
       FROM outbox_events o JOIN case_events e USING (event_id)
       WHERE o.remote_id = ? AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.case_id = e.case_id)
       ORDER BY o.enqueued_at, e.case_id, e.case_seq LIMIT ${PUSH_BATCH * PUSH_CONCURRENCY}`,
    );
    for (;;) {
      const rows = window.all(remoteId) as unknown as OutboxEventRow[];
      if (rows.length === 0) return;
      await inParallel(byCase(rows, PUSH_BATCH), PUSH_CONCURRENCY, async (batch) => {
        const events = batch.map((row) => this.wireEvent(row));
        const results = await client.push(events, signal);
        this.settle(remoteId, events, results);
      });
    }
  }

  /** What the server said about each event, written in one transaction. */
  private settle(remoteId: string, events: WireEvent[], results: PushResult[]): void {
    const now = new Date().toISOString();
    const cases = new Set(events.map((e) => e.caseId));
    const quarantine = this.db.prepare(
      `INSERT OR REPLACE INTO quarantine (event_id, remote_id, case_id, reason, detail, winner_event_id, winner_type,
         quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const accepted = this.db.prepare('UPDATE case_events SET server_seq = ? WHERE event_id = ?');
    const sent = this.db.prepare('DELETE FROM outbox_events WHERE remote_id = ? AND event_id = ?');
    // "Still in an outbox" through the case's events (indexed by case) and the outbox's key (remote, event):
    // outbox_events has no index on case_id, and a scan of it per case made settling a big backlog quadratic.
    const queued = `EXISTS (SELECT 1 FROM case_events qe JOIN outbox_events qo
        ON qo.remote_id IN (SELECT remote_id FROM remotes) AND qo.event_id = qe.event_id AND qo.case_id = qe.case_id
        WHERE qe.case_id = ?1)`;
    const caseState = this.db.prepare(
      `UPDATE cases SET sync_state = CASE
         WHEN EXISTS (SELECT 1 FROM quarantine WHERE case_id = ?1) THEN 'quarantined'
         WHEN ${queued} THEN 'queued'
         ELSE 'synced' END,
       sub_state = CASE WHEN sub_state = 'queued' AND NOT ${queued}
         AND NOT EXISTS (SELECT 1 FROM quarantine WHERE case_id = ?1) THEN 'sent' ELSE sub_state END,
       updated_at = ?2
       WHERE case_id = ?1`,
    );
    this.db.exec('BEGIN IMMEDIATE');
    try {
      results.forEach((result, index) => {
        const event = events[index]!;
        if (result.eventId !== event.eventId) throw new RemoteError('protocol', 'The server answered out of order.');
        if (result.status === 'refused') {
          quarantine.run(
            event.eventId,
            remoteId,
            event.caseId,
            result.reason,
            result.detail ?? null,
            result.winner?.eventId ?? null,
            result.winner?.type ?? null,
            now,
          );
        } else {
          accepted.run(result.serverSeq, event.eventId);
        }
        sent.run(remoteId, event.eventId);
      });
      for (const caseId of cases) caseState.run(caseId, now);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    this.options.onCasesChanged([...cases]);
    this.options.onStatus();
  }

  private async pull(remoteId: string, client: RemoteClient, signal: AbortSignal): Promise<void> {
    for (;;) {
      const remote = this.remote(remoteId)!;
      const outboxEmpty = !this.db.prepare('SELECT 1 FROM outbox_events WHERE remote_id = ? LIMIT 1').get(remoteId);
      const { events, cursor } = await client.pull(
        remote.pull_cursor,
        outboxEmpty ? (this.options.pullWaitSeconds ?? 25) : 0,
        signal,
      );
      const changed = this.applyPulled(remoteId, events, cursor);
      if (changed.length > 0) this.options.onCasesChanged(changed);
      await this.fetchBlobs(remoteId, client, signal);
      if (events.length === 0 || !outboxEmpty) return;
    }
  }

  /** Files pulled events refer to: downloaded, checked against their hash, stored, then linked to their cases. */
  private async fetchBlobs(remoteId: string, client: RemoteClient, signal: AbortSignal): Promise<void> {
    const wanted = this.db
      .prepare('SELECT sha256, min(media_type) AS media_type FROM blob_fetches WHERE remote_id = ? GROUP BY sha256')
      .all(remoteId) as { sha256: string; media_type: string }[];
    const changed = new Set<string>();
    await inParallel(wanted, BLOB_CONCURRENCY, async ({ sha256, media_type }) => {
      const bytes = await client.getBlob(sha256, signal);
      this.options.blobs.put(bytes, media_type, null);
      this.transaction(() => {
        const cases = this.db
          .prepare(
            `INSERT OR IGNORE INTO case_blobs (case_id, sha256, material_id)
             SELECT case_id, sha256, material_id FROM blob_fetches WHERE remote_id = ? AND sha256 = ? RETURNING case_id`,
          )
          .all(remoteId, sha256) as { case_id: string }[];
        for (const { case_id } of cases) changed.add(case_id);
        this.db.prepare('DELETE FROM blob_fetches WHERE remote_id = ? AND sha256 = ?').run(remoteId, sha256);
      });
    });
    if (changed.size > 0) this.options.onCasesChanged([...changed]);
  }

  private applyPulled(remoteId: string, events: PulledEvent[], cursor: number): string[] {
    const changed = new Set<string>();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const event of events) {
        const caseId = applyPulledEvent(this.db, this.options.keys, event);
        if (caseId) changed.add(caseId);
      }
      this.db.prepare('UPDATE remotes SET pull_cursor = max(pull_cursor, ?) WHERE remote_id = ?').run(cursor, remoteId);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return [...changed];
  }

  status(): RemoteStatus[] {
    const rows = this.db.prepare('SELECT * FROM remotes ORDER BY region_code').all() as unknown as RemoteRow[];
    return rows.map((row) => {
      const queue = this.db
        .prepare(
          `SELECT count(*) AS n, count(DISTINCT case_id) AS cases, min(enqueued_at) AS oldest
           FROM outbox_events WHERE remote_id = ?`,
        )
        .get(row.remote_id) as { n: number; cases: number; oldest: string | null };
      const blobs = this.db
        .prepare(
          'SELECT count(*) AS n, coalesce(sum(b.size), 0) AS bytes FROM outbox_blobs o JOIN blobs b USING (sha256) WHERE o.remote_id = ?',
        )
        .get(row.remote_id) as { n: number; bytes: number };
      const quarantined = (
        this.db.prepare('SELECT count(*) AS n FROM quarantine WHERE remote_id = ?').get(row.remote_id) as { n: number }
      ).n;
      const runner = this.runners.get(row.remote_id);
      return {
        remoteId: row.remote_id,
        regionCode: row.region_code,
        name: row.name,
        url: row.url,
        enrolled: row.server_device_id !== null,
        online: runner?.online ?? null,
        lastSuccessAt: row.last_success_at,
        lastError: row.last_error,
        queueDepth: queue.n,
        queuedCases: queue.cases,
        oldestQueuedAt: queue.oldest,
        blobsLeft: blobs.n,
        bytesLeft: blobs.bytes,
        quarantined,
        sending: runner?.sending ?? null,
      };
    });
  }
}
