// The device's record of each remote (exchange server): which are enrolled,
// how the last pass went, and the status the sync screen shows — what waits
// in the outbox, what was refused, and whether the link is up.
import type { DatabaseSync } from 'node:sqlite';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import type { KeyObject } from 'node:crypto';
import { log } from '../log.ts';
import { RemoteClient, RemoteError } from './remote-client.ts';
import { pinFromStored, TrustError } from './server-trust.ts';

export interface RemoteRow {
  remote_id: string;
  region_code: string;
  name: string | null;
  url: string | null;
  server_device_id: string | null;
  pull_cursor: number;
  last_success_at: string | null;
  last_error: string | null;
  server_key_fingerprint: string | null;
  server_public_key: string | null;
  last_error_reason: string | null;
}

/** The client for a remote, bound to its pinned server key: a remote without one is refused (TrustError). */
export function clientFor(remote: RemoteRow & { url: string; server_device_id: string }, deviceKey: KeyObject) {
  const pin = pinFromStored(remote.server_key_fingerprint, remote.server_public_key);
  return new RemoteClient(remote.url, remote.server_device_id, deviceKey, pin);
}

export function remoteRow(db: DatabaseSync, remoteId: string): RemoteRow | undefined {
  return db.prepare('SELECT * FROM remotes WHERE remote_id = ?').get(remoteId) as RemoteRow | undefined;
}

/** Remotes with a server and an enrolment: the ones to sync with. */
export function enrolledRemoteIds(db: DatabaseSync): string[] {
  return (
    db.prepare('SELECT remote_id FROM remotes WHERE url IS NOT NULL AND server_device_id IS NOT NULL').all() as {
      remote_id: string;
    }[]
  ).map((row) => row.remote_id);
}

/** The outbox went through: the error of the last failure is cleared. */
export function recordSuccess(db: DatabaseSync, remoteId: string): void {
  const now = new Date().toISOString();
  db.prepare(
    'UPDATE remotes SET last_attempt_at = ?, last_success_at = ?, last_error = NULL, last_error_reason = NULL WHERE remote_id = ?',
  ).run(now, now, remoteId);
}

/**
 * A pass failed. The server's or the network's words are shown, and a reason
 * code when the server was not trusted; a failure inside this device is logged instead.
 */
export function recordFailure(db: DatabaseSync, remoteId: string, error: unknown): void {
  const known = error instanceof RemoteError || error instanceof TrustError;
  const message = known ? error.message : 'The sync failed inside this device.';
  const reason = error instanceof TrustError || error instanceof RemoteError ? (error.reason ?? null) : null;
  if (!known) log.error('sync.cycle_failed', { remoteId, error });
  if (reason) log.warn('sync.server_not_trusted', { remoteId, reason });
  db.prepare('UPDATE remotes SET last_attempt_at = ?, last_error = ?, last_error_reason = ? WHERE remote_id = ?').run(
    new Date().toISOString(),
    message,
    reason,
    remoteId,
  );
}

/** What only the running loop knows: whether the link is up, and the files being sent. */
export type LiveState = Pick<RemoteStatus, 'online' | 'sending'>;

export function remoteStatuses(db: DatabaseSync, live: (remoteId: string) => LiveState | undefined): RemoteStatus[] {
  const rows = db.prepare('SELECT * FROM remotes ORDER BY region_code').all() as unknown as RemoteRow[];
  return rows.map((row) => {
    const queue = db
      .prepare(
        `SELECT count(*) AS n, count(DISTINCT case_id) AS cases, min(enqueued_at) AS oldest
         FROM outbox_events WHERE remote_id = ?`,
      )
      .get(row.remote_id) as { n: number; cases: number; oldest: string | null };
    const blobs = db
      .prepare(
        'SELECT count(*) AS n, coalesce(sum(b.size), 0) AS bytes FROM outbox_blobs o JOIN blobs b USING (sha256) WHERE o.remote_id = ?',
      )
      .get(row.remote_id) as { n: number; bytes: number };
    const quarantined = // Refused by the server, or refused here when pulled: the quarantine view lists both.
      (
        db
          .prepare(
            `SELECT (SELECT count(*) FROM quarantine WHERE remote_id = ?1)
             + (SELECT count(*) FROM pulled_quarantine WHERE remote_id = ?1) AS n`,
          )
          .get(row.remote_id) as { n: number }
      ).n;
    const state = live(row.remote_id);
    return {
      remoteId: row.remote_id,
      regionCode: row.region_code,
      name: row.name,
      url: row.url,
      enrolled: row.server_device_id !== null,
      online: state?.online ?? null,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      lastErrorReason: row.last_error_reason,
      queueDepth: queue.n,
      queuedCases: queue.cases,
      oldestQueuedAt: queue.oldest,
      blobsLeft: blobs.n,
      bytesLeft: blobs.bytes,
      quarantined,
      sending: state?.sending ?? null,
    };
  });
}
